//! The one place where errors become sentences a freelancer understands.

use crate::domain::phase::TransitionError;
use crate::domain::DomainError;
use crate::i18n::{t, tf};
use crate::storage::StorageError;

/// Why a user action did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("Rapport is still opening your data")]
    NotReady,
}

/// A whole sentence for a banner or a form, in the current language.
pub fn sentence(error: &AppError) -> String {
    match error {
        AppError::Domain(DomainError::Invalid(fields)) => {
            let n = fields.len();
            if n == 1 {
                t("error.check_field").to_string()
            } else {
                tf("error.check_fields", &[("n", &n.to_string())])
            }
        }
        AppError::Domain(other) => domain_sentence(other),
        AppError::Storage(StorageError::QuotaExceeded) => t("error.quota").to_string(),
        AppError::Storage(StorageError::NewerSchema { .. }) => t("error.newer_schema").to_string(),
        AppError::Storage(StorageError::Conflict) => t("error.conflict").to_string(),
        AppError::Storage(StorageError::Blocked) => t("error.blocked").to_string(),
        AppError::Storage(StorageError::Unavailable(_)) => t("error.unavailable").to_string(),
        AppError::Storage(e @ (StorageError::Corrupt { .. } | StorageError::Failed(_))) => {
            tf("error.failed", &[("detail", &e.to_string())])
        }
        AppError::NotReady => t("error.not_ready").to_string(),
    }
}

/// A refused domain operation as a sentence.
fn domain_sentence(e: &DomainError) -> String {
    use crate::domain::{ConcernStatus, OrderStatus};
    match e {
        DomainError::Invalid(_) => t("error.check_field").to_string(),
        DomainError::NotFound { .. } => t("error.not_found").to_string(),
        DomainError::Transition(TransitionError::MissingReason) => t("error.missing_reason").to_string(),
        DomainError::Transition(TransitionError::AlreadyInPhase(p)) => {
            tf("error.already_in_phase", &[("phase", phase_name(*p))])
        }
        DomainError::Transition(TransitionError::DormancyNotApplicable(p)) => {
            tf("error.dormancy_not_applicable", &[("phase", phase_name(*p))])
        }
        DomainError::OrderNotOpen(OrderStatus::Completed) => t("error.order_completed").to_string(),
        DomainError::OrderNotOpen(OrderStatus::Cancelled) => t("error.order_cancelled").to_string(),
        DomainError::OrderNotOpen(_) => t("error.order_open").to_string(),
        DomainError::WrongCustomer => t("error.wrong_customer").to_string(),
        DomainError::ConcernState(ConcernStatus::Open) => t("error.concern_open").to_string(),
        DomainError::ConcernState(ConcernStatus::Answered) => t("error.concern_answered").to_string(),
        DomainError::ConcernState(ConcernStatus::Resolved) => t("error.concern_resolved").to_string(),
        DomainError::FollowUpDone => t("error.follow_up_done").to_string(),
        DomainError::ProblemResolved => t("error.problem_resolved").to_string(),
    }
}

fn phase_name(p: crate::domain::Phase) -> &'static str {
    t(&format!("phase.{}", p.key()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FieldError, OrderStatus};

    #[test]
    fn every_error_kind_reads_as_a_sentence() {
        let cases = [
            AppError::Domain(DomainError::Invalid(vec![FieldError::new("name", "must not be empty")])),
            AppError::Domain(DomainError::OrderNotOpen(OrderStatus::Completed)),
            AppError::Storage(StorageError::QuotaExceeded),
            AppError::Storage(StorageError::NewerSchema { found: 3, supported: 2 }),
            AppError::Storage(StorageError::Blocked),
            AppError::Storage(StorageError::Conflict),
            AppError::Storage(StorageError::Unavailable("x".into())),
            AppError::Storage(StorageError::Failed("disk".into())),
            AppError::NotReady,
        ];
        for e in cases {
            let s = sentence(&e);
            assert!(s.chars().next().unwrap().is_uppercase(), "{s}");
            assert!(s.ends_with('.') || s.ends_with(")."), "{s}");
        }
        assert_eq!(
            sentence(&AppError::Domain(DomainError::OrderNotOpen(OrderStatus::Completed))),
            "This order is already completed."
        );
    }
}
