//! Share-link commands: the snapshot of a document to put in a link, how an opened link
//! compares with this browser's copy, and "Save to this browser" (previewed, confirmed,
//! undoable from the toast like a restore). Making and reading the link text is `crate::share`.
use chrono::Utc;

use super::{repository, AppState, CommandError, Undo};
use crate::domain::share::{self, Comparison, ShareWhat, Snapshot, SnapshotChange};
use crate::domain::sync::bring_in;
use crate::storage::record::SCHEMA_VERSION;
use crate::storage::sync_ledger;
use crate::storage::{Record, SaveError};

/// What saving an opened snapshot would do, worked out against the stored copy at `base`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotSave {
    /// The stored revision the change was worked out from (`None`: not in this browser).
    base: Option<u64>,
    change: SnapshotChange,
    /// Set when the engagement syncs with a team: the link is merged in rather than written
    /// over (a link made before a teammate's change must not revert it), and this says what
    /// the merge does.
    merged: Option<Vec<String>>,
}

impl SnapshotSave {
    pub fn name(&self) -> &str {
        self.change.engagement.name()
    }
    pub fn new_engagement(&self) -> bool {
        self.change.new_engagement
    }
    pub fn added(&self) -> &[String] {
        &self.change.added
    }
    pub fn replaced(&self) -> &[String] {
        &self.change.replaced
    }
    pub fn kept(&self) -> &[String] {
        &self.change.kept
    }
    /// What merging the link into an engagement that syncs with a team does, when it does.
    pub fn merged(&self) -> Option<&[String]> {
        self.merged.as_deref()
    }
    /// Why the engagement gets another name here than in the link, when it does.
    pub fn renamed(&self) -> Option<&str> {
        self.change.renamed.as_deref()
    }
}

impl AppState {
    /// The snapshot of one document of an engagement, as stored now, for a share link.
    pub fn share_snapshot(
        &self,
        id: &crate::domain::EngagementId,
        what: ShareWhat,
    ) -> Result<Snapshot, CommandError> {
        let saved = self.find(id).ok_or(CommandError::Missing)?;
        Snapshot::of(
            &saved.engagement,
            what,
            SCHEMA_VERSION,
            saved.revision,
            saved.saved_at,
        )
        .map_err(CommandError::invalid)
    }

    /// How an opened snapshot stands against this browser's copy of its engagement (tracked;
    /// `None`: this browser does not have it).
    pub fn compare_snapshot(&self, snapshot: &Snapshot) -> Option<Comparison> {
        self.find(&snapshot.engagement.id)
            .map(|saved| share::compare(snapshot, &saved.engagement))
    }

    /// What "Save to this browser" would add, replace and keep. Changes nothing.
    pub fn preview_snapshot(&self, snapshot: &Snapshot) -> Result<SnapshotSave, CommandError> {
        if snapshot.schema > SCHEMA_VERSION {
            return Err(CommandError::invalid(
                "This link was made by a newer Handrail. Reload the page to get the newer version, then open the link again.",
            ));
        }
        let repo = repository()?;
        let stored = repo.load(&snapshot.engagement.id)?;
        let others = self.other_names(Some(&snapshot.engagement.id));
        let local = stored.as_ref().map(|r| &r.engagement);
        // Each refusal in its own words: what here is kept, and why.
        let mut change =
            share::apply(snapshot, local, &others, Utc::now()).map_err(CommandError::invalid)?;
        let mut merged = None;
        if let Some(here) = local.filter(|e| sync_ledger::takes_part(repo.store(), &e.id)) {
            // The link's copy as saved when it was shared: a merge judges which side is later.
            let link = crate::domain::Engagement {
                updated_at: snapshot.source.updated_at,
                ..change.engagement.clone()
            };
            let by = self.author(&here.id);
            let brought = bring_in(here, &link, &by, &self.your_name(), Utc::now());
            if brought.changes_nothing(here) {
                return Err(CommandError::invalid(share::ApplyRefusal::NothingNew));
            }
            merged = Some(brought.describe("the link"));
            change.engagement = brought.engagement;
        }
        Ok(SnapshotSave {
            base: stored.as_ref().map(|r| r.revision),
            change,
            merged,
        })
    }

    /// Saves a previewed snapshot the user confirmed. If this browser's copy changed since the
    /// preview (another tab), nothing is written and the error says so. Undoable from the toast.
    pub fn save_snapshot(&self, preview: &SnapshotSave) -> Result<(), CommandError> {
        let repo = repository()?;
        let stored = repo.load(&preview.change.engagement.id)?;
        if stored.as_ref().map(|r| r.revision) != preview.base {
            self.reload();
            return Err(SaveError::Conflict {
                stored: stored.map(Box::new),
            }
            .into());
        }
        if stored.is_some_and(|r| r.engagement.is_frozen()) {
            return Err(CommandError::Frozen);
        }
        let id = &preview.change.engagement.id;
        if !preview.change.name_still_free(&self.other_names(Some(id))) {
            return Err(CommandError::invalid(format!(
                "another engagement here is now called \u{201c}{}\u{201d} (changed in another tab or window). Save again to get a free name.",
                preview.name()
            )));
        }
        let record = Record {
            engagement: preview.change.engagement.clone(),
            revision: preview.base.map_or(1, |r| r + 1),
            saved_at: Utc::now(),
        };
        if preview.change.new_engagement {
            // An engagement that once synced here starts sync afresh (see `forget_kept`).
            sync_ledger::forget_kept(repo.store(), id)?;
        }
        let done = self.note(repo.put_all(&[record]))?;
        self.reload();
        if preview.merged.is_some() {
            // What the merge brought may be with the team already: its notices are the way back.
            let message = format!("Merged the link into \u{201c}{}\u{201d}. Merge notices on its overview put any replaced value back.", preview.name());
            self.show_toast(message, None);
            return Ok(());
        }
        let message = if preview.change.new_engagement {
            format!("Saved \u{201c}{}\u{201d} to this browser.", preview.name())
        } else {
            format!("Updated \u{201c}{}\u{201d} from the link.", preview.name())
        };
        let undo = Undo::Restore {
            done,
            anyway: false,
        };
        self.show_toast(message, Some(undo));
        Ok(())
    }
}
