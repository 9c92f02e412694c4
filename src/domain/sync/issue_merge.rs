//! Two copies of one issue (the same identity) merge into one log: every event of either copy,
//! once, in time order. Whatever the order and grouping of merges, every device ends with the
//! same log, and no event is ever dropped; the title, status and clocks are folded from it.
use std::collections::BTreeMap;

use crate::domain::triage::{Change, Issue, IssueEvent};

/// The order of a merged log: by time, then by id so that events of the same instant come out
/// the same on every device.
fn order_key(event: &IssueEvent) -> (chrono::DateTime<chrono::Utc>, &str) {
    (event.at, event.id.as_str())
}

/// Of two different events that claim one id (which content-derived ids make all but
/// impossible), the one both devices keep: the smaller by time, author, reason and change.
fn pick<'a>(a: &'a IssueEvent, b: &'a IssueEvent) -> &'a IssueEvent {
    let key = |e: &IssueEvent| {
        let change = serde_json::to_string(&e.change).unwrap_or_default();
        (e.at, e.by.clone(), e.why.clone(), change)
    };
    if key(b) < key(a) {
        b
    } else {
        a
    }
}

/// Merges two copies of the issue with one identity (`local.identity() == remote.identity()`).
///
/// - Events: the union by id, ordered by (time, id), except that the first (`logged`) event
///   stays first: another device's clock may run behind, and an event it dated before the
///   issue was logged must not take the issue's identity or its title.
/// - Number: the `to` of the last `renumbered` event of the merged log, if there is one (the
///   issue was renumbered after losing its number's claim); otherwise both copies have the
///   same number (if not, the smaller, so that every device picks the same).
///
/// Commutative, associative and idempotent (on a log already in merged order).
pub fn merge_issue(local: &Issue, remote: &Issue) -> Issue {
    let mut by_id: BTreeMap<&str, &IssueEvent> = BTreeMap::new();
    for event in local.events.iter().chain(&remote.events) {
        by_id
            .entry(event.id.as_str())
            .and_modify(|kept| *kept = pick(kept, event))
            .or_insert(event);
    }
    // The anchor: the first event of either copy, the earlier if they differ.
    let anchor = [local.events.first(), remote.events.first()]
        .into_iter()
        .flatten()
        .map(|e| by_id.get(e.id.as_str()).copied().unwrap_or(e))
        .min_by(|a, b| order_key(a).cmp(&order_key(b)));
    // Each event put in its place as it comes (an issue has tens of events): a sort here would
    // be one more sort routine in the wasm.
    let mut rest: Vec<&IssueEvent> = Vec::new();
    for event in by_id.values().copied() {
        if anchor.is_none_or(|a| a.id != event.id) {
            let at = rest.partition_point(|e| order_key(e) <= order_key(event));
            rest.insert(at, event);
        }
    }
    let events: Vec<IssueEvent> = anchor.into_iter().chain(rest).cloned().collect();
    let renumbered = last_number(&events);
    Issue {
        number: renumbered.unwrap_or(local.number.min(remote.number)),
        events,
    }
}

/// Where the chain of `renumbered` events ends: the `to` that no later move starts `from`.
/// Not simply the last event's: one sync can move an issue twice within the same instant
/// (13 → 21, then 21 → 22 when 21 turns out to be taken too), and events of one instant are
/// ordered by id, which says nothing about which came first.
fn last_number(events: &[IssueEvent]) -> Option<u32> {
    let moves = || {
        events.iter().filter_map(|e| match e.change {
            Change::Renumbered { from, to } => Some((from, to)),
            _ => None,
        })
    };
    moves()
        .rfind(|&(_, to)| !moves().any(|(from, _)| from == to))
        .or_else(|| moves().next_back())
        .map(|(_, to)| to)
}

#[cfg(test)]
#[path = "issue_merge_tests.rs"]
mod tests;
