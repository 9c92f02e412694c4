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
    // As the repository does on every save: new list items get their ids.
    copy.ensure_item_ids(who);
    copy
}

/// The engagement as every device reads it from storage: list items with their ids.
fn stored() -> Engagement {
    let mut e = engagement();
    e.ensure_item_ids("");
    e
}

fn workshop(e: &mut Engagement, minute: i64) {
    let number = e.workshops.len() as u32 + 1;
    e.workshops.push(crate::domain::workshop::Workshop::new(
        number,
        crate::domain::workshop::AgendaKind::CharterWorkshop,
        "Dana",
        t(minute),
    ));
}

fn decide(e: &mut Engagement, text: &str, by: &str, minute: i64) {
    let form = crate::domain::workshop::DecisionForm {
        text: text.into(),
        recorded_by: by.into(),
        ..Default::default()
    };
    e.workshops[0]
        .record_decision(&form, t(minute))
        .expect("a decision");
}

fn decisions(e: &Engagement) -> Vec<&str> {
    e.workshops
        .iter()
        .flat_map(|w| &w.decisions)
        .map(|d| d.text.as_str())
        .collect()
}

#[test]
fn two_consoles_offline_keep_both_decisions() {
    let base = edit(&stored(), "dana", 1, |e| workshop(e, 1));
    let dana = edit(&base, "dana", 10, |e| {
        decide(e, "Reports are out of scope", "Dana", 10)
    });
    let lee = edit(&base, "lee", 12, |e| {
        decide(e, "Data fixes are in scope", "Lee", 12)
    });
    for merged in [
        merge_head(Some(&base), &dana, &lee),
        merge_head(Some(&base), &lee, &dana),
    ] {
        let mut held = decisions(&merged.engagement);
        held.sort_unstable();
        assert_eq!(
            held,
            ["Data fixes are in scope", "Reports are out of scope"]
        );
        assert!(merged.notices.is_empty(), "{:?}", merged.notices);
    }
}

#[test]
fn two_workshops_started_offline_are_both_kept_under_two_numbers() {
    let base = stored();
    let dana = edit(&base, "dana", 10, |e| workshop(e, 10));
    let lee = edit(&base, "lee", 12, |e| workshop(e, 12));
    let one = merge_head(Some(&base), &dana, &lee).engagement;
    let other = merge_head(Some(&base), &lee, &dana).engagement;
    assert_eq!(one, other);
    let numbers: Vec<(u32, &str)> = one
        .workshops
        .iter()
        .map(|w| (w.number, w.facilitator.as_str()))
        .collect();
    assert_eq!(numbers.len(), 2);
    assert!(
        numbers.contains(&(1, "Dana")),
        "the earlier keeps its number: {numbers:?}"
    );
    assert!(numbers.contains(&(2, "Dana")));
    assert_ne!(one.workshops[0].id, one.workshops[1].id);
}

#[test]
fn holidays_and_escalation_levels_added_on_two_devices_all_stay() {
    let base = stored();
    let holiday = |e: &mut Engagement, date: &str, name: &str| {
        if let Some(d) = e.charter.draft.as_mut() {
            d.charter
                .calendar
                .holidays
                .push(crate::domain::charter::Holiday {
                    id: String::new(),
                    date: date.into(),
                    name: name.into(),
                });
        }
    };
    let alice = edit(&base, "alice", 10, |e| {
        holiday(e, "2027-04-02", "Good Friday")
    });
    let bob = edit(&base, "bob", 20, |e| {
        holiday(e, "2027-04-05", "Easter Monday")
    });
    let merged = merge_head(Some(&base), &alice, &bob).engagement;
    let names = crate::domain::sync::testing::holiday_names(&merged);
    assert!(names.contains(&"Good Friday".to_owned()), "{names:?}");
    assert!(names.contains(&"Easter Monday".to_owned()), "{names:?}");
}

#[test]
fn a_replaced_value_is_kept_whole_and_can_be_put_back() {
    let base = stored();
    let long = "Call the duty manager on +44 20 7946 0000, then ".repeat(20);
    let alice = edit(&base, "alice", 10, |e| e.details.system = long.clone());
    let bob = edit(&base, "bob", 20, |e| {
        e.details.system = "SAP S/4HANA".into()
    });
    let mut merged = merge_head(Some(&base), &alice, &bob).engagement;
    assert_eq!(merged.details.system, "SAP S/4HANA");
    let notice = merged.merge_notices[0].clone();
    assert_eq!(notice.replaced_by, "alice");
    assert_eq!(notice.replaced_value, long, "not cut to 120 characters");
    merged.use_replaced_value(&notice.id).expect("put back");
    assert_eq!(merged.details.system, long);
    assert!(merged.merge_notices.is_empty(), "the notice is done with");
    assert!(merged.use_replaced_value(&notice.id).is_err(), "only once");
}

#[test]
fn a_replaced_list_item_goes_back_into_its_list() {
    let base = stored();
    let contact = |e: &mut Engagement, text: &str| {
        if let Some(d) = e.charter.draft.as_mut() {
            d.charter.escalation[0].how_to_reach = text.into();
        }
    };
    let alice = edit(&base, "alice", 10, |e| contact(e, "ext. 4411"));
    let bob = edit(&base, "bob", 20, |e| contact(e, "ext. 5000"));
    let mut merged = merge_head(Some(&base), &alice, &bob).engagement;
    let reach = |e: &Engagement| {
        e.charter
            .draft
            .as_ref()
            .map(|d| d.charter.escalation[0].how_to_reach.clone())
    };
    assert_eq!(reach(&merged).as_deref(), Some("ext. 5000"));
    let id = merged.merge_notices[0].id.clone();
    merged.use_replaced_value(&id).expect("put back");
    assert_eq!(reach(&merged).as_deref(), Some("ext. 4411"));
}

#[test]
fn two_items_of_one_name_replaced_alike_make_two_notices() {
    let base = edit(&stored(), "alice", 1, |e| {
        if let Some(d) = e.charter.draft.as_mut() {
            for level in &mut d.charter.escalation[..2] {
                level.name = "Duty manager".into();
            }
        }
    });
    let reach = |e: &mut Engagement, text: &str| {
        if let Some(d) = e.charter.draft.as_mut() {
            for level in &mut d.charter.escalation[..2] {
                level.how_to_reach = text.into();
            }
        }
    };
    let alice = edit(&base, "alice", 10, |e| reach(e, "ext. 4411"));
    let bob = edit(&base, "bob", 20, |e| reach(e, "ext. 5000"));
    let merged = merge_head(Some(&base), &alice, &bob).engagement;
    assert_eq!(merged.merge_notices.len(), 2, "{:?}", merged.merge_notices);
}

#[test]
fn without_a_common_version_a_value_on_one_side_only_is_taken() {
    let alice = edit(&stored(), "alice", 10, |e| workshop(e, 10));
    let bob = edit(&stored(), "bob", 20, |e| {
        e.details.system = "SAP S/4HANA".into()
    });
    let merged = merge_head(None, &alice, &bob);
    assert_eq!(
        merged.engagement.workshops.len(),
        1,
        "alice's workshop is kept"
    );
    assert_eq!(merged.engagement.details.system, "SAP S/4HANA");
    assert!(
        merged.notices.iter().all(|n| n.restore.is_some()),
        "every difference on both sides can be put back: {:?}",
        merged.notices
    );
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
    // Bob's reached the team database first (`remote`): it stands, on both devices.
    let merged = merge_head(Some(&base), &alice, &bob);
    assert_eq!(
        merged.engagement.charter.revisions,
        vec![approved(1, "J. Smith", "2027-02-21")]
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
fn a_signed_engagement_stays_as_signed_and_the_later_change_is_named() {
    let base = stored();
    let signed = edit(&base, "alice", 10, |e| {
        let review = e.exit_review.get_or_insert_with(Default::default);
        review.project_signature.name = "Priya Raman".into();
        review.signed_at = Some(t(10));
        review.frozen_markdown = "# Signed".into();
    });
    let changed = edit(&base, "bob", 50, |e| {
        e.details.system = "SAP S/4HANA".into()
    });
    for merged in [
        merge_head(Some(&base), &signed, &changed),
        merge_head(Some(&base), &changed, &signed),
    ] {
        assert_eq!(merged.engagement.details.system, base.details.system);
        assert_eq!(merged.engagement.exit_review, signed.exit_review);
        assert_eq!(merged.notices.len(), 1);
        let notice = &merged.notices[0];
        assert_eq!(notice.replaced_by, "bob");
        assert_eq!(notice.field, super::super::SIGNED_RECORD);
        assert_eq!(notice.replaced_value, "Details › system");
        assert_eq!(notice.restore, None, "a frozen record takes nothing back");
    }
}

#[test]
fn two_signings_made_offline_keep_the_databases_and_tell_the_other_signer() {
    let base = stored();
    let sign = |who: &str, minute: i64| {
        edit(&base, who, minute, |e| {
            let review = e.exit_review.get_or_insert_with(Default::default);
            review.project_signature.name = who.into();
            review.signed_at = Some(t(minute));
            review.frozen_markdown = format!("# Signed by {who}");
        })
    };
    let (alice, bob) = (sign("alice", 10), sign("bob", 20));
    let merged = merge_head(Some(&base), &alice, &bob);
    assert_eq!(merged.engagement.exit_review, bob.exit_review);
    assert_eq!(merged.notices.len(), 1);
    assert_eq!(merged.notices[0].replaced_by, "alice");
    assert!(merged.notices[0].replaced_value.contains("Exit review"));
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

fn with_key(e: &mut Engagement, id: &str, minute: i64) {
    use crate::domain::intake::settings::{IntakeSettings, TeamKey};
    let mut settings = IntakeSettings::of(e).unwrap().unwrap_or_default();
    settings.mailbox = "hypercare@acme.example".to_owned();
    settings.keys.push(TeamKey {
        id: id.to_owned(),
        public: format!("public-{id}"),
        private: format!("private-{id}"),
        made_at: t(minute),
        made_by: "Dana".to_owned(),
    });
    settings.keep_in(e);
    e.updated_at = t(minute);
}

fn key_ids(e: &Engagement) -> Vec<String> {
    let settings = crate::domain::intake::settings::IntakeSettings::of(e)
        .unwrap()
        .unwrap_or_default();
    let mut ids: Vec<String> = settings.keys.into_iter().map(|k| k.id).collect();
    ids.sort();
    ids
}

#[test]
fn report_keys_made_on_two_devices_are_both_kept() {
    let base = stored();
    let (mut dana, mut lee) = (base.clone(), base.clone());
    with_key(&mut dana, "0000000a", 10);
    with_key(&mut lee, "0000000b", 11);
    for merged in [
        merge_head(Some(&base), &dana, &lee),
        merge_head(Some(&base), &lee, &dana),
    ] {
        assert_eq!(key_ids(&merged.engagement), ["0000000a", "0000000b"]);
    }
}

#[test]
fn a_copy_that_drops_the_report_settings_never_removes_a_key() {
    // A Handrail from before intake saves the engagement without the field it does not know.
    let mut base = stored();
    with_key(&mut base, "0000000a", 10);
    let mut older = base.clone();
    older.intake = None;
    older.details.system = "SAP S/4HANA".to_owned();
    older.updated_at = t(20);
    for merged in [
        merge_head(Some(&base), &base, &older),
        merge_head(Some(&base), &older, &base),
    ] {
        assert_eq!(key_ids(&merged.engagement), ["0000000a"]);
        assert_eq!(merged.engagement.details.system, "SAP S/4HANA");
    }
}

#[test]
fn settings_brought_back_after_an_older_copy_are_the_other_devices_latest_not_the_bases() {
    let mut base = stored();
    with_key(&mut base, "0000000a", 10);
    let mut newer = base.clone();
    with_key(&mut newer, "0000000b", 15);
    if let Some(intake) = newer.intake.as_mut() {
        intake["mailbox"] = "new-hypercare@acme.example".into();
    }
    let mut older = base.clone();
    older.intake = None;
    older.updated_at = t(20);
    for merged in [
        merge_head(Some(&base), &newer, &older),
        merge_head(Some(&base), &older, &newer),
    ] {
        assert_eq!(key_ids(&merged.engagement), ["0000000a", "0000000b"]);
        let intake = merged.engagement.intake.expect("the report settings");
        assert_eq!(intake["mailbox"], "new-hypercare@acme.example");
    }
}

#[test]
fn a_signed_engagement_takes_a_report_key_without_naming_it_as_not_applied() {
    let mut base = stored();
    with_key(&mut base, "0000000a", 5);
    let signed = edit(&base, "alice", 10, |e| {
        let review = e.exit_review.get_or_insert_with(Default::default);
        review.signed_at = Some(t(10));
        review.frozen_markdown = "# Signed".into();
    });
    let mut keyed = base.clone();
    with_key(&mut keyed, "0000000b", 50);
    keyed.updated_by = "bob".into();
    for merged in [
        merge_head(Some(&base), &signed, &keyed),
        merge_head(Some(&base), &keyed, &signed),
    ] {
        assert_eq!(key_ids(&merged.engagement), ["0000000a", "0000000b"]);
        assert_eq!(merged.engagement.exit_review, signed.exit_review);
        assert!(merged.notices.is_empty(), "{:?}", merged.notices);
    }
    // A mailbox changed too is not applied, and that is said.
    if let Some(intake) = keyed.intake.as_mut() {
        intake["mailbox"] = "new-hypercare@acme.example".into();
    }
    let merged = merge_head(Some(&base), &signed, &keyed);
    assert_eq!(key_ids(&merged.engagement), ["0000000a", "0000000b"]);
    assert_eq!(merged.notices.len(), 1);
    assert_eq!(
        merged.notices[0].replaced_value,
        "Reports from the business"
    );
}

#[test]
fn a_notice_on_the_report_settings_never_shows_a_private_key_or_the_inbox_password() {
    let mut base = stored();
    with_key(&mut base, "0000000a", 10);
    let mut secret = base.clone();
    if let Some(intake) = secret.intake.as_mut() {
        intake["inbox"] = serde_json::json!({"u": "https://couch.example/inbox", "n": "hypercare", "p": "s3cret-pass"});
        intake["keys"][0]["private"] = "private-rotated".into();
    }
    secret.updated_at = t(15);
    // The other device, later, set the whole settings to something else.
    let mut other = base.clone();
    other.intake = Some(serde_json::json!({"mailbox": "x@acme.example", "keys": "damaged"}));
    other.updated_at = t(20);
    for merged in [
        merge_head(Some(&base), &secret, &other),
        merge_head(Some(&base), &other, &secret),
    ] {
        let shown: Vec<&str> = merged
            .notices
            .iter()
            .map(|n| n.replaced_value.as_str())
            .collect();
        assert!(!shown.is_empty());
        for text in shown {
            assert!(
                !text.contains("s3cret-pass") && !text.contains("private-"),
                "{text}"
            );
        }
        let kept = serde_json::to_string(&merged.engagement.merge_notices).expect("json");
        assert!(
            !kept.contains("s3cret-pass"),
            "not even to put back: {kept}"
        );
    }
    // A mailbox is quoted as it is.
    let (mut one, mut two) = (base.clone(), base.clone());
    one.intake.as_mut().expect("settings")["mailbox"] = "one@acme.example".into();
    one.updated_at = t(15);
    two.intake.as_mut().expect("settings")["mailbox"] = "two@acme.example".into();
    two.updated_at = t(20);
    let merged = merge_head(Some(&base), &one, &two);
    assert_eq!(merged.notices[0].replaced_value, "one@acme.example");
    assert_eq!(
        merged.notices[0].field,
        "Reports from the business › mailbox"
    );
}

#[test]
fn settings_brought_back_whole_leave_no_notice_saying_they_were_replaced() {
    let mut base = stored();
    with_key(&mut base, "0000000a", 10);
    let mut newer = base.clone();
    with_key(&mut newer, "0000000b", 15);
    let mut older = base.clone();
    older.intake = None;
    older.updated_at = t(20);
    let merged = merge_head(Some(&base), &newer, &older);
    assert_eq!(merged.engagement.intake, newer.intake);
    assert!(merged.notices.is_empty(), "{:?}", merged.notices);
    assert!(merged.engagement.merge_notices.is_empty());
}

#[test]
fn workshops_started_offline_on_three_devices_get_the_same_numbers_in_any_order_of_merges() {
    let base = stored();
    let devices = [("dana", 10), ("lee", 12), ("sam", 14)];
    let copies: Vec<Engagement> = devices
        .iter()
        .map(|(who, minute)| edit(&base, who, *minute, |e| workshop(e, *minute)))
        .collect();
    let numbers = |e: &Engagement| {
        let mut held: Vec<(i64, u32)> = e
            .workshops
            .iter()
            .map(|w| (w.created_at.timestamp(), w.number))
            .collect();
        held.sort_unstable();
        held
    };
    let mut seen = Vec::new();
    for (a, b, c) in [(0, 1, 2), (0, 2, 1), (1, 2, 0), (2, 1, 0)] {
        // Two merge first; the third merges with what they agreed.
        let two = merge_head(Some(&base), &copies[a], &copies[b]).engagement;
        let all = merge_head(Some(&base), &two, &copies[c]).engagement;
        let back = merge_head(Some(&base), &copies[c], &two).engagement;
        assert_eq!(numbers(&all), numbers(&back));
        seen.push(numbers(&all));
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:?}");
    let got: Vec<u32> = seen[0].iter().map(|(_, n)| *n).collect();
    assert_eq!(
        got,
        [1, 2, 3],
        "the oldest keeps its number, the others follow in age"
    );
}

#[test]
fn a_workshop_started_after_others_were_moved_moves_none_of_them() {
    let base = stored();
    let devices = [("dana", 10), ("lee", 12), ("sam", 14)];
    let copies: Vec<Engagement> = devices
        .iter()
        .map(|(who, minute)| edit(&base, who, *minute, |e| workshop(e, *minute)))
        .collect();
    let two = merge_head(Some(&base), &copies[0], &copies[1]).engagement;
    let all = merge_head(Some(&base), &two, &copies[2]).engagement;
    let before: Vec<u32> = all.workshops.iter().map(|w| w.number).collect();
    // Someone sees 1, 2 and 3 and starts a fourth; the next merge leaves the moved ones be.
    let later = edit(&all, "dana", 30, |e| workshop(e, 30));
    let merged = merge_head(Some(&all), &later, &all).engagement;
    let after: Vec<u32> = merged.workshops.iter().map(|w| w.number).collect();
    assert_eq!(after[..before.len()], before[..]);
    assert_eq!(after.last(), Some(&4));
}
