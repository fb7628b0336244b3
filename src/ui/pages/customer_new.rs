//! Adding a customer.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::domain::ops::{self, CustomerDraft};
use crate::domain::{AcquisitionChannel, DomainError};
use crate::i18n::{t, tf};
use crate::state::{AppError, AppState};
use crate::ui::components::customer_form::CustomerForm;

/// The empty customer form; saves and opens the new customer.
#[component]
pub fn NewCustomerPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let errors = RwSignal::new(None::<DomainError>);
    let busy = RwSignal::new(false);
    let on_submit = Callback::new(move |draft: CustomerDraft| {
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            match state.run(|_, now| ops::add_customer(&draft, now)).await {
                Ok(outcome) => {
                    errors.set(None);
                    if let Some(c) = outcome.changes.customers.first() {
                        state.info(tf("new.added", &[("name", &c.name)]));
                        navigate(&format!("/customers/{}", c.id), NavigateOptions::default());
                    }
                }
                Err(AppError::Domain(e @ DomainError::Invalid(_))) => errors.set(Some(e)),
                Err(e) => state.error(&e),
            }
            busy.set(false);
        });
    });
    view! {
        <section class="page">
            <h1>{t("common.add_customer")}</h1>
            <CustomerForm
                initial=CustomerDraft::named("", AcquisitionChannel::Referral)
                errors=errors
                busy=busy.into()
                submit_label=t("new.save_customer")
                on_submit=on_submit
            />
        </section>
    }
}
