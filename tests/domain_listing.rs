//! Search and list queries.

use chrono::{Duration, TimeZone, Utc};
use rapport::domain::listing::{all_tags, run_query, summaries, ListQuery, SearchIndex, SortKey};
use rapport::domain::ops::{self, CustomerDraft, OrderDraft};
use rapport::domain::*;

fn book() -> Book {
    let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let mut book = Book::new(Settings::new(t));
    let mut add = |name: &str, company: &str, email: &str, phone: &str, tags: &[&str], notes: &str, channel| {
        let mut d = CustomerDraft::named(name, channel);
        d.company = company.into();
        d.emails = vec![email.into()];
        d.phones = vec![phone.into()];
        d.tags = tags.iter().map(|s| s.to_string()).collect();
        d.notes = notes.into();
        let o = ops::add_customer(&d, t).unwrap();
        let id = o.changes.customers[0].id;
        book.apply(o.changes);
        id
    };
    let ana = add(
        "Ana Weber",
        "Grünwerk GmbH",
        "ana@gruen.example",
        "+49 30 111 222",
        &["VIP", "web"],
        "likes tea",
        AcquisitionChannel::Referral,
    );
    let _ben = add("Ben Ortiz", "", "ben@example.com", "0171 555", &["print"], "", AcquisitionChannel::Website);
    let _zoe = add(
        "zoë Young",
        "Pixelhof",
        "zoe@pixel.example",
        "+1 212 9",
        &["web"],
        "met at the fair",
        AcquisitionChannel::Event,
    );
    let o = ops::place_order(
        &book,
        &OrderDraft { customer_id: ana, placed_at: t, description: "Site".into(), amount: "900".into() },
        t,
    )
    .unwrap();
    let oid = o.changes.orders[0].id;
    book.apply(o.changes);
    let done = ops::complete_order(&book, oid, t + Duration::days(1), t + Duration::days(1)).unwrap();
    book.apply(done.changes);
    book
}

fn names(all: &[rapport::domain::listing::Summary], rows: Vec<usize>) -> Vec<String> {
    rows.into_iter().map(|i| all[i].name.clone()).collect()
}

#[test]
fn search_covers_name_company_email_phone_tags_and_notes() {
    let book = book();
    let now = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
    let all = summaries(&book, now);
    let index = SearchIndex::build(&book);
    let q = |text: &str| names(&all, run_query(&all, &index, &ListQuery { text: text.into(), ..Default::default() }));
    assert_eq!(q(""), vec!["Ana Weber", "Ben Ortiz", "zoë Young"]);
    assert_eq!(q("GRÜN"), vec!["Ana Weber"]);
    assert_eq!(q("pixel.example"), vec!["zoë Young"]);
    assert_eq!(q("30111"), vec!["Ana Weber"], "phone digits without spaces");
    assert_eq!(q("0171 555"), vec!["Ben Ortiz"]);
    assert_eq!(q("web"), vec!["Ana Weber", "zoë Young"]);
    assert_eq!(q("fair"), vec!["zoë Young"]);
    assert_eq!(q("ZOË"), vec!["zoë Young"]);
    assert_eq!(q("ana tea"), vec!["Ana Weber"], "every word must match");
    assert!(q("ana fair").is_empty());
}

#[test]
fn filters_and_sorts() {
    let mut book = book();
    let now = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
    let ben = book.customers().find(|c| c.name.starts_with("Ben")).unwrap().id;
    book.apply(ops::set_archived(&book, ben, true, now).unwrap().changes);
    let all = summaries(&book, now);
    let index = SearchIndex::build(&book);
    let run = |q: ListQuery| names(&all, run_query(&all, &index, &q));
    assert_eq!(run(ListQuery::default()), vec!["Ana Weber", "zoë Young"]);
    assert_eq!(run(ListQuery { archived: true, ..Default::default() }), vec!["Ben Ortiz"]);
    assert_eq!(run(ListQuery { phase: Some(Phase::AfterPurchase), ..Default::default() }), vec!["Ana Weber"]);
    assert_eq!(run(ListQuery { channel: Some(AcquisitionChannel::Event), ..Default::default() }), vec!["zoë Young"]);
    assert_eq!(run(ListQuery { tag: Some("vip".into()), ..Default::default() }), vec!["Ana Weber"]);
    assert_eq!(run(ListQuery { sort: SortKey::LifetimeValue, ..Default::default() }), vec!["Ana Weber", "zoë Young"]);
    assert_eq!(run(ListQuery { sort: SortKey::LastPurchase, ..Default::default() }), vec!["Ana Weber", "zoë Young"]);
    assert!(run(ListQuery { at_risk_only: true, ..Default::default() }).is_empty());
    assert_eq!(all_tags(&all), vec!["print", "VIP", "web"]);
}

#[test]
fn the_index_follows_edits_and_deletes() {
    let mut book = book();
    let now = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
    let mut index = SearchIndex::build(&book);
    let ana = book.customers().find(|c| c.name.starts_with("Ana")).unwrap().clone();
    let mut d = CustomerDraft::from_customer(&ana);
    d.name = "Anastasia Weber".into();
    let edit = ops::edit_customer(&book, ana.id, &d, now).unwrap();
    index.update(&edit.changes.customers);
    book.apply(edit.changes);
    let all = summaries(&book, now);
    let q = |index: &SearchIndex, text: &str| {
        names(&all, run_query(&all, index, &ListQuery { text: text.into(), ..Default::default() }))
    };
    assert_eq!(q(&index, "anastasia"), vec!["Anastasia Weber"]);
    let gone = ops::delete_customers(&book, &[ana.id], now);
    index.update(&gone.customers);
    assert!(!index.matches(ana.id, &["weber".to_string()]));
}

/// One change made to the book in the cache test.
type Step<'a> = Box<dyn Fn(&Book) -> ChangeSet + 'a>;

/// The ids a query lists, in order.
fn listed(cache: &rapport::domain::listing::ListCache, q: &ListQuery) -> Vec<CustomerId> {
    cache.query(q).into_iter().map(|i| cache.summaries[i].id).collect()
}

#[test]
fn a_patched_list_cache_equals_a_fresh_one_after_every_kind_of_change() {
    use rapport::domain::listing::ListCache;
    let now = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    let mut book = Book::from_data(rapport::domain::seed::seed_book(120, now, 7, false));
    let mut cache = ListCache::build(&book, now);
    let queries = [
        ListQuery::default(),
        ListQuery { text: "a".into(), ..ListQuery::default() },
        ListQuery { archived: true, ..ListQuery::default() },
        ListQuery { phase: Some(Phase::Purchase), ..ListQuery::default() },
        ListQuery { sort: SortKey::LifetimeValue, ..ListQuery::default() },
        ListQuery { at_risk_only: true, sort: SortKey::LastContact, ..ListQuery::default() },
    ];
    let ids: Vec<CustomerId> = book.customers().map(|c| c.id).collect();
    let open_order = book.all_orders().find(|o| o.status.is_open()).map(|o| o.id).expect("the seed has open orders");
    let steps: Vec<Step> = vec![
        Box::new(|_| {
            ops::add_customer(&CustomerDraft::named("Aaron First", AcquisitionChannel::Ad), now).unwrap().changes
        }),
        Box::new(|b| {
            let c = b.customer(ids[3]).unwrap();
            let mut d = ops::CustomerDraft::from_customer(c);
            d.name = "Zacharias Renamed".into();
            ops::edit_customer(b, c.id, &d, now).unwrap().changes
        }),
        Box::new(|b| ops::complete_order(b, open_order, now, now).unwrap().changes),
        Box::new(|b| ops::set_archived(b, ids[5], true, now).unwrap().changes),
        Box::new(|b| ops::delete_customers(b, &[ids[7], ids[0]], now)),
        Box::new(|b| ops::run_dormancy_check(b, now + Duration::days(400)).changes),
    ];
    for (n, step) in steps.iter().enumerate() {
        let changes = step(&book);
        assert!(!changes.is_empty(), "step {n} changes something");
        book.apply(changes.clone());
        cache.patch(&book, &changes, now);
        let fresh = ListCache::build(&book, now);
        assert_eq!(cache.summaries.len(), fresh.summaries.len(), "step {n}");
        for q in &queries {
            assert_eq!(listed(&cache, q), listed(&fresh, q), "step {n}, query {q:?}");
        }
        // The cache's own search and name order equal the general query path.
        let index = SearchIndex::build(&book);
        for q in &queries {
            assert_eq!(cache.query(q), run_query(&cache.summaries, &index, q), "step {n}, query {q:?}");
        }
    }
}
