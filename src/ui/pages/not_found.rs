//! The page for addresses Rapport does not know.

use leptos::prelude::*;

/// Says the page does not exist and links home.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>"Page not found"</h1>
            <p>"This address does not exist in Rapport."</p>
            <a href="/customers">"Go to your customers"</a>
        </section>
    }
}
