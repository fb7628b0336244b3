//! The domain's field messages (English sentences made in `domain::validate` and
//! `domain::ops`) in the current language. Fixed messages are looked up; the few with
//! numbers or names in them are matched by their fixed parts.

use super::{fill, locale, Locale};

/// German for each fixed domain message.
const DE: &[(&str, &str)] = &[
    ("must not be empty", "darf nicht leer sein"),
    ("must be a date", "muss ein Datum sein"),
    ("must be a single line", "muss eine einzige Zeile sein"),
    ("is too long", "ist zu lang"),
    ("is too large", "ist zu groß"),
    ("must not be negative", "darf nicht negativ sein"),
    ("must not be in the future", "darf nicht in der Zukunft liegen"),
    ("is not a valid email address", "ist keine gültige E-Mail-Adresse"),
    ("is not a valid phone number", "ist keine gültige Telefonnummer"),
    ("must not contain spaces", "darf keine Leerzeichen enthalten"),
    ("must be a web address (http or https)", "muss eine Webadresse sein (http oder https)"),
    ("must be a web address such as example.com", "muss eine Webadresse wie example.com sein"),
    ("must be an http or https address", "muss eine http- oder https-Adresse sein"),
    ("must be a whole number", "muss eine ganze Zahl sein"),
    ("must be a whole number of days", "muss eine ganze Zahl von Tagen sein"),
    ("must be between 1 and 3650 days", "muss zwischen 1 und 3650 Tagen liegen"),
    ("must be between 1 and 8760 hours", "muss zwischen 1 und 8760 Stunden liegen"),
    ("must be between 1 and 365 days", "muss zwischen 1 und 365 Tagen liegen"),
    ("must be at most 3650 days", "darf höchstens 3650 Tage betragen"),
    ("must be English (en) or German (de)", "muss Englisch (en) oder Deutsch (de) sein"),
    ("must say why (it is kept in the phase history)", "braucht eine Begründung (sie steht im Phasenverlauf)"),
    ("must not be before the problem was recorded", "darf nicht vor der Erfassung des Problems liegen"),
    ("must not be before the answer", "darf nicht vor der Antwort liegen"),
    ("this customer has not agreed to marketing mail", "diese Kundin / dieser Kunde hat Werbe-Mails nicht zugestimmt"),
    ("is missing for a cancelled order", "fehlt bei einem stornierten Auftrag"),
    ("is missing for a completed order", "fehlt bei einem abgeschlossenen Auftrag"),
    ("is missing for a resolved concern", "fehlt bei einem erledigten Anliegen"),
    ("is missing for an answered concern", "fehlt bei einem beantworteten Anliegen"),
    ("is set but the order is not completed", "ist gesetzt, aber der Auftrag ist nicht abgeschlossen"),
    ("must start at 1", "muss bei 1 beginnen"),
    ("must differ from `from`", "muss sich von `from` unterscheiden"),
    ("dormancy only moves customers to Winning back", "Inaktivität verschiebt nur nach „Rückgewinnung“"),
    ("a manual phase move needs a reason", "ein manueller Phasenwechsel braucht eine Begründung"),
];

/// What "must not be before {what}" names, in German.
const BEFORE_DE: &[(&str, &str)] = &[
    ("the order was placed", "der Bestellung"),
    ("the concern was received", "dem Eingang des Anliegens"),
    ("the customer was added", "dem Anlegen der Kundin / des Kunden"),
    ("the problem was recorded", "der Erfassung des Problems"),
    ("the answer", "der Antwort"),
];

/// Numbers in a message such as "is too long (250 characters, at most 200)".
fn numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn german(msg: &str) -> Option<String> {
    if let Some((_, de)) = DE.iter().find(|(en, _)| *en == msg) {
        return Some((*de).to_string());
    }
    let n = numbers(msg);
    let arg = |i: usize| n.get(i).cloned().unwrap_or_default();
    if msg.starts_with("is too long (") {
        return Some(fill("ist zu lang ({n} Zeichen, höchstens {max})", &[("n", &arg(0)), ("max", &arg(1))]));
    }
    if msg.starts_with("has too many entries (at most") {
        return Some(fill("hat zu viele Einträge (höchstens {max})", &[("max", &arg(0))]));
    }
    if msg.starts_with("has too many entries (") {
        return Some(fill("hat zu viele Einträge ({n}, höchstens {max})", &[("n", &arg(0)), ("max", &arg(1))]));
    }
    if let Some(what) = msg.strip_prefix("must not be before ") {
        let what = BEFORE_DE.iter().find(|(en, _)| *en == what).map_or(what, |(_, de)| de);
        return Some(format!("darf nicht vor {what} liegen"));
    }
    if let Some(rest) = msg.strip_prefix('“') {
        let (value, tail) = rest.split_once('”')?;
        let tail = DE.iter().find(|(en, _)| *en == tail.trim()).map(|(_, de)| *de)?;
        return Some(format!("„{value}“ {tail}"));
    }
    if let Some(value) = msg.strip_prefix("not a number: ") {
        return Some(format!("keine Zahl: {value}"));
    }
    if msg.starts_with("too many decimal places for ") {
        let code = msg.trim_start_matches("too many decimal places for ").split(' ').next().unwrap_or("");
        return Some(fill(
            "zu viele Nachkommastellen für {code} (höchstens {max})",
            &[("code", code), ("max", &arg(0))],
        ));
    }
    if msg.starts_with("unknown currency code ") {
        let code = msg.trim_start_matches("unknown currency code ").split(" (").next().unwrap_or("");
        return Some(format!("unbekannter Währungscode {code} (erwartet wird ein ISO-4217-Code wie EUR)"));
    }
    None
}

/// A domain message in the current language (English when no translation is known).
pub fn message(msg: &str) -> String {
    message_in(locale(), msg)
}

pub fn message_in(locale: Locale, msg: &str) -> String {
    match locale {
        Locale::En => msg.to_string(),
        Locale::De => german(msg).unwrap_or_else(|| msg.to_string()),
    }
}

/// The fixed messages this module knows, for the completeness test.
pub fn known_messages() -> impl Iterator<Item = &'static str> {
    DE.iter().map(|(en, _)| *en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_with_numbers_and_names_are_translated() {
        let de = |m: &str| message_in(Locale::De, m);
        assert_eq!(de("must not be empty"), "darf nicht leer sein");
        assert_eq!(de("is too long (201 characters, at most 200)"), "ist zu lang (201 Zeichen, höchstens 200)");
        assert_eq!(de("has too many entries (120, at most 100)"), "hat zu viele Einträge (120, höchstens 100)");
        assert_eq!(de("must not be before the order was placed"), "darf nicht vor der Bestellung liegen");
        assert_eq!(de("“a@b” is not a valid email address"), "„a@b“ ist keine gültige E-Mail-Adresse");
        assert_eq!(de("not a number: \"abc\""), "keine Zahl: \"abc\"");
        assert_eq!(message_in(Locale::En, "must not be empty"), "must not be empty");
    }
}
