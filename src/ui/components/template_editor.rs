//! Editing the win-back mail templates (name, subject, text with placeholders).

use leptos::prelude::*;

use super::actions::submit;
use super::field::ProblemList;
use crate::domain::{ops, DomainError, TemplateId};
use crate::i18n::{message, t, tf};
use crate::state::AppState;

/// One editable template; `id` is None for a template added in this form.
#[derive(Clone)]
struct Row {
    key: usize,
    id: Option<TemplateId>,
    name: RwSignal<String>,
    subject: RwSignal<String>,
    body: RwSignal<String>,
}

/// "Template 2 (name): must not be empty" for each problem of the last save.
fn problem_lines(e: &DomainError) -> Vec<String> {
    e.field_errors()
        .iter()
        .map(|f| {
            let (index, field) = f.in_list("templates").map_or((None, ""), |(i, field)| (Some(i), field));
            let what = match field {
                "name" => t("settings.template_name"),
                "subject" => t("settings.template_subject"),
                _ => t("settings.template_body"),
            };
            match index {
                Some(i) => tf(
                    "settings.template_problem",
                    &[("n", &(i + 1).to_string()), ("what", what), ("message", &message(&f.message))],
                ),
                None => message(&f.message),
            }
        })
        .collect()
}

/// All templates, each with its fields, plus add/remove.
#[component]
pub fn TemplateEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(None::<DomainError>);
    let next_key = StoredValue::new(0_usize);
    let make = move |id: Option<TemplateId>, name: String, subject: String, body: String| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        Row { key, id, name: RwSignal::new(name), subject: RwSignal::new(subject), body: RwSignal::new(body) }
    };
    let rows = RwSignal::new(state.book.with_untracked(|b| {
        b.settings
            .templates
            .iter()
            .map(|m| make(Some(m.id), m.name.clone(), m.subject.clone(), m.body.clone()))
            .collect::<Vec<_>>()
    }));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed: Vec<_> = rows.with_untracked(|r| {
            r.iter()
                .map(|r| (r.id, r.name.get_untracked(), r.subject.get_untracked(), r.body.get_untracked()))
                .collect()
        });
        submit(
            state,
            errors,
            t("settings.templates_saved"),
            || {},
            move |b, now| ops::templates_from_form(&b.settings, &typed, now),
        );
    };
    let listed = move || rows.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <form class="form templates" on:submit=save novalidate=true data-testid="templates-form">
            {move || errors.with(|e| e.as_ref().map(|e| view! {
                <ProblemList lines=problem_lines(e) />
            }))}
            <For
                each=listed
                key=|(_, r)| r.key
                children=move |(i, row)| {
                    let key = row.key;
                    view! {
                        <fieldset class="template">
                            <legend>{format!("{} {}", t("winback.template"), i + 1)}</legend>
                            <div class="field">
                                <label for=format!("tpl-name-{key}")>{t("settings.template_name")}</label>
                                <input id=format!("tpl-name-{key}") prop:value=move || row.name.get() on:input=move |ev| row.name.set(event_target_value(&ev)) />
                            </div>
                            <div class="field">
                                <label for=format!("tpl-subject-{key}")>{t("settings.template_subject")}</label>
                                <input id=format!("tpl-subject-{key}") prop:value=move || row.subject.get() on:input=move |ev| row.subject.set(event_target_value(&ev)) />
                            </div>
                            <div class="field">
                                <label for=format!("tpl-body-{key}")>{t("settings.template_body")}</label>
                                <textarea id=format!("tpl-body-{key}") rows="8" prop:value=move || row.body.get() on:input=move |ev| row.body.set(event_target_value(&ev))></textarea>
                            </div>
                            <button type="button" class="small" on:click=move |_| rows.update(|r| r.retain(|x| x.key != key))>
                                {t("settings.template_remove")}
                            </button>
                        </fieldset>
                    }
                }
            />
            <div class="actions">
                <button type="button" on:click=move |_| rows.update(|r| r.push(make(None, String::new(), String::new(), String::new())))>
                    {t("settings.template_add")}
                </button>
                <button type="submit" class="primary">{t("settings.templates_save")}</button>
            </div>
        </form>
    }
}
