//! Help: the six phases in plain words, what moves a customer on, and what Rapport
//! suggests doing in each (the user's own playbook).

use leptos::prelude::*;

use crate::domain::Phase;
use crate::i18n::{t, tn};
use crate::state::AppState;
use crate::ui::labels::phase_label;

/// The guide to the lifecycle.
#[component]
pub fn HelpPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let playbook = Memo::new(move |_| state.book.with(|b| b.settings.playbook.clone()));
    view! {
        <article class="page help" data-testid="help">
            <h1>{t("help.title")}</h1>
            <p>{t("help.intro")}</p>
            <ol class="help-phases">
                {Phase::ALL.into_iter().map(|p| {
                    let key = p.key();
                    let steps = move || playbook.with(|list| {
                        list.iter().filter(|s| s.phase == p).map(|s| view! {
                            <li>{s.title.clone()}" "<span class="muted">{format!("({})", tn("help.after_days", s.due_after_days as usize))}</span></li>
                        }).collect_view()
                    });
                    let empty = move || playbook.with(|list| !list.iter().any(|s| s.phase == p));
                    view! {
                        <li class=format!("help-phase phase-{key}")>
                            <h2>{phase_label(p)}</h2>
                            <p>{t(&format!("help.{key}.what"))}</p>
                            <h3>{t("help.moves")}</h3>
                            <p>{t(&format!("help.{key}.moves"))}</p>
                            <h3>{t("help.suggests")}</h3>
                            <Show when=empty fallback=move || view! { <ul>{steps}</ul> }>
                                <p class="muted">{t("help.no_steps")}</p>
                            </Show>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <section aria-labelledby="help-more-h">
                <h2 id="help-more-h">{t("help.more")}</h2>
                <ul>
                    <li>{t("help.at_risk")}</li>
                    <li>{t("help.dormancy")}</li>
                    <li>{t("help.manual")}</li>
                    <li>{t("help.offline")}</li>
                    <li>{t("help.backup")}</li>
                </ul>
                <p><a href="/settings#playbook-h">{t("help.edit_playbook")}</a></p>
            </section>
        </article>
    }
}
