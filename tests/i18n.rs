//! The translation tables: both languages hold the same keys with the same
//! placeholders, every key the code uses exists, and every domain message has German.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use rapport::domain::{
    AcquisitionChannel, Choices, ConcernKind, ConcernStatus, ContactChannel, CustomerKind, Direction, OrderStatus,
    Phase, Sentiment, TouchpointKind,
};
use rapport::i18n::{message_in, placeholders, Locale};

fn table(locale: Locale) -> BTreeMap<&'static str, &'static str> {
    let rows = locale.rows();
    let map: BTreeMap<_, _> = rows.iter().copied().collect();
    assert_eq!(map.len(), rows.len(), "{locale:?} has a key twice");
    map
}

fn rust_files(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.display().to_string(), fs::read_to_string(&path).unwrap()));
        }
    }
}

/// Every string literal in `source` (escapes are kept as written; good enough for keys).
fn literals(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 3,
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                found.push((start, source[start..i.min(source.len())].to_string()));
                i += 1;
            }
            _ => i += 1,
        }
    }
    found
}

fn looks_like_key(s: &str, prefixes: &BTreeSet<&str>) -> bool {
    let mut parts = s.split('.');
    let first = parts.next().unwrap_or("");
    s.contains('.')
        && prefixes.contains(first)
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
        && !s.ends_with('.')
}

#[test]
fn both_languages_have_the_same_keys_and_placeholders() {
    let en = table(Locale::En);
    let de = table(Locale::De);
    let missing_de: Vec<_> = en.keys().filter(|k| !de.contains_key(*k)).collect();
    let missing_en: Vec<_> = de.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(missing_de.is_empty(), "missing in German: {missing_de:?}");
    assert!(missing_en.is_empty(), "missing in English: {missing_en:?}");
    for (key, text) in &en {
        assert!(!text.trim().is_empty() && !de[key].trim().is_empty(), "{key} is empty");
        assert_eq!(placeholders(text), placeholders(de[key]), "{key}: placeholders differ");
    }
}

#[test]
fn every_key_the_code_uses_is_in_the_tables() {
    let en = table(Locale::En);
    let prefixes: BTreeSet<&str> = en.keys().map(|k| k.split('.').next().unwrap()).collect();
    let mut files = Vec::new();
    rust_files(Path::new("src/ui"), &mut files);
    rust_files(Path::new("src/state"), &mut files);
    let mut checked = 0;
    let mut missing = Vec::new();
    for (path, source) in &files {
        for (at, lit) in literals(source) {
            if !looks_like_key(&lit, &prefixes) {
                continue;
            }
            checked += 1;
            let plural = source[..at].ends_with("tn(\"");
            let ok = if plural {
                en.contains_key(format!("{lit}.one").as_str()) && en.contains_key(format!("{lit}.other").as_str())
            } else {
                en.contains_key(lit.as_str())
            };
            if !ok {
                missing.push(format!("{path}: {lit}"));
            }
        }
    }
    assert!(checked > 300, "the scan found only {checked} keys: is it still reading the code?");
    assert!(missing.is_empty(), "keys used but not in the tables:\n{}", missing.join("\n"));
}

fn choice_keys<T: Choices>(kind: &str, out: &mut Vec<String>) {
    out.extend(T::ALL.iter().map(|v| format!("{kind}.{}", v.key())));
}

#[test]
fn every_choice_and_phase_has_a_label_and_help() {
    let en = table(Locale::En);
    let mut keys: Vec<String> = Vec::new();
    for p in Phase::ALL {
        keys.push(format!("phase.{}", p.key()));
        keys.push(format!("help.{}.what", p.key()));
        keys.push(format!("help.{}.moves", p.key()));
    }
    choice_keys::<AcquisitionChannel>("acquisition", &mut keys);
    choice_keys::<ContactChannel>("contact_channel", &mut keys);
    choice_keys::<Direction>("direction", &mut keys);
    choice_keys::<TouchpointKind>("touchpoint_kind", &mut keys);
    choice_keys::<Sentiment>("sentiment", &mut keys);
    choice_keys::<ConcernKind>("concern_kind", &mut keys);
    choice_keys::<ConcernStatus>("concern_status", &mut keys);
    choice_keys::<OrderStatus>("order_status", &mut keys);
    choice_keys::<CustomerKind>("customer_kind", &mut keys);
    let missing: Vec<_> = keys.iter().filter(|k| !en.contains_key(k.as_str())).collect();
    assert!(missing.is_empty(), "labels missing: {missing:?}");
}

#[test]
fn every_fixed_domain_message_has_a_german_text() {
    let mut files = Vec::new();
    rust_files(Path::new("src/domain"), &mut files);
    let mut untranslated = Vec::new();
    let mut seen = 0;
    for (path, source) in &files {
        let code = source.split("#[cfg(test)]").next().unwrap_or("");
        for line in code.lines().filter(|l| l.contains("fail(") || l.contains("invalid(")) {
            let Some((_, msg)) = literals(line).pop() else { continue };
            let is_message =
                msg.contains(' ') && !msg.contains('{') && msg.chars().next().is_some_and(|c| c.is_lowercase());
            if !is_message {
                continue;
            }
            seen += 1;
            if message_in(Locale::De, &msg) == msg {
                untranslated.push(format!("{path}: {msg}"));
            }
        }
    }
    assert!(seen > 20, "only {seen} messages found");
    assert!(untranslated.is_empty(), "no German for:\n{}", untranslated.join("\n"));
}
