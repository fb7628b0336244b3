//! An in-memory repository for native tests. Records are kept as JSON text, so every
//! write and read goes through the same serialisation as the browser store.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::schema::stores;
use super::{Activity, Base, FaultInjection, Repository, Snapshot, SnapshotInfo, StorageError};
use crate::domain::{BookData, ChangeSet, Customer, CustomerId, Record, Settings};

type Table = BTreeMap<String, String>;

#[derive(Debug, Clone, Default)]
struct Tables {
    settings: Option<String>,
    stores: BTreeMap<&'static str, Table>,
    /// Snapshot id → (info as JSON, backup text).
    snapshots: BTreeMap<String, (String, String)>,
}

/// Keeps a book in memory; writes are atomic (copy, change, swap).
#[derive(Debug, Default)]
pub struct MemoryRepository {
    tables: RefCell<Tables>,
    /// Largest number of records accepted in total, to simulate a full disk.
    quota: RefCell<Option<usize>>,
}

fn encode<T: Serialize>(value: &T) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|e| StorageError::Failed(e.to_string()))
}

fn decode<T: DeserializeOwned>(store: &'static str, text: &str) -> Result<T, StorageError> {
    serde_json::from_str(text).map_err(|e| StorageError::Corrupt { store, detail: e.to_string() })
}

fn put_all<T: Record + Serialize>(
    tables: &mut Tables,
    store: &'static str,
    records: &[T],
    budget: &mut Option<usize>,
) -> Result<(), StorageError> {
    let table = tables.stores.entry(store).or_default();
    for r in records {
        if let Some(left) = budget {
            if *left == 0 {
                return Err(StorageError::Failed("simulated failure in the middle of a write".into()));
            }
            *left -= 1;
        }
        table.insert(r.id().to_string(), encode(r)?);
    }
    Ok(())
}

fn read_all<T: DeserializeOwned>(tables: &Tables, store: &'static str) -> Result<Vec<T>, StorageError> {
    tables.stores.get(store).map_or(Ok(Vec::new()), |t| t.values().map(|v| decode(store, v)).collect())
}

impl MemoryRepository {
    pub fn new() -> Self {
        Self::default()
    }

    /// Simulates a device that can hold at most `records` records.
    pub fn set_quota(&self, records: Option<usize>) {
        *self.quota.borrow_mut() = records;
    }

    fn apply(&self, base: Tables, changes: &ChangeSet, mut fail_after: Option<usize>) -> Result<(), StorageError> {
        let mut next = base;
        put_all(&mut next, stores::CUSTOMERS, &changes.customers, &mut fail_after)?;
        put_all(&mut next, stores::TOUCHPOINTS, &changes.touchpoints, &mut fail_after)?;
        put_all(&mut next, stores::ORDERS, &changes.orders, &mut fail_after)?;
        put_all(&mut next, stores::CONCERNS, &changes.concerns, &mut fail_after)?;
        put_all(&mut next, stores::FOLLOW_UPS, &changes.follow_ups, &mut fail_after)?;
        put_all(&mut next, stores::PHASE_CHANGES, &changes.phase_changes, &mut fail_after)?;
        if let Some(s) = &changes.settings {
            next.settings = Some(encode(s)?);
        }
        if let Some(limit) = *self.quota.borrow() {
            let total: usize = next.stores.values().map(BTreeMap::len).sum();
            if total > limit {
                return Err(StorageError::QuotaExceeded);
            }
        }
        *self.tables.borrow_mut() = next;
        Ok(())
    }
}

/// Adds a snapshot and prunes older ones of its kind.
fn add_snapshot(tables: &mut Tables, snapshot: &Snapshot) -> Result<(), StorageError> {
    tables.snapshots.insert(snapshot.info.id.clone(), (encode(&snapshot.info)?, snapshot.backup.clone()));
    let mut same: Vec<SnapshotInfo> = tables
        .snapshots
        .values()
        .filter_map(|(info, _)| serde_json::from_str::<SnapshotInfo>(info).ok())
        .filter(|i| i.reason == snapshot.info.reason)
        .collect();
    same.sort_by_key(|i| std::cmp::Reverse(i.taken_at));
    for old in same.into_iter().skip(snapshot.info.reason.keep()) {
        tables.snapshots.remove(&old.id);
    }
    Ok(())
}

impl MemoryRepository {
    /// Empty book stores, the snapshots kept, plus the safety copy if any.
    fn cleared_with(&self, safety: Option<&Snapshot>) -> Result<Tables, StorageError> {
        let mut next = Tables { snapshots: self.tables.borrow().snapshots.clone(), ..Tables::default() };
        if let Some(s) = safety {
            add_snapshot(&mut next, s)?;
        }
        Ok(next)
    }
}

impl Repository for MemoryRepository {
    async fn load_settings(&self) -> Result<Option<Settings>, StorageError> {
        self.tables.borrow().settings.as_deref().map(|s| decode(stores::SETTINGS, s)).transpose()
    }

    async fn load_customers(&self) -> Result<Vec<Customer>, StorageError> {
        read_all(&self.tables.borrow(), stores::CUSTOMERS)
    }

    async fn load_activity(&self) -> Result<Activity, StorageError> {
        let t = self.tables.borrow();
        Ok(Activity {
            touchpoints: read_all(&t, stores::TOUCHPOINTS)?,
            orders: read_all(&t, stores::ORDERS)?,
            concerns: read_all(&t, stores::CONCERNS)?,
            follow_ups: read_all(&t, stores::FOLLOW_UPS)?,
            phase_changes: read_all(&t, stores::PHASE_CHANGES)?,
        })
    }

    async fn load_activity_of(&self, customer: CustomerId) -> Result<Activity, StorageError> {
        let all = self.load_activity().await?;
        Ok(Activity {
            touchpoints: all.touchpoints.into_iter().filter(|r| r.customer_id == customer).collect(),
            orders: all.orders.into_iter().filter(|r| r.customer_id == customer).collect(),
            concerns: all.concerns.into_iter().filter(|r| r.customer_id == customer).collect(),
            follow_ups: all.follow_ups.into_iter().filter(|r| r.customer_id == Some(customer)).collect(),
            phase_changes: all.phase_changes.into_iter().filter(|r| r.customer_id == customer).collect(),
        })
    }

    async fn write(&self, changes: &ChangeSet) -> Result<(), StorageError> {
        let base = self.tables.borrow().clone();
        self.apply(base, changes, None)
    }

    async fn write_checked(&self, changes: &ChangeSet, base: &[Base]) -> Result<(), StorageError> {
        {
            let tables = self.tables.borrow();
            for b in base {
                let stored = tables
                    .stores
                    .get(b.store)
                    .and_then(|t| t.get(&b.id))
                    .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok())
                    .and_then(|v| v.get("updated_at").and_then(|u| u.as_str()).map(str::to_string));
                let expected =
                    b.updated_at.map(|at| serde_json::to_value(at).ok().and_then(|v| v.as_str().map(str::to_string)));
                let same = match (stored, expected) {
                    (None, None) => true,
                    (Some(s), Some(Some(e))) => s == e,
                    _ => false,
                };
                if !same {
                    return Err(StorageError::Conflict);
                }
            }
        }
        self.write(changes).await
    }

    async fn replace_all(&self, data: &BookData, safety: Option<&Snapshot>) -> Result<(), StorageError> {
        self.apply(self.cleared_with(safety)?, &data.clone().into_changes(), None)
    }

    async fn put_snapshot(&self, snapshot: &Snapshot) -> Result<(), StorageError> {
        let mut next = self.tables.borrow().clone();
        add_snapshot(&mut next, snapshot)?;
        *self.tables.borrow_mut() = next;
        Ok(())
    }

    async fn list_snapshots(&self) -> Result<Vec<SnapshotInfo>, StorageError> {
        let mut list: Vec<SnapshotInfo> = self
            .tables
            .borrow()
            .snapshots
            .values()
            .map(|(info, _)| decode(stores::SNAPSHOTS, info))
            .collect::<Result<_, _>>()?;
        list.sort_by_key(|i| std::cmp::Reverse(i.taken_at));
        Ok(list)
    }

    async fn snapshot_backup(&self, id: &str) -> Result<Option<String>, StorageError> {
        Ok(self.tables.borrow().snapshots.get(id).map(|(_, backup)| backup.clone()))
    }
}

impl FaultInjection for MemoryRepository {
    async fn write_failing_after(&self, changes: &ChangeSet, puts: usize) -> Result<(), StorageError> {
        let base = self.tables.borrow().clone();
        self.apply(base, changes, Some(puts))
    }

    async fn replace_failing_after(&self, data: &BookData, safety: &Snapshot, puts: usize) -> Result<(), StorageError> {
        self.apply(self.cleared_with(Some(safety))?, &data.clone().into_changes(), Some(puts))
    }
}
