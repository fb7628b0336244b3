//! Moving a customer to another phase by hand, with a reason.

use leptos::prelude::*;

use super::submit;
use crate::domain::{ops, CustomerId, DomainError, Phase};
use crate::i18n::t;
use crate::state::AppState;
use crate::ui::components::field::{field_error, SelectField, TextField};

/// Choose a phase and say why; `on_done` runs after the move is saved, `on_cancel`
/// (when given) adds a Cancel button.
#[component]
pub fn MovePhase(
    customer: CustomerId,
    current: Phase,
    #[prop(into)] on_done: Callback<()>,
    #[prop(optional, into)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(None::<DomainError>);
    let first_other = Phase::ALL.into_iter().find(|p| *p != current).unwrap_or(Phase::Trust);
    let to = RwSignal::new(first_other.key().to_string());
    let reason = RwSignal::new(String::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let target = Phase::from_key(&to.get_untracked()).unwrap_or(first_other);
        let why = reason.get_untracked();
        submit(
            state,
            errors,
            t("move.phase_changed"),
            move || on_done.run(()),
            move |b, now| ops::move_phase(b, customer, target, &why, now),
        );
    };
    let choices: Vec<(String, String)> = Phase::ALL
        .into_iter()
        .filter(|p| *p != current)
        .map(|p| (p.key().to_string(), crate::ui::labels::phase_label(p).to_string()))
        .collect();
    view! {
        <form class="form panel" on:submit=save novalidate=true data-testid="move-form">
            <h2>{t("move.move_to_another_phase")}</h2>
            <SelectField label=t("move.new_phase") name="move-to" value=to options=choices />
            <TextField label=t("move.reason") name="move-reason" value=reason error=field_error(errors, "reason") required=true />
            <div class="actions">
                <button type="submit" class="primary">{t("move.move")}</button>
                {on_cancel.map(|cancel| view! {
                    <button type="button" on:click=move |_| cancel.run(())>{t("common.cancel")}</button>
                })}
            </div>
        </form>
    }
}
