//! Settings: the owner's preferences and the state of the device's storage.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::ops::{self, SettingsForm};
use crate::domain::{Choices, Currency, DomainError, Theme};
use crate::i18n::{t, tf};
use crate::state::{AppError, AppState};
use crate::ui::components::field::{choices, field_error, SelectField, TextField};
use crate::ui::components::playbook_editor::PlaybookEditor;
use crate::ui::components::sample_data::SampleData;
use crate::ui::components::template_editor::TemplateEditor;

fn theme_label(theme: Theme) -> &'static str {
    match theme {
        Theme::System => t("settings.follow_the_device"),
        Theme::Light => t("settings.light"),
        Theme::Dark => t("settings.dark"),
    }
}

fn megabytes(bytes: f64) -> String {
    format!("{} MB", crate::i18n::decimal_in(crate::i18n::locale(), &format!("{:.1}", bytes / 1_000_000.0)))
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
    let language = RwSignal::new(form.locale);
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
            locale: language.get_untracked(),
        };
        spawn_local(async move {
            match state.run(|b, now| ops::settings_from_form(&b.settings, &form, now)).await {
                Ok(_) => {
                    errors.set(None);
                    state.info(t("settings.settings_saved"));
                }
                Err(AppError::Domain(e @ DomainError::Invalid(_))) => errors.set(Some(e)),
                Err(e) => state.error(&e),
            }
        });
    };
    let currencies: Vec<(String, String)> =
        Currency::all().map(|c| (c.code().to_string(), c.code().to_string())).collect();
    let themes = choices(Theme::ALL.iter().map(|t| (t.key(), theme_label(*t))));
    let languages = vec![
        (String::new(), t("settings.language.browser").to_string()),
        ("en".to_string(), t("settings.language.en").to_string()),
        ("de".to_string(), t("settings.language.de").to_string()),
    ];
    let health = state.health;
    view! {
        <section class="page">
            <h1>{t("settings.settings")}</h1>
            <form class="form" on:submit=save novalidate=true data-testid="settings-form">
                <TextField label=t("settings.your_name_used_in_mail") name="owner_name" value=owner error=field_error(errors, "owner_name") />
                <SelectField label=t("settings.currency") name="currency" value=currency options=currencies />
                <TextField
                    label=t("settings.days_without_purchase_before_a")
                    name="dormancy_days"
                    value=dormancy
                    kind="number"
                    error=field_error(errors, "dormancy_days")
                />
                <TextField
                    label=t("settings.hours_to_answer_a_concern")
                    name="response_target_hours"
                    value=response
                    kind="number"
                    error=field_error(errors, "response_target_hours")
                />
                <TextField
                    label=t("settings.remind_me_to_back_up")
                    name="backup_reminder_days"
                    value=reminder
                    kind="number"
                    error=field_error(errors, "backup_reminder_days")
                />
                <SelectField label=t("settings.theme") name="theme" value=theme options=themes />
                <SelectField label=t("settings.language") name="locale" value=language options=languages />
                <div class="actions">
                    <button type="submit" class="primary">{t("settings.save_settings")}</button>
                </div>
            </form>
            <section aria-labelledby="playbook-h">
                <h2 id="playbook-h">{t("settings.playbooks")}</h2>
                <p>{t("settings.what_rapport_suggests_doing_in")}</p>
                <PlaybookEditor />
            </section>
            <section aria-labelledby="templates-h">
                <h2 id="templates-h">{t("settings.templates")}</h2>
                <p>{t("settings.templates_intro")}</p>
                <TemplateEditor />
            </section>
            <section aria-labelledby="sample-h">
                <h2 id="sample-h">{t("settings.sample_data")}</h2>
                <p>{t("settings.madeup_customers_in_every_phase")}</p>
                <SampleData show_count=true />
            </section>
            <section aria-labelledby="storage-h">
                <h2 id="storage-h">{t("settings.storage_on_this_device")}</h2>
                <dl class="facts" data-testid="storage-health">
                    <dt>{t("settings.protected_from_automatic_cleanup")}</dt>
                    <dd>
                        {move || match health.get().persisted {
                            Some(true) => t("settings.yes_the_browser_keeps_rapports"),
                            Some(false) => t("settings.not_granted_the_browser_may"),
                            None => t("settings.unknown_in_this_browser"),
                        }}
                    </dd>
                    <dt>{t("settings.space_used")}</dt>
                    <dd>
                        {move || {
                            let h = health.get();
                            match (h.usage_bytes, h.quota_bytes) {
                                (Some(u), Some(q)) => tf("settings.space_of", &[("used", &megabytes(u)), ("quota", &megabytes(q))]),
                                _ => t("settings.unknown").to_string(),
                            }
                        }}
                    </dd>
                </dl>
            </section>
        </section>
    }
}
