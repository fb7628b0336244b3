//! The storage contract suite and schema upgrades against real IndexedDB in headless
//! Chromium. Each test uses a database of its own.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use rapport::domain::ops::{self, CustomerDraft};
use rapport::domain::{AcquisitionChannel, ChangeSet, CustomerId, Settings};
use rapport::storage::contract as c;
use rapport::storage::idb::IdbRepository;
use rapport::storage::schema::{self, stores};
use rapport::storage::{Repository, StorageError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_name() -> String {
    format!("rapport-test-{}", CustomerId::random())
}

async fn fresh() -> IdbRepository {
    IdbRepository::open(&fresh_name(), || {}).await.expect("open a fresh database")
}

#[wasm_bindgen_test]
async fn a_fresh_store_is_empty() {
    c::a_fresh_store_is_empty(fresh().await).await;
}

#[wasm_bindgen_test]
async fn written_records_load_back_unchanged() {
    c::written_records_load_back_unchanged(fresh().await).await;
}

#[wasm_bindgen_test]
async fn reading_in_many_small_batches_returns_every_record_once() {
    let repo = fresh().await;
    repo.set_read_batch(7);
    c::written_records_load_back_unchanged(repo).await;
}

#[wasm_bindgen_test]
async fn a_rewrite_replaces_the_record_with_the_same_id() {
    c::a_rewrite_replaces_the_record_with_the_same_id(fresh().await).await;
}

#[wasm_bindgen_test]
async fn tombstones_are_stored_not_dropped() {
    c::tombstones_are_stored_not_dropped(fresh().await).await;
}

#[wasm_bindgen_test]
async fn one_customers_records_load_through_the_index() {
    c::one_customers_records_load_through_the_index(fresh().await).await;
}

#[wasm_bindgen_test]
async fn replace_all_swaps_the_whole_book() {
    c::replace_all_swaps_the_whole_book(fresh().await).await;
}

#[wasm_bindgen_test]
async fn a_replace_keeps_a_safety_copy_in_the_same_transaction() {
    c::a_replace_keeps_a_safety_copy_in_the_same_transaction(fresh().await).await;
}

#[wasm_bindgen_test]
async fn snapshots_roll_keeping_the_newest() {
    c::snapshots_roll_keeping_the_newest(fresh().await).await;
}

#[wasm_bindgen_test]
async fn a_write_from_a_stale_copy_is_refused_and_writes_nothing() {
    c::a_write_from_a_stale_copy_is_refused_and_writes_nothing(fresh().await).await;
}

#[wasm_bindgen_test]
async fn settings_round_trip() {
    c::settings_round_trip(fresh().await).await;
}

#[wasm_bindgen_test]
async fn a_failed_write_leaves_nothing_behind() {
    c::a_failed_write_leaves_nothing_behind(fresh().await).await;
}

#[wasm_bindgen_test]
async fn a_large_book_is_written_in_one_call() {
    c::a_large_book_is_written_in_one_call(fresh().await).await;
}

#[wasm_bindgen_test]
async fn a_fresh_database_is_created_at_the_current_version_with_every_store() {
    let repo = fresh().await;
    assert_eq!(repo.version(), schema::CURRENT_VERSION);
    let mut names = repo.store_names();
    names.sort();
    let mut expected: Vec<String> = stores::ALL.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(names, expected);
}

#[wasm_bindgen_test]
async fn a_version_1_database_with_data_is_upgraded_in_place() {
    let name = fresh_name();
    let now = chrono::DateTime::parse_from_rfc3339("2026-02-01T10:00:00Z").unwrap().to_utc();
    let v1 = IdbRepository::open_at(&name, 1, || {}).await.unwrap();
    assert_eq!(v1.version(), 1);
    assert_eq!(v1.store_names().len(), 2);
    let added = ops::add_customer(&CustomerDraft::named("Old Customer", AcquisitionChannel::Event), now).unwrap();
    let mut settings = Settings::new(now);
    settings.owner_name = "Kept".into();
    // Version 1 only knows customers and settings.
    let v1_changes = ChangeSet {
        customers: added.changes.customers.clone(),
        settings: Some(settings.clone()),
        ..Default::default()
    };
    v1.write(&v1_changes).await.unwrap();
    v1.close();

    let v2 = IdbRepository::open(&name, || {}).await.unwrap();
    assert_eq!(v2.version(), schema::CURRENT_VERSION);
    assert_eq!(v2.load_customers().await.unwrap(), added.changes.customers);
    assert_eq!(v2.load_settings().await.unwrap(), Some(settings));
    // The new stores work.
    let data = c::sample_book(5);
    v2.write(&data.clone().into_changes()).await.unwrap();
    assert_eq!(v2.load_activity().await.unwrap().touchpoints.len(), data.touchpoints.len());
}

#[wasm_bindgen_test]
async fn a_database_newer_than_the_code_is_refused_and_left_untouched() {
    use indexed_db_futures::database::Database;
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    use indexed_db_futures::KeyPath;
    use wasm_bindgen::JsValue;

    let name = fresh_name();
    // A future Rapport (schema 9) left a record in a store this code does not know.
    let future = Database::open(name.as_str())
        .with_version(9u32)
        .with_on_upgrade_needed(|_, db| {
            db.create_object_store("from_the_future").with_key_path(KeyPath::One("id")).build()?;
            Ok(())
        })
        .await
        .unwrap();
    let tx = future.transaction("from_the_future").with_mode(TransactionMode::Readwrite).build().unwrap();
    let record = js_sys::JSON::parse(r#"{"id":"keep-me","value":42}"#).unwrap();
    tx.object_store("from_the_future").unwrap().put(record).primitive().unwrap();
    tx.commit().await.unwrap();
    future.close();

    let refused = IdbRepository::open(&name, || {}).await;
    assert_eq!(refused.err(), Some(StorageError::NewerSchema { found: 9, supported: schema::CURRENT_VERSION }));

    let again = Database::open(name.as_str()).await.unwrap();
    assert_eq!(again.version() as u32, 9);
    let tx = again.transaction("from_the_future").build().unwrap();
    let kept = tx.object_store("from_the_future").unwrap().get_all::<JsValue>().primitive().unwrap().await.unwrap();
    assert_eq!(kept.count(), 1, "the newer database's data must be left as it was");
}

#[wasm_bindgen_test]
async fn an_upgrade_blocked_by_another_connection_is_reported_then_completes() {
    let name = fresh_name();
    let old = IdbRepository::open_at(&name, 1, || {}).await.unwrap();
    let closed_by_request = Rc::new(Cell::new(false));
    let flag = closed_by_request.clone();
    // The old connection closes itself when asked, as every Rapport tab does.
    old.close_on_version_change(move || flag.set(true)).unwrap();
    let newer = IdbRepository::open(&name, || {}).await.unwrap();
    assert_eq!(newer.version(), schema::CURRENT_VERSION);
    assert!(closed_by_request.get(), "the old tab was told to reload");

    // A connection that does not close (an old tab without the listener) blocks: the
    // blocked callback fires, and the open completes once that connection goes away.
    let name2 = fresh_name();
    let stubborn = IdbRepository::open_at(&name2, 1, || {}).await.unwrap();
    let blocked = Rc::new(Cell::new(false));
    let seen = blocked.clone();
    let opening = IdbRepository::open(&name2, move || seen.set(true));
    let closer = async move {
        // Give the open request time to hit the old connection, then let go.
        gloo_timers_sleep(200).await;
        stubborn.close();
    };
    let (opened, ()) = futures::join!(opening, closer);
    assert!(blocked.get(), "the blocked event was reported");
    assert_eq!(opened.unwrap().version(), schema::CURRENT_VERSION);
}

async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().unwrap();
        window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
