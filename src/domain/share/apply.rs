//! "Save to this browser": what a shared snapshot changes in the local copy of its engagement,
//! worked out in full before anything is written, so the reader sees what will be added,
//! replaced and kept (as with a restore) and confirms it first.
use chrono::{DateTime, Utc};

use super::{SharedCharter, SharedDocument, Snapshot};
use crate::domain::charter::CharterFile;
use crate::domain::Engagement;

/// The engagement as it would be after saving, and what that changes, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotChange {
    pub engagement: Engagement,
    /// Whether the engagement is new to this browser.
    pub new_engagement: bool,
    pub added: Vec<String>,
    pub replaced: Vec<String>,
    pub kept: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplyRefusal {
    /// The local engagement's exit review is signed: its record never changes.
    Frozen,
    /// The snapshot holds nothing this browser does not already have.
    NothingNew,
}

impl std::fmt::Display for ApplyRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Frozen => "This engagement\u{2019}s exit review is signed here: its record is frozen, so the link cannot change it.",
            Self::NothingNew => "This browser already has everything in this link: there is nothing to save.",
        })
    }
}

fn charter_words(shared: &SharedCharter) -> String {
    match shared {
        SharedCharter::Draft(_) => "the charter draft".to_owned(),
        SharedCharter::Revision(r) => format!("approved charter revision {}", r.number),
    }
}

struct Tally {
    added: Vec<String>,
    replaced: Vec<String>,
}

impl Tally {
    /// Notes `what` as added or replaced, or not at all when it is already there unchanged.
    fn note(&mut self, had: Option<bool>, what: String) {
        match had {
            None => self.added.push(what),
            Some(true) => {}
            Some(false) => self.replaced.push(what),
        }
    }
}

/// Puts one shared charter into a charter file. `had` is `None` when the file lacked it,
/// `Some(same)` when it had one (the same or a different one).
fn put_charter(file: &mut CharterFile, shared: &SharedCharter) -> Option<bool> {
    match shared {
        SharedCharter::Draft(d) => {
            let had = file.draft.as_ref().map(|mine| mine == d);
            file.draft = Some(d.clone());
            had
        }
        SharedCharter::Revision(r) => {
            match file.revisions.iter().position(|x| x.number == r.number) {
                Some(i) => {
                    let same = file.revisions[i] == *r;
                    file.revisions[i] = r.clone();
                    Some(same)
                }
                None => {
                    // Revisions stay oldest first: `latest()` is the last one.
                    let at = file.revisions.partition_point(|x| x.number < r.number);
                    file.revisions.insert(at, r.clone());
                    None
                }
            }
        }
    }
}

/// What saving `snapshot` would do to `local` (this browser's copy of its engagement, if any).
/// Only the shared document changes; the rest of a local engagement is kept as it is.
pub fn apply(
    snapshot: &Snapshot,
    local: Option<&Engagement>,
    now: DateTime<Utc>,
) -> Result<SnapshotChange, ApplyRefusal> {
    if local.is_some_and(Engagement::is_frozen) {
        return Err(ApplyRefusal::Frozen);
    }
    let new_engagement = local.is_none();
    let mut next = local.cloned().unwrap_or_else(|| {
        Engagement::new(
            snapshot.engagement.id.clone(),
            snapshot.engagement.details.clone(),
            now,
        )
    });
    let mut tally = Tally {
        added: Vec::new(),
        replaced: Vec::new(),
    };
    if new_engagement {
        tally.added.push(format!(
            "the engagement \u{201c}{}\u{201d} ({}, go-live {})",
            snapshot.engagement.details.name,
            snapshot.engagement.details.system,
            snapshot.engagement.details.go_live.format("%-d %b %Y")
        ));
    }
    let mut kept = Vec::new();
    match &snapshot.document {
        SharedDocument::Charter(shared) => {
            let had = put_charter(&mut next.charter, shared);
            tally.note(had, charter_words(shared));
        }
        SharedDocument::Plan { plan, charter } => {
            let had = next.withdrawal.as_ref().map(|mine| mine == plan);
            next.withdrawal = Some(plan.clone());
            tally.note(had, "the withdrawal plan and handoff".to_owned());
            // The plan's weeks mean nothing without a charter; a local one stays in force.
            if next.charter.in_force().is_none() {
                let had = put_charter(&mut next.charter, charter);
                tally.note(had, charter_words(charter));
            } else {
                kept.push("the charter here".to_owned());
            }
        }
        SharedDocument::ExitReview(review) => {
            let had = next.exit_review.as_ref().map(|mine| mine == review);
            next.exit_review = Some(review.clone());
            let mut words = "the signed exit review".to_owned();
            if review.is_signed() {
                words.push_str(" (the engagement becomes read-only)");
            }
            tally.note(had, words);
        }
    }
    if !new_engagement {
        kept.extend(kept_words(&next, &snapshot.document));
    }
    if tally.added.is_empty() && tally.replaced.is_empty() {
        return Err(ApplyRefusal::NothingNew);
    }
    next.updated_at = now;
    Ok(SnapshotChange {
        engagement: next,
        new_engagement,
        added: tally.added,
        replaced: tally.replaced,
        kept,
    })
}

/// The parts of a local engagement a snapshot of `document` leaves as they are.
fn kept_words(e: &Engagement, document: &SharedDocument) -> Vec<String> {
    let mut kept = vec!["the engagement\u{2019}s name, system and go-live date".to_owned()];
    let shared_revision = match document {
        SharedDocument::Charter(SharedCharter::Revision(r)) => Some(r.number),
        _ => None,
    };
    if let SharedDocument::Charter(_) = document {
        let others = e
            .charter
            .revisions
            .iter()
            .filter(|r| Some(r.number) != shared_revision)
            .count();
        if others > 0 {
            kept.push(format!("{others} other approved charter revision(s)"));
        }
        if shared_revision.is_some() && e.charter.draft.is_some() {
            kept.push("the charter draft".to_owned());
        }
    }
    if !e.issues.is_empty() {
        kept.push(format!("{} logged issue(s)", e.issues.len()));
    }
    if e.withdrawal.is_some() && !matches!(document, SharedDocument::Plan { .. }) {
        kept.push("the withdrawal plan".to_owned());
    }
    if e.exit_review.is_some() && !matches!(document, SharedDocument::ExitReview(_)) {
        kept.push("the exit review in progress".to_owned());
    }
    kept
}
