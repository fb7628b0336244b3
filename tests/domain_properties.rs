//! Property tests: no action sequence panics, histories replay to the stored phase,
//! and every record type survives a JSON round trip unchanged.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use rapport::domain::ops::{self, ConcernDraft, CustomerDraft, OrderDraft, ProblemStep, TouchpointDraft};
use rapport::domain::*;

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, 8, 0, 0).unwrap()
}

/// A user action, with indices into the book's current customers/orders/concerns.
#[derive(Debug, Clone)]
enum Action {
    AddCustomer,
    Touch {
        who: usize,
        two_way: bool,
        back_days: i64,
    },
    Place {
        who: usize,
    },
    Start {
        which: usize,
    },
    Complete {
        which: usize,
        back_days: i64,
    },
    Cancel {
        which: usize,
    },
    Problem {
        which: usize,
    },
    ProblemStep {
        which: usize,
    },
    Concern {
        who: usize,
    },
    Answer {
        which: usize,
    },
    Resolve {
        which: usize,
    },
    Manual {
        who: usize,
        to: usize,
        reason: String,
    },
    Archive {
        who: usize,
        archived: bool,
    },
    Dormancy,
    Delete {
        who: usize,
    },
    /// An event about an order that does not exist.
    Phantom,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        2 => Just(Action::AddCustomer),
        3 => (any::<usize>(), any::<bool>(), 0_i64..30).prop_map(|(who, two_way, back_days)| Action::Touch { who, two_way, back_days }),
        3 => any::<usize>().prop_map(|who| Action::Place { who }),
        1 => any::<usize>().prop_map(|which| Action::Start { which }),
        3 => (any::<usize>(), -3_i64..3).prop_map(|(which, back_days)| Action::Complete { which, back_days }),
        1 => any::<usize>().prop_map(|which| Action::Cancel { which }),
        1 => any::<usize>().prop_map(|which| Action::Problem { which }),
        1 => any::<usize>().prop_map(|which| Action::ProblemStep { which }),
        1 => any::<usize>().prop_map(|who| Action::Concern { who }),
        1 => any::<usize>().prop_map(|which| Action::Answer { which }),
        1 => any::<usize>().prop_map(|which| Action::Resolve { which }),
        1 => (any::<usize>(), 0_usize..6, "[ a-z]{0,6}").prop_map(|(who, to, reason)| Action::Manual { who, to, reason }),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(who, archived)| Action::Archive { who, archived }),
        1 => Just(Action::Dormancy),
        1 => any::<usize>().prop_map(|who| Action::Delete { who }),
        1 => Just(Action::Phantom),
    ]
}

fn nth<T: Copy>(list: &[T], i: usize) -> Option<T> {
    (!list.is_empty()).then(|| list[i % list.len()])
}

/// Runs the actions, one simulated day (or more) apart; returns the book.
fn play(actions: &[Action], day_step: i64) -> Book {
    let mut book = Book::new(Settings::new(base()));
    book.settings.dormancy_days = 30;
    let mut now = base();
    for a in actions {
        now += Duration::days(day_step);
        let mut customers: Vec<CustomerId> = book.customers().map(|c| c.id).collect();
        customers.sort();
        let mut orders: Vec<OrderId> = book.all_orders().map(|o| o.id).collect();
        orders.sort();
        let mut concerns: Vec<ConcernId> = book.all_concerns().map(|c| c.id).collect();
        concerns.sort();
        let result: Result<ops::Outcome, DomainError> = match a {
            Action::AddCustomer => ops::add_customer(&CustomerDraft::named("P", AcquisitionChannel::Other), now),
            Action::Touch { who, two_way, back_days } => match nth(&customers, *who) {
                Some(id) => ops::log_touchpoint(
                    &book,
                    &TouchpointDraft {
                        customer_id: id,
                        at: now - Duration::days(*back_days),
                        channel: ContactChannel::Email,
                        direction: Direction::Inbound,
                        kind: TouchpointKind::Email,
                        two_way: *two_way,
                        summary: String::new(),
                        sentiment: Sentiment::Neutral,
                    },
                    now,
                ),
                None => continue,
            },
            Action::Place { who } => match nth(&customers, *who) {
                Some(id) => ops::place_order(
                    &book,
                    &OrderDraft { customer_id: id, placed_at: now, description: "job".into(), amount: "10".into() },
                    now,
                ),
                None => continue,
            },
            Action::Start { which } => match nth(&orders, *which) {
                Some(o) => ops::start_order(&book, o, now),
                None => continue,
            },
            Action::Complete { which, back_days } => match nth(&orders, *which) {
                Some(o) => ops::complete_order(&book, o, now - Duration::days(*back_days), now),
                None => continue,
            },
            Action::Cancel { which } => match nth(&orders, *which) {
                Some(o) => ops::cancel_order(&book, o, now, now),
                None => continue,
            },
            Action::Problem { which } => match nth(&orders, *which) {
                Some(o) => ops::record_problem(&book, o, "late", now, now),
                None => continue,
            },
            Action::ProblemStep { which } => match nth(&orders, *which).and_then(|o| book.order(o)) {
                Some(o) => match o.problems.first() {
                    Some(p) => ops::update_problem(&book, o.id, p.id, ProblemStep::Resolved, now, now),
                    None => continue,
                },
                None => continue,
            },
            Action::Concern { who } => match nth(&customers, *who) {
                Some(id) => ops::receive_concern(
                    &book,
                    &ConcernDraft {
                        customer_id: id,
                        kind: ConcernKind::Question,
                        received_at: now,
                        channel: ContactChannel::Phone,
                        text: "?".into(),
                    },
                    now,
                ),
                None => continue,
            },
            Action::Answer { which } => match nth(&concerns, *which) {
                Some(c) => ops::answer_concern(&book, c, "yes", now, now),
                None => continue,
            },
            Action::Resolve { which } => match nth(&concerns, *which) {
                Some(c) => ops::resolve_concern(&book, c, now, now),
                None => continue,
            },
            Action::Manual { who, to, reason } => match nth(&customers, *who) {
                Some(id) => ops::move_phase(&book, id, Phase::ALL[*to], reason, now),
                None => continue,
            },
            Action::Archive { who, archived } => match nth(&customers, *who) {
                Some(id) => ops::set_archived(&book, id, *archived, now),
                None => continue,
            },
            Action::Dormancy => Ok(ops::run_dormancy_check(&book, now)),
            Action::Delete { who } => match nth(&customers, *who) {
                Some(id) => Ok(ops::Outcome { changes: ops::delete_customers(&book, &[id], now), moved: None }),
                None => continue,
            },
            Action::Phantom => ops::complete_order(&book, OrderId::random(), now, now),
        };
        if let Ok(outcome) = result {
            // Every move in an outcome is also in its change set, with the customer.
            if let Some(m) = &outcome.moved {
                assert!(outcome.changes.phase_changes.contains(m));
                assert!(outcome.changes.customers.iter().any(|c| c.id == m.customer_id && c.phase == m.to));
            }
            book.apply(outcome.changes);
        }
    }
    book
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// (a) and (b): any action sequence runs without panicking, and every customer's
    /// recorded history replays from Attention to the phase stored on the customer.
    #[test]
    fn histories_replay_to_the_stored_phase(actions in prop::collection::vec(action(), 1..80), step in 1_i64..20) {
        let book = play(&actions, step);
        for c in book.customers() {
            prop_assert_eq!(book.replayed_phase(c.id), Ok(c.phase), "customer {}", c.id);
            let history = book.phase_history(c.id);
            for pair in history.windows(2) {
                prop_assert!(pair[0].at <= pair[1].at, "history out of time order");
                prop_assert_eq!(pair[0].seq + 1, pair[1].seq);
            }
        }
        // The derived figures never panic either.
        let now = base() + Duration::days(5000);
        let _ = metrics::funnel(&book, None);
        for c in book.customers() {
            let f = metrics::customer_figures(&book, c, now);
            prop_assert!(f.lifetime_value >= 0);
        }
    }

    /// The transition function never panics, whatever the phase, event and context.
    #[test]
    fn transition_is_total(phase in 0_usize..6, event in 0_usize..6, to in 0_usize..6, done in 0_u32..4, open in 0_u32..3, before in proptest::option::of(0_usize..6), days_ago in proptest::option::of(0_i64..1000), reason in ".{0,4}") {
        let ctx = PhaseContext {
            completed_orders: done,
            other_open_orders: open,
            phase_before_purchase: before.map(|i| Phase::ALL[i]),
            last_purchase_at: days_ago.map(|d| base() - Duration::days(d)),
            dormancy_days: 365,
        };
        let event = match event {
            0 => PhaseEvent::Contacted,
            1 => PhaseEvent::OrderPlaced,
            2 => PhaseEvent::OrderCompleted,
            3 => PhaseEvent::OrderCancelled,
            4 => PhaseEvent::DormancyElapsed(base()),
            _ => PhaseEvent::Manual { to: Phase::ALL[to], reason },
        };
        let from = Phase::ALL[phase];
        if let Ok(Transition::Move(p)) = phase::transition(from, &event, &ctx) {
            prop_assert_ne!(p, from, "a move always changes the phase");
        }
    }
}

fn timestamp() -> impl Strategy<Value = DateTime<Utc>> {
    (0_i64..4_000_000_000, 0_u32..1_000_000_000).prop_map(|(s, n)| Utc.timestamp_opt(s, n).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// (c) Every record type survives JSON unchanged, including odd text and timestamps.
    #[test]
    fn every_record_type_round_trips_through_json(
        seed in any::<u64>(),
        size in 1_usize..25,
        text in any::<String>(),
        at in timestamp(),
        minor in 0_i64..money::MAX_MINOR,
    ) {
        let mut data = seed::seed_book(size, base() + Duration::days(1500), seed, seed % 2 == 0);
        if let Some(c) = data.customers.first_mut() {
            c.name = text.clone();
            c.notes = text.clone();
            c.custom_fields.insert(text.clone(), text.clone());
            c.updated_at = at;
            c.deleted_at = Some(at);
        }
        if let Some(o) = data.orders.first_mut() {
            o.amount.minor = minor;
            o.description = text.clone();
        }
        if let Some(t) = data.touchpoints.first_mut() {
            t.summary = text.clone();
            t.at = at;
        }
        if let Some(p) = data.phase_changes.first_mut() {
            p.cause = PhaseCause::Manual { reason: text.clone() };
        }
        data.follow_ups.push(FollowUp { id: FollowUpId::random(), customer_id: None, title: text.clone(), due: at, done_at: Some(at), created_at: at, updated_at: at, deleted_at: None });
        data.concerns.push(Concern {
            id: ConcernId::random(), customer_id: CustomerId::random(), kind: ConcernKind::Request, received_at: at,
            channel: ContactChannel::Letter, text: text.clone(), status: ConcernStatus::Resolved, answer: text.clone(),
            answered_at: Some(at), resolved_at: Some(at), due_by: at, created_at: at, updated_at: at, deleted_at: None,
        });
        data.settings.owner_name = text;
        let json = serde_json::to_string(&data).unwrap();
        let back: BookData = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &data);
        // And through the in-memory book, which must not lose or alter any record.
        let mut via_book = Book::from_data(back).to_data();
        via_book.settings = data.settings.clone();
        let mut sorted = data.clone();
        sorted.sort();
        prop_assert_eq!(via_book, sorted);
    }
}

use rapport::domain::{metrics, money, phase, seed};
