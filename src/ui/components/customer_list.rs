//! The virtualised customer list: only the rows in view are in the page, so tens of
//! thousands of customers scroll smoothly.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::phase_badge::PhaseBadge;
use crate::domain::listing::SortKey;
use crate::domain::Currency;
use crate::i18n::{t, tf};
use crate::ui::app::Listed;
use crate::ui::format;

/// Height of one row in CSS pixels (kept in step with `.row` in the stylesheet).
pub const ROW_HEIGHT: f64 = 64.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 6;

/// The rows `visible` (positions in `all`) as a scrolling, windowed list of links.
#[component]
pub fn CustomerList(
    all: Memo<Listed>,
    visible: Memo<Arc<Vec<usize>>>,
    /// The sort order: the row shows the value it sorts by.
    sort: Signal<SortKey>,
    currency: Signal<Currency>,
) -> impl IntoView {
    let viewport = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let height = RwSignal::new(800.0_f64);

    let measure = move || {
        if let Some(el) = viewport.try_get_untracked().flatten() {
            height.set(f64::from(el.client_height().max(1)));
        }
    };
    Effect::new(move |_| {
        if viewport.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // A new filter result starts at the top.
    Effect::new(move |_| {
        visible.track();
        if let Some(el) = viewport.get_untracked() {
            el.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });

    let window = move || {
        let rows = visible.get();
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
        let count = (height.get() / ROW_HEIGHT) as usize + 2 * OVERSCAN;
        let last = (first + count).min(rows.len());
        (first..last).map(|pos| (pos, rows[pos])).collect::<Vec<_>>()
    };

    view! {
        <div
            class="list-viewport"
            node_ref=viewport
            on:scroll=move |_| {
                if let Some(el) = viewport.get_untracked() {
                    scroll_top.set(f64::from(el.scroll_top()));
                }
            }
        >
            <ul
                class="list-spacer"
                aria-label=t("common.customers")
                data-testid="customer-list"
                style:height=move || format!("{}px", visible.with(|v| v.len()) as f64 * ROW_HEIGHT)
            >
                <For
                    each=window
                    key=move |(pos, index)| (*pos, *index, sort.get_untracked())
                    children=move |(pos, index)| {
                        let s = all.with_untracked(|a| a.cache.summaries[index].clone());
                        let meta = match sort.get_untracked() {
                            SortKey::Name => String::new(),
                            SortKey::LastContact => s.last_contact.map_or(t("list.no_contact_yet").into(), |d| tf("list.contact_on", &[("date", &format::date(d))])),
                            SortKey::LastPurchase => s.last_purchase.map_or(t("list.no_purchase_yet").into(), |d| tf("list.bought_on", &[("date", &format::date(d))])),
                            SortKey::LifetimeValue => format::money(s.lifetime_value, currency.get_untracked()),
                        };
                        view! {
                            <li class="row" class:sample=s.sample style:transform=format!("translateY({}px)", pos as f64 * ROW_HEIGHT)>
                                <a href=format!("/customers/{}", s.id) data-testid="customer-row">
                                    <span class="row-main">
                                        <span class="row-name">{s.name.clone()}</span>
                                        <span class="row-sub">
                                            <span class="row-meta" data-testid="row-meta" data-value=s.lifetime_value.to_string()>
                                                {meta.clone()}
                                            </span>
                                            {(!s.company.is_empty() && !meta.is_empty()).then_some(" · ")}
                                            {s.company.clone()}
                                        </span>
                                    </span>
                                    <span class="row-badges">
                                        {s.sample.then(|| view! { <span class="badge sample">{t("list.sample")}</span> })}
                                        <PhaseBadge phase=s.phase />
                                    </span>
                                </a>
                            </li>
                        }
                    }
                />
            </ul>
        </div>
    }
}
