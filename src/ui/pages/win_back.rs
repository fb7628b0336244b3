//! The win-back helper: former customers who agreed to marketing mail, a template
//! filled for each, "send" opens the mail app and logs a win-back touchpoint.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::metrics::funnel;
use crate::domain::playbook::mail_draft;
use crate::domain::today::{win_back_candidates, WinBackCandidate};
use crate::domain::{ops, TemplateId};
use crate::i18n::{t, tf, tn};
use crate::state::{AppState, LoadState};
use crate::ui::format;

/// Former customers to write to, and how many came back.
#[component]
pub fn WinBackPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lists = Memo::new(move |_| state.book.with(win_back_candidates));
    let templates = Memo::new(move |_| state.book.with(|b| b.settings.templates.clone()));
    let template = RwSignal::new(None::<TemplateId>);
    let chosen = Memo::new(move |_| {
        templates.with(|list| template.get().and_then(|id| list.iter().find(|t| t.id == id)).or(list.first()).cloned())
    });
    let rate = Memo::new(move |_| state.book.with(|b| funnel(b, None).win_back));
    let loading = move || matches!(state.load.get(), LoadState::Opening);
    view! {
        <section class="page win-back" data-testid="win-back">
            <h1>{t("winback.title")}</h1>
            <p class="sub">{t("winback.intro")}</p>
            <p data-testid="win-back-rate">
                {move || {
                    let w = rate.get();
                    match w.rate {
                        Some(r) => tf("winback.rate", &[
                            ("won", &crate::i18n::number(w.won_back as i64)),
                            ("former", &crate::i18n::number(w.became_former as i64)),
                            ("rate", &format::percent(r)),
                        ]),
                        None => t("winback.rate_none").to_string(),
                    }
                }}
            </p>
            {move || {
                let list = templates.get();
                (list.len() > 1).then(|| {
                    let options = list.iter().map(|t| (t.id.to_string(), t.name.clone())).collect::<Vec<_>>();
                    let current = chosen.get().map(|t| t.id.to_string()).unwrap_or_default();
                    view! {
                        <div class="field">
                            <label for="wb-template">{t("winback.template")}</label>
                            <select id="wb-template" prop:value=current on:change=move |ev| template.set(event_target_value(&ev).parse().ok())>
                                {options.into_iter().map(|(k, v)| view! { <option value=k>{v}</option> }).collect_view()}
                            </select>
                        </div>
                    }
                })
            }}
            {move || chosen.get().is_none().then(|| view! {
                <p class="banner info">{t("winback.no_template")}" "<a href="/settings#templates-h">{t("nav.settings")}</a></p>
            })}
            {move || {
                let (mailable, not) = lists.get();
                if mailable.is_empty() && not.is_empty() {
                    return view! {
                        <p class="empty-line" data-testid="win-back-empty">
                            {if loading() { t("common.loading") } else { t("winback.none") }}
                        </p>
                    }.into_any();
                }
                view! {
                    <h2>{tn("winback.mailable", mailable.len())}</h2>
                    <ul class="cards">
                        {mailable.into_iter().map(|c| view! { <Candidate c=c chosen=chosen /> }).collect_view()}
                    </ul>
                    {(!not.is_empty()).then(|| view! {
                        <h2>{tn("winback.no_consent", not.len())}</h2>
                        <p class="muted">{t("winback.no_consent_hint")}</p>
                        <ul class="plain">
                            {not.into_iter().map(|id| {
                                let name = state.book.with_untracked(|b| b.customer(id).map(|c| c.name.clone()).unwrap_or_default());
                                view! { <li><a href=format!("/customers/{id}")>{name}</a></li> }
                            }).collect_view()}
                        </ul>
                    })}
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Candidate(c: WinBackCandidate, chosen: Memo<Option<crate::domain::MailTemplate>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = c.customer;
    let draft = Memo::new(move |_| {
        let template = chosen.get()?;
        state.book.with(|b| b.customer(id).and_then(|cust| mail_draft(b, cust, &template, format::date)))
    });
    let name = state.book.with_untracked(|b| b.customer(id).map(|c| c.name.clone()).unwrap_or_default());
    let preview = RwSignal::new(false);
    // The link opens the mail app; the mailing is logged at the same time.
    let log = move |_| {
        let Some(d) = draft.get_untracked() else { return };
        spawn_local(async move {
            match state.run(move |b, now| ops::log_win_back_mail(b, id, &d.subject, now)).await {
                Ok(_) => state.info(t("notice.win_back_logged")),
                Err(e) => state.error(&e),
            }
        });
    };
    let share = move |_| {
        let Some(d) = draft.get_untracked() else { return };
        spawn_local(async move {
            if crate::state::files::share_text(&d.subject, &d.body).await {
                match state.run(move |b, now| ops::log_win_back_mail(b, id, &d.subject, now)).await {
                    Ok(_) => state.info(t("notice.win_back_logged")),
                    Err(e) => state.error(&e),
                }
            }
        });
    };
    let can_share = crate::state::files::can_share_text();
    view! {
        <li class="card win-back-card" data-testid="win-back-candidate">
            <div>
                <a href=format!("/customers/{id}")>{name}</a>" · "{c.email.clone()}
                <div class="muted">
                    {c.last_purchase.map(|d| tf("today.last_purchase", &[("when", &format::date(d))]))}
                    {c.last_mailing.map(|d| format!(" · {}", tf("winback.last_mailing", &[("when", &format::date(d))])))}
                </div>
            </div>
            <div class="actions">
                <button type="button" aria-expanded=move || preview.get().to_string() on:click=move |_| preview.update(|p| *p = !*p)>
                    {t("winback.preview")}
                </button>
                {move || draft.get().map(|d| view! {
                    <a class="button primary" href=d.link data-testid="win-back-send" on:click=log>{t("winback.send")}</a>
                })}
                {can_share.then(|| view! { <button type="button" on:click=share>{t("winback.share")}</button> })}
            </div>
            <Show when=move || preview.get()>
                {move || draft.get().map(|d| view! {
                    <div class="mail-preview" data-testid="mail-preview">
                        <p><strong>{t("winback.subject")}": "</strong>{d.subject}</p>
                        <p class="pre">{d.body}</p>
                    </div>
                })}
            </Show>
        </li>
    }
}
