//! Derived figures, computed from the records and never stored: per customer and book-wide.

use chrono::{DateTime, Duration, Utc};

use super::book::Book;
use super::id::CustomerId;
use super::model::*;
use super::money::Currency;
use super::phase::Phase;

/// The key figures of one customer, as the list and the customer page show them.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerFigures {
    pub purchase_count: u32,
    /// Sum of completed orders in the book's currency, in minor units.
    pub lifetime_value: i64,
    pub currency: Currency,
    /// Completed orders in another currency, left out of the sums.
    pub other_currency_orders: u32,
    pub average_order: Option<i64>,
    pub first_purchase: Option<DateTime<Utc>>,
    pub last_purchase: Option<DateTime<Utc>>,
    pub median_interval: Option<Duration>,
    pub at_risk: bool,
    /// Whole days until the customer becomes a former customer (After purchase / Commitment only).
    pub days_to_dormancy: Option<i64>,
    pub last_contact: Option<DateTime<Utc>>,
    pub open_orders: u32,
    pub open_concerns: u32,
    pub overdue_concerns: u32,
    pub next_follow_up: Option<FollowUp>,
}

/// Median of a list of durations (mean of the middle two for an even count).
pub fn median(mut values: Vec<Duration>) -> Option<Duration> {
    if values.is_empty() {
        return None;
    }
    values.sort();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 { values[mid] } else { (values[mid - 1] + values[mid]) / 2 })
}

/// Gaps between consecutive purchase dates.
pub fn purchase_intervals(mut completions: Vec<DateTime<Utc>>) -> Vec<Duration> {
    completions.sort();
    completions.windows(2).map(|w| w[1] - w[0]).collect()
}

/// The "at risk" rule of DESIGN.md §1.1: an After purchase or Commitment customer whose
/// time since the last purchase exceeds 1.5 × their own median interval (75 % of the
/// dormancy threshold for one-time customers), but who is not dormant yet.
pub fn is_at_risk(
    phase: Phase,
    last_purchase: Option<DateTime<Utc>>,
    median_interval: Option<Duration>,
    dormancy_days: u32,
    now: DateTime<Utc>,
) -> bool {
    if !matches!(phase, Phase::AfterPurchase | Phase::Commitment) {
        return false;
    }
    let Some(last) = last_purchase else { return false };
    let since = now - last;
    let threshold = Duration::days(i64::from(dormancy_days));
    if since >= threshold {
        return false;
    }
    let limit = match median_interval {
        Some(m) if m > Duration::zero() => m * 3 / 2,
        _ => threshold * 3 / 4,
    };
    since > limit
}

/// Whole days left before dormancy, for After purchase / Commitment customers with a purchase.
pub fn days_to_dormancy(
    phase: Phase,
    last_purchase: Option<DateTime<Utc>>,
    dormancy_days: u32,
    now: DateTime<Utc>,
) -> Option<i64> {
    if !matches!(phase, Phase::AfterPurchase | Phase::Commitment) {
        return None;
    }
    let last = last_purchase?;
    let left = Duration::days(i64::from(dormancy_days)) - (now - last);
    Some(left.num_days().max(0))
}

/// All figures of one customer at `now`.
pub fn customer_figures(book: &Book, customer: &Customer, now: DateTime<Utc>) -> CustomerFigures {
    let currency = book.settings.currency;
    let mut completions = Vec::new();
    let mut lifetime_value = 0_i64;
    let mut counted = 0_i64;
    let mut other_currency_orders = 0;
    let mut open_orders = 0;
    for o in book.orders_of(customer.id) {
        match o.status {
            OrderStatus::Completed => {
                if let Some(at) = o.completed_at {
                    completions.push(at);
                }
                if o.amount.currency == currency {
                    lifetime_value = lifetime_value.saturating_add(o.amount.minor);
                    counted += 1;
                } else {
                    other_currency_orders += 1;
                }
            }
            OrderStatus::Placed | OrderStatus::InProgress => open_orders += 1,
            OrderStatus::Cancelled => {}
        }
    }
    let first_purchase = completions.iter().min().copied();
    let last_purchase = completions.iter().max().copied();
    let purchase_count = completions.len() as u32;
    let median_interval = median(purchase_intervals(completions));
    let mut open_concerns = 0;
    let mut overdue_concerns = 0;
    for c in book.concerns_of(customer.id) {
        if c.status == ConcernStatus::Open {
            open_concerns += 1;
            if c.due_by < now {
                overdue_concerns += 1;
            }
        }
    }
    let last_contact = book.touchpoints_of(customer.id).map(|t| t.at).max();
    let next_follow_up = book.follow_ups_of(customer.id).filter(|f| f.done_at.is_none()).min_by_key(|f| f.due).cloned();
    let dormancy = book.settings.dormancy_days;
    CustomerFigures {
        purchase_count,
        lifetime_value,
        currency,
        other_currency_orders,
        average_order: (counted > 0).then(|| lifetime_value / counted),
        first_purchase,
        last_purchase,
        median_interval,
        at_risk: is_at_risk(customer.phase, last_purchase, median_interval, dormancy, now),
        days_to_dormancy: days_to_dormancy(customer.phase, last_purchase, dormancy, now),
        last_contact,
        open_orders,
        open_concerns,
        overdue_concerns,
        next_follow_up,
    }
}

/// How long the customer spent in each phase (indexed by `Phase::index`), the current
/// stay counted up to `now`.
pub fn time_in_phases(book: &Book, customer: &Customer, now: DateTime<Utc>) -> [Duration; 6] {
    let mut totals = [Duration::zero(); 6];
    let mut phase = Phase::Attention;
    let mut since = customer.created_at;
    for change in book.phase_history(customer.id) {
        totals[phase.index()] += (change.at - since).max(Duration::zero());
        phase = change.to;
        since = change.at;
    }
    totals[phase.index()] += (now - since).max(Duration::zero());
    totals
}

/// Figures per acquisition channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelFigures {
    pub channel: AcquisitionChannel,
    pub customers: usize,
    /// Customers with at least one completed order.
    pub buyers: usize,
    /// Completed orders in the book's currency, minor units.
    pub revenue: i64,
}

/// How many former customers came back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WinBackFigures {
    /// Customers who ever became former customers.
    pub became_former: usize,
    /// Of those, customers who left Winning back through a new order.
    pub won_back: usize,
    pub rate: Option<f64>,
}

/// The lifecycle funnel over a set of customers.
#[derive(Debug, Clone, PartialEq)]
pub struct Funnel {
    /// Customers in each phase now (archived left out).
    pub in_phase: [usize; 6],
    /// Customers who reached Attention, Trust, Purchase, After purchase, Commitment.
    pub reached: [usize; 5],
    /// Share reaching the next stage: Attention→Trust, Trust→Purchase, Purchase→After purchase, After purchase→Commitment.
    pub conversion: [Option<f64>; 4],
    /// Median length of finished stays in each phase.
    pub median_time_in_phase: [Option<Duration>; 6],
    pub win_back: WinBackFigures,
    pub channels: Vec<ChannelFigures>,
}

/// Stage of a phase in the forward funnel; Winning back implies After purchase was reached.
fn stage(p: Phase) -> usize {
    match p {
        Phase::WinBack => Phase::AfterPurchase.index(),
        other => other.index(),
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Funnel figures over every live customer created at or after `since` (all when None).
pub fn funnel(book: &Book, since: Option<DateTime<Utc>>) -> Funnel {
    let currency = book.settings.currency;
    let mut in_phase = [0; 6];
    let mut reached = [0; 5];
    let mut stays: [Vec<Duration>; 6] = Default::default();
    let mut became_former = 0;
    let mut won_back = 0;
    let mut channels: Vec<ChannelFigures> = AcquisitionChannel::ALL
        .iter()
        .map(|&channel| ChannelFigures { channel, customers: 0, buyers: 0, revenue: 0 })
        .collect();
    for customer in book.customers() {
        if since.is_some_and(|s| customer.created_at < s) {
            continue;
        }
        if !customer.archived {
            in_phase[customer.phase.index()] += 1;
        }
        let history = book.phase_history(customer.id);
        let mut max_stage = stage(customer.phase);
        let mut phase = Phase::Attention;
        let mut entered = customer.created_at;
        let mut was_former = customer.phase == Phase::WinBack;
        let mut came_back = false;
        for change in &history {
            max_stage = max_stage.max(stage(change.to));
            stays[phase.index()].push((change.at - entered).max(Duration::zero()));
            if change.to == Phase::WinBack {
                was_former = true;
            }
            if change.from == Phase::WinBack
                && matches!(change.cause, PhaseCause::OrderPlaced { .. } | PhaseCause::OrderCompleted { .. })
            {
                came_back = true;
            }
            phase = change.to;
            entered = change.at;
        }
        for slot in reached.iter_mut().take(max_stage + 1) {
            *slot += 1;
        }
        became_former += usize::from(was_former);
        won_back += usize::from(was_former && came_back);

        let slot = &mut channels[AcquisitionChannel::ALL.iter().position(|c| *c == customer.channel).unwrap_or(0)];
        slot.customers += 1;
        let mut bought = false;
        for o in book.orders_of(customer.id).filter(|o| o.status == OrderStatus::Completed) {
            bought = true;
            if o.amount.currency == currency {
                slot.revenue = slot.revenue.saturating_add(o.amount.minor);
            }
        }
        slot.buyers += usize::from(bought);
    }
    let conversion = std::array::from_fn(|i| ratio(reached[i + 1], reached[i]));
    let median_time_in_phase = stays.map(median);
    Funnel {
        in_phase,
        reached,
        conversion,
        median_time_in_phase,
        win_back: WinBackFigures { became_former, won_back, rate: ratio(won_back, became_former) },
        channels,
    }
}

/// Concerns that are open or answered, and whether each was answered within its target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConcernFigures {
    pub received: usize,
    pub answered: usize,
    pub answered_in_time: usize,
    pub open_overdue: usize,
    pub in_time_rate: Option<f64>,
}

/// Response figures for concerns received at or after `since`.
pub fn concern_figures(book: &Book, since: Option<DateTime<Utc>>, now: DateTime<Utc>) -> ConcernFigures {
    let mut f = ConcernFigures { received: 0, answered: 0, answered_in_time: 0, open_overdue: 0, in_time_rate: None };
    for c in book.all_concerns() {
        if since.is_some_and(|s| c.received_at < s) {
            continue;
        }
        f.received += 1;
        match c.answered_at {
            Some(at) => {
                f.answered += 1;
                f.answered_in_time += usize::from(at <= c.due_by);
            }
            None => f.open_overdue += usize::from(c.status == ConcernStatus::Open && c.due_by < now),
        }
    }
    f.in_time_rate = ratio(f.answered_in_time, f.answered);
    f
}

/// Customers whose key figures the customer list sorts and filters by.
pub fn customer_ids_at_risk(book: &Book, now: DateTime<Utc>) -> Vec<CustomerId> {
    book.customers().filter(|c| !c.archived).filter(|c| customer_figures(book, c, now).at_risk).map(|c| c.id).collect()
}

/// Why the app reminds the user to make a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupDue {
    /// Real (not sample) customers exist and no backup was ever made.
    Never,
    /// The last backup is this many whole days old, more than the reminder setting.
    DaysOld(i64),
}

/// Whether a backup reminder is due at `now`; sample data alone never asks for one.
pub fn backup_due(book: &Book, now: DateTime<Utc>) -> Option<BackupDue> {
    if !book.customers().any(|c| !c.sample) {
        return None;
    }
    match book.settings.last_backup_at {
        None => Some(BackupDue::Never),
        Some(at) if now - at > Duration::days(i64::from(book.settings.backup_reminder_days)) => {
            Some(BackupDue::DaysOld((now - at).num_days()))
        }
        Some(_) => None,
    }
}
