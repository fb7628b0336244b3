//! Backups: export → import round trips, the hostile-file corpus, replace and merge plans.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use rapport::backup::merge::{plan_merge, preview_replace, TypeCounts};
use rapport::backup::read::{read_backup, ImportError};
use rapport::backup::{export, file_name, FORMAT_VERSION};
use rapport::domain::ops::{self, CustomerDraft};
use rapport::domain::*;
use serde_json::Value;

fn t(days: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap() + Duration::days(days)
}

fn sorted(mut d: BookData) -> BookData {
    d.sort();
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Export → import (replace) gives the same book, for any seeded book and odd text.
    #[test]
    fn export_then_import_gives_identical_data(seed in any::<u64>(), size in 0_usize..30, name in "\\PC{1,40}") {
        let mut data = seed::seed_book(size, t(900), seed, seed % 3 == 0);
        if let Some(c) = data.customers.first_mut() {
            c.name = name.trim().to_string();
            if c.name.is_empty() { c.name = "x".into(); }
            c.notes = name.clone();
        }
        let text = export(&data, t(901));
        let back = read_backup(&text).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(back.header.format_version, FORMAT_VERSION);
        prop_assert_eq!(back.header.exported_at, t(901));
        prop_assert_eq!(sorted(back.data), sorted(data));
    }
}

#[test]
fn file_names_carry_the_date() {
    assert_eq!(file_name(t(0)), "rapport-backup-2026-03-01.json");
}

/// Every fixture is refused the way `expected.json` says (or accepted where it says so).
#[test]
fn the_hostile_corpus_is_refused_with_paths() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backups");
    let expected: Value = serde_json::from_str(&fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let expected = expected.as_object().unwrap();
    let mut seen = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "expected.json" || name == "valid-small.json" {
            continue;
        }
        seen += 1;
        let want = expected.get(&name).unwrap_or_else(|| panic!("{name} has no expectation"));
        let kind = want["kind"].as_str().unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let result = read_backup(&text);
        let message = want["message"].as_str().unwrap_or("");
        match (kind, &result) {
            ("accepted", Ok(_)) => {}
            ("not_json", Err(ImportError::NotJson(m))) | ("not_a_backup", Err(ImportError::NotABackup(m))) => {
                assert!(m.contains(message), "{name}: {m:?} lacks {message:?}");
            }
            ("too_new", Err(e @ ImportError::TooNew { .. })) => assert!(e.to_string().contains(message), "{name}: {e}"),
            ("invalid", Err(ImportError::Invalid { problems, total })) => {
                let want_path = want["path"].as_str().unwrap();
                assert!(
                    problems.iter().any(|p| p.path == want_path && p.message.contains(message)),
                    "{name}: no problem at {want_path} containing {message:?}; got {problems:#?}"
                );
                if let Some(n) = want.get("at_least").and_then(Value::as_u64) {
                    assert!(*total as u64 >= n, "{name}: only {total} problems reported");
                }
            }
            _ => panic!("{name}: expected {kind}, got {result:?}"),
        }
    }
    assert!(seen >= 30, "the corpus has {seen} hostile files");
    assert_eq!(seen, expected.len());
}

#[test]
fn html_in_names_is_kept_as_plain_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backups");
    let backup = read_backup(&fs::read_to_string(dir.join("html-in-names.json")).unwrap()).unwrap();
    assert!(backup.data.customers.iter().any(|c| c.name.starts_with("<img src=x onerror=alert(1)>")));
}

#[test]
fn the_base_fixture_is_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backups");
    let b = read_backup(&fs::read_to_string(dir.join("valid-small.json")).unwrap()).unwrap();
    assert_eq!(b.data.customers.len(), 2);
    assert_eq!(b.header.counts.phase_changes, 3);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let big = " ".repeat(rapport::backup::read::MAX_FILE_BYTES + 1);
    assert!(matches!(read_backup(&big), Err(ImportError::TooLarge { .. })));
}

fn small_book() -> (Book, CustomerId) {
    let mut book = Book::new(Settings::new(t(0)));
    let o = ops::add_customer(&CustomerDraft::named("Ana", AcquisitionChannel::Referral), t(0)).unwrap();
    let id = o.changes.customers[0].id;
    book.apply(o.changes);
    (book, id)
}

fn counts(added: usize, updated: usize, unchanged: usize, deleted: usize) -> TypeCounts {
    TypeCounts { added, updated, unchanged, deleted }
}

#[test]
fn replace_preview_counts_what_changes() {
    let (book, id) = small_book();
    let current = book.to_data();
    let mut incoming = current.clone();
    incoming.customers[0].company = "New GmbH".into();
    let extra = ops::add_customer(&CustomerDraft::named("Ben", AcquisitionChannel::Ad), t(1)).unwrap();
    incoming.customers.extend(extra.changes.customers);
    let p = preview_replace(&current, &incoming);
    assert_eq!(p.customers, counts(1, 1, 0, 0));
    let p = preview_replace(&current, &BookData::empty(current.settings.clone()));
    assert_eq!(p.customers, counts(0, 0, 0, 1));
    let _ = id;
}

/// One row per merge rule: (local, incoming) → what is written and how it is counted.
#[test]
fn merge_rules_table() {
    let (book, id) = small_book();
    let base = book.customer(id).unwrap().clone();
    let edited = |at: i64, company: &str| Customer { company: company.into(), updated_at: t(at), ..base.clone() };
    let deleted = |at: i64| Customer { deleted_at: Some(t(at)), updated_at: t(at), ..base.clone() };
    let other = {
        let o = ops::add_customer(&CustomerDraft::named("Zoe", AcquisitionChannel::Event), t(2)).unwrap();
        o.changes.customers[0].clone()
    };
    struct Row {
        name: &'static str,
        local: Vec<Customer>,
        incoming: Vec<Customer>,
        written: Vec<Customer>,
        counts: TypeCounts,
    }
    let rows = vec![
        Row {
            name: "new record is added",
            local: vec![base.clone()],
            incoming: vec![other.clone()],
            written: vec![other.clone()],
            counts: counts(1, 0, 0, 0),
        },
        Row {
            name: "identical record is unchanged",
            local: vec![base.clone()],
            incoming: vec![base.clone()],
            written: vec![],
            counts: counts(0, 0, 1, 0),
        },
        Row {
            name: "newer incoming edit wins",
            local: vec![edited(1, "Old")],
            incoming: vec![edited(2, "New")],
            written: vec![edited(2, "New")],
            counts: counts(0, 1, 0, 0),
        },
        Row {
            name: "older incoming edit loses",
            local: vec![edited(3, "Mine")],
            incoming: vec![edited(2, "Theirs")],
            written: vec![],
            counts: counts(0, 0, 1, 0),
        },
        Row {
            name: "same time: the local copy stays",
            local: vec![edited(2, "Mine")],
            incoming: vec![edited(2, "Theirs")],
            written: vec![],
            counts: counts(0, 0, 1, 0),
        },
        Row {
            name: "newer incoming deletion deletes",
            local: vec![edited(1, "x")],
            incoming: vec![deleted(2)],
            written: vec![deleted(2)],
            counts: counts(0, 0, 0, 1),
        },
        Row {
            name: "an older copy does not undo a local deletion",
            local: vec![deleted(3)],
            incoming: vec![edited(2, "x")],
            written: vec![],
            counts: counts(0, 0, 1, 0),
        },
        Row {
            name: "an edit made after the deletion wins",
            local: vec![deleted(3)],
            incoming: vec![edited(4, "back")],
            written: vec![edited(4, "back")],
            counts: counts(0, 1, 0, 0),
        },
        Row {
            name: "a tombstone we never had is kept, not counted as added",
            local: vec![],
            incoming: vec![deleted(2)],
            written: vec![deleted(2)],
            counts: counts(0, 0, 1, 0),
        },
    ];
    for row in rows {
        let mut current = BookData::empty(Settings::new(t(0)));
        current.customers = row.local;
        let mut incoming = BookData::empty(Settings::new(t(0)));
        incoming.customers = row.incoming;
        let (cs, preview) = plan_merge(&current, &incoming, t(10));
        let written: Vec<Customer> = cs.customers.iter().filter(|c| c.updated_at != t(10)).cloned().collect();
        assert_eq!(written, row.written, "{}", row.name);
        assert_eq!(preview.customers, row.counts, "{}", row.name);
    }
}

#[test]
fn newer_settings_win_a_merge() {
    let current = BookData::empty(Settings::new(t(0)));
    let mut incoming = current.clone();
    incoming.settings.owner_name = "Sam".into();
    incoming.settings.updated_at = t(5);
    let (cs, preview) = plan_merge(&current, &incoming, t(6));
    assert!(preview.settings_changed);
    assert_eq!(cs.settings.unwrap().owner_name, "Sam");
    let (cs, _) = plan_merge(&incoming, &current, t(6));
    assert!(cs.settings.is_none(), "older settings never overwrite newer ones");
}

#[test]
fn merging_two_devices_keeps_every_history_consistent() {
    // Laptop and phone start from the same backup, then both work offline.
    let start = seed::seed_book(40, t(500), 3, false);
    let mut laptop = Book::from_data(start.clone());
    let mut phone = Book::from_data(start.clone());
    let ids: Vec<CustomerId> = laptop.customers().map(|c| c.id).collect();
    for (i, id) in ids.iter().enumerate() {
        let day = t(501 + i as i64 % 5);
        let touch = ops::TouchpointDraft {
            customer_id: *id,
            at: day,
            channel: ContactChannel::Phone,
            direction: Direction::Outbound,
            kind: TouchpointKind::Call,
            two_way: true,
            summary: String::new(),
            sentiment: Sentiment::Neutral,
        };
        if let Ok(o) = ops::log_touchpoint(&laptop, &touch, day) {
            laptop.apply(o.changes);
        }
        let order = ops::OrderDraft {
            customer_id: *id,
            placed_at: day + Duration::hours(1),
            description: "x".into(),
            amount: "10".into(),
        };
        if let Ok(o) = ops::place_order(&phone, &order, day + Duration::hours(1)) {
            phone.apply(o.changes);
        }
    }
    let gone = ops::delete_customers(&phone, &ids[..3], t(506));
    phone.apply(gone);

    let (cs, preview) = plan_merge(&laptop.to_data(), &phone.to_data(), t(510));
    assert_eq!(preview.customers.deleted, 3);
    laptop.apply(cs);
    for c in laptop.customers() {
        assert_eq!(laptop.replayed_phase(c.id), Ok(c.phase), "{}", c.name);
    }
    for id in &ids[..3] {
        assert!(laptop.customer(*id).is_none(), "a deletion on the phone stays a deletion");
    }
    // Merging the same file again changes nothing.
    let (again, _) = plan_merge(&laptop.to_data(), &phone.to_data(), t(511));
    assert!(again.customers.is_empty() && again.phase_changes.is_empty(), "{again:?}");
}
