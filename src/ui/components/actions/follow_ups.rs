//! Follow-ups of one customer, with the phase playbook's suggestions one tap away.

use leptos::prelude::*;

use super::{date_or_error, submit};
use crate::domain::playbook::suggestions;
use crate::domain::{ops, CustomerId, DomainError, FollowUp};
use crate::i18n::{t, tf};
use crate::state::{now, AppState};
use crate::ui::components::field::{field_error, TextField};
use crate::ui::format;

/// Open and done follow-ups, the playbook's suggestions, and a form to add one.
#[component]
pub fn FollowUpsPanel(customer: CustomerId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(None::<DomainError>);
    let title = RwSignal::new(String::new());
    let due = RwSignal::new(format::input_date(now()));
    let follow_ups = Memo::new(move |_| {
        state.book.with(|b| {
            let mut list: Vec<FollowUp> = b.follow_ups_of(customer).cloned().collect();
            list.sort_by_key(|f| (f.done_at.is_some(), f.due));
            list
        })
    });
    let suggested = Memo::new(move |_| state.book.with(|b| suggestions(b, customer)));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (text, d) = (title.get_untracked(), due.get_untracked());
        submit(
            state,
            errors,
            t("fu.followup_added"),
            move || title.set(String::new()),
            move |b, now| {
                let when = date_or_error(&d, "due", now)?;
                ops::add_follow_up(b, Some(customer), &text, when, now)
            },
        );
    };
    view! {
        <ul class="cards" data-testid="follow-ups">
            <For
                each=move || follow_ups.get()
                key=|f| (f.id, f.updated_at)
                children=move |f| {
                    let id = f.id;
                    let done = f.done_at.is_some();
                    let overdue = !done && f.due < now();
                    let toggle = move |_| {
                        submit(state, errors, if done { t("fu.followup_opened_again") } else { t("fu.followup_done") }, || {}, move |b, now| {
                            ops::set_follow_up_done(b, id, !done, now)
                        })
                    };
                    view! {
                        <li class="card follow-up" class:done=done class:overdue=overdue data-testid="follow-up">
                            <label>
                                <input type="checkbox" prop:checked=done on:change=toggle />
                                <span>{f.title.clone()}</span>
                            </label>
                            <span class="muted">{format!("due {}", format::date(f.due))}{overdue.then_some(" · overdue")}</span>
                        </li>
                    }
                }
            />
        </ul>
        <Show when=move || !suggested.with(Vec::is_empty)>
            <div class="suggestions" data-testid="suggestions">
                <h3>{t("fu.suggested_for_this_phase")}</h3>
                {move || suggested.get().into_iter().map(|s| {
                    let (title_text, due_at) = (s.title.clone(), s.due);
                    let take = move |_| {
                        let title_text = title_text.clone();
                        submit(state, errors, t("fu.followup_added"), || {}, move |b, now| ops::add_follow_up(b, Some(customer), &title_text, due_at, now));
                    };
                    view! {
                        <button type="button" class="suggestion" on:click=take>
                            {format!("+ {}", tf("fu.suggestion_due", &[("title", &s.title), ("due", &format::date(s.due))]))}
                        </button>
                    }
                }).collect_view()}
            </div>
        </Show>
        <form class="form inline" on:submit=add novalidate=true data-testid="follow-up-form">
            <TextField label=t("fu.new_followup") name="fu-title" value=title error=field_error(errors, "title") />
            <TextField label=t("fu.due") name="fu-due" kind="date" value=due error=field_error(errors, "due") />
            <button type="submit">{t("fu.add_followup")}</button>
        </form>
    }
}
