//! Where the sync loop runs in the browser: one loop per syncing engagement, in the tab that
//! holds the engagement's lock. The loop itself is `sync::cycle`; this file gives it the
//! browser's storage, status line, lock, timer and `fetch`.
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use serde_json::Value;
use web_sys::AbortController;

use crate::domain::{Engagement, EngagementId};
use crate::state::{repository, AppState, CommandError};
use crate::storage::sync_ledger;
use crate::sync::absorb::SetAside;
use crate::sync::couch::{Changes, Couch, CouchError, Written};
use crate::sync::cycle::{self, Controls, Local, Server};
use crate::sync::ledger::Ledger;
use crate::sync::status::SyncStatus;

use super::tab_lock::{try_lock, Attempt, HeldLock};

/// One running loop's controls.
#[derive(Default)]
pub(super) struct Runner {
    controls: Controls,
    /// The long poll under way, to cut short when there is something to send.
    longpoll: RefCell<Option<AbortController>>,
    /// The revision of the last save made by this loop, so it does not kick itself.
    own_revision: Cell<u64>,
    /// Ends the pause under way, if any.
    waker: RefCell<Option<js_sys::Function>>,
}

impl Runner {
    pub(super) fn kick(&self) {
        self.controls.kicked.set(true);
        if let Some(controller) = self.longpoll.borrow().as_ref() {
            controller.abort();
        }
        if let Some(wake) = self.waker.borrow_mut().take() {
            let _ = wake.call0(&wasm_bindgen::JsValue::NULL);
        }
    }

    pub(super) fn stop(&self) {
        self.controls.stopped.set(true);
        self.kick();
    }
}

thread_local! {
    static RUNNERS: RefCell<BTreeMap<EngagementId, Rc<Runner>>> = RefCell::default();
    /// This tab's name in the sync lease.
    static TAB: String = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
}

/// Starts the loop for `id` unless it runs already.
pub(super) fn start(state: AppState, id: EngagementId) {
    let runner = RUNNERS.with(|runners| {
        let mut runners = runners.borrow_mut();
        if runners.contains_key(&id) {
            return None;
        }
        let runner = Rc::new(Runner::default());
        runners.insert(id.clone(), runner.clone());
        Some(runner)
    });
    if let Some(runner) = runner {
        leptos::task::spawn_local(async move {
            match sync_loop(state, id.clone(), runner.clone()).await {
                Ok(running) => running.await,
                // Its code did not arrive (offline before the service worker had it): say so,
                // and let "Sync now" try again.
                Err(missing) => {
                    state.set_sync_status(&id, SyncStatus::Stopped(missing.to_string()));
                    forget(&id, &runner);
                }
            }
        });
    }
}

crate::ui::lazy::lazy_part! {
    /// The loop itself, with the merge rules and the CouchDB calls it runs, is downloaded with
    /// team sync's part: only people who sync need it, and they get it at start in the
    /// background.
    [sync] fn sync_loop(state: AppState, id: EngagementId, runner: Rc<Runner>) -> Pin<Box<dyn Future<Output = ()>>> {
        Box::pin(run(state, id, runner))
    }
}

/// Takes `runner` off the list of running loops (if it is still the one there).
fn forget(id: &EngagementId, runner: &Rc<Runner>) {
    RUNNERS.with(|runners| {
        let mut runners = runners.borrow_mut();
        if runners.get(id).is_some_and(|r| Rc::ptr_eq(r, runner)) {
            runners.remove(id);
        }
    });
}

pub(super) fn stop(id: &EngagementId) {
    if let Some(runner) = RUNNERS.with(|r| r.borrow_mut().remove(id)) {
        runner.stop();
    }
    if let Ok(repo) = repository() {
        TAB.with(|tab| sync_ledger::release_lease(repo.store(), id, tab));
    }
}

/// A local save of `id` at `revision`: send it now instead of after the long poll.
pub(crate) fn poke(id: &EngagementId, revision: u64) {
    RUNNERS.with(|runners| {
        if let Some(runner) = runners.borrow().get(id) {
            if runner.own_revision.get() != revision {
                runner.kick();
            }
        }
    });
}

/// Every loop: the browser came back online.
pub(crate) fn poke_all() {
    RUNNERS.with(|runners| runners.borrow().values().for_each(|r| r.kick()));
}

/// The browser's loop: [`cycle::run`] over this tab's storage and the team database.
async fn run(state: AppState, id: EngagementId, runner: Rc<Runner>) {
    let mut tab = BrowserTab {
        state,
        id: id.clone(),
        runner: runner.clone(),
        lock: None,
    };
    cycle::run(&mut tab, &runner.controls).await;
    // Dropping the tab lets go of the lock: another tab may sync now.
    drop(tab);
    forget(&id, &runner);
}

/// This tab, as the loop sees it: the engagement and ledger in localStorage, the status line,
/// the Web Lock, and a timer a kick can end early.
struct BrowserTab {
    state: AppState,
    id: EngagementId,
    runner: Rc<Runner>,
    /// Held for as long as the loop runs.
    lock: Option<HeldLock>,
}

impl Local for BrowserTab {
    type Server = Remote;

    fn server(&self, ledger: &Ledger) -> Remote {
        Remote {
            couch: Couch {
                database: ledger.database.clone(),
            },
            runner: self.runner.clone(),
        }
    }

    fn ledger(&self) -> Result<Option<Ledger>, CommandError> {
        Ok(sync_ledger::load(repository()?.store(), &self.id)?)
    }

    fn save_ledger(&self, ledger: &Ledger) -> Result<(), CommandError> {
        Ok(sync_ledger::save(repository()?.store(), &self.id, ledger)?)
    }

    fn engagement(&self) -> Option<(Engagement, u64)> {
        self.state
            .find_untracked(&self.id)
            .map(|saved| (saved.engagement, saved.revision))
    }

    fn save_merged(&self, based_on: u64, engagement: Engagement) -> Result<(), CommandError> {
        // Set before the save, which tells the loops about it: this one need not wake up.
        self.runner.own_revision.set(based_on + 1);
        self.state
            .save_merged(Some(based_on), engagement)
            .map(|_| ())
    }

    fn keep_aside(&self, set_aside: &[SetAside]) {
        self.state.keep_aside(&self.id, set_aside);
    }

    fn say(&self, status: SyncStatus) {
        self.state.set_sync_status(&self.id, status);
    }

    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn online(&self) -> bool {
        web_sys::window().is_none_or(|w| w.navigator().on_line())
    }

    /// The engagement's Web Lock; in a browser without Web Locks, the lease in localStorage.
    async fn leads(&mut self) -> bool {
        if self.lock.is_some() {
            return true;
        }
        match try_lock(&self.id).await {
            Attempt::Held(held) => {
                self.lock = Some(held);
                true
            }
            Attempt::Taken => false,
            Attempt::Unsupported => repository().ok().is_some_and(|repo| {
                TAB.with(|tab| {
                    sync_ledger::hold_lease(repo.store(), &self.id, tab, js_sys::Date::now())
                        .unwrap_or(true)
                })
            }),
        }
    }

    /// One timer for the whole pause, not a tick every quarter second: a background tab's
    /// browser throttles chained timers to one a minute, which would stretch a 2-second retry
    /// into many minutes.
    async fn pause(&self, seconds: u32) {
        let mut wake: Option<js_sys::Function> = None;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    &resolve,
                    (seconds * 1000) as i32,
                );
            }
            wake = Some(resolve);
        });
        *self.runner.waker.borrow_mut() = wake;
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        self.runner.waker.borrow_mut().take();
    }
}

/// The team database over `fetch`; the long poll can be cut short by a kick.
struct Remote {
    couch: Couch,
    runner: Rc<Runner>,
}

impl Server for Remote {
    async fn changes(&self, since: &str, wait: bool) -> Result<Changes, CouchError> {
        let controller = AbortController::new().map_err(|_| CouchError::Unreachable)?;
        *self.runner.longpoll.borrow_mut() = Some(controller.clone());
        let changes = self.couch.changes(since, wait, Some(&controller)).await;
        *self.runner.longpoll.borrow_mut() = None;
        changes
    }

    async fn bulk_docs(&self, docs: Vec<Value>) -> Result<Vec<Written>, CouchError> {
        self.couch.bulk_docs(docs).await
    }

    async fn fetch(&self, ids: &[String]) -> Result<Vec<Value>, CouchError> {
        self.couch.fetch(ids).await
    }
}
