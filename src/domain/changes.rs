//! A change set: every record one user action writes, stored in a single transaction.

use serde::{Deserialize, Serialize};

use super::model::*;

/// New or changed records (deletes are tombstones, so they are changes too).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeSet {
    #[serde(default)]
    pub customers: Vec<Customer>,
    #[serde(default)]
    pub touchpoints: Vec<Touchpoint>,
    #[serde(default)]
    pub orders: Vec<Order>,
    #[serde(default)]
    pub concerns: Vec<Concern>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    #[serde(default)]
    pub phase_changes: Vec<PhaseChange>,
    #[serde(default)]
    pub settings: Option<Settings>,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.record_count() == 0
    }

    /// Number of records (settings count as one).
    pub fn record_count(&self) -> usize {
        self.customers.len()
            + self.touchpoints.len()
            + self.orders.len()
            + self.concerns.len()
            + self.follow_ups.len()
            + self.phase_changes.len()
            + usize::from(self.settings.is_some())
    }

    /// Appends another change set; a later version of the same record replaces the earlier.
    pub fn extend(&mut self, other: ChangeSet) {
        fn put<T: Record>(into: &mut Vec<T>, from: Vec<T>) {
            for record in from {
                match into.iter_mut().find(|r| r.id() == record.id()) {
                    Some(slot) => *slot = record,
                    None => into.push(record),
                }
            }
        }
        put(&mut self.customers, other.customers);
        put(&mut self.touchpoints, other.touchpoints);
        put(&mut self.orders, other.orders);
        put(&mut self.concerns, other.concerns);
        put(&mut self.follow_ups, other.follow_ups);
        put(&mut self.phase_changes, other.phase_changes);
        if other.settings.is_some() {
            self.settings = other.settings;
        }
    }
}
