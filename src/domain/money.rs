//! Money as integer minor units plus an ISO 4217 currency code; never a float.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Active ISO 4217 codes with their number of minor-unit digits.
const ISO_4217: &[(&str, u8)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("ANG", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHF", 2),
    ("CLF", 4),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CRC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("UYU", 2),
    ("UZS", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XCG", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
];

/// The largest amount (in minor units) Rapport accepts: a trillion major units at
/// two digits. Larger values are typos or hostile files, and summing many of them
/// must never overflow an `i64`.
pub const MAX_MINOR: i64 = 100_000_000_000_000;

/// An ISO 4217 currency code known to Rapport.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

/// Why a currency code or an amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("unknown currency code {0:?} (expected an ISO 4217 code such as EUR)")]
    UnknownCurrency(String),
    #[error("not a number: {0:?}")]
    NotANumber(String),
    #[error("too many decimal places for {currency} (at most {digits})")]
    TooManyDecimals { currency: Currency, digits: u8 },
    #[error("must not be negative")]
    Negative,
    #[error("is too large")]
    TooLarge,
}

impl Currency {
    /// Euro, the default for a new book.
    pub const EUR: Currency = Currency(*b"EUR");

    /// The three-letter code.
    pub fn code(&self) -> &str {
        // Only ever built from the ASCII table above.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// Number of digits after the decimal point (2 for EUR, 0 for JPY).
    pub fn minor_digits(&self) -> u8 {
        ISO_4217.iter().find(|(code, _)| code.as_bytes() == self.0).map(|(_, d)| *d).unwrap_or(2)
    }

    /// Every currency Rapport knows, for pickers.
    pub fn all() -> impl Iterator<Item = Currency> {
        ISO_4217.iter().filter_map(|(code, _)| code.parse().ok())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        if ISO_4217.iter().any(|(code, _)| *code == upper) {
            let b = upper.as_bytes();
            Ok(Currency([b[0], b[1], b[2]]))
        } else {
            Err(MoneyError::UnknownCurrency(s.to_string()))
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// An amount in minor units (cents) of one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Parses what a person types ("1200", "1,200.50", "1.200,50", "99.9") into a
    /// non-negative amount. The last `.` or `,` followed by at most the currency's
    /// digits is the decimal separator; other separators group thousands.
    pub fn parse(input: &str, currency: Currency) -> Result<Money, MoneyError> {
        let text: String =
            input.trim().chars().filter(|c| !c.is_whitespace() && *c != '\'' && *c != '\u{a0}').collect();
        if text.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
            return Err(MoneyError::NotANumber(input.to_string()));
        }
        let digits = currency.minor_digits() as usize;
        let (whole, frac) = match text.rfind(['.', ',']) {
            Some(pos) => {
                let tail = &text[pos + 1..];
                // "1,200" and "1.200.000" group thousands; "1,50" and "1.200,50" end in decimals.
                let repeated = text.matches(&text[pos..pos + 1]).count() > 1;
                let grouping = repeated || (tail.len() == 3 && digits != 3);
                if grouping {
                    (text.replace(['.', ','], ""), String::new())
                } else {
                    (text[..pos].replace(['.', ','], ""), tail.to_string())
                }
            }
            None => (text.clone(), String::new()),
        };
        if frac.len() > digits {
            return Err(MoneyError::TooManyDecimals { currency, digits: digits as u8 });
        }
        if whole.is_empty() && frac.is_empty() {
            return Err(MoneyError::NotANumber(input.to_string()));
        }
        let whole_value: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| MoneyError::TooLarge)? };
        let mut frac_padded = frac.clone();
        while frac_padded.len() < digits {
            frac_padded.push('0');
        }
        let frac_value: i64 = if frac_padded.is_empty() {
            0
        } else {
            frac_padded.parse().map_err(|_| MoneyError::NotANumber(input.to_string()))?
        };
        let minor = whole_value
            .checked_mul(10_i64.pow(digits as u32))
            .and_then(|v| v.checked_add(frac_value))
            .ok_or(MoneyError::TooLarge)?;
        if minor > MAX_MINOR {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money { minor, currency })
    }

    /// Plain decimal text without grouping ("1200.50"), as used in forms and CSV.
    pub fn to_plain(&self) -> String {
        let digits = self.currency.minor_digits() as u32;
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if digits == 0 {
            return format!("{sign}{abs}");
        }
        let scale = 10_u64.pow(digits);
        format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = digits as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(minor: i64) -> Money {
        Money::new(minor, Currency::EUR)
    }

    #[test]
    fn currencies_parse_case_insensitively_and_reject_unknown_codes() {
        assert_eq!("eur".parse::<Currency>().unwrap(), Currency::EUR);
        assert_eq!("JPY".parse::<Currency>().unwrap().minor_digits(), 0);
        assert_eq!("KWD".parse::<Currency>().unwrap().minor_digits(), 3);
        assert!(matches!("EUX".parse::<Currency>(), Err(MoneyError::UnknownCurrency(_))));
        assert!("".parse::<Currency>().is_err());
        assert!(serde_json::from_str::<Currency>("\"ABC\"").is_err());
        assert_eq!(serde_json::to_string(&Currency::EUR).unwrap(), "\"EUR\"");
        assert!(Currency::all().count() > 150);
    }

    #[test]
    fn amounts_parse_from_what_people_type() {
        let cases = [
            ("1200", 120_000),
            ("1200.5", 120_050),
            ("1200,50", 120_050),
            ("1,200.50", 120_050),
            ("1.200,50", 120_050),
            ("1,200", 120_000),
            ("1.200.000", 120_000_000),
            ("0.99", 99),
            (".5", 50),
            (" 12 000 ", 1_200_000),
        ];
        for (text, minor) in cases {
            assert_eq!(Money::parse(text, Currency::EUR), Ok(eur(minor)), "{text}");
        }
        let jpy: Currency = "JPY".parse().unwrap();
        assert_eq!(Money::parse("1,500", jpy).unwrap().minor, 1500);
        let kwd: Currency = "KWD".parse().unwrap();
        assert_eq!(Money::parse("1.250", kwd).unwrap().minor, 1250);
    }

    #[test]
    fn bad_amounts_are_refused_with_a_reason() {
        assert_eq!(Money::parse("-5", Currency::EUR), Err(MoneyError::Negative));
        assert!(matches!(Money::parse("abc", Currency::EUR), Err(MoneyError::NotANumber(_))));
        assert!(matches!(Money::parse("", Currency::EUR), Err(MoneyError::NotANumber(_))));
        assert_eq!(Money::parse("1.234", Currency::EUR), Ok(eur(123_400)), "a three-digit tail groups thousands");
        assert!(matches!(Money::parse("1.2345", Currency::EUR), Err(MoneyError::TooManyDecimals { .. })));
        assert_eq!(Money::parse("99999999999999999999", Currency::EUR), Err(MoneyError::TooLarge));
        assert_eq!(Money::parse("2000000000000", Currency::EUR), Err(MoneyError::TooLarge));
    }

    #[test]
    fn plain_text_shows_the_currency_digits() {
        assert_eq!(eur(120_050).to_plain(), "1200.50");
        assert_eq!(eur(5).to_plain(), "0.05");
        assert_eq!(eur(-250).to_plain(), "-2.50");
        assert_eq!(Money::new(1500, "JPY".parse().unwrap()).to_plain(), "1500");
        let json = serde_json::to_string(&eur(1999)).unwrap();
        assert_eq!(json, r#"{"minor":1999,"currency":"EUR"}"#);
    }
}
