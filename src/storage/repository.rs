//! Reads and writes engagements, one storage key each (`handrail:engagement:<id>`).
//!
//! One key per engagement keeps saves small and lets another tab's change touch only the
//! engagement it changed. Two rules protect the user's data:
//! - a save names the revision it was based on, and is refused with [`SaveError::Conflict`]
//!   when the stored revision differs (another tab saved in between): never a silent overwrite;
//! - a key whose text could not be read is never written over ([`SaveError::Unreadable`]).
use chrono::{DateTime, Utc};
use std::fmt;

use super::record::{self, Record, Unreadable};
use super::{KeyValue, StorageError};
use crate::domain::{Engagement, EngagementId};

/// Every key Handrail writes starts with this.
pub const APP_PREFIX: &str = "handrail:";
pub const KEY_PREFIX: &str = "handrail:engagement:";

pub fn key_for(id: &EngagementId) -> String {
    format!("{KEY_PREFIX}{id}")
}

/// Stored text that could not be read, kept verbatim so the user can download it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableRecord {
    pub key: String,
    pub raw: String,
    pub reason: Unreadable,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub records: Vec<Record>,
    pub unreadable: Vec<UnreadableRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    Storage(StorageError),
    /// Another tab saved this engagement after we read it. `stored` is its version (None if it
    /// deleted it), so the user can be shown both sides.
    Conflict {
        stored: Option<Box<Record>>,
    },
    /// The stored text under this key could not be read; writing would destroy it.
    Unreadable(Unreadable),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Storage(error) => error.fmt(f),
            Self::Conflict { stored: Some(_) } => {
                f.write_str("This engagement was changed in another tab or window after you opened it.")
            }
            Self::Conflict { stored: None } => {
                f.write_str("This engagement was deleted in another tab or window.")
            }
            Self::Unreadable(reason) => write!(
                f,
                "The stored copy of this engagement could not be read ({reason}), so Handrail will not write over it."
            ),
        }
    }
}

impl From<StorageError> for SaveError {
    fn from(error: StorageError) -> Self {
        Self::Storage(error)
    }
}

pub struct EngagementRepository<S> {
    store: S,
}

impl<S: KeyValue> EngagementRepository<S> {
    pub fn new(store: S) -> Self {
        Self { store }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    /// Every engagement in storage, and every record that could not be read.
    pub fn load_all(&self) -> Result<Loaded, StorageError> {
        let mut loaded = Loaded::default();
        let mut keys: Vec<String> = self
            .store
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(KEY_PREFIX))
            .collect();
        keys.sort();
        for key in keys {
            let Some(raw) = self.store.get(&key)? else {
                continue;
            };
            match record::decode(&raw) {
                // A record stored under another engagement's key is damage, not data.
                Ok(record) if key_for(&record.engagement.id) == key => loaded.records.push(record),
                Ok(_) => loaded.unreadable.push(UnreadableRecord {
                    key,
                    raw,
                    reason: Unreadable::Invalid("stored under another engagement's key".to_owned()),
                }),
                Err(reason) => loaded
                    .unreadable
                    .push(UnreadableRecord { key, raw, reason }),
            }
        }
        Ok(loaded)
    }

    /// The stored record of one engagement, `None` if there is none.
    pub fn load(&self, id: &EngagementId) -> Result<Option<Record>, SaveError> {
        match self.store.get(&key_for(id))? {
            None => Ok(None),
            Some(raw) => record::decode(&raw)
                .map(Some)
                .map_err(SaveError::Unreadable),
        }
    }

    /// Saves `engagement` if storage still holds revision `based_on` (`None`: must not exist
    /// yet). Returns the stored record with its new revision.
    pub fn save(
        &self,
        engagement: &Engagement,
        based_on: Option<u64>,
        now: DateTime<Utc>,
    ) -> Result<Record, SaveError> {
        let stored = self.load(&engagement.id)?;
        if stored.as_ref().map(|r| r.revision) != based_on {
            return Err(SaveError::Conflict {
                stored: stored.map(Box::new),
            });
        }
        let revision = based_on.map_or(1, |r| r + 1);
        self.store.set(
            &key_for(&engagement.id),
            &record::encode(engagement, revision, now),
        )?;
        Ok(Record {
            engagement: engagement.clone(),
            revision,
            saved_at: now,
        })
    }

    /// Deletes an engagement if storage still holds revision `based_on`.
    pub fn delete(&self, id: &EngagementId, based_on: u64) -> Result<(), SaveError> {
        let stored = self.load(id)?;
        if stored.as_ref().map(|r| r.revision) != Some(based_on) {
            return Err(SaveError::Conflict {
                stored: stored.map(Box::new),
            });
        }
        self.store.remove(&key_for(id))?;
        Ok(())
    }

    /// Puts back a record exactly as it was (undo of a delete). Refused if the key is in use.
    pub fn reinstate(&self, record: &Record) -> Result<(), SaveError> {
        if let Some(stored) = self.load(&record.engagement.id)? {
            return Err(SaveError::Conflict {
                stored: Some(Box::new(stored)),
            });
        }
        let raw = record::encode(&record.engagement, record.revision, record.saved_at);
        self.store.set(&key_for(&record.engagement.id), &raw)?;
        Ok(())
    }
}

impl<S: KeyValue> EngagementRepository<S> {
    /// Writes `record` exactly as given, whatever revision is stored: for a restore the user
    /// confirmed and for undoing one. Still refuses to write over a damaged copy.
    pub fn put_exact(&self, record: &Record) -> Result<(), SaveError> {
        self.load(&record.engagement.id)?;
        let raw = record::encode(&record.engagement, record.revision, record.saved_at);
        self.store.set(&key_for(&record.engagement.id), &raw)?;
        Ok(())
    }

    /// Removes whatever is stored for `id`, readable or not. Only for explicit user actions:
    /// undoing an added engagement, or discarding a damaged copy after being told what it is.
    pub fn remove_key(&self, key: &str) -> Result<(), StorageError> {
        self.store.remove(key)
    }

    /// Writes several records as one step: if any write fails, the ones already written are put
    /// back as they were, so a failed restore changes nothing. Returns what each key held before.
    pub fn put_all(&self, records: &[Record]) -> Result<Vec<(Record, Option<Record>)>, SaveError> {
        let mut done: Vec<(Record, Option<Record>)> = Vec::with_capacity(records.len());
        for record in records {
            let before = match self.load(&record.engagement.id) {
                Ok(before) => before,
                Err(error) => {
                    self.roll_back(&done);
                    return Err(error);
                }
            };
            if let Err(error) = self.put_exact(record) {
                self.roll_back(&done);
                return Err(error);
            }
            done.push((record.clone(), before));
        }
        Ok(done)
    }

    /// Puts back what [`Self::put_all`] replaced (best effort: used on failure and for undo).
    pub fn roll_back(&self, done: &[(Record, Option<Record>)]) {
        for (record, before) in done.iter().rev() {
            let _ = match before {
                Some(before) => self.put_exact(before).map_err(|_| ()),
                None => self
                    .store
                    .remove(&key_for(&record.engagement.id))
                    .map_err(|_| ()),
            };
        }
    }

    /// Characters Handrail keeps in this storage (keys and values), for the usage display.
    pub fn used_chars(&self) -> Result<usize, StorageError> {
        let mut total = 0;
        for key in self
            .store
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(APP_PREFIX))
        {
            let value = self.store.get(&key)?.unwrap_or_default();
            total += key.encode_utf16().count() + value.encode_utf16().count();
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EngagementForm;
    use crate::storage::MemoryStore;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2027-01-10T08:30:00Z")
            .unwrap()
            .to_utc()
    }

    fn engagement(seed: u8, name: &str) -> Engagement {
        let form = EngagementForm {
            name: name.into(),
            system: "SAP".into(),
            go_live: "2027-03-01".into(),
        };
        Engagement::new(
            EngagementId::from_random_bytes([seed; 8]),
            form.parse([]).unwrap(),
            now(),
        )
    }

    #[test]
    fn saved_engagements_load_back() {
        let repo = EngagementRepository::new(MemoryStore::new());
        let first = repo.save(&engagement(1, "A"), None, now()).unwrap();
        repo.save(&engagement(2, "B"), None, now()).unwrap();
        assert_eq!(first.revision, 1);
        let loaded = repo.load_all().unwrap();
        assert_eq!(loaded.records.len(), 2);
        assert!(loaded.unreadable.is_empty());
        assert!(loaded.records.contains(&first));
    }

    #[test]
    fn each_save_bumps_the_revision() {
        let repo = EngagementRepository::new(MemoryStore::new());
        let mut e = engagement(1, "A");
        let r1 = repo.save(&e, None, now()).unwrap();
        e.details.name = "A2".into();
        let r2 = repo.save(&e, Some(r1.revision), now()).unwrap();
        assert_eq!(r2.revision, 2);
        assert_eq!(repo.load(&e.id).unwrap().unwrap().engagement.name(), "A2");
    }

    #[test]
    fn a_save_based_on_an_old_revision_is_refused_and_changes_nothing() {
        let repo = EngagementRepository::new(MemoryStore::new());
        let mut e = engagement(1, "A");
        repo.save(&e, None, now()).unwrap();
        // "Another tab" saves revision 2.
        e.details.name = "From the other tab".into();
        repo.save(&e, Some(1), now()).unwrap();
        // This tab still thinks revision 1 is current.
        e.details.name = "From this tab".into();
        let error = repo.save(&e, Some(1), now()).unwrap_err();
        match error {
            SaveError::Conflict {
                stored: Some(stored),
            } => {
                assert_eq!(stored.engagement.name(), "From the other tab")
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
        assert_eq!(
            repo.load(&e.id).unwrap().unwrap().engagement.name(),
            "From the other tab"
        );
    }

    #[test]
    fn creating_over_an_existing_key_is_a_conflict() {
        let repo = EngagementRepository::new(MemoryStore::new());
        repo.save(&engagement(1, "A"), None, now()).unwrap();
        assert!(matches!(
            repo.save(&engagement(1, "A"), None, now()),
            Err(SaveError::Conflict { .. })
        ));
    }

    #[test]
    fn unreadable_records_are_reported_with_their_raw_text_and_never_overwritten() {
        let store = MemoryStore::new();
        let e = engagement(1, "A");
        store
            .set(&key_for(&e.id), "{\"format\":\"handrail/eng")
            .unwrap();
        store.set("someone-elses-key", "whatever").unwrap();
        let repo = EngagementRepository::new(store);
        let loaded = repo.load_all().unwrap();
        assert!(loaded.records.is_empty());
        assert_eq!(loaded.unreadable.len(), 1);
        assert_eq!(loaded.unreadable[0].raw, "{\"format\":\"handrail/eng");
        assert!(matches!(
            repo.save(&e, None, now()),
            Err(SaveError::Unreadable(_))
        ));
        assert_eq!(
            repo.store().get(&key_for(&e.id)).unwrap().unwrap(),
            "{\"format\":\"handrail/eng"
        );
    }

    #[test]
    fn a_record_under_the_wrong_key_is_unreadable() {
        let store = MemoryStore::new();
        let e = engagement(1, "A");
        store
            .set(
                &key_for(&engagement(2, "B").id),
                &record::encode(&e, 1, now()),
            )
            .unwrap();
        let loaded = EngagementRepository::new(store).load_all().unwrap();
        assert_eq!(loaded.unreadable.len(), 1);
    }

    /// Bytes a record takes in storage (UTF-16, key and value), to size test quotas.
    fn stored_bytes(e: &Engagement) -> usize {
        (key_for(&e.id).len() + record::encode(e, 1, now()).len()) * 2
    }

    #[test]
    fn a_full_store_refuses_the_save_and_keeps_the_old_value() {
        let mut e = engagement(1, "A");
        let mut big = e.clone();
        big.details.name = "x".repeat(100);
        big.details.system = "y".repeat(100);
        // Room for the big version of one engagement, not for a second engagement.
        let repo = EngagementRepository::new(MemoryStore::with_quota(stored_bytes(&big) + 300));
        repo.save(&e, None, now()).unwrap();
        e.details.name = "x".repeat(100);
        e.details.system = "y".repeat(100);
        // Still fits once…
        let r = repo.save(&e, Some(1), now()).unwrap();
        // …but a second engagement does not.
        let mut other = engagement(2, "B");
        other.details.system = "z".repeat(100);
        assert_eq!(
            repo.save(&other, None, now()),
            Err(SaveError::Storage(StorageError::Full))
        );
        assert_eq!(repo.load(&e.id).unwrap().unwrap(), r);
        assert_eq!(repo.load(&other.id).unwrap(), None);
    }

    #[test]
    fn delete_then_reinstate_gives_back_the_same_record() {
        let repo = EngagementRepository::new(MemoryStore::new());
        let record = repo.save(&engagement(1, "A"), None, now()).unwrap();
        repo.delete(&record.engagement.id, record.revision).unwrap();
        assert_eq!(repo.load(&record.engagement.id).unwrap(), None);
        repo.reinstate(&record).unwrap();
        assert_eq!(repo.load(&record.engagement.id).unwrap(), Some(record));
    }

    #[test]
    fn a_restore_that_does_not_fit_changes_nothing() {
        let repo = EngagementRepository::new(MemoryStore::with_quota(
            stored_bytes(&engagement(1, "Replaced")) + 300,
        ));
        let kept = repo.save(&engagement(1, "Kept"), None, now()).unwrap();
        let mut replaced = kept.clone();
        replaced.engagement.details.name = "Replaced".into();
        let mut too_big = engagement(2, "Too big");
        too_big.details.system = "x".repeat(100);
        let too_big = Record {
            engagement: too_big,
            revision: 1,
            saved_at: now(),
        };
        let error = repo.put_all(&[replaced, too_big.clone()]).unwrap_err();
        assert_eq!(error, SaveError::Storage(StorageError::Full));
        assert_eq!(repo.load(&kept.engagement.id).unwrap(), Some(kept));
        assert_eq!(repo.load(&too_big.engagement.id).unwrap(), None);
    }

    #[test]
    fn a_restore_can_be_rolled_back_to_what_was_there() {
        let repo = EngagementRepository::new(MemoryStore::new());
        let kept = repo.save(&engagement(1, "Before"), None, now()).unwrap();
        let mut replaced = kept.clone();
        replaced.engagement.details.name = "After".into();
        let added = Record {
            engagement: engagement(2, "Added"),
            revision: 4,
            saved_at: now(),
        };
        let done = repo.put_all(&[replaced.clone(), added.clone()]).unwrap();
        assert_eq!(repo.load(&kept.engagement.id).unwrap(), Some(replaced));
        repo.roll_back(&done);
        assert_eq!(repo.load(&kept.engagement.id).unwrap(), Some(kept));
        assert_eq!(repo.load(&added.engagement.id).unwrap(), None);
    }

    #[test]
    fn usage_counts_only_handrail_keys() {
        let store = MemoryStore::new();
        store.set("other-app", &"x".repeat(1000)).unwrap();
        store.set("handrail:meta", "12345").unwrap();
        assert_eq!(
            EngagementRepository::new(store).used_chars().unwrap(),
            "handrail:meta".len() + 5
        );
    }

    #[test]
    fn deleting_a_changed_engagement_is_a_conflict() {
        let repo = EngagementRepository::new(MemoryStore::new());
        let record = repo.save(&engagement(1, "A"), None, now()).unwrap();
        repo.save(&record.engagement, Some(1), now()).unwrap();
        assert!(matches!(
            repo.delete(&record.engagement.id, 1),
            Err(SaveError::Conflict { .. })
        ));
        assert!(repo.load(&record.engagement.id).unwrap().is_some());
    }
}
