//! Fuzzing the import paths: the backup reader and the CSV and vCard readers must
//! answer every input with a result, never a panic. The seeds are the fixture files.
//! `FUZZ_CASES` sets the cases per target (a short run by default; `.ci/fuzz` runs a
//! long one and prints executions and time). A panic found here becomes a named
//! regression test at the end of this file.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rapport::backup::contacts::{read_csv, rows_from_table, rows_from_vcard, suggest_mapping};
use rapport::backup::read::read_backup;
use rapport::domain::{AcquisitionChannel, Book, Settings};
use serde_json::Value;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

fn seeds(dir: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir);
    let mut out: Vec<String> = fs::read_dir(root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.metadata().map(|m| m.len() < 100_000).unwrap_or(false))
        .filter_map(|e| fs::read_to_string(e.path()).ok())
        .collect();
    out.sort();
    out
}

/// One edit to a seed: insert, delete or replace a run of characters.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, String),
    Delete(usize, usize),
    Replace(usize, String),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let text = prop_oneof![
        "\\PC{0,8}",
        Just("\"".to_string()),
        Just("{".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just("\u{0}".to_string()),
        Just("null".to_string()),
        Just("-1e400".to_string()),
        Just("\r\n ".to_string()),
        Just(";".to_string()),
        Just("=C3".to_string()),
        Just("BEGIN:VCARD\n".to_string()),
    ];
    prop::collection::vec(
        prop_oneof![
            (any::<usize>(), text.clone()).prop_map(|(p, t)| Edit::Insert(p, t)),
            (any::<usize>(), 0_usize..40).prop_map(|(p, n)| Edit::Delete(p, n)),
            (any::<usize>(), text).prop_map(|(p, t)| Edit::Replace(p, t)),
        ],
        1..6,
    )
}

fn boundary(s: &str, at: usize) -> usize {
    let mut i = at % (s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(seed: &str, edits: &[Edit]) -> String {
    let mut s = seed.to_string();
    for e in edits {
        match e {
            Edit::Insert(p, t) => {
                let i = boundary(&s, *p);
                s.insert_str(i, t);
            }
            Edit::Delete(p, n) => {
                let i = boundary(&s, *p);
                let j = boundary(&s, i + n);
                s.replace_range(i..j.max(i), "");
            }
            Edit::Replace(p, t) => {
                let i = boundary(&s, *p);
                let j = boundary(&s, i + t.len());
                s.replace_range(i..j.max(i), t);
            }
        }
    }
    s
}

/// Random JSON trees, a few levels deep, with the backup's own keys mixed in.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "\\PC{0,12}".prop_map(Value::String),
        Just(Value::String("rapport-backup".into())),
        Just(Value::String("2026-03-01T10:00:00Z".into())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("format".to_string()),
            Just("format_version".to_string()),
            Just("data".to_string()),
            Just("customers".to_string()),
            Just("orders".to_string()),
            Just("settings".to_string()),
            Just("id".to_string()),
            Just("customer_id".to_string()),
            Just("counts".to_string()),
            "[a-z_]{1,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys, inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn run<S: Strategy>(name: &str, strategy: S, check: impl Fn(S::Value)) {
    let n = cases();
    let mut runner = TestRunner::new(Config { cases: n, failure_persistence: None, ..Config::default() });
    let started = Instant::now();
    runner
        .run(&strategy, |input| {
            check(input);
            Ok(())
        })
        .unwrap();
    eprintln!("fuzz {name}: {n} executions in {:.1} s", started.elapsed().as_secs_f64());
}

fn book() -> Book {
    Book::new(Settings::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()))
}

#[test]
fn backup_reader_survives_mutated_backups() {
    let seeds = seeds("backups");
    run("backup/mutated", (0..seeds.len(), edits()), |(i, e)| {
        let _ = read_backup(&apply(&seeds[i], &e));
    });
}

#[test]
fn backup_reader_survives_random_json() {
    run("backup/json", json(), |value| {
        let mut wrapped = serde_json::json!({"format": "rapport-backup", "format_version": 1, "data": value.clone()});
        let _ = read_backup(&value.to_string());
        let _ = read_backup(&wrapped.to_string());
        wrapped["data"] = serde_json::json!({"customers": [value.clone()], "orders": [value]});
        let _ = read_backup(&wrapped.to_string());
    });
}

#[test]
fn backup_reader_survives_arbitrary_text() {
    run("backup/text", "\\PC{0,200}", |text| {
        let _ = read_backup(&text);
    });
}

#[test]
fn csv_reader_survives_mutated_and_arbitrary_files() {
    let seeds: Vec<String> = seeds("contacts").into_iter().filter(|s| !s.starts_with("BEGIN")).collect();
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    run("csv/mutated", (0..seeds.len(), edits()), |(i, e)| {
        if let Ok(table) = read_csv(&apply(&seeds[i], &e)) {
            let mapping = suggest_mapping(&table);
            let _ = rows_from_table(&book(), &table, &mapping, AcquisitionChannel::Other, now);
        }
    });
    run("csv/text", "\\PC{0,200}", |text| {
        if let Ok(table) = read_csv(&text) {
            let _ = rows_from_table(&book(), &table, &suggest_mapping(&table), AcquisitionChannel::Other, now);
        }
    });
}

#[test]
fn vcard_reader_survives_mutated_and_arbitrary_files() {
    let seeds: Vec<String> = seeds("contacts").into_iter().filter(|s| s.starts_with("BEGIN")).collect();
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    run("vcard/mutated", (0..seeds.len(), edits()), |(i, e)| {
        let _ = rows_from_vcard(&book(), &apply(&seeds[i], &e), AcquisitionChannel::Other, now);
    });
    run("vcard/text", "\\PC{0,200}", |text| {
        let _ = rows_from_vcard(
            &book(),
            &format!("BEGIN:VCARD\nVERSION:3.0\n{text}\nEND:VCARD\n"),
            AcquisitionChannel::Other,
            now,
        );
    });
}
