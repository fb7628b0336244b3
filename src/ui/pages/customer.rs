//! The customer page (the 360° view): contact, phase, figures, actions, history.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::customer_id_param;
use crate::domain::metrics::customer_figures;
use crate::domain::validate::{mailto_link, safe_link, tel_link};
use crate::domain::{ops, Customer, CustomerId, PhaseCause, PhaseChange};
use crate::state::{now, AppState};
use crate::ui::components::actions::concerns::{ConcernsPanel, ReceiveConcern};
use crate::ui::components::actions::follow_ups::FollowUpsPanel;
use crate::ui::components::actions::move_phase::MovePhase;
use crate::ui::components::actions::orders::{OrdersPanel, PlaceOrder};
use crate::ui::components::actions::touchpoint::LogTouchpoint;
use crate::ui::components::actions::Disclosure;
use crate::ui::components::customer_form::channel_label;
use crate::ui::components::phase_badge::PhaseBadge;
use crate::ui::components::phase_stepper::PhaseStepper;
use crate::ui::components::timeline::Timeline;
use crate::ui::format;

/// Shows one customer, or says it does not exist.
#[component]
pub fn CustomerPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = customer_id_param();
    let exists = Memo::new(move |_| id.get().filter(|id| state.book.with(|b| b.customer(*id).is_some())));
    move || match exists.get() {
        Some(id) => view! { <CustomerView id=id /> }.into_any(),
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

pub fn cause_text(change: &PhaseChange) -> String {
    match &change.cause {
        PhaseCause::Contacted { .. } => "a two-way conversation was logged".to_string(),
        PhaseCause::OrderPlaced { .. } => "an order was placed".to_string(),
        PhaseCause::OrderCompleted { .. } => "an order was completed".to_string(),
        PhaseCause::OrderCancelled { .. } => "an order was cancelled".to_string(),
        PhaseCause::Dormancy { .. } => "no purchase for longer than the dormancy period".to_string(),
        PhaseCause::Manual { reason } => format!("moved by hand: {reason}"),
    }
}

/// The whole page of one existing customer.
#[component]
fn CustomerView(id: CustomerId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let customer = Memo::new(move |_| state.book.with(|b| b.customer(id).cloned()));
    let c = move || customer.get();
    let phase = Memo::new(move |_| customer.with(|c| c.as_ref().map(|c| c.phase)));
    let archived = move || customer.with(|c| c.as_ref().is_some_and(|c| c.archived));
    let toggle_archive = move |_| {
        let was = archived();
        spawn_local(async move {
            match state.run(|b, now| ops::set_archived(b, id, !was, now)).await {
                Ok(_) => state.info(if was {
                    "Customer restored."
                } else {
                    "Customer archived. Find it under “Archived” in the list."
                }),
                Err(e) => state.error(&e),
            }
        });
    };
    let contact_open = RwSignal::new(false);
    let order_open = RwSignal::new(false);
    let concern_open = RwSignal::new(false);
    let move_open = RwSignal::new(false);

    view! {
        <article class="page customer" data-testid="customer-page">
            <header class="customer-head">
                <div>
                    <h1 data-testid="customer-name">{move || c().map(|c| c.name)}</h1>
                    <p class="sub">{move || c().map(|c| c.company)}</p>
                </div>
                {move || phase.get().map(|p| view! { <PhaseBadge phase=p /> })}
            </header>
            {move || phase.get().map(|p| view! { <PhaseStepper current=p /> })}
            <Show when=move || customer.with(|c| c.as_ref().is_some_and(|c| c.sample))>
                <p class="banner info">"Sample customer: made up to explore Rapport. Settings → Sample data removes all of them."</p>
            </Show>
            <Show when=archived>
                <p class="banner info" data-testid="archived-note">"This customer is archived: hidden from lists and automations, history kept."</p>
            </Show>
            <div class="actions toolbar">
                <Disclosure label="Log contact" testid="log-contact" open=contact_open />
                <Disclosure label="New order" testid="new-order" open=order_open />
                <Disclosure label="New concern" testid="new-concern" open=concern_open />
                <Disclosure label="Move phase" testid="move-phase" open=move_open />
                <a class="button" href=format!("/customers/{id}/edit") data-testid="edit-customer">"Edit"</a>
                <button type="button" on:click=toggle_archive data-testid="archive-toggle">
                    {move || if archived() { "Restore" } else { "Archive" }}
                </button>
            </div>
            <Show when=move || contact_open.get()><LogTouchpoint customer=id open=contact_open /></Show>
            <Show when=move || order_open.get()><PlaceOrder customer=id open=order_open /></Show>
            <Show when=move || concern_open.get()><ReceiveConcern customer=id open=concern_open /></Show>
            {move || (move_open.get()).then(|| phase.get().map(|p| view! { <MovePhase customer=id current=p open=move_open /> }))}

            <div class="columns">
                <div>
                    <KeyFigures id=id />
                    <section aria-labelledby="orders-h">
                        <h2 id="orders-h">"Orders"</h2>
                        <OrdersPanel customer=id />
                    </section>
                    <section aria-labelledby="concerns-h">
                        <h2 id="concerns-h">"Concerns"</h2>
                        <ConcernsPanel customer=id />
                    </section>
                    <section aria-labelledby="follow-ups-h">
                        <h2 id="follow-ups-h">"Follow-ups"</h2>
                        <FollowUpsPanel customer=id />
                    </section>
                </div>
                <div>
                    {move || c().map(|c| view! { <ContactDetails customer=c /> })}
                    <section aria-labelledby="timeline-h">
                        <h2 id="timeline-h">"Timeline"</h2>
                        <Timeline customer=id />
                    </section>
                    <PhaseHistory id=id />
                </div>
            </div>
        </article>
    }
}

/// Lifetime value, purchases, last purchase, days to dormancy, at-risk.
#[component]
fn KeyFigures(id: CustomerId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = Memo::new(move |_| state.book.with(|b| b.customer(id).map(|c| customer_figures(b, c, now()))));
    view! {
        <section aria-labelledby="figures-h">
            <h2 id="figures-h">"Key figures"</h2>
            {move || figures.get().map(|f| view! {
                <dl class="facts figures" data-testid="figures">
                    <dt>"Lifetime value"</dt><dd data-testid="lifetime-value">{format::money(f.lifetime_value, f.currency)}</dd>
                    <dt>"Purchases"</dt><dd data-testid="purchase-count">{f.purchase_count}</dd>
                    <dt>"Last purchase"</dt><dd>{f.last_purchase.map_or("–".to_string(), format::date)}</dd>
                    <dt>"Last contact"</dt><dd>{f.last_contact.map_or("–".to_string(), format::date)}</dd>
                    <dt>"Days until former customer"</dt><dd>{f.days_to_dormancy.map_or("–".to_string(), |d| d.to_string())}</dd>
                    <dt>"At risk"</dt>
                    <dd data-testid="at-risk">{if f.at_risk { "Yes: overdue against their usual purchase rhythm" } else { "No" }}</dd>
                    <dt>"Open concerns"</dt><dd>{f.open_concerns}{(f.overdue_concerns > 0).then(|| format!(" ({} overdue)", f.overdue_concerns))}</dd>
                </dl>
            })}
        </section>
    }
}

/// Contact details with tap-to-call and tap-to-mail links (only safe schemes become links).
#[component]
fn ContactDetails(customer: Customer) -> impl IntoView {
    let website = safe_link(&customer.website);
    view! {
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
    }
}

/// Every phase move: from, to, when, why.
#[component]
fn PhaseHistory(id: CustomerId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let history = Memo::new(move |_| state.book.with(|b| b.phase_history(id).into_iter().cloned().collect::<Vec<_>>()));
    let created = Memo::new(move |_| state.book.with(|b| b.customer(id).map(|c| c.created_at)));
    view! {
        <section aria-labelledby="history-h">
            <h2 id="history-h">"Phase history"</h2>
            <ol class="history" data-testid="phase-history">
                <li>{move || created.get().map(|at| format!("{}: added in Attention", format::date(at)))}</li>
                {move || history.get().into_iter().map(|c| view! {
                    <li>{format!("{}: {} → {} ({})", format::date(c.at), c.from.label(), c.to.label(), cause_text(&c))}</li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// A link when the value makes a safe one, plain text otherwise.
fn contact_link(text: String, href: Option<String>) -> impl IntoView {
    match href {
        Some(href) => view! { <a class="contact" href=href rel="noopener noreferrer">{text}</a> }.into_any(),
        None => view! { <span class="contact">{text}</span> }.into_any(),
    }
}
