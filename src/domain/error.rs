//! The domain's one error type; the UI turns it into sentences.

use std::fmt;

use super::model::{ConcernStatus, OrderStatus};
use super::phase::TransitionError;

/// One problem with one field: `field` is a path such as `emails[1]` or `orders[3].amount`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError { field: field.into(), message: message.into() }
    }

    /// For a field inside a list (`templates[2].name` with list `templates`): the item's
    /// index and the field within it (`(2, "name")`). None for fields outside that list.
    pub fn in_list(&self, list: &str) -> Option<(usize, &str)> {
        let rest = self.field.strip_prefix(list)?.strip_prefix('[')?;
        let (index, after) = rest.split_once(']')?;
        Some((index.parse().ok()?, after.trim_start_matches('.')))
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Why a domain operation was refused. Never a panic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("{}", join(.0))]
    Invalid(Vec<FieldError>),
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: String },
    #[error("{0}")]
    Transition(#[from] TransitionError),
    #[error("this order is already {}", status_word(*.0))]
    OrderNotOpen(OrderStatus),
    #[error("this order belongs to another customer")]
    WrongCustomer,
    #[error("this concern is {}, so that cannot be done", concern_word(*.0))]
    ConcernState(ConcernStatus),
    #[error("this follow-up is already done")]
    FollowUpDone,
    #[error("this problem is already resolved")]
    ProblemResolved,
}

impl DomainError {
    pub fn invalid(field: &str, message: &str) -> Self {
        DomainError::Invalid(vec![FieldError::new(field, message)])
    }

    /// The field errors, if this is a validation error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            DomainError::Invalid(list) => list,
            _ => &[],
        }
    }

    /// The message for one field, if any (forms show it next to the input).
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.field_errors().iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }
}

fn join(list: &[FieldError]) -> String {
    list.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

fn status_word(s: OrderStatus) -> &'static str {
    match s {
        OrderStatus::Placed => "placed",
        OrderStatus::InProgress => "in progress",
        OrderStatus::Completed => "completed",
        OrderStatus::Cancelled => "cancelled",
    }
}

fn concern_word(s: ConcernStatus) -> &'static str {
    match s {
        ConcernStatus::Open => "still open",
        ConcernStatus::Answered => "already answered",
        ConcernStatus::Resolved => "already resolved",
    }
}
