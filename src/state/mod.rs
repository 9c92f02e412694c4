//! The live data the views read, provided once through context, and the only place that calls
//! storage. Every user action is one method here: it asks the domain for the new value, saves it,
//! and only then updates the signals, so the screen never shows something that is not stored.
//!
//! `data_safety.rs` holds the commands about the data as a whole (backup, restore, damaged
//! records, storage usage and persistence).
pub mod charter;
mod data_safety;
pub mod download;
mod error;
pub mod exit;
pub mod intake;
pub mod links;
pub mod persistence;
pub mod service_desk;
pub mod share;
pub mod steering;
pub mod sync;
pub mod triage;
pub mod warnings;
pub mod withdrawal;
pub mod workshop;
pub mod zone;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::engagement::list_order;
use crate::domain::{Engagement, EngagementDetails, EngagementId};
use crate::storage::local::LocalStore;
use crate::storage::meta::{Meta, META_KEY};
use crate::storage::repository::KEY_PREFIX;
use crate::storage::{
    Base, EngagementRepository, Record, SaveError, Saved, StorageError, UnreadableRecord,
};
pub use data_safety::{
    AlreadyHere, DamagedRecord, RestorePreview, RestoreRow, StorageUse, CAPACITY_CHARS,
    MAX_BACKUP_BYTES,
};
pub use error::{CommandError, Problem, APPROVAL_FIELDS};
pub use persistence::Persistence;

/// An engagement as this browser holds it: what the views show, with the revision an edit
/// starts from (how a save notices another tab's newer one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedEngagement {
    pub engagement: Engagement,
    /// Counts saves of this engagement.
    pub revision: u64,
    pub saved_at: DateTime<Utc>,
}

impl From<Record> for SavedEngagement {
    fn from(record: Record) -> Self {
        Self {
            engagement: record.engagement,
            revision: record.revision,
            saved_at: record.saved_at,
        }
    }
}

/// A short message at the bottom of the screen, optionally with an undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// Distinguishes toasts, so that a timer only dismisses the toast it was started for.
    pub serial: u64,
    pub message: String,
    pub undo: Option<Undo>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// Put back a deleted engagement exactly as it was.
    Delete(Box<Record>),
    /// Put back what a restore (or a link's save) replaced, and remove what it added: each
    /// written record with what it replaced. `anyway`: the user was told that one of them
    /// changed since (another tab, team sync) and chose to undo all the same.
    Restore {
        done: Vec<(Record, Option<Record>)>,
        anyway: bool,
    },
}

impl Undo {
    /// The toast button's words.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Restore { anyway: true, .. } => "Undo anyway",
            _ => "Undo",
        }
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// Readable engagements in list order.
    pub engagements: RwSignal<Vec<SavedEngagement>>,
    /// Stored records that could not be read: shown, offered for download, never overwritten.
    unreadable: RwSignal<Vec<UnreadableRecord>>,
    /// Set when storage cannot be used at all (blocked, private mode).
    pub storage_unavailable: RwSignal<Option<StorageError>>,
    /// Set when the last save failed for lack of space (or a similar storage failure), cleared
    /// by the next save that works.
    pub save_failure: RwSignal<Option<StorageError>>,
    pub meta: RwSignal<Meta>,
    /// Characters Handrail keeps in localStorage.
    pub used_chars: RwSignal<usize>,
    pub persistence: RwSignal<Persistence>,
    pub toast: RwSignal<Option<Toast>>,
    /// The engagements that sync with a team database, with where that stands.
    pub sync: RwSignal<std::collections::BTreeMap<EngagementId, sync::Connection>>,
    /// Clocks at risk or breached in the engagements that warn in this browser.
    pub attention: RwSignal<Vec<warnings::Attention>>,
    /// The engagements that warn before a breach in this browser.
    pub warning_on: RwSignal<Vec<EngagementId>>,
}

pub(crate) fn repository() -> Result<EngagementRepository<LocalStore>, StorageError> {
    LocalStore::open().map(EngagementRepository::new)
}

/// The name of the first engagement a restore wrote that storage no longer holds as written
/// (saved again since, or removed): undoing would throw that later work away too.
fn changed_since(done: &[(Record, Option<Record>)]) -> Option<String> {
    let repo = repository().ok()?;
    done.iter()
        .find(|(written, _)| {
            repo.stored_revision(&written.engagement.id).ok().flatten() != Some(written.revision)
        })
        .map(|(written, _)| written.engagement.name().to_owned())
}

fn random_id() -> EngagementId {
    EngagementId::from_random_bytes(crate::web_crypto::id_bytes())
}

impl AppState {
    /// Loads everything from storage and starts listening for other tabs' changes.
    pub fn provide() -> Self {
        let state = Self {
            engagements: RwSignal::new(Vec::new()),
            unreadable: RwSignal::new(Vec::new()),
            storage_unavailable: RwSignal::new(None),
            save_failure: RwSignal::new(None),
            meta: RwSignal::new(Meta::default()),
            used_chars: RwSignal::new(0),
            persistence: RwSignal::new(Persistence::Unknown),
            toast: RwSignal::new(None),
            sync: RwSignal::new(Default::default()),
            attention: RwSignal::new(Vec::new()),
            warning_on: RwSignal::new(Vec::new()),
        };
        state.reload();
        state.start_sync();
        state.start_warnings();
        // The `storage` event fires in every *other* tab of this origin after a write; reloading
        // there is what keeps an older tab from working on (and saving over) stale data. Issue
        // records are not listened to: every save writes its engagement's head last, so the
        // head's event comes after them and one reload sees the whole save.
        let handle = window_event_listener(leptos::ev::storage, move |event| {
            let ours = event
                .key()
                .is_none_or(|key| key.starts_with(KEY_PREFIX) || key == META_KEY);
            if ours {
                state.reload();
                // The tab that syncs sends what another tab saved.
                sync::poke_all();
            }
        });
        on_cleanup(move || handle.remove());
        persistence::check(state.persistence);
        provide_context(state);
        state
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Re-reads every engagement from storage.
    pub fn reload(&self) {
        match repository().and_then(|repo| {
            let loaded = repo.load_all()?;
            Ok((loaded, Meta::load(repo.store()), repo.used_chars()?))
        }) {
            Ok((mut loaded, meta, used)) => {
                loaded
                    .records
                    .sort_by(|a, b| list_order(&a.engagement, &b.engagement));
                self.engagements
                    .set(loaded.records.into_iter().map(Into::into).collect());
                self.unreadable.set(loaded.unreadable);
                self.meta.set(meta);
                self.used_chars.set(used);
                self.storage_unavailable.set(None);
            }
            Err(error) => self.storage_unavailable.set(Some(error)),
        }
    }

    pub fn find(&self, id: &EngagementId) -> Option<SavedEngagement> {
        self.engagements
            .with(|list| list.iter().find(|r| &r.engagement.id == id).cloned())
    }

    /// The engagement as held now, without subscribing the caller to every change of every
    /// engagement (for commands, the sync loop, and pages that track a cheaper key).
    pub fn find_untracked(&self, id: &EngagementId) -> Option<SavedEngagement> {
        self.engagements
            .with_untracked(|list| list.iter().find(|r| &r.engagement.id == id).cloned())
    }

    /// Names of every engagement but `except`, for the duplicate-name rule.
    pub fn other_names(&self, except: Option<&EngagementId>) -> Vec<String> {
        self.engagements.with(|list| {
            list.iter()
                .filter(|r| Some(&r.engagement.id) != except)
                .map(|r| r.engagement.details.name.clone())
                .collect()
        })
    }

    /// Like [`Self::note`] for a save that says how much it grew storage: the usage figure
    /// moves by that much instead of being recounted over every stored record.
    fn note_saved(&self, result: Result<Saved, SaveError>) -> Result<Saved, SaveError> {
        match &result {
            Ok(saved) => {
                self.save_failure.set(None);
                self.used_chars
                    .update(|used| *used = used.saturating_add_signed(saved.chars_delta));
            }
            Err(SaveError::Storage(error)) => self.save_failure.set(Some(error.clone())),
            Err(_) => {}
        }
        result
    }

    fn put(&self, record: Record) {
        sync::poke(&record.engagement.id, record.revision);
        let record = SavedEngagement::from(record);
        self.engagements.update(|list| {
            list.retain(|r| r.engagement.id != record.engagement.id);
            list.push(record);
            list.sort_by(|a, b| list_order(&a.engagement, &b.engagement));
        });
    }

    fn forget(&self, id: &EngagementId) {
        self.engagements
            .update(|list| list.retain(|r| &r.engagement.id != id));
    }

    /// Records how a save went: a storage failure raises the app-wide warning (with a backup
    /// offer), a success clears it and refreshes the usage figure.
    fn note<T>(&self, result: Result<T, SaveError>) -> Result<T, SaveError> {
        match &result {
            Ok(_) => {
                self.save_failure.set(None);
                self.refresh_usage();
            }
            Err(SaveError::Storage(error)) => self.save_failure.set(Some(error.clone())),
            Err(_) => {}
        }
        result
    }

    pub fn create(&self, details: EngagementDetails) -> Result<EngagementId, CommandError> {
        let now = Utc::now();
        let engagement = Engagement::new(random_id(), details, now);
        let record = self.note(repository()?.save(&engagement, None, now))?;
        let id = record.engagement.id.clone();
        self.put(record);
        // The first engagement is the moment there is something worth keeping.
        persistence::request(self.persistence);
        Ok(id)
    }

    /// Saves new details if the engagement is still at revision `based_on`. On a conflict the
    /// caller shows both versions and lets the user choose; nothing is written. A frozen
    /// engagement refuses, saying so.
    pub fn update_details(
        &self,
        id: &EngagementId,
        based_on: u64,
        details: EngagementDetails,
    ) -> Result<(), CommandError> {
        let repo = repository()?;
        let result = match repo.load(id)? {
            Some(stored) if stored.engagement.is_frozen() => {
                return Err(CommandError::Frozen);
            }
            Some(stored) if stored.revision == based_on => {
                let now = Utc::now();
                let base = Base {
                    revision: based_on,
                    issues: &stored.engagement.issues,
                };
                let mut next = stored.engagement.with_details(details, now);
                // Signed like every other change: a merge tells whose value was replaced.
                next.updated_by = self.author(id);
                self.note_saved(repo.save_changes(Some(base), next, now))
                    .map(|saved| saved.record)
            }
            stored => Err(SaveError::Conflict {
                stored: stored.map(Box::new),
            }),
        };
        match result {
            Ok(record) => {
                self.put(record);
                Ok(())
            }
            Err(error) => {
                // Whatever happened, show what storage holds now.
                self.reload();
                Err(error.into())
            }
        }
    }

    pub fn delete(&self, id: &EngagementId) -> Result<(), CommandError> {
        let repo = repository()?;
        let Some(record) = repo.load(id)? else {
            self.reload();
            return Err(CommandError::Conflict { stored: None });
        };
        self.note(repo.delete(id, record.revision))?;
        self.forget(id);
        // The team database keeps its copy; this browser stops taking part.
        if self.connection(id).is_some() {
            self.stop_sync(id)?;
        }
        let message = format!("Deleted \u{201c}{}\u{201d}.", record.engagement.name());
        self.show_toast(message, Some(Undo::Delete(Box::new(record))));
        Ok(())
    }

    pub fn undo(&self, undo: Undo) {
        let result = match undo {
            Undo::Delete(record) => repository()
                .map_err(SaveError::from)
                .and_then(|repo| repo.reinstate(&record))
                .map(|()| format!("Restored \u{201c}{}\u{201d}.", record.engagement.name())),
            Undo::Restore { done, anyway } => {
                if !anyway {
                    if let Some(name) = changed_since(&done) {
                        let message = format!("\u{201c}{name}\u{201d} changed since the restore. Undoing now would remove those changes too.");
                        self.show_toast(message, Some(Undo::Restore { done, anyway: true }));
                        return;
                    }
                }
                repository().map_err(SaveError::from).map(|repo| {
                    repo.roll_back(&done);
                    "The restore was undone.".to_owned()
                })
            }
        };
        match self.note(result) {
            Ok(message) => {
                self.reload();
                self.show_toast(message, None);
            }
            Err(error) => self.show_toast(format!("Could not undo: {error}"), None),
        }
    }

    /// Tells the user a save did not go through, with why. What they typed stays in its
    /// field (the field shows the stored value only when that changes), and a full storage
    /// also raises the app-wide warning with a backup offer.
    pub fn report_save<T, E: std::fmt::Display>(&self, result: Result<T, E>) {
        if let Err(error) = result {
            self.show_toast(format!("Not saved: {error}"), None);
        }
    }

    /// Keeps `meta` (your name, the last backup, a snoozed reminder) for this session and
    /// stores it. A failed store is said with `unsaved`, which tells what it means for the user;
    /// a full storage also raises the app-wide warning.
    fn keep_meta(&self, meta: Meta, unsaved: &str) {
        let stored = repository().and_then(|repo| meta.save(repo.store()));
        self.meta.set(meta);
        if let Err(error) = stored {
            if error == StorageError::Full {
                self.save_failure.set(Some(error.clone()));
            }
            self.show_toast(format!("{unsaved} {error}"), None);
        }
    }

    pub fn show_toast(&self, message: String, undo: Option<Undo>) {
        let serial = self
            .toast
            .with_untracked(|t| t.as_ref().map_or(0, |t| t.serial))
            + 1;
        self.toast.set(Some(Toast {
            serial,
            message,
            undo,
        }));
    }
}

thread_local! {
    /// This tab's share in the ids of new list items (see `domain::item_id`).
    static TAB_SALT: String = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
}

/// This tab's own random mark: two tabs (or devices) never share it.
pub(crate) fn tab_salt() -> String {
    TAB_SALT.with(String::clone)
}

/// What makes the ids of list items added in one save unlike any other device's or save's.
pub(crate) fn item_id_salt(author: &str, now: chrono::DateTime<chrono::Utc>) -> String {
    let instant = now.timestamp_nanos_opt().unwrap_or_default();
    TAB_SALT.with(|tab| format!("{author} {tab} {instant}"))
}
