//! Editing the phase playbooks: the follow-ups Rapport suggests in each phase.

use leptos::prelude::*;

use super::actions::submit;
use super::field::ProblemList;
use crate::domain::{ops, DomainError, Phase};
use crate::i18n::{t, tf};
use crate::state::AppState;
use crate::ui::labels::phase_label;

/// One editable step.
#[derive(Clone)]
struct Row {
    key: usize,
    phase: Phase,
    title: RwSignal<String>,
    days: RwSignal<String>,
}

/// Steps grouped by phase, each with a title and "days after entering the phase".
#[component]
pub fn PlaybookEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(None::<DomainError>);
    let next_key = StoredValue::new(0_usize);
    let make = move |phase: Phase, title: String, days: u32| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        Row { key, phase, title: RwSignal::new(title), days: RwSignal::new(days.to_string()) }
    };
    let rows = RwSignal::new(state.book.with_untracked(|b| {
        b.settings.playbook.iter().map(|s| make(s.phase, s.title.clone(), s.due_after_days)).collect::<Vec<_>>()
    }));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed: Vec<(Phase, String, String)> = rows
            .with_untracked(|r| r.iter().map(|r| (r.phase, r.title.get_untracked(), r.days.get_untracked())).collect());
        submit(
            state,
            errors,
            t("playbook.playbook_saved"),
            || {},
            move |b, now| ops::playbook_from_form(&b.settings, &typed, now),
        );
    };
    // "Attention, step 2 (title): must not be empty": the phase and the place within it.
    let problems = move || {
        let list = rows.with(|r| r.iter().map(|x| x.phase).collect::<Vec<_>>());
        errors.with(|e| {
            e.as_ref().map(|e| {
                e.field_errors()
                    .iter()
                    .map(|f| {
                        let index = f.in_list("playbook").map(|(i, _)| i);
                        let what =
                            if f.field.ends_with("title") { t("playbook.what_title") } else { t("playbook.what_days") };
                        match index.and_then(|i| list.get(i).map(|p| (i, *p))) {
                            Some((i, phase)) => {
                                let place = list[..=i].iter().filter(|p| **p == phase).count();
                                tf(
                                    "playbook.step_problem",
                                    &[
                                        ("phase", phase_label(phase)),
                                        ("place", &place.to_string()),
                                        ("what", what),
                                        ("message", &crate::i18n::message(&f.message)),
                                    ],
                                )
                            }
                            None => f.to_string(),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <form class="form playbook" on:submit=save novalidate=true data-testid="playbook-form">
            {move || problems().map(|list| view! {
                <ProblemList lines=list />
            })}
            {Phase::ALL.into_iter().map(|phase| {
                let in_phase = move || rows.get().into_iter().enumerate().filter(|(_, r)| r.phase == phase).collect::<Vec<_>>();
                view! {
                <fieldset>
                    <legend>{phase_label(phase)}</legend>
                    <For
                        each=in_phase
                        key=|(_, r)| r.key
                        children=move |(i, row)| {
                            let key = row.key;
                            view! {
                                <div class="playbook-step">
                                    <label class="visually-hidden" for=format!("pb-title-{key}")>{tf("playbook.step_title", &[("phase", phase_label(phase)), ("n", &(i + 1).to_string())])}</label>
                                    <input id=format!("pb-title-{key}") prop:value=move || row.title.get() on:input=move |ev| row.title.set(event_target_value(&ev)) />
                                    <label for=format!("pb-days-{key}")>{t("playbook.after_days")}</label>
                                    <input id=format!("pb-days-{key}") class="days" type="number" min="0" prop:value=move || row.days.get() on:input=move |ev| row.days.set(event_target_value(&ev)) />
                                    <button type="button" class="small" on:click=move |_| rows.update(|r| r.retain(|x| x.key != key))>
                                        {t("playbook.remove")}
                                    </button>
                                </div>
                            }
                        }
                    />
                    <button type="button" class="small" on:click=move |_| rows.update(|r| r.push(make(phase, String::new(), 7)))>
                        {tf("playbook.add_step", &[("phase", phase_label(phase))])}
                    </button>
                </fieldset>
                }
            }).collect_view()}
            <div class="actions">
                <button type="submit" class="primary">{t("playbook.save_playbook")}</button>
            </div>
        </form>
    }
}
