//! Formatting for display: dates in the device's time zone, money, relative days.

use chrono::{DateTime, Local, Utc};

use crate::domain::{Currency, Money};

/// A date as the device shows it locally, e.g. "2026-03-14".
pub fn date(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%Y-%m-%d").to_string()
}

/// Date and time in local time, e.g. "2026-03-14 09:30".
pub fn date_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// An amount with grouping and its currency code, e.g. "1,200.50 EUR".
pub fn money(minor: i64, currency: Currency) -> String {
    let plain = Money::new(minor, currency).to_plain();
    let (whole, frac) = match plain.split_once('.') {
        Some((w, f)) => (w.to_string(), Some(f.to_string())),
        None => (plain, None),
    };
    let (sign, digits) = whole.strip_prefix('-').map_or(("", whole.as_str()), |d| ("-", d));
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f} {currency}"),
        None => format!("{sign}{grouped} {currency}"),
    }
}

/// "today", "yesterday", "3 days ago", "in 2 days".
pub fn days_from(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let days = (now.with_timezone(&Local).date_naive() - at.with_timezone(&Local).date_naive()).num_days();
    match days {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        -1 => "tomorrow".to_string(),
        d if d > 1 => format!("{d} days ago"),
        d => format!("in {} days", -d),
    }
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
