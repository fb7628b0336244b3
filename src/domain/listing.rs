//! The customer list: an in-memory search index, per-customer summaries, and the
//! filter/sort query the list screen runs on every keystroke.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::book::Book;
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
        words.is_empty() || self.entries.get(&id).is_some_and(|h| words.iter().all(|w| h.contains(w.as_str())))
    }
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

/// Positions in `all` of the customers matching `query`, in its sort order (ties by name).
pub fn run_query(all: &[Summary], index: &SearchIndex, query: &ListQuery) -> Vec<usize> {
    let words = query_words(&query.text);
    let tag = query.tag.as_deref().map(str::to_lowercase);
    let keep = |s: &Summary| {
        s.archived == query.archived
            && query.phase.is_none_or(|p| s.phase == p)
            && query.channel.is_none_or(|c| s.channel == c)
            && (!query.at_risk_only || s.at_risk)
            && tag.as_ref().is_none_or(|t| s.tags.iter().any(|x| x.to_lowercase() == *t))
            && index.matches(s.id, &words)
    };
    let mut rows: Vec<(usize, &Summary)> = all.iter().enumerate().filter(|(_, s)| keep(s)).collect();
    let by_name = |a: &Summary, b: &Summary| a.sort_name.cmp(&b.sort_name).then(a.id.cmp(&b.id));
    match query.sort {
        SortKey::Name => rows.sort_by(|(_, a), (_, b)| by_name(a, b)),
        SortKey::LastContact => {
            rows.sort_by(|(_, a), (_, b)| newest_first(a.last_contact, b.last_contact).then_with(|| by_name(a, b)))
        }
        SortKey::LastPurchase => {
            rows.sort_by(|(_, a), (_, b)| newest_first(a.last_purchase, b.last_purchase).then_with(|| by_name(a, b)))
        }
        SortKey::LifetimeValue => {
            rows.sort_by(|(_, a), (_, b)| b.lifetime_value.cmp(&a.lifetime_value).then_with(|| by_name(a, b)))
        }
    }
    rows.into_iter().map(|(i, _)| i).collect()
}

/// Every tag in use, sorted, for the tag filter.
pub fn all_tags(all: &[Summary]) -> Vec<String> {
    let mut tags: Vec<String> = all.iter().flat_map(|s| s.tags.iter().cloned()).collect();
    tags.sort_by_key(|t| t.to_lowercase());
    tags.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    tags
}
