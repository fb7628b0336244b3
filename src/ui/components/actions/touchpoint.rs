//! Logging an interaction (a call, an email, a meeting…).

use leptos::prelude::*;

use super::{date_or_error, options, submit};
use crate::domain::ops::{self, TouchpointDraft};
use crate::domain::{Choices, ContactChannel, CustomerId, Direction, DomainError, Sentiment, TouchpointKind};
use crate::i18n::t;
use crate::state::{now, AppState};
use crate::ui::components::field::{field_error, CheckField, SelectField, TextArea, TextField};
use crate::ui::{format, labels};

/// The log-a-touchpoint form.
#[component]
pub fn LogTouchpoint(customer: CustomerId, open: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(None::<DomainError>);
    let kind = RwSignal::new(TouchpointKind::Call.key().to_string());
    let channel = RwSignal::new(ContactChannel::Phone.key().to_string());
    let direction = RwSignal::new(Direction::Outbound.key().to_string());
    let two_way = RwSignal::new(true);
    let sentiment = RwSignal::new(Sentiment::Neutral.key().to_string());
    let summary = RwSignal::new(String::new());
    let when = RwSignal::new(format::input_date(now()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let when = when.get_untracked();
        let fields = (
            ContactChannel::from_key(&channel.get_untracked()).unwrap_or(ContactChannel::Other),
            Direction::from_key(&direction.get_untracked()).unwrap_or(Direction::Outbound),
            TouchpointKind::from_key(&kind.get_untracked()).unwrap_or(TouchpointKind::Note),
            two_way.get_untracked(),
            summary.get_untracked(),
            Sentiment::from_key(&sentiment.get_untracked()).unwrap_or(Sentiment::Neutral),
        );
        let done = move || {
            summary.set(String::new());
            open.set(false);
        };
        submit(state, errors, t("tp.contact_logged"), done, move |b, now| {
            let (channel, direction, kind, two_way, summary, sentiment) = fields;
            let at = date_or_error(&when, "at", now)?;
            let draft =
                TouchpointDraft { customer_id: customer, at, channel, direction, kind, two_way, summary, sentiment };
            ops::log_touchpoint(b, &draft, now)
        });
    };
    view! {
        <form class="form panel" on:submit=save novalidate=true data-testid="touchpoint-form">
            <h2>{t("tp.log_a_contact")}</h2>
            <SelectField label=t("tp.what") name="tp-kind" value=kind options=options(labels::touchpoint_kind) />
            <SelectField label=t("tp.channel") name="tp-channel" value=channel options=options(labels::contact_channel) />
            <SelectField label=t("tp.who_started_it") name="tp-direction" value=direction options=options(labels::direction) />
            <CheckField label=t("tp.a_real_twoway_conversation") name="tp-two-way" value=two_way />
            <SelectField label=t("tp.how_it_went") name="tp-sentiment" value=sentiment options=options(labels::sentiment) />
            <TextField label=t("tp.when") name="tp-at" kind="date" value=when error=field_error(errors, "at") />
            <TextArea label=t("tp.summary") name="tp-summary" value=summary error=field_error(errors, "summary") />
            <div class="actions">
                <button type="submit" class="primary">{t("tp.save_contact")}</button>
            </div>
        </form>
    }
}
