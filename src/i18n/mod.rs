//! The app's languages: one translation table per language, keyed alike, and the
//! number, money and date formats of each locale. Pure Rust: the UI sets the current
//! locale once it knows the setting and the browser's language.
//!
//! Every visible string goes through `t` (or `tf` with `{placeholders}`); a test
//! checks that both tables hold the same keys and every key the code uses.

mod de;
mod en;
mod messages;

pub use messages::{known_messages, message, message_in};

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// A language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    De,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::De];

    /// The BCP 47 tag stored in the settings and set on `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
        }
    }

    /// The language of a tag such as "de-AT" or "en_GB"; None for languages the app lacks.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lang = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match lang.as_str() {
            "en" => Some(Locale::En),
            "de" => Some(Locale::De),
            _ => None,
        }
    }

    /// The setting wins; an empty setting follows the browser's languages in order;
    /// English when none of them is spoken here.
    pub fn resolve(setting: &str, browser: &[String]) -> Locale {
        Locale::from_tag(setting).or_else(|| browser.iter().find_map(|t| Locale::from_tag(t))).unwrap_or_default()
    }

    fn table(self) -> &'static HashMap<&'static str, &'static str> {
        static EN: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
        static DE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
        match self {
            Locale::En => EN.get_or_init(|| en::TABLE.iter().copied().collect()),
            Locale::De => DE.get_or_init(|| de::TABLE.iter().copied().collect()),
        }
    }

    /// The raw table rows, for the completeness tests.
    pub fn rows(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Locale::En => en::TABLE,
            Locale::De => de::TABLE,
        }
    }

    fn separators(self) -> (char, char) {
        match self {
            Locale::En => (',', '.'),
            Locale::De => ('.', ','),
        }
    }
}

thread_local! {
    static CURRENT: Cell<Locale> = const { Cell::new(Locale::En) };
}

/// Sets the language every later `t` call uses.
pub fn set_locale(locale: Locale) {
    CURRENT.with(|c| c.set(locale));
}

pub fn locale() -> Locale {
    CURRENT.with(Cell::get)
}

/// The text of `key` in `locale`; English if that language lacks it, the key itself
/// if English does too (both are test failures, never a crash).
pub fn text(locale: Locale, key: &str) -> &'static str {
    locale
        .table()
        .get(key)
        .or_else(|| Locale::En.table().get(key))
        .copied()
        .unwrap_or_else(|| Box::leak(key.to_string().into_boxed_str()))
}

/// The text of `key` in the current language.
pub fn t(key: &str) -> &'static str {
    text(locale(), key)
}

/// The text of `key` with `{name}` placeholders filled from `args`.
pub fn tf(key: &str, args: &[(&str, &str)]) -> String {
    fill(t(key), args)
}

/// Singular or plural form: `key.one` for 1, `key.other` otherwise, with `{n}` filled.
pub fn tn(key: &str, n: usize) -> String {
    let form = if n == 1 { format!("{key}.one") } else { format!("{key}.other") };
    fill(t(&form), &[("n", &number(n as i64))])
}

/// Replaces each `{name}` with its value in one pass; unknown names stay as typed.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    crate::domain::playbook::fill_placeholders(text, |name| {
        args.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_string())
    })
}

/// The `{name}` placeholders of a text, sorted, for comparing translations.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if after[..close].chars().all(|c| c.is_ascii_lowercase() || c == '_') => {
                found.push(after[..close].to_string());
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    found.sort();
    found.dedup();
    found
}

fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// A decimal number given as its plain text ("-1234.5"), with the locale's grouping
/// and decimal mark.
pub fn decimal_in(locale: Locale, plain: &str) -> String {
    let (thousands, mark) = locale.separators();
    let (sign, unsigned) = plain.strip_prefix('-').map_or(("", plain), |d| ("-", d));
    let (whole, frac) = unsigned.split_once('.').map_or((unsigned, None), |(w, f)| (w, Some(f)));
    let mut out = format!("{sign}{}", group(whole, thousands));
    if let Some(f) = frac {
        out.push(mark);
        out.push_str(f);
    }
    out
}

/// A whole number in the current locale: "12,345" / "12.345".
pub fn number(n: i64) -> String {
    decimal_in(locale(), &n.to_string())
}

/// A share as a whole percentage: "75%" / "75 %".
pub fn percent_in(locale: Locale, share: f64) -> String {
    let value = (share * 100.0).round() as i64;
    match locale {
        Locale::En => format!("{value}%"),
        Locale::De => format!("{value} %"),
    }
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_DE: [&str; 12] =
    ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."];

/// A month's short name: "Mar" / "März".
pub fn month_in(locale: Locale, month: u32) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match locale {
        Locale::En => MONTHS_EN[i],
        Locale::De => MONTHS_DE[i],
    }
}

/// A calendar day: "14 Mar 2026" / "14.03.2026".
pub fn date_in(locale: Locale, day: NaiveDate) -> String {
    match locale {
        Locale::En => format!("{} {} {}", day.day(), month_in(locale, day.month()), day.year()),
        Locale::De => format!("{:02}.{:02}.{}", day.day(), day.month(), day.year()),
    }
}

/// A day and time: "14 Mar 2026, 09:30" / "14.03.2026, 09:30".
pub fn date_time_in(locale: Locale, at: NaiveDateTime) -> String {
    format!("{}, {:02}:{:02}", date_in(locale, at.date()), at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_resolve_from_setting_then_browser() {
        let browser = |tags: &[&str]| tags.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        assert_eq!(Locale::resolve("", &browser(&["de-AT", "en"])), Locale::De);
        assert_eq!(Locale::resolve("", &browser(&["fr-FR", "de"])), Locale::De);
        assert_eq!(Locale::resolve("", &browser(&["fr-FR"])), Locale::En);
        assert_eq!(Locale::resolve("en", &browser(&["de-DE"])), Locale::En);
        assert_eq!(Locale::resolve("de", &[]), Locale::De);
    }

    #[test]
    fn numbers_dates_and_percentages_follow_the_locale() {
        assert_eq!(decimal_in(Locale::En, "-1234567.50"), "-1,234,567.50");
        assert_eq!(decimal_in(Locale::De, "-1234567.50"), "-1.234.567,50");
        assert_eq!(decimal_in(Locale::De, "999"), "999");
        let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        assert_eq!(date_in(Locale::En, day), "4 Mar 2026");
        assert_eq!(date_in(Locale::De, day), "04.03.2026");
        assert_eq!(date_time_in(Locale::De, day.and_hms_opt(9, 5, 0).unwrap()), "04.03.2026, 09:05");
        assert_eq!(percent_in(Locale::En, 0.666), "67%");
        assert_eq!(percent_in(Locale::De, 0.5), "50 %");
        assert_eq!(month_in(Locale::De, 3), "März");
    }

    #[test]
    fn fill_replaces_known_placeholders_once() {
        assert_eq!(fill("{a} and {b} {c}", &[("a", "{b}"), ("b", "x")]), "{b} and x {c}");
        assert_eq!(placeholders("Hi {name}, {n} of {name} {Not}"), ["n", "name"]);
    }
}
