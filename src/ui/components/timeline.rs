//! The customer's timeline: everything that happened, newest first.

use leptos::prelude::*;

use crate::domain::timeline::{timeline, Happening};
use crate::domain::CustomerId;
use crate::state::AppState;
use crate::ui::{format, labels};

fn describe(what: &Happening) -> (String, String) {
    match what {
        Happening::Touchpoint(t) => (
            format!(
                "{} · {}{}",
                labels::touchpoint_kind(t.kind),
                labels::contact_channel(t.channel),
                if t.two_way { " · two-way" } else { "" }
            ),
            t.summary.clone(),
        ),
        Happening::OrderPlaced { description, amount, .. } => {
            ("Order placed".into(), format!("{description} · {}", format::money(amount.minor, amount.currency)))
        }
        Happening::OrderCompleted { description, .. } => ("Order completed".into(), description.clone()),
        Happening::OrderCancelled { description, .. } => ("Order cancelled".into(), description.clone()),
        Happening::Problem { text, informed, resolved, .. } => (
            format!(
                "Problem{}",
                if *resolved {
                    " (resolved)"
                } else if *informed {
                    " (customer informed)"
                } else {
                    ""
                }
            ),
            text.clone(),
        ),
        Happening::ConcernReceived { kind, text, .. } => {
            (format!("{} received", labels::concern_kind(*kind)), text.clone())
        }
        Happening::ConcernAnswered { answer, .. } => ("Concern answered".into(), answer.clone()),
        Happening::ConcernResolved { .. } => ("Concern resolved".into(), String::new()),
        Happening::FollowUpDue { title, done, .. } => {
            (if *done { "Follow-up done".into() } else { "Follow-up due".into() }, title.clone())
        }
        Happening::PhaseMoved { from, to, cause } => (
            format!("{} → {}", from.label(), to.label()),
            match cause {
                crate::domain::PhaseCause::Manual { reason } => format!("Moved by hand: {reason}"),
                _ => String::new(),
            },
        ),
    }
}

/// Everything that happened with this customer, newest first.
#[component]
pub fn Timeline(customer: CustomerId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let entries = Memo::new(move |_| state.book.with(|b| timeline(b, customer)));
    view! {
        <ol class="timeline" data-testid="timeline">
            {move || entries.get().into_iter().map(|e| {
                let (title, detail) = describe(&e.what);
                view! {
                    <li>
                        <time datetime=e.at.to_rfc3339()>{format::date(e.at)}</time>
                        <strong>{title}</strong>
                        {(!detail.is_empty()).then(|| view! { <span class="pre">{detail}</span> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
