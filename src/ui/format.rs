//! Formatting for display in the current language: dates in the device's time zone,
//! money, shares, relative days.

use chrono::{DateTime, Local, Utc};

use crate::domain::today::Day;
use crate::domain::{Currency, Money};
use crate::i18n;

/// A date as the device shows it locally, in the current language's format.
pub fn date(at: DateTime<Utc>) -> String {
    i18n::date_in(i18n::locale(), at.with_timezone(&Local).date_naive())
}

/// Date and time in local time.
pub fn date_time(at: DateTime<Utc>) -> String {
    i18n::date_time_in(i18n::locale(), at.with_timezone(&Local).naive_local())
}

/// An amount with the language's grouping and decimal mark and its currency code,
/// e.g. "1,200.50 EUR" / "1.200,50 EUR".
pub fn money(minor: i64, currency: Currency) -> String {
    let plain = Money::new(minor, currency).to_plain();
    format!("{} {currency}", i18n::decimal_in(i18n::locale(), &plain))
}

/// A share as a whole percentage in the current language.
pub fn percent(share: f64) -> String {
    i18n::percent_in(i18n::locale(), share)
}

/// "today", "yesterday", "3 days ago", "in 2 days".
pub fn days_from(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let days = (now.with_timezone(&Local).date_naive() - at.with_timezone(&Local).date_naive()).num_days();
    match days {
        0 => i18n::t("days.today").to_string(),
        1 => i18n::t("days.yesterday").to_string(),
        -1 => i18n::t("days.tomorrow").to_string(),
        d if d > 1 => i18n::tn("days.ago", d as usize),
        d => i18n::tn("days.in", (-d) as usize),
    }
}

/// The local calendar day around `at`, as instants.
pub fn local_day(at: DateTime<Utc>) -> Day {
    use chrono::TimeZone;
    let date = at.with_timezone(&Local).date_naive();
    let instant = |d: chrono::NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|m| Local.from_local_datetime(&m).earliest())
            .map_or(at, |t| t.with_timezone(&Utc))
    };
    let start = instant(date);
    let end = date.succ_opt().map_or(start + chrono::Duration::days(1), instant);
    Day { start, end }
}

/// The local date of `at` as an `<input type="date">` value.
pub fn input_date(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%Y-%m-%d").to_string()
}

/// Reads an `<input type="date">` value: today means now; another day means noon
/// local time that day. None if it is not a date.
pub fn parse_input_date(value: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    use chrono::{NaiveDate, TimeZone};
    let day = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()?;
    if day == now.with_timezone(&Local).date_naive() {
        return Some(now);
    }
    let noon = day.and_hms_opt(12, 0, 0)?;
    Local.from_local_datetime(&noon).earliest().map(|t| t.with_timezone(&Utc))
}
