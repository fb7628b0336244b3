//! Concerns after a purchase: receiving one, answering it, resolving it.

use leptos::prelude::*;

use super::{date_or_error, options, submit};
use crate::domain::ops::{self, ConcernDraft};
use crate::domain::{Choices, Concern, ConcernId, ConcernKind, ConcernStatus, ContactChannel, CustomerId, DomainError};
use crate::i18n::{t, tf};
use crate::state::{now, AppState};
use crate::ui::components::field::{field_error, SelectField, TextArea, TextField};
use crate::ui::{format, labels};

/// The receive-a-concern form.
#[component]
pub fn ReceiveConcern(customer: CustomerId, open: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(None::<DomainError>);
    let kind = RwSignal::new(ConcernKind::Question.key().to_string());
    let channel = RwSignal::new(ContactChannel::Email.key().to_string());
    let text = RwSignal::new(String::new());
    let received = RwSignal::new(format::input_date(now()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let k = ConcernKind::from_key(&kind.get_untracked()).unwrap_or(ConcernKind::Question);
        let c = ContactChannel::from_key(&channel.get_untracked()).unwrap_or(ContactChannel::Other);
        let (body, when) = (text.get_untracked(), received.get_untracked());
        let done = move || {
            text.set(String::new());
            open.set(false);
        };
        submit(state, errors, t("concerns.concern_recorded"), done, move |b, now| {
            let received_at = date_or_error(&when, "received_at", now)?;
            ops::receive_concern(
                b,
                &ConcernDraft { customer_id: customer, kind: k, received_at, channel: c, text: body },
                now,
            )
        });
    };
    view! {
        <form class="form panel" on:submit=save novalidate=true data-testid="concern-form">
            <h2>{t("common.new_concern")}</h2>
            <SelectField label=t("concerns.kind_of_concern") name="concern-kind" value=kind options=options(labels::concern_kind) />
            <SelectField label=t("concerns.came_in_by") name="concern-channel" value=channel options=options(labels::contact_channel) />
            <TextArea label=t("concerns.what_they_said") name="concern-text" value=text error=field_error(errors, "text") />
            <TextField label=t("concerns.received_on") name="concern-received" kind="date" value=received error=field_error(errors, "received_at") />
            <div class="actions">
                <button type="submit" class="primary">{t("concerns.save_concern")}</button>
            </div>
        </form>
    }
}

/// Every concern of the customer, open ones first.
#[component]
pub fn ConcernsPanel(customer: CustomerId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let concerns = Memo::new(move |_| {
        state.book.with(|b| {
            let mut list: Vec<Concern> = b.concerns_of(customer).cloned().collect();
            list.sort_by_key(|c| (c.status != ConcernStatus::Open, std::cmp::Reverse(c.received_at)));
            list
        })
    });
    view! {
        <ul class="cards" data-testid="concerns">
            <For each=move || concerns.get() key=|c| (c.id, c.updated_at) children=move |c| view! { <ConcernCard concern=c /> } />
        </ul>
        <Show when=move || concerns.with(Vec::is_empty)>
            <p class="muted">{t("concerns.no_concerns_recorded")}</p>
        </Show>
    }
}

#[component]
fn ConcernCard(concern: Concern) -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(None::<DomainError>);
    let id: ConcernId = concern.id;
    let answer = RwSignal::new(concern.answer.clone());
    let overdue = concern.status == ConcernStatus::Open && concern.due_by < now();
    let save_answer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = answer.get_untracked();
        submit(
            state,
            errors,
            t("concerns.answer_saved"),
            || {},
            move |b, now| ops::answer_concern(b, id, &text, now, now),
        );
    };
    let resolve = move |_| {
        submit(
            state,
            errors,
            t("concerns.concern_resolved"),
            || {},
            move |b, now| ops::resolve_concern(b, id, now, now),
        )
    };
    view! {
        <li class="card" class:overdue=overdue data-testid="concern">
            <div class="card-head">
                <strong>{labels::concern_kind(concern.kind)}</strong>
                <span class="badge" data-testid="concern-status">{labels::concern_status(concern.status)}</span>
            </div>
            <p class="pre">{concern.text.clone()}</p>
            <p class="muted">
                {tf("concerns.received_due", &[("received", &format::date(concern.received_at)), ("due", &format::date_time(concern.due_by))])}
                {overdue.then_some(" · overdue")}
            </p>
            {match concern.status {
                ConcernStatus::Open => view! {
                    <form class="form" on:submit=save_answer novalidate=true>
                        <TextArea label=t("concerns.your_answer") name=format!("answer-{id}") value=answer error=field_error(errors, "answer") />
                        <button type="submit" class="primary" data-testid="answer-concern">{t("concerns.save_answer")}</button>
                    </form>
                }.into_any(),
                ConcernStatus::Answered => view! {
                    <p class="pre"><strong>{t("concerns.answer")}</strong>{concern.answer.clone()}</p>
                    <button type="button" on:click=resolve data-testid="resolve-concern">{t("concerns.mark_resolved")}</button>
                }.into_any(),
                ConcernStatus::Resolved => view! {
                    <p class="pre"><strong>{t("concerns.answer")}</strong>{concern.answer.clone()}</p>
                }.into_any(),
            }}
        </li>
    }
}
