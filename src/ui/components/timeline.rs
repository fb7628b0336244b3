//! The customer's timeline: everything that happened, newest first.

use leptos::prelude::*;

use crate::domain::timeline::{timeline, Happening};
use crate::domain::CustomerId;
use crate::i18n::{t, tf};
use crate::state::AppState;
use crate::ui::{format, labels};

fn describe(what: &Happening) -> (String, String) {
    match what {
        Happening::Touchpoint(tp) => (
            format!(
                "{} · {}{}",
                labels::touchpoint_kind(tp.kind),
                labels::contact_channel(tp.channel),
                if tp.two_way { format!(" · {}", t("timeline.two_way")) } else { String::new() }
            ),
            tp.summary.clone(),
        ),
        Happening::OrderPlaced { description, amount, .. } => (
            t("timeline.order_placed").into(),
            format!("{description} · {}", format::money(amount.minor, amount.currency)),
        ),
        Happening::OrderCompleted { description, .. } => (t("timeline.order_completed").into(), description.clone()),
        Happening::OrderCancelled { description, .. } => (t("timeline.order_cancelled").into(), description.clone()),
        Happening::Problem { text, informed, resolved, .. } => (
            t(if *resolved {
                "timeline.problem_resolved"
            } else if *informed {
                "timeline.problem_informed"
            } else {
                "timeline.problem"
            })
            .to_string(),
            text.clone(),
        ),
        Happening::ConcernReceived { kind, text, .. } => {
            (tf("timeline.concern_received", &[("kind", labels::concern_kind(*kind))]), text.clone())
        }
        Happening::ConcernAnswered { answer, .. } => (t("timeline.concern_answered").into(), answer.clone()),
        Happening::ConcernResolved { .. } => (t("timeline.concern_resolved").into(), String::new()),
        Happening::FollowUpDue { title, done, .. } => {
            (if *done { t("timeline.followup_done").into() } else { t("timeline.followup_due").into() }, title.clone())
        }
        Happening::PhaseMoved { from, to, cause } => (
            format!("{} → {}", labels::phase_label(*from), labels::phase_label(*to)),
            match cause {
                crate::domain::PhaseCause::Manual { reason } => tf("timeline.moved_by_hand", &[("reason", reason)]),
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
