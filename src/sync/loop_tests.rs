//! The browser's sync loop itself (`sync::cycle::run`), run natively in the model world of
//! `model.rs`: requests that take time, long polls, pauses, tabs that crash between any two
//! steps, two tabs at once, a database that keeps changing a record, answers lost and a server
//! restart. Times are simulated milliseconds.
use std::collections::BTreeSet;
use std::rc::Rc;

use serde_json::Value;

use super::cycle::{run, RETRY_AFTER};
use super::model::{Browser, Database, Executor, Life, Tab, World};
use super::outbox::outgoing;
use super::status::SyncStatus;
use super::tests::{acme, Device};
use crate::domain::fixtures::at;
use crate::domain::triage::Issue;
use crate::domain::Engagement;

/// A request's trip to the server and back.
const LATENCY_MS: u64 = 40;

/// Alice's engagement synced, and Bob joined: the database and their two browsers.
fn team() -> (Database, Vec<Browser>) {
    let mut db = Database::default();
    let mut alice = Device::new("alice", Some(acme()));
    alice.sync(&mut db);
    let mut bob = Device::new("bob", None);
    bob.sync(&mut db);
    let browsers = [alice, bob]
        .into_iter()
        .map(|d| Browser::new(d.account, d.engagement, d.ledger))
        .collect();
    (db, browsers)
}

fn world(db: Database) -> World {
    World::new(db, at("2027-03-02T12:00:00Z"), LATENCY_MS)
}

/// Starts a tab's loop; its life tells whether (and when) it crashed.
pub(super) fn start<'w>(
    executor: &mut Executor<'w>,
    world: &'w World,
    browser: &'w Browser,
    number: usize,
    life: Life,
) -> Rc<Life> {
    let mut tab = Tab::new(world, browser, number, life);
    let life = tab.life();
    executor.spawn(async move {
        let controls = tab.controls.clone();
        run(&mut tab, &controls).await;
    });
    life
}

/// One tab's loop in every browser.
fn start_all<'w>(executor: &mut Executor<'w>, world: &'w World, browsers: &'w [Browser]) {
    for browser in browsers {
        start(executor, world, browser, 0, Life::default());
    }
}

/// A tab whose loop crashes at its `step`-th step, then the browser opened again: a new tab
/// whose loop starts from what storage holds.
fn start_crashing<'w>(
    executor: &mut Executor<'w>,
    world: &'w World,
    browser: &'w Browser,
    step: u32,
) {
    let life = start(executor, world, browser, 0, Life::crashing_at(step));
    executor.spawn(async move {
        while !life.is_dead() {
            world.sleep(100).await;
        }
        let mut tab = Tab::new(world, browser, 1, Life::default());
        let controls = tab.controls.clone();
        run(&mut tab, &controls).await;
    });
}

/// An issue captured in `browser` at `ms`.
fn capture_at<'w>(
    executor: &mut Executor<'w>,
    world: &'w World,
    browser: &'w Browser,
    ms: u64,
    title: &'w str,
) {
    executor.spawn(async move {
        world.until(ms).await;
        capture(world, browser, title);
    });
}

fn capture(world: &World, browser: &Browser, title: &str) {
    let account = browser.account;
    browser.edit(world, |engagement| {
        let number = engagement.next_issue_number().expect("a free number");
        engagement
            .issues
            .push(Issue::log(number, title, account, world.now()).expect("logged"));
    });
}

/// The engagement as every device must hold it (merge notices are addressed to one person).
fn fingerprint(engagement: &Engagement) -> Value {
    let mut engagement = engagement.clone();
    engagement.merge_notices.clear();
    crate::domain::json::to_json(&engagement)
}

/// Every browser has read the whole feed, says "Synced", and holds the same engagement.
pub(super) fn converged(world: &World, browsers: &[Browser]) -> bool {
    let last = world.db.borrow().feed.len().to_string();
    let read_all = browsers.iter().all(|b| {
        matches!(*b.status.borrow(), Some(SyncStatus::Synced { .. }))
            && b.ledger.borrow().as_ref().map(|l| l.since.clone())
                == Some(Value::from(last.clone()))
    });
    read_all && {
        let first = fingerprint(&browsers[0].engagement());
        browsers[1..]
            .iter()
            .all(|b| fingerprint(&b.engagement()) == first)
    }
}

/// Nothing left to send, every title once, no event twice, numbers unique.
fn nothing_lost_or_doubled(browsers: &[Browser], titles: &[&str]) {
    for browser in browsers {
        let mut engagement = browser.engagement();
        let ledger = browser.ledger.borrow().clone().expect("a ledger");
        assert!(
            outgoing(&mut engagement, &ledger).is_empty(),
            "{}: all sent",
            browser.account
        );
        let held: Vec<String> = engagement.issues.iter().map(first_title).collect();
        let unique: BTreeSet<&str> = held.iter().map(String::as_str).collect();
        assert_eq!(
            unique.len(),
            held.len(),
            "{}: an issue twice: {held:?}",
            browser.account
        );
        assert_eq!(
            unique,
            titles.iter().copied().collect(),
            "{}",
            browser.account
        );
        let numbers: BTreeSet<u32> = engagement.issues.iter().map(|i| i.number).collect();
        assert_eq!(
            numbers.len(),
            held.len(),
            "{}: numbers unique",
            browser.account
        );
        for issue in &engagement.issues {
            let ids: BTreeSet<&str> = issue.events.iter().map(|e| e.id.as_str()).collect();
            assert_eq!(
                ids.len(),
                issue.events.len(),
                "{}: an event twice",
                browser.account
            );
        }
    }
}

fn first_title(issue: &Issue) -> String {
    match &issue.events[0].change {
        crate::domain::triage::Change::Logged { title } => title.clone(),
        _ => String::new(),
    }
}

#[test]
fn a_change_reaches_the_other_device_through_the_long_poll_within_a_few_requests() {
    let (db, browsers) = team();
    let world = world(db);
    let mut executor = Executor::new(&world);
    start_all(&mut executor, &world, &browsers);
    capture_at(
        &mut executor,
        &world,
        &browsers[0],
        1_000,
        "Quote PDF shows the wrong VAT",
    );
    assert!(executor.run_until(60_000, || world.ms() >= 1_000
        && converged(&world, &browsers)));
    // Alice sends (claim, then issue: two requests) and reads the feed; Bob's long poll
    // answers with it. Four trips, not a 25-second poll or a retry pause.
    assert!(
        world.ms() <= 1_000 + 4 * LATENCY_MS + 10,
        "converged at {} ms",
        world.ms()
    );
    nothing_lost_or_doubled(&browsers, &["Quote PDF shows the wrong VAT"]);
}

/// The offline work of both people, then both loops; Alice's first tab crashes at `step`.
fn crash_scenario(step: Option<u32>) -> (u32, u64) {
    let (db, browsers) = team();
    let world = world(db);
    capture(&world, &browsers[0], "Alice one");
    capture(&world, &browsers[0], "Alice two");
    browsers[0].edit(&world, |e| e.details.name = "Acme CRM, wave 2".into());
    capture(&world, &browsers[1], "Bob one");
    browsers[1].edit(&world, |e| e.details.system = "SAP S/4HANA".into());
    let mut executor = Executor::new(&world);
    let alice = match step {
        Some(step) => {
            start_crashing(&mut executor, &world, &browsers[0], step);
            None
        }
        None => Some(start(
            &mut executor,
            &world,
            &browsers[0],
            0,
            Life::default(),
        )),
    };
    start(&mut executor, &world, &browsers[1], 0, Life::default());
    capture_at(&mut executor, &world, &browsers[1], 500, "Bob two");
    let done = executor.run_until(120_000, || {
        world.ms() >= 500 && converged(&world, &browsers)
    });
    assert!(
        done,
        "crash at step {step:?}: not converged by {} ms",
        world.ms()
    );
    nothing_lost_or_doubled(&browsers, &["Alice one", "Alice two", "Bob one", "Bob two"]);
    let details = browsers[1].engagement().details;
    assert_eq!(
        (details.name.as_str(), details.system.as_str()),
        ("Acme CRM, wave 2", "SAP S/4HANA")
    );
    (alice.map_or(0, |life| life.steps()), world.ms())
}

#[test]
fn a_tab_that_crashes_between_any_two_steps_loses_nothing_once_opened_again() {
    let (steps, _) = crash_scenario(None);
    assert!(steps > 5, "the scenario takes {steps} steps");
    for step in 1..=steps {
        crash_scenario(Some(step));
    }
}

#[test]
fn two_tabs_of_one_browser_both_syncing_lose_nothing() {
    let (db, browsers) = team();
    let world = world(db);
    // The worst case: neither the Web Lock nor the lease keeps the second tab out.
    browsers[0].every_tab_syncs.set(true);
    let mut executor = Executor::new(&world);
    start(&mut executor, &world, &browsers[0], 0, Life::default());
    start(&mut executor, &world, &browsers[0], 1, Life::default());
    start(&mut executor, &world, &browsers[1], 0, Life::default());
    let titles = ["A1", "A2", "A3", "B1", "B2"];
    for (n, title) in titles.iter().enumerate() {
        let who = usize::from(title.starts_with('B'));
        capture_at(
            &mut executor,
            &world,
            &browsers[who],
            200 + 30 * n as u64,
            title,
        );
    }
    assert!(executor.run_until(60_000, || world.ms() >= 400 && converged(&world, &browsers)));
    nothing_lost_or_doubled(&browsers, &titles);
}

#[test]
fn with_the_lock_one_tab_syncs_and_the_other_says_so() {
    let (db, browsers) = team();
    let world = world(db);
    let mut executor = Executor::new(&world);
    start(&mut executor, &world, &browsers[0], 0, Life::default());
    start(&mut executor, &world, &browsers[0], 1, Life::default());
    start(&mut executor, &world, &browsers[1], 0, Life::default());
    capture_at(&mut executor, &world, &browsers[0], 300, "Alice one");
    assert!(executor.run_until(60_000, || world.ms() >= 300 && converged(&world, &browsers)));
    assert!(browsers[0].said.borrow().contains(&SyncStatus::OtherTab));
    nothing_lost_or_doubled(&browsers, &["Alice one"]);
}

#[test]
fn a_record_the_database_keeps_changing_is_said_and_settles_when_it_stops() {
    let (db, browsers) = team();
    let world = world(db);
    let mut executor = Executor::new(&world);
    start_all(&mut executor, &world, &browsers);
    // From 1 s to 60 s, something rewrites the head every 10 ms: every send of it meets a 409.
    let storm = &world;
    executor.spawn(async move {
        storm.until(1_000).await;
        while storm.ms() < 60_000 {
            storm.db.borrow_mut().touch("engagement:q3m7xkd2pa");
            storm.moved();
            storm.sleep(10).await;
        }
    });
    let rename = &browsers[0];
    executor.spawn(async move {
        storm.until(2_000).await;
        rename.edit(storm, |e| e.details.name = "Acme CRM, wave 2".into());
    });
    let said_not_sent = || {
        browsers[0].said.borrow().iter().any(|s| {
            matches!(s, SyncStatus::NotSent { reason, .. } if reason.contains("keeps changing"))
        })
    };
    assert!(
        executor.run_until(60_000, said_not_sent),
        "the status says it"
    );
    assert!(!matches!(
        *browsers[0].status.borrow(),
        Some(SyncStatus::Synced { .. })
    ));
    let last_retry = u64::from(RETRY_AFTER[RETRY_AFTER.len() - 1]) * 1000;
    assert!(
        executor.run_until(60_000 + last_retry + 5_000, || world.ms() > 60_000
            && converged(&world, &browsers))
    );
    assert_eq!(browsers[1].engagement().details.name, "Acme CRM, wave 2");
}

#[test]
fn lost_answers_a_server_restart_and_an_offline_spell_lose_nothing() {
    let (db, browsers) = team();
    let world = world(db);
    world.lose_every.set(3);
    let mut executor = Executor::new(&world);
    start_all(&mut executor, &world, &browsers);
    let titles = ["A1", "A2", "A3", "B1", "B2", "B3"];
    for (n, title) in titles.iter().enumerate() {
        let who = usize::from(title.starts_with('B'));
        capture_at(
            &mut executor,
            &world,
            &browsers[who],
            1_000 + 7_000 * n as u64,
            title,
        );
    }
    let (w, bob) = (&world, &browsers[1]);
    executor.spawn(async move {
        w.until(5_000).await;
        w.server_up.set(false);
        w.moved();
        w.until(20_000).await;
        w.server_up.set(true);
        w.moved();
        w.until(25_000).await;
        bob.go_online(w, false);
        w.until(40_000).await;
        bob.go_online(w, true);
    });
    let said = |who: &Browser, test: fn(&SyncStatus) -> bool| who.said.borrow().iter().any(test);
    assert!(executor.run_until(120_000, || world.ms() > 40_000
        && converged(&world, &browsers)));
    assert!(
        said(&browsers[0], |s| matches!(
            s,
            SyncStatus::Unreachable { .. }
        )),
        "a server down while online is not \"Offline\""
    );
    assert!(said(&browsers[1], |s| matches!(
        s,
        SyncStatus::Offline { .. }
    )));
    nothing_lost_or_doubled(&browsers, &titles);
}

#[test]
fn a_document_deleted_on_the_server_while_the_loops_run_is_written_again() {
    let (db, browsers) = team();
    let world = world(db);
    let mut executor = Executor::new(&world);
    start_all(&mut executor, &world, &browsers);
    capture_at(
        &mut executor,
        &world,
        &browsers[0],
        500,
        "Quote PDF shows the wrong VAT",
    );
    let w = &world;
    executor.spawn(async move {
        w.until(3_000).await;
        w.db.borrow_mut().delete("issue:q3m7xkd2pa:1");
        w.moved();
    });
    assert!(executor.run_until(60_000, || world.ms() > 3_000
        && converged(&world, &browsers)));
    let db = world.db.borrow();
    let (_, doc) = &db.docs["issue:q3m7xkd2pa:1"];
    assert_eq!(doc.get("_deleted"), None, "written again: {doc}");
    nothing_lost_or_doubled(&browsers, &["Quote PDF shows the wrong VAT"]);
}

#[test]
fn a_merge_that_meets_another_tabs_save_starts_again_from_it() {
    let (db, browsers) = team();
    let world = world(db);
    let mut executor = Executor::new(&world);
    start_all(&mut executor, &world, &browsers);
    // Bob's new name arrives at Alice's loop; as it saves the merge, her other tab saves first.
    *browsers[0].rival_capture.borrow_mut() = Some("Alice, in her other tab");
    let (w, bob) = (&world, &browsers[1]);
    executor.spawn(async move {
        w.until(500).await;
        bob.edit(w, |e| e.details.name = "Acme CRM, wave 2".into());
    });
    capture_at(&mut executor, &world, &browsers[1], 5_000, "Bob one");
    let done = executor.run_until(60_000, || {
        world.ms() > 5_000 && converged(&world, &browsers)
    });
    assert!(done, "not converged by {} ms", world.ms());
    assert!(
        browsers[0].rival_capture.borrow().is_none(),
        "the race happened"
    );
    assert_eq!(browsers[0].engagement().details.name, "Acme CRM, wave 2");
    nothing_lost_or_doubled(&browsers, &["Alice, in her other tab", "Bob one"]);
}

#[test]
fn loops_with_nothing_to_do_wait_on_the_feed_instead_of_asking_again_and_again() {
    let (db, browsers) = team();
    let world = world(db);
    let mut executor = Executor::new(&world);
    start_all(&mut executor, &world, &browsers);
    capture_at(
        &mut executor,
        &world,
        &browsers[0],
        500,
        "Quote PDF shows the wrong VAT",
    );
    assert!(executor.run_until(60_000, || world.ms() >= 500 && converged(&world, &browsers)));
    let settled = world.requests.get();
    // A minute of nothing: each loop holds one long poll open, 25 s at a time.
    executor.run_until(world.ms() + 60_000, || false);
    let asked = world.requests.get() - settled;
    assert!(asked <= 2 * 3, "{asked} requests in an idle minute");
    nothing_lost_or_doubled(&browsers, &["Quote PDF shows the wrong VAT"]);
}
