//! The customer page: contact details, phase, figures, history, archive/restore.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::customer_id_param;
use crate::domain::metrics::customer_figures;
use crate::domain::validate::{mailto_link, safe_link, tel_link};
use crate::domain::{ops, Customer, CustomerId, PhaseCause, PhaseChange};
use crate::state::{now, AppState};
use crate::ui::components::customer_form::channel_label;
use crate::ui::components::phase_badge::PhaseBadge;
use crate::ui::format;

/// Shows one customer, or says it does not exist.
#[component]
pub fn CustomerPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = customer_id_param();
    let customer = Memo::new(move |_| id.get().and_then(|id| state.book.with(|b| b.customer(id).cloned())));
    move || match customer.get() {
        Some(c) => view! { <CustomerView customer=c /> }.into_any(),
        None => view! {
            <section class="page">
                <h1>"Customer not found"</h1>
                <p>"This customer does not exist or was deleted."</p>
                <a href="/customers">"Back to customers"</a>
            </section>
        }
        .into_any(),
    }
}

fn cause_text(change: &PhaseChange) -> String {
    match &change.cause {
        PhaseCause::Contacted { .. } => "A two-way conversation was logged".to_string(),
        PhaseCause::OrderPlaced { .. } => "An order was placed".to_string(),
        PhaseCause::OrderCompleted { .. } => "An order was completed".to_string(),
        PhaseCause::OrderCancelled { .. } => "An order was cancelled".to_string(),
        PhaseCause::Dormancy { .. } => "No purchase for longer than the dormancy period".to_string(),
        PhaseCause::Manual { reason } => format!("Moved by hand: {reason}"),
    }
}

/// The details of one customer.
#[component]
fn CustomerView(customer: Customer) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id: CustomerId = customer.id;
    let figures = Memo::new(move |_| state.book.with(|b| b.customer(id).map(|c| customer_figures(b, c, now()))));
    let history = Memo::new(move |_| state.book.with(|b| b.phase_history(id).into_iter().cloned().collect::<Vec<_>>()));
    let currency = Memo::new(move |_| state.book.with(|b| b.settings.currency));
    let archived = customer.archived;
    let toggle_archive = move |_| {
        spawn_local(async move {
            match state.run(|b, now| ops::set_archived(b, id, !archived, now)).await {
                Ok(_) => state.info(if archived {
                    "Customer restored."
                } else {
                    "Customer archived. Find it under “Archived” in the list."
                }),
                Err(e) => state.error(&e),
            }
        });
    };
    let website = safe_link(&customer.website);
    view! {
        <article class="page customer" data-testid="customer-page">
            <header class="customer-head">
                <div>
                    <h1 data-testid="customer-name">{customer.name.clone()}</h1>
                    <p class="sub">{customer.company.clone()}</p>
                </div>
                <PhaseBadge phase=customer.phase />
            </header>
            {customer.sample.then(|| view! { <p class="banner info">"Sample customer: made up to explore Rapport. Settings → Sample data removes all of them."</p> })}
            {archived.then(|| view! { <p class="banner info" data-testid="archived-note">"This customer is archived: hidden from lists and automations, history kept."</p> })}
            <div class="actions">
                <a class="button" href=format!("/customers/{id}/edit") data-testid="edit-customer">"Edit"</a>
                <button type="button" on:click=toggle_archive data-testid="archive-toggle">
                    {if archived { "Restore" } else { "Archive" }}
                </button>
            </div>
            <section aria-labelledby="contact-h">
                <h2 id="contact-h">"Contact"</h2>
                <dl class="facts">
                    <dt>"Found you through"</dt>
                    <dd data-testid="customer-channel">{channel_label(customer.channel)}</dd>
                    {(!customer.emails.is_empty()).then(|| view! {
                        <dt>"Email"</dt>
                        <dd>{customer.emails.iter().map(|e| contact_link(e.clone(), mailto_link(e))).collect_view()}</dd>
                    })}
                    {(!customer.phones.is_empty()).then(|| view! {
                        <dt>"Phone"</dt>
                        <dd>{customer.phones.iter().map(|p| contact_link(p.clone(), tel_link(p))).collect_view()}</dd>
                    })}
                    {(!customer.website.is_empty()).then(|| view! {
                        <dt>"Website"</dt>
                        <dd>{contact_link(customer.website.clone(), website.clone())}</dd>
                    })}
                    {(!customer.address.is_empty()).then(|| view! { <dt>"Address"</dt><dd class="pre">{customer.address.clone()}</dd> })}
                    {(!customer.tags.is_empty()).then(|| view! { <dt>"Tags"</dt><dd>{customer.tags.join(", ")}</dd> })}
                    <dt>"Marketing mail"</dt>
                    <dd>{if customer.may_receive_marketing() { "Agreed" } else { "Not agreed" }}</dd>
                </dl>
                {(!customer.notes.is_empty()).then(|| view! { <h3>"Notes"</h3><p class="pre" data-testid="customer-notes">{customer.notes.clone()}</p> })}
            </section>
            <section aria-labelledby="figures-h">
                <h2 id="figures-h">"Key figures"</h2>
                {move || figures.get().map(|f| view! {
                    <dl class="facts">
                        <dt>"Lifetime value"</dt><dd>{format::money(f.lifetime_value, currency.get())}</dd>
                        <dt>"Purchases"</dt><dd>{f.purchase_count}</dd>
                        <dt>"Last purchase"</dt><dd>{f.last_purchase.map_or("–".to_string(), format::date)}</dd>
                        <dt>"Last contact"</dt><dd>{f.last_contact.map_or("–".to_string(), format::date)}</dd>
                    </dl>
                })}
            </section>
            <section aria-labelledby="history-h">
                <h2 id="history-h">"Phase history"</h2>
                <ol class="history" data-testid="phase-history">
                    <li>{format!("{}: added in Attention", format::date(customer.created_at))}</li>
                    {move || history.get().into_iter().map(|c| view! {
                        <li>{format!("{}: {} → {} — {}", format::date(c.at), c.from.label(), c.to.label(), cause_text(&c))}</li>
                    }).collect_view()}
                </ol>
            </section>
        </article>
    }
}

/// A link when the value makes a safe one, plain text otherwise.
fn contact_link(text: String, href: Option<String>) -> impl IntoView {
    match href {
        Some(href) => view! { <a class="contact" href=href rel="noopener noreferrer">{text}</a> }.into_any(),
        None => view! { <span class="contact">{text}</span> }.into_any(),
    }
}
