//! Reading a backup file: parse, check the envelope and version, migrate older
//! formats, read every record, then check the whole book. Every problem is reported
//! with its path (`orders[12].amount: must not be negative`); nothing is written
//! unless there is none.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Counts, Header, FORMAT, FORMAT_VERSION};
use crate::domain::validate::{self, Checker};
use crate::domain::{phase, BookData, CustomerId, Record, Settings};

/// The largest backup file accepted.
pub const MAX_FILE_BYTES: usize = 300 * 1024 * 1024;
/// Problems listed at most; the rest are counted.
pub const MAX_PROBLEMS: usize = 200;

/// One thing wrong with an imported file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is too large ({bytes} bytes; at most {max})")]
    TooLarge { bytes: usize, max: usize },
    #[error("the file is not valid JSON ({0})")]
    NotJson(String),
    #[error("this is not a Rapport backup ({0})")]
    NotABackup(String),
    #[error("this backup was made by a newer version of Rapport (backup format {found}; this version reads up to {supported}). Update Rapport, then import it")]
    TooNew { found: u32, supported: u32 },
    #[error("the backup has {total} problem(s); nothing was imported")]
    Invalid { problems: Vec<Problem>, total: usize },
}

/// A backup that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidBackup {
    pub header: Header,
    pub data: BookData,
}

struct Problems {
    list: Vec<Problem>,
    total: usize,
}

impl Problems {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.total += 1;
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem { path: path.into(), message: message.into() });
        }
    }
}

/// Older backup formats, each migrated one step to the next by a pure function on
/// the JSON. Format 1 is the first published format, so the list is empty for now;
/// a format 2 adds `(1, migrate_1_to_2)` here.
/// One migration step: rewrites a backup of the given format version into the next.
type Migration = (u32, fn(&mut Value));

const MIGRATIONS: &[Migration] = &[];

fn migrate(root: &mut Value, from: u32) {
    for (version, step) in MIGRATIONS {
        if *version >= from {
            step(root);
        }
    }
}

/// Turns serde's message into the freelancer's words where it helps.
fn friendly(message: &str) -> (Option<String>, String) {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("").to_string();
        return (Some(field), "is missing".to_string());
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or("");
        let expected = message.split("expected ").nth(1).unwrap_or("a known value");
        return (None, format!("“{value}” is not a known value (expected {expected})"));
    }
    const DATE_ERRORS: [&str; 6] = [
        "premature end of input",
        "input contains invalid characters",
        "input is out of range",
        "no possible date and time matching input",
        "input is not enough for unique date and time",
        "trailing input",
    ];
    if DATE_ERRORS.iter().any(|d| message.starts_with(d)) {
        return (None, "is not a valid date and time (RFC 3339, e.g. 2026-03-14T09:30:00Z)".to_string());
    }
    (None, message.to_string())
}

fn read_list<T: DeserializeOwned>(data: &serde_json::Map<String, Value>, key: &str, problems: &mut Problems) -> Vec<T> {
    let Some(value) = data.get(key) else { return Vec::new() };
    let Some(items) = value.as_array() else {
        problems.add(format!("data.{key}"), "must be a list");
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match serde_path_to_error::deserialize::<_, T>(item) {
            Ok(record) => out.push(record),
            Err(e) => {
                let inner = e.path().to_string();
                let (missing, message) = friendly(&e.inner().to_string());
                let mut path = format!("{key}[{i}]");
                if inner != "." && !inner.is_empty() {
                    path.push('.');
                    path.push_str(&inner);
                }
                if let Some(field) = missing {
                    path.push('.');
                    path.push_str(&field);
                }
                problems.add(path, message);
            }
        }
    }
    out
}

fn check_unique<T: Record>(key: &str, list: &[T], problems: &mut Problems) {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(list.len());
    for (i, r) in list.iter().enumerate() {
        if let Some(first) = seen.insert(r.id().to_string(), i) {
            problems.add(format!("{key}[{i}].id"), format!("is a duplicate of {key}[{first}].id"));
        }
    }
}

fn check_owner(key: &str, i: usize, owner: CustomerId, customers: &HashSet<CustomerId>, problems: &mut Problems) {
    if !customers.contains(&owner) {
        problems.add(format!("{key}[{i}].customer_id"), "refers to a customer that is not in the file");
    }
}

fn checked(problems: &mut Problems, check: impl FnOnce(&mut Checker)) {
    let mut ck = Checker::new();
    check(&mut ck);
    for e in ck.errors {
        problems.add(e.field, e.message);
    }
}

/// Reads and checks a backup file completely.
pub fn read_backup(text: &str) -> Result<ValidBackup, ImportError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len(), max: MAX_FILE_BYTES });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut root: Value = serde_json::from_str(text).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Eof => "it ends too early: the file may be cut off".to_string(),
            _ => e.to_string().split(" at line").next().unwrap_or("").to_string(),
        };
        ImportError::NotJson(format!("line {}, column {}: {what}", e.line(), e.column()))
    })?;
    let Some(obj) = root.as_object() else {
        return Err(ImportError::NotABackup("the file holds no object".into()));
    };
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ImportError::NotABackup(format!("it has no \"format\": \"{FORMAT}\"")));
    }
    let version = match obj.get("format_version").and_then(Value::as_u64) {
        Some(v) if v >= 1 && v <= u64::from(u32::MAX) => v as u32,
        _ => {
            return Err(ImportError::NotABackup("its format_version is missing or not a positive whole number".into()))
        }
    };
    if version > FORMAT_VERSION {
        return Err(ImportError::TooNew { found: version, supported: FORMAT_VERSION });
    }
    migrate(&mut root, version);

    let mut problems = Problems { list: Vec::new(), total: 0 };
    let header = match serde_path_to_error::deserialize::<_, Header>(&root) {
        Ok(h) => Some(h),
        Err(e) => {
            let (missing, message) = friendly(&e.inner().to_string());
            let path = missing.unwrap_or_else(|| e.path().to_string());
            problems.add(path, message);
            None
        }
    };
    let empty = serde_json::Map::new();
    let data = match root.get("data") {
        Some(Value::Object(d)) => d,
        Some(_) => {
            problems.add("data", "must be an object");
            &empty
        }
        None => {
            problems.add("data", "is missing");
            &empty
        }
    };
    let settings = match data.get("settings") {
        Some(v) => match serde_path_to_error::deserialize::<_, Settings>(v) {
            Ok(s) => Some(s),
            Err(e) => {
                let (missing, message) = friendly(&e.inner().to_string());
                let inner = e.path().to_string();
                let mut path = "settings".to_string();
                if inner != "." {
                    path = format!("settings.{inner}");
                }
                if let Some(f) = missing {
                    path = format!("{path}.{f}");
                }
                problems.add(path, message);
                None
            }
        },
        None => {
            problems.add("data.settings", "is missing");
            None
        }
    };
    let book = BookData {
        settings: settings.clone().unwrap_or_else(|| Settings::new(chrono::DateTime::UNIX_EPOCH)),
        customers: read_list(data, "customers", &mut problems),
        touchpoints: read_list(data, "touchpoints", &mut problems),
        orders: read_list(data, "orders", &mut problems),
        concerns: read_list(data, "concerns", &mut problems),
        follow_ups: read_list(data, "follow_ups", &mut problems),
        phase_changes: read_list(data, "phase_changes", &mut problems),
    };
    // Records of a customer that could not be read still refer to it: its id is known,
    // so its problem is reported once, not again for every record that points to it.
    let mentioned: HashSet<CustomerId> = data
        .get("customers")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(|c| c.get("id")?.as_str()?.parse().ok()).collect())
        .unwrap_or_default();
    check_book(&book, settings.is_some(), &mentioned, &mut problems);
    if let Some(h) = &header {
        let actual = Counts::of(&book);
        let pairs = [
            ("customers", h.counts.customers, actual.customers),
            ("touchpoints", h.counts.touchpoints, actual.touchpoints),
            ("orders", h.counts.orders, actual.orders),
            ("concerns", h.counts.concerns, actual.concerns),
            ("follow_ups", h.counts.follow_ups, actual.follow_ups),
            ("phase_changes", h.counts.phase_changes, actual.phase_changes),
        ];
        // Only meaningful when every record could be read.
        if problems.total == 0 {
            for (name, said, found) in pairs {
                if said != found {
                    problems.add(
                        format!("counts.{name}"),
                        format!("says {said} but the file holds {found}: it may be incomplete"),
                    );
                }
            }
        }
    }
    match header {
        Some(header) if problems.total == 0 => Ok(ValidBackup { header, data: book }),
        _ => Err(ImportError::Invalid { total: problems.total, problems: problems.list }),
    }
}

/// Checks across records: unique ids, references, field rules, phase histories.
fn check_book(book: &BookData, has_settings: bool, mentioned: &HashSet<CustomerId>, problems: &mut Problems) {
    check_unique("customers", &book.customers, problems);
    check_unique("touchpoints", &book.touchpoints, problems);
    check_unique("orders", &book.orders, problems);
    check_unique("concerns", &book.concerns, problems);
    check_unique("follow_ups", &book.follow_ups, problems);
    check_unique("phase_changes", &book.phase_changes, problems);
    if has_settings {
        checked(problems, |ck| validate::check_settings(&book.settings, "settings", ck));
    }
    let ids: HashSet<CustomerId> = book.customers.iter().map(|c| c.id).chain(mentioned.iter().copied()).collect();
    for (i, c) in book.customers.iter().enumerate() {
        checked(problems, |ck| validate::check_customer(c, &format!("customers[{i}]"), ck));
    }
    for (i, t) in book.touchpoints.iter().enumerate() {
        check_owner("touchpoints", i, t.customer_id, &ids, problems);
        checked(problems, |ck| validate::check_touchpoint(t, &format!("touchpoints[{i}]"), ck));
    }
    for (i, o) in book.orders.iter().enumerate() {
        check_owner("orders", i, o.customer_id, &ids, problems);
        checked(problems, |ck| validate::check_order(o, &format!("orders[{i}]"), ck));
    }
    for (i, c) in book.concerns.iter().enumerate() {
        check_owner("concerns", i, c.customer_id, &ids, problems);
        checked(problems, |ck| validate::check_concern(c, &format!("concerns[{i}]"), ck));
    }
    for (i, f) in book.follow_ups.iter().enumerate() {
        if let Some(owner) = f.customer_id {
            check_owner("follow_ups", i, owner, &ids, problems);
        }
        checked(problems, |ck| validate::check_follow_up(f, &format!("follow_ups[{i}]"), ck));
    }
    let mut histories: HashMap<CustomerId, Vec<(u32, crate::domain::Phase, crate::domain::Phase)>> = HashMap::new();
    for (i, p) in book.phase_changes.iter().enumerate() {
        check_owner("phase_changes", i, p.customer_id, &ids, problems);
        checked(problems, |ck| validate::check_phase_change(p, &format!("phase_changes[{i}]"), ck));
        if p.deleted_at.is_none() {
            histories.entry(p.customer_id).or_default().push((p.seq, p.from, p.to));
        }
    }
    for (i, c) in book.customers.iter().enumerate() {
        if c.deleted_at.is_some() {
            continue;
        }
        let mut moves = histories.remove(&c.id).unwrap_or_default();
        moves.sort_by_key(|m| m.0);
        match phase::replay(moves) {
            Ok(p) if p == c.phase => {}
            Ok(p) => problems.add(
                format!("customers[{i}].phase"),
                format!("is {} but the customer's phase history leads to {}", c.phase.label(), p.label()),
            ),
            Err(e) => {
                problems.add(format!("customers[{i}].phase"), format!("the phase history does not hold together: {e}"))
            }
        }
    }
}
