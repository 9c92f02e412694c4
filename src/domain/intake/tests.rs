//! Intake's rules: the form's bounds, a report made into an issue (once), the links' frames,
//! and the status a reporter is told.
use super::adding::{add, plan, ReportPlan};
use super::report::{reference, ReportFields};
use super::settings::{looks_like_mail, IntakeSettings, TeamKey};
use super::status::{self, compose, StatusNote};
use super::wire::{self, find_report_payloads, SealedReport, WireError};
use super::*;
use crate::domain::fixtures::{at, charter, triaged};
use crate::domain::share::samples::approved_sample;
use crate::domain::triage::{Issue, Status, Triage};

const NOW: &str = "2027-03-08T10:00:00Z";

fn report(id: &str, what: &str) -> Report {
    Report {
        id: id.to_owned(),
        engagement: "acme".to_owned(),
        sent_at: at("2027-03-08T09:15:00Z"),
        fields: ReportFields {
            what: what.to_owned(),
            place: "Quotes".to_owned(),
            name: "Ben Ortiz".to_owned(),
            contact: "ben@example.com".to_owned(),
            references: "Q-1042".to_owned(),
            ..ReportFields::default()
        },
        phone_clock: None,
    }
}

#[test]
fn only_what_went_wrong_and_the_name_are_required() {
    let mut fields = ReportFields::default();
    let problems: Vec<_> = fields.problems().into_iter().map(|(f, _)| f).collect();
    assert_eq!(problems, vec![ReportField::What, ReportField::Name]);
    fields.what = "Quotes do not save".to_owned();
    fields.name = "Ben".to_owned();
    assert!(fields.problems().is_empty());
}

#[test]
fn an_answer_longer_than_its_question_allows_is_refused_with_its_length() {
    let mut fields = report("a", "x").fields;
    fields.name = "n".repeat(101);
    let problems = fields.problems();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].1.contains("101 characters"), "{problems:?}");
}

#[test]
fn a_report_too_long_for_a_link_in_all_is_refused_as_a_whole() {
    let mut fields = report("a", &"w".repeat(2_000)).fields;
    fields.steps = "s".repeat(2_000);
    fields.expected = "e".repeat(1_000);
    assert!(
        fields.problems()[0].1.contains("at most 4000"),
        "{:?}",
        fields.problems()
    );
}

#[test]
fn the_title_is_the_first_line_cut_at_a_word() {
    let r = report("a", "Quotes do not save\nsince this morning");
    assert_eq!(r.title(), "Quotes do not save");
    let long = report("a", &"word ".repeat(40));
    assert!(long.title().ends_with("word\u{2026}"), "{}", long.title());
    assert!(long.title().chars().count() <= 101);
}

#[test]
fn the_description_keeps_every_answer_under_its_question() {
    let text = report("a", "Quotes do not save").description();
    assert!(text.starts_with("What went wrong:\nQuotes do not save"));
    assert!(text.contains("Reference numbers (order, invoice):\nQ-1042"));
    assert!(text.contains("How to reach you (mail or phone):\nben@example.com"));
    assert!(
        !text.contains("Steps to see it"),
        "unanswered questions are left out"
    );
}

#[test]
fn a_reference_is_short_and_readable() {
    assert_eq!(reference("k3n9x0q2abcdefgh"), "R-K3N9-X0Q2");
    assert_eq!(reference("ab"), "R-AB");
}

#[test]
fn a_report_becomes_an_untriaged_issue_reported_when_it_was_sent() {
    let r = report("k3n9x0q2abcdefgh", "Quotes do not save");
    let issue = adding::new_issue(&r, 7, "Lea", at(NOW)).unwrap();
    let view = issue.view();
    assert_eq!(view.number, 7);
    assert_eq!(view.title, "Quotes do not save");
    assert_eq!(view.reporter, "Ben Ortiz (ben@example.com)");
    assert_eq!(view.reported_at, Some(at("2027-03-08T09:15:00Z")));
    assert_eq!(view.area, "Quotes");
    assert_eq!(view.status(), Status::New);
    let ticket = view.ticket.unwrap();
    assert_eq!(
        (ticket.key.as_str(), ticket.system.as_str()),
        ("k3n9x0q2abcdefgh", SOURCE)
    );
    assert_eq!(ticket.field("Your name"), Some("Ben Ortiz"));
}

#[test]
fn the_same_report_is_added_once_whether_pasted_twice_or_added_before() {
    let a = report("k3n9x0q2abcdefgh", "Quotes do not save");
    let b = report("zzzzzzzzzzzzzzzz", "Invoices print blank");
    let plans = plan(
        vec![Ok(a.clone()), Ok(a.clone()), Ok(b.clone())],
        "acme",
        &[],
        at(NOW),
    );
    assert!(matches!(plans[0], ReportPlan::New(_)));
    assert!(matches!(plans[1], ReportPlan::Twice(_)));
    let mut issues: Vec<Issue> = Vec::new();
    assert_eq!(add(&plans, &mut issues, 1, "Lea", at(NOW)).unwrap(), 2);
    let again = plan(vec![Ok(b), Ok(a)], "acme", &issues, at(NOW));
    assert!(
        matches!(again[0], ReportPlan::Already { number: 2, .. }),
        "{again:?}"
    );
    assert!(matches!(again[1], ReportPlan::Already { number: 1, .. }));
    assert_eq!(add(&again, &mut issues, 3, "Lea", at(NOW)).unwrap(), 0);
    assert_eq!(issues.len(), 2);
}

#[test]
fn reports_for_another_engagement_from_the_future_or_incomplete_are_refused() {
    let mut other = report("k3n9x0q2abcdefgh", "x");
    other.engagement = "globex".to_owned();
    let mut future = report("k3n9x0q2abcdefgh", "x");
    future.sent_at = at("2027-03-09T10:00:00Z");
    let mut nameless = report("k3n9x0q2abcdefgh", "x");
    nameless.fields.name.clear();
    let short_id = report("abc", "x");
    // Before 1970: a crafted link must be refused alone, not fail the whole "Add".
    let mut ancient = report("k3n9x0q2abcdefgh", "x");
    ancient.sent_at = at("1000-01-01T00:00:00Z");
    let plans = plan(
        vec![
            Ok(other),
            Ok(future),
            Ok(nameless),
            Ok(short_id),
            Err("damaged".to_owned()),
            Ok(ancient),
        ],
        "acme",
        &[],
        at(NOW),
    );
    let whys: Vec<String> = plans
        .iter()
        .map(|p| match p {
            ReportPlan::Refused { why, .. } => why.clone(),
            other => panic!("refused expected, got {other:?}"),
        })
        .collect();
    assert!(whys[0].contains("another engagement"));
    assert!(whys[1].contains("impossible"));
    assert!(whys[2].contains("Your name is needed"));
    assert!(whys[3].contains("no valid id"));
    assert_eq!(whys[4], "damaged");
    assert!(whys[5].contains("impossible"));
}

#[test]
fn a_sealed_report_frame_round_trips_and_a_changed_character_is_caught() {
    let sealed = SealedReport {
        key_id: 0xdead_beef,
        sender_key: vec![4; wire::PUBLIC_KEY_LEN],
        iv: vec![7; wire::IV_LEN],
        ciphertext: vec![9; 300],
    };
    let payload = sealed.to_payload();
    assert_eq!(SealedReport::from_payload(&payload).unwrap(), sealed);
    let mut changed = payload.clone().into_bytes();
    changed[40] = if changed[40] == b'A' { b'B' } else { b'A' };
    let changed = String::from_utf8(changed).unwrap();
    assert_eq!(
        SealedReport::from_payload(&changed),
        Err(WireError::Damaged)
    );
    assert_eq!(
        SealedReport::from_payload(&payload[..200]),
        Err(WireError::Damaged)
    );
    assert_eq!(SealedReport::from_payload("a!b"), Err(WireError::NotBase64));
    assert_eq!(
        SealedReport::from_payload(&"A".repeat(50_000)),
        Err(WireError::TooLong)
    );
    let status = StatusNote::default().to_payload();
    assert_eq!(
        SealedReport::from_payload(&status),
        Err(WireError::WrongKind)
    );
}

#[test]
fn a_typical_report_makes_a_link_of_at_most_2000_characters() {
    // 600 characters of text over the form, sealed: JSON, the one-time key, IV and tag.
    let mut r = report("k3n9x0q2abcdefghijklmn", &"Quotes do not save. ".repeat(20));
    r.fields.steps = "Open a quote, change a line, save. ".repeat(5);
    let json = serde_json::to_vec(&r).unwrap();
    let sealed = SealedReport {
        key_id: 1,
        sender_key: vec![4; wire::PUBLIC_KEY_LEN],
        iv: vec![0; wire::IV_LEN],
        ciphertext: vec![0; json.len() + 16],
    };
    let link = format!(
        "https://hypercare.example.com/handrail/#/r/{}",
        sealed.to_payload()
    );
    assert!(r.fields.total_chars() >= 600);
    assert!(link.len() <= 2_000, "{} characters", link.len());
}

#[test]
fn report_links_are_found_in_pasted_mail_even_percent_encoded() {
    let text = "Two reports:\nhttps://h.example/#/r/AAAA-_b.\n> https://h.example/%23%2Fr%2FCCCC)\nnothing else";
    assert_eq!(find_report_payloads(text), vec!["AAAA-_b", "CCCC"]);
}

#[test]
fn an_invitation_carries_the_charter_scope_in_plain_names_and_checks_its_key() {
    let engagement = approved_sample();
    let charter = engagement.charter.in_force().unwrap().clone();
    let key = [4u8; wire::PUBLIC_KEY_LEN];
    let invitation = Invitation::new(&engagement, &charter, " Tell us! ", "hc@example.com", &key);
    assert_eq!(invitation.welcome, "Tell us!");
    assert!(!invitation.fixes.is_empty() && !invitation.routes.is_empty());
    assert!(invitation.routes.iter().all(|(_, to)| !to.is_empty()));
    let read = Invitation::from_payload(&invitation.to_payload()).unwrap();
    assert_eq!(read, invitation);
    let mut bad = invitation.clone();
    bad.key = "AAAA".to_owned();
    assert!(matches!(
        Invitation::from_payload(&bad.to_payload()),
        Err(WireError::Unreadable(_))
    ));
    let mut long = invitation;
    long.welcome = "w".repeat(501);
    assert!(Invitation::from_payload(&long.to_payload()).is_err());
}

#[test]
fn keys_made_on_two_devices_are_both_kept_and_the_newest_is_current() {
    let key = |id: &str, made: &str| TeamKey {
        id: id.to_owned(),
        public: String::new(),
        private: String::new(),
        made_at: at(made),
        made_by: String::new(),
    };
    let settings = IntakeSettings {
        keys: vec![
            key("0000000a", "2027-03-01T09:00:00Z"),
            key("0000000b", "2027-03-02T09:00:00Z"),
        ],
        ..IntakeSettings::default()
    };
    assert_eq!(settings.current_key().unwrap().id, "0000000b");
    assert_eq!(settings.key(10).unwrap().id, "0000000a");
    let mut engagement = approved_sample();
    settings.keep_in(&mut engagement);
    assert_eq!(IntakeSettings::of(&engagement).unwrap(), Some(settings));
    engagement.intake = Some(serde_json::json!({"keys": 3}));
    assert!(IntakeSettings::of(&engagement)
        .unwrap_err()
        .contains("cannot be read"));
}

#[test]
fn the_mailbox_must_be_a_mail_address_that_a_mailto_link_keeps_whole() {
    assert!(looks_like_mail("hypercare@acme.example"));
    for bad in [
        "hypercare",
        "a@b",
        "a b@c.de",
        "a@c.de?cc=x",
        "@c.de",
        "a@.de",
    ] {
        assert!(!looks_like_mail(bad), "{bad}");
    }
    assert_eq!(IntakeSettings::problems("", "nope").len(), 1);
}

#[test]
fn the_reporter_is_told_in_plain_words_how_the_issue_stands() {
    let c = charter("Dynamics", "2027-03-01", "Europe/Berlin");
    let mut issue = triaged(&c, 12, "critical", "2027-03-08T09:00:00Z");
    let when = "Mon 8 Mar, 17:00 (Europe/Berlin)";
    let due = Some(status::Due {
        when,
        passed: false,
    });
    let note = compose("rid", &issue.view(), Some(&c), due, at(NOW));
    assert_eq!(note.headline, "Accepted");
    assert!(note.text.contains("accepted it as a problem to fix") && note.text.contains(when));
    issue
        .set_status(Status::InProgress, "", "Ana", at(NOW))
        .unwrap();
    let note = compose("rid", &issue.view(), Some(&c), due, at(NOW));
    assert_eq!(note.headline, "Being fixed");
    assert!(note.text.contains("#12") && note.text.contains(when));
    let late = Some(status::Due { when, passed: true });
    let note = compose("rid", &issue.view(), Some(&c), late, at(NOW));
    assert!(note.text.contains("it is late"), "{}", note.text);
    issue
        .set_status(Status::Resolved, "done", "Ana", at(NOW))
        .unwrap();
    assert_eq!(
        compose("rid", &issue.view(), Some(&c), None, at(NOW)).headline,
        "Fixed"
    );

    let mut scope = Issue::log(13, "Need a new report", "Ana", at(NOW)).unwrap();
    let out = c.categories.iter().find(|k| !k.in_scope).unwrap();
    scope
        .triage(&c, Triage::out_of_scope(&out.id), "Ana", at(NOW))
        .unwrap();
    let routed = compose("rid", &scope.view(), Some(&c), None, at(NOW));
    assert_eq!(routed.headline, "Passed on");
    assert!(
        routed.text.contains(&out.name) && routed.text.contains("does not do"),
        "{}",
        routed.text
    );
    assert!(
        routed.text.contains("are decided") && !routed.text.contains("the the"),
        "{}",
        routed.text
    );

    let new = Issue::log(14, "Slow", "Ana", at(NOW)).unwrap();
    assert_eq!(
        compose("rid", &new.view(), Some(&c), None, at(NOW)).headline,
        "Received"
    );
}

#[test]
fn a_status_note_round_trips_and_an_overlong_one_is_refused() {
    let note = StatusNote {
        report: "rid".to_owned(),
        number: 3,
        headline: "Fixed".to_owned(),
        text: "Resolved.".to_owned(),
        at: at(NOW),
    };
    assert_eq!(StatusNote::from_payload(&note.to_payload()).unwrap(), note);
    let long = StatusNote {
        text: "x".repeat(2_000),
        ..note
    };
    assert!(StatusNote::from_payload(&long.to_payload()).is_err());
}

#[test]
fn a_phone_clock_that_is_off_is_corrected_into_what_is_possible_and_kept() {
    let key_made = at("2027-03-01T08:00:00Z");
    let now = at(NOW);
    let mut slow = report("k3n9x0q2abcdefgh", "x");
    slow.sent_at = at("2019-01-01T00:00:00Z");
    let slow = slow.within(key_made, now);
    assert_eq!(slow.sent_at, key_made);
    assert_eq!(slow.phone_clock, Some(at("2019-01-01T00:00:00Z")));
    let mut fast = report("k3n9x0q2abcdefgh", "x");
    fast.sent_at = at("2027-03-08T13:00:00Z");
    let issue = adding::new_issue(&fast.within(key_made, now), 1, "Lea", now).unwrap();
    assert_eq!(issue.view().reported_at, Some(now));
    let ticket = issue.view().ticket.unwrap();
    assert_eq!(
        ticket.field("Sent at by the phone's clock (impossible, corrected)"),
        Some("2027-03-08T13:00:00+00:00")
    );
    let fine = report("k3n9x0q2abcdefgh", "x").within(key_made, now);
    assert_eq!(
        (fine.sent_at, fine.phone_clock),
        (at("2027-03-08T09:15:00Z"), None)
    );
}

#[test]
fn an_inbox_needs_a_database_address_and_a_reporter_account_basic_auth_can_carry() {
    use super::inbox::InboxAccess;
    let good = InboxAccess {
        url: "https://couch.example.com/acme-inbox/".to_owned(),
        name: "acme-reporter".to_owned(),
        password: "s3cret!".to_owned(),
    };
    assert_eq!(good.problem(), None);
    assert_eq!(good.database(), "https://couch.example.com/acme-inbox");
    for (url, name, password) in [
        ("ftp://couch.example.com/inbox", "r", "p"),
        ("https://couch.example.com", "r", "p"),
        ("https://couch.example.com/inbox", "", "p"),
        ("https://couch.example.com/inbox", "r", ""),
        ("https://couch.example.com/inbox", "a:b", "p"),
        ("https://couch.example.com/inbox", "r", "pässword"),
    ] {
        let bad = InboxAccess {
            url: url.to_owned(),
            name: name.to_owned(),
            password: password.to_owned(),
        };
        assert!(bad.problem().is_some(), "{url} {name} {password}");
    }
}

#[test]
fn an_inbox_document_carries_one_sealed_report_under_the_report_id() {
    use super::inbox::{payload_of, report_document};
    let doc = report_document("k3n9x0q2abcdefgh", "AAAA");
    assert_eq!(doc["_id"], "report:k3n9x0q2abcdefgh");
    assert_eq!(payload_of(&doc), Some("AAAA"));
    assert_eq!(
        payload_of(&serde_json::json!({"_id": "_design/handrail-inbox", "sealed": "AAAA"})),
        None
    );
    assert_eq!(
        payload_of(&serde_json::json!({"_id": "report:x", "type": "other", "sealed": "AAAA"})),
        None
    );
}

#[test]
fn an_invitation_travels_deflated_and_a_crafted_one_cannot_inflate_without_bound() {
    let engagement = approved_sample();
    let charter = engagement.charter.in_force().unwrap().clone();
    let invitation = Invitation::new(
        &engagement,
        &charter,
        "Tell us",
        "hc@example.com",
        &[4u8; wire::PUBLIC_KEY_LEN],
    );
    let json = serde_json::to_vec(&invitation).unwrap();
    let payload = invitation.to_payload();
    assert!(
        payload.len() < json.len(),
        "{} characters for {} bytes of JSON",
        payload.len(),
        json.len()
    );
    assert_eq!(Invitation::from_payload(&payload).unwrap(), invitation);
    let bomb = crate::share::deflate::compress(&vec![b' '; 1_000_000], &[]);
    let crafted = wire::encode(wire::KIND_INVITATION, &bomb);
    assert_eq!(
        Invitation::from_payload(&crafted),
        Err(WireError::Unreadable("its content is damaged".to_owned()))
    );
}
