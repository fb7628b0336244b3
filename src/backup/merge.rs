//! Planning an import: what a replace or a merge would change, per record type, and
//! the records a merge writes. Merge rule: per record, the newer `updated_at` wins;
//! a tombstone is a change like any other, so a deletion on one device is not undone
//! by an older copy from another. Phase histories are re-chained afterwards.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::domain::ops::rechain_history;
use crate::domain::{Book, BookData, ChangeSet, CustomerId, Record};

/// What an import changes in one record type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypeCounts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub deleted: usize,
}

/// What an import changes, per record type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub customers: TypeCounts,
    pub touchpoints: TypeCounts,
    pub orders: TypeCounts,
    pub concerns: TypeCounts,
    pub follow_ups: TypeCounts,
    pub phase_changes: TypeCounts,
    pub settings_changed: bool,
}

impl Preview {
    /// `(name, counts)` for display, in a fixed order.
    pub fn rows(&self) -> [(&'static str, TypeCounts); 6] {
        [
            ("customers", self.customers),
            ("touchpoints", self.touchpoints),
            ("orders", self.orders),
            ("concerns", self.concerns),
            ("follow_ups", self.follow_ups),
            ("phase_changes", self.phase_changes),
        ]
    }
}

fn replace_counts<T: Record + PartialEq>(current: &[T], incoming: &[T]) -> TypeCounts {
    let now: HashMap<T::Id, &T> = current.iter().filter(|r| !r.is_deleted()).map(|r| (r.id(), r)).collect();
    let mut counts = TypeCounts::default();
    let mut kept = HashSet::new();
    for r in incoming.iter().filter(|r| !r.is_deleted()) {
        match now.get(&r.id()) {
            None => counts.added += 1,
            Some(old) if *old == r => counts.unchanged += 1,
            Some(_) => counts.updated += 1,
        }
        kept.insert(r.id());
    }
    counts.deleted = now.keys().filter(|id| !kept.contains(*id)).count();
    counts
}

/// What replacing the current book with `incoming` changes.
pub fn preview_replace(current: &BookData, incoming: &BookData) -> Preview {
    Preview {
        customers: replace_counts(&current.customers, &incoming.customers),
        touchpoints: replace_counts(&current.touchpoints, &incoming.touchpoints),
        orders: replace_counts(&current.orders, &incoming.orders),
        concerns: replace_counts(&current.concerns, &incoming.concerns),
        follow_ups: replace_counts(&current.follow_ups, &incoming.follow_ups),
        phase_changes: replace_counts(&current.phase_changes, &incoming.phase_changes),
        settings_changed: current.settings != incoming.settings,
    }
}

/// Merges one record type: the newer `updated_at` wins (the local copy on a tie).
fn merge_records<T: Record + PartialEq + Clone>(current: &[T], incoming: &[T], out: &mut Vec<T>) -> TypeCounts {
    let local: HashMap<T::Id, &T> = current.iter().map(|r| (r.id(), r)).collect();
    let mut counts = TypeCounts::default();
    for r in incoming {
        match local.get(&r.id()) {
            None => {
                if r.is_deleted() {
                    counts.unchanged += 1;
                } else {
                    counts.added += 1;
                }
                out.push(r.clone());
            }
            Some(old) if *old == r || old.updated_at() >= r.updated_at() => counts.unchanged += 1,
            Some(old) => {
                if r.is_deleted() && !old.is_deleted() {
                    counts.deleted += 1;
                } else {
                    counts.updated += 1;
                }
                out.push(r.clone());
            }
        }
    }
    counts
}

/// The records a merge of `incoming` into `current` writes, with its preview.
pub fn plan_merge(current: &BookData, incoming: &BookData, now: DateTime<Utc>) -> (ChangeSet, Preview) {
    let mut cs = ChangeSet::default();
    let mut preview = Preview {
        customers: merge_records(&current.customers, &incoming.customers, &mut cs.customers),
        touchpoints: merge_records(&current.touchpoints, &incoming.touchpoints, &mut cs.touchpoints),
        orders: merge_records(&current.orders, &incoming.orders, &mut cs.orders),
        concerns: merge_records(&current.concerns, &incoming.concerns, &mut cs.concerns),
        follow_ups: merge_records(&current.follow_ups, &incoming.follow_ups, &mut cs.follow_ups),
        phase_changes: merge_records(&current.phase_changes, &incoming.phase_changes, &mut cs.phase_changes),
        settings_changed: false,
    };
    if incoming.settings.updated_at > current.settings.updated_at && incoming.settings != current.settings {
        cs.settings = Some(incoming.settings.clone());
        preview.settings_changed = true;
    }
    // Phase histories of touched customers may now interleave: re-chain them.
    let touched: HashSet<CustomerId> =
        cs.customers.iter().map(|c| c.id).chain(cs.phase_changes.iter().map(|p| p.customer_id)).collect();
    if !touched.is_empty() {
        let mut book = Book::from_data(current.clone());
        book.apply(cs.clone());
        let mut fixes = ChangeSet::default();
        for id in touched {
            fixes.extend(rechain_history(&book, id, now));
        }
        cs.extend(fixes);
    }
    (cs, preview)
}
