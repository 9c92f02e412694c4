//! How every editor edits: a working copy of one part of an engagement (the charter draft, the
//! plan, the exit review), the revision it started from, and a notice. Each change is applied
//! to the copy first and saved at once; a failed save leaves the copy as typed and says why,
//! and a save made meanwhile in another tab is shown instead of being written over.
use leptos::prelude::*;

use crate::domain::{Engagement, EngagementId};
use crate::state::{AppState, CommandError, SavedEngagement};

/// Which part of an engagement a working copy holds, and how it goes back.
pub struct Part<T> {
    pub read: fn(&Engagement) -> Option<T>,
    pub write: fn(&mut Engagement, T),
}

impl<T> Clone for Part<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Part<T> {}

pub struct WorkingCopy<T: Send + Sync + 'static> {
    pub value: RwSignal<T>,
    /// The engagement revision the copy is based on.
    base: RwSignal<u64>,
    id: StoredValue<EngagementId>,
    part: StoredValue<Part<T>>,
    /// A message about saving: another tab's change, or a failed save.
    pub notice: RwSignal<Option<String>>,
}

impl<T: Send + Sync + 'static> Clone for WorkingCopy<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for WorkingCopy<T> {}

/// The notice after a save made elsewhere replaced what was on screen.
const REPLACED: &str = "Not saved: this was changed in another tab or window meanwhile. You are now seeing that version; make your last change again.";

impl<T: Clone + PartialEq + Send + Sync + 'static> WorkingCopy<T> {
    /// A working copy of `part` of the engagement, if the engagement has that part.
    pub fn new(record: &SavedEngagement, part: Part<T>) -> Option<Self> {
        let value = (part.read)(&record.engagement)?;
        Some(Self {
            value: RwSignal::new(value),
            base: RwSignal::new(record.revision),
            id: StoredValue::new(record.engagement.id.clone()),
            part: StoredValue::new(part),
            notice: RwSignal::new(None),
        })
    }

    pub fn id(&self) -> EngagementId {
        self.id.get_value()
    }

    /// Takes in a save made elsewhere (another tab), unless it is this copy's own.
    pub fn follow(&self, record: &SavedEngagement, keep: impl FnOnce(&T, T) -> T) {
        if record.revision == self.base.get_untracked() {
            return;
        }
        self.base.set(record.revision);
        let Some(stored) = (self.part.get_value().read)(&record.engagement) else {
            return;
        };
        if self.value.with_untracked(|v| *v != stored) {
            let next = self.value.with_untracked(|mine| keep(mine, stored));
            self.value.set(next);
            self.notice.set(Some("This was just changed in another tab or window; you are seeing the latest version.".to_owned()));
        }
    }

    /// Applies a change to the working copy and saves it at once.
    pub fn edit(&self, change: impl FnOnce(&mut T)) {
        self.value.update(change);
        self.save();
    }

    /// Applies a change that the domain may refuse: a refusal changes nothing and is returned
    /// for the caller to show beside its form.
    pub fn try_edit<E>(&self, change: impl FnOnce(&mut T) -> Result<(), E>) -> Result<(), E> {
        let mut next = self.value.get_untracked();
        change(&mut next)?;
        self.value.set(next);
        self.save();
        Ok(())
    }

    fn save(&self) {
        let state = AppState::get();
        let value = self.value.get_untracked();
        let write = self.part.get_value().write;
        match state.save_working_copy(&self.id(), self.base.get_untracked(), |e| write(e, value)) {
            Ok(revision) => {
                self.base.set(revision);
                // The save gave new list items their ids: the copy takes them, or its next
                // save would give the same items other ids (see `domain::item_id`).
                let saved = state
                    .find_untracked(&self.id())
                    .filter(|saved| saved.revision == revision)
                    .and_then(|saved| (self.part.get_value().read)(&saved.engagement));
                if let Some(saved) = saved {
                    if self.value.with_untracked(|mine| *mine != saved) {
                        self.value.set(saved);
                    }
                }
                if self
                    .notice
                    .with_untracked(|n| n.as_deref().is_some_and(|n| n.starts_with("Not saved")))
                {
                    self.notice.set(None);
                }
            }
            Err(CommandError::Conflict {
                stored: Some(stored),
            }) => {
                if let Some(latest) = (self.part.get_value().read)(&stored.engagement) {
                    self.value.set(latest);
                }
                self.base.set(stored.revision);
                self.notice.set(Some(REPLACED.to_owned()));
            }
            // The change stays on screen (nothing typed is lost), and the app-wide banner
            // offers a backup when storage is full.
            Err(error) => self.notice.set(Some(format!("Not saved: {error}"))),
        }
    }
}
