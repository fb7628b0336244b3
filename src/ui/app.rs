//! The root component: app state, derived list data, layout and routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::domain::listing::ListCache;
use crate::domain::{Choices, Theme};
use crate::i18n::{self, t, Locale};
use crate::state::{now, AppState};
use crate::ui::components::banners::{BackupReminder, LoadBanner, NoticeBanner, UpdateBanner};
use crate::ui::pages::backup::BackupPage;
use crate::ui::pages::{
    board::BoardPage, customer::CustomerPage, customer_edit::EditCustomerPage, customer_new::NewCustomerPage,
    customers::CustomersPage, help::HelpPage, insights::InsightsPage, not_found::NotFound, settings::SettingsPage,
    today::TodayPage, win_back::WinBackPage,
};

/// The list screen's data (summaries, search index, name order) for the committed book,
/// with the journal generation it reflects.
pub struct Listed {
    generation: u64,
    /// When the whole cache was last built: figures that depend on the time (at risk)
    /// are refreshed by a full build at least hourly.
    built_at: chrono::DateTime<chrono::Utc>,
    pub cache: ListCache,
}

/// Shared by every screen that lists customers: patched after each small commit, built
/// again after loading, restoring or a large change.
#[derive(Clone, Copy)]
pub struct ListData {
    pub list: Memo<Listed>,
}

fn list_data(state: AppState) -> ListData {
    let list = Memo::new_owning(move |prev: Option<Listed>| {
        let journal = state.journal.get_value();
        let listed = state.book.with(|b| {
            let at = now();
            match (prev, journal.last.as_deref()) {
                (Some(mut p), Some(changes))
                    if journal.generation == p.generation + 1 && at - p.built_at < chrono::Duration::hours(1) =>
                {
                    p.cache.patch(b, changes, at);
                    p.generation = journal.generation;
                    p
                }
                _ => Listed { generation: journal.generation, built_at: at, cache: ListCache::build(b, at) },
            }
        });
        (listed, true)
    });
    ListData { list }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    provide_context(list_data(state));
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

    // The language: the setting, else the browser's; the whole tree is rebuilt when it
    // changes, so every text is read again from the table.
    let browser = browser_languages();
    let locale = Memo::new(move |_| state.book.with(|b| Locale::resolve(&b.settings.locale, &browser)));
    move || {
        let locale = locale.get();
        i18n::set_locale(locale);
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", locale.tag());
        }
        view! { <Shell /> }
    }
}

/// The languages the browser asks for, most preferred first.
fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let mut tags: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if let Some(first) = navigator.language() {
        tags.push(first);
    }
    tags
}

/// Layout, navigation and routes in the current language.
#[component]
fn Shell() -> impl IntoView {
    view! {
        <Router>
            <a class="skip" href="#main">{t("nav.skip")}</a>
            <header class="topbar">
                <a class="brand" href="/">"Rapport"</a>
                <nav class="mainnav" aria-label=t("nav.label")>
                    <A href="/" exact=true>{t("nav.today")}</A>
                    <A href="/customers" exact=true>{t("nav.customers")}</A>
                    <A href="/board">{t("nav.board")}</A>
                    <A href="/win-back">{t("nav.win_back")}</A>
                    <A href="/insights">{t("nav.insights")}</A>
                    <A href="/customers/new">{t("nav.new")}</A>
                    <A href="/backup">{t("nav.backup")}</A>
                    <A href="/settings">{t("nav.settings")}</A>
                    <A href="/help">{t("nav.help")}</A>
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
                    <Route path=path!("/") view=TodayPage />
                    <Route path=path!("/board") view=BoardPage />
                    <Route path=path!("/win-back") view=WinBackPage />
                    <Route path=path!("/insights") view=InsightsPage />
                    <Route path=path!("/help") view=HelpPage />
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
