//! Many devices changing one engagement offline, syncing in random order through random
//! partitions and lost answers: afterwards every device and the server hold the same data,
//! no issue, event, decision or holiday is lost, and none is there twice.
//!
//! CI runs a short version; `scripts/sync-chaos.sh` runs 10 devices with 1,000 changes each
//! (`CHAOS_DEVICES`, `CHAOS_CHANGES`, `CHAOS_SEED`). It drives the same outbox, answer-noting
//! and absorbing steps as the browser's loop, through the model database of `tests.rs`.
use std::collections::BTreeSet;
use std::time::Instant;

use serde_json::Value;

use super::tests::{acme, Database, Device};
use crate::domain::triage::{Change, IssueEvent};
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
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One random change on `device`, at `tick` (minutes after the start).
fn change(device: &mut Device, dice: &mut Dice, tick: u32, written: &mut Written) {
    let who = device.account;
    let tag = format!("{who}-{tick}");
    match dice.below(6) {
        0 | 1 => {
            written.titles.insert(tag.clone());
            device.capture_at(&tag, tick);
        }
        2 => {
            let count = device.engagement().issues.len();
            if count == 0 {
                return;
            }
            let at = device.minute(tick);
            let pick = dice.below(count);
            device.edit(tick, |e| {
                let issue = &mut e.issues[pick];
                let event = IssueEvent::new(
                    &issue.events,
                    at,
                    who,
                    Change::Logged {
                        title: format!("retitled {tag}"),
                    },
                    "",
                );
                written.events.insert(event.id.clone());
                issue.events.push(event);
            });
        }
        3 => {
            written.decisions.insert(tag.clone());
            let at = device.minute(tick);
            device.edit(tick, |e| {
                let form = DecisionForm {
                    text: tag.clone(),
                    recorded_by: who.into(),
                    ..Default::default()
                };
                let _ = e.workshops[0].record_decision(&form, at);
            });
        }
        4 => {
            written.holidays.insert(tag.clone());
            device.edit(tick, |e| {
                if let Some(draft) = e.charter.draft.as_mut() {
                    draft
                        .charter
                        .calendar
                        .holidays
                        .push(crate::domain::charter::Holiday {
                            id: String::new(),
                            date: "2027-04-02".into(),
                            name: tag.clone(),
                        });
                }
            });
        }
        _ => device.edit(tick, |e| e.details.system = format!("system {tag}")),
    }
}

/// Everything a device holds that must be the same everywhere.
fn fingerprint(device: &Device) -> Value {
    let mut engagement = device.engagement().clone();
    engagement.merge_notices.clear();
    crate::domain::json::to_json(&engagement)
}

fn run(devices: usize, changes: usize, seed: u64) {
    let started = Instant::now();
    let mut dice = Dice(seed | 1);
    let mut db = Database::default();
    let mut first = Device::new("d0", Some(acme()));
    first.edit(0, |e| {
        e.charter.draft = Some(
            crate::domain::sync::testing::engagement()
                .charter
                .draft
                .expect("a draft"),
        );
        e.workshops
            .push(Workshop::new(1, AgendaKind::CharterWorkshop, "Dana", at0()));
    });
    first.sync(&mut db);
    let names: Vec<&'static str> = (0..devices)
        .map(|n| &*Box::leak(format!("d{n}").into_boxed_str()))
        .collect();
    let mut all = vec![first];
    for name in &names[1..] {
        let mut device = Device::new(name, None);
        device.sync(&mut db);
        all.push(device);
    }
    let mut written = Written::default();
    // The sample charter's own holidays are there from the start.
    written
        .holidays
        .extend(crate::domain::sync::testing::holiday_names(
            all[0].engagement(),
        ));
    let (mut syncs, mut lost) = (0usize, 0usize);
    for tick in (1u32..).take(changes * devices) {
        let d = dice.below(devices);
        change(&mut all[d], &mut dice, tick, &mut written);
        // Now and then a device reaches the server (the others stay partitioned).
        if dice.below(8) == 0 {
            let d = dice.below(devices);
            if std::env::var_os("CHAOS_TRACE").is_some() {
                let e = all[d].engagement();
                println!(
                    "sync {syncs} by {}: before {:?}",
                    all[d].account,
                    e.issues
                        .iter()
                        .map(|i| (i.number, first_title(i)))
                        .collect::<Vec<_>>()
                );
            }
            if dice.below(10) == 0 {
                if std::env::var_os("CHAOS_TRACE").is_some() {
                    println!("  (answers lost)");
                }
                // The server wrote it, but the answers were lost (a restart mid-request).
                all[d].sync_losing_answers(&mut db);
                lost += 1;
            } else {
                all[d].sync(&mut db);
            }
            syncs += 1;
            let e = all[d].engagement();
            let numbers: BTreeSet<u32> = e.issues.iter().map(|i| i.number).collect();
            assert_eq!(
                numbers.len(),
                e.issues.len(),
                "{} holds two issues under one number after sync {syncs} (seed {seed}): {:?}",
                all[d].account,
                e.issues
                    .iter()
                    .map(|i| (i.number, first_title(i)))
                    .collect::<Vec<_>>()
            );
        }
    }
    // Everyone reconnects; a few rounds until nothing moves.
    let mut rounds = 0;
    loop {
        rounds += 1;
        let before = db.feed.len();
        for device in &mut all {
            device.sync(&mut db);
        }
        if std::env::var_os("CHAOS_TRACE").is_some() {
            println!("round {rounds}: {:?}", &db.feed[before..]);
        }
        if db.feed.len() == before || rounds > 20 {
            break;
        }
    }
    let reference = fingerprint(&all[0]);
    for device in &all[1..] {
        assert_eq!(
            fingerprint(device),
            reference,
            "{} differs (seed {seed})",
            device.account
        );
    }
    let e = all[0].engagement();
    let titles: BTreeSet<String> = e.issues.iter().map(first_title).collect();
    assert_eq!(
        titles, written.titles,
        "every captured issue, once (seed {seed})"
    );
    assert_eq!(
        e.issues.len(),
        written.titles.len(),
        "none twice (seed {seed})"
    );
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
    let decisions: BTreeSet<String> = e
        .workshops
        .iter()
        .flat_map(|w| &w.decisions)
        .map(|d| d.text.clone())
        .collect();
    assert_eq!(
        decisions, written.decisions,
        "every decision, once (seed {seed})"
    );
    let holidays = crate::domain::sync::testing::holiday_names(e);
    let unique: BTreeSet<String> = holidays.iter().cloned().collect();
    assert_eq!(unique, written.holidays, "every holiday (seed {seed})");
    assert_eq!(
        unique.len(),
        holidays.len(),
        "no holiday twice (seed {seed})"
    );
    println!(
        "sync chaos: seed {seed}, {devices} devices, {} changes, {syncs} syncs ({lost} with lost answers), {} issues, {} events; converged in {rounds} rounds after the last reconnect; {:.1} s",
        changes * devices,
        e.issues.len(),
        events.len(),
        started.elapsed().as_secs_f64()
    );
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
