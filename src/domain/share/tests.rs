use super::samples::{approved_sample, at, with_plan, with_signed_review};
use super::*;

fn snapshot(e: &Engagement, what: ShareWhat) -> Snapshot {
    Snapshot::of(e, what, 3, 7, at("2027-03-29T17:00:00Z")).unwrap()
}

#[test]
fn every_document_kind_is_taken_from_the_engagement() {
    let e = with_signed_review();
    let s = snapshot(&e, ShareWhat::CharterRevision(1));
    assert_eq!(
        s.document,
        SharedDocument::Charter(SharedCharter::Revision(e.charter.revisions[0].clone()))
    );
    assert_eq!(s.engagement.id, e.id);
    assert_eq!(s.engagement.details, e.details);
    assert_eq!((s.schema, s.source.revision), (3, 7));
    let s = snapshot(&e, ShareWhat::Plan);
    assert!(
        matches!(&s.document, SharedDocument::Plan { plan, charter: SharedCharter::Revision(r) }
            if Some(plan) == e.withdrawal.as_ref() && r.number == 1)
    );
    let s = snapshot(&e, ShareWhat::ExitReview);
    assert!(matches!(&s.document, SharedDocument::ExitReview(r) if r.is_signed()));
}

#[test]
fn what_is_not_there_cannot_be_shared() {
    let e = approved_sample();
    let share = |what| Snapshot::of(&e, what, 3, 1, at("2027-03-01T00:00:00Z")).map(|_| ());
    assert_eq!(share(ShareWhat::CharterDraft), Err(ShareError::NoCharter));
    assert_eq!(
        share(ShareWhat::CharterRevision(2)),
        Err(ShareError::NoRevision(2))
    );
    assert_eq!(share(ShareWhat::Plan), Err(ShareError::NoPlan));
    assert_eq!(
        share(ShareWhat::ExitReview),
        Err(ShareError::ReviewNotSigned)
    );
    let mut unsigned = with_signed_review();
    if let Some(r) = unsigned.exit_review.as_mut() {
        r.signed_at = None;
    }
    assert_eq!(
        Snapshot::of(
            &unsigned,
            ShareWhat::ExitReview,
            3,
            1,
            at("2027-03-01T00:00:00Z")
        )
        .map(|_| ()),
        Err(ShareError::ReviewNotSigned)
    );
}

#[test]
fn provenance_says_where_the_snapshot_came_from() {
    let e = with_signed_review();
    assert_eq!(
        snapshot(&e, ShareWhat::CharterRevision(1)).provenance(),
        "Shared snapshot of charter revision 1, approved 20 Feb 2027 by Daniel Okafor"
    );
    assert_eq!(
        snapshot(&e, ShareWhat::Plan).provenance(),
        "Shared snapshot of the withdrawal plan and handoff, saved 29 Mar 2027"
    );
    assert_eq!(
        snapshot(&e, ShareWhat::ExitReview).provenance(),
        "Shared snapshot of the exit review, signed 29 Mar 2027 by Priya Raman and Helen Ortiz"
    );
    assert_eq!(
        snapshot(&e, ShareWhat::Plan).title(),
        "Withdrawal plan and handoff: Acme CRM rollout"
    );
}

#[test]
fn a_snapshot_compares_with_the_local_copy() {
    let shared_at = approved_sample();
    let s = snapshot(&shared_at, ShareWhat::CharterRevision(1));
    assert_eq!(compare(&s, &shared_at), Comparison::Same);

    // Revised and approved again here: the link's revision 1 is older.
    let mut local = shared_at.clone();
    local.charter.revise("Add the Nordic team").unwrap();
    local
        .charter
        .approve(&crate::domain::charter::ApprovalForm {
            name: "Marta Lindqvist".into(),
            role: "Sponsor".into(),
            date: "2027-03-10".into(),
        })
        .unwrap();
    assert_eq!(compare(&s, &local), Comparison::SnapshotOlder);
    let newer = snapshot(&local, ShareWhat::CharterRevision(2));
    assert_eq!(compare(&newer, &shared_at), Comparison::SnapshotNewer);

    let mut other = shared_at.clone();
    other.id = EngagementId::from_random_bytes([1; 8]);
    assert_eq!(compare(&s, &other), Comparison::DifferentEngagement);
}

#[test]
fn plans_and_reviews_compare_by_content_then_time() {
    let planned = with_plan();
    let s = snapshot(&planned, ShareWhat::Plan);
    assert_eq!(compare(&s, &planned), Comparison::Same);
    // No plan here yet: the link brings one, made after this copy last changed.
    assert_eq!(compare(&s, &approved_sample()), Comparison::SnapshotNewer);
    let mut edited = planned.clone();
    if let Some(p) = edited.withdrawal.as_mut() {
        p.handoff.owner_role = "Sales operations director".into();
    }
    edited.updated_at = at("2027-03-20T09:00:00Z");
    assert_eq!(compare(&s, &edited), Comparison::SnapshotOlder);

    let signed = with_signed_review();
    let review = snapshot(&signed, ShareWhat::ExitReview);
    assert_eq!(compare(&review, &signed), Comparison::Same);
    assert_eq!(compare(&review, &planned), Comparison::SnapshotNewer);
    let mut unsigned = signed.clone();
    if let Some(r) = unsigned.exit_review.as_mut() {
        r.signed_at = None;
    }
    assert_eq!(compare(&review, &unsigned), Comparison::SnapshotNewer);
}

#[test]
fn a_snapshot_round_trips_through_json() {
    let e = with_signed_review();
    for what in [
        ShareWhat::CharterRevision(1),
        ShareWhat::Plan,
        ShareWhat::ExitReview,
    ] {
        let s = snapshot(&e, what);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Snapshot>(&json).unwrap(), s);
    }
}

#[test]
fn the_page_title_names_the_document_and_the_engagement() {
    let e = with_signed_review();
    let name = &e.details.name;
    for (what, words) in [
        (ShareWhat::CharterRevision(1), "Charter revision 1"),
        (ShareWhat::Plan, "Withdrawal plan and handoff"),
        (ShareWhat::ExitReview, "Signed exit review"),
    ] {
        assert_eq!(
            snapshot(&e, what).page_title(),
            format!("{words} \u{b7} {name} \u{b7} shared snapshot")
        );
    }
}
