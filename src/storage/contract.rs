//! The storage contract suite: the same checks run natively against the memory
//! repository and in headless Chromium against IndexedDB (a fresh database each).

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{load_book, Base, FaultInjection, Repository, Snapshot, SnapshotReason, StorageError};
use crate::domain::ops::{self, CustomerDraft};
use crate::domain::{seed, AcquisitionChannel, Book, BookData, ChangeSet, Settings};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap()
}

fn sorted(mut data: BookData) -> BookData {
    data.sort();
    data
}

/// A small realistic book with every record type (some customers deleted).
pub fn sample_book(customers: usize) -> BookData {
    let data = seed::seed_book(customers, now(), 11, false);
    let mut book = Book::from_data(data);
    let victim = book.customers().map(|c| c.id).min();
    if let Some(id) = victim {
        let gone = ops::delete_customers(&book, &[id], now());
        book.apply(gone);
    }
    book.to_data()
}

async fn stored(repo: &impl Repository) -> BookData {
    sorted(load_book(repo, Settings::new(now())).await.expect("load"))
}

pub async fn a_fresh_store_is_empty(repo: impl Repository) {
    assert_eq!(repo.load_settings().await.unwrap(), None);
    assert!(repo.load_customers().await.unwrap().is_empty());
    assert_eq!(repo.load_activity().await.unwrap().record_count(), 0);
}

pub async fn written_records_load_back_unchanged(repo: impl Repository) {
    let data = sample_book(40);
    assert!(data.touchpoints.len() > 40 && !data.orders.is_empty() && !data.phase_changes.is_empty());
    repo.write(&data.clone().into_changes()).await.unwrap();
    assert_eq!(stored(&repo).await, sorted(data));
}

pub async fn a_rewrite_replaces_the_record_with_the_same_id(repo: impl Repository) {
    let added = ops::add_customer(&CustomerDraft::named("Ana", AcquisitionChannel::Referral), now()).unwrap();
    repo.write(&added.changes).await.unwrap();
    let mut book = Book::new(Settings::new(now()));
    book.apply(added.changes.clone());
    let id = added.changes.customers[0].id;
    let archived = ops::set_archived(&book, id, true, now() + Duration::hours(1)).unwrap();
    repo.write(&archived.changes).await.unwrap();
    let customers = repo.load_customers().await.unwrap();
    assert_eq!(customers.len(), 1);
    assert!(customers[0].archived);
    assert_eq!(customers[0].updated_at, now() + Duration::hours(1));
}

pub async fn tombstones_are_stored_not_dropped(repo: impl Repository) {
    let data = sample_book(10);
    let deleted = data.customers.iter().filter(|c| c.deleted_at.is_some()).count();
    assert_eq!(deleted, 1);
    repo.write(&data.clone().into_changes()).await.unwrap();
    let back = repo.load_customers().await.unwrap();
    assert_eq!(back.iter().filter(|c| c.deleted_at.is_some()).count(), 1);
    assert!(repo.load_activity().await.unwrap().touchpoints.iter().any(|t| t.deleted_at.is_some()));
}

pub async fn one_customers_records_load_through_the_index(repo: impl Repository) {
    let data = sample_book(30);
    repo.write(&data.clone().into_changes()).await.unwrap();
    let book = Book::from_data(data.clone());
    let busiest = book.customers().max_by_key(|c| book.touchpoints_of(c.id).count()).unwrap().id;
    let mine = repo.load_activity_of(busiest).await.unwrap();
    let mut expected: Vec<_> = data.touchpoints.iter().filter(|t| t.customer_id == busiest).cloned().collect();
    let mut got = mine.touchpoints.clone();
    expected.sort_by_key(|t| t.id);
    got.sort_by_key(|t| t.id);
    assert!(!expected.is_empty());
    assert_eq!(got, expected);
    assert!(mine.orders.iter().all(|o| o.customer_id == busiest));
    assert!(mine.phase_changes.iter().all(|o| o.customer_id == busiest));
    assert_eq!(mine.phase_changes.len(), data.phase_changes.iter().filter(|p| p.customer_id == busiest).count());
}

pub async fn replace_all_swaps_the_whole_book(repo: impl Repository) {
    repo.write(&sample_book(20).into_changes()).await.unwrap();
    let mut other = seed::seed_book(5, now(), 99, true);
    other.settings.owner_name = "Sam".into();
    repo.replace_all(&other, None).await.unwrap();
    assert_eq!(stored(&repo).await, sorted(other));
}

pub async fn a_replace_keeps_a_safety_copy_in_the_same_transaction(repo: impl Repository + FaultInjection) {
    let before = sample_book(10);
    repo.write(&before.clone().into_changes()).await.unwrap();
    let safety = Snapshot::of(&before, now(), SnapshotReason::BeforeReplace);
    let incoming = seed::seed_book(4, now(), 77, false);
    // A replace that fails half-way leaves the old book and no safety copy behind.
    let failed = repo.replace_failing_after(&incoming, &safety, incoming.record_count() / 2).await;
    assert!(failed.is_err());
    assert_eq!(stored(&repo).await, sorted(before.clone()));
    assert!(repo.list_snapshots().await.unwrap().is_empty());

    repo.replace_all(&incoming, Some(&safety)).await.unwrap();
    assert_eq!(stored(&repo).await, sorted(incoming.clone()));
    let list = repo.list_snapshots().await.unwrap();
    assert_eq!(list, vec![safety.info.clone()]);
    let text = repo.snapshot_backup(&safety.info.id).await.unwrap().unwrap();
    let restored = crate::backup::read::read_backup(&text).unwrap();
    assert_eq!(sorted(restored.data), sorted(before.clone()));

    // Repeated replaces keep only the newest safety copies, pruned in the same transaction.
    let keep = SnapshotReason::BeforeReplace.keep();
    for i in 0..keep + 1 {
        let copy = Snapshot::of(&before, now() + Duration::hours(i as i64 + 1), SnapshotReason::BeforeReplace);
        repo.replace_all(&incoming, Some(&copy)).await.unwrap();
    }
    assert_eq!(repo.list_snapshots().await.unwrap().len(), keep);
}

pub async fn snapshots_roll_keeping_the_newest(repo: impl Repository) {
    let data = sample_book(3);
    let keep = SnapshotReason::Daily.keep();
    let mut ids = Vec::new();
    for day in 0..keep + 2 {
        let snap = Snapshot::of(&data, now() + Duration::days(day as i64), SnapshotReason::Daily);
        ids.push(snap.info.id.clone());
        repo.put_snapshot(&snap).await.unwrap();
    }
    let safety = Snapshot::of(&data, now(), SnapshotReason::BeforeReplace);
    repo.put_snapshot(&safety).await.unwrap();
    let list = repo.list_snapshots().await.unwrap();
    let daily: Vec<&str> = list.iter().filter(|s| s.reason == SnapshotReason::Daily).map(|s| s.id.as_str()).collect();
    let newest: Vec<&str> = ids.iter().rev().take(keep).map(String::as_str).collect();
    assert_eq!(daily, newest, "the newest daily copies, newest first");
    assert!(list.iter().any(|s| s.id == safety.info.id), "other kinds are not pruned by daily ones");
    assert!(repo.snapshot_backup(&ids[0]).await.unwrap().is_none(), "pruned content is gone too");
    assert_eq!(list[0].customers, data.customers.iter().filter(|c| c.deleted_at.is_none()).count());
}

pub async fn settings_round_trip(repo: impl Repository) {
    let mut s = Settings::new(now());
    s.owner_name = "Sam <b>Meyer</b>".into();
    s.dormancy_days = 200;
    repo.write(&ChangeSet { settings: Some(s.clone()), ..Default::default() }).await.unwrap();
    assert_eq!(repo.load_settings().await.unwrap(), Some(s));
}

pub async fn a_failed_write_leaves_nothing_behind(repo: impl Repository + FaultInjection) {
    let before = sample_book(8);
    repo.write(&before.clone().into_changes()).await.unwrap();
    let mut next = sample_book(12);
    next.settings.owner_name = "changed".into();
    let changes = next.into_changes();
    let total = changes.record_count();
    for puts in [0, 1, total / 2, total - 2] {
        let result = repo.write_failing_after(&changes, puts).await;
        assert!(result.is_err(), "the write failing after {puts} puts must report an error");
        assert_eq!(
            stored(&repo).await,
            sorted(before.clone()),
            "nothing of a failed write may remain (after {puts} puts)"
        );
    }
}

pub async fn a_large_book_is_written_in_one_call(repo: impl Repository) {
    let data = seed::seed_book(600, now(), 5, false);
    let count = data.record_count();
    assert!(count > 5000, "records: {count}");
    repo.write(&data.clone().into_changes()).await.unwrap();
    let back = stored(&repo).await;
    assert_eq!(back.record_count(), count);
    assert_eq!(back, sorted(data));
}

/// Checks the error type's messages read as sentences (used by the UI as is).
pub fn errors_read_as_sentences() {
    let e = StorageError::NewerSchema { found: 3, supported: 2 };
    assert_eq!(
        e.to_string(),
        "the stored data was made by a newer version of Rapport (schema 3, this version knows 2)"
    );
}

/// A logged two-way call with the customer (moves a prospect into Creating trust).
fn a_call(id: crate::domain::CustomerId) -> ops::TouchpointDraft {
    ops::TouchpointDraft {
        customer_id: id,
        at: now(),
        channel: crate::domain::ContactChannel::Phone,
        direction: crate::domain::Direction::Inbound,
        kind: crate::domain::TouchpointKind::Call,
        two_way: true,
        summary: "call".into(),
        sentiment: crate::domain::Sentiment::Neutral,
    }
}

pub async fn a_write_from_a_stale_copy_is_refused_and_writes_nothing(repo: impl Repository) {
    let added = ops::add_customer(&CustomerDraft::named("Ana", AcquisitionChannel::Referral), now()).unwrap();
    let id = added.changes.customers[0].id;
    let mut stale = Book::new(Settings::new(now()));
    stale.apply(added.changes.clone());
    assert_eq!(
        repo.write_checked(&added.changes, &Base::of(&Book::new(Settings::new(now())), &added.changes)).await,
        Ok(())
    );

    // Another tab archives Ana; this tab still holds the copy from before.
    let mut fresh = stale.clone();
    let other = ops::set_archived(&fresh, id, true, now() + Duration::minutes(1)).unwrap();
    repo.write_checked(&other.changes, &Base::of(&fresh, &other.changes)).await.unwrap();
    fresh.apply(other.changes);

    let mine = ops::log_touchpoint(&stale, &a_call(id), now() + Duration::minutes(2)).unwrap();
    assert!(mine.moved.is_some(), "the stale copy would move the customer and overwrite the archive flag");
    assert_eq!(repo.write_checked(&mine.changes, &Base::of(&stale, &mine.changes)).await, Err(StorageError::Conflict));
    let stored = repo.load_customers().await.unwrap();
    assert!(stored[0].archived, "the newer change from the other tab is kept");
    assert!(repo.load_activity().await.unwrap().touchpoints.is_empty(), "nothing of the refused write landed");
    // From the fresh copy the same action goes through.
    let again = ops::log_touchpoint(&fresh, &a_call(id), now() + Duration::minutes(3)).unwrap();
    repo.write_checked(&again.changes, &Base::of(&fresh, &again.changes)).await.unwrap();
    assert!(repo.load_customers().await.unwrap()[0].archived);
}
