//! The actions of the customer page, one short form or panel each, and the helper
//! that runs them and says what changed.

pub mod concerns;
pub mod follow_ups;
pub mod move_phase;
pub mod orders;
pub mod touchpoint;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::ops::Outcome;
use crate::domain::{Book, DomainError};
use crate::state::{AppError, AppState};

/// Runs `op`; on success says what changed (a phase move is named) and calls `done`;
/// validation problems go to `errors` for the form to show at each field.
pub fn submit(
    state: AppState,
    errors: RwSignal<Option<DomainError>>,
    saved: &'static str,
    done: impl FnOnce() + 'static,
    op: impl FnOnce(&Book, DateTime<Utc>) -> Result<Outcome, DomainError> + 'static,
) {
    spawn_local(async move {
        match state.run(op).await {
            Ok(outcome) => {
                errors.set(None);
                match &outcome.moved {
                    Some(m) => state.info(format!(
                        "{saved} {}",
                        crate::i18n::tf("notice.moved_to", &[("phase", crate::ui::labels::phase_label(m.to))])
                    )),
                    None => state.info(saved),
                }
                done();
            }
            Err(AppError::Domain(e @ DomainError::Invalid(_))) => errors.set(Some(e)),
            Err(e) => state.error(&e),
        }
    });
}

/// A date field's value as a time, or a validation error naming the field.
pub fn date_or_error(value: &str, field: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, DomainError> {
    crate::ui::format::parse_input_date(value, now).ok_or_else(|| DomainError::invalid(field, "must be a date"))
}

/// The options of a select for every value of a choice enum.
pub fn options<T: crate::domain::Choices>(label: fn(T) -> &'static str) -> Vec<(String, String)> {
    T::ALL.iter().map(|v| (v.key().to_string(), label(*v).to_string())).collect()
}

/// A button that opens a panel; the panel closes itself after saving.
#[component]
pub fn Disclosure(#[prop(into)] label: String, #[prop(into)] testid: String, open: RwSignal<bool>) -> impl IntoView {
    view! {
        <button
            type="button"
            class:active=move || open.get()
            aria-expanded=move || open.get().to_string()
            data-testid=testid
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {label}
        </button>
    }
}
