//! The loop that syncs one engagement: send what differs, then wait on the change feed and take
//! in what others did; on a failure, say so in the status and try again after a growing pause.
//! One loop per syncing engagement, in the tab that holds the engagement's lease.
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use chrono::Utc;
use serde_json::Value;
use web_sys::AbortController;

use crate::domain::EngagementId;
use crate::state::{repository, AppState, CommandError};
use crate::storage::sync_ledger;
use crate::sync::absorb::absorb;
use crate::sync::couch::{Couch, CouchError};
use crate::sync::ledger::Ledger;
use crate::sync::outbox::{claim_documents, note_claims, note_written, outgoing, waiting, DocOut};
use crate::sync::status::SyncStatus;

use super::tab_lock::{try_lock, Attempt, HeldLock};

/// Pauses after a failed attempt, in seconds: quick at first, then every half minute.
const RETRY_AFTER: [u32; 5] = [2, 5, 10, 20, 30];
/// Rounds of send → conflict → merge in one go, before waiting on the feed; each round
/// resolves the conflicts it met, so more than a few only happen with a very busy database.
const SEND_ROUNDS: usize = 6;

/// Why a cycle ended early.
pub(super) enum Failure {
    Server(CouchError),
    Local(CommandError),
    /// Sync was stopped or the engagement deleted while a request was under way.
    Gone,
    /// Every round of sending met a conflict again: this many changes are still not sent.
    Unsettled(usize),
}

impl From<CouchError> for Failure {
    fn from(error: CouchError) -> Self {
        Self::Server(error)
    }
}

impl From<CommandError> for Failure {
    fn from(error: CommandError) -> Self {
        Self::Local(error)
    }
}

/// One running loop's controls.
#[derive(Default)]
pub(super) struct Runner {
    stopped: Cell<bool>,
    /// Set by a local change or the browser coming online: skip the pause, send now.
    kicked: Cell<bool>,
    /// The long poll under way, to cut short when there is something to send.
    longpoll: RefCell<Option<AbortController>>,
    /// The revision of the last save made by this loop, so it does not kick itself.
    own_revision: Cell<u64>,
    /// Ends the pause under way, if any.
    waker: RefCell<Option<js_sys::Function>>,
    /// Whether documents blocked earlier were read again since this loop started.
    blocked_read_again: Cell<bool>,
}

impl Runner {
    pub(super) fn kick(&self) {
        self.kicked.set(true);
        if let Some(controller) = self.longpoll.borrow().as_ref() {
            controller.abort();
        }
        if let Some(wake) = self.waker.borrow_mut().take() {
            let _ = wake.call0(&wasm_bindgen::JsValue::NULL);
        }
    }

    pub(super) fn stop(&self) {
        self.stopped.set(true);
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

async fn run(state: AppState, id: EngagementId, runner: Rc<Runner>) {
    // A loop that was stopped while a request was under way says nothing any more: the
    // status by then belongs to the next connection, if any.
    let say = |status: SyncStatus| {
        if !runner.stopped.get() {
            state.set_sync_status(&id, status);
        }
    };
    let mut failures = 0usize;
    // Held for as long as this loop runs; dropping it (the loop ends) lets another tab sync.
    let mut lock = None;
    let mut more = false;
    while !runner.stopped.get() {
        // A kick from before this round is answered by it; more pages are read without waiting.
        runner.kicked.set(more);
        more = false;
        if !leads(&id, &mut lock).await {
            say(SyncStatus::OtherTab);
            pause(&runner, 5).await;
            continue;
        }
        match cycle(state, &id, &runner).await {
            Ok(pages) => {
                failures = 0;
                more = pages;
            }
            Err(Failure::Gone) => break,
            Err(Failure::Server(CouchError::Aborted)) => {}
            Err(Failure::Server(CouchError::SignIn)) => {
                say(SyncStatus::SignInAgain);
                break;
            }
            Err(Failure::Server(error @ (CouchError::Forbidden(_) | CouchError::NoDatabase))) => {
                say(SyncStatus::Stopped(error.to_string()));
                break;
            }
            Err(Failure::Server(_)) => {
                let ledger = load_ledger(&id).ok().flatten();
                let count = state
                    .find_untracked(&id)
                    .zip(ledger.as_ref())
                    .map_or(0, |(mut saved, ledger)| {
                        waiting(&mut saved.engagement, ledger)
                    });
                // "Offline" only when the browser says so: a server that is down while the
                // network works is a different problem, with a different fix.
                let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
                let status = match ledger {
                    Some(ledger) if online => SyncStatus::Unreachable {
                        database: ledger.database,
                        waiting: count,
                    },
                    _ => SyncStatus::Offline { waiting: count },
                };
                say(status);
                failures += 1;
                pause(
                    &runner,
                    RETRY_AFTER[(failures - 1).min(RETRY_AFTER.len() - 1)],
                )
                .await;
            }
            Err(Failure::Unsettled(count)) => {
                let reason = "the team database keeps changing them; trying again";
                say(SyncStatus::NotSent {
                    count,
                    reason: reason.to_owned(),
                });
                failures += 1;
                pause(&runner, RETRY_AFTER[failures.min(RETRY_AFTER.len()) - 1]).await;
            }
            // Another tab saved in between: the merge starts again from what it saved.
            Err(Failure::Local(CommandError::Conflict { .. })) => pause(&runner, 1).await,
            Err(Failure::Local(error)) => {
                say(SyncStatus::Stopped(error.to_string()));
                break;
            }
        }
    }
    forget(&id, &runner);
}

/// Whether this tab is the one that syncs `id`: it holds (or now takes) the engagement's Web
/// Lock; in a browser without Web Locks, the lease in localStorage.
async fn leads(id: &EngagementId, lock: &mut Option<HeldLock>) -> bool {
    if lock.is_some() {
        return true;
    }
    match try_lock(id).await {
        Attempt::Held(held) => {
            *lock = Some(held);
            true
        }
        Attempt::Taken => false,
        Attempt::Unsupported => repository().ok().is_some_and(|repo| {
            TAB.with(|tab| {
                sync_ledger::hold_lease(repo.store(), id, tab, js_sys::Date::now()).unwrap_or(true)
            })
        }),
    }
}

/// One round trip: send, then take in the feed (waiting on it when nothing is new). `true`
/// when the feed has more to read right away.
async fn cycle(state: AppState, id: &EngagementId, runner: &Runner) -> Result<bool, Failure> {
    let couch = Couch {
        database: load_ledger(id)?.ok_or(Failure::Gone)?.database,
    };
    read_blocked_again(state, id, &couch, runner).await?;
    send(state, id, &couch, runner).await?;
    // Everything is sent; what others did comes with the feed, at once if anything is new.
    let ledger = load_ledger(id)?.ok_or(Failure::Gone)?;
    if !runner.stopped.get() {
        state.set_sync_status(id, settled(&ledger));
    }
    let controller =
        AbortController::new().map_err(|_| Failure::Server(CouchError::Unreachable))?;
    *runner.longpoll.borrow_mut() = Some(controller.clone());
    let wait = !runner.kicked.get();
    let changes = couch
        .changes(&ledger.since_param(), wait, Some(&controller))
        .await;
    *runner.longpoll.borrow_mut() = None;
    let changes = changes?;
    if runner.stopped.get() {
        return Err(Failure::Gone);
    }
    // A full page: there is more to read, at once rather than after the next wait.
    let more = changes.results.len() >= crate::sync::couch::CHANGES_PAGE;
    let documents: Vec<Value> = changes.results.into_iter().filter_map(|r| r.doc).collect();
    let mut ledger = load_ledger(id)?.ok_or(Failure::Gone)?;
    take_in(state, id, &mut ledger, &documents, runner)?;
    ledger.since = changes.last_seq;
    ledger.last_synced_at = Some(Utc::now());
    save_ledger(runner, id, &ledger)?;
    if !runner.stopped.get() {
        state.set_sync_status(id, settled(&ledger));
    }
    Ok(more)
}

/// "Synced" only when nothing is held back: documents the server holds in a form this
/// browser cannot read are not written over, and the status says so.
fn settled(ledger: &Ledger) -> SyncStatus {
    match ledger.blocked.iter().next() {
        None => SyncStatus::Synced { at: Utc::now() },
        Some((doc_id, reason)) => SyncStatus::NotSent {
            count: ledger.blocked.len(),
            reason: format!("{}: {reason}", crate::sync::docs::describe(doc_id)),
        },
    }
}

/// Documents this browser could not read are read again once each time sync starts (after
/// an update, this Handrail may read them now; the server may hold a readable version).
async fn read_blocked_again(
    state: AppState,
    id: &EngagementId,
    couch: &Couch,
    runner: &Runner,
) -> Result<(), Failure> {
    if runner.blocked_read_again.get() {
        return Ok(());
    }
    let mut ledger = load_ledger(id)?.ok_or(Failure::Gone)?;
    if !ledger.blocked.is_empty() {
        let ids: Vec<String> = std::mem::take(&mut ledger.blocked).into_keys().collect();
        let documents = couch.fetch(&ids).await?;
        take_in(state, id, &mut ledger, &documents, runner)?;
        save_ledger(runner, id, &ledger)?;
    }
    runner.blocked_read_again.set(true);
    Ok(())
}

/// Sends every record that differs; a conflict fetches the server's copy, merges it in and
/// sends again in the next round.
async fn send(
    state: AppState,
    id: &EngagementId,
    couch: &Couch,
    runner: &Runner,
) -> Result<(), Failure> {
    for _ in 0..SEND_ROUNDS {
        let mut ledger = load_ledger(id)?.ok_or(Failure::Gone)?;
        let mut engagement = state.find_untracked(id).ok_or(Failure::Gone)?.engagement;
        let out = outgoing(&mut engagement, &ledger);
        if out.is_empty() {
            return Ok(());
        }
        let mut refetch = Vec::new();
        if !out.claims.is_empty() {
            let written = couch
                .bulk_docs(claim_documents(&engagement, &out.claims))
                .await?;
            refetch.extend(note_claims(&mut ledger, &out.claims, &written)?);
        }
        if !out.docs.is_empty() {
            let written = couch
                .bulk_docs(out.docs.iter().map(DocOut::document).collect())
                .await?;
            refetch.extend(note_written(&mut ledger, &out.docs, &written)?);
        }
        save_ledger(runner, id, &ledger)?;
        if !refetch.is_empty() {
            let documents = couch.fetch(&refetch).await?;
            take_in(state, id, &mut ledger, &documents, runner)?;
            save_ledger(runner, id, &ledger)?;
        }
    }
    let mut engagement = state.find_untracked(id).ok_or(Failure::Gone)?.engagement;
    let ledger = load_ledger(id)?.ok_or(Failure::Gone)?;
    match waiting(&mut engagement, &ledger) {
        0 => Ok(()),
        count => Err(Failure::Unsettled(count)),
    }
}

/// Merges `documents` into the engagement as stored now and saves it once; `ledger` moves on
/// only when that save went through.
pub(super) fn take_in(
    state: AppState,
    id: &EngagementId,
    ledger: &mut Ledger,
    documents: &[Value],
    runner: &Runner,
) -> Result<(), Failure> {
    // "Stop syncing" (or deleting the engagement) while a request was under way: what it
    // brought is dropped, so it cannot bring the engagement or its sync state back.
    if runner.stopped.get() {
        return Err(Failure::Gone);
    }
    let local = state.find_untracked(id).ok_or(Failure::Gone)?;
    let mut next = ledger.clone();
    let by = next.account.clone();
    let absorbed = absorb(
        id,
        Some(&local.engagement),
        &mut next,
        documents,
        &by,
        Utc::now(),
    );
    state.keep_aside(id, &absorbed.set_aside);
    if let (true, Some(engagement)) = (absorbed.changed, absorbed.engagement) {
        // Set before the save, which tells the loops about it: this one need not wake up.
        runner.own_revision.set(local.revision + 1);
        state.save_merged(Some(local.revision), engagement)?;
    }
    *ledger = next;
    Ok(())
}

fn load_ledger(id: &EngagementId) -> Result<Option<Ledger>, Failure> {
    let repo = repository().map_err(|e| Failure::Local(e.into()))?;
    sync_ledger::load(repo.store(), id).map_err(|e| Failure::Local(e.into()))
}

/// Writes the ledger, unless sync stopped meanwhile (writing it would start it again).
pub(super) fn save_ledger(
    runner: &Runner,
    id: &EngagementId,
    ledger: &Ledger,
) -> Result<(), Failure> {
    if runner.stopped.get() {
        return Err(Failure::Gone);
    }
    let repo = repository().map_err(|e| Failure::Local(e.into()))?;
    sync_ledger::save(repo.store(), id, ledger).map_err(|e| Failure::Local(e.into()))
}

/// Waits `seconds`, or less when kicked or stopped. One timer for the whole pause, not a tick
/// every quarter second: a background tab's browser throttles chained timers to one a minute,
/// which would stretch a 2-second retry into many minutes.
async fn pause(runner: &Runner, seconds: u32) {
    if runner.kicked.get() || runner.stopped.get() {
        return;
    }
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
    *runner.waker.borrow_mut() = wake;
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    runner.waker.borrow_mut().take();
}
