//! Fuzzing every door a record comes in by (issue 28): backup files, share links, this
//! browser's stored records, the team database's documents and CSV imports.
//!
//! Each door is fed raw bytes of random shape and *structure-aware* inputs: a valid record
//! (from the share samples, a living hypercare, the fixtures under `tests/fixtures/`) edited
//! at random places with dates, numbers, texts and lists at and past the bounds of
//! `domain::bounds`, fields removed, types swapped, keys given twice, text cut. Whatever the
//! door accepts then goes through every screen's computations (`screens.rs`) at a few "now"s.
//! A panic, a freeze (longer than the time limit) or an allocation no browser tab could make
//! is a finding: the release wasm aborts on each, and takes the tab with it.
//!
//! Besides the random edits, each door has a *sweep* (`Door::sweep`): every field of every
//! base set, one at a time, to each value at and past its bounds. The property tests sample
//! it; `FUZZ_SWEEP=1` runs all of it.
//!
//! CI runs the property tests below (64 to 256 inputs each; `FUZZ_PROPTEST_CASES` sets more).
//! `scripts/fuzz.sh` runs the long version, `fuzz_long_run`, on 1,000,000 inputs per door and
//! prints per door the cases run, the seed and every distinct failure, shrunk, with what
//! `domain::bounds::check` says of it: set `FUZZ_DOOR`, `FUZZ_CASES`, `FUZZ_SEED` (printed, to
//! replay a run), `FUZZ_REPLAY=<case>` or `FUZZ_SWEEP=1` (see `run::Settings` for the rest).
//!
//! Not covered: the views themselves (Leptos cannot render natively; the arithmetic of the
//! timeline and the overview's phase line is repeated in `screens.rs`, and the overview's week
//! chart is checked by its bar count), the passphrase-locked links' decryption (browser
//! crypto), and the browser's own zone rules (`Zones` stands in for them).
mod dice;
mod doors;
mod run;
mod screens;
mod seeds;
mod shape;

use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use dice::Dice;
use doors::{door, DOORS};
use run::{guarded, shrink, Door, Outcome, Recipe};

/// Parks a worker thread that asks for more memory than a browser tab has, instead of letting
/// the process abort (see `run.rs`). Every other allocation is the system's.
#[global_allocator]
static ALLOCATOR: run::Capped = run::Capped;

fn limit() -> Duration {
    let ms = std::env::var("FUZZ_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    Duration::from_millis(ms)
}

fn cases(default: u32) -> u32 {
    std::env::var("FUZZ_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs one recipe; a failure comes back shrunk to the edits that matter, with its outcome.
fn check(door: &'static Door, recipe: &Recipe) -> Result<bool, TestCaseError> {
    let outcome = guarded(door, (door.build)(recipe), limit());
    let Some(key) = outcome.key() else {
        return Ok(matches!(outcome, Outcome::Fine { accepted: true }));
    };
    let (recipe, outcome) = if matches!(outcome, Outcome::Freeze { .. }) {
        // Each try of a freeze costs the time limit and a busy thread: reported as found.
        (recipe.clone(), outcome)
    } else {
        let small = shrink(door, recipe, &key, limit());
        let again = guarded(door, (door.build)(&small), limit());
        let outcome = if again.key().as_deref() == Some(key.as_str())
            && !matches!(&again, Outcome::Panic(c) if c.frames.is_empty())
        {
            again
        } else {
            outcome
        };
        (small, outcome)
    };
    let input = (door.build)(&recipe);
    Err(TestCaseError::fail(format!(
        "[{}] {outcome}\n      input:    {}\n      text:     {:?}",
        door.name,
        door.recipe_text(&recipe),
        String::from_utf8_lossy(&input[..input.len().min(400)]),
    )))
}

fn seeded(name: &str) -> &'static Door {
    door(name).map(|(_, d)| d).expect("a door")
}

/// Structure-aware cases from a seed: proptest's shrinking of the seed would only pick other
/// inputs, so it is off; `check` shrinks the edits instead.
fn structured_config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(64),
        max_shrink_iters: 0,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn raw_config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Inputs of the property tests stay under 2 MB: the debug build reads a few MB a second.
const MAX_INPUT: usize = 2 << 20;

fn generated(door: &'static Door, seed: u64) -> Result<bool, TestCaseError> {
    let (recipe, _) = run::make(door, &mut Dice::new(seed), MAX_INPUT);
    check(door, &recipe)
}

fn raw(door: &'static Door, bytes: Vec<u8>) -> Result<bool, TestCaseError> {
    check(door, &Recipe::raw(bytes))
}

/// Text that looks a little like each door's input, for proptest to shrink.
fn texty() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,200}",
        "[\\[\\]{}\":,0-9a-z \\\\-]{0,200}",
        "https://h\\.example/#/s/[A-Za-z0-9_\\- \n%.]{0,300}",
        "[A-Za-z ,\"\r\n0-9:-]{0,300}",
    ]
}

proptest! {
    #![proptest_config(structured_config())]

    #[test]
    fn fuzz_backup_files_edited_at_their_bounds(seed in any::<u64>()) {
        generated(seeded("backup"), seed)?;
    }

    #[test]
    fn fuzz_share_links_edited_at_their_bounds(seed in any::<u64>()) {
        generated(seeded("share"), seed)?;
    }

    #[test]
    fn fuzz_stored_records_edited_at_their_bounds(seed in any::<u64>()) {
        generated(seeded("stored"), seed)?;
    }

    #[test]
    fn fuzz_team_documents_edited_at_their_bounds(seed in any::<u64>()) {
        generated(seeded("team"), seed)?;
    }

    #[test]
    fn fuzz_csv_files_edited_at_their_bounds(seed in any::<u64>()) {
        generated(seeded("csv"), seed)?;
    }
}

/// A door's sweep, made once per test binary.
fn sweep(door: &'static Door) -> &'static [Recipe] {
    static SWEEPS: std::sync::Mutex<Vec<(&str, &[Recipe])>> = std::sync::Mutex::new(Vec::new());
    let mut sweeps = SWEEPS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, recipes)) = sweeps.iter().find(|(name, _)| *name == door.name) {
        return recipes;
    }
    let recipes: &'static [Recipe] = Vec::leak((door.sweep)());
    sweeps.push((door.name, recipes));
    recipes
}

/// One field of one base at one value at or past its bounds (the door's sweep, sampled).
fn swept(door: &'static Door, pick: prop::sample::Index) -> Result<bool, TestCaseError> {
    let recipes = sweep(door);
    check(door, &recipes[pick.index(recipes.len())])
}

proptest! {
    #![proptest_config(structured_config())]

    #[test]
    fn fuzz_backup_files_one_field_at_a_bound(pick in any::<prop::sample::Index>()) {
        swept(seeded("backup"), pick)?;
    }

    #[test]
    fn fuzz_share_links_one_field_at_a_bound(pick in any::<prop::sample::Index>()) {
        swept(seeded("share"), pick)?;
    }

    #[test]
    fn fuzz_stored_records_one_field_at_a_bound(pick in any::<prop::sample::Index>()) {
        swept(seeded("stored"), pick)?;
    }

    #[test]
    fn fuzz_team_documents_one_field_at_a_bound(pick in any::<prop::sample::Index>()) {
        swept(seeded("team"), pick)?;
    }

    #[test]
    fn fuzz_csv_files_one_field_at_a_bound(pick in any::<prop::sample::Index>()) {
        swept(seeded("csv"), pick)?;
    }
}

proptest! {
    #![proptest_config(raw_config())]

    #[test]
    fn fuzz_every_door_reads_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        for door in DOORS {
            raw(door, bytes.clone())?;
        }
    }

    #[test]
    fn fuzz_every_door_reads_random_text(text in texty()) {
        for door in DOORS {
            raw(door, text.clone().into_bytes())?;
        }
    }
}

/// The generators reach every door's reader and past it: each door accepts some of the edited
/// records (else the screens behind it are never run) and refuses some.
#[test]
fn fuzz_generators_reach_past_every_door() {
    for door in DOORS {
        let mut accepted = 0;
        let mut refused = 0;
        for i in 0..60u64 {
            let (_, input) = run::make(door, &mut Dice::for_case(7, 0, i), MAX_INPUT);
            match guarded(door, input, limit()) {
                Outcome::Fine { accepted: true } => accepted += 1,
                Outcome::Fine { accepted: false } => refused += 1,
                _ => {}
            }
        }
        assert!(
            accepted > 0 && refused > 0,
            "[{}] {accepted} accepted, {refused} refused",
            door.name
        );
    }
}

/// Every unedited base goes through its door and every screen.
#[test]
fn fuzz_every_base_is_accepted_as_it_is() {
    for door in DOORS {
        for shape in 0..(door.bases)() {
            let recipe = Recipe::shaped(shape, Vec::new(), 1);
            let outcome = guarded(door, (door.build)(&recipe), limit());
            assert!(
                matches!(outcome, Outcome::Fine { accepted: true }),
                "[{}] base {shape}: {outcome}",
                door.name
            );
        }
    }
}

/// How long each door takes on each of its unedited bases, to calibrate the time limit and
/// the number of cases a run can afford.
#[test]
#[ignore = "a measurement"]
fn fuzz_time_per_base() {
    for door in DOORS {
        for shape in 0..(door.bases)() {
            let input = (door.build)(&Recipe::shaped(shape, Vec::new(), 1));
            let start = std::time::Instant::now();
            let runs = 20;
            for _ in 0..runs {
                (door.exercise)(&input);
            }
            println!(
                "[{}] base {shape}: {:.1} ms",
                door.name,
                start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs)
            );
        }
    }
}

/// The long run (`scripts/fuzz.sh`): every door in `FUZZ_DOOR` (all by default) on
/// `FUZZ_CASES` generated inputs (1,000,000), printing the count, the seed and every distinct
/// failure with its shrunk input (also written under `FUZZ_OUT`). `FUZZ_REPLAY=<case>` makes
/// and runs one case of a seed again.
#[test]
#[ignore = "long: run by scripts/fuzz.sh"]
fn fuzz_long_run() {
    let settings = run::Settings::from_env();
    let names = std::env::var("FUZZ_DOOR").unwrap_or_else(|_| "all".to_owned());
    let chosen: Vec<(usize, &'static Door)> = if names == "all" {
        DOORS.iter().copied().enumerate().collect()
    } else {
        names
            .split(',')
            .map(|n| {
                door(n.trim()).unwrap_or_else(|| {
                    panic!("no door {n:?}; the doors are backup, share, stored, team, csv")
                })
            })
            .collect()
    };
    if let Some(case) = std::env::var("FUZZ_REPLAY")
        .ok()
        .and_then(|c| c.parse().ok())
    {
        for (index, door) in &chosen {
            println!("{}", run::replay(door, *index, &settings, case));
        }
        return;
    }
    for (index, door) in chosen {
        println!(
            "[{}] {} cases from case {}, seed {}, time limit {} ms",
            door.name,
            settings.cases,
            settings.first,
            settings.seed,
            settings.limit.as_millis()
        );
        let mut summary = run::long_run(door, index, &settings);
        let report = run::report(door, &settings, &mut summary);
        println!("{report}");
        let distinct = summary.findings.len();
        println!(
            "FUZZ-SUMMARY door={} cases={} accepted={} failed={} distinct={} seed={} first={} elapsed={:.1}s{}",
            door.name,
            summary.cases,
            summary.accepted,
            summary.failures,
            distinct,
            settings.seed,
            settings.first,
            summary.elapsed.as_secs_f64(),
            summary.stopped.as_deref().map(|s| format!(" stopped=\"{s}\"")).unwrap_or_default(),
        );
    }
}
