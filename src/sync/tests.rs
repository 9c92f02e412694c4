//! The sync protocol run natively between devices and an in-memory model of a CouchDB
//! database (documents created once, updated only from their current `_rev`, a change feed):
//! the browser's own sync cycle (`sync::cycle`), run here in every order the tests choose. The
//! loop around it, with time, tabs and crashes, is tested in `loop_tests.rs`.

use serde_json::Value;

use super::absorb::absorb;
use super::cycle::{cycle, Failure};
use super::docs;
use super::ledger::Ledger;
use super::model::{now_or_never, Browser, Life, Tab, World};
use super::outbox::outgoing;
use crate::domain::fixtures::at;
use crate::domain::triage::Issue;
use crate::domain::{Engagement, EngagementDetails, EngagementId};

pub(super) use super::model::Database;

/// One person's browser: their engagement and their ledger.
pub(super) struct Device {
    pub(super) account: &'static str,
    pub(super) engagement: Option<Engagement>,
    pub(super) ledger: Ledger,
}

impl Device {
    pub(super) fn new(account: &'static str, engagement: Option<Engagement>) -> Self {
        Self {
            account,
            engagement,
            ledger: Ledger::new("http://localhost:5984/team", account),
        }
    }

    /// Joining: the engagement read whole from the database, as `AppState::join` does.
    fn join(&mut self, db: &Database) {
        let documents: Vec<Value> = db.docs.values().map(|(_, doc)| doc.clone()).collect();
        self.ledger.since = Value::from(db.feed.len().to_string());
        let absorbed = absorb(
            &id(),
            None,
            &mut self.ledger,
            &documents,
            self.account,
            at("2027-03-02T12:00:00Z"),
        );
        assert!(absorbed.set_aside.is_empty(), "{:?}", absorbed.set_aside);
        self.engagement = absorbed.engagement;
    }

    /// Rounds of the browser's own sync cycle (`sync::cycle`), with no wait on the feed,
    /// until the feed has nothing more to read.
    pub(super) fn sync(&mut self, db: &mut Database) {
        if self.engagement.is_none() {
            self.join(db);
        }
        let world = World::new(std::mem::take(db), at("2027-03-02T12:00:00Z"), 0);
        let browser = Browser::new(self.account, self.engagement.take(), self.ledger.clone());
        let tab = Tab::new(&world, &browser, 0, Life::default());
        loop {
            tab.controls.kicked.set(true);
            match now_or_never(cycle(&tab, &tab.controls)) {
                Ok(true) => continue,
                // The loop tries again later: so does the next sync.
                Ok(false) | Err(Failure::Unsettled(_)) => break,
                Err(failure) => panic!("the cycle failed: {failure:?}"),
            }
        }
        assert!(
            browser.set_aside.borrow().is_empty(),
            "{:?}",
            browser.set_aside.borrow()
        );
        *db = world.db.into_inner();
        self.engagement = browser.engagement.into_inner().map(|(e, _)| e);
        self.ledger = browser.ledger.into_inner().expect("a ledger");
    }

    pub(super) fn engagement(&self) -> &Engagement {
        self.engagement.as_ref().expect("an engagement")
    }

    fn capture(&mut self, title: &str, minute: u32) {
        let engagement = self.engagement.as_mut().expect("an engagement");
        let number = engagement.next_issue_number().expect("a free number");
        let when = at(&format!("2027-03-02T09:{minute:02}:00Z"));
        engagement
            .issues
            .push(Issue::log(number, title, self.account, when).expect("logged"));
    }

    /// Titles by number, and every event id, to compare devices.
    fn issues(&self) -> Vec<(u32, String, Vec<String>)> {
        self.engagement()
            .issues
            .iter()
            .map(|i| {
                (
                    i.number,
                    i.view().title,
                    i.events.iter().map(|e| e.id.clone()).collect(),
                )
            })
            .collect()
    }
}

pub(super) fn id() -> EngagementId {
    EngagementId::try_from("q3m7xkd2pa".to_owned()).expect("id")
}

pub(super) fn acme() -> Engagement {
    let details = EngagementDetails {
        name: "Acme CRM rollout".into(),
        system: "Salesforce".into(),
        go_live: "2027-03-01".parse().expect("date"),
    };
    Engagement::new(id(), details, at("2027-02-01T09:00:00Z"))
}

#[test]
fn a_first_sync_sends_everything_and_a_second_sends_nothing() {
    let mut db = Database::default();
    let mut alice = Device::new("alice", Some(acme()));
    alice.capture("Quote PDF shows the wrong VAT", 1);
    alice.capture("Search is slow at 9am", 2);
    alice.sync(&mut db);
    let ids: Vec<&String> = db.docs.keys().collect();
    assert_eq!(
        ids,
        [
            "engagement:q3m7xkd2pa",
            "issue:q3m7xkd2pa:1",
            "issue:q3m7xkd2pa:2",
            "number:q3m7xkd2pa:1",
            "number:q3m7xkd2pa:2"
        ]
    );
    let writes = db.feed.len();
    alice.sync(&mut db);
    assert_eq!(db.feed.len(), writes, "nothing differs, nothing is sent");
    let mut copy = alice.engagement().clone();
    assert!(outgoing(&mut copy, &alice.ledger).is_empty());
}

#[test]
fn two_people_capturing_offline_end_with_every_issue_under_its_own_number() {
    let mut db = Database::default();
    let mut alice = Device::new("alice", Some(acme()));
    alice.capture("Quote PDF shows the wrong VAT", 1);
    alice.sync(&mut db);
    let mut bob = Device::new("bob", None);
    bob.ledger.since = Value::from(0);
    bob.sync(&mut db);
    assert_eq!(bob.issues(), alice.issues());

    // Offline, both take #2 and #3.
    alice.capture("Alice one", 10);
    alice.capture("Alice two", 11);
    bob.capture("Bob one", 12);
    bob.capture("Bob two", 13);
    alice.sync(&mut db);
    bob.sync(&mut db);
    alice.sync(&mut db);
    bob.sync(&mut db);

    assert_eq!(
        alice.issues(),
        bob.issues(),
        "both hold the same issues and events"
    );
    let numbered: Vec<(u32, String)> = alice.issues().into_iter().map(|(n, t, _)| (n, t)).collect();
    assert_eq!(
        numbered,
        [
            (1, "Quote PDF shows the wrong VAT".to_owned()),
            (2, "Alice one".to_owned()),
            (3, "Alice two".to_owned()),
            (4, "Bob one".to_owned()),
            (5, "Bob two".to_owned()),
        ],
        "Alice claimed #2 and #3 first; Bob's issues moved on and kept their order"
    );
    let bob_one = bob
        .engagement()
        .issues
        .iter()
        .find(|i| i.number == 4)
        .expect("#4");
    assert!(
        bob_one.events.iter().any(|e| matches!(
            e.change,
            crate::domain::triage::Change::Renumbered { from: 2, to: 4 }
        )),
        "the move is in the issue's history"
    );
    assert_eq!(
        bob.engagement().issue_by_number(2).map(|i| i.view().title),
        Some("Alice one".to_owned())
    );
}

#[test]
fn a_sync_cut_off_after_sending_is_repeated_without_duplicates() {
    let mut db = Database::default();
    let mut alice = Device::new("alice", Some(acme()));
    for minute in 0..5 {
        alice.capture(&format!("Issue {minute}"), minute);
    }
    // The server wrote everything, but the answer never arrived: the ledger knows nothing.
    let mut lost = Device::new("alice", alice.engagement.clone());
    lost.sync(&mut db);
    alice.sync(&mut db);
    alice.sync(&mut db);
    assert_eq!(alice.issues(), lost.issues());
    let issue_docs = db.docs.keys().filter(|k| k.starts_with("issue:")).count();
    assert_eq!(issue_docs, 5);
    for (_, (_, doc)) in db.docs.iter().filter(|(k, _)| k.starts_with("issue:")) {
        assert_eq!(
            doc["issue"]["events"].as_array().map(Vec::len),
            Some(1),
            "no event twice"
        );
    }
}

#[test]
fn events_added_to_one_issue_on_two_devices_all_survive() {
    let mut db = Database::default();
    let mut alice = Device::new("alice", Some(acme()));
    alice.capture("Quote PDF shows the wrong VAT", 1);
    alice.sync(&mut db);
    let mut bob = Device::new("bob", None);
    bob.sync(&mut db);
    let status = |device: &mut Device, why: &str, minute: u32| {
        let issue = &mut device.engagement.as_mut().expect("engagement").issues[0];
        let when = at(&format!("2027-03-02T10:{minute:02}:00Z"));
        issue.events.push(crate::domain::triage::IssueEvent {
            id: String::new(),
            at: when,
            by: device.account.to_owned(),
            change: crate::domain::triage::Change::Logged {
                title: why.to_owned(),
            },
            why: String::new(),
        });
        issue.ensure_event_ids();
    };
    status(&mut alice, "Quote PDF: wrong VAT on EU quotes", 5);
    status(&mut bob, "Quote PDF: VAT rate", 6);
    alice.sync(&mut db);
    bob.sync(&mut db);
    alice.sync(&mut db);
    assert_eq!(alice.issues(), bob.issues());
    assert_eq!(alice.engagement().issues[0].events.len(), 3);
    assert_eq!(
        alice.engagement().issues[0].view().title,
        "Quote PDF: VAT rate",
        "the later event counts"
    );
}

#[test]
fn a_document_that_is_not_a_readable_handrail_record_is_set_aside_and_changes_nothing() {
    let mut alice = Device::new("alice", Some(acme()));
    alice.capture("Quote PDF shows the wrong VAT", 1);
    let before = alice.engagement().clone();
    let newer = serde_json::json!({"_id": "issue:q3m7xkd2pa:7", "_rev": "1-a", "format": "handrail/issue", "schema": 99, "issue": {}});
    let foreign = serde_json::json!({"_id": "engagement:q3m7xkd2pa", "_rev": "2-b", "format": "someone-else", "name": "x"});
    let broken = serde_json::json!({"_id": "issue:q3m7xkd2pa:1", "_rev": "3-c", "format": "handrail/issue", "schema": 4, "engagement": "q3m7xkd2pa", "issue": {"number": "one"}});
    let other =
        serde_json::json!({"_id": "issue:otherengag:1", "_rev": "1-d", "format": "handrail/issue"});
    let absorbed = absorb(
        &id(),
        Some(&before),
        &mut alice.ledger,
        &[newer, foreign, broken, other],
        "alice",
        at("2027-03-02T12:00:00Z"),
    );
    assert!(!absorbed.changed);
    assert_eq!(absorbed.engagement.as_ref(), Some(&before));
    let reasons: Vec<&str> = absorbed
        .set_aside
        .iter()
        .map(|s| s.reason.as_str())
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons[0].contains("newer version of Handrail"));
    assert!(reasons[1].contains("not a Handrail record"));
    assert!(reasons[2].contains("cannot be read"));
    assert!(
        alice.ledger.docs.is_empty(),
        "nothing set aside is marked as agreed"
    );
}

#[test]
fn a_document_with_a_value_outside_the_bounds_is_set_aside_naming_the_field() {
    let mut alice = Device::new("alice", Some(acme()));
    alice.capture("Quote PDF shows the wrong VAT", 1);
    let before = alice.engagement().clone();
    let mut issue = serde_json::json!({"_id": "issue:q3m7xkd2pa:1", "_rev": "3-c"});
    let body = docs::issue_body(&id(), &before.issues[0]);
    issue
        .as_object_mut()
        .unwrap()
        .extend(body.as_object().unwrap().clone());
    issue["issue"]["number"] = serde_json::json!(4294967295u64);
    let absorbed = absorb(
        &id(),
        Some(&before),
        &mut alice.ledger,
        &[issue],
        "alice",
        at("2027-03-02T12:00:00Z"),
    );
    assert_eq!(absorbed.engagement.as_ref(), Some(&before));
    let reason = &absorbed.set_aside[0].reason;
    assert!(
        reason.contains("\u{201c}issue.number\u{201d} is 4294967295"),
        "{reason}"
    );
}

impl Device {
    /// `minute` minutes after 10:00 on the test day.
    pub(super) fn minute(&self, minute: u32) -> chrono::DateTime<chrono::Utc> {
        at("2027-03-02T10:00:00Z") + chrono::Duration::minutes(i64::from(minute))
    }

    /// A change made in this browser, stamped and given ids as the repository's save does.
    pub(super) fn edit(&mut self, minute: u32, change: impl FnOnce(&mut Engagement)) {
        let when = self.minute(minute);
        let engagement = self.engagement.as_mut().expect("an engagement");
        change(engagement);
        engagement.updated_at = when;
        engagement.updated_by = self.account.to_owned();
        engagement.ensure_item_ids(self.account);
    }

    /// "Stop syncing", then connecting again later to the same database, through the same
    /// storage functions the app calls.
    fn stop_and_reconnect_later(&mut self) -> impl FnOnce(&mut Self) {
        let store = crate::storage::MemoryStore::default();
        crate::storage::sync_ledger::save(&store, &id(), &self.ledger).expect("saved");
        crate::storage::sync_ledger::stop(&store, &id()).expect("stopped");
        self.ledger = Ledger::new("http://localhost:5984/team", "stopped");
        move |device: &mut Self| {
            let mut ledger = Ledger::new("http://localhost:5984/team", device.account);
            let kept = crate::storage::sync_ledger::read_kept(&store, &id()).expect("read");
            ledger.resume(kept);
            device.ledger = ledger;
        }
    }
}

#[test]
fn reconnecting_after_stop_syncing_keeps_a_teammates_change() {
    let mut db = Database::default();
    let mut lead = Device::new("lead", Some(acme()));
    lead.sync(&mut db);
    let mut member = Device::new("member", None);
    member.sync(&mut db);

    let reconnect = member.stop_and_reconnect_later();
    member.edit(5, |e| e.details.name = "Acme CRM rollout, wave 2".into());
    lead.edit(6, |e| e.details.system = "SAP S/4HANA".into());
    lead.sync(&mut db);
    reconnect(&mut member);
    member.sync(&mut db);
    lead.sync(&mut db);

    for device in [&lead, &member] {
        let details = &device.engagement().details;
        assert_eq!(
            details.name, "Acme CRM rollout, wave 2",
            "{}",
            device.account
        );
        assert_eq!(details.system, "SAP S/4HANA", "{}", device.account);
        assert!(device.engagement().merge_notices.is_empty());
    }
}

#[test]
fn two_workshop_consoles_offline_keep_both_decisions_on_both_devices() {
    let mut db = Database::default();
    let mut dana = Device::new("dana", Some(acme()));
    dana.edit(1, |e| {
        e.workshops.push(crate::domain::workshop::Workshop::new(
            1,
            crate::domain::workshop::AgendaKind::CharterWorkshop,
            "Dana",
            at("2027-03-02T10:01:00Z"),
        ))
    });
    dana.sync(&mut db);
    let mut lee = Device::new("lee", None);
    lee.sync(&mut db);

    let decide = |device: &mut Device, text: &str, minute: u32| {
        let who = device.account;
        device.edit(minute, |e| {
            let form = crate::domain::workshop::DecisionForm {
                text: text.into(),
                recorded_by: who.into(),
                ..Default::default()
            };
            e.workshops[0]
                .record_decision(&form, at(&format!("2027-03-02T10:{minute:02}:00Z")))
                .expect("recorded");
        });
    };
    decide(
        &mut dana,
        "Custom reports go to the enhancement backlog",
        10,
    );
    decide(&mut lee, "Data-migration fixes stay in hypercare", 11);
    dana.sync(&mut db);
    lee.sync(&mut db);
    dana.sync(&mut db);

    for device in [&dana, &lee] {
        let mut held: Vec<&str> = device.engagement().workshops[0]
            .decisions
            .iter()
            .map(|d| d.text.as_str())
            .collect();
        held.sort_unstable();
        assert_eq!(
            held,
            [
                "Custom reports go to the enhancement backlog",
                "Data-migration fixes stay in hypercare"
            ],
            "{}",
            device.account
        );
    }
}

#[test]
fn one_captured_issue_is_one_change_waiting() {
    let mut db = Database::default();
    let mut alice = Device::new("alice", Some(acme()));
    alice.sync(&mut db);
    alice.edit(3, |_| {});
    alice.capture("Quote PDF shows the wrong VAT", 3);
    let ledger = alice.ledger.clone();
    let engagement = alice.engagement.as_mut().expect("an engagement");
    assert_eq!(super::outbox::waiting(engagement, &ledger), 1);
    alice.edit(4, |e| e.details.system = "SAP S/4HANA".into());
    let engagement = alice.engagement.as_mut().expect("an engagement");
    assert_eq!(
        super::outbox::waiting(engagement, &ledger),
        2,
        "a real change to the head counts"
    );
}

#[test]
fn a_document_deleted_on_the_server_is_written_again() {
    let mut db = Database::default();
    let mut alice = Device::new("alice", Some(acme()));
    alice.capture("Quote PDF shows the wrong VAT", 1);
    alice.sync(&mut db);
    let doc = "issue:q3m7xkd2pa:1";
    db.delete(doc);
    alice.sync(&mut db);
    alice.sync(&mut db);
    let (_, stored) = &db.docs[doc];
    assert_eq!(stored.get("_deleted"), None, "written again: {stored}");
    assert_eq!(stored["issue"]["number"], 1);
    let mut copy = alice.engagement().clone();
    assert!(outgoing(&mut copy, &alice.ledger).is_empty(), "and agreed");

    // Also when this browser changed the issue meanwhile: its change goes out over the deletion.
    db.delete(doc);
    alice.edit(20, |e| {
        let issue = &mut e.issues[0];
        let event = crate::domain::triage::IssueEvent::new(
            &issue.events,
            at("2027-03-02T10:20:00Z"),
            "alice",
            crate::domain::triage::Change::Logged {
                title: "Quote PDF: wrong VAT on EU quotes".into(),
            },
            "",
        );
        issue.events.push(event);
    });
    alice.sync(&mut db);
    alice.sync(&mut db);
    assert_eq!(
        db.docs[doc].1["issue"]["events"].as_array().map(Vec::len),
        Some(2)
    );
}

#[test]
fn a_record_the_server_holds_in_a_newer_format_is_not_sent_over_and_over() {
    let mut db = Database::default();
    let mut alice = Device::new("alice", Some(acme()));
    alice.sync(&mut db);
    // A newer Handrail wrote the head in a format this one cannot read.
    let head = "engagement:q3m7xkd2pa";
    let rev = db.docs[head].1["_rev"].clone();
    let newer = serde_json::json!({"_id": head, "_rev": rev, "format": "handrail/engagement", "schema": 99, "engagement": {}});
    db.bulk(vec![newer]);
    alice.edit(5, |e| e.details.system = "SAP S/4HANA".into());
    let absorbed = absorb(
        &id(),
        alice.engagement.as_ref(),
        &mut alice.ledger,
        &db.changes(0).0,
        "alice",
        at("2027-03-02T12:00:00Z"),
    );
    assert_eq!(absorbed.set_aside.len(), 1);
    assert!(alice.ledger.blocked.contains_key(head));
    let mut copy = alice.engagement().clone();
    assert!(
        outgoing(&mut copy, &alice.ledger).is_empty(),
        "not written over, and not retried in a loop"
    );
    assert_eq!(
        db.docs[head].1["schema"], 99,
        "the newer record is untouched"
    );
}

#[test]
fn an_event_rewritten_on_the_server_is_set_aside_and_changes_nothing() {
    let mut db = Database::default();
    let mut alice = Device::new("alice", Some(acme()));
    alice.capture("Quote PDF shows the wrong VAT", 1);
    alice.sync(&mut db);
    let before = alice.engagement().clone();
    let doc = "issue:q3m7xkd2pa:1";
    let mut forged = db.docs[doc].1.clone();
    forged["issue"]["events"][0]["by"] = Value::from("mallory");
    let absorbed = absorb(
        &id(),
        Some(&before),
        &mut alice.ledger,
        &[forged],
        "alice",
        at("2027-03-02T12:00:00Z"),
    );
    assert_eq!(absorbed.engagement.as_ref(), Some(&before));
    assert_eq!(absorbed.set_aside.len(), 1);
    assert!(
        absorbed.set_aside[0]
            .reason
            .contains("changed after it was written"),
        "{}",
        absorbed.set_aside[0].reason
    );
}

#[test]
fn a_record_the_database_refuses_is_held_back_and_the_rest_syncs_on() {
    let mut db = Database {
        guard: Some(|doc| {
            let title = doc.pointer("/issue/events/0/change/title")?.as_str()?;
            title
                .contains("forged")
                .then(|| "An event must be signed by the account that writes it.".to_owned())
        }),
        ..Database::default()
    };
    let mut alice = Device::new("alice", Some(acme()));
    alice.capture("A forged report", 1);
    alice.capture("Search is slow at 9am", 2);
    alice.sync(&mut db);
    assert!(
        db.docs.contains_key("issue:q3m7xkd2pa:2"),
        "the rest went out"
    );
    assert!(!db.docs.contains_key("issue:q3m7xkd2pa:1"));
    let reason = &alice.ledger.blocked["issue:q3m7xkd2pa:1"];
    assert!(
        reason.contains("refused it (An event must be signed"),
        "{reason}"
    );
    let mut copy = alice.engagement().clone();
    assert!(
        outgoing(&mut copy, &alice.ledger).is_empty(),
        "not sent again in a loop"
    );

    // Everything refused (a member who may only read): all held back, nothing sent in a loop.
    let mut read_only = Database {
        guard: Some(|_| Some("Only the hypercare team may change this database.".to_owned())),
        ..Database::default()
    };
    let mut reader = Device::new("dave", Some(acme()));
    reader.sync(&mut read_only);
    assert!(read_only.docs.is_empty());
    assert!(reader.ledger.blocked["engagement:q3m7xkd2pa"].contains("Only the hypercare team"));
}

#[test]
fn a_signed_engagement_keeps_the_revisions_the_database_holds() {
    let mut db = Database::default();
    let mut alice = Device::new("alice", Some(acme()));
    alice.sync(&mut db);
    let mut bob = Device::new("bob", None);
    bob.sync(&mut db);
    // Alice approves revision 1; Bob, offline, signs the review without having it.
    alice.edit(1, |e| {
        let draft = crate::domain::sync::testing::engagement()
            .charter
            .draft
            .expect("a draft");
        e.charter
            .revisions
            .push(crate::domain::charter::ApprovedRevision {
                number: 1,
                charter: draft.charter,
                approval: crate::domain::charter::Approval {
                    name: "M. Okafor".into(),
                    role: "Sponsor".into(),
                    date: "2027-02-20".parse().expect("a date"),
                },
                reason: None,
            });
    });
    alice.sync(&mut db);
    bob.edit(30, |e| {
        let review = e.exit_review.get_or_insert_with(Default::default);
        review.signed_at = Some(at("2027-03-02T10:30:00Z"));
        review.frozen_markdown = "# Signed".into();
    });
    bob.sync(&mut db);
    bob.sync(&mut db);
    assert_eq!(
        bob.engagement().charter.revisions.len(),
        1,
        "the revision stays"
    );
    assert_eq!(
        db.docs["engagement:q3m7xkd2pa"].1["engagement"]["charter"]["revisions"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}
