//! Banners across the top: loading progress, errors and notices, updates, reloads.

use leptos::prelude::*;

use crate::domain::metrics::{backup_due, BackupDue};
use crate::i18n::{t, tf};
use crate::state::{pwa, AppState, LoadState, NoticeKind};

/// Loading progress while the book opens, or why it could not be opened.
#[component]
pub fn LoadBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || match state.load.get() {
        LoadState::Opening => {
            view! { <p class="banner info" role="status">{t("banners.opening_your_customers")}</p> }.into_any()
        }
        LoadState::Customers { count, loaded, total } => {
            let percent = (loaded * 100).checked_div(total).unwrap_or(0);
            view! {
                <div class="banner info" role="status">
                    <span>{tf("banners.loading_history", &[("n", &crate::i18n::number(count as i64))])}</span>
                    <progress max="100" value=percent.to_string() aria-label=t("banners.history_loaded")>{crate::ui::format::percent(percent as f64 / 100.0)}</progress>
                </div>
            }
            .into_any()
        }
        LoadState::Ready => ().into_any(),
        LoadState::Failed(text) => {
            view! { <p class="banner error" role="alert" data-testid="load-error">{text}</p> }.into_any()
        }
    }
}

/// The latest notice or error, dismissible.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.notice.get().map(|n| {
            let class = match n.kind {
                NoticeKind::Info => "banner info",
                NoticeKind::Error => "banner error",
            };
            let role = if n.kind == NoticeKind::Error { "alert" } else { "status" };
            view! {
                <div class=class role=role data-testid="notice">
                    <span>{n.text}</span>
                    <button type="button" class="link" on:click=move |_| state.notice.set(None)>{t("banners.dismiss")}</button>
                </div>
            }
        })
    }
}

/// "Update available — reload" when a new version waits; "reload" when another tab upgraded the data.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.update_ready.get()>
            <div class="banner info" role="status" data-testid="update-banner">
                <span>{t("banners.a_new_version_of_rapport")}</span>
                <button type="button" on:click=move |_| pwa::apply_update()>{t("banners.reload_to_update")}</button>
            </div>
        </Show>
        <Show when=move || state.reload_needed.get()>
            <div class="banner error" role="alert">
                <span>{t("banners.rapport_was_updated_in_another")}</span>
                <button type="button" on:click=move |_| reload_page()>{t("banners.reload")}</button>
            </div>
        </Show>
    }
}

fn reload_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// "Last backup N days ago": shown when the last backup is older than the reminder setting.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = expect_context::<AppState>();
    let due = Memo::new(move |_| {
        if state.load.get() != LoadState::Ready {
            return None;
        }
        state.book.with(|b| backup_due(b, crate::state::now())).map(|due| match due {
            BackupDue::Never => t("banners.you_have_not_made_a").to_string(),
            BackupDue::DaysOld(days) => tf("banners.backup_days_old", &[("n", &days.to_string())]),
        })
    });
    move || {
        due.get().map(|text| {
            view! {
                <div class="banner info" role="status" data-testid="backup-reminder">
                    <span>{text}</span>
                    <a href="/backup">{t("banners.back_up_now")}</a>
                </div>
            }
        })
    }
}
