//! The app state handle shared through context, and the write-through action runner.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use futures::lock::Mutex;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::errors::{sentence, AppError};
use super::tabs::TabChannel;
use crate::domain::ops::{self, Outcome};
use crate::domain::{Book, BookData, ChangeSet, DomainError, Settings};
use crate::storage::idb::IdbRepository;
use crate::storage::schema::DB_NAME;
use crate::storage::{Base, Repository, Snapshot, SnapshotInfo, SnapshotReason, StorageError};

/// The device clock, read here and passed down: the domain never reads it.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// When the user last opened Rapport before this visit. A visit ends after 30 minutes
/// without opening the app: reloading within a visit keeps the same answer (kept in
/// sessionStorage); localStorage remembers the latest opening for the next visit.
fn take_last_visit() -> Option<DateTime<Utc>> {
    use gloo_storage::{LocalStorage as Local, SessionStorage as Session, Storage};
    const KEY: &str = "rapport.last_visit";
    const BASELINE: &str = "rapport.visit_baseline";
    let parse = |s: String| DateTime::parse_from_rfc3339(&s).ok().map(|t| t.to_utc());
    let at = now();
    let previous = Local::get::<String>(KEY).ok().and_then(parse);
    let same_visit = previous.is_some_and(|p| at - p < chrono::Duration::minutes(30));
    let kept = Session::get::<String>(BASELINE).ok();
    let before = match kept {
        Some(kept) if same_visit => parse(kept),
        _ => {
            let _ = Session::set(BASELINE, previous.map(|t| t.to_rfc3339()).unwrap_or_default());
            previous
        }
    };
    let _ = Local::set(KEY, at.to_rfc3339());
    before
}

/// A performance mark (read by the benchmark; harmless elsewhere). Only the latest
/// mark of each name is kept, so a long session does not collect them.
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        p.clear_marks_with_mark_name(name);
        let _ = p.mark(name);
    }
}

/// Marks the document while a write transaction is open (`<html data-writing>`), so
/// that crash tests can tell whether they interrupted one. Cleared when dropped.
struct Writing;

impl Writing {
    fn start() -> Writing {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-writing", "");
        }
        Writing
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.remove_attribute("data-writing");
        }
    }
}

/// How far opening the book has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    Opening,
    /// Customers are on screen; `loaded` of `total` history records have been read.
    Customers {
        count: usize,
        loaded: usize,
        total: usize,
    },
    Ready,
    /// Opening failed; the sentence says why and what to do. Nothing was changed.
    Failed(String),
}

/// What a banner says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

/// What the latest change to the book was. Views derived from the whole book compare
/// generations: one step further with known records means they can patch.
#[derive(Debug, Clone, Default)]
pub struct Journal {
    pub generation: u64,
    /// The latest change's records; None when the book was replaced or the change was
    /// too large for patching to pay off.
    pub last: Option<Arc<ChangeSet>>,
}

/// Above this many records a change is cheaper to rebuild from than to patch.
const PATCH_LIMIT: usize = 2_000;

impl Journal {
    fn note(&mut self, changes: Option<&ChangeSet>) {
        self.generation += 1;
        self.last = changes.filter(|c| c.record_count() <= PATCH_LIMIT).map(|c| Arc::new(c.clone()));
    }
}

/// The handle every component gets from context. Cheap to copy.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The committed book: changes only after storage committed them.
    pub book: RwSignal<Book>,
    pub load: RwSignal<LoadState>,
    pub notice: RwSignal<Option<Notice>>,
    /// Another tab upgraded the database: this tab must reload.
    pub reload_needed: RwSignal<bool>,
    /// A new version of the app is installed and waiting.
    pub update_ready: RwSignal<bool>,
    pub health: RwSignal<super::pwa::StorageHealth>,
    /// The latest change to the book, for views that patch instead of rebuilding.
    pub journal: StoredValue<Journal>,
    /// When the user opened Rapport before this visit (None on the first visit).
    pub last_visit: Option<DateTime<Utc>>,
    repo: StoredValue<Option<Rc<IdbRepository>>, LocalStorage>,
    lock: StoredValue<Rc<Mutex<()>>, LocalStorage>,
    tabs: StoredValue<Option<Rc<TabChannel>>, LocalStorage>,
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            book: RwSignal::new(Book::new(Settings::new(now()))),
            load: RwSignal::new(LoadState::Opening),
            notice: RwSignal::new(None),
            reload_needed: RwSignal::new(false),
            update_ready: RwSignal::new(false),
            health: RwSignal::new(Default::default()),
            journal: StoredValue::new(Journal::default()),
            last_visit: take_last_visit(),
            repo: StoredValue::new_local(None),
            lock: StoredValue::new_local(Rc::new(Mutex::new(()))),
            tabs: StoredValue::new_local(None),
        }
    }

    /// Replaces the whole book in memory (after loading or a restore).
    fn set_book(&self, book: Book) {
        self.journal.update_value(|j| j.note(None));
        self.book.set(book);
    }

    /// Applies committed records to the book in memory.
    fn apply_to_book(&self, changes: ChangeSet) {
        self.journal.update_value(|j| j.note(Some(&changes)));
        self.book.update(|b| b.apply(changes));
    }

    pub fn info(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { kind: NoticeKind::Info, text: text.into() }));
    }

    pub fn error(&self, error: &AppError) {
        self.notice.set(Some(Notice { kind: NoticeKind::Error, text: sentence(error) }));
    }

    /// Opens the database and loads the book: customers first, then their history.
    pub fn start(self) {
        spawn_local(async move {
            if let Err(e) = self.open_and_load().await {
                self.load.set(LoadState::Failed(sentence(&e)));
            }
        });
        super::pwa::register_service_worker(self.update_ready);
        spawn_local(async move {
            self.health.set(super::pwa::request_persistence_and_estimate().await);
        });
    }

    async fn open_and_load(self) -> Result<(), AppError> {
        let load = self.load;
        let repo = IdbRepository::open(DB_NAME, move || {
            load.set(LoadState::Failed(sentence(&AppError::Storage(StorageError::Blocked))));
        })
        .await?;
        self.load.set(LoadState::Opening);
        let reload = self.reload_needed;
        repo.close_on_version_change(move || reload.set(true))?;
        let repo = Rc::new(repo);
        self.load_from(&repo).await?;
        self.repo.set_value(Some(repo));
        self.load.set(LoadState::Ready);

        let state = self;
        let channel = TabChannel::open(move |message| state.on_other_tab(message));
        self.tabs.set_value(channel.map(Rc::new));

        self.check_dormancy().await;
        if let Err(e) = self.daily_snapshot().await {
            self.error(&e);
        }
        set_interval(move || spawn_local(async move { state.check_dormancy().await }), StdDuration::from_secs(3600));
        Ok(())
    }

    /// Customers first (the list can show them), then their history in batches with
    /// progress, applied to the book once at the end.
    async fn load_from(&self, repo: &IdbRepository) -> Result<(), AppError> {
        mark("rapport:open");
        let settings = repo.load_settings().await?.unwrap_or_else(|| Settings::new(now()));
        let customers = repo.load_customers().await?;
        mark("rapport:customers-read");
        let count = customers.len();
        let mut first = BookData::empty(settings);
        first.customers = customers;
        self.set_book(Book::from_data(first));
        self.load.set(LoadState::Customers { count, loaded: 0, total: 0 });
        mark("rapport:customers-shown");
        let load = self.load;
        let activity = repo
            .load_activity_with_progress(&move |loaded, total| load.set(LoadState::Customers { count, loaded, total }))
            .await?;
        mark("rapport:activity-read");
        self.apply_to_book(activity.into_changes());
        mark("rapport:activity-applied");
        Ok(())
    }

    /// Runs a domain operation on the committed book, writes its records in one
    /// transaction, and only then applies them to memory. Actions run one at a time,
    /// so no action computes from a book another action is about to change.
    pub async fn run(
        &self,
        op: impl FnOnce(&Book, DateTime<Utc>) -> Result<Outcome, DomainError>,
    ) -> Result<Outcome, AppError> {
        let repo = self.ready_repo()?;
        let lock = self.lock.get_value();
        let _turn = lock.lock().await;
        let (outcome, base) = self.book.with_untracked(|b| {
            let outcome = op(b, now())?;
            let base = Base::of(b, &outcome.changes);
            Ok::<_, DomainError>((outcome, base))
        })?;
        if !outcome.changes.is_empty() {
            let writing = Writing::start();
            mark("rapport:write-start");
            let written = repo.write_checked(&outcome.changes, &base).await;
            mark("rapport:write-end");
            drop(writing);
            if let Err(StorageError::Conflict) = written {
                // Another tab was faster and its message has not arrived yet: show its data.
                drop(_turn);
                self.reload_all(repo);
                return Err(AppError::Storage(StorageError::Conflict));
            }
            written?;
            self.committed(outcome.changes.clone());
        }
        Ok(outcome)
    }

    /// Writes a ready-made change set (bulk paths) in one transaction.
    pub async fn write_changes(&self, make: impl FnOnce(&Book, DateTime<Utc>) -> ChangeSet) -> Result<usize, AppError> {
        self.run(|b, now| Ok(Outcome { changes: make(b, now), moved: None })).await.map(|o| o.changes.record_count())
    }

    /// Adds a realistic sample book of `count` customers (marked as sample data) in one
    /// transaction.
    pub async fn add_sample_data(&self, count: usize) -> Result<usize, AppError> {
        let seed = now().timestamp_millis().unsigned_abs();
        self.write_changes(|_, now| {
            let mut changes = crate::domain::seed::seed_book(count, now, seed, true).into_changes();
            // The sample keeps the user's own settings.
            changes.settings = None;
            changes
        })
        .await
    }

    /// Removes every sample customer and everything that belongs to them, in one transaction.
    pub async fn remove_sample_data(&self) -> Result<usize, AppError> {
        self.write_changes(ops::remove_sample_data).await
    }

    /// The backup file of the whole book (name, text), made from the committed book.
    pub fn backup_file(&self) -> (String, String) {
        let at = now();
        let data = self.book.with_untracked(Book::to_data);
        (crate::backup::file_name(at), crate::backup::export(&data, at))
    }

    /// Remembers that a backup was made now (for the reminder).
    pub async fn backup_made(&self) -> Result<(), AppError> {
        self.run(|b, now| {
            let settings = Settings { last_backup_at: Some(now), updated_at: now, ..b.settings.clone() };
            Ok(Outcome { changes: ChangeSet { settings: Some(settings), ..ChangeSet::default() }, moved: None })
        })
        .await
        .map(|_| ())
    }

    /// Replaces the whole book with `incoming`, keeping a safety copy of the current
    /// book in the same transaction.
    pub async fn import_replace(&self, incoming: BookData) -> Result<(), AppError> {
        let repo = self.ready_repo()?;
        let lock = self.lock.get_value();
        let _turn = lock.lock().await;
        let current = self.book.with_untracked(Book::to_data);
        let safety = Snapshot::of(&current, now(), SnapshotReason::BeforeReplace);
        let writing = Writing::start();
        mark("rapport:write-start");
        repo.replace_all(&incoming, Some(&safety)).await?;
        mark("rapport:write-end");
        drop(writing);
        self.set_book(Book::from_data(incoming));
        if let Some(tabs) = self.tabs.get_value() {
            tabs.announce_reload();
        }
        Ok(())
    }

    /// Merges `incoming` into the book (newer record wins) in one transaction.
    pub async fn import_merge(&self, incoming: BookData) -> Result<crate::backup::merge::Preview, AppError> {
        let mut preview = None;
        self.run(|b, now| {
            let (changes, p) = crate::backup::merge::plan_merge(&b.to_data(), &incoming, now);
            preview = Some(p);
            Ok(Outcome { changes, moved: None })
        })
        .await?;
        Ok(preview.unwrap_or_default())
    }

    /// The local snapshots, newest first.
    pub async fn snapshots(&self) -> Result<Vec<SnapshotInfo>, AppError> {
        Ok(self.ready_repo()?.list_snapshots().await?)
    }

    /// The backup text of one snapshot.
    pub async fn snapshot_text(&self, id: &str) -> Result<Option<String>, AppError> {
        Ok(self.ready_repo()?.snapshot_backup(id).await?)
    }

    /// Takes the daily snapshot if the newest one is older than a day.
    async fn daily_snapshot(&self) -> Result<(), AppError> {
        let repo = self.ready_repo()?;
        let at = now();
        let list = repo.list_snapshots().await?;
        let recent =
            list.iter().any(|s| s.reason == SnapshotReason::Daily && at - s.taken_at < chrono::Duration::hours(23));
        let has_data = self.book.with_untracked(|b| b.customer_count() > 0);
        if recent || !has_data {
            return Ok(());
        }
        let lock = self.lock.get_value();
        let _turn = lock.lock().await;
        let data = self.book.with_untracked(Book::to_data);
        repo.put_snapshot(&Snapshot::of(&data, at, SnapshotReason::Daily)).await?;
        Ok(())
    }

    fn ready_repo(&self) -> Result<Rc<IdbRepository>, AppError> {
        match (self.load.get_untracked(), self.repo.get_value()) {
            (LoadState::Ready, Some(repo)) => Ok(repo),
            _ => Err(AppError::NotReady),
        }
    }

    fn committed(&self, changes: ChangeSet) {
        if let Some(tabs) = self.tabs.get_value() {
            tabs.announce(&changes);
        }
        self.apply_to_book(changes);
    }

    async fn check_dormancy(&self) {
        let result = self.run(|b, now| Ok(ops::run_dormancy_check(b, now))).await;
        match result {
            Ok(o) if !o.changes.phase_changes.is_empty() => {
                let n = o.changes.phase_changes.len();
                self.info(crate::i18n::tn("notice.became_former", n));
            }
            Ok(_) | Err(AppError::NotReady) => {}
            Err(e) => self.error(&e),
        }
    }

    /// Reads the whole book again from storage (after a bulk change or a conflict).
    fn reload_all(self, repo: Rc<IdbRepository>) {
        spawn_local(async move {
            let lock = self.lock.get_value();
            let _turn = lock.lock().await;
            if let Err(e) = self.load_from(&repo).await {
                self.error(&e);
            }
            self.load.set(LoadState::Ready);
        });
    }

    /// Another tab committed something: apply it, or reload everything after a bulk change.
    fn on_other_tab(self, message: super::tabs::TabMessage) {
        match message {
            super::tabs::TabMessage::Changes(changes) => self.apply_to_book(changes),
            super::tabs::TabMessage::Reload => {
                if let Some(repo) = self.repo.get_value() {
                    self.reload_all(repo);
                }
            }
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
