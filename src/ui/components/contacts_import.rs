//! Contacts in (CSV with a column-mapping step, vCard) and customers out as CSV.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::backup::contacts::{
    changes_for, customers_csv, read_csv, rows_from_table, rows_from_vcard, suggest_mapping, ContactField, ContactRow,
    Table,
};
use crate::domain::{AcquisitionChannel, Choices};
use crate::state::{files, now, AppState};
use crate::ui::components::customer_form::channel_label;
use crate::ui::components::field::SelectField;

fn field_label(f: ContactField) -> &'static str {
    match f {
        ContactField::Ignore => "(not imported)",
        ContactField::Name => "Name",
        ContactField::FirstName => "First name",
        ContactField::LastName => "Last name",
        ContactField::Company => "Company",
        ContactField::Email => "Email",
        ContactField::Phone => "Phone",
        ContactField::Website => "Website",
        ContactField::Address => "Address",
        ContactField::Tags => "Tags",
        ContactField::Notes => "Notes",
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
            state.info(format!("The download did not start: {e}"));
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
                Err(e) => return stage.set(Stage::Refused(format!("The file could not be read: {e}."))),
            };
            if is_vcard {
                let result = state.book.with_untracked(|b| rows_from_vcard(b, &text, chosen_channel(), now()));
                stage.set(match result {
                    Ok(rows) => Stage::Checked(rows),
                    Err(e) => Stage::Refused(format!("This vCard file cannot be read: {e}. Nothing was imported.")),
                });
            } else {
                match read_csv(&text) {
                    Ok(table) => {
                        mapping.set(
                            suggest_mapping(&table).into_iter().map(|f| RwSignal::new(f.key().to_string())).collect(),
                        );
                        stage.set(Stage::Mapping(table));
                    }
                    Err(e) => {
                        stage.set(Stage::Refused(format!("This CSV file cannot be read: {e}. Nothing was imported.")))
                    }
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
                    state.info("Contacts imported. They start in Attention.");
                    stage.set(Stage::Idle);
                }
                Err(e) => state.error(&e),
            }
        });
    };
    let field_options: Vec<(String, String)> =
        ContactField::ALL.iter().map(|f| (f.key().to_string(), field_label(*f).to_string())).collect();
    let channel_options: Vec<(String, String)> =
        AcquisitionChannel::ALL.iter().map(|c| (c.key().to_string(), channel_label(*c).to_string())).collect();

    view! {
        <section aria-labelledby="contacts-h">
            <h2 id="contacts-h">"Contacts"</h2>
            <div class="actions">
                <button type="button" on:click=export data-testid="export-csv">"Export customers as CSV"</button>
            </div>
            <SelectField label="Imported contacts found you through" name="contacts-channel" value=channel options=channel_options />
            <div class="field">
                <label for="contacts-file">"Import contacts (.csv from a spreadsheet, Google or Outlook; .vcf from a phone)"</label>
                <input id="contacts-file" type="file" accept=".csv,.vcf,text/csv,text/vcard" on:change=picked data-testid="contacts-file" />
            </div>
            {move || match stage.get() {
                Stage::Idle => ().into_any(),
                Stage::Refused(text) => view! { <p class="banner error" role="alert" data-testid="contacts-refused">{text}</p> }.into_any(),
                Stage::Mapping(table) => {
                    let preview: Vec<Vec<String>> = table.rows.iter().take(3).cloned().collect();
                    let t = table.clone();
                    view! {
                        <div class="panel" data-testid="contacts-mapping">
                            <p>{format!("{} rows{}. What does each column hold?", table.rows.len(), if table.has_header { " below the header row" } else { " (no header row found)" })}</p>
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
                                <button type="button" class="primary" on:click=move |_| check(t.clone()) data-testid="contacts-check">"Check contacts"</button>
                                <button type="button" on:click=move |_| stage.set(Stage::Idle)>"Cancel"</button>
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
                                    <p>{format!("{} rows have problems and will not be imported:", bad.len())}</p>
                                    <ul data-testid="contacts-problems">
                                        {bad.iter().map(|r| view! { <li>{format!("Row {}: {}", r.line, r.problems.join("; "))}</li> }).collect_view()}
                                    </ul>
                                </div>
                            })}
                            {(!dups.is_empty()).then(|| view! {
                                <div>
                                    <p data-testid="contacts-duplicates">{format!("{} contacts have an email that is already in Rapport:", dups.len())}</p>
                                    <ul>{dups.iter().map(|r| view! { <li>{format!("Row {}: {} ({})", r.line, r.draft.name, r.duplicate_of.clone().unwrap_or_default())}</li> }).collect_view()}</ul>
                                    <label class="toggle">
                                        <input type="checkbox" prop:checked=move || with_duplicates.get() on:change=move |ev| with_duplicates.set(event_target_checked(&ev)) />
                                        "Import these as well"
                                    </label>
                                </div>
                            })}
                            <div class="actions">
                                <button type="button" class="primary" on:click=move |_| import(all.clone()) data-testid="contacts-import">"Import"</button>
                                <button type="button" on:click=move |_| stage.set(Stage::Idle)>"Cancel"</button>
                            </div>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
