//! One chronological story of a customer: every touchpoint, order event, problem,
//! concern event, follow-up and phase move, newest first.

use chrono::{DateTime, Utc};

use super::book::Book;
use super::id::*;
use super::model::*;
use super::phase::Phase;

/// What happened at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Happening {
    Touchpoint(Touchpoint),
    OrderPlaced { order: OrderId, description: String, amount: super::money::Money },
    OrderCompleted { order: OrderId, description: String },
    OrderCancelled { order: OrderId, description: String },
    Problem { order: OrderId, text: String, informed: bool, resolved: bool },
    ConcernReceived { concern: ConcernId, kind: ConcernKind, text: String },
    ConcernAnswered { concern: ConcernId, answer: String },
    ConcernResolved { concern: ConcernId },
    FollowUpDue { follow_up: FollowUpId, title: String, done: bool },
    PhaseMoved { from: Phase, to: Phase, cause: PhaseCause },
}

/// One timeline entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub at: DateTime<Utc>,
    pub what: Happening,
}

/// The customer's timeline, newest first (ties keep a stable order).
pub fn timeline(book: &Book, customer: CustomerId) -> Vec<Entry> {
    let mut out = Vec::new();
    for t in book.touchpoints_of(customer) {
        out.push(Entry { at: t.at, what: Happening::Touchpoint(t.clone()) });
    }
    for o in book.orders_of(customer) {
        out.push(Entry {
            at: o.placed_at,
            what: Happening::OrderPlaced { order: o.id, description: o.description.clone(), amount: o.amount },
        });
        if let Some(at) = o.completed_at {
            out.push(Entry { at, what: Happening::OrderCompleted { order: o.id, description: o.description.clone() } });
        }
        if let Some(at) = o.cancelled_at {
            out.push(Entry { at, what: Happening::OrderCancelled { order: o.id, description: o.description.clone() } });
        }
        for p in &o.problems {
            out.push(Entry {
                at: p.at,
                what: Happening::Problem {
                    order: o.id,
                    text: p.text.clone(),
                    informed: p.informed_at.is_some(),
                    resolved: p.resolved_at.is_some(),
                },
            });
        }
    }
    for c in book.concerns_of(customer) {
        out.push(Entry {
            at: c.received_at,
            what: Happening::ConcernReceived { concern: c.id, kind: c.kind, text: c.text.clone() },
        });
        if let Some(at) = c.answered_at {
            out.push(Entry { at, what: Happening::ConcernAnswered { concern: c.id, answer: c.answer.clone() } });
        }
        if let Some(at) = c.resolved_at {
            out.push(Entry { at, what: Happening::ConcernResolved { concern: c.id } });
        }
    }
    for f in book.follow_ups_of(customer) {
        out.push(Entry {
            at: f.done_at.unwrap_or(f.due),
            what: Happening::FollowUpDue { follow_up: f.id, title: f.title.clone(), done: f.done_at.is_some() },
        });
    }
    for p in book.phase_history(customer) {
        out.push(Entry { at: p.at, what: Happening::PhaseMoved { from: p.from, to: p.to, cause: p.cause.clone() } });
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.at));
    out
}
