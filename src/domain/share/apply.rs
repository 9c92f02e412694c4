//! "Save to this browser": what a shared snapshot changes in the local copy of its engagement,
//! worked out in full before anything is written, so the reader sees what will be added,
//! replaced and kept (as with a restore) and confirms it first.
use chrono::{DateTime, Utc};

use super::{SharedCharter, SharedDocument, Snapshot};
use crate::domain::charter::CharterFile;
use crate::domain::{Engagement, EngagementDetails, EngagementForm};

/// The engagement as it would be after saving, and what that changes, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotChange {
    pub engagement: Engagement,
    /// Whether the engagement is new to this browser.
    pub new_engagement: bool,
    pub added: Vec<String>,
    pub replaced: Vec<String>,
    pub kept: Vec<String>,
    /// Why a new engagement is saved under another name than the link's, when it is.
    pub renamed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyRefusal {
    /// The local engagement's exit review is signed: its record never changes.
    Frozen,
    /// The link holds an approved charter revision of this number that differs from the one
    /// approved here: approved revisions never change, so the one here is kept.
    ApprovedHere(u32),
    /// The snapshot holds nothing this browser does not already have.
    NothingNew,
    /// No name free here passes the engagement form's rules; the form's own words say why.
    NoName(String),
    /// The document is shared to be read (an issued steering report), not saved.
    ReadOnly,
}

impl std::fmt::Display for ApplyRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Frozen => f.write_str("The exit review signed here is kept: a signed review freezes its engagement, so the link cannot change it."),
            Self::ApprovedHere(n) => write!(f, "Revision {n} of the charter, approved here, is kept: approved revisions never change. The link has nothing else to save."),
            Self::NothingNew => f.write_str("This browser already has everything in this link: there is nothing to save."),
            Self::NoName(why) => write!(f, "This engagement cannot be saved here under its name or another: {why}."),
            Self::ReadOnly => f.write_str("An issued steering report is shared to be read, printed or downloaded; it stays with the engagement that issued it."),
        }
    }
}

/// The most "(shared n)" names tried before giving up.
const MAX_NAME_TRIES: u32 = 9;

/// The name a new engagement from a link gets here: its own when no other engagement has it,
/// else the first free "Name (shared)", "Name (shared 2)"... Free is decided by the rule that
/// creating or renaming an engagement applies (`EngagementForm::parse`), so the list never
/// shows two engagements it cannot tell apart.
fn free_name(details: &EngagementDetails, other_names: &[String]) -> Result<String, ApplyRefusal> {
    let problem = |name: String| {
        let form = EngagementForm {
            name,
            system: details.system.clone(),
            go_live: details.go_live.format("%Y-%m-%d").to_string(),
        };
        match form.parse(other_names.iter().map(String::as_str)) {
            Ok(parsed) => Ok(parsed.name),
            Err(errors) => match errors.name {
                Some(why) => Err(why),
                // Only the name is decided here; the other fields come from the link as they are.
                None => Ok(form.name.split_whitespace().collect::<Vec<_>>().join(" ")),
            },
        }
    };
    let own = problem(details.name.clone());
    let Err(first_problem) = own else {
        return Ok(details.name.clone());
    };
    (1..=MAX_NAME_TRIES)
        .map(|n| match n {
            1 => format!("{} (shared)", details.name),
            n => format!("{} (shared {n})", details.name),
        })
        .find_map(|candidate| problem(candidate).ok())
        .ok_or(ApplyRefusal::NoName(first_problem))
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
/// `Some(same)` when it had one (the same or a different one). An approved revision here is
/// never replaced: `Err(number)` when the shared one of that number differs.
fn put_charter(
    file: &mut CharterFile,
    shared: &SharedCharter,
) -> Result<Option<bool>, ApplyRefusal> {
    match shared {
        SharedCharter::Draft(d) => {
            let had = file.draft.as_ref().map(|mine| mine == d);
            file.draft = Some(d.clone());
            Ok(had)
        }
        SharedCharter::Revision(r) => {
            match file.revisions.iter().find(|x| x.number == r.number) {
                Some(mine) if mine == r => Ok(Some(true)),
                Some(_) => Err(ApplyRefusal::ApprovedHere(r.number)),
                None => {
                    // Revisions stay oldest first: `latest()` is the last one.
                    let at = file.revisions.partition_point(|x| x.number < r.number);
                    file.revisions.insert(at, r.clone());
                    Ok(None)
                }
            }
        }
    }
}

impl SnapshotChange {
    /// Whether a new engagement's name is still free among `other_names` (another tab may have
    /// taken it since the preview); an update keeps its local name, so it always is.
    pub fn name_still_free(&self, other_names: &[String]) -> bool {
        let details = &self.engagement.details;
        !self.new_engagement || free_name(details, other_names).is_ok_and(|n| n == details.name)
    }
}

/// What saving `snapshot` would do to `local` (this browser's copy of its engagement, if any).
/// Only the shared document changes; the rest of a local engagement is kept as it is.
/// `other_names` are the names of this browser's *other* engagements (for a new engagement's
/// name, as in `EngagementForm::parse`); an update keeps the local name, so they do not matter.
pub fn apply(
    snapshot: &Snapshot,
    local: Option<&Engagement>,
    other_names: &[String],
    now: DateTime<Utc>,
) -> Result<SnapshotChange, ApplyRefusal> {
    if local.is_some_and(Engagement::is_frozen) {
        return Err(ApplyRefusal::Frozen);
    }
    let new_engagement = local.is_none();
    let mut renamed = None;
    let mut next = match local {
        Some(local) => local.clone(),
        None => {
            let mut details = snapshot.engagement.details.clone();
            let name = free_name(&details, other_names)?;
            if name != details.name {
                renamed = Some(format!(
                    "This browser already has another engagement called \u{201c}{}\u{201d}, so this one is saved as \u{201c}{name}\u{201d}. You can rename it afterwards.",
                    details.name
                ));
                details.name = name;
            }
            Engagement::new(snapshot.engagement.id.clone(), details, now)
        }
    };
    let mut tally = Tally {
        added: Vec::new(),
        replaced: Vec::new(),
    };
    if new_engagement {
        tally.added.push(format!(
            "the engagement \u{201c}{}\u{201d} ({}, go-live {})",
            next.details.name,
            next.details.system,
            next.details.go_live.format("%-d %b %Y")
        ));
    }
    let mut kept = Vec::new();
    match &snapshot.document {
        SharedDocument::Charter(shared) => {
            let had = put_charter(&mut next.charter, shared)?;
            tally.note(had, charter_words(shared));
        }
        SharedDocument::Plan { plan, charter } => {
            let had = next.withdrawal.as_ref().map(|mine| mine == plan);
            next.withdrawal = Some(plan.clone());
            tally.note(had, "the withdrawal plan and handoff".to_owned());
            // The plan's weeks mean nothing without a charter; a local one stays in force.
            if next.charter.in_force().is_none() {
                let had = put_charter(&mut next.charter, charter)?;
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
        SharedDocument::SteeringReport { .. } => return Err(ApplyRefusal::ReadOnly),
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
        renamed,
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
            kept.push(format!(
                "{} other approved charter {}",
                others,
                if others == 1 { "revision" } else { "revisions" }
            ));
        }
        if shared_revision.is_some() && e.charter.draft.is_some() {
            kept.push("the charter draft".to_owned());
        }
    }
    if !e.issues.is_empty() {
        kept.push(crate::domain::words::count(
            e.issues.len(),
            "logged issue",
            "logged issues",
        ));
    }
    if e.withdrawal.is_some() && !matches!(document, SharedDocument::Plan { .. }) {
        kept.push("the withdrawal plan".to_owned());
    }
    if e.exit_review.is_some() && !matches!(document, SharedDocument::ExitReview(_)) {
        kept.push("the exit review in progress".to_owned());
    }
    kept
}
