//! Keeps the layer boundaries true: the domain stays pure, and imports point one way.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// Lines of `dir`'s Rust files that contain any of `needles` (comments included:
/// a commented-out clock read is still a smell).
fn offending_lines(dir: &str, needles: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let files = rust_files(&root);
    assert!(!files.is_empty(), "no Rust files under {dir}");
    let mut hits = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for needle in needles {
                if line.contains(needle) {
                    hits.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    hits
}

const IMPURE: &[&str] = &[
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "leptos",
    "indexed_db",
    "gloo",
    "Utc::now",
    "Local::now",
    "SystemTime",
    "Instant::now",
];

#[test]
fn domain_has_no_browser_storage_or_clock_imports() {
    let hits = offending_lines("src/domain", IMPURE);
    assert!(hits.is_empty(), "impure code in src/domain:\n{}", hits.join("\n"));
}

#[test]
fn backup_reading_is_pure_too() {
    let hits = offending_lines("src/backup", IMPURE);
    assert!(hits.is_empty(), "impure code in src/backup:\n{}", hits.join("\n"));
}

#[test]
fn the_state_layer_never_imports_the_ui() {
    let hits = offending_lines("src/state", &["crate::ui", "super::ui"]);
    assert!(hits.is_empty(), "the state layer imports the UI:\n{}", hits.join("\n"));
    let hits = offending_lines("src/storage", &["crate::ui", "crate::state"]);
    assert!(hits.is_empty(), "storage imports a layer above it:\n{}", hits.join("\n"));
}

#[test]
fn the_scan_finds_what_it_looks_for() {
    // Guard against a scan that silently reads nothing.
    let hits = offending_lines("tests", &["Utc::now"]);
    assert!(hits.iter().any(|h| h.contains("architecture.rs")));
}
