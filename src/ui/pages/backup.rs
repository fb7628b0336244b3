//! Backup: export the book, import (replace or merge) with a preview, restore a snapshot.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::backup::merge::{plan_merge, preview_replace, Preview};
use crate::backup::read::{read_backup, ImportError, ValidBackup};
use crate::domain::Book;
use crate::state::{files, now, AppState};
use crate::storage::{SnapshotInfo, SnapshotReason};
use crate::ui::components::contacts_import::ContactsImport;
use crate::ui::format;

const MIME: &str = "application/json";

/// The backup screen.
#[component]
pub fn BackupPage() -> impl IntoView {
    let refresh = RwSignal::new(0_u32);
    view! {
        <section class="page">
            <h1>"Backup"</h1>
            <p>"Your customers live only on this device. A backup file keeps them safe and moves them to another device."</p>
            <ExportBackup />
            <ImportBackup refresh=refresh />
            <Snapshots refresh=refresh />
            <ContactsImport />
        </section>
    }
}

/// "Last backup …" and the buttons that make one.
#[component]
fn ExportBackup() -> impl IntoView {
    let state = expect_context::<AppState>();
    let last = Memo::new(move |_| state.book.with(|b| b.settings.last_backup_at));
    let saved = move || {
        spawn_local(async move {
            match state.backup_made().await {
                Ok(()) => state.info("Backup saved. Keep the file somewhere safe (another device, a cloud drive)."),
                Err(e) => state.error(&e),
            }
        })
    };
    let download = move |_| {
        let (name, text) = state.backup_file();
        match files::download(&name, MIME, &text) {
            Ok(()) => saved(),
            Err(e) => state.info(format!("The download did not start: {e}")),
        }
    };
    let share = move |_| {
        let (name, text) = state.backup_file();
        spawn_local(async move {
            if files::share_file(&name, MIME, &text).await.is_ok() {
                saved();
            }
        });
    };
    view! {
        <section aria-labelledby="export-h">
            <h2 id="export-h">"Make a backup"</h2>
            <p data-testid="last-backup">
                {move || match last.get() {
                    Some(at) => format!("Last backup: {} ({}).", format::date_time(at), format::days_from(at, now())),
                    None => "No backup made yet.".to_string(),
                }}
            </p>
            <div class="actions">
                <button type="button" class="primary" on:click=download data-testid="download-backup">"Download backup"</button>
                {files::can_share_files().then(|| view! { <button type="button" on:click=share>"Share backup"</button> })}
            </div>
        </section>
    }
}

/// The state of the import panel.
#[derive(Clone)]
enum Step {
    Idle,
    Checking,
    Refused { summary: String, problems: Vec<String> },
    Ready { backup: Box<ValidBackup>, replace: Preview, merge: Preview },
    Writing,
}

/// Pick a file, see what it holds, choose replace or merge, confirm.
#[component]
fn ImportBackup(refresh: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let step = RwSignal::new(Step::Idle);
    let mode = RwSignal::new("merge".to_string());
    let picked = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        step.set(Step::Checking);
        spawn_local(async move {
            files::next_frame().await;
            let text = match files::read_text(&file).await {
                Ok(t) => t,
                Err(e) => {
                    step.set(Step::Refused { summary: format!("The file could not be read: {e}."), problems: vec![] });
                    return;
                }
            };
            step.set(match read_backup(&text) {
                Ok(backup) => {
                    let current = state.book.with_untracked(Book::to_data);
                    let replace = preview_replace(&current, &backup.data);
                    let (_, merge) = plan_merge(&current, &backup.data, now());
                    Step::Ready { backup: Box::new(backup), replace, merge }
                }
                Err(e) => {
                    let problems = match &e {
                        ImportError::Invalid { problems, total } => {
                            let mut list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                            if *total > problems.len() {
                                list.push(format!("…and {} more problems", total - problems.len()));
                            }
                            list
                        }
                        _ => Vec::new(),
                    };
                    let summary = format!("{}.", capitalised(&e.to_string()));
                    Step::Refused {
                        summary: format!("{summary} Nothing was imported; your data is unchanged."),
                        problems,
                    }
                }
            });
        });
    };
    let confirm = move |_| {
        let Step::Ready { backup, .. } = step.get_untracked() else { return };
        let replace = mode.get_untracked() == "replace";
        step.set(Step::Writing);
        spawn_local(async move {
            files::next_frame().await;
            let result = if replace {
                state
                    .import_replace(backup.data)
                    .await
                    .map(|_| "Backup restored. A safety copy of your previous data is listed under “Snapshots”.")
            } else {
                state.import_merge(backup.data).await.map(|_| "Backup merged.")
            };
            match result {
                Ok(text) => {
                    state.info(text);
                    step.set(Step::Idle);
                    refresh.update(|n| *n += 1);
                }
                Err(e) => {
                    state.error(&e);
                    step.set(Step::Idle);
                }
            }
        });
    };
    view! {
        <section aria-labelledby="import-h">
            <h2 id="import-h">"Restore or merge a backup"</h2>
            <div class="field">
                <label for="backup-file">"Backup file (.json)"</label>
                <input id="backup-file" type="file" accept=".json,application/json" on:change=picked data-testid="backup-file" />
            </div>
            {move || match step.get() {
                Step::Idle => ().into_any(),
                Step::Checking => view! {
                    <p role="status">"Checking the file…" <progress aria-label="Checking the file"></progress></p>
                }.into_any(),
                Step::Writing => view! {
                    <p role="status">"Importing…" <progress aria-label="Importing"></progress></p>
                }.into_any(),
                Step::Refused { summary, problems } => view! {
                    <div class="banner error import-refused" role="alert" data-testid="import-refused">
                        <p>{summary}</p>
                        <ul data-testid="import-problems">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                }.into_any(),
                Step::Ready { backup, replace, merge } => view! {
                    <div class="panel" data-testid="import-preview">
                        <p>{format!(
                            "Backup of {} made by Rapport {}: {} customers.",
                            format::date_time(backup.header.exported_at),
                            backup.header.app_version,
                            backup.header.counts.customers
                        )}</p>
                        <fieldset>
                            <legend>"How to import"</legend>
                            <label class="toggle">
                                <input type="radio" name="import-mode" value="merge" prop:checked=move || mode.get() == "merge" on:change=move |_| mode.set("merge".into()) />
                                "Merge: keep what is here, add and update from the file (the newer version of each record wins)"
                            </label>
                            <label class="toggle">
                                <input type="radio" name="import-mode" value="replace" prop:checked=move || mode.get() == "replace" on:change=move |_| mode.set("replace".into()) data-testid="mode-replace" />
                                "Replace: the file becomes your data (a safety copy of the current data is kept)"
                            </label>
                        </fieldset>
                        {move || {
                            let p = if mode.get() == "replace" { replace.clone() } else { merge.clone() };
                            view! { <PreviewTable preview=p /> }
                        }}
                        <div class="actions">
                            <button type="button" class="primary" on:click=confirm data-testid="confirm-import">"Import"</button>
                            <button type="button" on:click=move |_| step.set(Step::Idle)>"Cancel"</button>
                        </div>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| f.to_uppercase().collect::<String>() + c.as_str())
}

fn type_label(key: &str) -> &'static str {
    match key {
        "customers" => "Customers",
        "touchpoints" => "Contacts logged",
        "orders" => "Orders",
        "concerns" => "Concerns",
        "follow_ups" => "Follow-ups",
        _ => "Phase moves",
    }
}

/// Added / updated / unchanged / deleted per record type.
#[component]
fn PreviewTable(preview: Preview) -> impl IntoView {
    view! {
        <table class="preview" data-testid="preview-table">
            <caption>"What will change"</caption>
            <thead>
                <tr><th scope="col">"Records"</th><th scope="col">"Added"</th><th scope="col">"Updated"</th><th scope="col">"Unchanged"</th><th scope="col">"Deleted"</th></tr>
            </thead>
            <tbody>
                {preview.rows().into_iter().map(|(key, c)| view! {
                    <tr data-type=key>
                        <th scope="row">{type_label(key)}</th>
                        <td>{c.added}</td><td>{c.updated}</td><td>{c.unchanged}</td><td>{c.deleted}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {preview.settings_changed.then(|| view! { <p>"Settings will change too."</p> })}
    }
}

/// The local snapshots with a restore button each.
#[component]
fn Snapshots(refresh: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list = LocalResource::new(move || {
        refresh.track();
        state.load.track();
        async move { state.snapshots().await.unwrap_or_default() }
    });
    let restore = move |info: SnapshotInfo| {
        spawn_local(async move {
            let text = match state.snapshot_text(&info.id).await {
                Ok(Some(t)) => t,
                Ok(None) => return state.info("That snapshot no longer exists."),
                Err(e) => return state.error(&e),
            };
            match read_backup(&text) {
                Ok(b) => match state.import_replace(b.data).await {
                    Ok(()) => {
                        state.info(format!("Restored the snapshot of {}.", format::date_time(info.taken_at)));
                        refresh.update(|n| *n += 1);
                    }
                    Err(e) => state.error(&e),
                },
                Err(e) => state.info(format!("That snapshot cannot be read: {e}.")),
            }
        });
    };
    view! {
        <section aria-labelledby="snapshots-h">
            <h2 id="snapshots-h">"Snapshots on this device"</h2>
            <p>"Rapport keeps a copy of your data every day (the last 7) and before every restore (the last 5)."</p>
            <ul class="cards" data-testid="snapshots">
                {move || list.get().map(|items| items.into_iter().map(|info| {
                    let label = match info.reason {
                        SnapshotReason::Daily => "Daily copy",
                        SnapshotReason::BeforeReplace => "Before a restore",
                    };
                    let item = info.clone();
                    view! {
                        <li class="card snapshot" data-testid="snapshot">
                            <span>{format!("{label}, {}: {} customers, {:.1} MB", format::date_time(info.taken_at), info.customers, info.bytes as f64 / 1e6)}</span>
                            <button type="button" class="small" on:click=move |_| restore(item.clone())>"Restore"</button>
                        </li>
                    }
                }).collect_view())}
            </ul>
        </section>
    }
}
