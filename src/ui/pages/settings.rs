//! Settings: the owner's preferences and the state of the device's storage.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::ops::{self, SettingsForm};
use crate::domain::{Choices, Currency, DomainError, Theme};
use crate::state::{AppError, AppState};
use crate::ui::components::field::{choices, field_error, SelectField, TextField};
use crate::ui::components::playbook_editor::PlaybookEditor;
use crate::ui::components::sample_data::SampleData;

fn theme_label(t: Theme) -> &'static str {
    match t {
        Theme::System => "Follow the device",
        Theme::Light => "Light",
        Theme::Dark => "Dark",
    }
}

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_000_000.0)
}

/// Edits the settings and shows storage health.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let form = state.book.with_untracked(|b| SettingsForm::from_settings(&b.settings));
    let owner = RwSignal::new(form.owner_name);
    let currency = RwSignal::new(form.currency);
    let dormancy = RwSignal::new(form.dormancy_days);
    let response = RwSignal::new(form.response_target_hours);
    let reminder = RwSignal::new(form.backup_reminder_days);
    let theme = RwSignal::new(form.theme);
    let errors = RwSignal::new(None::<DomainError>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = SettingsForm {
            owner_name: owner.get_untracked(),
            currency: currency.get_untracked(),
            dormancy_days: dormancy.get_untracked(),
            response_target_hours: response.get_untracked(),
            backup_reminder_days: reminder.get_untracked(),
            theme: theme.get_untracked(),
        };
        spawn_local(async move {
            match state.run(|b, now| ops::settings_from_form(&b.settings, &form, now)).await {
                Ok(_) => {
                    errors.set(None);
                    state.info("Settings saved.");
                }
                Err(AppError::Domain(e @ DomainError::Invalid(_))) => errors.set(Some(e)),
                Err(e) => state.error(&e),
            }
        });
    };
    let currencies: Vec<(String, String)> =
        Currency::all().map(|c| (c.code().to_string(), c.code().to_string())).collect();
    let themes = choices(Theme::ALL.iter().map(|t| (t.key(), theme_label(*t))));
    let health = state.health;
    view! {
        <section class="page">
            <h1>"Settings"</h1>
            <form class="form" on:submit=save novalidate=true data-testid="settings-form">
                <TextField label="Your name (used in mail templates)" name="owner_name" value=owner error=field_error(errors, "owner_name") />
                <SelectField label="Currency" name="currency" value=currency options=currencies />
                <TextField
                    label="Days without purchase before a customer becomes a former customer"
                    name="dormancy_days"
                    value=dormancy
                    kind="number"
                    error=field_error(errors, "dormancy_days")
                />
                <TextField
                    label="Hours to answer a concern"
                    name="response_target_hours"
                    value=response
                    kind="number"
                    error=field_error(errors, "response_target_hours")
                />
                <TextField
                    label="Remind me to back up after this many days"
                    name="backup_reminder_days"
                    value=reminder
                    kind="number"
                    error=field_error(errors, "backup_reminder_days")
                />
                <SelectField label="Theme" name="theme" value=theme options=themes />
                <div class="actions">
                    <button type="submit" class="primary">"Save settings"</button>
                </div>
            </form>
            <section aria-labelledby="playbook-h">
                <h2 id="playbook-h">"Playbooks"</h2>
                <p>"What Rapport suggests doing in each phase, and how many days after a customer enters it."</p>
                <PlaybookEditor />
            </section>
            <section aria-labelledby="sample-h">
                <h2 id="sample-h">"Sample data"</h2>
                <p>"Made-up customers in every phase, to explore Rapport. They are marked “Sample” and removed together."</p>
                <SampleData show_count=true />
            </section>
            <section aria-labelledby="storage-h">
                <h2 id="storage-h">"Storage on this device"</h2>
                <dl class="facts" data-testid="storage-health">
                    <dt>"Protected from automatic clean-up"</dt>
                    <dd>
                        {move || match health.get().persisted {
                            Some(true) => "Yes: the browser keeps Rapport's data even when space runs low.",
                            Some(false) => "Not granted: the browser may clear data under storage pressure. Keep backups.",
                            None => "Unknown in this browser.",
                        }}
                    </dd>
                    <dt>"Space used"</dt>
                    <dd>
                        {move || {
                            let h = health.get();
                            match (h.usage_bytes, h.quota_bytes) {
                                (Some(u), Some(q)) => format!("{} of {} available", megabytes(u), megabytes(q)),
                                _ => "Unknown".to_string(),
                            }
                        }}
                    </dd>
                </dl>
            </section>
        </section>
    }
}
