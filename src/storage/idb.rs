//! The IndexedDB repository (browser only): schema upgrades one version at a time,
//! one explicitly committed transaction per write, bulk reads with `getAll`.
//!
//! Records cross the wasm boundary as one JSON text per batch (`JSON.parse` on the
//! way in, `JSON.stringify` of the `getAll` array on the way out): far cheaper than
//! converting every field of every record through wasm-bindgen.

use indexed_db_futures::database::Database;
use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyPath;
use js_sys::{Array, JSON};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::schema::{self, stores, SchemaOp, BY_CUSTOMER, KEY_PATH, SETTINGS_KEY};
use super::{Activity, Base, FaultInjection, Repository, Snapshot, SnapshotInfo, StorageError};
use crate::domain::{BookData, ChangeSet, Customer, CustomerId, Settings};

/// The settings row: the settings plus the fixed key the store is keyed by.
#[derive(Serialize, Deserialize)]
struct SettingsRow {
    id: String,
    #[serde(flatten)]
    settings: Settings,
}

/// A connection to one Rapport database.
pub struct IdbRepository {
    db: Database,
    read_batch: std::cell::Cell<u32>,
}

fn dom_name(e: &DomException) -> String {
    let raw: &web_sys::DomException = e.as_ref().unchecked_ref();
    raw.name()
}

/// Turns a driver error into a storage error the UI can explain.
fn classify(e: IdbError) -> StorageError {
    match &e {
        IdbError::DomException(d) if dom_name(d) == "QuotaExceededError" => StorageError::QuotaExceeded,
        IdbError::DomException(d) => StorageError::Failed(format!("{}: {}", dom_name(d), d.message())),
        other => StorageError::Failed(other.to_string()),
    }
}

fn js_failure(e: JsValue) -> StorageError {
    StorageError::Failed(e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

fn apply_step(db: &Database, ops: &[SchemaOp]) -> Result<(), IdbError> {
    let mut created = Vec::new();
    for op in ops {
        match *op {
            SchemaOp::CreateStore(name) => {
                let store = db.create_object_store(name).with_key_path(KeyPath::One(KEY_PATH)).build()?;
                created.push((name, store));
            }
            SchemaOp::CreateIndex { store, name, key_path } => {
                let Some((_, target)) = created.iter().find(|(n, _)| *n == store) else {
                    return Err(
                        JsValue::from_str(&format!("schema step indexes store {store} it did not create")).into()
                    );
                };
                target.create_index(name, KeyPath::One(key_path)).build()?;
            }
        }
    }
    Ok(())
}

impl IdbRepository {
    /// Opens (creating or upgrading) the database `name` at the current schema version.
    /// `on_blocked` runs if another tab keeps an older connection open.
    pub async fn open(name: &str, on_blocked: impl Fn() + 'static) -> Result<Self, StorageError> {
        Self::open_at(name, schema::CURRENT_VERSION, on_blocked).await
    }

    /// Opens at a given schema version (tests create older databases this way).
    pub async fn open_at(name: &str, version: u32, on_blocked: impl Fn() + 'static) -> Result<Self, StorageError> {
        let opened = Database::open(name)
            .with_version(version)
            .with_on_blocked(move |_| {
                on_blocked();
                Ok(())
            })
            .with_on_upgrade_needed(move |event, db| {
                let old = event.old_version() as u32;
                let new = event.new_version().map_or(version, |v| v as u32);
                let steps = schema::plan(old, new).map_err(|e| IdbError::from(JsValue::from_str(&e.to_string())))?;
                for (_, ops) in steps {
                    apply_step(&db, ops)?;
                }
                Ok(())
            })
            .await;
        match opened {
            Ok(db) => Ok(IdbRepository { db, read_batch: std::cell::Cell::new(READ_BATCH) }),
            Err(OpenDbError::Base(IdbError::DomException(d))) if dom_name(&d) == "VersionError" => {
                let found = Self::stored_version(name).await.unwrap_or(version + 1);
                Err(StorageError::NewerSchema { found, supported: version })
            }
            Err(OpenDbError::Base(e)) => Err(classify(e)),
            Err(other) => Err(StorageError::Unavailable(other.to_string())),
        }
    }

    /// The version of the stored database, read without upgrading or changing it.
    async fn stored_version(name: &str) -> Result<u32, StorageError> {
        let db = Database::open(name).await.map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let v = db.version() as u32;
        db.close();
        Ok(v)
    }

    /// Sets how many records one `getAll` batch reads (tests use tiny batches).
    pub fn set_read_batch(&self, records: u32) {
        self.read_batch.set(records.max(1));
    }

    /// The schema version of this connection.
    pub fn version(&self) -> u32 {
        self.db.version() as u32
    }

    /// Names of the object stores present (for upgrade tests).
    pub fn store_names(&self) -> Vec<String> {
        self.db.object_store_names().collect()
    }

    /// Calls `on_change` once when another tab upgrades the schema; the connection is
    /// closed first so that the upgrade is not blocked by this tab.
    pub fn close_on_version_change(&self, on_change: impl FnOnce() + 'static) -> Result<(), StorageError> {
        let mut listener = self.db.version_changes().map_err(classify)?;
        wasm_bindgen_futures::spawn_local(async move {
            if listener.recv().await.is_some() {
                listener.db().clone().close();
                on_change();
            }
        });
        Ok(())
    }

    /// Closes the connection.
    pub fn close(self) {
        self.db.close();
    }

    async fn get_all<T: DeserializeOwned>(&self, store: &'static str) -> Result<Vec<T>, StorageError> {
        self.get_all_batched(store, &mut |_| {}).await
    }

    /// Reads a whole store in key-range batches, one short transaction each, yielding to
    /// the event loop between batches so input stays responsive. `progress` gets the
    /// number of records read after each batch.
    async fn get_all_batched<T: DeserializeOwned>(
        &self,
        store: &'static str,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Vec<T>, StorageError> {
        let batch_size = self.read_batch.get();
        let mut out: Vec<T> = Vec::new();
        let mut after: Option<JsValue> = None;
        loop {
            let tx = self.db.transaction(store).build().map_err(classify)?;
            let os = tx.object_store(store).map_err(classify)?;
            let raw: &web_sys::IdbObjectStore = os.as_sys();
            let request = match &after {
                None => raw.get_all_with_key_and_limit(&JsValue::UNDEFINED, batch_size),
                Some(key) => {
                    let range = web_sys::IdbKeyRange::lower_bound_with_open(key, true).map_err(js_failure)?;
                    raw.get_all_with_key_and_limit(&range, batch_size)
                }
            }
            .map_err(js_failure)?;
            let array: Array = request_result(&request).await?.unchecked_into();
            let n = array.length();
            if n == 0 {
                break;
            }
            after = Some(js_sys::Reflect::get(&array.get(n - 1), &JsValue::from_str(KEY_PATH)).map_err(js_failure)?);
            let text: String = JSON::stringify(&array).map_err(js_failure)?.into();
            let batch: Vec<T> =
                serde_json::from_str(&text).map_err(|e| StorageError::Corrupt { store, detail: e.to_string() })?;
            out.extend(batch);
            progress(out.len());
            if n < batch_size {
                break;
            }
            yield_to_browser().await;
        }
        Ok(out)
    }

    /// Every activity record, read in batches; `progress(read, total)` after each batch.
    pub async fn load_activity_with_progress(&self, progress: &dyn Fn(usize, usize)) -> Result<Activity, StorageError> {
        let mut total = 0;
        for store in stores::ACTIVITY {
            total += self.count(store).await?;
        }
        let mut done = 0;
        let mut report = |store_done: usize| progress(done + store_done, total);
        let touchpoints = self.get_all_batched(stores::TOUCHPOINTS, &mut report).await?;
        done += touchpoints.len();
        let mut report = |store_done: usize| progress(done + store_done, total);
        let orders = self.get_all_batched(stores::ORDERS, &mut report).await?;
        done += orders.len();
        let mut report = |store_done: usize| progress(done + store_done, total);
        let concerns = self.get_all_batched(stores::CONCERNS, &mut report).await?;
        done += concerns.len();
        let mut report = |store_done: usize| progress(done + store_done, total);
        let follow_ups = self.get_all_batched(stores::FOLLOW_UPS, &mut report).await?;
        done += follow_ups.len();
        let mut report = |store_done: usize| progress(done + store_done, total);
        let phase_changes = self.get_all_batched(stores::PHASE_CHANGES, &mut report).await?;
        Ok(Activity { touchpoints, orders, concerns, follow_ups, phase_changes })
    }

    async fn count(&self, store: &'static str) -> Result<usize, StorageError> {
        let tx = self.db.transaction(store).build().map_err(classify)?;
        let os = tx.object_store(store).map_err(classify)?;
        let raw: &web_sys::IdbObjectStore = os.as_sys();
        let request = raw.count().map_err(js_failure)?;
        Ok(request_result(&request).await?.as_f64().unwrap_or(0.0) as usize)
    }

    async fn get_all_of<T: DeserializeOwned>(
        &self,
        store: &'static str,
        customer: &str,
    ) -> Result<Vec<T>, StorageError> {
        let tx = self.db.transaction(store).build().map_err(classify)?;
        let os = tx.object_store(store).map_err(classify)?;
        let index = os.index(BY_CUSTOMER).map_err(classify)?;
        let values = index
            .get_all::<JsValue>()
            .with_query::<String, _>(customer.to_string())
            .primitive()
            .map_err(classify)?
            .await
            .map_err(classify)?;
        decode_values(store, values)
    }

    /// Writes a change set in one readwrite transaction. With `clear`, every store is
    /// emptied first (in the same transaction). With `fail_after`, the transaction is
    /// made to fail after that many puts (test support).
    async fn write_all(
        &self,
        changes: &ChangeSet,
        clear: bool,
        safety: Option<&Snapshot>,
        fail_after: Option<usize>,
    ) -> Result<(), StorageError> {
        self.write_all_checked(changes, clear, safety, fail_after, &[]).await
    }

    async fn write_all_checked(
        &self,
        changes: &ChangeSet,
        clear: bool,
        safety: Option<&Snapshot>,
        fail_after: Option<usize>,
        base: &[Base],
    ) -> Result<(), StorageError> {
        let mut scope = if clear { stores::BOOK.to_vec() } else { touched_stores(changes) };
        if safety.is_some() {
            scope.extend([stores::SNAPSHOTS, stores::SNAPSHOT_DATA]);
        }
        if scope.is_empty() {
            return Ok(());
        }
        let tx = self.db.transaction(scope).with_mode(TransactionMode::Readwrite).build().map_err(classify)?;
        let raw: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        // Optimistic concurrency: every record must still be at the version this tab read
        // (and a record this tab creates must not exist yet). All reads are issued at
        // once and checked afterwards: one wait instead of one per record.
        let mut reads = Vec::with_capacity(base.len());
        for b in base {
            let os = tx.object_store(b.store).map_err(classify)?;
            reads.push((watch(&os.as_sys().get(&JsValue::from_str(&b.id)).map_err(js_failure)?), b));
        }
        for (read, b) in reads {
            let stored = settled(read.await)?;
            let stored_at =
                js_sys::Reflect::get(&stored, &JsValue::from_str("updated_at")).ok().and_then(|v| v.as_string());
            let expected =
                b.updated_at.and_then(|at| serde_json::to_value(at).ok()).and_then(|v| v.as_str().map(str::to_string));
            if (stored.is_undefined() && b.updated_at.is_some()) || (!stored.is_undefined() && stored_at != expected) {
                return Err(StorageError::Conflict);
            }
        }
        let mut budget = fail_after;
        if let Some(snapshot) = safety {
            put_snapshot_rows(&tx, snapshot)?;
            prune_snapshots(&tx, snapshot).await?;
        }
        if clear {
            for name in stores::BOOK {
                tx.object_store(name).map_err(classify)?.clear().map_err(classify)?;
            }
        }
        put_json(&tx, stores::CUSTOMERS, &changes.customers, &mut budget)?;
        put_json(&tx, stores::TOUCHPOINTS, &changes.touchpoints, &mut budget)?;
        put_json(&tx, stores::ORDERS, &changes.orders, &mut budget)?;
        put_json(&tx, stores::CONCERNS, &changes.concerns, &mut budget)?;
        put_json(&tx, stores::FOLLOW_UPS, &changes.follow_ups, &mut budget)?;
        put_json(&tx, stores::PHASE_CHANGES, &changes.phase_changes, &mut budget)?;
        if let Some(settings) = &changes.settings {
            let row = SettingsRow { id: SETTINGS_KEY.to_string(), settings: settings.clone() };
            put_json(&tx, stores::SETTINGS, std::slice::from_ref(&row), &mut budget)?;
        }
        // Until this commit, nothing is visible; on any error above, dropping `tx` rolls it back.
        match tx.commit().await {
            Ok(()) => Ok(()),
            Err(e) => Err(match raw.error() {
                Some(cause) if cause.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
                Some(cause) => StorageError::Failed(format!("{}: {}", cause.name(), cause.message())),
                None => classify(e),
            }),
        }
    }
}

/// Records per `getAll` batch when reading a whole store (by default).
const READ_BATCH: u32 = 20_000;

/// Waits for an IndexedDB request to finish.
async fn request_result(request: &web_sys::IdbRequest) -> Result<JsValue, StorageError> {
    settled(watch(request).await)
}

/// Starts watching a request at once (not when first polled), so that many requests
/// can be issued together and awaited afterwards.
fn watch(request: &web_sys::IdbRequest) -> wasm_bindgen_futures::JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = request.clone();
        let on_success = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = request.clone();
        let on_error = wasm_bindgen::closure::Closure::once_into_js(move || {
            let error = failed.error().ok().flatten().map_or(JsValue::UNDEFINED, JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    wasm_bindgen_futures::JsFuture::from(promise)
}

/// A finished request's value, or its error as a storage error.
fn settled(outcome: Result<JsValue, JsValue>) -> Result<JsValue, StorageError> {
    outcome.map_err(|e| match e.dyn_into::<web_sys::DomException>() {
        Ok(d) if d.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
        Ok(d) => StorageError::Failed(format!("{}: {}", d.name(), d.message())),
        Err(other) => js_failure(other),
    })
}

/// Lets the browser handle input and paint before the next batch.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The stores a change set writes to: the transaction locks only those.
fn touched_stores(changes: &ChangeSet) -> Vec<&'static str> {
    [
        (stores::CUSTOMERS, changes.customers.is_empty()),
        (stores::TOUCHPOINTS, changes.touchpoints.is_empty()),
        (stores::ORDERS, changes.orders.is_empty()),
        (stores::CONCERNS, changes.concerns.is_empty()),
        (stores::FOLLOW_UPS, changes.follow_ups.is_empty()),
        (stores::PHASE_CHANGES, changes.phase_changes.is_empty()),
        (stores::SETTINGS, changes.settings.is_none()),
    ]
    .into_iter()
    .filter(|(_, empty)| !empty)
    .map(|(name, _)| name)
    .collect()
}

fn decode_values<T: DeserializeOwned>(
    store: &'static str,
    values: impl Iterator<Item = Result<JsValue, IdbError>>,
) -> Result<Vec<T>, StorageError> {
    let array = Array::new();
    for v in values {
        array.push(&v.map_err(classify)?);
    }
    let text: String = JSON::stringify(&array).map_err(js_failure)?.into();
    serde_json::from_str(&text).map_err(|e| StorageError::Corrupt { store, detail: e.to_string() })
}

/// Puts a snapshot's listing row and its content row.
fn put_snapshot_rows(tx: &Transaction<'_>, snapshot: &Snapshot) -> Result<(), StorageError> {
    #[derive(Serialize)]
    struct Content<'a> {
        id: &'a str,
        backup: &'a str,
    }
    put_json(tx, stores::SNAPSHOTS, std::slice::from_ref(&snapshot.info), &mut None)?;
    let row = Content { id: &snapshot.info.id, backup: &snapshot.backup };
    put_json(tx, stores::SNAPSHOT_DATA, std::slice::from_ref(&row), &mut None)
}

/// Deletes the oldest snapshots of `snapshot`'s kind beyond what is kept, inside `tx`.
async fn prune_snapshots(tx: &Transaction<'_>, snapshot: &Snapshot) -> Result<(), StorageError> {
    let infos = tx.object_store(stores::SNAPSHOTS).map_err(classify)?;
    let all = request_result(&infos.as_sys().get_all().map_err(js_failure)?).await?;
    let text: String = JSON::stringify(&all).map_err(js_failure)?.into();
    let mut same: Vec<SnapshotInfo> = serde_json::from_str::<Vec<SnapshotInfo>>(&text)
        .map_err(|e| StorageError::Corrupt { store: stores::SNAPSHOTS, detail: e.to_string() })?
        .into_iter()
        .filter(|i| i.reason == snapshot.info.reason)
        .collect();
    same.sort_by_key(|i| std::cmp::Reverse(i.taken_at));
    let contents = tx.object_store(stores::SNAPSHOT_DATA).map_err(classify)?;
    for old in same.into_iter().skip(snapshot.info.reason.keep()) {
        let key = JsValue::from_str(&old.id);
        infos.as_sys().delete(&key).map_err(js_failure)?;
        contents.as_sys().delete(&key).map_err(js_failure)?;
    }
    Ok(())
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "export function put_batch(store, text) { \
    const records = JSON.parse(text); \
    for (let i = 0; i < records.length; i++) store.put(records[i]); \
}")]
extern "C" {
    /// Parses a JSON array and puts every element into `store` (requests run in the
    /// store's transaction; a failing one aborts it, as with puts made from Rust).
    #[wasm_bindgen(catch)]
    fn put_batch(store: &web_sys::IdbObjectStore, text: &str) -> Result<(), JsValue>;
}

/// Records per `JSON.parse` batch: bounds the size of the text crossing into JavaScript
/// at once without adding transactions.
const PUT_BATCH: usize = 5_000;

fn put_json<T: Serialize>(
    tx: &Transaction<'_>,
    store: &str,
    records: &[T],
    budget: &mut Option<usize>,
) -> Result<(), StorageError> {
    if records.is_empty() {
        return Ok(());
    }
    let os = tx.object_store(store).map_err(classify)?;
    for batch in records.chunks(PUT_BATCH) {
        let text = serde_json::to_string(batch).map_err(|e| StorageError::Failed(e.to_string()))?;
        if budget.is_none() {
            // The common path: parse and put the whole batch on the JavaScript side,
            // one call across the boundary instead of two per record.
            put_batch(os.as_sys(), &text).map_err(js_failure)?;
            continue;
        }
        let array: Array = JSON::parse(&text).map_err(js_failure)?.unchecked_into();
        for value in array.iter() {
            if let Some(left) = budget {
                if *left == 0 {
                    // A value without the key path is refused by the browser mid-transaction.
                    os.put(JsValue::from(js_sys::Object::new())).primitive().map_err(classify)?;
                    return Err(StorageError::Failed("simulated failure in the middle of a write".into()));
                }
                *left -= 1;
            }
            // The request runs whether or not its future is awaited; an error aborts the transaction.
            os.put(value).primitive().map_err(classify)?;
        }
    }
    Ok(())
}

impl Repository for IdbRepository {
    async fn load_settings(&self) -> Result<Option<Settings>, StorageError> {
        let rows: Vec<SettingsRow> = self.get_all(stores::SETTINGS).await?;
        Ok(rows.into_iter().find(|r| r.id == SETTINGS_KEY).map(|r| r.settings))
    }

    async fn load_customers(&self) -> Result<Vec<Customer>, StorageError> {
        self.get_all(stores::CUSTOMERS).await
    }

    async fn load_activity(&self) -> Result<Activity, StorageError> {
        self.load_activity_with_progress(&|_, _| {}).await
    }

    async fn load_activity_of(&self, customer: CustomerId) -> Result<Activity, StorageError> {
        let id = customer.to_string();
        Ok(Activity {
            touchpoints: self.get_all_of(stores::TOUCHPOINTS, &id).await?,
            orders: self.get_all_of(stores::ORDERS, &id).await?,
            concerns: self.get_all_of(stores::CONCERNS, &id).await?,
            follow_ups: self.get_all_of(stores::FOLLOW_UPS, &id).await?,
            phase_changes: self.get_all_of(stores::PHASE_CHANGES, &id).await?,
        })
    }

    async fn write(&self, changes: &ChangeSet) -> Result<(), StorageError> {
        self.write_all(changes, false, None, None).await
    }

    async fn write_checked(&self, changes: &ChangeSet, base: &[Base]) -> Result<(), StorageError> {
        self.write_all_checked(changes, false, None, None, base).await
    }

    async fn replace_all(&self, data: &BookData, safety: Option<&Snapshot>) -> Result<(), StorageError> {
        self.write_all(&data.clone().into_changes(), true, safety, None).await
    }

    async fn put_snapshot(&self, snapshot: &Snapshot) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction([stores::SNAPSHOTS, stores::SNAPSHOT_DATA])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(classify)?;
        let raw_tx: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        put_snapshot_rows(&tx, snapshot)?;
        prune_snapshots(&tx, snapshot).await?;
        tx.commit().await.map_err(|e| match raw_tx.error() {
            Some(cause) if cause.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
            _ => classify(e),
        })
    }

    async fn list_snapshots(&self) -> Result<Vec<SnapshotInfo>, StorageError> {
        let mut list: Vec<SnapshotInfo> = self.get_all(stores::SNAPSHOTS).await?;
        list.sort_by_key(|i| std::cmp::Reverse(i.taken_at));
        Ok(list)
    }

    async fn snapshot_backup(&self, id: &str) -> Result<Option<String>, StorageError> {
        let tx = self.db.transaction(stores::SNAPSHOT_DATA).build().map_err(classify)?;
        let os = tx.object_store(stores::SNAPSHOT_DATA).map_err(classify)?;
        let row = request_result(&os.as_sys().get(&JsValue::from_str(id)).map_err(js_failure)?).await?;
        if row.is_undefined() || row.is_null() {
            return Ok(None);
        }
        Ok(js_sys::Reflect::get(&row, &JsValue::from_str("backup")).ok().and_then(|v| v.as_string()))
    }
}

impl FaultInjection for IdbRepository {
    async fn write_failing_after(&self, changes: &ChangeSet, puts: usize) -> Result<(), StorageError> {
        self.write_all(changes, false, None, Some(puts)).await
    }

    async fn replace_failing_after(&self, data: &BookData, safety: &Snapshot, puts: usize) -> Result<(), StorageError> {
        self.write_all(&data.clone().into_changes(), true, Some(safety), Some(puts)).await
    }
}
