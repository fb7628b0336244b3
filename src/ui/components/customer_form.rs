//! The add/edit customer form; validation comes from the domain, shown at each field.

use leptos::prelude::*;

use super::field::{choices, field_error, CheckField, SelectField, TextArea, TextField};
use crate::domain::ops::{split_list, CustomerDraft};
use crate::domain::{AcquisitionChannel, Choices, CustomerKind, DomainError};

/// What a person sees for each acquisition channel.
pub fn channel_label(c: AcquisitionChannel) -> &'static str {
    match c {
        AcquisitionChannel::Referral => "Referral",
        AcquisitionChannel::Website => "Website",
        AcquisitionChannel::Social => "Social media",
        AcquisitionChannel::Event => "Event",
        AcquisitionChannel::Ad => "Advertising",
        AcquisitionChannel::ColdOutreach => "Cold outreach",
        AcquisitionChannel::Marketplace => "Marketplace",
        AcquisitionChannel::Other => "Other",
    }
}

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

    let channels = choices(AcquisitionChannel::ALL.iter().map(|c| (c.key(), channel_label(*c))));
    view! {
        <form class="form" on:submit=submit novalidate=true data-testid="customer-form">
            <TextField label="Name" name="name" value=name error=field_error(errors, "name") required=true autocomplete="off" />
            <SelectField
                label="Kind"
                name="kind"
                value=kind
                options=choices([("person", "Person"), ("company", "Company")])
            />
            <TextField label="Company" name="company" value=company error=field_error(errors, "company") autocomplete="off" />
            <SelectField label="Found you through" name="channel" value=channel options=channels />
            <TextField
                label="Email addresses"
                name="emails"
                value=emails
                error=field_error(errors, "emails")
                hint="Separate several with commas."
                kind="text"
                autocomplete="off"
            />
            <TextField
                label="Phone numbers"
                name="phones"
                value=phones
                error=field_error(errors, "phones")
                hint="Separate several with commas."
                kind="tel"
                autocomplete="off"
            />
            <TextField label="Website" name="website" value=website error=field_error(errors, "website") autocomplete="off" />
            <TextArea label="Address" name="address" value=address error=field_error(errors, "address") />
            <TextField
                label="Tags"
                name="tags"
                value=tags
                error=field_error(errors, "tags")
                hint="Separate several with commas."
                autocomplete="off"
            />
            <CheckField label="Agreed to receive marketing mail" name="consent" value=consent />
            <TextArea label="Notes" name="notes" value=notes error=field_error(errors, "notes") />
            <div class="actions">
                <button type="submit" class="primary" disabled=move || busy.get()>{submit_label}</button>
            </div>
        </form>
    }
}
