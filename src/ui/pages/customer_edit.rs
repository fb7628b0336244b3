//! Editing a customer's contact details.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::customer_id_param;
use crate::domain::ops::{self, CustomerDraft};
use crate::domain::DomainError;
use crate::i18n::t;
use crate::state::{AppError, AppState};
use crate::ui::components::customer_form::CustomerForm;

/// The customer form prefilled; saves and returns to the customer.
#[component]
pub fn EditCustomerPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = customer_id_param();
    let navigate = use_navigate();
    let errors = RwSignal::new(None::<DomainError>);
    let busy = RwSignal::new(false);
    let draft = Memo::new(move |_| {
        id.get().and_then(|id| state.book.with(|b| b.customer(id).map(CustomerDraft::from_customer)))
    });
    move || match (id.get(), draft.get()) {
        (Some(id), Some(initial)) => {
            let navigate = navigate.clone();
            let on_submit = Callback::new(move |d: CustomerDraft| {
                let navigate = navigate.clone();
                busy.set(true);
                spawn_local(async move {
                    match state.run(|b, now| ops::edit_customer(b, id, &d, now)).await {
                        Ok(_) => {
                            errors.set(None);
                            state.info(t("edit.changes_saved"));
                            navigate(&format!("/customers/{id}"), NavigateOptions::default());
                        }
                        Err(AppError::Domain(e @ DomainError::Invalid(_))) => errors.set(Some(e)),
                        Err(e) => state.error(&e),
                    }
                    busy.set(false);
                });
            });
            view! {
                <section class="page">
                    <h1>{t("edit.edit_customer")}</h1>
                    <CustomerForm
                        initial=initial
                        errors=errors
                        busy=busy.into()
                        submit_label=t("edit.save_changes")
                        on_submit=on_submit
                    />
                    <a href=format!("/customers/{id}")>"Cancel"</a>
                </section>
            }
            .into_any()
        }
        _ => view! {
            <section class="page">
                <h1>{t("common.customer_not_found")}</h1>
                <a href="/customers">{t("common.back_to_customers")}</a>
            </section>
        }
        .into_any(),
    }
}
