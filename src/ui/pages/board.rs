//! The phase board: six columns with counts and value; a card moves through the state
//! machine with a reason. On a phone one column shows at a time, picked by tabs.

use leptos::prelude::*;

use crate::domain::today::{board_from, Column};
use crate::domain::{CustomerId, Phase};
use crate::i18n::{t, tf, tn};
use crate::state::AppState;
use crate::ui::app::ListData;
use crate::ui::components::actions::move_phase::MovePhase;
use crate::ui::format;
use crate::ui::labels::phase_label;

/// How many cards a column shows before "show all".
const FIRST_CARDS: usize = 50;

/// All six phases side by side (tabs on a phone).
#[component]
pub fn BoardPage() -> impl IntoView {
    let data = expect_context::<ListData>();
    let columns = Memo::new(move |_| data.list.with(|l| board_from(&l.cache.summaries)));
    let selected = RwSignal::new(Phase::Attention);
    let moving = RwSignal::new(None::<CustomerId>);
    view! {
        <section class="page board-page" data-testid="board">
            <h1>{t("board.title")}</h1>
            <p class="sub">{t("board.intro")}</p>
            <div class="board-tabs" role="tablist" aria-label=t("board.phases")>
                {Phase::ALL.into_iter().map(|p| {
                    let count = move || columns.with(|c| c[p.index()].customers.len());
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=format!("tab-{}", p.key())
                            aria-controls=format!("col-{}", p.key())
                            aria-selected=move || (selected.get() == p).to_string()
                            class=format!("tab phase-{}", p.key())
                            data-testid=format!("board-tab-{}", p.key())
                            on:click=move |_| selected.set(p)
                        >
                            {phase_label(p)}" "<span class="pill">{count}</span>
                        </button>
                    }
                }).collect_view()}
            </div>
            <div class="board">
                {move || columns.get().into_iter().map(|col| {
                    view! { <BoardColumn col=col selected=selected moving=moving /> }
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn BoardColumn(col: Column, selected: RwSignal<Phase>, moving: RwSignal<Option<CustomerId>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let phase = col.phase;
    let show_all = RwSignal::new(false);
    let currency = state.book.with_untracked(|b| b.settings.currency);
    let count = col.customers.len();
    let ids = col.customers.clone();
    view! {
        <section
            class=format!("column phase-{}", phase.key())
            class:current=move || selected.get() == phase
            id=format!("col-{}", phase.key())
            role="tabpanel"
            aria-labelledby=format!("col-{}-h", phase.key())
            data-testid=format!("column-{}", phase.key())
        >
            <header>
                <h2 id=format!("col-{}-h", phase.key())>{phase_label(phase)}</h2>
                <p class="muted" data-testid="column-figures">
                    {tn("board.customers", count)}" · "{format::money(col.value, currency)}
                </p>
            </header>
            <ul class="cards">
                {move || {
                    let limit = if show_all.get() { usize::MAX } else { FIRST_CARDS };
                    ids.iter().take(limit).map(|&id| view! { <Card id=id moving=moving /> }).collect_view()
                }}
            </ul>
            <Show when=move || { count > FIRST_CARDS && !show_all.get() }>
                <button type="button" on:click=move |_| show_all.set(true)>
                    {tf("board.show_all", &[("n", &crate::i18n::number(count as i64))])}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn Card(id: CustomerId, moving: RwSignal<Option<CustomerId>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(c) = state.book.with_untracked(|b| b.customer(id).cloned()) else { return ().into_any() };
    let name = c.name.clone();
    view! {
        <li class="card board-card" data-testid="board-card">
            <a href=format!("/customers/{id}")>{c.name.clone()}</a>
            {(!c.company.is_empty()).then(|| view! { <span class="muted">{c.company.clone()}</span> })}
            <button
                type="button"
                class="small"
                aria-label=tf("board.move_named", &[("name", &name)])
                aria-expanded=move || (moving.get() == Some(id)).to_string()
                on:click=move |_| moving.update(|m| *m = if *m == Some(id) { None } else { Some(id) })
            >
                {t("board.move")}
            </button>
            <Show when=move || moving.get() == Some(id)>
                <div class="move-card">
                    <MovePhase customer=id current=c.phase on_done=move |_| moving.set(None) on_cancel=move |_| moving.set(None) />
                </div>
            </Show>
        </li>
    }
    .into_any()
}
