//! The one place where errors become sentences a freelancer understands.

use crate::domain::DomainError;
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

/// A whole sentence for a banner or a form.
pub fn sentence(error: &AppError) -> String {
    match error {
        AppError::Domain(DomainError::Invalid(fields)) => {
            let n = fields.len();
            if n == 1 {
                "Please check the highlighted field.".to_string()
            } else {
                format!("Please check the {n} highlighted fields.")
            }
        }
        AppError::Domain(other) => capitalise(&format!("{other}.")),
        AppError::Storage(StorageError::QuotaExceeded) => {
            "Your device is out of storage space for Rapport. Nothing was changed: free some space \
             (or export a backup and remove old data), then try again."
                .to_string()
        }
        AppError::Storage(StorageError::NewerSchema { .. }) => {
            "Your data was saved by a newer version of Rapport. This version cannot open it and has not \
             touched it: reload to get the newer version."
                .to_string()
        }
        AppError::Storage(StorageError::Conflict) => {
            "This was changed in another tab a moment ago, so your change was not saved. Rapport now shows the \
             latest version: check it and make your change again."
                .to_string()
        }
        AppError::Storage(StorageError::Blocked) => {
            "Rapport is open in another tab with an older version. Close or reload that tab to continue.".to_string()
        }
        AppError::Storage(StorageError::Unavailable(_)) => {
            "This browser does not let Rapport store data (a private window may be the reason). Nothing can be saved here."
                .to_string()
        }
        AppError::Storage(e @ (StorageError::Corrupt { .. } | StorageError::Failed(_))) => {
            format!("Saving did not work, and nothing was changed ({e}). Please try again.")
        }
        AppError::NotReady => "Rapport is still opening your data. Try again in a moment.".to_string(),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
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
