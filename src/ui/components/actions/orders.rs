//! Orders: placing one, and moving each through progress, problems, completion or cancellation.

use leptos::prelude::*;

use super::{date_or_error, submit};
use crate::domain::ops::{self, OrderDraft, ProblemStep};
use crate::domain::{CustomerId, DomainError, Order, OrderId, OrderStatus, ProblemId};
use crate::i18n::{t, tf};
use crate::state::{now, AppState};
use crate::ui::components::field::{field_error, TextField};
use crate::ui::{format, labels};

/// The place-an-order form.
#[component]
pub fn PlaceOrder(customer: CustomerId, open: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(None::<DomainError>);
    let description = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let placed = RwSignal::new(format::input_date(now()));
    let currency = Memo::new(move |_| state.book.with(|b| b.settings.currency.code().to_string()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (description_text, amount_text, placed_text) =
            (description.get_untracked(), amount.get_untracked(), placed.get_untracked());
        let done = move || {
            description.set(String::new());
            amount.set(String::new());
            open.set(false);
        };
        submit(state, errors, t("orders.order_saved"), done, move |b, now| {
            let placed_at = date_or_error(&placed_text, "placed_at", now)?;
            let draft =
                OrderDraft { customer_id: customer, placed_at, description: description_text, amount: amount_text };
            ops::place_order(b, &draft, now)
        });
    };
    view! {
        <form class="form panel" on:submit=save novalidate=true data-testid="order-form">
            <h2>{t("common.new_order")}</h2>
            <TextField label=t("orders.what_was_ordered") name="order-description" value=description error=field_error(errors, "description") required=true />
            <TextField
                label=tf("orders.amount", &[("currency", &currency.get_untracked())])
                name="order-amount"
                value=amount
                error=field_error(errors, "amount")
                hint=t("orders.for_example_1200_or_120050")
                required=true
                autocomplete="off"
            />
            <TextField label=t("orders.ordered_on") name="order-placed" kind="date" value=placed error=field_error(errors, "placed_at") />
            <div class="actions">
                <button type="submit" class="primary">{t("orders.save_order")}</button>
            </div>
        </form>
    }
}

/// Every order of the customer with the actions each allows.
#[component]
pub fn OrdersPanel(customer: CustomerId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let orders = Memo::new(move |_| {
        state.book.with(|b| {
            let mut list: Vec<Order> = b.orders_of(customer).cloned().collect();
            list.sort_by_key(|o| std::cmp::Reverse(o.placed_at));
            list
        })
    });
    view! {
        <ul class="cards" data-testid="orders">
            <For each=move || orders.get() key=|o| (o.id, o.updated_at) children=move |o| view! { <OrderCard order=o /> } />
        </ul>
        <Show when=move || orders.with(Vec::is_empty)>
            <p class="muted">{t("orders.no_orders_yet")}</p>
        </Show>
    }
}

/// One order and its buttons.
#[component]
fn OrderCard(order: Order) -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(None::<DomainError>);
    let id: OrderId = order.id;
    let currency = order.amount.currency;
    let problem = RwSignal::new(String::new());
    let adding_problem = RwSignal::new(false);
    let start = move |_| {
        submit(state, errors, t("orders.order_is_in_progress"), || {}, move |b, now| ops::start_order(b, id, now))
    };
    let complete = move |_| {
        submit(state, errors, t("orders.order_completed"), || {}, move |b, now| ops::complete_order(b, id, now, now))
    };
    let cancel = move |_| {
        submit(state, errors, t("orders.order_cancelled"), || {}, move |b, now| ops::cancel_order(b, id, now, now))
    };
    let save_problem = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = problem.get_untracked();
        let done = move || {
            problem.set(String::new());
            adding_problem.set(false);
        };
        submit(state, errors, t("orders.problem_recorded"), done, move |b, now| {
            ops::record_problem(b, id, &text, now, now)
        });
    };
    let step = move |p: ProblemId, s: ProblemStep, msg: &'static str| {
        submit(state, errors, msg, || {}, move |b, now| ops::update_problem(b, id, p, s, now, now));
    };
    let open = order.status.is_open();
    let status = order.status;
    view! {
        <li class="card" data-testid="order">
            <div class="card-head">
                <strong>{order.description.clone()}</strong>
                <span>{format::money(order.amount.minor, currency)}</span>
            </div>
            <p class="muted">
                {format!("{} · {}", labels::order_status(status), tf("orders.ordered_on_date", &[("date", &format::date(order.placed_at))]))}
                {order.completed_at.map(|d| format!(" · {}", tf("orders.completed_on_date", &[("date", &format::date(d))])))}
            </p>
            <ul class="problems">
                {order.problems.iter().map(|p| {
                    let pid = p.id;
                    let informed = p.informed_at.is_some();
                    let resolved = p.resolved_at.is_some();
                    view! {
                        <li data-testid="problem">
                            <span class="pre">{p.text.clone()}</span>
                            <span class="muted">
                                {if resolved { " · resolved" } else if informed { " · customer informed" } else { " · customer not yet informed" }}
                            </span>
                            {(!resolved && !informed).then(|| view! {
                                <button type="button" class="small" on:click=move |_| step(pid, ProblemStep::Informed, t("orders.noted_that_the_customer_was"))>{t("orders.customer_informed")}</button>
                            })}
                            {(!resolved).then(|| view! {
                                <button type="button" class="small" on:click=move |_| step(pid, ProblemStep::Resolved, t("orders.problem_resolved"))>{t("orders.resolved")}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {open.then(|| view! {
                <div class="actions">
                    {(status == OrderStatus::Placed).then(|| view! { <button type="button" on:click=start>{t("orders.start_work")}</button> })}
                    <button type="button" class="primary" on:click=complete data-testid="complete-order">{t("orders.completed")}</button>
                    <button type="button" on:click=cancel data-testid="cancel-order">{t("orders.cancel_order")}</button>
                    <button type="button" on:click=move |_| adding_problem.update(|a| *a = !*a)>{t("orders.record_a_problem")}</button>
                </div>
            })}
            <Show when=move || adding_problem.get()>
                <form class="form" on:submit=save_problem novalidate=true>
                    <TextField label=t("orders.problem_or_delay") name=format!("problem-{id}") value=problem error=field_error(errors, "text") />
                    <button type="submit">{t("orders.save_problem")}</button>
                </form>
            </Show>
        </li>
    }
}
