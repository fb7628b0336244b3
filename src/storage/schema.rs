//! The IndexedDB schema: one database, an explicit version, one upgrade step per
//! version. Kept free of browser types so that native tests can check the plan.

/// The database every Rapport book lives in.
pub const DB_NAME: &str = "rapport";

/// The schema version this code writes. Bump it only together with a new step below.
pub const CURRENT_VERSION: u32 = 3;

/// Object store names.
pub mod stores {
    pub const CUSTOMERS: &str = "customers";
    pub const SETTINGS: &str = "settings";
    pub const TOUCHPOINTS: &str = "touchpoints";
    pub const ORDERS: &str = "orders";
    pub const CONCERNS: &str = "concerns";
    pub const FOLLOW_UPS: &str = "follow_ups";
    pub const PHASE_CHANGES: &str = "phase_changes";
    /// What each local snapshot is (small rows, listed in the app).
    pub const SNAPSHOTS: &str = "snapshots";
    /// The backup text of each snapshot, read only to restore one.
    pub const SNAPSHOT_DATA: &str = "snapshot_data";

    /// Stores of records that belong to a customer (each has a `customer_id` index).
    pub const ACTIVITY: [&str; 5] = [TOUCHPOINTS, ORDERS, CONCERNS, FOLLOW_UPS, PHASE_CHANGES];
    /// Stores holding the book itself (a replace clears exactly these).
    pub const BOOK: [&str; 7] = [CUSTOMERS, SETTINGS, TOUCHPOINTS, ORDERS, CONCERNS, FOLLOW_UPS, PHASE_CHANGES];
    /// Every store of the current version.
    pub const ALL: [&str; 9] =
        [CUSTOMERS, SETTINGS, TOUCHPOINTS, ORDERS, CONCERNS, FOLLOW_UPS, PHASE_CHANGES, SNAPSHOTS, SNAPSHOT_DATA];
}

/// The key every record store is keyed by.
pub const KEY_PATH: &str = "id";
/// The key of the single settings row.
pub const SETTINGS_KEY: &str = "settings";
/// Index on the owning customer, present on every activity store.
pub const BY_CUSTOMER: &str = "by_customer";

/// What one upgrade step creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaOp {
    /// A store keyed by `id`.
    CreateStore(&'static str),
    /// An index `name` on `store` over `key_path`.
    CreateIndex { store: &'static str, name: &'static str, key_path: &'static str },
}

/// Version 1: customers and settings (the first vertical slice).
const V1: &[SchemaOp] = &[
    SchemaOp::CreateStore(stores::CUSTOMERS),
    SchemaOp::CreateIndex { store: stores::CUSTOMERS, name: "by_updated_at", key_path: "updated_at" },
    SchemaOp::CreateStore(stores::SETTINGS),
];

/// Version 2: everything that belongs to a customer, indexed by customer and date.
const V2: &[SchemaOp] = &[
    SchemaOp::CreateStore(stores::TOUCHPOINTS),
    SchemaOp::CreateIndex { store: stores::TOUCHPOINTS, name: BY_CUSTOMER, key_path: "customer_id" },
    SchemaOp::CreateIndex { store: stores::TOUCHPOINTS, name: "by_at", key_path: "at" },
    SchemaOp::CreateStore(stores::ORDERS),
    SchemaOp::CreateIndex { store: stores::ORDERS, name: BY_CUSTOMER, key_path: "customer_id" },
    SchemaOp::CreateIndex { store: stores::ORDERS, name: "by_placed_at", key_path: "placed_at" },
    SchemaOp::CreateStore(stores::CONCERNS),
    SchemaOp::CreateIndex { store: stores::CONCERNS, name: BY_CUSTOMER, key_path: "customer_id" },
    SchemaOp::CreateIndex { store: stores::CONCERNS, name: "by_due_by", key_path: "due_by" },
    SchemaOp::CreateStore(stores::FOLLOW_UPS),
    SchemaOp::CreateIndex { store: stores::FOLLOW_UPS, name: BY_CUSTOMER, key_path: "customer_id" },
    SchemaOp::CreateIndex { store: stores::FOLLOW_UPS, name: "by_due", key_path: "due" },
    SchemaOp::CreateStore(stores::PHASE_CHANGES),
    SchemaOp::CreateIndex { store: stores::PHASE_CHANGES, name: BY_CUSTOMER, key_path: "customer_id" },
];

/// Version 3: rolling local snapshots, a second net under the user's own exports.
const V3: &[SchemaOp] = &[
    SchemaOp::CreateStore(stores::SNAPSHOTS),
    SchemaOp::CreateIndex { store: stores::SNAPSHOTS, name: "by_taken_at", key_path: "taken_at" },
    SchemaOp::CreateStore(stores::SNAPSHOT_DATA),
];

/// The step that takes a database from `version - 1` to `version`.
pub fn step(version: u32) -> Option<&'static [SchemaOp]> {
    match version {
        1 => Some(V1),
        2 => Some(V2),
        3 => Some(V3),
        _ => None,
    }
}

/// The steps to run when opening a database at `old` with code at `target`, or the
/// refusal when the stored database is newer than the code.
pub fn plan(old: u32, target: u32) -> Result<Vec<(u32, &'static [SchemaOp])>, super::StorageError> {
    if old > target {
        return Err(super::StorageError::NewerSchema { found: old, supported: target });
    }
    (old + 1..=target)
        .map(|v| {
            step(v).map(|ops| (v, ops)).ok_or(super::StorageError::Failed(format!("no upgrade step to version {v}")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::StorageError;

    #[test]
    fn every_version_has_exactly_one_step_and_stores_are_created_once() {
        let all = plan(0, CURRENT_VERSION).unwrap();
        assert_eq!(all.iter().map(|(v, _)| *v).collect::<Vec<_>>(), (1..=CURRENT_VERSION).collect::<Vec<_>>());
        let created: Vec<&str> = all
            .iter()
            .flat_map(|(_, ops)| ops.iter())
            .filter_map(|op| match op {
                SchemaOp::CreateStore(s) => Some(*s),
                SchemaOp::CreateIndex { .. } => None,
            })
            .collect();
        let mut sorted = created.clone();
        sorted.sort();
        let mut expected = stores::ALL.to_vec();
        expected.sort();
        assert_eq!(sorted, expected, "every store is created exactly once");
        assert!(step(CURRENT_VERSION + 1).is_none());
    }

    #[test]
    fn a_step_indexes_only_stores_it_creates() {
        // The upgrade callback only reaches stores created in the same step.
        for v in 1..=CURRENT_VERSION {
            let ops = step(v).unwrap();
            for (i, op) in ops.iter().enumerate() {
                if let SchemaOp::CreateIndex { store, .. } = op {
                    assert!(
                        ops[..i].contains(&SchemaOp::CreateStore(store)),
                        "version {v} indexes {store} before creating it"
                    );
                }
            }
        }
    }

    #[test]
    fn every_activity_store_is_indexed_by_customer() {
        let ops: Vec<SchemaOp> =
            plan(0, CURRENT_VERSION).unwrap().into_iter().flat_map(|(_, o)| o.iter().copied()).collect();
        for store in stores::ACTIVITY {
            assert!(
                ops.contains(&SchemaOp::CreateIndex { store, name: BY_CUSTOMER, key_path: "customer_id" }),
                "{store}"
            );
        }
    }

    #[test]
    fn upgrades_run_only_the_missing_steps_and_newer_databases_are_refused() {
        assert_eq!(plan(1, 3).unwrap().iter().map(|(v, _)| *v).collect::<Vec<_>>(), vec![2, 3]);
        assert!(plan(3, 3).unwrap().is_empty());
        assert_eq!(plan(4, 3), Err(StorageError::NewerSchema { found: 4, supported: 3 }));
    }
}
