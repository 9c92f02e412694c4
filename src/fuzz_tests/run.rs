//! Running a door on one input so that nothing it does can stop the run: a panic is caught
//! (with its message, place, and the screen computation it happened in), an input that runs
//! longer than the time limit is a freeze, and an allocation no browser tab could make (more
//! than `FUZZ_ALLOC_LIMIT_MB`, 1 GiB by default) parks its thread instead of aborting the
//! process, and is reported with where it was asked for.
//!
//! The release wasm aborts on any of these (`panic = "abort"`), so each is a crash of the tab.
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use super::dice::Dice;
use super::shape::{Edit, Leaf};

/// How an input was made: a base (raw bytes, or the index of one of the door's shapes), the
/// edits on it, and door-specific choices (`mode`).
#[derive(Debug, Clone, PartialEq)]
pub struct Recipe {
    pub shape: Option<usize>,
    pub bytes: Vec<u8>,
    pub edits: Vec<Edit>,
    pub mode: u64,
}

impl Recipe {
    pub fn raw(bytes: Vec<u8>) -> Self {
        Self {
            shape: None,
            bytes,
            edits: Vec::new(),
            mode: 0,
        }
    }

    pub fn shaped(shape: usize, edits: Vec<Edit>, mode: u64) -> Self {
        Self {
            shape: Some(shape),
            bytes: Vec::new(),
            edits,
            mode,
        }
    }
}

/// A way records come in, and what the app does with what it accepts.
pub struct Door {
    pub name: &'static str,
    pub generate: fn(&mut Dice) -> Recipe,
    pub build: fn(&Recipe) -> Vec<u8>,
    /// Decodes the input and, if the door accepts it, runs the screens on the result; returns
    /// whether the door accepted it.
    pub exercise: fn(&[u8]) -> bool,
    /// The base and door-specific choices of a recipe, in words.
    pub describe: fn(&Recipe) -> String,
    /// How many valid bases (shapes) the door's edited inputs start from.
    pub bases: fn() -> usize,
    /// What `domain::bounds::check` says of the records in an input (the doors are being
    /// wired to it): whether it would refuse this finding at the door. `None` where it does
    /// not apply (a CSV file, a link that does not decode).
    pub bounds: fn(&[u8]) -> Option<String>,
    /// Every field of every base set to each value at and past its bounds, one per recipe.
    pub sweep: fn() -> Vec<Recipe>,
}

impl Door {
    pub fn recipe_text(&self, recipe: &Recipe) -> String {
        let mut text = (self.describe)(recipe);
        for edit in &recipe.edits {
            text.push_str("\n      - ");
            text.push_str(&edit.to_string());
        }
        text
    }
}

// ---------------------------------------------------------------------------------------
// Where a worker is, and what stopped it.

/// Shared between a worker thread and whoever waits for it.
#[derive(Default)]
pub struct Guard {
    parked: AtomicBool,
    /// Set when the input ran past the time limit: see [`cancelled`].
    cancel: AtomicBool,
    /// The frozen input stopped at an allocation (see `check_size`) and sleeps.
    stopped: AtomicBool,
    note: Mutex<Option<String>>,
    stage: Mutex<&'static str>,
}

/// What a cancelled input panics with (never a finding).
pub const CANCELLED: &str = "fuzz harness: cancelled after the time limit";

/// Whether this thread's input ran past the time limit and should stop. The harness's zone
/// rules ask on every call and panic with [`CANCELLED`]: the loops that freeze (SLA clocks
/// counting day by day) call them, so a frozen input ends and frees its thread.
pub fn cancelled() -> bool {
    let cancelled = GUARD
        .with(Cell::get)
        .is_some_and(|g| g.cancel.load(Ordering::Relaxed));
    if cancelled {
        CANCELLING.with(|c| c.set(true));
    }
    cancelled
}

thread_local! {
    static GUARD: Cell<Option<&'static Guard>> = const { Cell::new(None) };
    static STAGE: Cell<&'static str> = const { Cell::new("") };
    static CAUGHT: RefCell<Option<Caught>> = const { RefCell::new(None) };
    /// Set while the allocator writes its note, so the note's own allocations go through.
    static NOTING: Cell<bool> = const { Cell::new(false) };
    /// Set while a cancelled input unwinds and reports (see [`cancelled`]), so its allocations
    /// go through.
    static CANCELLING: Cell<bool> = const { Cell::new(false) };
}

/// Names the computation under way on this thread ("overview: hypercare_weeks"), so that a
/// panic or freeze says which screen it belongs to.
pub fn stage(name: &'static str) {
    STAGE.with(|s| s.set(name));
    if let Some(guard) = GUARD.with(Cell::get) {
        if let Ok(mut s) = guard.stage.lock() {
            *s = name;
        }
    }
}

fn current_stage() -> &'static str {
    STAGE.with(Cell::get)
}

#[derive(Debug, Clone, Default)]
pub struct Caught {
    pub message: String,
    pub location: String,
    pub stage: &'static str,
    /// The first frames in this crate, for a panic first seen (empty for repeats).
    pub frames: String,
}

impl Caught {
    pub fn key(&self) -> String {
        format!(
            "panic | {} | {} | {}",
            self.stage,
            self.location,
            normalise(&self.message)
        )
    }
}

/// A message with its numbers blotted out, so "year 262142" and "year 262143" are one finding.
fn normalise(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default();
    let mut out = String::new();
    for c in line.chars().take(120) {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);

/// The frames of this crate (not of the harness) in a backtrace, with their places.
fn project_frames(trace: &str) -> String {
    let lines: Vec<&str> = trace.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let name = line.trim_start();
        let name = name.split_once(": ").map_or(name, |(_, n)| n);
        // Inherent methods print as `<handrail::domain::Engagement>::next_issue_number`.
        let bare = name.trim_start_matches('<');
        if bare.starts_with("handrail::") && !bare.starts_with("handrail::fuzz_tests") {
            let place = lines
                .get(i + 1)
                .map(|l| l.trim())
                .filter(|l| l.starts_with("at "))
                .map(|l| format!(" {l}"))
                .unwrap_or_default();
            out.push(format!("{name}{place}"));
            if out.len() == 4 {
                break;
            }
        }
    }
    out.join("\n                ")
}

static HOOK: Once = Once::new();

/// Panics on worker threads are caught quietly; every other thread's still go to the hook that
/// was there (the test harness's).
fn install_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARD.with(Cell::get).is_none() {
                return previous(info);
            }
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(not a text)".to_owned());
            let location = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            let mut caught = Caught {
                message,
                location,
                stage: current_stage(),
                frames: String::new(),
            };
            let first = SEEN
                .lock()
                .map(|mut seen| seen.get_or_insert_with(HashSet::new).insert(caught.key()))
                .unwrap_or(false);
            if first {
                let trace = std::backtrace::Backtrace::force_capture().to_string();
                caught.frames = project_frames(&trace);
            }
            CAUGHT.with(|c| *c.borrow_mut() = Some(caught));
        }));
    });
}

// ---------------------------------------------------------------------------------------
// The allocator: the system's, except for worker threads asking for more than the limit.

pub struct Capped;

static ALLOC_LIMIT: AtomicUsize = AtomicUsize::new(1 << 30);

/// Where a worker thread waits, using no time, until the process ends. (Returning null for
/// an allocation would abort the whole process.)
fn sleep_forever() -> ! {
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

fn check_size(size: usize) {
    let Ok(Some(guard)) = GUARD.try_with(Cell::get) else {
        return;
    };
    if NOTING.with(Cell::get) {
        return;
    }
    // A frozen input that was told to stop and has not reached the zone rules (which end it
    // with a panic) stops at its next allocation: it then takes no more time from the run.
    if guard.cancel.load(Ordering::Relaxed) && !CANCELLING.with(Cell::get) {
        guard.stopped.store(true, Ordering::SeqCst);
        sleep_forever();
    }
    if size <= ALLOC_LIMIT.load(Ordering::Relaxed) {
        return;
    }
    NOTING.with(|n| n.set(true));
    let trace = std::backtrace::Backtrace::force_capture().to_string();
    let frames = project_frames(&trace);
    let note = if frames.is_empty() {
        format!("asked for {size} bytes at once (more than a browser tab can have)")
    } else {
        format!("asked for {size} bytes at once (more than a browser tab can have)\n      where:    {frames}")
    };
    if let Ok(mut slot) = guard.note.lock() {
        *slot = Some(note);
    }
    guard.parked.store(true, Ordering::SeqCst);
    sleep_forever();
}

unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        check_size(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        check_size(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        check_size(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

// ---------------------------------------------------------------------------------------
// One input, guarded.

#[derive(Debug, Clone)]
pub enum Outcome {
    Fine {
        accepted: bool,
    },
    Panic(Caught),
    Freeze {
        stage: &'static str,
        after: Duration,
    },
    Alloc {
        stage: &'static str,
        note: String,
    },
    /// The worker went away without an answer (should not happen).
    Lost,
}

impl Outcome {
    /// What makes two failures the same finding; `None` for a fine run.
    pub fn key(&self) -> Option<String> {
        match self {
            Self::Fine { .. } => None,
            Self::Panic(c) => Some(c.key()),
            Self::Freeze { stage, .. } => Some(format!("freeze | {stage}")),
            Self::Alloc { stage, note } => Some(format!(
                "huge allocation | {stage} | {}",
                note.lines().nth(1).unwrap_or_default().trim()
            )),
            Self::Lost => Some("lost".to_owned()),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Self::Fine { .. } => "fine",
            Self::Panic(_) => "panic",
            Self::Freeze { .. } => "freeze",
            Self::Alloc { .. } => "crash (allocation)",
            Self::Lost => "lost",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Fine { accepted } => write!(f, "fine (accepted: {accepted})"),
            Self::Panic(c) => {
                write!(
                    f,
                    "panic in \u{ab}{}\u{bb}\n      message:  {}\n      location: {}",
                    c.stage, c.message, c.location
                )?;
                if !c.frames.is_empty() {
                    write!(f, "\n      frames:   {}", c.frames)?;
                }
                Ok(())
            }
            Self::Freeze { stage, after } => write!(
                f,
                "freeze: still running in \u{ab}{stage}\u{bb} after {:.1} s",
                after.as_secs_f64()
            ),
            Self::Alloc { stage, note } => write!(f, "crash in \u{ab}{stage}\u{bb}: {note}"),
            Self::Lost => f.write_str("the worker went away"),
        }
    }
}

fn run_one(door: &Door, input: &[u8]) -> Outcome {
    // The waiter clears `cancel` before it sends the next input.
    CANCELLING.with(|c| c.set(false));
    CAUGHT.with(|c| c.borrow_mut().take());
    stage("door");
    match catch_unwind(AssertUnwindSafe(|| (door.exercise)(input))) {
        Ok(accepted) => Outcome::Fine { accepted },
        Err(_) => Outcome::Panic(CAUGHT.with(|c| c.borrow_mut().take()).unwrap_or_default()),
    }
}

fn enter(guard: &'static Guard) {
    install_hook();
    GUARD.with(|g| g.set(Some(guard)));
}

fn wait(results: &Receiver<Outcome>, guard: &Guard, limit: Duration) -> Outcome {
    let start = Instant::now();
    loop {
        match results.recv_timeout(Duration::from_millis(20)) {
            Ok(outcome) => return outcome,
            Err(RecvTimeoutError::Disconnected) => return Outcome::Lost,
            Err(RecvTimeoutError::Timeout) => {
                let at = guard.stage.lock().map(|s| *s).unwrap_or("");
                if guard.parked.load(Ordering::SeqCst) {
                    let note = guard
                        .note
                        .lock()
                        .ok()
                        .and_then(|n| n.clone())
                        .unwrap_or_default();
                    return Outcome::Alloc { stage: at, note };
                }
                if start.elapsed() > limit {
                    guard.cancel.store(true, Ordering::SeqCst);
                    return Outcome::Freeze {
                        stage: at,
                        after: start.elapsed(),
                    };
                }
            }
        }
    }
}

const STACK: usize = 32 << 20;

/// Runs one input on a thread of its own (for the property tests and for shrinking).
pub fn guarded(door: &'static Door, input: Vec<u8>, limit: Duration) -> Outcome {
    let guard: &'static Guard = Box::leak(Box::default());
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(format!("fuzz {}", door.name))
        .stack_size(STACK)
        .spawn(move || {
            enter(guard);
            let _ = tx.send(run_one(door, &input));
        });
    if spawned.is_err() {
        return Outcome::Lost;
    }
    wait(&rx, guard, limit)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// It ended (at the zone rules, or on its own): the worker takes the next input.
    Freed,
    /// It sleeps at an allocation: the worker is gone, but takes no time.
    Asleep,
    /// Still running.
    Running,
}

/// A thread that runs input after input, for the long runs.
struct Worker {
    jobs: Sender<Arc<Vec<u8>>>,
    results: Receiver<Outcome>,
    guard: &'static Guard,
}

impl Worker {
    fn spawn(door: &'static Door) -> Self {
        let guard: &'static Guard = Box::leak(Box::default());
        let (jobs, job_rx) = mpsc::channel::<Arc<Vec<u8>>>();
        let (result_tx, results) = mpsc::channel();
        std::thread::Builder::new()
            .name(format!("fuzz {}", door.name))
            .stack_size(STACK)
            .spawn(move || {
                enter(guard);
                for input in job_rx {
                    if result_tx.send(run_one(door, &input)).is_err() {
                        break;
                    }
                }
            })
            .expect("a worker thread");
        Self {
            jobs,
            results,
            guard,
        }
    }

    /// After a freeze: how the frozen input ends, within a few seconds.
    fn stop(&self) -> Stop {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            match self.results.recv_timeout(Duration::from_millis(20)) {
                Ok(Outcome::Panic(c)) if c.message == CANCELLED => return Stop::Freed,
                Ok(_) => return Stop::Freed,
                Err(_) if self.guard.stopped.load(Ordering::SeqCst) => return Stop::Asleep,
                Err(_) => {}
            }
        }
        Stop::Running
    }

    fn run(&self, input: Arc<Vec<u8>>, limit: Duration) -> Outcome {
        if self.jobs.send(input).is_err() {
            return Outcome::Lost;
        }
        wait(&self.results, self.guard, limit)
    }
}

// ---------------------------------------------------------------------------------------
// Shrinking: fewer edits, shorter bytes, same finding.

pub fn shrink(door: &'static Door, recipe: &Recipe, key: &str, limit: Duration) -> Recipe {
    // A freeze is caught wherever it happens to be at the time limit: any freeze will do.
    let same = |r: &Recipe| {
        let outcome = guarded(door, (door.build)(r), limit);
        match outcome {
            Outcome::Freeze { .. } => key.starts_with("freeze"),
            _ => outcome.key().as_deref() == Some(key),
        }
    };
    let mut best = recipe.clone();
    let mut tries = 0;
    'edits: loop {
        for i in 0..best.edits.len() {
            let mut fewer = best.clone();
            fewer.edits.remove(i);
            tries += 1;
            if same(&fewer) {
                best = fewer;
                continue 'edits;
            }
        }
        break;
    }
    if best.shape.is_none() {
        let mut chunk = best.bytes.len() / 2;
        while chunk > 0 && tries < 400 {
            let mut at = 0;
            while at < best.bytes.len() && tries < 400 {
                let mut shorter = best.clone();
                let end = (at + chunk).min(shorter.bytes.len());
                shorter.bytes.drain(at..end);
                tries += 1;
                if same(&shorter) {
                    best = shorter;
                } else {
                    at += chunk;
                }
            }
            chunk /= 2;
        }
    }
    best
}

// ---------------------------------------------------------------------------------------
// The long run.

pub struct Settings {
    pub cases: u64,
    pub first: u64,
    pub seed: u64,
    pub limit: Duration,
    pub out: std::path::PathBuf,
    /// Stop after this many freezes.
    pub max_freezes: usize,
    /// Frozen inputs left running beside the run (each takes a core until it ends).
    pub max_stuck: usize,
    /// How long to wait for one of them to end before leaving it running...
    pub stuck_wait: Duration,
    /// ...and how many to leave running before giving up the run.
    pub max_abandoned: usize,
    /// Longest input generated (`make`).
    pub max_input: usize,
    /// Run the door's sweep (`Door::sweep`) instead of generated inputs.
    pub sweep: bool,
    pub shrink: bool,
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

impl Settings {
    /// From `FUZZ_CASES` (1,000,000), `FUZZ_SEED` (the time), `FUZZ_FIRST` (0),
    /// `FUZZ_TIMEOUT_MS` (10,000; scripts/fuzz.sh sets less for its optimised build), `FUZZ_OUT`,
    /// `FUZZ_MAX_FREEZES` (20), `FUZZ_MAX_STUCK` (1), `FUZZ_STUCK_WAIT_S` (60), `FUZZ_MAX_ABANDONED` (2),
    /// `FUZZ_MAX_INPUT_MB` (12), `FUZZ_SHRINK` (1) and `FUZZ_ALLOC_LIMIT_MB` (1,024).
    pub fn from_env() -> Self {
        let seed = env_u64("FUZZ_SEED").unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_secs())
        });
        if let Some(mb) = env_u64("FUZZ_ALLOC_LIMIT_MB") {
            ALLOC_LIMIT.store((mb as usize) << 20, Ordering::Relaxed);
        }
        Self {
            cases: env_u64("FUZZ_CASES").unwrap_or(1_000_000),
            first: env_u64("FUZZ_FIRST").unwrap_or(0),
            seed,
            limit: Duration::from_millis(env_u64("FUZZ_TIMEOUT_MS").unwrap_or(10_000)),
            out: std::env::var_os("FUZZ_OUT")
                .map(Into::into)
                .unwrap_or_else(|| std::env::temp_dir().join("handrail-fuzz")),
            max_freezes: env_u64("FUZZ_MAX_FREEZES").unwrap_or(20) as usize,
            max_stuck: env_u64("FUZZ_MAX_STUCK").unwrap_or(1) as usize,
            stuck_wait: Duration::from_secs(env_u64("FUZZ_STUCK_WAIT_S").unwrap_or(60)),
            max_abandoned: env_u64("FUZZ_MAX_ABANDONED").unwrap_or(2) as usize,
            max_input: (env_u64("FUZZ_MAX_INPUT_MB").unwrap_or(12) as usize) << 20,
            sweep: env_u64("FUZZ_SWEEP") == Some(1),
            shrink: env_u64("FUZZ_SHRINK") != Some(0),
        }
    }
}

pub struct Finding {
    pub outcome: Outcome,
    pub count: u64,
    pub first_case: u64,
    pub recipe: Recipe,
    /// The edits of other inputs with the same outcome (a sweep's other fields), a few.
    pub others: Vec<String>,
}

/// How many other inputs a finding lists.
const OTHERS: usize = 12;

pub struct Summary {
    pub cases: u64,
    pub accepted: u64,
    pub findings: BTreeMap<String, Finding>,
    pub failures: u64,
    pub stopped: Option<String>,
    pub elapsed: Duration,
}

fn write_progress(settings: &Settings, door: &Door, case: u64) {
    let _ = std::fs::write(
        settings.out.join(format!("{}.progress", door.name)),
        format!("seed={} case={case}\n", settings.seed),
    );
}

/// A case of `door` from `dice`, with its input. A recipe whose input is longer than
/// `max_bytes` loses its growing edits (lists grown, long texts), last first, until it fits:
/// several growths on one record multiply, and a 100 MB input measures nothing but its size.
pub fn make(door: &Door, dice: &mut Dice, max_bytes: usize) -> (Recipe, Vec<u8>) {
    let mut recipe = (door.generate)(dice);
    let mut input = (door.build)(&recipe);
    while input.len() > max_bytes {
        let growing = recipe.edits.iter().rposition(|e| {
            matches!(
                e,
                Edit::Grow(..) | Edit::Set(_, Leaf::Long(..)) | Edit::DupKey(_, _, Leaf::Long(..))
            )
        });
        let Some(at) = growing else {
            break;
        };
        recipe.edits.remove(at);
        input = (door.build)(&recipe);
    }
    (recipe, input)
}

/// Case `case` of a run: generated from the seed, or the sweep's.
fn case_input(
    door: &Door,
    index: usize,
    settings: &Settings,
    sweep: &[Recipe],
    case: u64,
) -> (Recipe, Vec<u8>) {
    match sweep.get(case as usize) {
        Some(recipe) if settings.sweep => (recipe.clone(), (door.build)(recipe)),
        _ => make(
            door,
            &mut Dice::for_case(settings.seed, index, case),
            settings.max_input,
        ),
    }
}

/// A worker still busy with an input that froze, and that input.
struct Stuck {
    worker: Worker,
    case: u64,
    recipe: Recipe,
    since: Instant,
}

fn note(summary: &mut Summary, key: String, outcome: Outcome, case: u64, recipe: Recipe) {
    match summary.findings.entry(key) {
        std::collections::btree_map::Entry::Occupied(mut found) => {
            let f = found.get_mut();
            f.count += 1;
            let edits: Vec<String> = recipe.edits.iter().map(ToString::to_string).collect();
            let edits = edits.join("; ");
            if f.others.len() < OTHERS && !edits.is_empty() && !f.others.contains(&edits) {
                f.others.push(edits);
            }
        }
        std::collections::btree_map::Entry::Vacant(slot) => {
            slot.insert(Finding {
                outcome,
                count: 1,
                first_case: case,
                recipe,
                others: Vec::new(),
            });
        }
    }
}

/// A frozen input that finished after all: a panic then is a finding of its own ("freeze,
/// then panic"), as the browser would show it (the tab hangs, then dies).
fn late(summary: &mut Summary, stuck: &Stuck, outcome: Outcome) {
    if let Outcome::Panic(caught) = &outcome {
        if caught.message == CANCELLED {
            return;
        }
        let key = format!("freeze, then {}", caught.key());
        let mut caught = caught.clone();
        caught.message = format!(
            "{} (after {:.0} s)",
            caught.message,
            stuck.since.elapsed().as_secs_f64()
        );
        note(
            summary,
            key,
            Outcome::Panic(caught),
            stuck.case,
            stuck.recipe.clone(),
        );
    }
}

/// Runs `door` on `settings.cases` generated inputs and reports what it found.
pub fn long_run(door: &'static Door, index: usize, settings: &Settings) -> Summary {
    let _ = std::fs::create_dir_all(&settings.out);
    let start = Instant::now();
    let mut worker = Worker::spawn(door);
    let mut summary = Summary {
        cases: 0,
        accepted: 0,
        findings: BTreeMap::new(),
        failures: 0,
        stopped: None,
        elapsed: Duration::ZERO,
    };
    let mut freezes = 0;
    let mut stuck: Vec<Stuck> = Vec::new();
    let mut abandoned = 0;
    let mut last_note = Instant::now();
    let every = env_u64("FUZZ_CHECKPOINT_EVERY").unwrap_or(256).max(1);
    let sweep = if settings.sweep {
        (door.sweep)()
    } else {
        Vec::new()
    };
    let last = if settings.sweep {
        (sweep.len() as u64).min(settings.first + settings.cases)
    } else {
        settings.first + settings.cases
    };
    'cases: for case in settings.first..last {
        if (case - settings.first).is_multiple_of(every) {
            write_progress(settings, door, case);
        }
        // Frozen inputs that have finished since.
        let mut i = 0;
        while i < stuck.len() {
            match stuck[i].worker.results.try_recv() {
                Ok(outcome) => {
                    let done = stuck.remove(i);
                    late(&mut summary, &done, outcome);
                }
                Err(mpsc::TryRecvError::Empty) => i += 1,
                Err(mpsc::TryRecvError::Disconnected) => {
                    stuck.remove(i);
                }
            }
        }
        // No more than `max_stuck` of them running beside the run: wait for the oldest.
        while stuck.len() > settings.max_stuck {
            match stuck[0].worker.results.recv_timeout(settings.stuck_wait) {
                Ok(outcome) => {
                    let done = stuck.remove(0);
                    late(&mut summary, &done, outcome);
                }
                Err(_) if abandoned < settings.max_abandoned => {
                    // It does not stop (no zone rules in its loop): leave it running.
                    abandoned += 1;
                    let gone = stuck.remove(0);
                    eprintln!(
                        "[{}] case {} still runs after {:.0} s; left running",
                        door.name,
                        gone.case,
                        gone.since.elapsed().as_secs_f64()
                    );
                    drop(gone);
                }
                Err(_) => {
                    summary.stopped = Some(format!(
                        "stopped: the input of case {} still runs after {:.0} s, {abandoned} more left running (FUZZ_STUCK_WAIT_S, FUZZ_MAX_ABANDONED)",
                        stuck[0].case,
                        stuck[0].since.elapsed().as_secs_f64()
                    ));
                    break 'cases;
                }
            }
        }
        let (recipe, input) = case_input(door, index, settings, &sweep, case);
        let outcome = worker.run(Arc::new(input), settings.limit);
        summary.cases += 1;
        match &outcome {
            Outcome::Fine { accepted } => summary.accepted += u64::from(*accepted),
            _ => {
                summary.failures += 1;
                let key = outcome.key().unwrap_or_default();
                let frozen = matches!(outcome, Outcome::Freeze { .. });
                let parked = !matches!(outcome, Outcome::Panic(_));
                // Said at once, with its case: a run cut short (or checked while it runs) can
                // still be replayed case by case (FUZZ_REPLAY).
                eprintln!("[{}] case {case}: {}", door.name, outcome.kind());
                note(&mut summary, key, outcome, case, recipe.clone());
                // A frozen input told to stop ends at the zone rules, which frees its worker,
                // or sleeps at its next allocation; only one that does neither runs on.
                let end = if frozen { worker.stop() } else { Stop::Running };
                if end == Stop::Freed {
                    worker.guard.cancel.store(false, Ordering::SeqCst);
                } else if end == Stop::Asleep {
                    worker = Worker::spawn(door);
                } else if parked {
                    // That worker is parked or still busy: carry on with a new one.
                    let old = std::mem::replace(&mut worker, Worker::spawn(door));
                    if frozen {
                        stuck.push(Stuck {
                            worker: old,
                            case,
                            recipe,
                            since: Instant::now(),
                        });
                    }
                }
                if frozen {
                    freezes += 1;
                    if freezes >= settings.max_freezes {
                        summary.stopped = Some(format!(
                            "stopped after {freezes} freezes (FUZZ_MAX_FREEZES)"
                        ));
                        break;
                    }
                }
            }
        }
        if last_note.elapsed() > Duration::from_secs(60) {
            last_note = Instant::now();
            eprintln!(
                "[{}] {} cases, {} accepted, {} failed ({} distinct), {:.0} s",
                door.name,
                summary.cases,
                summary.accepted,
                summary.failures,
                summary.findings.len(),
                start.elapsed().as_secs_f64()
            );
        }
    }
    // Frozen inputs that finish within a last wait still say how they end.
    for s in &stuck {
        let left = settings.stuck_wait.saturating_sub(s.since.elapsed());
        if let Ok(outcome) = s.worker.results.recv_timeout(left) {
            late(&mut summary, s, outcome);
        }
    }
    summary.elapsed = start.elapsed();
    summary
}

/// Shrinks each finding's first input, writes it under `settings.out`, and prints the report.
pub fn report(door: &'static Door, settings: &Settings, summary: &mut Summary) -> String {
    let mut text = String::new();
    let mut n = 0;
    for (key, finding) in summary.findings.iter_mut() {
        n += 1;
        if settings.shrink {
            finding.recipe = shrink(door, &finding.recipe, key, settings.limit);
            // The shrunk input's own outcome, with its frames.
            let again = guarded(door, (door.build)(&finding.recipe), settings.limit);
            if again.key().as_deref() == Some(key.as_str()) {
                if let (Outcome::Panic(old), Outcome::Panic(new)) = (&finding.outcome, &again) {
                    if new.frames.is_empty() && !old.frames.is_empty() {
                        // Frames are taken once per finding; keep the first ones.
                    } else {
                        finding.outcome = again;
                    }
                } else {
                    finding.outcome = again;
                }
            }
        }
        let input = (door.build)(&finding.recipe);
        let others: String = finding
            .others
            .iter()
            .map(|o| format!("\n      also:     {o}"))
            .collect();
        let file = settings
            .out
            .join(format!("{}-{}-{n}.input", door.name, settings.seed));
        let _ = std::fs::write(&file, &input);
        let shown = String::from_utf8_lossy(&input[..input.len().min(300)]).into_owned();
        text.push_str(&format!(
            "\n  [{}] #{n} {} \u{d7}{} (first at case {})\n      {}\n      input:    {}\n      bounds:   {}\n      text:     {:?}{}\n      file:     {}\n",
            door.name,
            finding.outcome.kind(),
            finding.count,
            finding.first_case,
            finding.outcome,
            door.recipe_text(&finding.recipe) + &others,
            (door.bounds)(&input).unwrap_or_else(|| "(does not apply)".to_owned()),
            shown,
            if input.len() > 300 { format!(" \u{2026} ({} bytes)", input.len()) } else { String::new() },
            file.display(),
        ));
    }
    text
}

/// One generated case, made again and run (`FUZZ_REPLAY`): after a run died, or to check a fix.
pub fn replay(door: &'static Door, index: usize, settings: &Settings, case: u64) -> String {
    let sweep = if settings.sweep {
        (door.sweep)()
    } else {
        Vec::new()
    };
    let (recipe, input) = case_input(door, index, settings, &sweep, case);
    let _ = std::fs::create_dir_all(&settings.out);
    let file = settings
        .out
        .join(format!("{}-{}-case-{case}.input", door.name, settings.seed));
    let _ = std::fs::write(&file, &input);
    let outcome = guarded(door, input, settings.limit);
    let bounds = (door.bounds)(&std::fs::read(&file).unwrap_or_default());
    format!(
        "[{}] case {case} of seed {}: {outcome}\n      input:    {}\n      bounds:   {}\n      file:     {}",
        door.name,
        settings.seed,
        door.recipe_text(&recipe),
        bounds.unwrap_or_else(|| "(does not apply)".to_owned()),
        file.display()
    )
}
