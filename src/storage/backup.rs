//! Backup files: every engagement (or one) in one JSON file the user keeps, and the rules for
//! restoring one. The format is documented in `docs/backup-format.md`.
//!
//! Restoring is two steps, so nothing changes before the user has seen what will happen:
//! [`parse`] checks the file and refuses anything doubtful with a message that says what is
//! wrong; [`plan`] compares it with what this browser holds and says, engagement by
//! engagement, whether it will be added, replaced, kept, or left alone.
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use std::fmt;

use super::record::{self, Record, RECORD_FORMAT};
use super::UnreadableRecord;

pub const BACKUP_FORMAT: &str = "handrail/backup";
/// Version of the backup file's own layout (not of the engagements inside, which carry their
/// schema and are migrated like stored records).
pub const BACKUP_VERSION: u64 = 1;
/// Larger than localStorage can hold (about 5 MB), so a bigger file cannot be a real backup;
/// refusing it early keeps a wrong file from freezing the page.
pub const MAX_BACKUP_BYTES: usize = 10 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub exported_at: DateTime<Utc>,
    pub records: Vec<Record>,
}

/// Why a file was refused. Nothing has changed when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    /// Not JSON; `truncated` when the text simply stops, as a partial download does.
    NotJson {
        truncated: bool,
        detail: String,
    },
    NotABackup,
    /// A key appears twice in one object (`why` names it by its path).
    DuplicateKey {
        why: String,
    },
    /// The file's `exported_at` is missing, not a time, or outside the bounds.
    BadExportTime {
        found: String,
    },
    NewerVersion {
        found: u64,
    },
    UnknownVersion {
        found: String,
    },
    /// One engagement in the file is unreadable; the whole file is refused.
    BadEngagement {
        index: usize,
        reason: String,
    },
    DuplicateEngagement {
        id: String,
    },
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("The file is empty."),
            Self::TooLarge { bytes } => write!(
                f,
                "The file is {} MB, more than a Handrail backup can be ({} MB at most). Check that you picked the right file.",
                bytes / (1024 * 1024),
                MAX_BACKUP_BYTES / (1024 * 1024)
            ),
            Self::NotJson { truncated: true, .. } => f.write_str(
                "The file ends too early: it looks cut off, perhaps by an interrupted download. Download the backup again.",
            ),
            Self::NotJson { truncated: false, detail } => {
                write!(f, "The file is not a Handrail backup: it is not valid JSON ({detail}).")
            }
            Self::NotABackup => f.write_str(
                "The file is JSON, but not a Handrail backup (it has no \u{201c}format\u{201d}: \u{201c}handrail/backup\u{201d}).",
            ),
            Self::DuplicateKey { why } => write!(
                f,
                "The file is not a backup Handrail made: {why}, and a backup never repeats a field."
            ),
            Self::BadExportTime { found } => write!(
                f,
                "The file\u{2019}s \u{201c}exported_at\u{201d} is {found}, not a date and time from {} to {}, so the file was not made by Handrail or was changed by hand.",
                crate::domain::bounds::EARLIEST_YEAR,
                crate::domain::bounds::LATEST_YEAR
            ),
            Self::NewerVersion { found } => write!(
                f,
                "The file was made by a newer version of Handrail (backup version {found}; this version reads up to {BACKUP_VERSION}). Reload Handrail to get the newer version, then try again."
            ),
            Self::UnknownVersion { found } => {
                write!(f, "The file's backup version ({found}) is not one Handrail knows.")
            }
            Self::BadEngagement { index, reason } => write!(
                f,
                "Engagement {} in the file cannot be read: {reason}. Nothing was restored.",
                index + 1
            ),
            Self::DuplicateEngagement { id } => write!(
                f,
                "The file holds engagement {id} twice, so it is not a backup Handrail made."
            ),
        }
    }
}

#[derive(Serialize)]
struct BackupOut {
    format: &'static str,
    version: u64,
    exported_at: DateTime<Utc>,
    engagements: Vec<Value>,
}

/// The backup file for `records`, pretty-printed so people can read and diff it.
pub fn export(records: &[Record], exported_at: DateTime<Utc>) -> String {
    let engagements = records
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(&record::encode(&r.engagement, r.revision, r.saved_at))
                .unwrap_or(Value::Null)
        })
        .collect();
    let out = BackupOut {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exported_at,
        engagements,
    };
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// A file name that sorts by date and says what is inside.
pub fn file_name(scope: Option<&str>, exported_at: DateTime<Utc>) -> String {
    let stamp = exported_at.format("%Y-%m-%d-%H%M");
    match scope {
        None => format!("handrail-backup-{stamp}.json"),
        Some(name) => {
            let slug = crate::domain::engagement::slug(name);
            format!("handrail-{slug}-{stamp}.json")
        }
    }
}

/// Reads a backup file. Never panics, whatever the bytes.
pub fn parse(bytes: &[u8]) -> Result<Backup, BackupError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge { bytes: bytes.len() });
    }
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(BackupError::Empty);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| BackupError::NotJson {
        truncated: e.is_eof(),
        detail: e.to_string(),
    })?;
    let Value::Object(mut file) = value else {
        return Err(BackupError::NotABackup);
    };
    // A key twice in one object: this reader would keep the last, another tool the first.
    crate::domain::json::check_unique_keys(text)
        .map_err(|why| BackupError::DuplicateKey { why })?;
    if file.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
        return Err(BackupError::NotABackup);
    }
    match file.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(BACKUP_VERSION) => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > BACKUP_VERSION) => {
            return Err(BackupError::NewerVersion {
                found: n.as_u64().unwrap_or_default(),
            })
        }
        other => {
            return Err(BackupError::UnknownVersion {
                found: other.map_or_else(|| "missing".to_owned(), Value::to_string),
            })
        }
    }
    let found = file.get("exported_at").cloned().unwrap_or(Value::Null);
    let exported_at = serde_json::from_value::<DateTime<Utc>>(found.clone())
        .ok()
        .filter(|t| crate::domain::bounds::date_allowed(t.date_naive()))
        .ok_or_else(|| BackupError::BadExportTime {
            found: match found {
                Value::Null => "missing".to_owned(),
                other => crate::domain::bounds::shorten(&other.to_string()),
            },
        })?;
    let Some(Value::Array(items)) = file.remove("engagements") else {
        return Err(BackupError::NotABackup);
    };
    let mut records: Vec<Record> = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        if item.get("format").and_then(Value::as_str) != Some(RECORD_FORMAT) {
            return Err(BackupError::BadEngagement {
                index,
                reason: "it is not an engagement record".to_owned(),
            });
        }
        let record =
            record::decode(&item.to_string()).map_err(|reason| BackupError::BadEngagement {
                index,
                reason: reason.to_string(),
            })?;
        if records
            .iter()
            .any(|r| r.engagement.id == record.engagement.id)
        {
            return Err(BackupError::DuplicateEngagement {
                id: record.engagement.id.to_string(),
            });
        }
        records.push(record);
    }
    Ok(Backup {
        exported_at,
        records,
    })
}

/// What restoring will do to one engagement of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreAction {
    /// Not in this browser: it will be added.
    Add,
    /// In this browser with different content: replaced if the user chooses so (by
    /// `replacement`, which keeps what is frozen here), kept otherwise.
    Differs {
        current: Box<Record>,
        replacement: Box<super::replace::Replacement>,
    },
    /// In this browser with its exit review signed: a signed record never changes, so it is
    /// kept whatever the user chooses.
    Signed { current: Box<Record> },
    /// Already here exactly as in the file: nothing to do.
    Same,
    /// This browser holds a damaged copy under the same id: left alone, never overwritten.
    Blocked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreItem {
    pub record: Record,
    pub action: RestoreAction,
}

impl RestoreItem {
    /// What restoring writes for this engagement, if anything.
    pub fn to_write(&self, replace: bool) -> Option<Record> {
        match &self.action {
            RestoreAction::Add => Some(self.record.clone()),
            // A later save than the one here: the revision counter never goes back (another
            // tab's save based on the revision here must be refused, not taken as current).
            RestoreAction::Differs {
                replacement,
                current,
            } if replace => Some(Record {
                engagement: replacement.engagement.clone(),
                revision: current.revision.max(self.record.revision).saturating_add(1),
                ..self.record.clone()
            }),
            _ => None,
        }
    }

    /// Whether choosing "Replace" merges the file in (the engagement syncs with a team).
    pub fn merges(&self) -> bool {
        matches!(&self.action, RestoreAction::Differs { replacement, .. } if replacement.merged.is_some())
    }

    /// Whether the file's copy was saved later than the one here (for "replace newer" hints).
    pub fn file_is_newer(&self) -> bool {
        match &self.action {
            RestoreAction::Differs { current, .. } => {
                self.record.engagement.updated_at > current.engagement.updated_at
            }
            _ => false,
        }
    }
}

/// The engagements here that sync with a team, each with the account that signs its changes,
/// and the time of the restore: these are merged with the file, never replaced.
#[derive(Debug, Clone, Default)]
pub struct Team {
    pub authors: Vec<(crate::domain::EngagementId, String)>,
    /// The name this browser signed with before syncing.
    pub typed_name: String,
    pub now: chrono::DateTime<chrono::Utc>,
}

impl Team {
    fn merge_for(&self, id: &crate::domain::EngagementId) -> Option<super::replace::TeamMerge<'_>> {
        self.authors
            .iter()
            .find(|(synced, _)| synced == id)
            .map(|(_, by)| super::replace::TeamMerge {
                by,
                typed_name: &self.typed_name,
                now: self.now,
            })
    }
}

/// Compares a backup with this browser's engagements and damaged records.
pub fn plan(
    backup: &Backup,
    here: &[Record],
    damaged: &[UnreadableRecord],
    team: &Team,
) -> Vec<RestoreItem> {
    backup
        .records
        .iter()
        .map(|record| {
            let id = &record.engagement.id;
            let key = super::repository::key_for(id);
            let issues = super::split::issue_prefix(id);
            // A damaged head or issue record of this engagement: a restore would write over it.
            let action = if damaged
                .iter()
                .any(|d| d.key == key || d.key.starts_with(&issues))
            {
                RestoreAction::Blocked
            } else {
                match here.iter().find(|r| &r.engagement.id == id) {
                    None => RestoreAction::Add,
                    Some(current) if current.engagement == record.engagement => RestoreAction::Same,
                    Some(current) => {
                        let merge = team.merge_for(id);
                        match super::replace::replacement(
                            &current.engagement,
                            &record.engagement,
                            merge,
                        ) {
                            Some(replacement) => RestoreAction::Differs {
                                current: Box::new(current.clone()),
                                replacement: Box::new(replacement),
                            },
                            None => RestoreAction::Signed {
                                current: Box::new(current.clone()),
                            },
                        }
                    }
                }
            };
            RestoreItem {
                record: record.clone(),
                action,
            }
        })
        .collect()
}

/// Counts for the confirmation sentence: added, replaced, kept, blocked.
pub fn summarise(items: &[RestoreItem], replace: bool) -> (usize, usize, usize, usize) {
    let mut counts = (0, 0, 0, 0);
    for item in items {
        match item.action {
            RestoreAction::Add => counts.0 += 1,
            RestoreAction::Differs { .. } if replace => counts.1 += 1,
            RestoreAction::Differs { .. } | RestoreAction::Same | RestoreAction::Signed { .. } => {
                counts.2 += 1
            }
            RestoreAction::Blocked => counts.3 += 1,
        }
    }
    counts
}
