//! A save of thousands of new issues written a slice per task (the service-desk import), so the
//! page stays responsive, without anybody ever seeing half of it.
//!
//! Writing 5,000 issue records takes a browser longer than one task should (`setItem` alone
//! takes about 140 ms for them), so they are written in slices. While they are, a *marker*
//! under [`STAGED_PREFIX`] names the save's revision and the numbers of its new issues, and
//! every reader (this tab, another tab, team sync, a page opened meanwhile) leaves out an issue
//! record the marker covers. The commit, one task, writes the changed existing issues, removes
//! the marker and writes the head: the import appears whole, at once.
//!
//! - Any other save of the engagement meanwhile (another tab, team sync, this tab) first
//!   removes the staged records and the marker, and the import stops at its next step with
//!   [`SaveError::Interrupted`].
//! - Cancel, a full storage or an interruption takes the staged records out again
//!   ([`EngagementRepository::abandon_staged`], a slice per task), the marker last.
//! - If the page dies part-way, the marker keeps the staged records out of sight until the
//!   next save of the engagement removes them.
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

use super::journal::Journal;
use super::record::{self, Record};
use super::repository::{Base, EngagementRepository, SaveError, Saved};
use super::split::{self, decode_head, issue_key, key_for};
use super::{KeyValue, StorageError};
use crate::domain::bounds::Root;
use crate::domain::triage::Issue;
use crate::domain::{Engagement, EngagementId};

/// Markers of saves being written in slices, one per engagement.
pub const STAGED_PREFIX: &str = "handrail:staged:";
const MARKER_FORMAT: &str = "handrail/staged-issues";

pub(super) fn marker_key(id: &EngagementId) -> String {
    format!("{STAGED_PREFIX}{id}")
}

/// What a marker says: whose save it is, the revision it will commit as, and the numbers of
/// the new issues it writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    format: String,
    token: String,
    revision: u64,
    first: u32,
    last: u32,
    /// When the save last wrote a slice: a marker untouched for [`STALE_AFTER_MINUTES`] is
    /// of a page that died, and its records are removed by the next reading.
    touched_at: DateTime<Utc>,
}

/// A staged save writes a slice at least every minute, even in a hidden tab that the browser
/// throttles; one whose marker has not moved for this long is over.
pub const STALE_AFTER_MINUTES: i64 = 10;

impl Marker {
    /// Read from storage: a marker that is damaged, or names more numbers than an engagement
    /// may hold, is no marker (it hides nothing, and a save just removes it).
    fn read(raw: &str) -> Option<Self> {
        // Read through `Value`, which every load already uses: a derived reader would add its
        // own code to the first load for one small record.
        let value: serde_json::Value = serde_json::from_str(raw).ok()?;
        let text = |key: &str| value.get(key)?.as_str().map(str::to_owned);
        let number = |key: &str| u32::try_from(value.get(key)?.as_u64()?).ok();
        let touched_at = DateTime::parse_from_rfc3339(&text("touched_at")?).ok()?;
        let marker = Self {
            format: text("format")?,
            token: text("token")?,
            revision: value.get("revision")?.as_u64()?,
            first: number("first")?,
            last: number("last")?,
            touched_at: touched_at.to_utc(),
        };
        let within = marker.first >= 1
            && marker.last.saturating_add(1) >= marker.first
            && ((marker.last - marker.first.min(marker.last)) as usize)
                < crate::domain::bounds::MAX_ITEMS;
        (marker.format == MARKER_FORMAT && within).then_some(marker)
    }

    /// Whether the record of issue `number`, written at `revision`, is part of this staged
    /// save (and so not to be read yet).
    pub fn covers(&self, number: u32, revision: u64) -> bool {
        (self.first..=self.last).contains(&number) && revision >= self.revision
    }

    /// Whether the marker is of a save still to come after a head at `head_revision`: only
    /// then does it hide anything. A marker at or below the head's revision is one some other
    /// save went past (a Handrail from before markers, say); it hides nothing and removes
    /// nothing but itself.
    pub fn follows(&self, head_revision: u64) -> bool {
        head_revision.checked_add(1) == Some(self.revision)
    }

    fn is_stale(&self, now: DateTime<Utc>) -> bool {
        now - self.touched_at > chrono::Duration::minutes(STALE_AFTER_MINUTES)
    }
}

/// The revision an issue record was written at (read through `Value`, as [`Marker::read`] is;
/// only a save that finds a marker reads it).
fn revision_of(raw: &str) -> Option<u64> {
    serde_json::from_str::<serde_json::Value>(raw)
        .ok()?
        .get("revision")?
        .as_u64()
}

/// A save under way: what it will write, and what it has written.
#[derive(Debug)]
pub struct Staged {
    id: EngagementId,
    marker: Marker,
    marker_text: String,
    base_revision: u64,
    next: Engagement,
    now: DateTime<Utc>,
    /// Indexes into `next.issues` of the new issues, written a slice at a time.
    new: Vec<usize>,
    /// Indexes of changed existing issues, and numbers gone: written by the commit.
    changed: Vec<usize>,
    gone: Vec<u32>,
    /// Each staged key with its text and what it held before, for taking it out again.
    written: Vec<(String, String, Option<String>)>,
    chars_delta: isize,
}

impl Staged {
    /// New issues written so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.written.len(), self.new.len())
    }

    /// Staged records still to take out after the save stopped.
    pub fn left_to_abandon(&self) -> usize {
        self.written.len()
    }
}

impl<S: KeyValue> EngagementRepository<S> {
    /// The marker of a save being written into `id` after its head at `head_revision`, if there
    /// is one that can be read and follows that head (any other hides nothing).
    fn staged_marker(
        &self,
        id: &EngagementId,
        head_revision: u64,
    ) -> Result<Option<Marker>, StorageError> {
        Ok(self
            .store()
            .get(&marker_key(id))?
            .and_then(|raw| Marker::read(&raw))
            .filter(|m| m.follows(head_revision)))
    }

    /// What a reading of `id` (its head at `head_revision`) leaves out: the marker of a save
    /// under way. A marker left by a page that died long ago is cleared instead (its records
    /// with it, best effort), so they do not fill the storage unseen.
    pub(super) fn hidden_by(
        &self,
        id: &EngagementId,
        head_revision: u64,
    ) -> Result<Option<Marker>, StorageError> {
        let marker = self.staged_marker(id, head_revision)?;
        if marker.as_ref().is_some_and(|m| m.is_stale(Utc::now())) {
            let mut journal = Journal::default();
            if self
                .clear_staged(id, head_revision, &[], &mut journal)
                .is_err()
            {
                journal.undo(self.store());
                return Ok(marker);
            }
            return Ok(None);
        }
        Ok(marker)
    }

    /// Removes a staged save's records and its marker (through `journal`), leaving alone the
    /// keys in `keep` (this save writes them). Every ordinary save does this first, which is
    /// what stops a staged save under way: its next step finds the marker gone.
    pub(super) fn clear_staged(
        &self,
        id: &EngagementId,
        head_revision: u64,
        keep: &[&str],
        journal: &mut Journal,
    ) -> Result<(), StorageError> {
        let key = marker_key(id);
        let Some(marker_raw) = self.store().get(&key)? else {
            return Ok(());
        };
        let marker = Marker::read(&marker_raw).filter(|m| m.follows(head_revision));
        if let Some(marker) = marker {
            for number in marker.first..=marker.last {
                let issue = issue_key(id, number);
                if keep.contains(&issue.as_str()) {
                    continue;
                }
                if let Some(raw) = self.store().get(&issue)? {
                    if revision_of(&raw).is_some_and(|r| marker.covers(number, r)) {
                        journal.remove(self.store(), issue, raw)?;
                    }
                }
            }
        }
        journal.remove(self.store(), key, marker_raw)
    }

    /// Starts a save of `next` in slices, based on `base` (the revision storage must still
    /// hold), whose new issues are numbered `first..=last`. Writes only the marker; any earlier
    /// staged save of this engagement (one cut off, or one under way in another tab) is
    /// cleared first.
    pub fn begin_staged(
        &self,
        base: Base<'_>,
        mut next: Engagement,
        (first, last): (u32, u32),
        token: String,
        now: DateTime<Utc>,
    ) -> Result<Staged, SaveError> {
        let whole = self.check_base(&next.id, base.revision)?;
        let mut journal = Journal::default();
        self.clear_staged(&next.id, base.revision, &[], &mut journal)?;
        let author = next.updated_by.clone();
        next.ensure_item_ids(&author);
        let (new, changed, gone) = sort_changes(base.issues, &next.issues, (first, last), whole);
        let marker = Marker {
            format: MARKER_FORMAT.to_owned(),
            token,
            revision: base.revision.saturating_add(1),
            first,
            last,
            touched_at: Utc::now(),
        };
        let marker_text = serde_json::to_string(&marker).unwrap_or_default();
        self.store().set(&marker_key(&next.id), &marker_text)?;
        Ok(Staged {
            id: next.id.clone(),
            chars_delta: journal.chars_delta() + chars(&marker_key(&next.id)) + chars(&marker_text),
            marker,
            marker_text,
            base_revision: base.revision,
            next,
            now,
            new,
            changed,
            gone,
            written: Vec::new(),
        })
    }

    /// Writes more new issues of `staged`, at least one, until `enough` says the slice is done;
    /// true when all are written. Stops with [`SaveError::Interrupted`] if the engagement was
    /// saved meanwhile.
    pub fn write_staged(
        &self,
        staged: &mut Staged,
        mut enough: impl FnMut() -> bool,
    ) -> Result<bool, SaveError> {
        self.check_still_staged(staged)?;
        self.touch(staged)?;
        for at in staged.written.len()..staged.new.len() {
            let issue = &staged.next.issues[staged.new[at]];
            let key = issue_key(&staged.id, issue.number);
            let text = split::encode_issue(&staged.id, issue, staged.marker.revision, staged.now);
            record::check_written(&text, "issue", Root::Issue).map_err(SaveError::OutOfBounds)?;
            let before = self.readable_issue(&key)?;
            self.store().set(&key, &text)?;
            staged.chars_delta += match &before {
                Some(before) => chars(&text) - chars(before),
                None => chars(&key) + chars(&text),
            };
            staged.written.push((key, text, before));
            if enough() {
                break;
            }
        }
        Ok(staged.written.len() == staged.new.len())
    }

    /// Marks the staged save as alive now (see [`STALE_AFTER_MINUTES`]).
    fn touch(&self, staged: &mut Staged) -> Result<(), StorageError> {
        let mut marker = staged.marker.clone();
        marker.touched_at = Utc::now();
        let text = serde_json::to_string(&marker).unwrap_or_default();
        self.store().set(&marker_key(&staged.id), &text)?;
        staged.chars_delta += chars(&text) - chars(&staged.marker_text);
        staged.marker = marker;
        staged.marker_text = text;
        Ok(())
    }

    /// Makes a fully written staged save the stored one, in one step: the changed existing
    /// issues, the marker's removal and the head. On failure storage is as before this call,
    /// and the staged records are still to be abandoned.
    pub fn commit_staged(&self, staged: &mut Staged) -> Result<Saved, SaveError> {
        if staged.written.len() != staged.new.len() {
            return Err(SaveError::Interrupted);
        }
        self.check_still_staged(staged)?;
        let id = staged.id.clone();
        let revision = staged.marker.revision;
        let head_key = key_for(&id);
        let head_before = self.store().get(&head_key)?;
        let mut writes = Vec::with_capacity(staged.changed.len());
        for &at in &staged.changed {
            let issue = &staged.next.issues[at];
            let key = issue_key(&id, issue.number);
            let text = split::encode_issue(&id, issue, revision, staged.now);
            record::check_written(&text, "issue", Root::Issue).map_err(SaveError::OutOfBounds)?;
            writes.push((key.clone(), text, self.readable_issue(&key)?));
        }
        let mut removals = Vec::with_capacity(staged.gone.len());
        for &number in &staged.gone {
            let key = issue_key(&id, number);
            if let Some(before) = self.readable_issue(&key)? {
                removals.push((key, before));
            }
        }
        let mut next = staged.next.clone();
        let head = split::encode_head(&mut next, revision, staged.now);
        record::check_written(&head, "engagement", Root::Engagement)
            .map_err(SaveError::OutOfBounds)?;
        let mut journal = Journal::default();
        let written = (|| {
            for (key, text, before) in writes {
                journal.set(self.store(), key, &text, before)?;
            }
            for (key, before) in removals {
                journal.remove(self.store(), key, before)?;
            }
            // The marker goes before the head: a reader between the two sees the staged records
            // as the newest of the engagement's records, which they are, never hidden under a
            // head that already counts them.
            journal.remove(self.store(), marker_key(&id), staged.marker_text.clone())?;
            journal.set(self.store(), head_key, &head, head_before)
        })();
        if let Err(error) = written {
            journal.undo(self.store());
            return Err(error.into());
        }
        let chars_delta = staged.chars_delta + journal.chars_delta();
        // Committed: nothing is left to take out.
        staged.written.clear();
        Ok(Saved {
            chars_delta,
            record: Record {
                engagement: next,
                revision,
                saved_at: staged.now,
            },
        })
    }

    /// Takes staged records out again, newest first, until `enough` says the slice is done;
    /// then the marker. True when
    /// done: storage is as it was before the save began. If the marker is no longer this
    /// save's, whatever replaced it (another save, a restore, a delete) has already removed the
    /// staged records, and the keys it kept are its own now: nothing is touched.
    pub fn abandon_staged(
        &self,
        staged: &mut Staged,
        mut enough: impl FnMut() -> bool,
    ) -> Result<bool, StorageError> {
        if !self.marker_is(staged)? {
            staged.written.clear();
            return Ok(true);
        }
        while let Some((key, text, before)) = staged.written.pop() {
            if self.store().get(&key)?.as_deref() == Some(text.as_str()) {
                match before {
                    Some(before) => self.store().set(&key, &before)?,
                    None => self.store().remove(&key)?,
                }
            }
            if enough() {
                break;
            }
        }
        if !staged.written.is_empty() {
            return Ok(false);
        }
        self.store().remove(&marker_key(&staged.id))?;
        Ok(true)
    }

    /// Refuses if the stored head is not the one the staged save started from, or the marker
    /// is no longer this save's: another save came in between.
    fn check_still_staged(&self, staged: &Staged) -> Result<(), SaveError> {
        let head = self.store().get(&key_for(&staged.id))?;
        let revision = head.as_deref().and_then(split::peek_revision).or_else(|| {
            head.as_deref()
                .and_then(|raw| decode_head(raw).ok())
                .map(|h| h.record.revision)
        });
        if revision == Some(staged.base_revision) && self.marker_is(staged)? {
            Ok(())
        } else {
            Err(SaveError::Interrupted)
        }
    }
}

/// Which issues of `next` are new (numbered within `first..=last`, written in slices), which
/// changed (written by the commit; every one, if the stored head still holds them whole), and
/// which numbers are gone.
fn sort_changes(
    base: &[Issue],
    next: &[Issue],
    (first, last): (u32, u32),
    whole: bool,
) -> (Vec<usize>, Vec<usize>, Vec<u32>) {
    let before: HashMap<u32, &Issue> = base.iter().map(|i| (i.number, i)).collect();
    let (mut new, mut changed) = (Vec::new(), Vec::new());
    for (at, issue) in next.iter().enumerate() {
        match before.get(&issue.number) {
            None if (first..=last).contains(&issue.number) => new.push(at),
            Some(was) if *was == issue && !whole => {}
            _ => changed.push(at),
        }
    }
    let now: HashSet<u32> = next.iter().map(|i| i.number).collect();
    let gone = base
        .iter()
        .map(|i| i.number)
        .filter(|n| !now.contains(n))
        .collect();
    (new, changed, gone)
}

impl<S: KeyValue> EngagementRepository<S> {
    /// Whether the stored marker is still this staged save's own.
    fn marker_is(&self, staged: &Staged) -> Result<bool, StorageError> {
        Ok(self.store().get(&marker_key(&staged.id))?.as_deref()
            == Some(staged.marker_text.as_str()))
    }
}

fn chars(text: &str) -> isize {
    text.encode_utf16().count() as isize
}

#[cfg(test)]
#[path = "staged_tests.rs"]
mod tests;
