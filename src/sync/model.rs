//! A model world for running the real sync loop (`sync::cycle`) natively: a CouchDB database
//! as far as sync relies on it, browsers with their storage, network and tabs, a clock that
//! moves only when every tab waits, and a tiny executor that drives many loops at once.
//!
//! Time is simulated: a request takes `latency_ms`, a pause or a long poll ends when the clock
//! gets there, and the executor jumps the clock to the next instant anything waits for. So a
//! run is exact and repeatable, and "converged within 5 s" means 5 s of the loop's own time.
use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::absorb::SetAside;
use super::couch::{ChangeRow, Changes, CouchError, Written, CHANGES_PAGE, LONGPOLL_MS};
use super::cycle::{Controls, Local, Server};
use super::docs;
use super::ledger::Ledger;
use super::status::SyncStatus;
use crate::domain::Engagement;
use crate::state::CommandError;

/// A `validate_doc_update` stand-in: the reason a document is refused, if it is.
pub(super) type Guard = fn(&Value) -> Option<String>;

/// A CouchDB database: documents created once, updated only from their current `_rev`,
/// deleted as tombstones, and a change feed.
#[derive(Default)]
pub(super) struct Database {
    pub(super) docs: BTreeMap<String, (u32, Value)>,
    pub(super) feed: Vec<String>,
    pub(super) guard: Option<Guard>,
}

impl Database {
    pub(super) fn bulk(&mut self, documents: Vec<Value>) -> Vec<Written> {
        documents.into_iter().map(|doc| self.write(doc)).collect()
    }

    fn write(&mut self, mut doc: Value) -> Written {
        let id = doc["_id"].as_str().unwrap_or_default().to_owned();
        let refused = |error: &str, reason: String| Written {
            id: id.clone(),
            rev: None,
            error: Some(error.into()),
            reason: Some(reason),
        };
        if let Some(reason) = self.guard.and_then(|guard| guard(&doc)) {
            return refused("forbidden", reason);
        }
        let given = doc.get("_rev").and_then(Value::as_str).map(str::to_owned);
        let current = self.docs.get(&id).map(|(n, d)| (*n, d["_rev"].clone()));
        let deleted = self
            .docs
            .get(&id)
            .is_some_and(|(_, d)| d.get("_deleted") == Some(&Value::Bool(true)));
        let ok = match (&current, &given) {
            (None, None) => true,
            // CouchDB lets a deleted document be written again without its revision.
            (Some(_), None) => deleted,
            (Some((_, rev)), Some(given)) => rev.as_str() == Some(given.as_str()),
            _ => false,
        };
        if !ok {
            return refused("conflict", "Document update conflict.".into());
        }
        let n = current.map_or(1, |(n, _)| n + 1);
        let rev = format!("{n}-{}", docs::digest(&doc));
        doc["_rev"] = Value::from(rev.clone());
        self.docs.insert(id.clone(), (n, doc));
        self.feed.push(id.clone());
        Written {
            id,
            rev: Some(rev),
            error: None,
            reason: None,
        }
    }

    /// An admin deletes `id` by hand: a tombstone with a new revision, in the feed.
    pub(super) fn delete(&mut self, id: &str) {
        let (n, _) = self.docs.get(id).cloned().expect("a document to delete");
        let rev = format!("{}-deleted", n + 1);
        let tombstone = serde_json::json!({"_id": id, "_rev": rev, "_deleted": true});
        self.docs.insert(id.to_owned(), (n + 1, tombstone));
        self.feed.push(id.to_owned());
    }

    /// Someone else writes `id` again unchanged: a new revision, so a writer holding the old
    /// one meets a conflict (a "409 storm" when it happens over and over).
    pub(super) fn touch(&mut self, id: &str) {
        if let Some((_, doc)) = self.docs.get(id).cloned() {
            self.write(doc);
        }
    }

    pub(super) fn fetch(&self, ids: &[String]) -> Vec<Value> {
        ids.iter()
            .filter_map(|id| self.docs.get(id).map(|(_, d)| d.clone()))
            .collect()
    }

    /// The latest document of each id changed after `since`, and the sequence now.
    pub(super) fn changes(&self, since: usize) -> (Vec<Value>, usize) {
        self.changes_page(since, usize::MAX)
    }

    /// As [`Self::changes`], at most `limit` documents: the sequence returned is where the
    /// page ends.
    fn changes_page(&self, since: usize, limit: usize) -> (Vec<Value>, usize) {
        // A set beside the list: the chaos test's feed runs to tens of thousands of writes.
        let mut seen = Vec::new();
        let mut known = BTreeSet::new();
        let mut last = since.min(self.feed.len());
        for id in &self.feed[last..] {
            if known.len() == limit && !known.contains(id.as_str()) {
                break;
            }
            if known.insert(id.as_str()) {
                seen.push(id.clone());
            }
            last += 1;
        }
        (self.fetch(&seen), last)
    }
}

/// The server and the clock every browser shares.
pub(super) struct World {
    pub(super) db: RefCell<Database>,
    /// Milliseconds since `start`.
    now_ms: Cell<u64>,
    start: DateTime<Utc>,
    latency_ms: u64,
    pub(super) server_up: Cell<bool>,
    /// Every `lose_every`-th write is made but its answer lost (0: none).
    pub(super) lose_every: Cell<u64>,
    writes: Cell<u64>,
    /// Every request made, to check that loops with nothing to do wait on the feed.
    pub(super) requests: Cell<u64>,
    /// Counts everything that can let a waiting loop go on; the clock moves only when a round
    /// of polling changed nothing.
    moves: Cell<u64>,
    deadlines: RefCell<BinaryHeap<Reverse<u64>>>,
}

impl World {
    pub(super) fn new(db: Database, start: DateTime<Utc>, latency_ms: u64) -> Self {
        Self {
            db: RefCell::new(db),
            now_ms: Cell::new(0),
            start,
            latency_ms,
            server_up: Cell::new(true),
            lose_every: Cell::new(0),
            writes: Cell::new(0),
            requests: Cell::new(0),
            moves: Cell::new(0),
            deadlines: RefCell::default(),
        }
    }

    pub(super) fn ms(&self) -> u64 {
        self.now_ms.get()
    }

    pub(super) fn now(&self) -> DateTime<Utc> {
        self.start + chrono::Duration::milliseconds(self.now_ms.get() as i64)
    }

    pub(super) fn moved(&self) {
        self.moves.set(self.moves.get() + 1);
    }

    /// Ready at `until` (milliseconds since the start).
    pub(super) fn until(&self, until: u64) -> Wait<'_> {
        Wait {
            world: self,
            until,
            waited: false,
        }
    }

    pub(super) fn sleep(&self, ms: u64) -> Wait<'_> {
        self.until(self.ms().saturating_add(ms))
    }

    /// The next instant after now that something waits for.
    fn next_deadline(&self) -> Option<u64> {
        let mut deadlines = self.deadlines.borrow_mut();
        while deadlines.peek().is_some_and(|Reverse(t)| *t <= self.ms()) {
            deadlines.pop();
        }
        deadlines.peek().map(|Reverse(t)| *t)
    }
}

/// Ready when the clock reaches `until`; or, once polled, ready at the next round of polling
/// when `until` is now (a yield that lets the other loops run).
pub(super) struct Wait<'w> {
    world: &'w World,
    until: u64,
    waited: bool,
}

impl Future for Wait<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.world.ms() >= self.until && self.waited {
            self.world.moved();
            return Poll::Ready(());
        }
        self.waited = true;
        self.world.deadlines.borrow_mut().push(Reverse(self.until));
        Poll::Pending
    }
}

/// A yield: pending once, so that the other loops see what changed, and ready at `until`
/// at the latest.
async fn tick(world: &World, until: u64) {
    let mut waited = false;
    std::future::poll_fn(|_| {
        if waited {
            return Poll::Ready(());
        }
        waited = true;
        world.deadlines.borrow_mut().push(Reverse(until));
        Poll::Pending
    })
    .await;
}

/// One person's browser: its storage (shared by its tabs), its network and its lock.
pub(super) struct Browser {
    pub(super) account: &'static str,
    pub(super) engagement: RefCell<Option<(Engagement, u64)>>,
    pub(super) ledger: RefCell<Option<Ledger>>,
    pub(super) set_aside: RefCell<Vec<SetAside>>,
    pub(super) status: RefCell<Option<SyncStatus>>,
    /// Every status said, in order.
    pub(super) said: RefCell<Vec<SyncStatus>>,
    pub(super) online: Cell<bool>,
    /// The tab holding the sync lock; the browser frees it when that tab dies.
    lock: RefCell<Option<(usize, Rc<Life>)>>,
    /// Without the lock, every tab syncs (as a browser whose lock and lease both fail).
    pub(super) every_tab_syncs: Cell<bool>,
    /// An issue another tab of this browser captures just before this loop's next merge is
    /// saved: the race between tabs, which one thread cannot otherwise produce.
    pub(super) rival_capture: RefCell<Option<&'static str>>,
    /// The running loops' switches, kicked by a local save and by coming online.
    loops: RefCell<Vec<Rc<Controls>>>,
}

impl Browser {
    pub(super) fn new(
        account: &'static str,
        engagement: Option<Engagement>,
        ledger: Ledger,
    ) -> Self {
        Self {
            account,
            engagement: RefCell::new(engagement.map(|e| (e, 1))),
            ledger: RefCell::new(Some(ledger)),
            set_aside: RefCell::default(),
            status: RefCell::default(),
            said: RefCell::default(),
            online: Cell::new(true),
            lock: RefCell::default(),
            every_tab_syncs: Cell::new(false),
            rival_capture: RefCell::default(),
            loops: RefCell::default(),
        }
    }

    /// A change typed in this browser: stamped and given ids as the repository's save does,
    /// and the loops told at once.
    pub(super) fn edit(&self, world: &World, change: impl FnOnce(&mut Engagement)) {
        {
            let mut stored = self.engagement.borrow_mut();
            let (engagement, revision) = stored.as_mut().expect("an engagement");
            change(engagement);
            engagement.updated_at = world.now();
            engagement.updated_by = self.account.to_owned();
            engagement.ensure_item_ids(self.account);
            *revision += 1;
        }
        world.moved();
        self.kick();
    }

    /// The browser's `online` event: it says so, and every loop tries at once.
    pub(super) fn go_online(&self, world: &World, online: bool) {
        self.online.set(online);
        world.moved();
        if online {
            self.kick();
        }
    }

    fn kick(&self) {
        for controls in self.loops.borrow().iter() {
            controls.kicked.set(true);
        }
    }

    pub(super) fn engagement(&self) -> Engagement {
        self.engagement
            .borrow()
            .as_ref()
            .expect("an engagement")
            .0
            .clone()
    }
}

/// Whether a tab is still alive: it dies at its `crash_at`-th step (a save or a request), and
/// nothing it does after that takes effect.
#[derive(Default)]
pub(super) struct Life {
    steps: Cell<u32>,
    crash_at: Option<u32>,
    dead: Cell<bool>,
}

impl Life {
    pub(super) fn crashing_at(step: u32) -> Self {
        Self {
            crash_at: Some(step),
            ..Self::default()
        }
    }

    /// Counts one step; `false` once the tab is dead.
    fn step(&self) -> bool {
        if self.dead.get() {
            return false;
        }
        let step = self.steps.get() + 1;
        self.steps.set(step);
        if self.crash_at == Some(step) {
            self.dead.set(true);
        }
        !self.dead.get()
    }

    pub(super) fn steps(&self) -> u32 {
        self.steps.get()
    }

    pub(super) fn is_dead(&self) -> bool {
        self.dead.get()
    }
}

/// One tab of a browser running the sync loop.
pub(super) struct Tab<'w> {
    world: &'w World,
    browser: &'w Browser,
    number: usize,
    pub(super) controls: Rc<Controls>,
    life: Rc<Life>,
}

impl<'w> Tab<'w> {
    pub(super) fn new(world: &'w World, browser: &'w Browser, number: usize, life: Life) -> Self {
        let controls = Rc::new(Controls::default());
        browser.loops.borrow_mut().push(controls.clone());
        Self {
            world,
            browser,
            number,
            controls,
            life: Rc::new(life),
        }
    }

    pub(super) fn life(&self) -> Rc<Life> {
        self.life.clone()
    }

    /// A save; a dead tab's saves do nothing, and its loop ends.
    fn write(&self, save: impl FnOnce()) -> Result<(), CommandError> {
        if !self.life.step() {
            return Err(CommandError::StorageFailed("the tab crashed".into()));
        }
        save();
        self.world.moved();
        Ok(())
    }
}

impl<'w> Local for Tab<'w> {
    type Server = Link<'w>;

    fn server(&self, _: &Ledger) -> Link<'w> {
        Link {
            world: self.world,
            browser: self.browser,
            controls: self.controls.clone(),
            life: self.life.clone(),
        }
    }

    fn ledger(&self) -> Result<Option<Ledger>, CommandError> {
        Ok(self.browser.ledger.borrow().clone())
    }

    fn save_ledger(&self, ledger: &Ledger) -> Result<(), CommandError> {
        self.write(|| *self.browser.ledger.borrow_mut() = Some(ledger.clone()))
    }

    fn engagement(&self) -> Option<(Engagement, u64)> {
        self.browser.engagement.borrow().clone()
    }

    fn save_merged(&self, based_on: u64, engagement: Engagement) -> Result<(), CommandError> {
        if let Some(title) = self.browser.rival_capture.take() {
            let (world, account) = (self.world, self.browser.account);
            self.browser.edit(world, |e| {
                let number = e.next_issue_number().expect("a free number");
                let issue = crate::domain::triage::Issue::log(number, title, account, world.now());
                e.issues.push(issue.expect("logged"));
            });
        }
        let stored = self.browser.engagement.borrow().as_ref().map(|(_, r)| *r);
        if stored != Some(based_on) {
            return Err(CommandError::Conflict { stored: None });
        }
        self.write(|| *self.browser.engagement.borrow_mut() = Some((engagement, based_on + 1)))
    }

    fn keep_aside(&self, set_aside: &[SetAside]) {
        self.browser
            .set_aside
            .borrow_mut()
            .extend(set_aside.iter().cloned());
    }

    fn say(&self, status: SyncStatus) {
        if !self.life.is_dead() {
            self.browser.said.borrow_mut().push(status.clone());
            *self.browser.status.borrow_mut() = Some(status);
        }
    }

    fn now(&self) -> DateTime<Utc> {
        self.world.now()
    }

    fn online(&self) -> bool {
        self.browser.online.get()
    }

    async fn leads(&mut self) -> bool {
        if self.browser.every_tab_syncs.get() {
            return true;
        }
        let mut lock = self.browser.lock.borrow_mut();
        match lock.as_ref() {
            Some((holder, life)) if !life.is_dead() => *holder == self.number,
            _ => {
                *lock = Some((self.number, self.life.clone()));
                true
            }
        }
    }

    async fn pause(&self, seconds: u32) {
        let until = self.world.ms() + u64::from(seconds) * 1000;
        while self.world.ms() < until && !self.controls.kicked.get() && !self.controls.stopped.get()
        {
            tick(self.world, until).await;
        }
    }
}

/// A tab's connection to the model server: every request takes the world's latency, fails
/// while the browser is offline or the server down, and never ends for a dead tab.
pub(super) struct Link<'w> {
    world: &'w World,
    browser: &'w Browser,
    controls: Rc<Controls>,
    life: Rc<Life>,
}

impl Link<'_> {
    /// The request's trip: after it, `Err` when it cannot reach the server.
    async fn reach(&self) -> Result<(), CouchError> {
        self.world.requests.set(self.world.requests.get() + 1);
        self.world.sleep(self.world.latency_ms).await;
        if !self.life.step() {
            std::future::pending::<()>().await;
        }
        if !self.browser.online.get() || !self.world.server_up.get() {
            return Err(CouchError::Unreachable);
        }
        Ok(())
    }
}

impl Server for Link<'_> {
    async fn changes(&self, since: &str, wait: bool) -> Result<Changes, CouchError> {
        self.reach().await?;
        let since: usize = since.parse().unwrap_or(0);
        let timeout = self.world.ms() + u64::from(LONGPOLL_MS);
        loop {
            let (documents, last) = self.world.db.borrow().changes_page(since, CHANGES_PAGE);
            if !documents.is_empty() || !wait || self.world.ms() >= timeout {
                let results = documents
                    .into_iter()
                    .map(|doc| ChangeRow {
                        id: doc["_id"].as_str().unwrap_or_default().to_owned(),
                        deleted: doc.get("_deleted").is_some(),
                        doc: Some(doc),
                    })
                    .collect();
                return Ok(Changes {
                    results,
                    last_seq: Value::from(last.to_string()),
                });
            }
            if self.controls.kicked.get() || self.controls.stopped.get() {
                return Err(CouchError::Aborted);
            }
            if !self.browser.online.get() || !self.world.server_up.get() {
                return Err(CouchError::Unreachable);
            }
            tick(self.world, timeout).await;
        }
    }

    async fn bulk_docs(&self, docs: Vec<Value>) -> Result<Vec<Written>, CouchError> {
        self.reach().await?;
        let written = self.world.db.borrow_mut().bulk(docs);
        self.world.moved();
        let count = self.world.writes.get() + 1;
        self.world.writes.set(count);
        let lose = self.world.lose_every.get();
        if lose > 0 && count.is_multiple_of(lose) {
            return Err(CouchError::Unreachable);
        }
        Ok(written)
    }

    async fn fetch(&self, ids: &[String]) -> Result<Vec<Value>, CouchError> {
        self.reach().await?;
        Ok(self.world.db.borrow().fetch(ids))
    }
}

/// Drives many futures on the simulated clock.
pub(super) struct Executor<'w> {
    world: &'w World,
    tasks: Vec<Option<Pin<Box<dyn Future<Output = ()> + 'w>>>>,
}

impl<'w> Executor<'w> {
    pub(super) fn new(world: &'w World) -> Self {
        Self {
            world,
            tasks: Vec::new(),
        }
    }

    pub(super) fn spawn(&mut self, task: impl Future<Output = ()> + 'w) {
        self.tasks.push(Some(Box::pin(task)));
    }

    /// Polls every task until nothing moves, checks `done`, then moves the clock to the next
    /// instant something waits for; `false` when `limit_ms` passes (or nothing waits) first.
    pub(super) fn run_until(&mut self, limit_ms: u64, mut done: impl FnMut() -> bool) -> bool {
        let mut context = Context::from_waker(Waker::noop());
        loop {
            let before = self.world.moves.get();
            for slot in &mut self.tasks {
                if let Some(task) = slot {
                    if task.as_mut().poll(&mut context).is_ready() {
                        *slot = None;
                        self.world.moved();
                    }
                }
            }
            if self.world.moves.get() != before {
                continue;
            }
            if done() {
                return true;
            }
            match self.world.next_deadline() {
                Some(next) if next <= limit_ms => self.world.now_ms.set(next),
                _ => return false,
            }
        }
    }
}

/// Runs a future that never waits on the clock (latency 0, no long poll) to its end.
pub(super) fn now_or_never<T>(future: impl Future<Output = T>) -> T {
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    for _ in 0..1_000 {
        if let Poll::Ready(value) = future.as_mut().poll(&mut context) {
            return value;
        }
    }
    panic!("a model request waited on the clock");
}
