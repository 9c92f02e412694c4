use super::*;
use crate::domain::charter::{Approval, ApprovedRevision};
use crate::domain::fixtures::date;
use crate::domain::sync::testing::{engagement, issue, t};
use crate::domain::triage::Change;

/// `base` as changed by `who` at `t(minute)`, with item ids as every save gives them.
fn edit(
    base: &Engagement,
    who: &str,
    minute: i64,
    change: impl FnOnce(&mut Engagement),
) -> Engagement {
    let mut copy = base.clone();
    change(&mut copy);
    copy.updated_at = t(minute);
    copy.updated_by = who.to_owned();
    copy.ensure_item_ids(who);
    copy
}

fn stored() -> Engagement {
    let mut e = engagement();
    e.ensure_item_ids("");
    e
}

#[test]
fn an_older_backup_does_not_revert_a_teammates_later_change() {
    // The backup was made at minute 5; the team changed the system at minute 20.
    let backup = edit(&stored(), "alice", 5, |e| {
        e.details.system = "Salesforce".into()
    });
    let here = edit(&backup, "bob", 20, |e| {
        e.details.system = "SAP S/4HANA".into()
    });
    let brought = bring_in(&here, &backup, "alice", "", t(30));
    assert_eq!(brought.engagement.details.system, "SAP S/4HANA");
    // Without a common version the older value is a conflict: kept whole, never dropped.
    assert_eq!(brought.notices.len(), 1, "{:?}", brought.notices);
    assert_eq!(brought.notices[0].replaced_value, "Salesforce");
}

#[test]
fn an_older_copys_different_value_is_kept_in_a_notice_for_whoever_brought_it_in() {
    let base = stored();
    let file = edit(&base, "someone", 5, |e| {
        e.details.name = "Acme (restored)".into()
    });
    let here = edit(&base, "bob", 20, |e| {
        e.details.system = "SAP S/4HANA".into()
    });
    let mut brought = bring_in(&here, &file, "alice", "", t(30));
    assert_eq!(brought.engagement.details.name, "Acme CRM rollout");
    assert_eq!(brought.engagement.details.system, "SAP S/4HANA");
    let notice = brought
        .notices
        .first()
        .expect("the file's name is not dropped");
    assert_eq!(notice.replaced_by, "alice");
    assert_eq!(notice.replaced_value, "Acme (restored)");
    let id = notice.id.clone();
    brought
        .engagement
        .use_replaced_value(&id)
        .expect("put back");
    assert_eq!(brought.engagement.details.name, "Acme (restored)");
}

#[test]
fn a_later_copys_value_stands_and_is_an_ordinary_change_now() {
    let base = stored();
    let here = edit(&base, "bob", 5, |e| e.details.system = "SAP ECC".into());
    let link = edit(&base, "carol", 20, |e| {
        e.details.system = "SAP S/4HANA".into()
    });
    let brought = bring_in(&here, &link, "alice", "", t(30));
    assert_eq!(brought.engagement.details.system, "SAP S/4HANA");
    assert_eq!(brought.notices[0].replaced_value, "SAP ECC");
    assert_eq!(brought.notices[0].replaced_by, "bob");
    assert_eq!(brought.engagement.updated_at, t(30));
    assert_eq!(brought.engagement.updated_by, "alice");
}

#[test]
fn issues_are_merged_and_added_never_removed() {
    let mut here = stored();
    here.issues = vec![
        issue(1, "Login fails", "bob", 1),
        issue(2, "Only here", "bob", 2),
    ];
    let mut file = stored();
    let mut login = here.issues[0].clone();
    login.events.push(crate::domain::triage::IssueEvent::new(
        &login.events,
        t(3),
        "alice",
        Change::Severity {
            severity_id: "high".into(),
        },
        "",
    ));
    // Number 2 is taken here by another issue: the file's #2 moves to the next free number.
    file.issues = vec![login, issue(2, "Only in the file", "alice", 4)];
    let brought = bring_in(&here, &file, "alice", "", t(30));
    let titles: Vec<_> = brought
        .engagement
        .issues
        .iter()
        .map(|i| (i.number, i.view().title))
        .collect();
    assert_eq!(
        titles,
        [
            (1, "Login fails".to_owned()),
            (2, "Only here".to_owned()),
            (3, "Only in the file".to_owned())
        ]
    );
    assert_eq!(
        brought.engagement.issues[0].events.len(),
        2,
        "the file's severity came in"
    );
    assert_eq!(brought.merged_issues, [1]);
    assert_eq!(brought.added_issues, [3]);
    assert_eq!(brought.renumbered, [(2, 3)]);
    assert_eq!(
        brought.engagement.issues[2]
            .former_numbers()
            .collect::<Vec<_>>(),
        [2],
        "a search for the file's number still finds it"
    );
}

#[test]
fn an_approved_revision_here_stands_over_the_copys() {
    let approved = |by: &str| ApprovedRevision {
        number: 1,
        charter: engagement().charter.draft.expect("a draft").charter,
        approval: Approval {
            name: by.into(),
            role: "Sponsor".into(),
            date: date("2027-03-01"),
        },
        reason: None,
    };
    let here = edit(&stored(), "bob", 5, |e| {
        e.charter.revisions = vec![approved("Priya")]
    });
    let file = edit(&stored(), "carol", 20, |e| {
        e.charter.revisions = vec![approved("Someone else")]
    });
    let brought = bring_in(&here, &file, "alice", "", t(30));
    assert_eq!(brought.engagement.charter.revisions, here.charter.revisions);
    assert!(!brought.notices.is_empty(), "the copy's approval is named");
}

#[test]
fn bringing_in_the_same_copy_changes_nothing() {
    let here = edit(&stored(), "bob", 5, |e| {
        e.issues = vec![issue(1, "Login fails", "bob", 1)]
    });
    let brought = bring_in(&here, &here.clone(), "alice", "", t(30));
    assert!(brought.changes_nothing(&here));
    assert!(brought.notices.is_empty());
}

#[test]
fn a_merged_issue_never_shares_its_number() {
    let x = issue(3, "X", "bob", 1);
    let mut here = stored();
    here.issues = vec![x.clone(), issue(7, "Y, logged here", "alice", 2)];
    let mut moved = x.clone();
    moved.renumber(7, "bob", t(4));
    let mut copy = stored();
    copy.issues = vec![moved];
    let brought = bring_in(&here, &copy, "bob", "", t(30));
    let numbers: Vec<u32> = brought.engagement.issues.iter().map(|i| i.number).collect();
    assert_eq!(numbers, [7, 8], "X moves on to a free number; Y keeps 7");
    assert_eq!(brought.engagement.issues[1].view().title, "X");
}

#[test]
fn an_older_signed_copy_does_not_freeze_the_teams_engagement() {
    let backup = edit(&stored(), "alice", 5, |e| {
        let review = e.exit_review.get_or_insert_with(Default::default);
        review.signed_at = Some(t(5));
        review.frozen_markdown = "# Signed".into();
    });
    let here = edit(&stored(), "bob", 20, |e| {
        e.details.system = "SAP S/4HANA".into()
    });
    let brought = bring_in(&here, &backup, "alice", "", t(30));
    assert!(!brought.engagement.is_frozen());
    assert_eq!(brought.engagement.details.system, "SAP S/4HANA");
    assert!(brought.signing_left_out);
    assert!(brought
        .describe("the file")
        .iter()
        .any(|s| s.contains("signed exit review")));
}

#[test]
fn other_peoples_events_on_an_issue_here_are_left_out_and_said() {
    let mut here = stored();
    here.issues = vec![issue(1, "Login fails", "bob", 1)];
    let mut copy = here.clone();
    let login = &mut copy.issues[0];
    for (who, severity, minute) in [("carol", "critical", 3), ("alice", "minor", 4)] {
        let event = crate::domain::triage::IssueEvent::new(
            &login.events,
            t(minute),
            who,
            Change::Severity {
                severity_id: severity.into(),
            },
            "",
        );
        login.events.push(event);
    }
    let brought = bring_in(&here, &copy, "alice", "", t(30));
    let events = &brought.engagement.issues[0].events;
    assert_eq!(
        events.len(),
        2,
        "alice's own event comes in, carol's does not"
    );
    assert_eq!(events[1].by, "alice");
    assert_eq!(brought.left_out_events, 1);
}

#[test]
fn a_copy_with_an_item_removed_here_says_it_comes_back() {
    let backup = stored();
    let here = edit(&backup, "bob", 20, |e| {
        if let Some(d) = e.charter.draft.as_mut() {
            d.charter.calendar.holidays.clear();
        }
    });
    let brought = bring_in(&here, &backup, "alice", "", t(30));
    // Without a common version, an item on one side only is taken (the merge rule), and the
    // preview says so rather than "nothing changes".
    assert!(brought.head_changed);
    assert!(brought
        .describe("the file")
        .iter()
        .any(|s| s.contains("comes back")));
}

#[test]
fn my_own_events_under_the_name_typed_before_syncing_come_in() {
    let mut here = stored();
    here.issues = vec![issue(1, "Login fails", "bob", 1)];
    let mut copy = here.clone();
    let login = &mut copy.issues[0];
    let event = crate::domain::triage::IssueEvent::new(
        &login.events,
        t(4),
        "Alice Martin",
        Change::Severity {
            severity_id: "minor".into(),
        },
        "",
    );
    login.events.push(event);
    let brought = bring_in(&here, &copy, "alice", "Alice Martin", t(30));
    assert_eq!(brought.engagement.issues[0].events.len(), 2);
    assert_eq!(brought.left_out_events, 0);
}

#[test]
fn numbers_past_the_bound_are_never_handed_out_twice() {
    let mut here = stored();
    here.issues = vec![
        issue(999_999, "Last allowed", "bob", 1),
        issue(1_000_000, "Past it", "bob", 2),
    ];
    let mut copy = stored();
    copy.issues = vec![
        issue(999_999, "From the file", "alice", 3),
        issue(1_000_000, "Also", "alice", 4),
    ];
    let brought = bring_in(&here, &copy, "alice", "", t(30));
    let mut numbers: Vec<u32> = brought.engagement.issues.iter().map(|i| i.number).collect();
    numbers.dedup();
    assert_eq!(numbers.len(), 4, "{numbers:?}");
}
