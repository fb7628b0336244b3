//! The customer list: search, archived toggle, the list, and the first-run empty state.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::listing::{run_query, ListQuery};
use crate::state::{AppState, LoadState};
use crate::ui::app::ListData;
use crate::ui::components::customer_list::CustomerList;
use crate::ui::components::sample_data::SampleData;

/// Lists customers; search as you type.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ListData>();
    let text = RwSignal::new(String::new());
    let archived = RwSignal::new(false);
    let query = Memo::new(move |_| ListQuery { text: text.get(), archived: archived.get(), ..ListQuery::default() });
    let visible = Memo::new_with_compare(
        move |_| {
            let q = query.get();
            Arc::new(data.summaries.with(|all| data.index.with(|index| run_query(all, index, &q))))
        },
        |a, b| a != b,
    );
    let total = Memo::new(move |_| data.summaries.with(|s| s.len()));
    let loading = move || matches!(state.load.get(), LoadState::Opening);

    view! {
        <section class="page list-page">
            <div class="list-head">
                <h1>"Customers"</h1>
                <a class="button primary" href="/customers/new" data-testid="add-customer">"Add customer"</a>
            </div>
            <Show
                when=move || { total.get() > 0 || loading() }
                fallback=|| {
                    view! {
                        <div class="empty" data-testid="empty-state">
                            <h2>"No customers yet"</h2>
                            <p>
                                "Add the first person or company you work with. Rapport then shows where each of them stands: from first attention to repeat customer."
                            </p>
                            <a class="button primary" href="/customers/new">"Add your first customer"</a>
                            <p>"Or look around first with made-up customers in every phase (clearly marked, removable in one step):"</p>
                            <SampleData />
                        </div>
                    }
                }
            >
                <div class="filters">
                    <label class="visually-hidden" for="search">"Search customers"</label>
                    <input
                        id="search"
                        type="search"
                        placeholder="Search name, company, email, phone, tags, notes"
                        data-testid="search"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                    <label class="toggle">
                        <input
                            type="checkbox"
                            data-testid="show-archived"
                            prop:checked=move || archived.get()
                            on:change=move |ev| archived.set(event_target_checked(&ev))
                        />
                        "Archived"
                    </label>
                </div>
                <p class="count" role="status" data-testid="result-count">
                    {move || {
                        let n = visible.with(|v| v.len());
                        if n == 1 { "1 customer".to_string() } else { format!("{n} customers") }
                    }}
                </p>
                <CustomerList all=data.summaries visible=visible />
            </Show>
        </section>
    }
}
