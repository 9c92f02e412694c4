use proptest::prelude::*;

use super::*;
use crate::domain::sync::testing::{issue, t};
use crate::domain::triage::{Change, IssueEvent, Status};

/// The issue with a status change by `by` at each of `minutes` (written as a device would,
/// each event with its content-derived id).
fn grown(base: &Issue, by: &str, minutes: &[i64]) -> Issue {
    let mut copy = base.clone();
    for minute in minutes {
        copy.events.push(IssueEvent {
            id: String::new(),
            at: t(*minute),
            by: by.to_owned(),
            change: Change::Status {
                status: if minute % 2 == 0 {
                    Status::InProgress
                } else {
                    Status::WaitingOnReporter
                },
            },
            why: format!("{by} at {minute}"),
        });
        copy.ensure_event_ids();
    }
    copy
}

fn ids(issue: &Issue) -> Vec<&str> {
    issue.events.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn both_peoples_events_survive_in_time_order() {
    let base = issue(7, "Quote PDF shows the wrong VAT", "alice", 0);
    let alice = grown(&base, "alice", &[10, 30]);
    let bob = grown(&base, "bob", &[20]);
    let merged = merge_issue(&alice, &bob);
    assert_eq!(merged.events.len(), 4);
    let times: Vec<_> = merged.events.iter().map(|e| e.at).collect();
    assert_eq!(times, vec![t(0), t(10), t(20), t(30)]);
    assert_eq!(merged.identity(), base.identity());
    assert_eq!(merge_issue(&bob, &alice), merged);
}

#[test]
fn the_last_renumbering_sets_the_number() {
    let base = issue(3, "Search is slow", "bob", 0);
    let mut moved = base.clone();
    moved.renumber(9, "bob", t(5));
    let merged = merge_issue(&base, &moved);
    assert_eq!(merged.number, 9);
    assert!(merged
        .events
        .iter()
        .any(|e| e.change == Change::Renumbered { from: 3, to: 9 }));
}

#[test]
fn an_event_dated_before_the_logging_does_not_take_the_issue_over() {
    let base = issue(1, "Login fails", "alice", 30);
    let early = grown(&base, "bob", &[5]);
    let merged = merge_issue(&base, &early);
    assert_eq!(merged.identity(), base.identity());
    assert_eq!(merged.view().title, "Login fails");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Three devices add events to one issue; merging in any order and grouping gives one log
    /// holding every event once.
    #[test]
    fn merging_is_commutative_associative_idempotent_and_loses_nothing(
        a in proptest::collection::vec(1i64..500, 0..6),
        b in proptest::collection::vec(1i64..500, 0..6),
        c in proptest::collection::vec(1i64..500, 0..6),
    ) {
        let base = issue(4, "Accounts lost their owner", "alice", 0);
        let (x, y, z) = (grown(&base, "alice", &a), grown(&base, "bob", &b), grown(&base, "carol", &c));
        let xy = merge_issue(&x, &y);
        prop_assert_eq!(&xy, &merge_issue(&y, &x));
        prop_assert_eq!(merge_issue(&xy, &z), merge_issue(&x, &merge_issue(&y, &z)));
        prop_assert_eq!(merge_issue(&xy, &xy), xy.clone());
        for copy in [&x, &y] {
            for id in ids(copy) {
                prop_assert!(ids(&xy).contains(&id), "event {} dropped", id);
            }
        }
        let mut unique = ids(&xy);
        unique.sort();
        unique.dedup();
        prop_assert_eq!(unique.len(), xy.events.len());
    }
}

#[test]
fn a_contested_number_points_to_the_issue_that_moved_away_from_it() {
    let mut engagement = crate::domain::sync::testing::engagement();
    let kept = issue(5, "Bob's issue", "bob", 0);
    let mut moved = issue(5, "Alice's issue", "alice", 5);
    moved.renumber(7, "alice", t(60));
    engagement.issues = vec![kept, moved];
    assert_eq!(engagement.moved_from(5), vec![7]);
    assert!(engagement.moved_from(7).is_empty());
    // The old number opens the issue that holds it now, not the one that moved.
    assert_eq!(
        engagement.issue(5).map(|i| i.view().title),
        Some("Bob's issue".into())
    );
    assert_eq!(
        engagement.issue(7).map(|i| i.view().title),
        Some("Alice's issue".into())
    );
}

#[test]
fn two_moves_in_one_instant_end_where_the_chain_ends() {
    // One sync lost number 1 and then 2: both moves carry the same instant, and their ids
    // order them either way.
    for (first, second) in [(2, 3), (5, 9), (9, 4)] {
        let mut moved = issue(1, "Quote PDF shows the wrong VAT", "bob", 0);
        moved.renumber(first, "bob", t(5));
        moved.renumber(second, "bob", t(5));
        assert_eq!(moved.number, second);
        let merged = merge_issue(&moved, &moved);
        assert_eq!(merged.number, second, "1 -> {first} -> {second}");
        let other = issue(1, "Quote PDF shows the wrong VAT", "bob", 0);
        assert_eq!(merge_issue(&other, &moved).number, second);
    }
}
