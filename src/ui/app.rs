//! The root component: app state, derived list data, layout and routes.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::domain::listing::{self, SearchIndex, Summary};
use crate::domain::{Choices, Theme};
use crate::state::{now, AppState};
use crate::ui::components::banners::{BackupReminder, LoadBanner, NoticeBanner, UpdateBanner};
use crate::ui::pages::backup::BackupPage;
use crate::ui::pages::{
    customer::CustomerPage, customer_edit::EditCustomerPage, customer_new::NewCustomerPage, customers::CustomersPage,
    not_found::NotFound, settings::SettingsPage,
};

/// Per-customer summaries and the search index, derived from the committed book and
/// shared by every screen that lists customers.
#[derive(Clone, Copy)]
pub struct ListData {
    pub summaries: Memo<Arc<Vec<Summary>>>,
    pub index: Memo<Arc<SearchIndex>>,
}

fn always_changed<T>(_: Option<&T>, _: Option<&T>) -> bool {
    true
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    let summaries =
        Memo::new_with_compare(move |_| Arc::new(state.book.with(|b| listing::summaries(b, now()))), always_changed);
    let index = Memo::new_with_compare(move |_| Arc::new(state.book.with(SearchIndex::build)), always_changed);
    provide_context(ListData { summaries, index });
    state.start();
    // The theme setting: "system" leaves it to the device's preference.
    Effect::new(move |_| {
        let theme = state.book.with(|b| b.settings.theme);
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = match theme {
                Theme::System => root.remove_attribute("data-theme"),
                other => root.set_attribute("data-theme", other.key()),
            };
        }
    });

    view! {
        <Router>
            <a class="skip" href="#main">"Skip to content"</a>
            <header class="topbar">
                <a class="brand" href="/">"Rapport"</a>
                <nav class="mainnav" aria-label="Main">
                    <A href="/customers">"Customers"</A>
                    <A href="/customers/new">"New"</A>
                    <A href="/backup">"Backup"</A>
                    <A href="/settings">"Settings"</A>
                </nav>
            </header>
            <div class="banners">
                <UpdateBanner />
                <BackupReminder />
                <LoadBanner />
                <NoticeBanner />
            </div>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=CustomersPage />
                    <Route path=path!("/customers") view=CustomersPage />
                    <Route path=path!("/customers/new") view=NewCustomerPage />
                    <Route path=path!("/customers/:id") view=CustomerPage />
                    <Route path=path!("/customers/:id/edit") view=EditCustomerPage />
                    <Route path=path!("/settings") view=SettingsPage />
                    <Route path=path!("/backup") view=BackupPage />
                </Routes>
            </main>
        </Router>
    }
}
