//! Banners across the top: loading progress, errors and notices, updates, reloads.

use leptos::prelude::*;

use crate::domain::metrics::{backup_due, BackupDue};
use crate::state::{pwa, AppState, LoadState, NoticeKind};

/// Loading progress while the book opens, or why it could not be opened.
#[component]
pub fn LoadBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || match state.load.get() {
        LoadState::Opening => view! { <p class="banner info" role="status">"Opening your customers…"</p> }.into_any(),
        LoadState::Customers { count, loaded, total } => {
            let percent = (loaded * 100).checked_div(total).unwrap_or(0);
            view! {
                <div class="banner info" role="status">
                    <span>{format!("{count} customers loaded; loading their history…")}</span>
                    <progress max="100" value=percent.to_string() aria-label="History loaded">{format!("{percent}%")}</progress>
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
                    <button type="button" class="link" on:click=move |_| state.notice.set(None)>"Dismiss"</button>
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
                <span>"A new version of Rapport is ready."</span>
                <button type="button" on:click=move |_| pwa::apply_update()>"Reload to update"</button>
            </div>
        </Show>
        <Show when=move || state.reload_needed.get()>
            <div class="banner error" role="alert">
                <span>"Rapport was updated in another tab. Reload this tab to keep working safely."</span>
                <button type="button" on:click=move |_| reload_page()>"Reload"</button>
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
            BackupDue::Never => "You have not made a backup yet.".to_string(),
            BackupDue::DaysOld(days) => format!("Your last backup is {days} days old."),
        })
    });
    move || {
        due.get().map(|text| {
            view! {
                <div class="banner info" role="status" data-testid="backup-reminder">
                    <span>{text}</span>
                    <a href="/backup">"Back up now"</a>
                </div>
            }
        })
    }
}
