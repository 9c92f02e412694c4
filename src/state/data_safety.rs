//! Commands about the user's data as a whole: backup files, restoring one, damaged records,
//! how much space is used, and the backup reminder.
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use super::download::download_text;
use super::{repository, AppState, CommandError, Undo};
use crate::domain::EngagementId;
use crate::storage::backup::{self, RestoreAction, RestoreItem};
use crate::storage::meta::{self, Meta};
use crate::storage::repository::{key_for, ASIDE_PREFIX, ISSUE_PREFIX, KEY_PREFIX};
use crate::storage::sync_ledger;
use crate::storage::{Unreadable, UnreadableRecord};

/// Backup files larger than this are refused before reading them.
pub const MAX_BACKUP_BYTES: usize = backup::MAX_BACKUP_BYTES;

/// A stored record Handrail cannot read, as the recovery page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedRecord {
    /// What it is: "Stored engagement q3m7xkd2pa", "Stored issue #12 of engagement q3m7xkd2pa".
    pub label: String,
    /// Where it is stored: to download it under a recognisable name, or to discard it.
    pub key: String,
    pub raw: String,
    /// Why it cannot be read, in words.
    pub reason: String,
    /// Saved by a newer Handrail: reloading may bring the version that reads it.
    pub from_newer_version: bool,
}

impl From<&UnreadableRecord> for DamagedRecord {
    fn from(record: &UnreadableRecord) -> Self {
        let issue = record
            .key
            .strip_prefix(ISSUE_PREFIX)
            .and_then(|rest| rest.split_once(':'));
        let aside = record.key.strip_prefix(ASIDE_PREFIX);
        let label = match (record.key.strip_prefix(KEY_PREFIX), issue) {
            _ if aside.is_some() => format!(
                "Team database record {}",
                aside
                    .and_then(|rest| rest.split_once(':'))
                    .map_or("", |(_, doc)| doc)
            ),
            (Some(id), _) => format!("Stored engagement {id}"),
            (None, Some((id, number))) => format!("Stored issue #{number} of engagement {id}"),
            (None, None) => format!("Stored data {}", record.key),
        };
        Self {
            label,
            key: record.key.clone(),
            raw: record.raw.clone(),
            reason: record.reason.to_string(),
            from_newer_version: matches!(record.reason, Unreadable::NewerSchema { .. }),
        }
    }
}

/// What one engagement of a backup file meets in this browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlreadyHere {
    No,
    Identical,
    /// A copy here that cannot be read: never overwritten.
    Damaged,
    /// A different version, saved at `saved_at`; `replacement` says what "Replace" keeps and
    /// removes.
    Different {
        saved_at: DateTime<Utc>,
        file_is_newer: bool,
        replacement: Box<crate::storage::replace::Replacement>,
    },
    /// Its exit review is signed here: kept, whatever the choice.
    Signed,
}

/// One engagement of a backup file, as the restore preview lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreRow {
    pub name: String,
    pub go_live: NaiveDate,
    pub here: AlreadyHere,
}

/// What a backup file holds and what restoring it would do, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestorePreview {
    pub exported_at: DateTime<Utc>,
    /// When the plan was first made: a merge into a synced engagement is dated then, so that
    /// planning again (to catch another tab's changes) gives the same plan when nothing changed.
    planned_at: DateTime<Utc>,
    items: Vec<RestoreItem>,
}

impl RestorePreview {
    pub fn rows(&self) -> Vec<RestoreRow> {
        self.items
            .iter()
            .map(|item| RestoreRow {
                name: item.record.engagement.name().to_owned(),
                go_live: item.record.engagement.details.go_live,
                here: match &item.action {
                    RestoreAction::Add => AlreadyHere::No,
                    RestoreAction::Same => AlreadyHere::Identical,
                    RestoreAction::Blocked => AlreadyHere::Damaged,
                    RestoreAction::Differs {
                        current,
                        replacement,
                    } => AlreadyHere::Different {
                        saved_at: current.saved_at,
                        file_is_newer: item.file_is_newer(),
                        replacement: replacement.clone(),
                    },
                    RestoreAction::Signed { .. } => AlreadyHere::Signed,
                },
            })
            .collect()
    }

    /// How many engagements differ from the copy here (the "replace" choice is about them).
    pub fn differing(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i.action, RestoreAction::Differs { .. }))
            .count()
    }

    /// How many of the differing engagements sync with a team: "Replace" merges those.
    pub fn merging(&self) -> usize {
        self.items.iter().filter(|i| i.merges()).count()
    }

    /// (added, replaced, kept, skipped) if restored with or without replacing.
    pub fn summary(&self, replace: bool) -> (usize, usize, usize, usize) {
        backup::summarise(&self.items, replace)
    }
}

/// localStorage holds about 5 million UTF-16 characters per site in current browsers. We
/// count against a round figure just under that, so the warning comes early, not late.
pub const CAPACITY_CHARS: usize = 5_000_000;
/// Warn from this share of [`CAPACITY_CHARS`] on.
const WARN_AT_PERCENT: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageUse {
    pub used_chars: usize,
    pub percent: usize,
    pub nearly_full: bool,
}

impl AppState {
    pub(super) fn refresh_usage(&self) {
        if let Ok(used) = repository().and_then(|repo| repo.used_chars()) {
            self.used_chars.set(used);
        }
    }

    pub fn storage_use(&self) -> StorageUse {
        let used_chars = self.used_chars.get();
        let percent = (used_chars * 100).div_ceil(CAPACITY_CHARS).min(100);
        StorageUse {
            used_chars,
            percent,
            nearly_full: percent >= WARN_AT_PERCENT,
        }
    }

    /// Downloads a backup of every engagement (`only: None`) or of one. Only a full backup
    /// counts for the reminder, since a one-engagement file does not protect the others.
    pub fn download_backup(&self, only: Option<&EngagementId>) -> Result<(), CommandError> {
        let now = Utc::now();
        // The file holds the records exactly as stored, revision and all.
        let records: Vec<_> = repository()?
            .load_all()?
            .records
            .into_iter()
            .filter(|r| only.is_none_or(|id| &r.engagement.id == id))
            .collect();
        let scope = only.and_then(|_| records.first().map(|r| r.engagement.name().to_owned()));
        let text = backup::export(&records, now);
        download_text(
            &backup::file_name(scope.as_deref(), now),
            "application/json",
            &text,
        )?;
        if only.is_none() {
            let meta = Meta {
                last_backup_at: Some(now),
                ..self.meta.get_untracked()
            };
            self.keep_meta(
                meta,
                "The backup was downloaded, but this browser could not note when, so the backup reminder may come early.",
            );
        }
        Ok(())
    }

    /// Stored records that cannot be read, for the recovery page (tracked).
    pub fn damaged(&self) -> Vec<DamagedRecord> {
        self.unreadable
            .with(|list| list.iter().map(DamagedRecord::from).collect())
    }

    /// How many stored records cannot be read (tracked).
    pub fn damaged_count(&self) -> usize {
        self.unreadable.with(Vec::len)
    }

    /// Whether the stored copy of this engagement cannot be read (tracked).
    pub fn is_damaged(&self, id: &EngagementId) -> bool {
        let key = key_for(id);
        self.unreadable
            .with(|list| list.iter().any(|r| r.key == key))
    }

    /// Reads a backup file and compares it with this browser's data. Changes nothing.
    pub fn preview_restore(&self, text: &str) -> Result<RestorePreview, CommandError> {
        let parsed = backup::parse(text.as_bytes()).map_err(CommandError::invalid)?;
        Ok(self.plan_restore(parsed, Utc::now()))
    }

    /// The message for a file too large to read.
    pub fn backup_too_large(bytes: usize) -> String {
        backup::BackupError::TooLarge { bytes }.to_string()
    }

    fn plan_restore(&self, parsed: backup::Backup, planned_at: DateTime<Utc>) -> RestorePreview {
        let here = repository()
            .and_then(|repo| repo.load_all())
            .unwrap_or_default();
        let team = self.team(&here.records, planned_at);
        RestorePreview {
            exported_at: parsed.exported_at,
            planned_at,
            items: backup::plan(&parsed, &here.records, &here.unreadable, &team),
        }
    }

    /// The engagements here that take part in team sync, with who signs their changes.
    fn team(&self, here: &[crate::storage::Record], now: DateTime<Utc>) -> backup::Team {
        let Ok(repo) = repository() else {
            return backup::Team::default();
        };
        backup::Team {
            authors: here
                .iter()
                .map(|r| &r.engagement.id)
                .filter(|id| sync_ledger::takes_part(repo.store(), id))
                .map(|id| (id.clone(), self.author(id)))
                .collect(),
            typed_name: self.your_name(),
            now,
        }
    }

    /// The same file's engagements compared again with what this browser holds now: another
    /// tab may have changed things since the preview, and a stale plan is never applied.
    pub fn refresh_restore(&self, preview: &RestorePreview) -> RestorePreview {
        let file = backup::Backup {
            exported_at: preview.exported_at,
            records: preview.items.iter().map(|i| i.record.clone()).collect(),
        };
        self.plan_restore(file, preview.planned_at)
    }

    /// Applies a restore the user confirmed: adds new engagements and, if `replace`, replaces
    /// the ones that differ (merges the file into those that sync with a team). All or
    /// nothing; undoable from the toast, except the merges: what they brought may already be
    /// with the team, so their notices are the way back, value by value.
    pub fn restore(&self, preview: &RestorePreview, replace: bool) -> Result<(), CommandError> {
        let items = &preview.items;
        let to_write: Vec<_> = items.iter().filter_map(|i| i.to_write(replace)).collect();
        let (added, replaced, kept, blocked) = backup::summarise(items, replace);
        let merged: Vec<&EngagementId> = items
            .iter()
            .filter(|i| replace && i.merges())
            .map(|i| &i.record.engagement.id)
            .collect();
        let repo = repository()?;
        // An engagement added from the file that once synced here starts sync afresh. Done
        // first: if the restore then fails, the engagement only joins afresh later, which
        // merges without a base and loses nothing.
        for item in items
            .iter()
            .filter(|i| matches!(i.action, RestoreAction::Add))
        {
            sync_ledger::forget_kept(repo.store(), &item.record.engagement.id)?;
        }
        let mut done = self.note(repo.put_all(&to_write))?;
        self.reload();
        let replaced = replaced - merged.len();
        let mut message = format!("Restored: {added} added, {replaced} replaced, {kept} kept.");
        if !merged.is_empty() {
            message.push_str(&format!(
                " {} merged with the team\u{2019}s copy: a merge is not undone as a whole; its merge notices put values back.",
                merged.len()
            ));
        }
        if blocked > 0 {
            message.push_str(&format!(" {blocked} skipped (damaged copy here)."));
        }
        done.retain(|(written, _)| !merged.contains(&&written.engagement.id));
        let undo = (!done.is_empty()).then_some(Undo::Restore {
            done,
            anyway: false,
        });
        self.show_toast(message, undo);
        Ok(())
    }

    /// Removes a damaged record for good. The page asks first and offers the download.
    pub fn discard_damaged(&self, key: &str) -> Result<(), CommandError> {
        repository().and_then(|repo| repo.remove_key(key))?;
        self.reload();
        self.show_toast("The damaged copy was removed.".to_owned(), None);
        Ok(())
    }

    /// Days that changes have been only in this browser, when that calls for a reminder.
    pub fn backup_reminder_days(&self) -> Option<i64> {
        let saves: Vec<_> = self
            .engagements
            .with(|list| list.iter().map(|r| r.saved_at).collect());
        self.meta
            .with(|m| meta::backup_reminder(&saves, m, Utc::now()))
    }

    pub fn snooze_backup_reminder(&self) {
        let snoozed = meta::snooze(&self.meta.get_untracked(), Utc::now());
        self.keep_meta(
            snoozed,
            "The reminder is snoozed for this visit only: it could not be stored.",
        );
    }
}
