//! Today, the start screen: what needs doing now, each item one tap from its action.

use leptos::prelude::*;

use crate::domain::today::{today, Today};
use crate::domain::{ops, Book, CustomerId};
use crate::i18n::{t, tf, tn};
use crate::state::{now, AppState, LoadState};
use crate::ui::components::actions::submit;
use crate::ui::components::sample_data::SampleData;
use crate::ui::format;

fn customer_name(book: &Book, id: CustomerId) -> String {
    book.customer(id).map(|c| c.name.clone()).unwrap_or_default()
}

/// A link to the customer page, opening the named action or jumping to a section.
fn customer_link(id: CustomerId, name: String, target: &str) -> impl IntoView {
    view! { <a href=format!("/customers/{id}{target}")>{name}</a> }
}

/// What to do today.
#[component]
pub fn TodayPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let last_visit = state.last_visit;
    let lists = Memo::new(move |_| {
        let at = now();
        state.book.with(|b| today(b, at, format::local_day(at), last_visit))
    });
    let total = Memo::new(move |_| state.book.with(|b| b.customer_count()));
    let load = state.load;
    let errors = RwSignal::new(None);
    view! {
        <section class="page today" data-testid="today">
            <div class="list-head">
                <h1>{t("today.title")}</h1>
                <p class="sub">{format::date(now())}</p>
            </div>
            {move || {
                match load.get() {
                    LoadState::Ready => {}
                    LoadState::Failed(_) => return ().into_any(),
                    _ => return view! { <p class="empty-line">{t("common.loading")}</p> }.into_any(),
                }
                if total.get() == 0 {
                    return view! {
                        <div class="empty" data-testid="empty-state">
                            <h2>{t("list.empty.title")}</h2>
                            <p>{t("list.empty.text")}</p>
                            <a class="button primary" href="/customers/new">{t("list.empty.add")}</a>
                            <p>{t("list.empty.sample")}</p>
                            <SampleData />
                        </div>
                    }
                    .into_any();
                }
                let l: Today = lists.get();
                if l.item_count() == 0 {
                    return view! {
                        <p class="empty-line" data-testid="today-clear">{t("today.clear")}</p>
                    }
                    .into_any();
                }
                view! {
                    <p class="count" data-testid="today-count">{tn("today.count", l.item_count())}</p>
                    <div class="today-grid">
                        <FollowUps lists=l.clone() errors=errors />
                        <Concerns lists=l.clone() />
                        <Problems lists=l.clone() />
                        <AtRiskList lists=l.clone() />
                        <NewlyFormerList lists=l.clone() />
                        <FirstContactList lists=l />
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

/// A titled block of Today; hidden when it has nothing.
#[component]
fn Block(id: &'static str, title: String, count: usize, children: Children) -> impl IntoView {
    let heading = format!("{id}-h");
    view! {
        <section class="today-block" aria-labelledby=heading.clone() data-testid=id>
            <h2 id=heading.clone()>{title}" "<span class="pill">{count}</span></h2>
            <ul class="cards">{children()}</ul>
        </section>
    }
}

#[component]
fn FollowUps(lists: Today, errors: RwSignal<Option<crate::domain::DomainError>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    (!lists.follow_ups.is_empty()).then(|| {
        let n = lists.follow_ups.len();
        let rows = lists
            .follow_ups
            .into_iter()
            .map(|f| {
                let id = f.id;
                let done = move |_| {
                    submit(
                        state,
                        errors,
                        t("notice.follow_up_done"),
                        || {},
                        move |b, now| ops::set_follow_up_done(b, id, true, now),
                    )
                };
                let who = f.customer.map(|c| {
                    let name = state.book.with_untracked(|b| customer_name(b, c));
                    view! { " · " {customer_link(c, name, "#follow-ups-h")} }
                });
                let when = if f.overdue {
                    tf("today.overdue_since", &[("when", &format::days_from(f.due, now()))])
                } else {
                    t("today.due_today").to_string()
                };
                view! {
                    <li class="card today-item" class:overdue=f.overdue data-testid="today-follow-up">
                        <div>
                            <strong>{f.title}</strong>{who}
                            <div class="muted">{when}</div>
                        </div>
                        <button type="button" on:click=done>{t("today.mark_done")}</button>
                    </li>
                }
            })
            .collect_view();
        view! { <Block id="today-follow-ups" title=t("today.follow_ups").to_string() count=n>{rows}</Block> }
    })
}

#[component]
fn Concerns(lists: Today) -> impl IntoView {
    let state = expect_context::<AppState>();
    (!lists.concerns.is_empty()).then(|| {
        let n = lists.concerns.len();
        let rows = lists
            .concerns
            .into_iter()
            .map(|c| {
                let name = state.book.with_untracked(|b| customer_name(b, c.customer));
                let when = if c.overdue {
                    tf("today.answer_overdue", &[("when", &format::date_time(c.due_by))])
                } else {
                    tf("today.answer_by", &[("when", &format::date_time(c.due_by))])
                };
                view! {
                    <li class="card today-item" class:overdue=c.overdue data-testid="today-concern">
                        <div>
                            {customer_link(c.customer, name, "#concerns-h")}
                            <p class="clip">{c.text}</p>
                            <div class="muted">{when}</div>
                        </div>
                        <a class="button" href=format!("/customers/{}#concerns-h", c.customer)>{t("today.answer")}</a>
                    </li>
                }
            })
            .collect_view();
        view! { <Block id="today-concerns" title=t("today.concerns").to_string() count=n>{rows}</Block> }
    })
}

#[component]
fn Problems(lists: Today) -> impl IntoView {
    let state = expect_context::<AppState>();
    (!lists.problems.is_empty()).then(|| {
        let n = lists.problems.len();
        let rows = lists
            .problems
            .into_iter()
            .map(|p| {
                let name = state.book.with_untracked(|b| customer_name(b, p.customer));
                let status = if p.informed { t("today.problem_informed") } else { t("today.problem_not_informed") };
                view! {
                    <li class="card today-item" data-testid="today-problem">
                        <div>
                            {customer_link(p.customer, name, "#orders-h")}" · "{p.order_description}
                            <p class="clip">{p.text}</p>
                            <div class="muted">{status}</div>
                        </div>
                        <a class="button" href=format!("/customers/{}#orders-h", p.customer)>{t("today.handle")}</a>
                    </li>
                }
            })
            .collect_view();
        view! { <Block id="today-problems" title=t("today.problems").to_string() count=n>{rows}</Block> }
    })
}

#[component]
fn AtRiskList(lists: Today) -> impl IntoView {
    let state = expect_context::<AppState>();
    (!lists.at_risk.is_empty()).then(|| {
        let n = lists.at_risk.len();
        let rows = lists
            .at_risk
            .into_iter()
            .map(|a| {
                let name = state.book.with_untracked(|b| customer_name(b, a.customer));
                let left = a.days_to_dormancy.map(|d| tn("today.days_left", d.max(0) as usize));
                view! {
                    <li class="card today-item" data-testid="today-at-risk-item">
                        <div>
                            {customer_link(a.customer, name, "")}
                            <div class="muted">
                                {tf("today.last_purchase", &[("when", &format::date(a.last_purchase))])}
                                {left.map(|l| format!(" · {l}"))}
                            </div>
                        </div>
                        <a class="button" href=format!("/customers/{}?act=contact", a.customer)>{t("today.get_in_touch")}</a>
                    </li>
                }
            })
            .collect_view();
        view! { <Block id="today-at-risk" title=t("today.at_risk").to_string() count=n>{rows}</Block> }
    })
}

#[component]
fn NewlyFormerList(lists: Today) -> impl IntoView {
    let state = expect_context::<AppState>();
    (!lists.newly_former.is_empty()).then(|| {
        let n = lists.newly_former.len();
        let rows = lists
            .newly_former
            .into_iter()
            .map(|f| {
                let name = state.book.with_untracked(|b| customer_name(b, f.customer));
                view! {
                    <li class="card today-item" data-testid="today-former-item">
                        <div>
                            {customer_link(f.customer, name, "")}
                            <div class="muted">{tf("today.became_former", &[("when", &format::date(f.at))])}</div>
                        </div>
                        <a class="button" href="/win-back">{t("today.win_back")}</a>
                    </li>
                }
            })
            .collect_view();
        view! { <Block id="today-former" title=t("today.newly_former").to_string() count=n>{rows}</Block> }
    })
}

#[component]
fn FirstContactList(lists: Today) -> impl IntoView {
    let state = expect_context::<AppState>();
    (!lists.first_contact.is_empty()).then(|| {
        let n = lists.first_contact.len();
        let rows = lists
            .first_contact
            .into_iter()
            .map(|f| {
                let name = state.book.with_untracked(|b| customer_name(b, f.customer));
                view! {
                    <li class="card today-item" data-testid="today-first-contact-item">
                        <div>
                            {customer_link(f.customer, name, "")}
                            <div class="muted">{tf("today.added", &[("when", &format::days_from(f.since, now()))])}</div>
                        </div>
                        <a class="button" href=format!("/customers/{}?act=contact", f.customer)>{t("today.log_contact")}</a>
                    </li>
                }
            })
            .collect_view();
        view! { <Block id="today-first-contact" title=t("today.first_contact").to_string() count=n>{rows}</Block> }
    })
}
