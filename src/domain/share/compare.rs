//! How a shared snapshot stands against the copy of its engagement this browser already has,
//! so the reader is told before saving whether the link would bring anything new.
use std::cmp::Ordering;

use super::{SharedCharter, SharedDocument, Snapshot};
use crate::domain::Engagement;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// This browser already has exactly this document.
    Same,
    /// This browser has a later version of the document.
    SnapshotOlder,
    /// The snapshot is later than what this browser has (or this browser lacks the document).
    SnapshotNewer,
    /// Not the same engagement, even if the name matches.
    DifferentEngagement,
}

impl Comparison {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Same => "This browser already has this version.",
            Self::SnapshotOlder => "This browser has a newer version than the link.",
            Self::SnapshotNewer => "The link is newer than what this browser has.",
            Self::DifferentEngagement => "This is a different engagement from the one here.",
        }
    }
}

/// Compares a snapshot with a local engagement. Equal documents are the same whatever the
/// times say; otherwise approved revisions are ordered by number and signing beats not signed,
/// and anything else by when each engagement last changed.
pub fn compare(snapshot: &Snapshot, local: &Engagement) -> Comparison {
    if snapshot.engagement.id != local.id {
        return Comparison::DifferentEngagement;
    }
    let by_time = || match snapshot.source.updated_at.cmp(&local.updated_at) {
        Ordering::Less => Comparison::SnapshotOlder,
        // Equal times with different content: two edits in the same instant cannot be ordered,
        // so the reader is offered the snapshot rather than told it is old.
        Ordering::Equal | Ordering::Greater => Comparison::SnapshotNewer,
    };
    match &snapshot.document {
        SharedDocument::Charter(SharedCharter::Revision(shared)) => {
            let latest = local.charter.latest().map_or(0, |r| r.number);
            match shared.number.cmp(&latest) {
                Ordering::Less => Comparison::SnapshotOlder,
                Ordering::Greater => Comparison::SnapshotNewer,
                Ordering::Equal if local.charter.latest() == Some(shared) => Comparison::Same,
                Ordering::Equal => by_time(),
            }
        }
        SharedDocument::Charter(SharedCharter::Draft(shared)) => {
            if local.charter.draft.as_ref() == Some(shared) {
                Comparison::Same
            } else {
                by_time()
            }
        }
        SharedDocument::Plan { plan, .. } => {
            if local.withdrawal.as_ref() == Some(plan) {
                Comparison::Same
            } else {
                by_time()
            }
        }
        SharedDocument::ExitReview(shared) => match &local.exit_review {
            Some(mine) if mine == shared => Comparison::Same,
            Some(mine) if mine.is_signed() && !shared.is_signed() => Comparison::SnapshotOlder,
            Some(mine) if !mine.is_signed() && shared.is_signed() => Comparison::SnapshotNewer,
            None => Comparison::SnapshotNewer,
            Some(_) => by_time(),
        },
        SharedDocument::SteeringReport {
            number,
            frozen_markdown,
        } => match super::steering_markdown(local, *number) {
            Some(mine) if &mine == frozen_markdown => Comparison::Same,
            _ => by_time(),
        },
    }
}
