//! Insights: the lifecycle funnel, time in each phase, acquisition channels, revenue
//! per month, win-back rate and concern response, as SVG charts with a table each.

use leptos::prelude::*;

use crate::domain::metrics::{concern_figures, funnel, ConcernFigures, Funnel};
use crate::domain::today::{period_start, revenue_by_month, MonthRevenue};
use crate::domain::{Currency, Phase};
use crate::i18n::{self, t, tf};
use crate::state::{now, AppState};
use crate::ui::components::field::SelectField;
use crate::ui::format;
use crate::ui::labels::{acquisition_channel, phase_label};

/// One bar: its label, its length as a share of the longest, and the value as text.
#[derive(Clone, PartialEq)]
struct Bar {
    label: String,
    value: f64,
    text: String,
}

/// Everything the page shows for one period.
#[derive(Clone, PartialEq)]
struct Figures {
    funnel: Funnel,
    concerns: ConcernFigures,
    months: Vec<MonthRevenue>,
    currency: Currency,
}

/// The insights screen with its period filter.
#[component]
pub fn InsightsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let period = RwSignal::new("365".to_string());
    let figures = Memo::new(move |_| {
        let at = now();
        let since = period_start(period.get().parse().ok(), at);
        state.book.with(|b| Figures {
            funnel: funnel(b, since),
            concerns: concern_figures(b, since, at),
            months: revenue_by_month(b, since, at),
            currency: b.settings.currency,
        })
    });
    let periods = vec![
        ("30".to_string(), t("insights.period.30").to_string()),
        ("90".to_string(), t("insights.period.90").to_string()),
        ("365".to_string(), t("insights.period.365").to_string()),
        ("all".to_string(), t("insights.period.all").to_string()),
    ];
    view! {
        <section class="page insights" data-testid="insights">
            <div class="list-head">
                <h1>{t("insights.title")}</h1>
                <SelectField label=t("insights.period") name="period" value=period options=periods />
            </div>
            <p class="sub">{t("insights.intro")}</p>
            {move || {
                let f = figures.get();
                view! {
                    <div class="charts">
                        <FunnelChart f=f.funnel.clone() />
                        <PhaseTimeChart f=f.funnel.clone() />
                        <ChannelCharts f=f.funnel.clone() currency=f.currency />
                        <RevenueChart months=f.months.clone() currency=f.currency />
                        <Rates f=f.funnel.clone() c=f.concerns />
                    </div>
                }
            }}
        </section>
    }
}

/// A figure with a horizontal bar chart and the same numbers as a table.
#[component]
fn BarChart(id: &'static str, title: String, bars: Vec<Bar>, #[prop(optional)] note: Option<String>) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let row = 30.0;
    let height = row * bars.len().max(1) as f64;
    let summary = bars.iter().map(|b| format!("{}: {}", b.label, b.text)).collect::<Vec<_>>().join("; ");
    let table_rows = bars.clone();
    view! {
        <figure class="chart" data-testid=id>
            <figcaption id=format!("{id}-h")>{title}</figcaption>
            <svg
                viewBox=format!("0 0 440 {height}")
                role="img"
                aria-labelledby=format!("{id}-h {id}-d")
                preserveAspectRatio="xMinYMin meet"
            >
                <desc id=format!("{id}-d")>{summary}</desc>
                {bars.into_iter().enumerate().map(|(i, b)| {
                    let y = i as f64 * row;
                    let width = if max > 0.0 { (b.value / max) * 120.0 } else { 0.0 };
                    view! {
                        <g>
                            <text x="0" y=y + 19.0 class="chart-label">{b.label}</text>
                            <rect x="130" y=y + 6.0 width=width.max(if b.value > 0.0 { 2.0 } else { 0.0 }) height="18" rx="3" class="chart-bar" />
                            <text x=130.0 + width + 6.0 y=y + 19.0 class="chart-value">{b.text}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            {note.map(|n| view! { <p class="muted">{n}</p> })}
            <details>
                <summary>{t("insights.as_table")}</summary>
                <table>
                    <tbody>
                        {table_rows.into_iter().map(|b| view! { <tr><th scope="row">{b.label}</th><td>{b.text}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

#[component]
fn FunnelChart(f: Funnel) -> impl IntoView {
    let stages = [Phase::Attention, Phase::Trust, Phase::Purchase, Phase::AfterPurchase, Phase::Commitment];
    let bars = stages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let n = f.reached[i];
            let text = match i.checked_sub(1).and_then(|prev| f.conversion[prev]) {
                Some(c) => format!("{} ({})", i18n::number(n as i64), format::percent(c)),
                None => i18n::number(n as i64),
            };
            Bar { label: phase_label(*p).to_string(), value: n as f64, text }
        })
        .collect::<Vec<_>>();
    view! { <BarChart id="chart-funnel" title=t("insights.funnel").to_string() bars=bars note=t("insights.funnel_note").to_string() /> }
}

#[component]
fn PhaseTimeChart(f: Funnel) -> impl IntoView {
    let bars = Phase::ALL
        .iter()
        .map(|p| {
            let d = f.median_time_in_phase[p.index()];
            let days = d.map_or(0.0, |d| d.num_hours() as f64 / 24.0);
            let text = d.map_or("–".to_string(), |d| i18n::tn("common.days", d.num_days().max(0) as usize));
            Bar { label: phase_label(*p).to_string(), value: days, text }
        })
        .collect::<Vec<_>>();
    view! { <BarChart id="chart-time" title=t("insights.time_in_phase").to_string() bars=bars note=t("insights.time_note").to_string() /> }
}

#[component]
fn ChannelCharts(f: Funnel, currency: Currency) -> impl IntoView {
    let customers = f
        .channels
        .iter()
        .map(|c| Bar {
            label: acquisition_channel(c.channel).to_string(),
            value: c.customers as f64,
            text: tf(
                "insights.channel_people",
                &[("customers", &i18n::number(c.customers as i64)), ("buyers", &i18n::number(c.buyers as i64))],
            ),
        })
        .collect::<Vec<_>>();
    let revenue = f
        .channels
        .iter()
        .map(|c| Bar {
            label: acquisition_channel(c.channel).to_string(),
            value: c.revenue as f64,
            text: format::money(c.revenue, currency),
        })
        .collect::<Vec<_>>();
    view! {
        <BarChart id="chart-channels" title=t("insights.channels").to_string() bars=customers />
        <BarChart id="chart-channel-revenue" title=t("insights.channel_revenue").to_string() bars=revenue />
    }
}

#[component]
fn RevenueChart(months: Vec<MonthRevenue>, currency: Currency) -> impl IntoView {
    if months.is_empty() {
        return view! {
            <figure class="chart" data-testid="chart-revenue">
                <figcaption>{t("insights.revenue")}</figcaption>
                <p class="muted">{t("insights.no_revenue")}</p>
            </figure>
        }
        .into_any();
    }
    // The last 24 months at most, so the bars stay readable on a phone.
    let shown: Vec<MonthRevenue> = months.iter().rev().take(24).rev().copied().collect();
    let max = shown.iter().map(|m| m.revenue).max().unwrap_or(0).max(1) as f64;
    let width = 400.0;
    let slot = width / shown.len() as f64;
    let summary = shown
        .iter()
        .map(|m| format!("{}: {}", month_label(m), format::money(m.revenue, currency)))
        .collect::<Vec<_>>()
        .join("; ");
    let total: i64 = months.iter().fold(0, |s, m| s.saturating_add(m.revenue));
    let rows = shown.clone();
    view! {
        <figure class="chart" data-testid="chart-revenue">
            <figcaption id="chart-revenue-h">{t("insights.revenue")}</figcaption>
            <svg viewBox="0 0 400 180" role="img" aria-labelledby="chart-revenue-h chart-revenue-d">
                <desc id="chart-revenue-d">{summary}</desc>
                {shown.iter().enumerate().map(|(i, m)| {
                    let h = (m.revenue as f64 / max) * 140.0;
                    let x = i as f64 * slot;
                    let label = (shown.len() <= 12 || i % 3 == 0).then(|| i18n::month_in(i18n::locale(), m.month));
                    view! {
                        <g>
                            <rect x=x + slot * 0.15 y=150.0 - h width=slot * 0.7 height=h.max(if m.revenue > 0 { 1.0 } else { 0.0 }) rx="2" class="chart-bar" />
                            {label.map(|l| view! { <text x=x + slot / 2.0 y="168" text-anchor="middle" class="chart-axis">{l}</text> })}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <p class="muted">{tf("insights.revenue_total", &[("total", &format::money(total, currency))])}</p>
            <details>
                <summary>{t("insights.as_table")}</summary>
                <table>
                    <tbody>
                        {rows.into_iter().map(|m| view! {
                            <tr><th scope="row">{month_label(&m)}</th><td>{format::money(m.revenue, currency)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
    .into_any()
}

fn month_label(m: &MonthRevenue) -> String {
    format!("{} {}", i18n::month_in(i18n::locale(), m.month), m.year)
}

/// A single share as a meter-like bar with its sentence.
#[component]
fn RateFigure(id: &'static str, title: String, share: Option<f64>, text: String) -> impl IntoView {
    let width = share.unwrap_or(0.0).clamp(0.0, 1.0) * 400.0;
    view! {
        <figure class="chart rate" data-testid=id>
            <figcaption id=format!("{id}-h")>{title}</figcaption>
            <p class="big">{share.map_or("–".to_string(), format::percent)}</p>
            <svg viewBox="0 0 400 16" role="img" aria-labelledby=format!("{id}-h {id}-d")>
                <desc id=format!("{id}-d")>{text.clone()}</desc>
                <rect x="0" y="0" width="400" height="16" rx="4" class="chart-track" />
                <rect x="0" y="0" width=width height="16" rx="4" class="chart-bar" />
            </svg>
            <p class="muted">{text}</p>
        </figure>
    }
}

#[component]
fn Rates(f: Funnel, c: ConcernFigures) -> impl IntoView {
    let w = f.win_back;
    let win_text = tf(
        "insights.win_back_text",
        &[("won", &i18n::number(w.won_back as i64)), ("former", &i18n::number(w.became_former as i64))],
    );
    let concern_text = tf(
        "insights.concerns_text",
        &[
            ("in_time", &i18n::number(c.answered_in_time as i64)),
            ("answered", &i18n::number(c.answered as i64)),
            ("overdue", &i18n::number(c.open_overdue as i64)),
        ],
    );
    view! {
        <RateFigure id="chart-win-back" title=t("insights.win_back").to_string() share=w.rate text=win_text />
        <RateFigure id="chart-concerns" title=t("insights.concerns").to_string() share=c.in_time_rate text=concern_text />
    }
}
