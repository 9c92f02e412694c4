//! What "Replace" in a restore does to an engagement this browser already has. The file's
//! version replaces the one here, except what is frozen here: a signed exit review freezes
//! the whole record, so it is kept as it is; an approved charter revision never changes, so
//! each revision approved here stays and the file's only adds later ones. What the
//! replacement removes (issues and workshops only here) is listed, so the preview can say it.
//!
//! An engagement that takes part in team sync is not replaced but merged with the file (see
//! `domain::sync::bring_in`): a replace there would be sent to the team as this browser's
//! change and revert teammates' later work.
use chrono::{DateTime, Utc};

use crate::domain::charter::ApprovedRevision;
use crate::domain::sync::{bring_in, BroughtIn};
use crate::domain::Engagement;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// What is written: the file's engagement with what is frozen here kept.
    pub engagement: Engagement,
    /// The numbers of the charter revisions approved here that are kept over the file's.
    pub kept_revisions: Vec<u32>,
    /// Issues here that the file does not have, by number: the replace removes them.
    pub removed_issues: Vec<u32>,
    /// Workshops here that the file does not have, by number.
    pub removed_workshops: Vec<u32>,
    /// Set when the engagement syncs with a team: the file was merged in, not written over
    /// (its `engagement` is the same as the one above), and nothing here is removed.
    pub merged: Option<Box<BroughtIn>>,
}

/// Who brings a file into an engagement that syncs with a team, and when.
#[derive(Debug, Clone, Copy)]
pub struct TeamMerge<'a> {
    pub by: &'a str,
    /// The name this browser signed with before syncing.
    pub typed_name: &'a str,
    pub now: DateTime<Utc>,
}

/// The file's `file` in place of `here` (merged in, when `team` says `here` syncs with a team);
/// `None` when `here` is frozen by a signed exit review and must be kept whole.
pub fn replacement(
    here: &Engagement,
    file: &Engagement,
    team: Option<TeamMerge>,
) -> Option<Replacement> {
    if here.is_frozen() {
        return None;
    }
    if let Some(team) = team {
        let brought = bring_in(here, file, team.by, team.typed_name, team.now);
        return Some(Replacement {
            engagement: brought.engagement.clone(),
            kept_revisions: Vec::new(),
            removed_issues: Vec::new(),
            removed_workshops: Vec::new(),
            merged: Some(Box::new(brought)),
        });
    }
    let mut engagement = file.clone();
    let kept_revisions = keep_approved(&here.charter.revisions, &mut engagement.charter.revisions);
    let removed_issues = here
        .issues
        .iter()
        .filter(|i| !file.issues.iter().any(|f| f.identity() == i.identity()))
        .map(|i| i.number)
        .collect();
    let removed_workshops = here
        .workshops
        .iter()
        .filter(|w| {
            !file
                .workshops
                .iter()
                .any(|f| f.id == w.id && f.created_at == w.created_at)
        })
        .map(|w| w.number)
        .collect();
    Some(Replacement {
        engagement,
        kept_revisions,
        removed_issues,
        removed_workshops,
        merged: None,
    })
}

/// Every revision approved here stands; the file's revisions add only numbers not taken here.
/// Returns the numbers where the file's revision was different (or missing) and ours kept.
fn keep_approved(here: &[ApprovedRevision], file: &mut Vec<ApprovedRevision>) -> Vec<u32> {
    let mut kept = Vec::new();
    for ours in here {
        match file.iter_mut().find(|r| r.number == ours.number) {
            Some(theirs) if theirs == ours => {}
            Some(theirs) => {
                *theirs = ours.clone();
                kept.push(ours.number);
            }
            None => {
                file.push(ours.clone());
                kept.push(ours.number);
            }
        }
    }
    file.sort_by_key(|r| r.number);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::charter::{Approval, ApprovedRevision};
    use crate::domain::fixtures::{self, at, date};
    use crate::domain::triage::Issue;
    use crate::domain::{EngagementDetails, EngagementId};

    fn acme() -> Engagement {
        let details = EngagementDetails {
            name: "Acme".into(),
            system: "SAP".into(),
            go_live: date("2027-03-01"),
        };
        Engagement::new(
            EngagementId::from_random_bytes([3; 8]),
            details,
            at("2027-02-01T09:00:00Z"),
        )
    }

    fn revision(number: u32, approver: &str) -> ApprovedRevision {
        ApprovedRevision {
            number,
            charter: fixtures::charter("SAP", "2027-03-01", "UTC"),
            approval: Approval {
                name: approver.into(),
                role: "Programme director".into(),
                date: date("2027-02-20"),
            },
            reason: None,
        }
    }

    #[test]
    fn a_signed_record_here_is_never_replaced() {
        let mut here = acme();
        here.exit_review = Some(crate::domain::exit::review::ExitReview {
            signed_at: Some(at("2027-04-01T12:00:00Z")),
            ..Default::default()
        });
        let file = acme();
        assert_eq!(replacement(&here, &file, None), None);
    }

    #[test]
    fn revisions_approved_here_stand_and_the_files_later_ones_are_added() {
        let mut here = acme();
        here.charter.revisions = vec![revision(1, "Priya")];
        let mut file = acme();
        file.charter.revisions = vec![revision(1, "Someone else"), revision(2, "Priya")];
        let r = replacement(&here, &file, None).unwrap();
        assert_eq!(r.kept_revisions, vec![1]);
        assert_eq!(r.engagement.charter.revisions[0], revision(1, "Priya"));
        assert_eq!(r.engagement.charter.revisions[1], revision(2, "Priya"));
        // A file made before the approval would otherwise take the approved charter away.
        let r = replacement(&here, &acme(), None).unwrap();
        assert_eq!(r.engagement.charter.revisions, vec![revision(1, "Priya")]);
    }

    #[test]
    fn what_a_replace_removes_is_listed() {
        let mut here = acme();
        let logged = |n, title| Issue::log(n, title, "Ana", at("2027-03-02T09:00:00Z")).unwrap();
        here.issues = vec![logged(1, "In both"), logged(2, "Only here")];
        let mut file = acme();
        file.issues = vec![here.issues[0].clone()];
        let r = replacement(&here, &file, None).unwrap();
        assert_eq!(r.removed_issues, vec![2]);
        assert!(r.removed_workshops.is_empty());
    }

    #[test]
    fn an_engagement_that_syncs_is_merged_with_the_file_and_loses_nothing() {
        let mut here = acme();
        let logged = |n, title| Issue::log(n, title, "Ana", at("2027-03-02T09:00:00Z")).unwrap();
        here.issues = vec![logged(1, "In both"), logged(2, "Only here")];
        here.details.system = "SAP S/4HANA".into();
        here.updated_at = at("2027-03-03T09:00:00Z");
        let mut file = acme();
        file.issues = vec![here.issues[0].clone()];
        file.details.system = "SAP ECC".into();
        let team = TeamMerge {
            by: "ana",
            typed_name: "",
            now: at("2027-03-04T09:00:00Z"),
        };
        let r = replacement(&here, &file, Some(team)).unwrap();
        assert!(r.removed_issues.is_empty());
        assert_eq!(r.engagement.issues.len(), 2, "the issue only here stays");
        assert_eq!(
            r.engagement.details.system, "SAP S/4HANA",
            "the later value stands"
        );
        let merged = r.merged.expect("merged, not replaced");
        assert_eq!(merged.notices[0].replaced_value, "SAP ECC");
    }
}
