//! Writing and removing whole engagements at once: delete and its undo, restoring from a
//! backup and its undo. Each writes the issue records first and the head last (see `split.rs`),
//! through a journal, so a failure part-way leaves storage as it was.
use super::journal::Journal;
use super::record::Record;
use super::repository::{EngagementRepository, SaveError};
use super::split::{self, decode_issue, issue_key, key_for, APP_PREFIX};
use super::{KeyValue, StorageError};
use crate::domain::EngagementId;

impl<S: KeyValue> EngagementRepository<S> {
    /// Deletes an engagement if storage still holds revision `based_on`. The head goes first:
    /// an engagement cut off part-way is then a few orphan issue records the recovery page
    /// shows, never an engagement that silently lacks issues.
    pub fn delete(&self, id: &EngagementId, based_on: u64) -> Result<(), SaveError> {
        if self.stored_revision(id)? != Some(based_on) {
            return Err(SaveError::Conflict {
                stored: self.load(id)?.map(Box::new),
            });
        }
        self.remove_engagement(id)?;
        Ok(())
    }

    fn remove_engagement(&self, id: &EngagementId) -> Result<(), StorageError> {
        self.store().remove(&key_for(id))?;
        self.store().remove(&super::staged::marker_key(id))?;
        let prefix = split::issue_prefix(id);
        for key in self.store().keys()? {
            if key.starts_with(&prefix) {
                self.store().remove(&key)?;
            }
        }
        Ok(())
    }

    /// Puts back a record exactly as it was (undo of a delete). Refused if the key is in use.
    pub fn reinstate(&self, record: &Record) -> Result<(), SaveError> {
        if let Some(stored) = self.load(&record.engagement.id)? {
            return Err(SaveError::Conflict {
                stored: Some(Box::new(stored)),
            });
        }
        self.put_exact(record)
    }

    /// Writes `record` exactly as given, whatever revision is stored: for a restore the user
    /// confirmed and for undoing one. Still refuses to write over a damaged copy.
    pub fn put_exact(&self, record: &Record) -> Result<(), SaveError> {
        let mut journal = Journal::default();
        let result = self.write_whole(record, &mut journal, false);
        if result.is_err() {
            journal.undo(self.store());
        }
        result
    }

    /// Writes every issue record of `record`, removes issue records it does not have, and
    /// writes the head last. Refuses (before writing) if the head or any issue record of this
    /// engagement is damaged. `only_if_whole`: the split rewrite of a schema 3 record on load,
    /// which must not run if another tab split it in the meantime.
    pub(super) fn write_whole(
        &self,
        record: &Record,
        journal: &mut Journal,
        only_if_whole: bool,
    ) -> Result<(), SaveError> {
        let id = &record.engagement.id;
        let head_key = key_for(id);
        let head_before = self.store().get(&head_key)?;
        if let Some(raw) = &head_before {
            let head =
                split::decode_head(raw).map_err(|e| SaveError::Unreadable(head_key.clone(), e))?;
            if only_if_whole && !head.whole {
                return Ok(());
            }
        }
        let prefix = split::issue_prefix(id);
        let mut before = std::collections::HashMap::new();
        for key in self.store().keys()? {
            if key.starts_with(&prefix) {
                if let Some(raw) = self.store().get(&key)? {
                    decode_issue(&key, &raw).map_err(|e| SaveError::Unreadable(key.clone(), e))?;
                    before.insert(key, raw);
                }
            }
        }
        for issue in &record.engagement.issues {
            let key = issue_key(id, issue.number);
            let text = split::encode_issue(id, issue, record.revision, record.saved_at);
            let previous = before.remove(&key);
            if previous.as_deref() != Some(text.as_str()) {
                journal.set(self.store(), key, &text, previous)?;
            }
        }
        for (key, previous) in before {
            journal.remove(self.store(), key, previous)?;
        }
        // A save that was being written in slices is over: its records were removed above.
        if let Some(marker) = self.store().get(&super::staged::marker_key(id))? {
            journal.remove(self.store(), super::staged::marker_key(id), marker)?;
        }
        let mut engagement = record.engagement.clone();
        let head = split::encode_head(&mut engagement, record.revision, record.saved_at);
        journal.set(self.store(), head_key, &head, head_before)?;
        Ok(())
    }

    /// Removes whatever is stored under `key`, readable or not. Only for explicit user actions:
    /// undoing an added engagement, or discarding a damaged copy after being told what it is.
    pub fn remove_key(&self, key: &str) -> Result<(), StorageError> {
        self.store().remove(key)
    }

    /// Writes several records as one step: if any write fails, every key already written is put
    /// back as it was, so a failed restore changes nothing. Returns what each engagement was
    /// before, for undo.
    pub fn put_all(&self, records: &[Record]) -> Result<Vec<(Record, Option<Record>)>, SaveError> {
        let mut journal = Journal::default();
        let mut done: Vec<(Record, Option<Record>)> = Vec::with_capacity(records.len());
        for record in records {
            let written = self.load(&record.engagement.id).and_then(|before| {
                self.write_whole(record, &mut journal, false)
                    .map(|()| before)
            });
            match written {
                Ok(before) => done.push((record.clone(), before)),
                Err(error) => {
                    journal.undo(self.store());
                    return Err(error);
                }
            }
        }
        Ok(done)
    }

    /// Puts back what [`Self::put_all`] replaced (best effort: used for undo). What was
    /// there comes back as a new save: the revision counter moves on, never back, so a tab
    /// still holding the restored revision is told its copy is stale.
    pub fn roll_back(&self, done: &[(Record, Option<Record>)]) {
        for (record, before) in done.iter().rev() {
            let _ = match before {
                Some(before) => {
                    let stored = self
                        .stored_revision(&before.engagement.id)
                        .ok()
                        .flatten()
                        .unwrap_or(0);
                    let again = Record {
                        revision: stored.max(before.revision).saturating_add(1),
                        ..before.clone()
                    };
                    self.put_exact(&again).map_err(|_| ())
                }
                None => self
                    .remove_engagement(&record.engagement.id)
                    .map_err(|_| ()),
            };
        }
    }

    /// Characters Handrail keeps in this storage (keys and values), for the usage display.
    pub fn used_chars(&self) -> Result<usize, StorageError> {
        let mut total = 0;
        for key in self
            .store()
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(APP_PREFIX))
        {
            let value = self.store().get(&key)?.unwrap_or_default();
            total += key.encode_utf16().count() + value.encode_utf16().count();
        }
        Ok(total)
    }
}
