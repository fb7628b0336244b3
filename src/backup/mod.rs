//! Backups and contact files: the JSON backup format (an envelope around every
//! record), reading and checking imported files, planning a replace or a merge, and
//! contacts from CSV and vCard. Pure Rust like the domain: no browser, no clock.

pub mod contacts;
pub mod merge;
pub mod read;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::BookData;

/// The `format` every Rapport backup carries.
pub const FORMAT: &str = "rapport-backup";
/// The backup format this code writes. Older ones are migrated on import; newer
/// ones are refused. (Separate from the IndexedDB schema version.)
pub const FORMAT_VERSION: u32 = 1;
/// The app version written into backups.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Record counts in the header, checked against the content on import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub customers: usize,
    pub touchpoints: usize,
    pub orders: usize,
    pub concerns: usize,
    pub follow_ups: usize,
    pub phase_changes: usize,
}

impl Counts {
    pub fn of(data: &BookData) -> Self {
        Counts {
            customers: data.customers.len(),
            touchpoints: data.touchpoints.len(),
            orders: data.orders.len(),
            concerns: data.concerns.len(),
            follow_ups: data.follow_ups.len(),
            phase_changes: data.phase_changes.len(),
        }
    }
}

/// What a backup file says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub format_version: u32,
    pub schema_version: u32,
    pub app_version: String,
    pub exported_at: DateTime<Utc>,
    pub counts: Counts,
}

#[derive(Serialize)]
struct BackupOut<'a> {
    #[serde(flatten)]
    header: Header,
    data: &'a BookData,
}

/// The backup file for `data` (every record, tombstones included, and the settings).
pub fn export(data: &BookData, exported_at: DateTime<Utc>) -> String {
    let header = Header {
        format: FORMAT.to_string(),
        format_version: FORMAT_VERSION,
        schema_version: crate::storage::schema::CURRENT_VERSION,
        app_version: APP_VERSION.to_string(),
        exported_at,
        counts: Counts::of(data),
    };
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string(&BackupOut { header, data }).unwrap_or_default()
}

/// A file name such as `rapport-backup-2026-12-04.json`.
pub fn file_name(exported_at: DateTime<Utc>) -> String {
    format!("rapport-backup-{}.json", exported_at.format("%Y-%m-%d"))
}
