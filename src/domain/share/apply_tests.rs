//! Saving a snapshot: a new engagement, an update that keeps the rest, and the refusals.
use super::samples::{approved_sample, at, with_plan, with_signed_review};
use super::*;

fn snapshot(e: &Engagement, what: ShareWhat) -> Snapshot {
    Snapshot::of(e, what, 3, 7, at("2027-03-29T17:00:00Z")).unwrap()
}

fn now() -> DateTime<Utc> {
    at("2027-04-02T08:00:00Z")
}

#[test]
fn a_charter_new_to_this_browser_becomes_an_engagement_with_that_charter() {
    let source = approved_sample();
    let s = snapshot(&source, ShareWhat::CharterRevision(1));
    let change = apply(&s, None, &[], now()).unwrap();
    assert!(change.new_engagement);
    assert_eq!(change.engagement.id, source.id);
    assert_eq!(change.engagement.details, source.details);
    assert_eq!(change.engagement.charter, source.charter);
    assert_eq!(change.engagement.created_at, now());
    assert_eq!(change.added.len(), 2, "{:?}", change.added);
    assert!(change.added[0].contains("Acme CRM rollout"));
    assert_eq!(change.added[1], "approved charter revision 1");
    assert!(change.replaced.is_empty() && change.kept.is_empty());
    // Shared again from the saved copy, it is the same document.
    assert_eq!(compare(&s, &change.engagement), Comparison::Same);
}

#[test]
fn a_newer_revision_is_added_after_the_local_ones_and_the_rest_is_kept() {
    let mut newer = with_plan();
    let mut second = newer.charter.revisions[0].clone();
    second.number = 2;
    second.reason = Some("Longer support hours".into());
    newer.charter.revisions.push(second.clone());
    let s = snapshot(&newer, ShareWhat::CharterRevision(2));

    let mut local = with_plan();
    local.issues = with_signed_review().issues;
    let change = apply(&s, Some(&local), &[], now()).unwrap();
    assert!(!change.new_engagement);
    let numbers: Vec<u32> = change
        .engagement
        .charter
        .revisions
        .iter()
        .map(|r| r.number)
        .collect();
    assert_eq!(numbers, [1, 2]);
    assert_eq!(change.engagement.charter.latest(), Some(&second));
    assert_eq!(change.added, ["approved charter revision 2"]);
    assert!(change
        .kept
        .iter()
        .any(|k| k == "1 other approved charter revision"));
    assert!(change
        .kept
        .iter()
        .any(|k| k.ends_with("logged issue") || k.ends_with("logged issues")));
    assert!(change.kept.iter().any(|k| k == "the withdrawal plan"));
    // Only the charter changed.
    assert_eq!(change.engagement.issues, local.issues);
    assert_eq!(change.engagement.withdrawal, local.withdrawal);
    assert_eq!(change.engagement.updated_at, now());
}

#[test]
fn a_different_plan_replaces_the_local_one_and_keeps_the_local_charter() {
    let shared = with_plan();
    let s = snapshot(&shared, ShareWhat::Plan);
    let mut local = with_plan();
    local.withdrawal.as_mut().unwrap().handoff.owner_name = "Someone else".into();
    let change = apply(&s, Some(&local), &[], now()).unwrap();
    assert_eq!(change.replaced, ["the withdrawal plan and handoff"]);
    assert!(change.added.is_empty());
    assert!(change.kept.iter().any(|k| k == "the charter here"));
    assert_eq!(change.engagement.withdrawal, shared.withdrawal);
}

#[test]
fn a_plan_for_an_engagement_without_a_charter_brings_its_charter() {
    let shared = with_plan();
    let s = snapshot(&shared, ShareWhat::Plan);
    let mut local = approved_sample();
    local.charter = Default::default();
    let change = apply(&s, Some(&local), &[], now()).unwrap();
    assert_eq!(
        change.added,
        [
            "the withdrawal plan and handoff",
            "approved charter revision 1"
        ]
    );
    assert_eq!(change.engagement.charter, shared.charter);
}

#[test]
fn a_signed_review_says_it_freezes_the_engagement() {
    let shared = with_signed_review();
    let s = snapshot(&shared, ShareWhat::ExitReview);
    let change = apply(&s, Some(&with_plan()), &[], now()).unwrap();
    assert_eq!(
        change.added,
        ["the signed exit review (the engagement becomes read-only)"]
    );
    assert!(change.engagement.is_frozen());
}

#[test]
fn a_frozen_engagement_is_never_changed_and_nothing_new_is_refused() {
    let frozen = with_signed_review();
    let s = snapshot(&approved_sample(), ShareWhat::CharterRevision(1));
    assert_eq!(
        apply(&s, Some(&frozen), &[], now()),
        Err(ApplyRefusal::Frozen)
    );
    let same = approved_sample();
    assert_eq!(
        apply(&s, Some(&same), &[], now()),
        Err(ApplyRefusal::NothingNew)
    );
}

#[test]
fn a_draft_replaces_the_local_draft() {
    let mut source = approved_sample();
    source
        .charter
        .revise("New support hours")
        .expect("an approved charter can be revised");
    let s = snapshot(&source, ShareWhat::CharterDraft);
    let change = apply(&s, Some(&approved_sample()), &[], now()).unwrap();
    assert_eq!(change.added, ["the charter draft"]);
    assert_eq!(change.engagement.charter.draft, source.charter.draft);
}

#[test]
fn a_new_engagement_whose_name_is_taken_here_is_offered_a_free_one() {
    let source = approved_sample();
    let s = snapshot(&source, ShareWhat::CharterRevision(1));
    let name = source.details.name.clone();
    // The same rule as the engagement form: case and extra spaces do not make a name different.
    let others = vec![
        format!("  {}  ", name.to_uppercase()),
        format!("{name} (shared)"),
    ];
    let change = apply(&s, None, &others, now()).unwrap();
    assert_eq!(change.engagement.details.name, format!("{name} (shared 2)"));
    assert!(change.added[0].contains(&format!("\u{201c}{name} (shared 2)\u{201d}")));
    let why = change.renamed.clone().unwrap();
    assert!(
        why.contains(&format!("another engagement called \u{201c}{name}\u{201d}")),
        "{why}"
    );
    // The rest of the details are the link's; a free name is kept as it is.
    assert_eq!(change.engagement.details.system, source.details.system);
    // Until another engagement takes the offered name too (another tab, before saving).
    assert!(change.name_still_free(&others));
    let mut later = others.clone();
    later.push(format!("{name} (Shared 2)"));
    assert!(!change.name_still_free(&later));
    let free = apply(&s, None, &["Another rollout".to_owned()], now()).unwrap();
    assert_eq!(free.engagement.details.name, name);
    assert_eq!(free.renamed, None);
}

#[test]
fn an_update_keeps_its_name_and_a_name_with_no_free_variant_is_refused_with_the_reason() {
    let source = approved_sample();
    let s = snapshot(&source, ShareWhat::CharterRevision(1));
    // An update keeps the local name: other engagements' names do not matter.
    let mut local = source.clone();
    local.charter.revisions.clear();
    let taken = vec![source.details.name.clone()];
    let change = apply(&s, Some(&local), &taken, now()).unwrap();
    assert_eq!(change.engagement.details.name, source.details.name);
    assert_eq!(change.renamed, None);
    // A name at the form's length limit has no room for "(shared)": refused, in the form's words.
    let mut long = source.clone();
    long.details.name = "x".repeat(crate::domain::engagement::MAX_TEXT_LEN);
    let s = snapshot(&long, ShareWhat::CharterRevision(1));
    let refusal = apply(&s, None, &[long.details.name.clone()], now()).unwrap_err();
    let ApplyRefusal::NoName(why) = &refusal else {
        panic!("{refusal:?}");
    };
    assert!(
        why.contains("There is already an engagement called"),
        "{why}"
    );
    assert!(refusal
        .to_string()
        .starts_with("This engagement cannot be saved here"));
}

#[test]
fn an_approved_revision_here_is_never_replaced_by_a_different_one_of_its_number() {
    let local = approved_sample();
    // The link's revision 1 says something else than the one approved here.
    let mut other = approved_sample();
    other.charter.revisions[0].approval.name = "Someone Else".into();
    other.charter.revisions[0].charter.duration_weeks = Some(6);
    let s = snapshot(&other, ShareWhat::CharterRevision(1));
    let refusal = apply(&s, Some(&local), &[], now()).unwrap_err();
    assert_eq!(refusal, ApplyRefusal::ApprovedHere(1));
    assert_eq!(
        refusal.to_string(),
        "Revision 1 of the charter, approved here, is kept: approved revisions never change. The link has nothing else to save."
    );
    // A plan that brings its charter keeps the approved one here too.
    let mut plan_source = with_plan();
    plan_source.charter.revisions[0].approval.name = "Someone Else".into();
    let s = snapshot(&plan_source, ShareWhat::Plan);
    let change = apply(&s, Some(&local), &[], now()).unwrap();
    assert_eq!(change.engagement.charter, local.charter);
    assert!(change.kept.iter().any(|k| k == "the charter here"));
}

#[test]
fn a_signed_exit_review_here_is_kept_whatever_the_link_holds() {
    let local = with_signed_review();
    let mut other = with_signed_review();
    if let Some(review) = other.exit_review.as_mut() {
        review
            .frozen_markdown
            .push_str("\nA line added elsewhere.\n");
    }
    for what in [
        ShareWhat::ExitReview,
        ShareWhat::Plan,
        ShareWhat::CharterRevision(1),
    ] {
        let refusal = apply(&snapshot(&other, what), Some(&local), &[], now()).unwrap_err();
        assert_eq!(refusal, ApplyRefusal::Frozen);
        assert!(
            refusal
                .to_string()
                .starts_with("The exit review signed here is kept"),
            "{refusal}"
        );
    }
}
