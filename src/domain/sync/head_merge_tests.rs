use proptest::prelude::*;

use super::*;
use crate::domain::charter::{Approval, ApprovedRevision};
use crate::domain::fixtures::date;
use crate::domain::sync::testing::{engagement, t};

/// `base` as changed by `who` at `t(minute)`.
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
    copy
}

fn duration(e: &mut Engagement, weeks: u32) {
    if let Some(draft) = e.charter.draft.as_mut() {
        draft.charter.duration_weeks = Some(weeks);
    }
}

fn weeks(e: &Engagement) -> u32 {
    e.charter
        .draft
        .as_ref()
        .and_then(|d| d.charter.duration_weeks)
        .unwrap_or(0)
}

#[test]
fn changes_to_different_fields_both_stand_without_a_notice() {
    let base = engagement();
    let alice = edit(&base, "alice", 10, |e| duration(e, 3));
    let bob = edit(&base, "bob", 20, |e| {
        e.details.system = "Salesforce Sales Cloud".into()
    });
    let merged = merge_head(Some(&base), &alice, &bob);
    assert_eq!(weeks(&merged.engagement), 3);
    assert_eq!(merged.engagement.details.system, "Salesforce Sales Cloud");
    assert!(merged.notices.is_empty());
    assert_eq!(merged.engagement.updated_by, "bob");
}

#[test]
fn one_field_changed_by_both_keeps_the_later_value_and_tells_the_other() {
    let base = engagement();
    let alice = edit(&base, "alice", 10, |e| duration(e, 3));
    let bob = edit(&base, "bob", 20, |e| duration(e, 2));
    for merged in [
        merge_head(Some(&base), &alice, &bob),
        merge_head(Some(&base), &bob, &alice),
    ] {
        assert_eq!(weeks(&merged.engagement), 2);
        assert_eq!(merged.notices.len(), 1);
        let notice = &merged.notices[0];
        assert_eq!(
            (notice.kept_by.as_str(), notice.replaced_by.as_str()),
            ("bob", "alice")
        );
        assert_eq!(notice.replaced_value, "3");
        assert!(
            notice.field.starts_with("Charter draft"),
            "{}",
            notice.field
        );
        assert_eq!(merged.engagement.merge_notices, merged.notices);
    }
}

#[test]
fn a_dismissed_notice_stays_dismissed_after_the_next_merge() {
    let base = engagement();
    let alice = edit(&base, "alice", 10, |e| duration(e, 3));
    let bob = edit(&base, "bob", 20, |e| duration(e, 2));
    let agreed = merge_head(Some(&base), &alice, &bob).engagement;
    let mut read = edit(&agreed, "alice", 30, |_| {});
    let id = read.merge_notices[0].id.clone();
    assert!(read.dismiss_notice(&id));
    let merged = merge_head(Some(&agreed), &read, &agreed);
    assert!(merged.engagement.merge_notices.is_empty());
}

fn approved(number: u32, by: &str, day: &str) -> ApprovedRevision {
    let draft = engagement().charter.draft.expect("a draft");
    ApprovedRevision {
        number,
        charter: draft.charter,
        approval: Approval {
            name: by.into(),
            role: "Sponsor".into(),
            date: date(day),
        },
        reason: None,
    }
}

#[test]
fn approved_revisions_are_never_changed_or_dropped() {
    let base = engagement();
    let alice = edit(&base, "alice", 10, |e| {
        e.charter
            .revisions
            .push(approved(1, "M. Okafor", "2027-02-20"))
    });
    let bob = edit(&base, "bob", 20, |e| {
        e.charter
            .revisions
            .push(approved(1, "J. Smith", "2027-02-21"))
    });
    let merged = merge_head(Some(&base), &alice, &bob);
    assert_eq!(
        merged.engagement.charter.revisions,
        vec![approved(1, "M. Okafor", "2027-02-20")]
    );
    assert!(merged
        .notices
        .iter()
        .any(|n| n.field == "Approved charter revision 1"));
    // A later revision on one side is added; none is removed by a side that lacks it.
    let later = edit(&alice, "alice", 40, |e| {
        e.charter
            .revisions
            .push(approved(2, "M. Okafor", "2027-03-10"))
    });
    let merged = merge_head(Some(&alice), &later, &alice);
    assert_eq!(merged.engagement.charter.revisions.len(), 2);
    let merged = merge_head(Some(&later), &alice, &later);
    assert_eq!(merged.engagement.charter.revisions.len(), 2);
}

#[test]
fn a_signed_review_wins_and_is_never_changed() {
    let base = engagement();
    let signed = edit(&base, "alice", 10, |e| {
        let review = e.exit_review.get_or_insert_with(Default::default);
        review.project_signature.name = "Priya Raman".into();
        review.signed_at = Some(t(10));
        review.frozen_markdown = "# Signed".into();
    });
    let edited = edit(&base, "bob", 50, |e| {
        e.exit_review
            .get_or_insert_with(Default::default)
            .project_signature
            .name = "Someone else".into();
    });
    for merged in [
        merge_head(Some(&base), &signed, &edited),
        merge_head(Some(&base), &edited, &signed),
    ] {
        assert_eq!(merged.engagement.exit_review, signed.exit_review);
    }
}

#[test]
fn without_a_common_version_every_difference_is_a_conflict_the_later_save_wins() {
    let alice = edit(&engagement(), "alice", 10, |e| duration(e, 3));
    let bob = edit(&engagement(), "bob", 20, |e| duration(e, 4));
    let merged = merge_head(None, &alice, &bob);
    assert_eq!(weeks(&merged.engagement), 4);
    assert_eq!(merged.notices.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whichever device merges, the result is the same; merging a head with itself changes
    /// nothing.
    #[test]
    fn merging_is_symmetric_and_idempotent(
        a_weeks in 1u32..8, b_weeks in 1u32..8, a_min in 1i64..100, b_min in 1i64..100,
        a_system in "[A-Za-z ]{0,12}", b_system in "[A-Za-z ]{0,12}",
    ) {
        let base = engagement();
        let alice = edit(&base, "alice", a_min, |e| { duration(e, a_weeks); e.details.system = a_system.clone(); });
        let bob = edit(&base, "bob", b_min, |e| { duration(e, b_weeks); e.details.system = b_system.clone(); });
        let one = merge_head(Some(&base), &alice, &bob);
        let other = merge_head(Some(&base), &bob, &alice);
        prop_assert_eq!(&one.engagement, &other.engagement);
        prop_assert_eq!(merge_head(Some(&base), &alice, &alice).engagement, alice.clone());
        let again = merge_head(Some(&one.engagement), &one.engagement, &other.engagement);
        prop_assert_eq!(again.engagement, one.engagement);
    }
}
