//! Storage: the repository every layer above writes through, its error type, the
//! IndexedDB schema, and two implementations (memory for native tests, IndexedDB in
//! the browser) held to one contract suite.

pub mod contract;
#[cfg(target_arch = "wasm32")]
pub mod idb;
pub mod memory;
pub mod schema;

use crate::domain::{
    BookData, ChangeSet, Concern, Customer, CustomerId, FollowUp, Order, PhaseChange, Settings, Touchpoint,
};

/// Why storage could not do what was asked. The UI turns these into sentences.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The stored database was made by a newer Rapport; nothing was touched.
    #[error("the stored data was made by a newer version of Rapport (schema {found}, this version knows {supported})")]
    NewerSchema { found: u32, supported: u32 },
    /// The device is out of space for this site.
    #[error("the device has no space left for Rapport's data")]
    QuotaExceeded,
    /// IndexedDB is missing or refused (private windows in some browsers).
    #[error("this browser does not let Rapport store data here ({0})")]
    Unavailable(String),
    /// Another tab holds an old connection open during an upgrade.
    #[error("another Rapport tab is still open with an older version")]
    Blocked,
    /// A stored record could not be read back.
    #[error("a stored {store} record could not be read: {detail}")]
    Corrupt { store: &'static str, detail: String },
    /// A record changed in storage (another tab) since this tab read it; nothing was written.
    #[error("the data was changed in another tab")]
    Conflict,
    /// Any other failure of the database; the transaction was rolled back.
    #[error("saving failed: {0}")]
    Failed(String),
}

/// Everything that belongs to customers except the customers themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    pub touchpoints: Vec<Touchpoint>,
    pub orders: Vec<Order>,
    pub concerns: Vec<Concern>,
    pub follow_ups: Vec<FollowUp>,
    pub phase_changes: Vec<PhaseChange>,
}

impl Activity {
    pub fn record_count(&self) -> usize {
        self.touchpoints.len()
            + self.orders.len()
            + self.concerns.len()
            + self.follow_ups.len()
            + self.phase_changes.len()
    }

    pub fn into_changes(self) -> ChangeSet {
        ChangeSet {
            touchpoints: self.touchpoints,
            orders: self.orders,
            concerns: self.concerns,
            follow_ups: self.follow_ups,
            phase_changes: self.phase_changes,
            ..ChangeSet::default()
        }
    }
}

/// The version of a record an action started from: `updated_at` as this tab knew it,
/// or None for a record the action creates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    pub store: &'static str,
    pub id: String,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Base {
    /// The versions `changes` start from, looked up in the book the action computed from.
    pub fn of(book: &crate::domain::Book, changes: &ChangeSet) -> Vec<Base> {
        use schema::stores;
        let mut out = Vec::new();
        let mut add = |store: &'static str, id: String, at: Option<chrono::DateTime<chrono::Utc>>| {
            out.push(Base { store, id, updated_at: at })
        };
        for r in &changes.customers {
            add(stores::CUSTOMERS, r.id.to_string(), book.customer_any(r.id).map(|c| c.updated_at));
        }
        for r in &changes.orders {
            add(stores::ORDERS, r.id.to_string(), book.order(r.id).map(|c| c.updated_at));
        }
        for r in &changes.concerns {
            add(stores::CONCERNS, r.id.to_string(), book.concern(r.id).map(|c| c.updated_at));
        }
        for r in &changes.follow_ups {
            add(stores::FOLLOW_UPS, r.id.to_string(), book.follow_up(r.id).map(|c| c.updated_at));
        }
        for r in &changes.touchpoints {
            add(stores::TOUCHPOINTS, r.id.to_string(), book.touchpoint(r.id).map(|c| c.updated_at));
        }
        out
    }
}

/// Why a snapshot was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SnapshotReason {
    /// The rolling daily copy.
    Daily,
    /// Taken just before an import replaced the book.
    BeforeReplace,
}

impl SnapshotReason {
    /// How many snapshots of this kind are kept (older ones are pruned on write).
    pub fn keep(self) -> usize {
        match self {
            SnapshotReason::Daily => 7,
            SnapshotReason::BeforeReplace => 5,
        }
    }
}

/// A local snapshot as listed (its backup text is stored apart).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SnapshotInfo {
    pub id: String,
    pub taken_at: chrono::DateTime<chrono::Utc>,
    pub reason: SnapshotReason,
    pub customers: usize,
    pub records: usize,
    pub bytes: usize,
}

/// A snapshot with its content: a complete backup file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub info: SnapshotInfo,
    pub backup: String,
}

impl Snapshot {
    /// A snapshot of `data`, taken at `at`.
    pub fn of(data: &BookData, at: chrono::DateTime<chrono::Utc>, reason: SnapshotReason) -> Snapshot {
        let backup = crate::backup::export(data, at);
        Snapshot {
            info: SnapshotInfo {
                id: crate::domain::CustomerId::random().to_string(),
                taken_at: at,
                reason,
                customers: data.customers.iter().filter(|c| c.deleted_at.is_none()).count(),
                records: data.record_count(),
                bytes: backup.len(),
            },
            backup,
        }
    }
}

/// The storage contract. Every write is one transaction: all of it lands, or none.
#[allow(async_fn_in_trait)]
pub trait Repository {
    /// The settings, or None for a book never saved.
    async fn load_settings(&self) -> Result<Option<Settings>, StorageError>;
    /// Every customer, tombstones included.
    async fn load_customers(&self) -> Result<Vec<Customer>, StorageError>;
    /// Every record that belongs to customers, tombstones included.
    async fn load_activity(&self) -> Result<Activity, StorageError>;
    /// The records of one customer, through the customer-id indexes.
    async fn load_activity_of(&self, customer: CustomerId) -> Result<Activity, StorageError>;
    /// Writes every record of the change set in one transaction.
    async fn write(&self, changes: &ChangeSet) -> Result<(), StorageError>;
    /// Like `write`, but first checks, inside the same transaction, that every record is
    /// still at the version in `base`; otherwise writes nothing and answers `Conflict`.
    async fn write_checked(&self, changes: &ChangeSet, base: &[Base]) -> Result<(), StorageError>;
    /// Replaces the whole book (restore, import with replace) in one transaction,
    /// storing `safety` (a snapshot of what is replaced) in the same transaction and
    /// pruning older snapshots of its kind.
    async fn replace_all(&self, data: &BookData, safety: Option<&Snapshot>) -> Result<(), StorageError>;
    /// Stores a snapshot and keeps only the newest of its kind (`SnapshotReason::keep`), in one transaction.
    async fn put_snapshot(&self, snapshot: &Snapshot) -> Result<(), StorageError>;
    /// Every snapshot, newest first (without its content).
    async fn list_snapshots(&self) -> Result<Vec<SnapshotInfo>, StorageError>;
    /// The backup text of one snapshot.
    async fn snapshot_backup(&self, id: &str) -> Result<Option<String>, StorageError>;
}

/// Test support: a write that fails after `puts` records were put, inside the
/// transaction, so the contract suite can prove a failed write leaves nothing behind.
#[allow(async_fn_in_trait)]
pub trait FaultInjection {
    async fn write_failing_after(&self, changes: &ChangeSet, puts: usize) -> Result<(), StorageError>;
    /// A replace (with its safety copy) that fails after `puts` records were put.
    async fn replace_failing_after(&self, data: &BookData, safety: &Snapshot, puts: usize) -> Result<(), StorageError>;
}

/// Loads a whole book; a never-saved book gets `default_settings`.
pub async fn load_book(repo: &impl Repository, default_settings: Settings) -> Result<BookData, StorageError> {
    let settings = repo.load_settings().await?.unwrap_or(default_settings);
    let customers = repo.load_customers().await?;
    let a = repo.load_activity().await?;
    Ok(BookData {
        settings,
        customers,
        touchpoints: a.touchpoints,
        orders: a.orders,
        concerns: a.concerns,
        follow_ups: a.follow_ups,
        phase_changes: a.phase_changes,
    })
}
