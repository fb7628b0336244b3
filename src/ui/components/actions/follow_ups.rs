//! Follow-ups of one customer, with the phase playbook's suggestions one tap away.

use leptos::prelude::*;

use super::{date_or_error, submit};
use crate::domain::playbook::suggestions;
use crate::domain::{ops, CustomerId, DomainError, FollowUp};
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
        let (t, d) = (title.get_untracked(), due.get_untracked());
        submit(
            state,
            errors,
            "Follow-up added.",
            move || title.set(String::new()),
            move |b, now| {
                let when = date_or_error(&d, "due", now)?;
                ops::add_follow_up(b, Some(customer), &t, when, now)
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
                        submit(state, errors, if done { "Follow-up opened again." } else { "Follow-up done." }, || {}, move |b, now| {
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
                <h3>"Suggested for this phase"</h3>
                {move || suggested.get().into_iter().map(|s| {
                    let (t, due_at) = (s.title.clone(), s.due);
                    let take = move |_| {
                        let t = t.clone();
                        submit(state, errors, "Follow-up added.", || {}, move |b, now| ops::add_follow_up(b, Some(customer), &t, due_at, now));
                    };
                    view! {
                        <button type="button" class="suggestion" on:click=take>
                            {format!("+ {} (due {})", s.title, format::date(s.due))}
                        </button>
                    }
                }).collect_view()}
            </div>
        </Show>
        <form class="form inline" on:submit=add novalidate=true data-testid="follow-up-form">
            <TextField label="New follow-up" name="fu-title" value=title error=field_error(errors, "title") />
            <TextField label="Due" name="fu-due" kind="date" value=due error=field_error(errors, "due") />
            <button type="submit">"Add follow-up"</button>
        </form>
    }
}
