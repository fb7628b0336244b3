//! Contacts in (CSV with a column-mapping step, vCard) and customers out as CSV.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::backup::contacts::{
    changes_for, customers_csv, read_csv, rows_from_table, rows_from_vcard, suggest_mapping, ContactField, ContactRow,
    Table,
};
use crate::domain::{AcquisitionChannel, Choices};
use crate::i18n::{t, tf};
use crate::state::{files, now, AppState};
use crate::ui::components::field::SelectField;
use crate::ui::labels::acquisition_channel;

fn field_label(f: ContactField) -> &'static str {
    match f {
        ContactField::Ignore => "(not imported)",
        ContactField::Name => t("common.name"),
        ContactField::FirstName => t("contacts.first_name"),
        ContactField::LastName => t("contacts.last_name"),
        ContactField::Company => t("common.company"),
        ContactField::Email => t("common.email"),
        ContactField::Phone => t("common.phone"),
        ContactField::Website => t("common.website"),
        ContactField::Address => t("common.address"),
        ContactField::Tags => t("common.tags"),
        ContactField::Notes => t("common.notes"),
    }
}

/// Where the contacts import stands.
#[derive(Clone)]
enum Stage {
    Idle,
    Mapping(Table),
    Checked(Vec<ContactRow>),
    Refused(String),
}

/// Import contacts from CSV or vCard; export customers as CSV.
#[component]
pub fn ContactsImport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stage = RwSignal::new(Stage::Idle);
    let mapping = RwSignal::new(Vec::<RwSignal<String>>::new());
    let channel = RwSignal::new(AcquisitionChannel::Other.key().to_string());
    let with_duplicates = RwSignal::new(false);
    let chosen_channel =
        move || AcquisitionChannel::from_key(&channel.get_untracked()).unwrap_or(AcquisitionChannel::Other);

    let export = move |_| {
        let text = state.book.with_untracked(|b| customers_csv(b, now()));
        if let Err(e) = files::download("rapport-customers.csv", "text/csv", &text) {
            state.info(tf("common.download_failed", &[("error", &e.to_string())]));
        }
    };
    let picked = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let is_vcard = file.name().to_lowercase().ends_with(".vcf") || file.type_().contains("vcard");
        spawn_local(async move {
            let text = match files::read_text(&file).await {
                Ok(t) => t,
                Err(e) => return stage.set(Stage::Refused(tf("common.file_unreadable", &[("error", &e.to_string())]))),
            };
            if is_vcard {
                let result = state.book.with_untracked(|b| rows_from_vcard(b, &text, chosen_channel(), now()));
                stage.set(match result {
                    Ok(rows) => Stage::Checked(rows),
                    Err(e) => Stage::Refused(tf("contacts.vcard_unreadable", &[("error", &e.to_string())])),
                });
            } else {
                match read_csv(&text) {
                    Ok(table) => {
                        mapping.set(
                            suggest_mapping(&table).into_iter().map(|f| RwSignal::new(f.key().to_string())).collect(),
                        );
                        stage.set(Stage::Mapping(table));
                    }
                    Err(e) => stage.set(Stage::Refused(tf("contacts.csv_unreadable", &[("error", &e.to_string())]))),
                }
            }
        });
    };
    let check = move |table: Table| {
        let fields: Vec<ContactField> =
            mapping.get_untracked().iter().map(|s| ContactField::from_key(&s.get_untracked())).collect();
        let rows = state.book.with_untracked(|b| rows_from_table(b, &table, &fields, chosen_channel(), now()));
        stage.set(Stage::Checked(rows));
    };
    let import = move |rows: Vec<ContactRow>| {
        let dup = with_duplicates.get_untracked();
        spawn_local(async move {
            match state.write_changes(move |_, now| changes_for(&rows, dup, now)).await {
                Ok(_) => {
                    state.info(t("contacts.contacts_imported_they_start_in"));
                    stage.set(Stage::Idle);
                }
                Err(e) => state.error(&e),
            }
        });
    };
    let field_options: Vec<(String, String)> =
        ContactField::ALL.iter().map(|f| (f.key().to_string(), field_label(*f).to_string())).collect();
    let channel_options: Vec<(String, String)> =
        AcquisitionChannel::ALL.iter().map(|c| (c.key().to_string(), acquisition_channel(*c).to_string())).collect();

    view! {
        <section aria-labelledby="contacts-h">
            <h2 id="contacts-h">{t("contacts.contacts")}</h2>
            <div class="actions">
                <button type="button" on:click=export data-testid="export-csv">{t("contacts.export_customers_as_csv")}</button>
            </div>
            <SelectField label=t("contacts.imported_contacts_found_you_through") name="contacts-channel" value=channel options=channel_options />
            <div class="field">
                <label for="contacts-file">{t("contacts.import_contacts_csv_from_a")}</label>
                <input id="contacts-file" type="file" accept=".csv,.vcf,text/csv,text/vcard" on:change=picked data-testid="contacts-file" />
            </div>
            {move || match stage.get() {
                Stage::Idle => ().into_any(),
                Stage::Refused(text) => view! { <p class="banner error" role="alert" data-testid="contacts-refused">{text}</p> }.into_any(),
                Stage::Mapping(table) => {
                    let preview: Vec<Vec<String>> = table.rows.iter().take(3).cloned().collect();
                    let tbl = table.clone();
                    view! {
                        <div class="panel" data-testid="contacts-mapping">
                            <p>{tf(if table.has_header { "contacts.rows_header" } else { "contacts.rows_no_header" }, &[("n", &table.rows.len().to_string())])}</p>
                            <div class="mapping">
                                {table.headers.iter().enumerate().map(|(i, header)| {
                                    let examples = preview.iter().filter_map(|r| r.get(i)).filter(|v| !v.is_empty()).cloned().collect::<Vec<_>>().join(" · ");
                                    let value = mapping.with_untracked(|m| m.get(i).copied());
                                    value.map(|value| view! {
                                        <div class="mapping-row">
                                            <SelectField label=header.clone() name=format!("map-{i}") value=value options=field_options.clone() />
                                            <p class="muted">{examples}</p>
                                        </div>
                                    })
                                }).collect_view()}
                            </div>
                            <div class="actions">
                                <button type="button" class="primary" on:click=move |_| check(tbl.clone()) data-testid="contacts-check">{t("contacts.check_contacts")}</button>
                                <button type="button" on:click=move |_| stage.set(Stage::Idle)>{t("common.cancel")}</button>
                            </div>
                        </div>
                    }.into_any()
                }
                Stage::Checked(rows) => {
                    let ready = rows.iter().filter(|r| r.problems.is_empty() && r.duplicate_of.is_none()).count();
                    let dups: Vec<ContactRow> = rows.iter().filter(|r| r.problems.is_empty() && r.duplicate_of.is_some()).cloned().collect();
                    let bad: Vec<ContactRow> = rows.iter().filter(|r| !r.problems.is_empty()).cloned().collect();
                    let all = rows.clone();
                    view! {
                        <div class="panel" data-testid="contacts-summary">
                            <p data-testid="contacts-ready">{format!("{ready} contacts are ready to import.")}</p>
                            {(!bad.is_empty()).then(|| view! {
                                <div class="banner error import-refused">
                                    <p>{tf("contacts.bad_rows", &[("n", &bad.len().to_string())])}</p>
                                    <ul data-testid="contacts-problems">
                                        {bad.iter().map(|r| view! { <li>{tf("contacts.row_problems", &[("row", &r.line.to_string()), ("problems", &r.problems.iter().map(|p| crate::i18n::message(p)).collect::<Vec<_>>().join("; "))])}</li> }).collect_view()}
                                    </ul>
                                </div>
                            })}
                            {(!dups.is_empty()).then(|| view! {
                                <div>
                                    <p data-testid="contacts-duplicates">{format!("{} contacts have an email that is already in Rapport:", dups.len())}</p>
                                    <ul>{dups.iter().map(|r| view! { <li>{tf("contacts.row_duplicate", &[("row", &r.line.to_string()), ("name", &r.draft.name), ("existing", &r.duplicate_of.clone().unwrap_or_default())])}</li> }).collect_view()}</ul>
                                    <label class="toggle">
                                        <input type="checkbox" prop:checked=move || with_duplicates.get() on:change=move |ev| with_duplicates.set(event_target_checked(&ev)) />
                                        {t("contacts.import_these_as_well")}
                                    </label>
                                </div>
                            })}
                            <div class="actions">
                                <button type="button" class="primary" on:click=move |_| import(all.clone()) data-testid="contacts-import">{t("common.import")}</button>
                                <button type="button" on:click=move |_| stage.set(Stage::Idle)>{t("common.cancel")}</button>
                            </div>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
