//! The words the UI shows for each choice of the model, from the translation table:
//! the key is the kind and the choice's stable key, e.g. `phase.win_back`.

use crate::domain::{
    AcquisitionChannel, Choices, ConcernKind, ConcernStatus, ContactChannel, CustomerKind, Direction, OrderStatus,
    Phase, Sentiment, TouchpointKind,
};
use crate::i18n::t;

/// The kinds of choices with a label each; the translation tests walk this list.
pub const CHOICE_KINDS: [&str; 10] = [
    "phase",
    "acquisition",
    "contact_channel",
    "direction",
    "touchpoint_kind",
    "sentiment",
    "concern_kind",
    "concern_status",
    "order_status",
    "customer_kind",
];

fn label<T: Choices>(kind: &str, value: T) -> &'static str {
    t(&format!("{kind}.{}", value.key()))
}

pub fn phase_label(p: Phase) -> &'static str {
    t(&format!("phase.{}", p.key()))
}

pub fn acquisition_channel(c: AcquisitionChannel) -> &'static str {
    label("acquisition", c)
}

pub fn contact_channel(c: ContactChannel) -> &'static str {
    label("contact_channel", c)
}

pub fn direction(d: Direction) -> &'static str {
    label("direction", d)
}

pub fn touchpoint_kind(k: TouchpointKind) -> &'static str {
    label("touchpoint_kind", k)
}

pub fn sentiment(s: Sentiment) -> &'static str {
    label("sentiment", s)
}

pub fn concern_kind(k: ConcernKind) -> &'static str {
    label("concern_kind", k)
}

pub fn concern_status(s: ConcernStatus) -> &'static str {
    label("concern_status", s)
}

pub fn order_status(s: OrderStatus) -> &'static str {
    label("order_status", s)
}

pub fn customer_kind(k: CustomerKind) -> &'static str {
    label("customer_kind", k)
}
