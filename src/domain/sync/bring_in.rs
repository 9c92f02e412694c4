//! Bringing an outside copy (a backup file's, a share link's) into an engagement that takes
//! part in team sync. A plain replace would write the copy's older values over the team's, and
//! sync would then send them as this browser's change, reverting teammates' work. Instead the
//! copy is merged in like a teammate's copy with no common version: a value on one side only is
//! taken, a value that differs keeps the later save's and the other is kept whole in a merge
//! notice ("Use this value instead" puts it back); issues merge by their events, and nothing
//! here is removed.
use chrono::{DateTime, Utc};

use super::{merge_head, merge_issue, MergeNotice};
use crate::domain::triage::issue::sort_by_number;
use crate::domain::triage::Issue;
use crate::domain::Engagement;

/// The engagement after bringing a copy in, and what that did, for the preview and the toast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BroughtIn {
    pub engagement: Engagement,
    /// The values of one side replaced by the other's, each recoverable.
    pub notices: Vec<MergeNotice>,
    /// Issues of the copy this engagement did not have, by the number they have here.
    pub added_issues: Vec<u32>,
    /// Issues both had whose histories were merged (the copy had events this one did not).
    pub merged_issues: Vec<u32>,
    /// Added issues whose number was taken here by another issue: (from, to).
    pub renumbered: Vec<(u32, u32)>,
    /// Whether the copy was saved later: its differing values stand, this browser's are in the
    /// notices (otherwise the other way round; a merge judges the head as a whole).
    pub copy_is_later: bool,
    /// Events of other people on issues here that the copy had and this browser did not:
    /// left out (they reach the team from their authors).
    pub left_out_events: usize,
    /// The copy's exit review was signed and was not brought in.
    pub signing_left_out: bool,
    /// The engagement's head (everything but the issues) changes.
    pub head_changed: bool,
}

impl BroughtIn {
    /// Whether bringing the copy in changes nothing here.
    pub fn changes_nothing(&self, here: &Engagement) -> bool {
        &self.engagement == here
    }

    /// What bringing the copy in does, in sentences for a preview; `source` names the copy
    /// ("the file", "the link").
    pub fn describe(&self, source: &str) -> Vec<String> {
        let numbers = |list: &[u32]| {
            list.iter()
                .map(|n| format!("#{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut said = Vec::new();
        if !self.added_issues.is_empty() {
            said.push(format!("adds issue {}", numbers(&self.added_issues)));
        }
        for (from, to) in &self.renumbered {
            said.push(format!(
                "{source}\u{2019}s issue #{from} comes in as #{to}: #{from} is another issue here"
            ));
        }
        if !self.merged_issues.is_empty() {
            said.push(format!(
                "adds {source}\u{2019}s events to the history of {}",
                numbers(&self.merged_issues)
            ));
        }
        if self.left_out_events > 0 {
            said.push(format!(
                "leaves out {} by other people on issues this browser has: they reach the team from their authors",
                crate::domain::words::count(self.left_out_events, "event", "events")));
        }
        if self.signing_left_out {
            said.push(format!(
                "leaves out {source}\u{2019}s signed exit review: a signing reaches a synced engagement through team sync"
            ));
        }
        if self.head_changed && (self.notices.is_empty() || !self.copy_is_later) {
            said.push(format!(
                "takes values and list items that only {source} has (an item removed here since comes back)"
            ));
        }
        if !self.notices.is_empty() {
            let fields: Vec<&str> = self.notices.iter().map(|n| n.field.as_str()).collect();
            said.push(if self.copy_is_later {
                format!(
                    "takes {source}\u{2019}s later values for {}; this browser\u{2019}s are kept in merge notices",
                    fields.join("; ")
                )
            } else {
                format!(
                    "keeps this browser\u{2019}s later values for {}; {source}\u{2019}s are kept in merge notices, to put back if wanted",
                    fields.join("; ")
                )
            });
        }
        said
    }
}

/// Merges `copy` into `here`. `by` is the account bringing it in (`typed_name` the name this
/// browser signed with before syncing, whose events are theirs too): the copy's values are
/// theirs now, so a notice for a replaced copy value goes to them, and a changed result is
/// stamped as their change at `now` (an ordinary change that team sync sends as such).
/// Frozen records here stand: an approved revision or a signed review here is never replaced.
pub fn bring_in(
    here: &Engagement,
    copy: &Engagement,
    by: &str,
    typed_name: &str,
    now: DateTime<Utc>,
) -> BroughtIn {
    // A signing is never brought in from outside: it reaches a synced engagement through team
    // sync, from the database that holds it. An older signed copy would otherwise freeze the
    // team's engagement with its own older head.
    let signing_left_out = copy.is_frozen() && !here.is_frozen();
    let copy_as_theirs = Engagement {
        updated_by: by.to_owned(),
        exit_review: if signing_left_out {
            here.exit_review.clone()
        } else {
            copy.exit_review.clone()
        },
        ..copy.clone()
    };
    // `here` on the side a merge treats as the team database's: of two different frozen
    // records, that side's stands.
    let head = merge_head(None, &copy_as_theirs, here);
    let copy_is_later = super::head_merge::later_side(&copy_as_theirs, here);
    let mut engagement = head.engagement;
    let head_changed = without_issues(&engagement) != without_issues(here);
    engagement.issues = here.issues.clone();
    let mut report = IssuesBroughtIn::default();
    for incoming in &copy.issues {
        let mine = [by, typed_name.trim()];
        bring_issue(&mut engagement, incoming, &mine, now, &mut report);
    }
    sort_by_number(&mut engagement.issues);
    if engagement != *here {
        engagement.updated_at = now.max(here.updated_at);
        engagement.updated_by = by.to_owned();
    }
    BroughtIn {
        engagement,
        notices: head.notices,
        added_issues: report.added,
        merged_issues: report.merged,
        renumbered: report.renumbered,
        copy_is_later,
        left_out_events: report.left_out_events,
        signing_left_out,
        head_changed,
    }
}

#[derive(Default)]
struct IssuesBroughtIn {
    added: Vec<u32>,
    merged: Vec<u32>,
    renumbered: Vec<(u32, u32)>,
    left_out_events: usize,
}

/// The engagement's head for comparing: without its issues, stamps and notices.
fn without_issues(e: &Engagement) -> Engagement {
    Engagement {
        issues: Vec::new(),
        merge_notices: Vec::new(),
        updated_at: e.created_at,
        updated_by: String::new(),
        ..e.clone()
    }
}

/// Brings one issue of the copy in: merged with the same issue here, or added. An issue the
/// team may already have takes only this person's events from the copy: the team database
/// accepts an event on an existing issue only from its author, and one it refused would hold
/// the whole issue back. Whatever number the issue ends with is free here.
fn bring_issue(
    engagement: &mut Engagement,
    incoming: &Issue,
    mine: &[&str; 2],
    now: DateTime<Utc>,
    report: &mut IssuesBroughtIn,
) {
    let same = engagement
        .issues
        .iter()
        .position(|i| i.identity() == incoming.identity());
    let Some(index) = same else {
        let mut issue = incoming.clone();
        if engagement.issues.iter().any(|i| i.number == issue.number) {
            let to = next_free_number(engagement);
            report.renumbered.push((issue.number, to));
            issue.renumber(to, mine[0], now);
        }
        report.added.push(issue.number);
        engagement.issues.push(issue);
        return;
    };
    let here = &engagement.issues[index];
    let (own, foreign): (Vec<_>, Vec<_>) = incoming
        .events
        .iter()
        .filter(|e| !here.events.iter().any(|h| h.id == e.id))
        .partition(|e| !e.by.is_empty() && mine.contains(&e.by.as_str()));
    report.left_out_events += foreign.len();
    if own.is_empty() {
        return;
    }
    let mut merged = merge_issue(
        here,
        &Issue {
            number: here.number,
            events: incoming.events.iter().take(1).chain(own).cloned().collect(),
        },
    );
    let clash = engagement
        .issues
        .iter()
        .enumerate()
        .any(|(i, other)| i != index && other.number == merged.number);
    if clash {
        let to = next_free_number(engagement);
        report.renumbered.push((merged.number, to));
        merged.renumber(to, mine[0], now);
    }
    report.merged.push(merged.number);
    engagement.issues[index] = merged;
}

/// The number after every issue number here (never wrapping round past the bound).
fn next_free_number(engagement: &Engagement) -> u32 {
    let taken: std::collections::HashSet<u32> =
        engagement.issues.iter().map(|i| i.number).collect();
    let mut next = taken
        .iter()
        .copied()
        .filter(|n| u64::from(*n) <= crate::domain::bounds::MAX_NUMBER)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    // Past the bound, numbers may be taken already (a crafted file): never hand one out twice.
    while taken.contains(&next) && next < u32::MAX {
        next += 1;
    }
    next
}

#[cfg(test)]
#[path = "bring_in_tests.rs"]
mod tests;
