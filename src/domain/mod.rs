//! The pure domain core: model, phase state machine, rules, derived figures, seeding.
//! No browser APIs, no storage, no clock: time is always an argument.

pub mod book;
pub mod changes;
pub mod error;
pub mod id;
pub mod listing;
pub mod metrics;
pub mod model;
pub mod money;
pub mod ops;
pub mod phase;
pub mod playbook;
pub mod seed;
pub mod timeline;
pub mod today;
pub mod validate;

pub use book::{Book, BookData};
pub use changes::ChangeSet;
pub use error::{DomainError, FieldError};
pub use id::*;
pub use model::*;
pub use money::{Currency, Money};
pub use phase::{Phase, PhaseContext, PhaseEvent, Transition};
