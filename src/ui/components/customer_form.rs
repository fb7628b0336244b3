//! The add/edit customer form; validation comes from the domain, shown at each field.

use leptos::prelude::*;

use super::field::{choices, field_error, CheckField, SelectField, TextArea, TextField};
use crate::domain::ops::{split_list, CustomerDraft};
use crate::domain::{AcquisitionChannel, Choices, CustomerKind, DomainError};
use crate::i18n::t;
use crate::ui::labels::{acquisition_channel, customer_kind};

/// What a person sees for each acquisition channel.
/// Edits a customer draft; calls `on_submit` with the draft when the form is sent.
#[component]
pub fn CustomerForm(
    initial: CustomerDraft,
    errors: RwSignal<Option<DomainError>>,
    busy: Signal<bool>,
    #[prop(into)] submit_label: String,
    on_submit: Callback<CustomerDraft>,
) -> impl IntoView {
    let name = RwSignal::new(initial.name.clone());
    let kind = RwSignal::new(initial.kind.key().to_string());
    let company = RwSignal::new(initial.company.clone());
    let channel = RwSignal::new(initial.channel.key().to_string());
    let emails = RwSignal::new(initial.emails.join(", "));
    let phones = RwSignal::new(initial.phones.join(", "));
    let website = RwSignal::new(initial.website.clone());
    let address = RwSignal::new(initial.address.clone());
    let tags = RwSignal::new(initial.tags.join(", "));
    let consent = RwSignal::new(initial.marketing_consent);
    let notes = RwSignal::new(initial.notes.clone());
    let custom_fields = initial.custom_fields.clone();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = CustomerDraft {
            name: name.get_untracked(),
            kind: CustomerKind::from_key(&kind.get_untracked()).unwrap_or(CustomerKind::Person),
            company: company.get_untracked(),
            emails: split_list(&emails.get_untracked()),
            phones: split_list(&phones.get_untracked()),
            website: website.get_untracked(),
            address: address.get_untracked(),
            tags: split_list(&tags.get_untracked()),
            channel: AcquisitionChannel::from_key(&channel.get_untracked()).unwrap_or(AcquisitionChannel::Other),
            marketing_consent: consent.get_untracked(),
            notes: notes.get_untracked(),
            custom_fields: custom_fields.clone(),
        };
        on_submit.run(draft);
    };

    let channels = choices(AcquisitionChannel::ALL.iter().map(|c| (c.key(), acquisition_channel(*c))));
    view! {
        <form class="form" on:submit=submit novalidate=true data-testid="customer-form">
            <TextField label=t("common.name") name="name" value=name error=field_error(errors, "name") required=true autocomplete="off" />
            <SelectField
                label=t("form.kind")
                name="kind"
                value=kind
                options=choices(CustomerKind::ALL.iter().map(|k| (k.key(), customer_kind(*k))))
            />
            <TextField label=t("common.company") name="company" value=company error=field_error(errors, "company") autocomplete="off" />
            <SelectField label=t("common.found_you_through") name="channel" value=channel options=channels />
            <TextField
                label=t("form.email_addresses")
                name="emails"
                value=emails
                error=field_error(errors, "emails")
                hint=t("form.separate_several_with_commas")
                kind="text"
                autocomplete="off"
            />
            <TextField
                label=t("form.phone_numbers")
                name="phones"
                value=phones
                error=field_error(errors, "phones")
                hint=t("form.separate_several_with_commas")
                kind="tel"
                autocomplete="off"
            />
            <TextField label=t("common.website") name="website" value=website error=field_error(errors, "website") autocomplete="off" />
            <TextArea label=t("common.address") name="address" value=address error=field_error(errors, "address") />
            <TextField
                label=t("common.tags")
                name="tags"
                value=tags
                error=field_error(errors, "tags")
                hint=t("form.separate_several_with_commas")
                autocomplete="off"
            />
            <CheckField label=t("form.agreed_to_receive_marketing_mail") name="consent" value=consent />
            <TextArea label=t("common.notes") name="notes" value=notes error=field_error(errors, "notes") />
            <div class="actions">
                <button type="submit" class="primary" disabled=move || busy.get()>{submit_label}</button>
            </div>
        </form>
    }
}
