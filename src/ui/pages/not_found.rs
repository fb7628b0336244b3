//! The page for addresses Rapport does not know.

use crate::i18n::t;
use leptos::prelude::*;

/// Says the page does not exist and links home.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{t("notfound.page_not_found")}</h1>
            <p>{t("notfound.this_address_does_not_exist")}</p>
            <a href="/customers">{t("notfound.go_to_your_customers")}</a>
        </section>
    }
}
