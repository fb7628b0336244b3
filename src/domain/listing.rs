//! The customer list: an in-memory search index, per-customer summaries, and the
//! filter/sort query the list screen runs on every keystroke.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::book::Book;
use super::changes::ChangeSet;
use super::id::CustomerId;
use super::metrics::customer_figures;
use super::model::{AcquisitionChannel, Customer};
use super::phase::Phase;

/// Lower-cased searchable text of every customer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchIndex {
    entries: HashMap<CustomerId, String>,
}

/// Folds text for matching: lower case, and phone numbers also as bare digits.
fn fold(text: &str) -> String {
    text.to_lowercase()
}

fn haystack(c: &Customer) -> String {
    let mut parts: Vec<String> = vec![fold(&c.name), fold(&c.company)];
    parts.extend(c.emails.iter().map(|e| fold(e)));
    for p in &c.phones {
        parts.push(fold(p));
        parts.push(p.chars().filter(char::is_ascii_digit).collect());
    }
    parts.extend(c.tags.iter().map(|t| fold(t)));
    parts.push(fold(&c.notes));
    // A separator no query contains keeps matches inside one field.
    parts.join("\u{1f}")
}

impl SearchIndex {
    pub fn build(book: &Book) -> Self {
        SearchIndex { entries: book.customers().map(|c| (c.id, haystack(c))).collect() }
    }

    /// Keeps the index in step with changed customers (deleted ones drop out).
    pub fn update<'a>(&mut self, changed: impl IntoIterator<Item = &'a Customer>) {
        for c in changed {
            if c.deleted_at.is_some() {
                self.entries.remove(&c.id);
            } else {
                self.entries.insert(c.id, haystack(c));
            }
        }
    }

    /// Whether every word of `query` occurs in the customer's text.
    pub fn matches(&self, id: CustomerId, words: &[String]) -> bool {
        words.is_empty() || self.entries.get(&id).is_some_and(|h| contains_all(h, words))
    }
}

/// Whether every word occurs in the searchable text.
fn contains_all(haystack: &str, words: &[String]) -> bool {
    words.iter().all(|w| haystack.contains(w.as_str()))
}

/// Splits a query into folded words.
pub fn query_words(query: &str) -> Vec<String> {
    query.split_whitespace().map(fold).collect()
}

/// What the list shows and sorts by for one customer.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub id: CustomerId,
    pub name: String,
    /// The name folded for sorting, computed once.
    pub sort_name: String,
    pub company: String,
    pub phase: Phase,
    pub channel: AcquisitionChannel,
    pub tags: Vec<String>,
    pub archived: bool,
    pub sample: bool,
    pub last_contact: Option<DateTime<Utc>>,
    pub last_purchase: Option<DateTime<Utc>>,
    pub lifetime_value: i64,
    pub at_risk: bool,
}

/// Summaries of every live customer at `now`.
pub fn summaries(book: &Book, now: DateTime<Utc>) -> Vec<Summary> {
    book.customers().map(|c| summary(book, c, now)).collect()
}

pub fn summary(book: &Book, c: &Customer, now: DateTime<Utc>) -> Summary {
    let f = customer_figures(book, c, now);
    Summary {
        id: c.id,
        name: c.name.clone(),
        sort_name: fold(&c.name),
        company: c.company.clone(),
        phase: c.phase,
        channel: c.channel,
        tags: c.tags.clone(),
        archived: c.archived,
        sample: c.sample,
        last_contact: f.last_contact,
        last_purchase: f.last_purchase,
        lifetime_value: f.lifetime_value,
        at_risk: f.at_risk,
    }
}

/// Sort orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    #[default]
    Name,
    /// Most recent contact first.
    LastContact,
    /// Most recent purchase first.
    LastPurchase,
    /// Highest lifetime value first.
    LifetimeValue,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [SortKey::Name, SortKey::LastContact, SortKey::LastPurchase, SortKey::LifetimeValue];

    pub fn key(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::LastContact => "last_contact",
            SortKey::LastPurchase => "last_purchase",
            SortKey::LifetimeValue => "lifetime_value",
        }
    }

    pub fn from_key(key: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The list screen's filters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    pub text: String,
    pub phase: Option<Phase>,
    pub tag: Option<String>,
    pub channel: Option<AcquisitionChannel>,
    pub at_risk_only: bool,
    /// Show archived customers instead of active ones.
    pub archived: bool,
    pub sort: SortKey,
}

fn newest_first(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Ordering {
    // None (never) sorts last.
    b.cmp(&a)
}

/// A list query prepared once per run: its words folded, its tag lower-cased.
struct Filter<'q> {
    query: &'q ListQuery,
    words: Vec<String>,
    tag: Option<String>,
}

impl<'q> Filter<'q> {
    fn new(query: &'q ListQuery) -> Self {
        Filter { query, words: query_words(&query.text), tag: query.tag.as_deref().map(str::to_lowercase) }
    }

    /// Every condition except the search words.
    fn keeps(&self, s: &Summary) -> bool {
        let q = self.query;
        s.archived == q.archived
            && q.phase.is_none_or(|p| s.phase == p)
            && q.channel.is_none_or(|c| s.channel == c)
            && (!q.at_risk_only || s.at_risk)
            && self.tag.as_ref().is_none_or(|t| s.tags.iter().any(|x| x.to_lowercase() == *t))
    }
}

/// The comparison of a sort order; ties go by name, then id.
fn compare(sort: SortKey, a: &Summary, b: &Summary) -> Ordering {
    let by_name = || a.sort_name.cmp(&b.sort_name).then(a.id.cmp(&b.id));
    match sort {
        SortKey::Name => by_name(),
        SortKey::LastContact => newest_first(a.last_contact, b.last_contact).then_with(by_name),
        SortKey::LastPurchase => newest_first(a.last_purchase, b.last_purchase).then_with(by_name),
        SortKey::LifetimeValue => b.lifetime_value.cmp(&a.lifetime_value).then_with(by_name),
    }
}

/// Positions in `all` of the customers matching `query`, in its sort order (ties by name).
pub fn run_query(all: &[Summary], index: &SearchIndex, query: &ListQuery) -> Vec<usize> {
    let filter = Filter::new(query);
    let mut rows: Vec<usize> =
        (0..all.len()).filter(|&i| filter.keeps(&all[i]) && index.matches(all[i].id, &filter.words)).collect();
    rows.sort_by(|&a, &b| compare(query.sort, &all[a], &all[b]));
    rows
}

/// Every tag in use, sorted, for the tag filter.
pub fn all_tags(all: &[Summary]) -> Vec<String> {
    let mut tags: Vec<String> = all.iter().flat_map(|s| s.tags.iter().cloned()).collect();
    tags.sort_by_key(|t| t.to_lowercase());
    tags.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    tags
}

/// The customers a change set touches: changed customers and the owners of
/// changed activity records.
pub fn touched_customers(changes: &ChangeSet) -> HashSet<CustomerId> {
    let mut ids: HashSet<CustomerId> = changes.customers.iter().map(|c| c.id).collect();
    ids.extend(changes.touchpoints.iter().map(|t| t.customer_id));
    ids.extend(changes.orders.iter().map(|o| o.customer_id));
    ids.extend(changes.concerns.iter().map(|c| c.customer_id));
    ids.extend(changes.follow_ups.iter().filter_map(|f| f.customer_id));
    ids.extend(changes.phase_changes.iter().map(|p| p.customer_id));
    ids
}

/// Everything the list screen needs, kept up to date by patching after each small
/// change instead of rebuilding for the whole book.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListCache {
    pub summaries: Vec<Summary>,
    /// The searchable text of each summary, at the same position.
    hay: Vec<String>,
    positions: HashMap<CustomerId, usize>,
    /// Positions in name order, so the default sort needs no sorting per keystroke.
    by_name: Vec<usize>,
}

impl ListCache {
    pub fn build(book: &Book, now: DateTime<Utc>) -> Self {
        let (summaries, hay): (Vec<Summary>, Vec<String>) =
            book.customers().map(|c| (summary(book, c, now), haystack(c))).unzip();
        let positions = summaries.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        let mut cache = ListCache { summaries, hay, positions, by_name: Vec::new() };
        cache.sort_names();
        cache
    }

    fn sort_names(&mut self) {
        let all = &self.summaries;
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_by(|&a, &b| compare(SortKey::Name, &all[a], &all[b]));
        self.by_name = order;
    }

    /// Brings the cache in step with `book` after `changes` were applied to it: only the
    /// customers the changes touch are summarised again.
    pub fn patch(&mut self, book: &Book, changes: &ChangeSet, now: DateTime<Utc>) {
        let mut names_changed = false;
        for id in touched_customers(changes) {
            match (book.customer(id), self.positions.get(&id).copied()) {
                (Some(c), Some(at)) => {
                    let fresh = summary(book, c, now);
                    names_changed |= fresh.sort_name != self.summaries[at].sort_name;
                    self.summaries[at] = fresh;
                    self.hay[at] = haystack(c);
                }
                (Some(c), None) => {
                    self.positions.insert(id, self.summaries.len());
                    self.summaries.push(summary(book, c, now));
                    self.hay.push(haystack(c));
                    names_changed = true;
                }
                (None, Some(at)) => {
                    self.positions.remove(&id);
                    self.summaries.swap_remove(at);
                    self.hay.swap_remove(at);
                    if let Some(moved) = self.summaries.get(at) {
                        self.positions.insert(moved.id, at);
                    }
                    names_changed = true;
                }
                (None, None) => {}
            }
        }
        if names_changed {
            self.sort_names();
        }
    }

    /// Positions in `summaries` of the customers matching `query`, in its sort order.
    pub fn query(&self, query: &ListQuery) -> Vec<usize> {
        let filter = Filter::new(query);
        let keep = |&i: &usize| filter.keeps(&self.summaries[i]) && contains_all(&self.hay[i], &filter.words);
        if query.sort == SortKey::Name {
            return self.by_name.iter().copied().filter(keep).collect();
        }
        let mut rows: Vec<usize> = (0..self.summaries.len()).filter(keep).collect();
        rows.sort_by(|&a, &b| compare(query.sort, &self.summaries[a], &self.summaries[b]));
        rows
    }
}
