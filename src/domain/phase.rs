//! The six lifecycle phases and the pure state machine that moves customers between them.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Where a customer stands in the lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Attention,
    Trust,
    Purchase,
    AfterPurchase,
    Commitment,
    WinBack,
}

impl Phase {
    pub const ALL: [Phase; 6] =
        [Phase::Attention, Phase::Trust, Phase::Purchase, Phase::AfterPurchase, Phase::Commitment, Phase::WinBack];

    /// Position 0..=5 in the cycle, for arrays indexed by phase.
    pub fn index(self) -> usize {
        match self {
            Phase::Attention => 0,
            Phase::Trust => 1,
            Phase::Purchase => 2,
            Phase::AfterPurchase => 3,
            Phase::Commitment => 4,
            Phase::WinBack => 5,
        }
    }

    /// Stable key (the serde name), used in URLs, forms and translations.
    pub fn key(self) -> &'static str {
        match self {
            Phase::Attention => "attention",
            Phase::Trust => "trust",
            Phase::Purchase => "purchase",
            Phase::AfterPurchase => "after_purchase",
            Phase::Commitment => "commitment",
            Phase::WinBack => "win_back",
        }
    }

    pub fn from_key(key: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The name the freelancer sees (English; the UI translates by key).
    pub fn label(self) -> &'static str {
        match self {
            Phase::Attention => "Attention",
            Phase::Trust => "Creating trust",
            Phase::Purchase => "Purchase",
            Phase::AfterPurchase => "After purchase",
            Phase::Commitment => "Commitment",
            Phase::WinBack => "Winning back",
        }
    }
}

/// Something that happened to a customer that may move them to another phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhaseEvent {
    /// A two-way interaction was logged.
    Contacted,
    OrderPlaced,
    OrderCompleted,
    OrderCancelled,
    /// The dormancy check ran at this instant.
    DormancyElapsed(DateTime<Utc>),
    /// The user moved the customer by hand, saying why.
    Manual {
        to: Phase,
        reason: String,
    },
}

/// What the machine needs to know about the customer besides the phase. The
/// counts describe the state *before* the event is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseContext {
    /// Completed orders before this event (the event's own order not counted).
    pub completed_orders: u32,
    /// Open orders other than the one this event is about.
    pub other_open_orders: u32,
    /// The phase the customer was in before the latest move into Purchase.
    pub phase_before_purchase: Option<Phase>,
    /// Completion time of the latest completed order.
    pub last_purchase_at: Option<DateTime<Utc>>,
    /// Days without a completed purchase that make a customer a former customer.
    pub dormancy_days: u32,
}

impl PhaseContext {
    /// A context for a customer with no orders at all.
    pub fn fresh(dormancy_days: u32) -> Self {
        PhaseContext {
            completed_orders: 0,
            other_open_orders: 0,
            phase_before_purchase: None,
            last_purchase_at: None,
            dormancy_days,
        }
    }

    /// Whether the customer has gone `dormancy_days` without a completed purchase at `now`.
    pub fn is_dormant_at(&self, now: DateTime<Utc>) -> bool {
        match self.last_purchase_at {
            Some(last) => self.other_open_orders == 0 && now - last >= Duration::days(i64::from(self.dormancy_days)),
            None => false,
        }
    }
}

/// The machine's answer: stay, or move to another phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    Stay,
    Move(Phase),
}

/// Why an event cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a manual phase move needs a reason")]
    MissingReason,
    #[error("the customer is already in {}", .0.label())]
    AlreadyInPhase(Phase),
    #[error("the dormancy check does not apply to customers in {}", .0.label())]
    DormancyNotApplicable(Phase),
}

/// Where a completed order takes a customer: the first completion leads to After
/// purchase, any later one to Commitment.
fn after_completion(ctx: &PhaseContext) -> Phase {
    if ctx.completed_orders == 0 {
        Phase::AfterPurchase
    } else {
        Phase::Commitment
    }
}

/// Where a customer with `n` completed orders belongs when no other rule says.
fn phase_for_completed(n: u32) -> Phase {
    match n {
        0 => Phase::Trust,
        1 => Phase::AfterPurchase,
        _ => Phase::Commitment,
    }
}

/// Moves to `to` unless the customer is already there.
fn towards(from: Phase, to: Phase) -> Transition {
    if from == to {
        Transition::Stay
    } else {
        Transition::Move(to)
    }
}

/// The phase state machine of DESIGN.md §1.1: one pure function, no clock, no I/O.
pub fn transition(phase: Phase, event: &PhaseEvent, ctx: &PhaseContext) -> Result<Transition, TransitionError> {
    use Phase::*;
    use PhaseEvent::*;
    let outcome = match (phase, event) {
        (Attention, Contacted) => Transition::Move(Trust),
        (Trust | Purchase | AfterPurchase | Commitment, Contacted) => Transition::Stay,
        // A two-way contact with a former customer is a win-back attempt, not yet a return.
        (WinBack, Contacted) => Transition::Stay,

        (Attention | Trust | WinBack, OrderPlaced) => Transition::Move(Purchase),
        (Purchase | AfterPurchase | Commitment, OrderPlaced) => Transition::Stay,

        (Attention | Trust | Purchase | WinBack, OrderCompleted) => Transition::Move(after_completion(ctx)),
        (AfterPurchase, OrderCompleted) => Transition::Move(Commitment),
        (Commitment, OrderCompleted) => Transition::Stay,

        (Purchase, OrderCancelled) => {
            if ctx.other_open_orders > 0 {
                Transition::Stay
            } else if ctx.completed_orders == 0 {
                Transition::Move(Trust)
            } else {
                let back = match ctx.phase_before_purchase {
                    Some(Attention | Trust | Purchase) | None => phase_for_completed(ctx.completed_orders),
                    Some(p) => p,
                };
                Transition::Move(back)
            }
        }
        (Attention | Trust | AfterPurchase | Commitment | WinBack, OrderCancelled) => Transition::Stay,

        (AfterPurchase | Commitment, DormancyElapsed(now)) => {
            if ctx.is_dormant_at(*now) {
                Transition::Move(WinBack)
            } else {
                Transition::Stay
            }
        }
        (WinBack, DormancyElapsed(_)) => Transition::Stay,
        (Attention | Trust | Purchase, DormancyElapsed(_)) => {
            return Err(TransitionError::DormancyNotApplicable(phase));
        }

        (_, Manual { to, reason }) => {
            if reason.trim().is_empty() {
                return Err(TransitionError::MissingReason);
            }
            if *to == phase {
                return Err(TransitionError::AlreadyInPhase(phase));
            }
            towards(phase, *to)
        }
    };
    Ok(outcome)
}

/// Why a recorded phase history does not hold together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("move {seq} starts from {} but the customer was in {}", .from.label(), .expected.label())]
    Broken { seq: u32, from: Phase, expected: Phase },
    #[error("move {seq} goes from {} to the same phase", .0.label(), seq = .1)]
    NoMove(Phase, u32),
}

/// Replays a customer's recorded moves `(seq, from, to)`, in order, from Attention,
/// checking that each starts where the previous ended; returns the final phase.
pub fn replay(moves: impl IntoIterator<Item = (u32, Phase, Phase)>) -> Result<Phase, ReplayError> {
    let mut phase = Phase::Attention;
    for (seq, from, to) in moves {
        if from != phase {
            return Err(ReplayError::Broken { seq, from, expected: phase });
        }
        if from == to {
            return Err(ReplayError::NoMove(from, seq));
        }
        phase = to;
    }
    Ok(phase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use Phase::*;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap()
    }

    /// Context shapes used by the table.
    #[derive(Clone, Copy, Debug)]
    enum Ctx {
        /// No orders ever.
        New,
        /// One completed order, latest completion 10 days before the event.
        OneDone,
        /// Two completed orders, latest 400 days before the event (dormant at 365).
        TwoDoneLongAgo,
        /// One completed order, came into Purchase from Winning back.
        ReactivatedFromWinBack,
        /// Another order is still open.
        OtherOpen,
    }

    fn ctx(kind: Ctx) -> PhaseContext {
        let mut c = PhaseContext::fresh(365);
        match kind {
            Ctx::New => {}
            Ctx::OneDone => {
                c.completed_orders = 1;
                c.last_purchase_at = Some(t0() - Duration::days(10));
            }
            Ctx::TwoDoneLongAgo => {
                c.completed_orders = 2;
                c.last_purchase_at = Some(t0() - Duration::days(400));
            }
            Ctx::ReactivatedFromWinBack => {
                c.completed_orders = 1;
                c.last_purchase_at = Some(t0() - Duration::days(500));
                c.phase_before_purchase = Some(WinBack);
            }
            Ctx::OtherOpen => {
                c.completed_orders = 1;
                c.other_open_orders = 1;
                c.last_purchase_at = Some(t0() - Duration::days(400));
            }
        }
        c
    }

    fn manual(to: Phase) -> PhaseEvent {
        PhaseEvent::Manual { to, reason: "talked on the phone".into() }
    }

    /// Expected outcome written as: Ok(Some(p)) = move to p, Ok(None) = stay, Err = error.
    type Want = Result<Option<Phase>, TransitionError>;

    /// One row per (phase, event) pair of DESIGN.md §1.1, with the context that matters.
    fn table() -> Vec<(Phase, PhaseEvent, Ctx, Want)> {
        use PhaseEvent::*;
        let dormant = DormancyElapsed(t0());
        vec![
            // Contacted
            (Attention, Contacted, Ctx::New, Ok(Some(Trust))),
            (Trust, Contacted, Ctx::New, Ok(None)),
            (Purchase, Contacted, Ctx::New, Ok(None)),
            (AfterPurchase, Contacted, Ctx::OneDone, Ok(None)),
            (Commitment, Contacted, Ctx::TwoDoneLongAgo, Ok(None)),
            (WinBack, Contacted, Ctx::TwoDoneLongAgo, Ok(None)),
            // OrderPlaced
            (Attention, OrderPlaced, Ctx::New, Ok(Some(Purchase))),
            (Trust, OrderPlaced, Ctx::New, Ok(Some(Purchase))),
            (Purchase, OrderPlaced, Ctx::New, Ok(None)),
            (AfterPurchase, OrderPlaced, Ctx::OneDone, Ok(None)),
            (Commitment, OrderPlaced, Ctx::TwoDoneLongAgo, Ok(None)),
            (WinBack, OrderPlaced, Ctx::TwoDoneLongAgo, Ok(Some(Purchase))),
            // OrderCompleted: first completion → After purchase, later ones → Commitment
            (Attention, OrderCompleted, Ctx::New, Ok(Some(AfterPurchase))),
            (Attention, OrderCompleted, Ctx::OneDone, Ok(Some(Commitment))),
            (Trust, OrderCompleted, Ctx::New, Ok(Some(AfterPurchase))),
            (Trust, OrderCompleted, Ctx::OneDone, Ok(Some(Commitment))),
            (Purchase, OrderCompleted, Ctx::New, Ok(Some(AfterPurchase))),
            (Purchase, OrderCompleted, Ctx::OneDone, Ok(Some(Commitment))),
            (AfterPurchase, OrderCompleted, Ctx::OneDone, Ok(Some(Commitment))),
            (Commitment, OrderCompleted, Ctx::TwoDoneLongAgo, Ok(None)),
            (WinBack, OrderCompleted, Ctx::TwoDoneLongAgo, Ok(Some(Commitment))),
            (WinBack, OrderCompleted, Ctx::New, Ok(Some(AfterPurchase))),
            // OrderCancelled
            (Attention, OrderCancelled, Ctx::New, Ok(None)),
            (Trust, OrderCancelled, Ctx::New, Ok(None)),
            (Purchase, OrderCancelled, Ctx::New, Ok(Some(Trust))),
            (Purchase, OrderCancelled, Ctx::ReactivatedFromWinBack, Ok(Some(WinBack))),
            (Purchase, OrderCancelled, Ctx::OneDone, Ok(Some(AfterPurchase))),
            (Purchase, OrderCancelled, Ctx::TwoDoneLongAgo, Ok(Some(Commitment))),
            (Purchase, OrderCancelled, Ctx::OtherOpen, Ok(None)),
            (AfterPurchase, OrderCancelled, Ctx::OneDone, Ok(None)),
            (Commitment, OrderCancelled, Ctx::TwoDoneLongAgo, Ok(None)),
            (WinBack, OrderCancelled, Ctx::TwoDoneLongAgo, Ok(None)),
            // DormancyElapsed
            (Attention, dormant.clone(), Ctx::New, Err(TransitionError::DormancyNotApplicable(Attention))),
            (Trust, dormant.clone(), Ctx::New, Err(TransitionError::DormancyNotApplicable(Trust))),
            (Purchase, dormant.clone(), Ctx::OneDone, Err(TransitionError::DormancyNotApplicable(Purchase))),
            (AfterPurchase, dormant.clone(), Ctx::OneDone, Ok(None)),
            (AfterPurchase, dormant.clone(), Ctx::TwoDoneLongAgo, Ok(Some(WinBack))),
            (Commitment, dormant.clone(), Ctx::TwoDoneLongAgo, Ok(Some(WinBack))),
            (Commitment, dormant.clone(), Ctx::OneDone, Ok(None)),
            (Commitment, dormant.clone(), Ctx::OtherOpen, Ok(None)),
            (WinBack, dormant, Ctx::TwoDoneLongAgo, Ok(None)),
            // Manual: any phase to any other, with a reason
            (Attention, manual(Commitment), Ctx::New, Ok(Some(Commitment))),
            (Trust, manual(Attention), Ctx::New, Ok(Some(Attention))),
            (Purchase, manual(Trust), Ctx::New, Ok(Some(Trust))),
            (AfterPurchase, manual(WinBack), Ctx::OneDone, Ok(Some(WinBack))),
            (Commitment, manual(AfterPurchase), Ctx::OneDone, Ok(Some(AfterPurchase))),
            (WinBack, manual(Commitment), Ctx::OneDone, Ok(Some(Commitment))),
            (Trust, manual(Trust), Ctx::New, Err(TransitionError::AlreadyInPhase(Trust))),
            (
                Trust,
                PhaseEvent::Manual { to: Purchase, reason: "  ".into() },
                Ctx::New,
                Err(TransitionError::MissingReason),
            ),
        ]
    }

    #[test]
    fn transition_table_matches_the_design() {
        for (phase, event, kind, want) in table() {
            let got = transition(phase, &event, &ctx(kind)).map(|t| match t {
                Transition::Stay => None,
                Transition::Move(p) => Some(p),
            });
            assert_eq!(got, want, "{phase:?} + {event:?} with {kind:?}");
        }
    }

    #[test]
    fn every_phase_and_event_kind_has_a_row() {
        let rows = table();
        for phase in Phase::ALL {
            for kind in ["contacted", "placed", "completed", "cancelled", "dormancy", "manual"] {
                let present = rows.iter().any(|(p, e, _, _)| {
                    *p == phase
                        && kind
                            == match e {
                                PhaseEvent::Contacted => "contacted",
                                PhaseEvent::OrderPlaced => "placed",
                                PhaseEvent::OrderCompleted => "completed",
                                PhaseEvent::OrderCancelled => "cancelled",
                                PhaseEvent::DormancyElapsed(_) => "dormancy",
                                PhaseEvent::Manual { .. } => "manual",
                            }
                });
                assert!(present, "no table row for {phase:?} + {kind}");
            }
        }
    }

    #[test]
    fn dormancy_starts_exactly_at_the_threshold() {
        let mut c = PhaseContext::fresh(30);
        c.completed_orders = 1;
        c.last_purchase_at = Some(t0());
        assert!(!c.is_dormant_at(t0() + Duration::days(30) - Duration::seconds(1)));
        assert!(c.is_dormant_at(t0() + Duration::days(30)));
        assert!(!PhaseContext::fresh(30).is_dormant_at(t0() + Duration::days(1000)));
    }

    #[test]
    fn replay_follows_the_chain_and_reports_breaks() {
        assert_eq!(replay([]), Ok(Attention));
        assert_eq!(replay([(1, Attention, Trust), (2, Trust, Purchase)]), Ok(Purchase));
        assert_eq!(
            replay([(1, Attention, Trust), (2, Purchase, AfterPurchase)]),
            Err(ReplayError::Broken { seq: 2, from: Purchase, expected: Trust })
        );
        assert_eq!(replay([(1, Attention, Attention)]), Err(ReplayError::NoMove(Attention, 1)));
    }

    #[test]
    fn phase_keys_round_trip() {
        for p in Phase::ALL {
            assert_eq!(Phase::from_key(p.key()), Some(p));
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{}\"", p.key()));
            assert_eq!(Phase::ALL[p.index()], p);
        }
        assert_eq!(Phase::from_key("nope"), None);
    }
}
