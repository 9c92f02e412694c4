//! Many devices changing one engagement, each running the browser's own sync loop
//! (`sync::cycle::run`) on the model world's simulated clock, through random offline spells,
//! server restarts and lost answers: afterwards every device and the server hold the same
//! data, no issue, event, decision or holiday is lost, and none is there twice.
//!
//! CI runs a short version; `scripts/sync-chaos.sh` runs 10 devices with 1,000 changes each
//! (`CHAOS_DEVICES`, `CHAOS_CHANGES`, `CHAOS_SEED`). The run prints the seed, the counts and
//! how long after the last reconnect (in simulated time) every device held the same data.
use std::collections::BTreeSet;
use std::time::Instant;

use super::loop_tests::{converged, start};
use super::model::{Browser, Database, Executor, Life, World};
use super::tests::{acme, Device};
use crate::domain::triage::{Change, Issue, IssueEvent};
use crate::domain::workshop::{AgendaKind, DecisionForm, Workshop};
/// xorshift64*: small, seedable, the same on every machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// What every device wrote, to check nothing went missing.
#[derive(Default)]
struct Written {
    titles: BTreeSet<String>,
    events: BTreeSet<String>,
    decisions: BTreeSet<String>,
    holidays: BTreeSet<String>,
    /// Every system name a device typed, and every one a device replaced knowing it (it was
    /// that device's value when it typed another): a typed value that is neither the final one
    /// nor replaced knowingly lost a conflict, and must be in a merge notice.
    systems: BTreeSet<String>,
    superseded: BTreeSet<String>,
    /// Holidays each device may add: all of them together stay within the calendar's bound
    /// (`bounds::MAX_HOLIDAYS`), which a real charter cannot pass either; past it the team
    /// database's head would be refused by every device, as it should be.
    holiday_quota: usize,
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One random change typed in `browser`, named `tag`.
fn change(world: &World, browser: &Browser, dice: &mut Dice, tag: String, written: &mut Written) {
    let (who, now) = (browser.account, world.now());
    match dice.below(6) {
        0 | 1 => {
            written.titles.insert(tag.clone());
            browser.edit(world, |e| {
                let number = e.next_issue_number().expect("a free number");
                e.issues
                    .push(Issue::log(number, &tag, who, now).expect("logged"));
            });
        }
        2 => {
            let count = browser.engagement().issues.len();
            if count == 0 {
                return;
            }
            let pick = dice.below(count);
            browser.edit(world, |e| {
                let issue = &mut e.issues[pick];
                let title = format!("retitled {tag}");
                let event = IssueEvent::new(&issue.events, now, who, Change::Logged { title }, "");
                written.events.insert(event.id.clone());
                issue.events.push(event);
            });
        }
        3 => {
            written.decisions.insert(tag.clone());
            browser.edit(world, |e| {
                let form = DecisionForm {
                    text: tag.clone(),
                    recorded_by: who.into(),
                    ..Default::default()
                };
                let _ = e.workshops[0].record_decision(&form, now);
            });
        }
        4 if written
            .holidays
            .iter()
            .filter(|h| h.starts_with(&format!("{who}-")))
            .count()
            < written.holiday_quota =>
        {
            written.holidays.insert(tag.clone());
            browser.edit(world, |e| {
                if let Some(draft) = e.charter.draft.as_mut() {
                    let holiday = crate::domain::charter::Holiday {
                        id: String::new(),
                        date: "2027-04-02".into(),
                        name: tag.clone(),
                    };
                    draft.charter.calendar.holidays.push(holiday);
                }
            });
        }
        _ => {
            let system = format!("system {tag}");
            written.systems.insert(system.clone());
            written
                .superseded
                .insert(browser.engagement().details.system.clone());
            browser.edit(world, |e| e.details.system = system);
        }
    }
}

/// The first device's engagement with a charter draft and a workshop, and the others joined.
fn team_of(count: usize) -> (Database, Vec<Browser>) {
    let mut db = Database::default();
    let mut first = Device::new("d0", Some(acme()));
    first.edit(0, |e| {
        e.charter.draft = crate::domain::sync::testing::engagement().charter.draft;
        e.workshops
            .push(Workshop::new(1, AgendaKind::CharterWorkshop, "Dana", at0()));
    });
    first.sync(&mut db);
    let mut all = vec![first];
    for n in 1..count {
        let mut device = Device::new(Box::leak(format!("d{n}").into_boxed_str()), None);
        device.sync(&mut db);
        all.push(device);
    }
    let browsers = all
        .into_iter()
        .map(|d| Browser::new(d.account, d.engagement, d.ledger))
        .collect();
    (db, browsers)
}

/// When each device changes something, goes offline and comes back, and when the server is
/// down: all drawn from the seed before the run, so the run replays exactly.
struct Plan {
    /// Per device: the instants of its changes.
    changes: Vec<Vec<u64>>,
    /// Per device: (offline from, online again).
    offline: Vec<Vec<(u64, u64)>>,
    /// (down from, up again).
    restarts: Vec<(u64, u64)>,
    /// Every device online and the server up from here on: the last reconnect.
    last_reconnect: u64,
}

fn plan(dice: &mut Dice, devices: usize, changes: usize) -> Plan {
    // About one change every 3 s per device.
    let window = changes as u64 * 3_000;
    let spells = |dice: &mut Dice, up: (u64, u64), down: (u64, u64)| {
        let mut spells = Vec::new();
        let mut at = 0;
        loop {
            at += up.0 + dice.next() % (up.1 - up.0);
            let until = at + down.0 + dice.next() % (down.1 - down.0);
            if until >= window {
                return spells;
            }
            spells.push((at, until));
            at = until;
        }
    };
    let changes = (0..devices)
        .map(|_| {
            let mut at: Vec<u64> = (0..changes).map(|_| 1 + dice.next() % window).collect();
            at.sort_unstable();
            at
        })
        .collect();
    let offline = (0..devices)
        .map(|_| spells(dice, (5_000, 40_000), (3_000, 60_000)))
        .collect();
    let restarts = spells(dice, (20_000, 120_000), (1_000, 15_000));
    Plan {
        changes,
        offline,
        restarts,
        last_reconnect: window,
    }
}

fn run(devices: usize, changes: usize, seed: u64) {
    let started = Instant::now();
    let mut dice = Dice(seed | 1);
    let (db, browsers) = team_of(devices);
    let world = World::new(db, at0(), 40);
    // Every seventh write is made but its answer lost (a restart mid-request).
    world.lose_every.set(7);
    let plan = plan(&mut dice, devices, changes);
    let written = std::cell::RefCell::new(Written {
        holiday_quota: (crate::domain::bounds::MAX_HOLIDAYS - 20) / devices,
        ..Written::default()
    });
    // The sample charter's own holidays are there from the start.
    let first = browsers[0].engagement();
    written
        .borrow_mut()
        .holidays
        .extend(crate::domain::sync::testing::holiday_names(&first));
    let mut executor = Executor::new(&world);
    let (w, written_by) = (&world, &written);
    for (n, browser) in browsers.iter().enumerate() {
        start(&mut executor, &world, browser, 0, Life::default());
        let mut dice = Dice(seed.wrapping_add(n as u64 + 1) | 1);
        let instants = plan.changes[n].clone();
        executor.spawn(async move {
            for (count, at) in instants.into_iter().enumerate() {
                w.until(at).await;
                let tag = format!("{}-{count}", browser.account);
                change(w, browser, &mut dice, tag, &mut written_by.borrow_mut());
            }
        });
        let spells = plan.offline[n].clone();
        let last = plan.last_reconnect;
        executor.spawn(async move {
            for (from, until) in spells {
                w.until(from).await;
                browser.go_online(w, false);
                w.until(until).await;
                browser.go_online(w, true);
            }
            w.until(last).await;
            browser.go_online(w, true);
        });
    }
    let restarts = plan.restarts.clone();
    let last = plan.last_reconnect;
    executor.spawn(async move {
        for (from, until) in restarts {
            w.until(from).await;
            w.server_up.set(false);
            w.moved();
            w.until(until).await;
            w.server_up.set(true);
            w.moved();
        }
        // The faults end with the last reconnect; what follows is the loops catching up.
        w.until(last).await;
        w.lose_every.set(0);
    });
    let limit = last + 600_000;
    let done = executor.run_until(limit, || world.ms() >= last && converged(&world, &browsers));
    assert!(
        done,
        "not converged 10 minutes after the last reconnect (seed {seed}); feed at {}: {:#?}",
        world.db.borrow().feed.len(),
        browsers.iter().map(where_it_stands).collect::<Vec<_>>()
    );
    let settled_after = world.ms() - last;
    let conflicts = check(&browsers[0], &written.borrow(), seed);
    for browser in &browsers {
        agrees_with_the_server(browser, &world.db.borrow(), seed);
    }
    let e = browsers[0].engagement();
    let events: usize = e.issues.iter().map(|i| i.events.len()).sum();
    println!(
        "sync chaos: seed {seed}, {devices} devices, {} changes, {} offline spells, {} server restarts, {} writes to the server; {} issues, {events} events; {conflicts} typed values lost a conflict, each with its notice; every device the same {:.1} s (simulated) after the last reconnect; {:.1} s to run",
        changes * devices,
        plan.offline.iter().map(Vec::len).sum::<usize>(),
        plan.restarts.len(),
        world.db.borrow().feed.len(),
        e.issues.len(),
        settled_after as f64 / 1000.0,
        started.elapsed().as_secs_f64()
    );
    assert!(
        settled_after <= CONVERGE_WITHIN_MS,
        "converged {settled_after} ms after the last reconnect (seed {seed})"
    );
}

/// The device has nothing left to send, and every document it last agreed with the server on
/// is the server's current revision, and the other way round: it holds what the server holds.
fn agrees_with_the_server(browser: &Browser, db: &Database, seed: u64) {
    let mut engagement = browser.engagement();
    let ledger = browser.ledger.borrow().clone().expect("a ledger");
    assert!(
        super::outbox::outgoing(&mut engagement, &ledger).is_empty(),
        "{} has changes not on the server (seed {seed})",
        browser.account
    );
    for (id, (_, doc)) in &db.docs {
        let rev = doc["_rev"].as_str().unwrap_or_default();
        assert_eq!(
            ledger.docs.get(id).map(|m| m.rev.as_str()),
            Some(rev),
            "{} and the server differ on {id} (seed {seed})",
            browser.account
        );
    }
}

/// A device's status, how far it read the feed, what it holds back and how many issues it has.
fn where_it_stands(browser: &Browser) -> String {
    let ledger = browser.ledger.borrow().clone();
    format!(
        "{}: {:?}; since {:?}; blocked {:?}; {} issues",
        browser.account,
        browser.status.borrow(),
        ledger.as_ref().map(|l| l.since.clone()),
        ledger.map(|l| l.blocked).unwrap_or_default(),
        browser.engagement().issues.len()
    )
}

/// The target: every device the same within 5 s (simulated) of the last reconnect.
const CONVERGE_WITHIN_MS: u64 = 5_000;

/// Everything written is there once. (Every device holds the same, checked by `converged`.)
/// Checks what `written` says against the engagement; returns how many typed values lost a
/// conflict (each of them with its notice).
fn check(browser: &Browser, written: &Written, seed: u64) -> usize {
    let e = browser.engagement();
    let lost: Vec<&String> = written
        .systems
        .iter()
        .filter(|v| **v != e.details.system && !written.superseded.contains(*v))
        .collect();
    let noticed = |v: &str| e.merge_notices.iter().any(|n| n.replaced_value.contains(v));
    let lost_without_notice: Vec<&&String> = lost.iter().filter(|v| !noticed(v)).collect();
    assert!(
        lost_without_notice.is_empty(),
        "every value that lost a conflict has a notice (seed {seed}): {lost_without_notice:?}"
    );
    let titles: Vec<String> = e.issues.iter().map(first_title).collect();
    let unique: BTreeSet<String> = titles.iter().cloned().collect();
    assert_eq!(unique, written.titles, "every captured issue (seed {seed})");
    assert_eq!(titles.len(), unique.len(), "none twice (seed {seed})");
    let events: BTreeSet<&str> = e
        .issues
        .iter()
        .flat_map(|i| &i.events)
        .map(|ev| ev.id.as_str())
        .collect();
    assert!(
        written.events.iter().all(|id| events.contains(id.as_str())),
        "every event (seed {seed})"
    );
    let numbers: BTreeSet<u32> = e.issues.iter().map(|i| i.number).collect();
    assert_eq!(
        numbers.len(),
        e.issues.len(),
        "numbers unique (seed {seed})"
    );
    let decisions: Vec<String> = e
        .workshops
        .iter()
        .flat_map(|w| &w.decisions)
        .map(|d| d.text.clone())
        .collect();
    let unique: BTreeSet<String> = decisions.iter().cloned().collect();
    assert_eq!(unique, written.decisions, "every decision (seed {seed})");
    assert_eq!(
        unique.len(),
        decisions.len(),
        "no decision twice (seed {seed})"
    );
    let holidays = crate::domain::sync::testing::holiday_names(&e);
    let unique: BTreeSet<String> = holidays.iter().cloned().collect();
    assert_eq!(unique, written.holidays, "every holiday (seed {seed})");
    assert_eq!(
        unique.len(),
        holidays.len(),
        "no holiday twice (seed {seed})"
    );
    lost.len()
}

/// The title an issue was logged with.
fn first_title(issue: &crate::domain::triage::Issue) -> String {
    match &issue.events[0].change {
        Change::Logged { title } => title.clone(),
        _ => String::new(),
    }
}

fn at0() -> chrono::DateTime<chrono::Utc> {
    crate::domain::fixtures::at("2027-03-02T09:00:00Z")
}

#[test]
fn devices_changing_offline_in_random_order_converge_without_losing_anything() {
    let seed = env("CHAOS_SEED", 0x5eed_2026);
    run(
        env("CHAOS_DEVICES", 3) as usize,
        env("CHAOS_CHANGES", 40) as usize,
        seed,
    );
}

#[test]
fn several_seeds_converge() {
    for seed in 1..6 {
        run(4, 25, seed * 7919);
    }
}
