//! What needs doing today, the phase board's columns, and the win-back list: derived
//! from the book at a given time, never stored.

use chrono::{DateTime, Datelike, Duration, Utc};

use super::book::Book;
use super::id::{ConcernId, CustomerId, FollowUpId, OrderId, ProblemId};
use super::listing::Summary;
use super::metrics::customer_figures;
use super::model::{Customer, OrderStatus};
use super::phase::Phase;
use super::playbook::entered_current_phase;

/// An open follow-up due by the end of today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueFollowUp {
    pub id: FollowUpId,
    pub customer: Option<CustomerId>,
    pub title: String,
    pub due: DateTime<Utc>,
    /// Due before the start of today.
    pub overdue: bool,
}

/// A concern still waiting for its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingConcern {
    pub id: ConcernId,
    pub customer: CustomerId,
    pub text: String,
    pub due_by: DateTime<Utc>,
    /// Past the response target.
    pub overdue: bool,
}

/// A problem with an order that is not resolved yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenProblem {
    pub order: OrderId,
    pub problem: ProblemId,
    pub customer: CustomerId,
    pub order_description: String,
    pub text: String,
    /// The customer has not been told about it yet.
    pub informed: bool,
}

/// A customer who is drifting: overdue against their own purchase rhythm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtRisk {
    pub customer: CustomerId,
    pub last_purchase: DateTime<Utc>,
    pub days_to_dormancy: Option<i64>,
}

/// A customer who became a former customer after the user's last visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewlyFormer {
    pub customer: CustomerId,
    pub at: DateTime<Utc>,
}

/// A prospect in Attention with no contact logged yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstContact {
    pub customer: CustomerId,
    pub since: DateTime<Utc>,
}

/// Everything the Today screen lists, each list most urgent first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Today {
    pub follow_ups: Vec<DueFollowUp>,
    pub concerns: Vec<WaitingConcern>,
    pub problems: Vec<OpenProblem>,
    pub at_risk: Vec<AtRisk>,
    pub newly_former: Vec<NewlyFormer>,
    pub first_contact: Vec<FirstContact>,
}

impl Today {
    pub fn item_count(&self) -> usize {
        self.follow_ups.len()
            + self.concerns.len()
            + self.problems.len()
            + self.at_risk.len()
            + self.newly_former.len()
            + self.first_contact.len()
    }
}

/// The day the user is in, as instants: the caller knows the time zone, the domain does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

fn active(book: &Book, id: CustomerId) -> Option<&Customer> {
    book.customer(id).filter(|c| !c.archived)
}

/// Builds the Today lists at `now`. `last_visit` is when the user last opened the app
/// (None on a first visit: nobody is "new" then).
pub fn today(book: &Book, now: DateTime<Utc>, day: Day, last_visit: Option<DateTime<Utc>>) -> Today {
    let mut t = Today::default();
    for f in book.all_follow_ups() {
        if f.done_at.is_some() || f.due >= day.end {
            continue;
        }
        if let Some(c) = f.customer_id {
            if active(book, c).is_none() {
                continue;
            }
        }
        t.follow_ups.push(DueFollowUp {
            id: f.id,
            customer: f.customer_id,
            title: f.title.clone(),
            due: f.due,
            overdue: f.due < day.start,
        });
    }
    t.follow_ups.sort_by(|a, b| a.due.cmp(&b.due).then(a.title.cmp(&b.title)));

    for c in book.all_concerns() {
        if c.answered_at.is_some() || active(book, c.customer_id).is_none() {
            continue;
        }
        t.concerns.push(WaitingConcern {
            id: c.id,
            customer: c.customer_id,
            text: c.text.clone(),
            due_by: c.due_by,
            overdue: c.due_by < now,
        });
    }
    t.concerns.sort_by_key(|c| c.due_by);

    for o in book.all_orders() {
        if o.status == OrderStatus::Cancelled || active(book, o.customer_id).is_none() {
            continue;
        }
        for p in o.open_problems() {
            t.problems.push(OpenProblem {
                order: o.id,
                problem: p.id,
                customer: o.customer_id,
                order_description: o.description.clone(),
                text: p.text.clone(),
                informed: p.informed_at.is_some(),
            });
        }
    }
    t.problems.sort_by(|a, b| a.informed.cmp(&b.informed).then(a.order_description.cmp(&b.order_description)));

    for c in book.customers().filter(|c| !c.archived) {
        match c.phase {
            Phase::AfterPurchase | Phase::Commitment => {
                let f = customer_figures(book, c, now);
                if let (true, Some(last)) = (f.at_risk, f.last_purchase) {
                    t.at_risk.push(AtRisk {
                        customer: c.id,
                        last_purchase: last,
                        days_to_dormancy: f.days_to_dormancy,
                    });
                }
            }
            Phase::WinBack => {
                let at = entered_current_phase(book, c);
                if last_visit.is_some_and(|v| at > v) {
                    t.newly_former.push(NewlyFormer { customer: c.id, at });
                }
            }
            Phase::Attention => {
                if book.touchpoints_of(c.id).next().is_none() {
                    t.first_contact.push(FirstContact { customer: c.id, since: c.created_at });
                }
            }
            Phase::Trust | Phase::Purchase => {}
        }
    }
    t.at_risk.sort_by_key(|a| (a.days_to_dormancy.unwrap_or(i64::MAX), a.last_purchase));
    t.newly_former.sort_by_key(|n| std::cmp::Reverse(n.at));
    t.first_contact.sort_by_key(|f| f.since);
    t
}

/// One column of the phase board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub phase: Phase,
    /// Active customers in the phase, highest lifetime value first, then by name.
    pub customers: Vec<CustomerId>,
    /// Sum of their completed orders in the book's currency, minor units.
    pub value: i64,
}

/// The six columns of the board (archived customers left out).
pub fn board(book: &Book, now: DateTime<Utc>) -> Vec<Column> {
    board_from(&super::listing::summaries(book, now))
}

/// The board from the list's summaries (which the app keeps up to date anyway).
pub fn board_from(summaries: &[Summary]) -> Vec<Column> {
    let mut rows: Vec<Vec<&Summary>> = vec![Vec::new(); Phase::ALL.len()];
    for s in summaries.iter().filter(|s| !s.archived) {
        rows[s.phase.index()].push(s);
    }
    Phase::ALL
        .iter()
        .zip(rows)
        .map(|(&phase, mut list)| {
            list.sort_by(|a, b| {
                b.lifetime_value
                    .cmp(&a.lifetime_value)
                    .then_with(|| a.sort_name.cmp(&b.sort_name))
                    .then(a.id.cmp(&b.id))
            });
            Column {
                phase,
                value: list.iter().fold(0_i64, |sum, s| sum.saturating_add(s.lifetime_value)),
                customers: list.into_iter().map(|s| s.id).collect(),
            }
        })
        .collect()
}

/// A former customer the win-back helper offers to write to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WinBackCandidate {
    pub customer: CustomerId,
    pub email: String,
    pub last_purchase: Option<DateTime<Utc>>,
    /// When the last win-back mail was logged, if any.
    pub last_mailing: Option<DateTime<Utc>>,
}

/// Former customers in Winning back, split into those who may be mailed (consent
/// granted and an email address) and those who may not; longest without a mailing first.
pub fn win_back_candidates(book: &Book) -> (Vec<WinBackCandidate>, Vec<CustomerId>) {
    let mut mailable = Vec::new();
    let mut not = Vec::new();
    for c in book.customers().filter(|c| !c.archived && c.phase == Phase::WinBack) {
        match c.emails.first().filter(|_| c.may_receive_marketing()) {
            Some(email) => mailable.push(WinBackCandidate {
                customer: c.id,
                email: email.clone(),
                last_purchase: book
                    .orders_of(c.id)
                    .filter(|o| o.status == OrderStatus::Completed)
                    .filter_map(|o| o.completed_at)
                    .max(),
                last_mailing: book
                    .touchpoints_of(c.id)
                    .filter(|t| t.kind == super::model::TouchpointKind::WinBackMailing)
                    .map(|t| t.at)
                    .max(),
            }),
            None => not.push(c.id),
        }
    }
    mailable.sort_by_key(|w| (w.last_mailing, w.last_purchase));
    (mailable, not)
}

/// Revenue of one calendar month (UTC), minor units in the book's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthRevenue {
    pub year: i32,
    pub month: u32,
    pub revenue: i64,
    pub orders: usize,
}

/// Completed-order revenue per month from the month of `since` (or the first
/// completion) to the month of `now`, months without sales included as zero.
pub fn revenue_by_month(book: &Book, since: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Vec<MonthRevenue> {
    let currency = book.settings.currency;
    let done: Vec<(DateTime<Utc>, i64)> = book
        .all_orders()
        .filter(|o| o.status == OrderStatus::Completed && o.amount.currency == currency)
        .filter(|o| book.customer(o.customer_id).is_some())
        .filter_map(|o| o.completed_at.map(|at| (at, o.amount.minor)))
        .filter(|(at, _)| since.is_none_or(|s| *at >= s) && *at <= now)
        .collect();
    let Some(first) = since.or_else(|| done.iter().map(|d| d.0).min()) else { return Vec::new() };
    let month_index = |at: DateTime<Utc>| at.year() * 12 + at.month0() as i32;
    let start = month_index(first);
    let end = month_index(now);
    if end < start {
        return Vec::new();
    }
    let mut months: Vec<MonthRevenue> = (start..=end)
        .map(|m| MonthRevenue { year: m.div_euclid(12), month: m.rem_euclid(12) as u32 + 1, revenue: 0, orders: 0 })
        .collect();
    for (at, minor) in done {
        let slot = &mut months[(month_index(at) - start) as usize];
        slot.revenue = slot.revenue.saturating_add(minor);
        slot.orders += 1;
    }
    months
}

/// The start of a reporting period of `days` days ending at `now`; None means all time.
pub fn period_start(days: Option<u32>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    days.map(|d| now - Duration::days(i64::from(d)))
}
