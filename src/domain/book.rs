//! The whole book of customers in memory, with per-customer indexes for fast lookups.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::changes::ChangeSet;
use super::id::*;
use super::model::*;

/// Every record of a book as plain lists: the content of a backup and of a full load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookData {
    pub settings: Settings,
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
}

impl BookData {
    pub fn empty(settings: Settings) -> Self {
        BookData {
            settings,
            customers: Vec::new(),
            touchpoints: Vec::new(),
            orders: Vec::new(),
            concerns: Vec::new(),
            follow_ups: Vec::new(),
            phase_changes: Vec::new(),
        }
    }

    /// Every record as a change set (for writing a whole book at once).
    pub fn into_changes(self) -> ChangeSet {
        ChangeSet {
            customers: self.customers,
            touchpoints: self.touchpoints,
            orders: self.orders,
            concerns: self.concerns,
            follow_ups: self.follow_ups,
            phase_changes: self.phase_changes,
            settings: Some(self.settings),
        }
    }

    /// Number of records, settings not counted.
    pub fn record_count(&self) -> usize {
        self.customers.len()
            + self.touchpoints.len()
            + self.orders.len()
            + self.concerns.len()
            + self.follow_ups.len()
            + self.phase_changes.len()
    }

    /// Sorts every list by id, so that equal books compare and serialise equal.
    pub fn sort(&mut self) {
        self.customers.sort_by_key(|r| r.id);
        self.touchpoints.sort_by_key(|r| r.id);
        self.orders.sort_by_key(|r| r.id);
        self.concerns.sort_by_key(|r| r.id);
        self.follow_ups.sort_by_key(|r| r.id);
        self.phase_changes.sort_by_key(|r| r.id);
    }
}

/// Ids of the records that belong to one customer.
#[derive(Debug, Clone, Default)]
struct Links {
    touchpoints: Vec<TouchpointId>,
    orders: Vec<OrderId>,
    concerns: Vec<ConcernId>,
    follow_ups: Vec<FollowUpId>,
    phase_changes: Vec<PhaseChangeId>,
}

/// All records of a book, including tombstones; the accessors skip deleted records.
#[derive(Debug, Clone)]
pub struct Book {
    pub settings: Settings,
    customers: HashMap<CustomerId, Customer>,
    touchpoints: HashMap<TouchpointId, Touchpoint>,
    orders: HashMap<OrderId, Order>,
    concerns: HashMap<ConcernId, Concern>,
    follow_ups: HashMap<FollowUpId, FollowUp>,
    phase_changes: HashMap<PhaseChangeId, PhaseChange>,
    links: HashMap<CustomerId, Links>,
}

/// Inserts or replaces a record and keeps the per-customer id list in step.
fn upsert<T: CustomerRecord>(
    map: &mut HashMap<T::Id, T>,
    links: &mut HashMap<CustomerId, Links>,
    pick: fn(&mut Links) -> &mut Vec<T::Id>,
    record: T,
) {
    let id = record.id();
    let owner = record.customer_id();
    let previous_owner = map.get(&id).and_then(|r| r.customer_id());
    if previous_owner != owner {
        if let Some(prev) = previous_owner.and_then(|c| links.get_mut(&c)) {
            pick(prev).retain(|x| *x != id);
        }
        if let Some(cid) = owner {
            pick(links.entry(cid).or_default()).push(id);
        }
    }
    map.insert(id, record);
}

impl Book {
    pub fn new(settings: Settings) -> Self {
        Book {
            settings,
            customers: HashMap::new(),
            touchpoints: HashMap::new(),
            orders: HashMap::new(),
            concerns: HashMap::new(),
            follow_ups: HashMap::new(),
            phase_changes: HashMap::new(),
            links: HashMap::new(),
        }
    }

    pub fn from_data(data: BookData) -> Self {
        let mut book = Book::new(data.settings.clone());
        book.customers.reserve(data.customers.len());
        book.touchpoints.reserve(data.touchpoints.len());
        book.apply(data.into_changes());
        book
    }

    /// Every record, tombstones included, sorted by id.
    pub fn to_data(&self) -> BookData {
        let mut data = BookData {
            settings: self.settings.clone(),
            customers: self.customers.values().cloned().collect(),
            touchpoints: self.touchpoints.values().cloned().collect(),
            orders: self.orders.values().cloned().collect(),
            concerns: self.concerns.values().cloned().collect(),
            follow_ups: self.follow_ups.values().cloned().collect(),
            phase_changes: self.phase_changes.values().cloned().collect(),
        };
        data.sort();
        data
    }

    /// Applies a committed change set to memory.
    pub fn apply(&mut self, changes: ChangeSet) {
        for c in changes.customers {
            self.links.entry(c.id).or_default();
            self.customers.insert(c.id, c);
        }
        for r in changes.touchpoints {
            upsert(&mut self.touchpoints, &mut self.links, |l| &mut l.touchpoints, r);
        }
        for r in changes.orders {
            upsert(&mut self.orders, &mut self.links, |l| &mut l.orders, r);
        }
        for r in changes.concerns {
            upsert(&mut self.concerns, &mut self.links, |l| &mut l.concerns, r);
        }
        for r in changes.follow_ups {
            upsert(&mut self.follow_ups, &mut self.links, |l| &mut l.follow_ups, r);
        }
        for r in changes.phase_changes {
            upsert(&mut self.phase_changes, &mut self.links, |l| &mut l.phase_changes, r);
        }
        if let Some(s) = changes.settings {
            self.settings = s;
        }
    }

    /// A live (not deleted) customer.
    pub fn customer(&self, id: CustomerId) -> Option<&Customer> {
        self.customers.get(&id).filter(|c| !c.is_deleted())
    }

    /// A customer even if deleted (merge and import need the tombstone).
    pub fn customer_any(&self, id: CustomerId) -> Option<&Customer> {
        self.customers.get(&id)
    }

    /// Live customers, archived ones included, in no particular order.
    pub fn customers(&self) -> impl Iterator<Item = &Customer> {
        self.customers.values().filter(|c| !c.is_deleted())
    }

    pub fn customer_count(&self) -> usize {
        self.customers.values().filter(|c| !c.is_deleted()).count()
    }

    pub fn order(&self, id: OrderId) -> Option<&Order> {
        self.orders.get(&id).filter(|r| !r.is_deleted())
    }

    pub fn concern(&self, id: ConcernId) -> Option<&Concern> {
        self.concerns.get(&id).filter(|r| !r.is_deleted())
    }

    pub fn follow_up(&self, id: FollowUpId) -> Option<&FollowUp> {
        self.follow_ups.get(&id).filter(|r| !r.is_deleted())
    }

    pub fn touchpoint(&self, id: TouchpointId) -> Option<&Touchpoint> {
        self.touchpoints.get(&id).filter(|r| !r.is_deleted())
    }

    fn linked<'a, K: std::hash::Hash + Eq, T: Record>(
        &'a self,
        customer: CustomerId,
        ids: fn(&Links) -> &Vec<K>,
        map: &'a HashMap<K, T>,
    ) -> impl Iterator<Item = &'a T> + 'a {
        self.links
            .get(&customer)
            .map(|l| ids(l).as_slice())
            .unwrap_or(&[])
            .iter()
            .filter_map(move |id| map.get(id))
            .filter(|r| !r.is_deleted())
    }

    pub fn touchpoints_of(&self, customer: CustomerId) -> impl Iterator<Item = &Touchpoint> {
        self.linked(customer, |l| &l.touchpoints, &self.touchpoints)
    }

    pub fn orders_of(&self, customer: CustomerId) -> impl Iterator<Item = &Order> {
        self.linked(customer, |l| &l.orders, &self.orders)
    }

    pub fn concerns_of(&self, customer: CustomerId) -> impl Iterator<Item = &Concern> {
        self.linked(customer, |l| &l.concerns, &self.concerns)
    }

    pub fn follow_ups_of(&self, customer: CustomerId) -> impl Iterator<Item = &FollowUp> {
        self.linked(customer, |l| &l.follow_ups, &self.follow_ups)
    }

    /// The customer's phase history in recorded order.
    pub fn phase_history(&self, customer: CustomerId) -> Vec<&PhaseChange> {
        let mut list: Vec<&PhaseChange> = self.linked(customer, |l| &l.phase_changes, &self.phase_changes).collect();
        list.sort_by_key(|c| c.seq);
        list
    }

    /// The phase the customer's recorded history leads to, replayed from Attention.
    pub fn replayed_phase(&self, customer: CustomerId) -> Result<super::phase::Phase, super::phase::ReplayError> {
        super::phase::replay(self.phase_history(customer).iter().map(|c| (c.seq, c.from, c.to)))
    }

    /// Every live order, concern, follow-up and touchpoint (for book-wide views).
    pub fn all_orders(&self) -> impl Iterator<Item = &Order> {
        self.orders.values().filter(|r| !r.is_deleted())
    }

    pub fn all_concerns(&self) -> impl Iterator<Item = &Concern> {
        self.concerns.values().filter(|r| !r.is_deleted())
    }

    pub fn all_follow_ups(&self) -> impl Iterator<Item = &FollowUp> {
        self.follow_ups.values().filter(|r| !r.is_deleted())
    }

    pub fn all_touchpoints(&self) -> impl Iterator<Item = &Touchpoint> {
        self.touchpoints.values().filter(|r| !r.is_deleted())
    }

    pub fn all_phase_changes(&self) -> impl Iterator<Item = &PhaseChange> {
        self.phase_changes.values().filter(|r| !r.is_deleted())
    }
}
