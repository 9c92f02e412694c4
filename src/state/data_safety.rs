//! Commands about the user's data as a whole: backup files, restoring one, damaged records,
//! how much space is used, and the backup reminder.
use chrono::Utc;
use leptos::prelude::*;

use super::download::download_text;
use super::{repository, AppState, Undo};
use crate::domain::EngagementId;
use crate::storage::backup::{self, RestoreAction, RestoreItem};
use crate::storage::meta::{self, Meta};
use crate::storage::SaveError;

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
    pub fn download_backup(&self, only: Option<&EngagementId>) -> Result<(), String> {
        let now = Utc::now();
        let records: Vec<_> = self.engagements.with_untracked(|list| {
            list.iter()
                .filter(|r| only.is_none_or(|id| &r.engagement.id == id))
                .cloned()
                .collect()
        });
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
            // Failing to note the time only means an early reminder; the file is downloaded.
            if let Ok(repo) = repository() {
                let _ = meta.save(repo.store());
            }
            self.meta.set(meta);
        }
        Ok(())
    }

    /// Applies a restore the user confirmed: adds new engagements and, if `replace`, replaces
    /// the ones that differ. All or nothing; undoable from the toast.
    pub fn restore(&self, items: &[RestoreItem], replace: bool) -> Result<(), SaveError> {
        let to_write: Vec<_> = items
            .iter()
            .filter(|item| match item.action {
                RestoreAction::Add => true,
                RestoreAction::Differs { .. } => replace,
                RestoreAction::Same | RestoreAction::Blocked => false,
            })
            .map(|item| item.record.clone())
            .collect();
        let (added, replaced, kept, blocked) = backup::summarise(items, replace);
        let done = self.note(repository()?.put_all(&to_write))?;
        self.reload();
        let mut message = format!("Restored: {added} added, {replaced} replaced, {kept} kept.");
        if blocked > 0 {
            message.push_str(&format!(" {blocked} skipped (damaged copy here)."));
        }
        let undo = (!done.is_empty()).then_some(Undo::Restore(done));
        self.show_toast(message, undo);
        Ok(())
    }

    /// Removes a damaged record for good. The page asks first and offers the download.
    pub fn discard_damaged(&self, key: &str) -> Result<(), String> {
        repository()
            .and_then(|repo| repo.remove_key(key))
            .map_err(|e| e.to_string())?;
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
        if let Ok(repo) = repository() {
            let _ = snoozed.save(repo.store());
        }
        self.meta.set(snoozed);
    }
}
