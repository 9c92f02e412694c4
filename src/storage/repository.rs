//! Reads and writes engagements, each as a head record and one record per issue (`split.rs`).
//!
//! A save writes only the issue records that changed, then the head, so saving one change costs
//! the same at 10 issues as at 5,000. Two rules protect the user's data:
//! - a save names the revision it was based on, and is refused with [`SaveError::Conflict`]
//!   when the stored head's revision differs (another tab saved in between): never a silent
//!   overwrite;
//! - a key whose text could not be read is never written over ([`SaveError::Unreadable`]).
//!
//! Every write of several keys goes through a [`Journal`], which puts back the exact previous
//! text of each key if a later write fails: a save or a restore that hits a full storage
//! changes nothing.
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use super::journal::Journal;
use super::record::{self, Record, Unreadable};
use super::split::{self, decode_head, decode_issue, issue_key, issue_prefix, Head};
use super::{KeyValue, StorageError};
use crate::domain::bounds::Root;
use crate::domain::triage::Issue;
use crate::domain::{Engagement, EngagementId};

pub use super::split::{key_for, APP_PREFIX, ISSUE_PREFIX, KEY_PREFIX};

/// Documents from the team database that could not be read (see [`EngagementRepository::keep_aside`]).
pub const ASIDE_PREFIX: &str = "handrail:aside:";
/// The most of one document from the team database that is kept aside, in bytes.
pub const ASIDE_MAX_BYTES: usize = 64 * 1024;

/// A kept-aside document as a damaged record: its text and why it was not read.
fn set_aside(key: String, raw: String) -> UnreadableRecord {
    let kept: Option<(String, String)> = serde_json::from_str::<serde_json::Value>(&raw)
        .ok()
        .and_then(|v| {
            let reason = v.get("reason")?.as_str()?.to_owned();
            let document = v.get("document")?.as_str()?.to_owned();
            Some((reason, document))
        });
    let (reason, raw) = kept.unwrap_or_else(|| ("it could not be read".to_owned(), raw));
    UnreadableRecord {
        key,
        raw,
        reason: Unreadable::Invalid(format!("it came from the team database, and {reason}")),
    }
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
    /// The stored text under a key this save would write could not be read; writing would
    /// destroy it. The key says which record: the engagement's head or one of its issues.
    Unreadable(String, Unreadable),
    /// A save written in slices (`staged.rs`) found the engagement saved by something else
    /// before it was done: it stops, and what it had written is taken out again.
    Interrupted,
    /// A value outside the domain's bounds (a pasted text too long): refused here, as every
    /// door that reads it back would refuse it, so nothing stored is ever unreadable for it.
    OutOfBounds(crate::domain::bounds::OutOfBounds),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Storage(error) => error.fmt(f),
            Self::Conflict { stored: Some(_) } => f.write_str(
                "This engagement was changed in another tab or window after you opened it.",
            ),
            Self::Conflict { stored: None } => {
                f.write_str("This engagement was deleted in another tab or window.")
            }
            Self::OutOfBounds(problem) => write!(f, "Not saved: {problem}."),
            Self::Interrupted => f.write_str(
                "This engagement was changed while the issues were being written (in this tab, another tab, or through team sync), so none of them were kept.",
            ),
            Self::Unreadable(key, reason) => {
                match split::issue_number_of_key(key) {
                    Some(number) => write!(f, "The stored copy of issue #{number}")?,
                    None => f.write_str("The stored copy of this engagement")?,
                }
                write!(f, " could not be read ({reason}), so Handrail will not write over it. Open \u{201c}Recover damaged data\u{201d} to download or remove it.")
            }
        }
    }
}

impl From<StorageError> for SaveError {
    fn from(error: StorageError) -> Self {
        Self::Storage(error)
    }
}

/// What a save starts from: the revision it read and the issues as they were then. The caller
/// usually holds them in memory already, which is what makes a save cheap.
#[derive(Debug, Clone, Copy)]
pub struct Base<'a> {
    pub revision: u64,
    pub issues: &'a [Issue],
}

/// A save that went through: the stored record, and how many UTF-16 characters it added to
/// storage (negative when it shrank), so the usage figure needs no recount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub record: Record,
    pub chars_delta: isize,
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

    /// Every engagement in storage, and every record that could not be read. Engagements still
    /// stored whole (schema 3 and older) are rewritten split on the way, if storage lets us.
    pub fn load_all(&self) -> Result<Loaded, StorageError> {
        let mut loaded = Loaded::default();
        let mut heads = Vec::new();
        let mut issue_keys: HashMap<String, Vec<String>> = HashMap::new();
        for key in self.store.keys()? {
            if key.starts_with(KEY_PREFIX) {
                heads.push(key);
            } else if let Some(id) = split::engagement_of_issue_key(&key) {
                issue_keys.entry(id.to_owned()).or_default().push(key);
            } else if key.starts_with(ASIDE_PREFIX) {
                if let Some(raw) = self.store.get(&key)? {
                    loaded.unreadable.push(set_aside(key, raw));
                }
            }
        }
        heads.sort();
        for key in heads {
            let Some(raw) = self.store.get(&key)? else {
                continue;
            };
            let id = key.strip_prefix(KEY_PREFIX).unwrap_or_default().to_owned();
            // Issue records under a damaged head stay where they are, untouched; they are the
            // head's, and listed again if the head is discarded.
            let keys = issue_keys.remove(&id).unwrap_or_default();
            match decode_head(&raw) {
                // A record stored under another engagement's key is damage, not data.
                Ok(head) if key_for(&head.record.engagement.id) == key => {
                    let whole = head.whole;
                    let record = self.assemble(head, &keys, &mut loaded.unreadable)?;
                    if whole {
                        // Best effort: if it does not fit, the next save splits it.
                        let _ = self.write_whole(&record, &mut Journal::default(), true);
                    }
                    loaded.records.push(record);
                }
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
        let mut orphans: Vec<String> = issue_keys.into_values().flatten().collect();
        orphans.sort();
        for key in orphans {
            if let Some(raw) = self.store.get(&key)? {
                loaded.unreadable.push(UnreadableRecord {
                    key,
                    raw,
                    reason: Unreadable::Invalid(
                        "the engagement this issue belongs to is not stored here".to_owned(),
                    ),
                });
            }
        }
        Ok(loaded)
    }

    /// Keeps a document from the team database that could not be read (`doc_id` of engagement
    /// `id`) where the recovery page lists it, with why. A document kept aside before is
    /// replaced by its newer text: it is the server's copy, not the only one.
    pub fn keep_aside(
        &self,
        id: &EngagementId,
        doc_id: &str,
        reason: &str,
        raw: &str,
    ) -> Result<(), StorageError> {
        // A hostile or broken server could send a document of many megabytes: only its start
        // is kept (enough to see what it is), so it cannot fill this browser's storage.
        let kept = if raw.len() > ASIDE_MAX_BYTES {
            let mut end = ASIDE_MAX_BYTES;
            while !raw.is_char_boundary(end) {
                end -= 1;
            }
            format!(
                "{}\n[cut: {} bytes in all, kept whole on the team database]",
                &raw[..end],
                raw.len()
            )
        } else {
            raw.to_owned()
        };
        let text = serde_json::json!({ "reason": reason, "document": kept }).to_string();
        self.store
            .set(&format!("{ASIDE_PREFIX}{id}:{doc_id}"), &text)
    }

    /// A head with its issues: read from their records, in number order, the damaged ones
    /// reported and left out (and, being unreadable, never written over by a later save).
    fn assemble(
        &self,
        head: Head,
        keys: &[String],
        unreadable: &mut Vec<UnreadableRecord>,
    ) -> Result<Record, StorageError> {
        let mut record = head.record;
        if head.whole {
            return Ok(record);
        }
        // Records of a save still being written in slices are not the engagement's yet.
        let staged = self.hidden_by(&record.engagement.id, record.revision)?;
        let mut issues = Vec::with_capacity(keys.len());
        for key in keys {
            let Some(raw) = self.store.get(key)? else {
                continue;
            };
            // Newer than the head: see "Order and torn writes" in split.rs; accepted.
            match decode_issue(key, &raw) {
                Ok(stored)
                    if staged
                        .as_ref()
                        .is_some_and(|m| m.covers(stored.issue.number, stored.revision)) => {}
                Ok(stored) => issues.push(stored.issue),
                Err(reason) => unreadable.push(UnreadableRecord {
                    key: key.clone(),
                    raw,
                    reason,
                }),
            }
        }
        crate::domain::triage::issue::sort_by_number(&mut issues);
        record.engagement.issues = issues;
        Ok(record)
    }

    fn issue_keys(&self, id: &EngagementId) -> Result<Vec<String>, StorageError> {
        let prefix = issue_prefix(id);
        Ok(self
            .store
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(&prefix))
            .collect())
    }

    fn read_head(&self, id: &EngagementId) -> Result<Option<(Head, String)>, SaveError> {
        match self.store.get(&key_for(id))? {
            None => Ok(None),
            Some(raw) => decode_head(&raw)
                .map(|head| Some((head, raw)))
                .map_err(|e| SaveError::Unreadable(key_for(id), e)),
        }
    }

    /// Refuses unless storage holds revision `revision` of `id`; whether that head still holds
    /// its issues whole (stored before schema 4).
    pub(super) fn check_base(&self, id: &EngagementId, revision: u64) -> Result<bool, SaveError> {
        match self.read_head(id)? {
            Some((head, _)) if head.record.revision == revision => Ok(head.whole),
            _ => Err(SaveError::Conflict {
                stored: self.load(id)?.map(Box::new),
            }),
        }
    }

    /// The stored record of one engagement, `None` if there is none.
    pub fn load(&self, id: &EngagementId) -> Result<Option<Record>, SaveError> {
        let Some((head, _)) = self.read_head(id)? else {
            return Ok(None);
        };
        let keys = if head.whole {
            Vec::new()
        } else {
            self.issue_keys(id)?
        };
        Ok(Some(self.assemble(head, &keys, &mut Vec::new())?))
    }

    /// The revision stored for `id` (`None`: no such engagement), read without the issues.
    pub fn stored_revision(&self, id: &EngagementId) -> Result<Option<u64>, SaveError> {
        let Some(raw) = self.store.get(&key_for(id))? else {
            return Ok(None);
        };
        match split::peek_revision(&raw) {
            Some(revision) => Ok(Some(revision)),
            None => decode_head(&raw)
                .map(|head| Some(head.record.revision))
                .map_err(|e| SaveError::Unreadable(key_for(id), e)),
        }
    }

    /// Saves `next` if storage still holds revision `base.revision` (`None`: must not exist
    /// yet), writing the issue records that differ from `base.issues` and then the head.
    pub fn save_changes(
        &self,
        base: Option<Base<'_>>,
        mut next: Engagement,
        now: DateTime<Utc>,
    ) -> Result<Saved, SaveError> {
        let head_key = key_for(&next.id);
        let head_raw = self.store.get(&head_key)?;
        let stored = match head_raw.as_deref() {
            None => None,
            Some(raw) => {
                Some(decode_head(raw).map_err(|e| SaveError::Unreadable(head_key.clone(), e))?)
            }
        };
        if stored.as_ref().map(|h| h.record.revision) != base.map(|b| b.revision) {
            return Err(SaveError::Conflict {
                stored: self.load(&next.id)?.map(Box::new),
            });
        }
        let revision = base.map_or(1, |b| b.revision.saturating_add(1));
        let split_already = stored.as_ref().is_some_and(|h| !h.whole);
        let (changed, gone): (Vec<&Issue>, Vec<u32>) = match base {
            Some(base) if split_already => changed_issues(base.issues, &next.issues),
            // A new engagement, or one still stored whole: every issue gets its record.
            _ => (next.issues.iter().collect(), Vec::new()),
        };
        let mut journal = Journal::default();
        let mut writes = Vec::with_capacity(changed.len());
        for issue in changed {
            let key = issue_key(&next.id, issue.number);
            let before = self.readable_issue(&key)?;
            writes.push((
                key,
                split::encode_issue(&next.id, issue, revision, now),
                before,
            ));
        }
        let mut removals = Vec::with_capacity(gone.len());
        for number in gone {
            let key = issue_key(&next.id, number);
            if let Some(before) = self.readable_issue(&key)? {
                removals.push((key, before));
            }
        }
        // Items added since the last save get their ids now, signed by whoever saves: the
        // record in memory after this save is the one stored, ids and all.
        let author = next.updated_by.clone();
        next.ensure_item_ids(&author);
        let head = split::encode_head(&mut next, revision, now);
        record::check_written(&head, "engagement", Root::Engagement)
            .and_then(|()| {
                writes
                    .iter()
                    .try_for_each(|(_, text, _)| record::check_written(text, "issue", Root::Issue))
            })
            .map_err(SaveError::OutOfBounds)?;
        let written = (|| {
            let keep: Vec<&str> = writes.iter().map(|(key, _, _)| key.as_str()).collect();
            let head_revision = stored.as_ref().map_or(0, |h| h.record.revision);
            self.clear_staged(&next.id, head_revision, &keep, &mut journal)?;
            for (key, text, before) in writes {
                journal.set(&self.store, key, &text, before)?;
            }
            for (key, before) in removals {
                journal.remove(&self.store, key, before)?;
            }
            journal.set(&self.store, head_key, &head, head_raw)
        })();
        if let Err(error) = written {
            journal.undo(&self.store);
            return Err(error.into());
        }
        Ok(Saved {
            chars_delta: journal.chars_delta(),
            record: Record {
                engagement: next,
                revision,
                saved_at: now,
            },
        })
    }

    /// What an issue key holds, refusing if it is damaged (a save never writes over that).
    pub(super) fn readable_issue(&self, key: &str) -> Result<Option<String>, SaveError> {
        match self.store.get(key)? {
            Some(raw) => match decode_issue(key, &raw) {
                Ok(_) => Ok(Some(raw)),
                Err(reason) => Err(SaveError::Unreadable(key.to_owned(), reason)),
            },
            None => Ok(None),
        }
    }

    /// Saves a whole engagement if storage still holds revision `based_on`, reading the stored
    /// copy to see what changed. For rare commands (create, details); frequent ones pass their
    /// in-memory copy to [`Self::save_changes`].
    pub fn save(
        &self,
        engagement: &Engagement,
        based_on: Option<u64>,
        now: DateTime<Utc>,
    ) -> Result<Record, SaveError> {
        let stored = match based_on {
            Some(_) => self.load(&engagement.id)?,
            None => None,
        };
        // A save based on a revision of a record that is gone (deleted, or a restore undone, in
        // another tab) is refused: writing it anew would bring the record back unasked.
        if stored.as_ref().map(|s| s.revision) != based_on {
            return Err(SaveError::Conflict {
                stored: stored.map(Box::new),
            });
        }
        let base = stored.as_ref().map(|s| Base {
            revision: s.revision,
            issues: &s.engagement.issues,
        });
        Ok(self.save_changes(base, engagement.clone(), now)?.record)
    }
}

/// The issues of `next` that differ from `base`, and the numbers `next` no longer has.
fn changed_issues<'a>(base: &[Issue], next: &'a [Issue]) -> (Vec<&'a Issue>, Vec<u32>) {
    let before: HashMap<u32, &Issue> = base.iter().map(|i| (i.number, i)).collect();
    let changed = next
        .iter()
        .filter(|issue| before.get(&issue.number) != Some(issue))
        .collect();
    let now: BTreeMap<u32, ()> = next.iter().map(|i| (i.number, ())).collect();
    let gone = base
        .iter()
        .map(|i| i.number)
        .filter(|n| !now.contains_key(n))
        .collect();
    (changed, gone)
}

#[cfg(test)]
#[path = "repository_tests.rs"]
pub(super) mod tests;
