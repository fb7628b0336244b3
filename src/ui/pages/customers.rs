//! The customer list: search, archived toggle, the list, and the first-run empty state.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::listing::{all_tags, ListQuery, SortKey};
use crate::domain::{AcquisitionChannel, Choices, Phase};
use crate::i18n::{t, tn};
use crate::state::{AppState, LoadState};
use crate::ui::app::ListData;
use crate::ui::components::customer_list::CustomerList;
use crate::ui::components::field::{choices, SelectField};
use crate::ui::components::sample_data::SampleData;
use crate::ui::labels::acquisition_channel;
use crate::ui::labels::phase_label;

/// Lists customers; search as you type.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ListData>();
    let text = RwSignal::new(String::new());
    let archived = RwSignal::new(false);
    let phase = RwSignal::new(String::new());
    let channel = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let at_risk = RwSignal::new(false);
    let sort = RwSignal::new(SortKey::Name.key().to_string());
    let query = Memo::new(move |_| ListQuery {
        text: text.get(),
        archived: archived.get(),
        phase: Phase::from_key(&phase.get()),
        channel: AcquisitionChannel::from_key(&channel.get()),
        tag: Some(tag.get()).filter(|t| !t.is_empty()),
        at_risk_only: at_risk.get(),
        sort: SortKey::from_key(&sort.get()).unwrap_or_default(),
    });
    let tags = Memo::new(move |_| data.list.with(|l| all_tags(&l.cache.summaries)));
    let phase_options = std::iter::once((String::new(), t("list.all_phases").to_string()))
        .chain(Phase::ALL.iter().map(|p| (p.key().to_string(), phase_label(*p).to_string())))
        .collect::<Vec<_>>();
    let channel_options = std::iter::once((String::new(), t("list.all_channels").to_string()))
        .chain(AcquisitionChannel::ALL.iter().map(|c| (c.key().to_string(), acquisition_channel(*c).to_string())))
        .collect::<Vec<_>>();
    let sort_options = choices([
        ("name", t("common.name")),
        ("last_contact", t("common.last_contact")),
        ("last_purchase", t("common.last_purchase")),
        ("lifetime_value", t("common.lifetime_value")),
    ]);
    let visible = Memo::new_with_compare(
        move |_| {
            let q = query.get();
            Arc::new(data.list.with(|l| l.cache.query(&q)))
        },
        |a, b| a != b,
    );
    let total = Memo::new(move |_| data.list.with(|l| l.cache.summaries.len()));
    let loading = move || matches!(state.load.get(), LoadState::Opening);

    view! {
        <section class="page list-page">
            <div class="list-head">
                <h1>{t("common.customers")}</h1>
                <a class="button primary" href="/customers/new" data-testid="add-customer">{t("common.add_customer")}</a>
            </div>
            <Show
                when=move || { total.get() > 0 || loading() }
                fallback=|| {
                    view! {
                        <div class="empty" data-testid="empty-state">
                            <h2>{t("list.no_customers_yet")}</h2>
                            <p>
                                {t("list.add_the_first_person_or")}
                            </p>
                            <a class="button primary" href="/customers/new">{t("list.add_your_first_customer")}</a>
                            <p>{t("list.or_look_around_first_with")}</p>
                            <SampleData />
                        </div>
                    }
                }
            >
                <div class="filters">
                    <label class="visually-hidden" for="search">{t("list.search_customers")}</label>
                    <input
                        id="search"
                        type="search"
                        placeholder=t("list.search_name_company_email_phone")
                        data-testid="search"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                    <SelectField label=t("list.phase") name="filter-phase" value=phase options=phase_options.clone() />
                    <SelectField label=t("list.found_through") name="filter-channel" value=channel options=channel_options.clone() />
                    {move || {
                        let options = std::iter::once((String::new(), t("list.all_tags").to_string()))
                            .chain(tags.get().into_iter().map(|t| (t.clone(), t)))
                            .collect::<Vec<_>>();
                        view! { <SelectField label=t("list.tag") name="filter-tag" value=tag options=options /> }
                    }}
                    <SelectField label=t("list.sort_by") name="sort" value=sort options=sort_options.clone() />
                    <Toggle label=t("common.at_risk") testid="at-risk-only" value=at_risk />
                    <Toggle label=t("list.archived") testid="show-archived" value=archived />
                </div>
                <p class="count" role="status" data-testid="result-count">
                    {move || {
                        let n = visible.with(|v| v.len());
                        tn("list.count", n)
                    }}
                </p>
                <CustomerList
                    all=data.list
                    visible=visible
                    sort=Signal::derive(move || query.with(|q| q.sort))
                    currency=Signal::derive(move || state.book.with(|b| b.settings.currency))
                />
            </Show>
        </section>
    }
}

/// A checkbox filter with its label.
#[component]
fn Toggle(label: &'static str, testid: &'static str, value: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="toggle">
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            {label}
        </label>
    }
}
