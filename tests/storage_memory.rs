//! The storage contract suite against the in-memory repository.

use futures::executor::block_on;
use rapport::storage::contract as c;
use rapport::storage::memory::MemoryRepository;
use rapport::storage::{Repository, StorageError};

fn repo() -> MemoryRepository {
    MemoryRepository::new()
}

#[test]
fn a_fresh_store_is_empty() {
    block_on(c::a_fresh_store_is_empty(repo()));
}

#[test]
fn written_records_load_back_unchanged() {
    block_on(c::written_records_load_back_unchanged(repo()));
}

#[test]
fn a_rewrite_replaces_the_record_with_the_same_id() {
    block_on(c::a_rewrite_replaces_the_record_with_the_same_id(repo()));
}

#[test]
fn tombstones_are_stored_not_dropped() {
    block_on(c::tombstones_are_stored_not_dropped(repo()));
}

#[test]
fn one_customers_records_load_through_the_index() {
    block_on(c::one_customers_records_load_through_the_index(repo()));
}

#[test]
fn replace_all_swaps_the_whole_book() {
    block_on(c::replace_all_swaps_the_whole_book(repo()));
}

#[test]
fn a_replace_keeps_a_safety_copy_in_the_same_transaction() {
    block_on(c::a_replace_keeps_a_safety_copy_in_the_same_transaction(repo()));
}

#[test]
fn snapshots_roll_keeping_the_newest() {
    block_on(c::snapshots_roll_keeping_the_newest(repo()));
}

#[test]
fn settings_round_trip() {
    block_on(c::settings_round_trip(repo()));
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    block_on(c::a_failed_write_leaves_nothing_behind(repo()));
}

#[test]
fn a_large_book_is_written_in_one_call() {
    block_on(c::a_large_book_is_written_in_one_call(repo()));
}

#[test]
fn a_write_from_a_stale_copy_is_refused_and_writes_nothing() {
    block_on(c::a_write_from_a_stale_copy_is_refused_and_writes_nothing(repo()));
}

#[test]
fn errors_read_as_sentences() {
    c::errors_read_as_sentences();
}

#[test]
fn a_full_device_refuses_the_write_and_keeps_what_was_stored() {
    let r = repo();
    let before = c::sample_book(5);
    block_on(r.write(&before.clone().into_changes())).unwrap();
    r.set_quota(Some(before.record_count() + 3));
    let more = c::sample_book(6);
    assert_eq!(block_on(r.write(&more.into_changes())), Err(StorageError::QuotaExceeded));
    assert_eq!(block_on(r.load_customers()).unwrap().len(), before.customers.len());
}
