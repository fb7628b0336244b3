//! Backup: export the book, import (replace or merge) with a preview, restore a snapshot.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::backup::merge::{plan_merge, preview_replace, Preview};
use crate::backup::read::{read_backup, ImportError, ValidBackup};
use crate::domain::Book;
use crate::i18n::{t, tf};
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
            <h1>{t("backup.backup")}</h1>
            <p>{t("backup.your_customers_live_only_on")}</p>
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
                Ok(()) => state.info(t("backup.backup_saved_keep_the_file")),
                Err(e) => state.error(&e),
            }
        })
    };
    let download = move |_| {
        let (name, text) = state.backup_file();
        match files::download(&name, MIME, &text) {
            Ok(()) => saved(),
            Err(e) => state.info(tf("common.download_failed", &[("error", &e.to_string())])),
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
            <h2 id="export-h">{t("backup.make_a_backup")}</h2>
            <p data-testid="last-backup">
                {move || match last.get() {
                    Some(at) => tf("backup.last_backup_at", &[("when", &format::date_time(at)), ("ago", &format::days_from(at, now()))]),
                    None => t("backup.no_backup_made_yet").to_string(),
                }}
            </p>
            <div class="actions">
                <button type="button" class="primary" on:click=download data-testid="download-backup">{t("backup.download_backup")}</button>
                {files::can_share_files().then(|| view! { <button type="button" on:click=share>{t("backup.share_backup")}</button> })}
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
                    step.set(Step::Refused {
                        summary: tf("common.file_unreadable", &[("error", &e.to_string())]),
                        problems: vec![],
                    });
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
                                list.push(tf("backup.more_problems", &[("n", &(total - problems.len()).to_string())]));
                            }
                            list
                        }
                        _ => Vec::new(),
                    };
                    let summary = format!("{}.", capitalised(&e.to_string()));
                    Step::Refused { summary: format!("{summary} {}", t("backup.nothing_imported")), problems }
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
                state.import_replace(backup.data).await.map(|_| t("backup.backup_restored_a_safety_copy"))
            } else {
                state.import_merge(backup.data).await.map(|_| t("backup.backup_merged"))
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
            <h2 id="import-h">{t("backup.restore_or_merge_a_backup")}</h2>
            <div class="field">
                <label for="backup-file">{t("backup.backup_file_json")}</label>
                <input id="backup-file" type="file" accept=".json,application/json" on:change=picked data-testid="backup-file" />
            </div>
            {move || match step.get() {
                Step::Idle => ().into_any(),
                Step::Checking => view! {
                    <p role="status">{t("backup.checking_the_file")} <progress aria-label=t("backup.checking_the_file_2")></progress></p>
                }.into_any(),
                Step::Writing => view! {
                    <p role="status">{t("backup.importing")} <progress aria-label=t("backup.importing_2")></progress></p>
                }.into_any(),
                Step::Refused { summary, problems } => view! {
                    <div class="banner error import-refused" role="alert" data-testid="import-refused">
                        <p>{summary}</p>
                        <ul data-testid="import-problems">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                }.into_any(),
                Step::Ready { backup, replace, merge } => view! {
                    <div class="panel" data-testid="import-preview">
                        <p>{tf("backup.header", &[
                            ("when", &format::date_time(backup.header.exported_at)),
                            ("version", &backup.header.app_version),
                            ("n", &crate::i18n::number(backup.header.counts.customers as i64)),
                        ])}</p>
                        <fieldset>
                            <legend>{t("backup.how_to_import")}</legend>
                            <label class="toggle">
                                <input type="radio" name="import-mode" value="merge" prop:checked=move || mode.get() == "merge" on:change=move |_| mode.set("merge".into()) />
                                {t("backup.merge_keep_what_is_here")}
                            </label>
                            <label class="toggle">
                                <input type="radio" name="import-mode" value="replace" prop:checked=move || mode.get() == "replace" on:change=move |_| mode.set("replace".into()) data-testid="mode-replace" />
                                {t("backup.replace_the_file_becomes_your")}
                            </label>
                        </fieldset>
                        {move || {
                            let p = if mode.get() == "replace" { replace.clone() } else { merge.clone() };
                            view! { <PreviewTable preview=p /> }
                        }}
                        <div class="actions">
                            <button type="button" class="primary" on:click=confirm data-testid="confirm-import">{t("common.import")}</button>
                            <button type="button" on:click=move |_| step.set(Step::Idle)>{t("common.cancel")}</button>
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
        "customers" => t("common.customers"),
        "touchpoints" => t("backup.contacts_logged"),
        "orders" => t("common.orders"),
        "concerns" => t("common.concerns"),
        "follow_ups" => t("common.followups"),
        _ => t("backup.phase_moves"),
    }
}

/// Added / updated / unchanged / deleted per record type.
#[component]
fn PreviewTable(preview: Preview) -> impl IntoView {
    view! {
        <table class="preview" data-testid="preview-table">
            <caption>{t("backup.what_will_change")}</caption>
            <thead>
                <tr><th scope="col">{t("backup.records")}</th><th scope="col">{t("backup.added")}</th><th scope="col">{t("backup.updated")}</th><th scope="col">{t("backup.unchanged")}</th><th scope="col">{t("backup.deleted")}</th></tr>
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
        {preview.settings_changed.then(|| view! { <p>{t("backup.settings_will_change_too")}</p> })}
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
                Ok(None) => return state.info(t("backup.that_snapshot_no_longer_exists")),
                Err(e) => return state.error(&e),
            };
            match read_backup(&text) {
                Ok(b) => match state.import_replace(b.data).await {
                    Ok(()) => {
                        state.info(tf("backup.snapshot_restored", &[("when", &format::date_time(info.taken_at))]));
                        refresh.update(|n| *n += 1);
                    }
                    Err(e) => state.error(&e),
                },
                Err(e) => state.info(tf("backup.snapshot_unreadable", &[("error", &e.to_string())])),
            }
        });
    };
    view! {
        <section aria-labelledby="snapshots-h">
            <h2 id="snapshots-h">{t("backup.snapshots_on_this_device")}</h2>
            <p>{t("backup.rapport_keeps_a_copy_of")}</p>
            <ul class="cards" data-testid="snapshots">
                {move || list.get().map(|items| items.into_iter().map(|info| {
                    let label = match info.reason {
                        SnapshotReason::Daily => t("backup.daily_copy"),
                        SnapshotReason::BeforeReplace => t("backup.before_a_restore"),
                    };
                    let item = info.clone();
                    view! {
                        <li class="card snapshot" data-testid="snapshot">
                            <span>{tf("backup.snapshot_line", &[("label", label), ("when", &format::date_time(info.taken_at)), ("n", &crate::i18n::number(info.customers as i64)), ("mb", &crate::i18n::decimal_in(crate::i18n::locale(), &format!("{:.1}", info.bytes as f64 / 1e6)))])}</span>
                            <button type="button" class="small" on:click=move |_| restore(item.clone())>{t("common.restore")}</button>
                        </li>
                    }
                }).collect_view())}
            </ul>
        </section>
    }
}
