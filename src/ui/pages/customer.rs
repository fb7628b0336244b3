//! The customer page (the 360° view): contact, phase, figures, actions, history.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::customer_id_param;
use crate::domain::metrics::customer_figures;
use crate::domain::validate::{mailto_link, safe_link, tel_link};
use crate::domain::{ops, Customer, CustomerId, PhaseCause, PhaseChange};
use crate::i18n::{t, tf};
use crate::state::{now, AppState};
use crate::ui::components::actions::concerns::{ConcernsPanel, ReceiveConcern};
use crate::ui::components::actions::follow_ups::FollowUpsPanel;
use crate::ui::components::actions::move_phase::MovePhase;
use crate::ui::components::actions::orders::{OrdersPanel, PlaceOrder};
use crate::ui::components::actions::touchpoint::LogTouchpoint;
use crate::ui::components::actions::Disclosure;
use crate::ui::components::phase_badge::PhaseBadge;
use crate::ui::components::phase_stepper::PhaseStepper;
use crate::ui::components::timeline::Timeline;
use crate::ui::format;
use crate::ui::labels::acquisition_channel;
use crate::ui::labels::phase_label;

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
                <h1>{t("common.customer_not_found")}</h1>
                <p>{t("customer.this_customer_does_not_exist")}</p>
                <a href="/customers">{t("common.back_to_customers")}</a>
            </section>
        }
        .into_any(),
    }
}

pub fn cause_text(change: &PhaseChange) -> String {
    match &change.cause {
        PhaseCause::Contacted { .. } => t("cause.contacted").to_string(),
        PhaseCause::OrderPlaced { .. } => t("cause.order_placed").to_string(),
        PhaseCause::OrderCompleted { .. } => t("cause.order_completed").to_string(),
        PhaseCause::OrderCancelled { .. } => t("cause.order_cancelled").to_string(),
        PhaseCause::Dormancy { .. } => t("cause.dormancy").to_string(),
        PhaseCause::Manual { reason } => tf("cause.manual", &[("reason", reason)]),
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
                    t("customer.customer_restored")
                } else {
                    t("customer.customer_archived_find_it_under")
                }),
                Err(e) => state.error(&e),
            }
        });
    };
    // Links from Today open the action they point at (`?act=contact`) or jump to a
    // section (`#concerns-h`).
    let act = use_query_map().with_untracked(|q| q.get("act"));
    let contact_open = RwSignal::new(act.as_deref() == Some("contact"));
    let order_open = RwSignal::new(act.as_deref() == Some("order"));
    let concern_open = RwSignal::new(act.as_deref() == Some("concern"));
    let move_open = RwSignal::new(act.as_deref() == Some("move"));
    request_animation_frame(scroll_to_hash);

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
                <p class="banner info">{t("customer.sample_customer_made_up_to")}</p>
            </Show>
            <Show when=archived>
                <p class="banner info" data-testid="archived-note">{t("customer.this_customer_is_archived_hidden")}</p>
            </Show>
            <div class="actions toolbar">
                <Disclosure label=t("customer.log_contact") testid="log-contact" open=contact_open />
                <Disclosure label=t("common.new_order") testid="new-order" open=order_open />
                <Disclosure label=t("common.new_concern") testid="new-concern" open=concern_open />
                <Disclosure label=t("customer.move_phase") testid="move-phase" open=move_open />
                <a class="button" href=format!("/customers/{id}/edit") data-testid="edit-customer">"Edit"</a>
                <button type="button" on:click=toggle_archive data-testid="archive-toggle">
                    {move || if archived() { t("common.restore") } else { t("customer.archive") }}
                </button>
            </div>
            <Show when=move || contact_open.get()><LogTouchpoint customer=id open=contact_open /></Show>
            <Show when=move || order_open.get()><PlaceOrder customer=id open=order_open /></Show>
            <Show when=move || concern_open.get()><ReceiveConcern customer=id open=concern_open /></Show>
            {move || (move_open.get()).then(|| phase.get().map(|p| view! { <MovePhase customer=id current=p on_done=move |_| move_open.set(false) /> }))}

            <div class="columns">
                <div>
                    <KeyFigures id=id />
                    <section aria-labelledby="orders-h">
                        <h2 id="orders-h">{t("common.orders")}</h2>
                        <OrdersPanel customer=id />
                    </section>
                    <section aria-labelledby="concerns-h">
                        <h2 id="concerns-h">{t("common.concerns")}</h2>
                        <ConcernsPanel customer=id />
                    </section>
                    <section aria-labelledby="follow-ups-h">
                        <h2 id="follow-ups-h">{t("common.followups")}</h2>
                        <FollowUpsPanel customer=id />
                    </section>
                </div>
                <div>
                    {move || c().map(|c| view! { <ContactDetails customer=c /> })}
                    <section aria-labelledby="timeline-h">
                        <h2 id="timeline-h">{t("customer.timeline")}</h2>
                        <Timeline customer=id />
                    </section>
                    <PhaseHistory id=id />
                </div>
            </div>
        </article>
    }
}

/// Scrolls the section named in the address's `#fragment` into view (the router
/// renders after the browser's own jump would have happened).
fn scroll_to_hash() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let hash = document.location().and_then(|l| l.hash().ok()).unwrap_or_default();
    if let Some(target) = hash.strip_prefix('#').filter(|h| !h.is_empty()).and_then(|id| document.get_element_by_id(id))
    {
        target.scroll_into_view();
    }
}

/// Lifetime value, purchases, last purchase, days to dormancy, at-risk.
#[component]
fn KeyFigures(id: CustomerId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = Memo::new(move |_| state.book.with(|b| b.customer(id).map(|c| customer_figures(b, c, now()))));
    view! {
        <section aria-labelledby="figures-h">
            <h2 id="figures-h">{t("customer.key_figures")}</h2>
            {move || figures.get().map(|f| view! {
                <dl class="facts figures" data-testid="figures">
                    <dt>{t("common.lifetime_value")}</dt><dd data-testid="lifetime-value">{format::money(f.lifetime_value, f.currency)}</dd>
                    <dt>{t("customer.purchases")}</dt><dd data-testid="purchase-count">{f.purchase_count}</dd>
                    <dt>{t("common.last_purchase")}</dt><dd>{f.last_purchase.map_or("–".to_string(), format::date)}</dd>
                    <dt>{t("common.last_contact")}</dt><dd>{f.last_contact.map_or("–".to_string(), format::date)}</dd>
                    <dt>{t("customer.days_until_former_customer")}</dt><dd>{f.days_to_dormancy.map_or("–".to_string(), crate::i18n::number)}</dd>
                    <dt>{t("common.at_risk")}</dt>
                    <dd data-testid="at-risk">{if f.at_risk { t("customer.yes_overdue_against_their_usual") } else { t("customer.no") }}</dd>
                    <dt>"Open concerns"</dt><dd>{f.open_concerns}{(f.overdue_concerns > 0).then(|| format!(" ({})", tf("customer.n_overdue", &[("n", &f.overdue_concerns.to_string())])))}</dd>
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
            <h2 id="contact-h">{t("customer.contact")}</h2>
            <dl class="facts">
                <dt>{t("common.found_you_through")}</dt>
                <dd data-testid="customer-channel">{acquisition_channel(customer.channel)}</dd>
                {(!customer.emails.is_empty()).then(|| view! {
                    <dt>{t("common.email")}</dt>
                    <dd>{customer.emails.iter().map(|e| contact_link(e.clone(), mailto_link(e))).collect_view()}</dd>
                })}
                {(!customer.phones.is_empty()).then(|| view! {
                    <dt>{t("common.phone")}</dt>
                    <dd>{customer.phones.iter().map(|p| contact_link(p.clone(), tel_link(p))).collect_view()}</dd>
                })}
                {(!customer.website.is_empty()).then(|| view! {
                    <dt>{t("common.website")}</dt>
                    <dd>{contact_link(customer.website.clone(), website.clone())}</dd>
                })}
                {(!customer.address.is_empty()).then(|| view! { <dt>{t("common.address")}</dt><dd class="pre">{customer.address.clone()}</dd> })}
                {(!customer.tags.is_empty()).then(|| view! { <dt>{t("common.tags")}</dt><dd>{customer.tags.join(", ")}</dd> })}
                <dt>{t("customer.marketing_mail")}</dt>
                <dd>{if customer.may_receive_marketing() { t("customer.agreed") } else { t("customer.not_agreed") }}</dd>
            </dl>
            {(!customer.notes.is_empty()).then(|| view! { <h3>{t("common.notes")}</h3><p class="pre" data-testid="customer-notes">{customer.notes.clone()}</p> })}
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
            <h2 id="history-h">{t("customer.phase_history")}</h2>
            <ol class="history" data-testid="phase-history">
                <li>{move || created.get().map(|at| tf("customer.added_in_attention", &[("date", &format::date(at)), ("phase", phase_label(crate::domain::Phase::Attention))]))}</li>
                {move || history.get().into_iter().map(|c| view! {
                    <li>{format!("{}: {} → {} ({})", format::date(c.at), phase_label(c.from), phase_label(c.to), cause_text(&c))}</li>
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
