//! What "Replace" in a restore does to an engagement this browser already has. The file's
//! version replaces the one here, except what is frozen here: a signed exit review freezes
//! the whole record, so it is kept as it is; an approved charter revision never changes, so
//! each revision approved here stays and the file's only adds later ones. What the
//! replacement removes (issues and workshops only here) is listed, so the preview can say it.
use crate::domain::charter::ApprovedRevision;
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
}

/// The file's `file` in place of `here`; `None` when `here` is frozen by a signed exit review
/// and must be kept whole.
pub fn replacement(here: &Engagement, file: &Engagement) -> Option<Replacement> {
    if here.is_frozen() {
        return None;
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
        assert_eq!(replacement(&here, &file), None);
    }

    #[test]
    fn revisions_approved_here_stand_and_the_files_later_ones_are_added() {
        let mut here = acme();
        here.charter.revisions = vec![revision(1, "Priya")];
        let mut file = acme();
        file.charter.revisions = vec![revision(1, "Someone else"), revision(2, "Priya")];
        let r = replacement(&here, &file).unwrap();
        assert_eq!(r.kept_revisions, vec![1]);
        assert_eq!(r.engagement.charter.revisions[0], revision(1, "Priya"));
        assert_eq!(r.engagement.charter.revisions[1], revision(2, "Priya"));
        // A file made before the approval would otherwise take the approved charter away.
        let r = replacement(&here, &acme()).unwrap();
        assert_eq!(r.engagement.charter.revisions, vec![revision(1, "Priya")]);
    }

    #[test]
    fn what_a_replace_removes_is_listed() {
        let mut here = acme();
        let logged = |n, title| Issue::log(n, title, "Ana", at("2027-03-02T09:00:00Z")).unwrap();
        here.issues = vec![logged(1, "In both"), logged(2, "Only here")];
        let mut file = acme();
        file.issues = vec![here.issues[0].clone()];
        let r = replacement(&here, &file).unwrap();
        assert_eq!(r.removed_issues, vec![2]);
        assert!(r.removed_workshops.is_empty());
    }
}
