//! The loop that syncs one engagement: send what differs, then wait on the change feed and take
//! in what others did; on a failure, say so in the status and try again after a growing pause.
//!
//! It is written against two small traits, [`Server`] (the CouchDB calls) and [`Local`] (this
//! tab's storage, status line, lock and timer), so that the browser runs it over `fetch` and
//! localStorage (`state::sync::runner`) and the native tests run this very loop against a model
//! database on a simulated clock (`sync::simulation`).
use std::cell::Cell;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::absorb::{absorb, SetAside};
use super::couch::{Changes, CouchError, Written, CHANGES_PAGE};
use super::ledger::Ledger;
use super::outbox::{claim_documents, note_claims, note_written, outgoing, waiting, DocOut};
use super::status::SyncStatus;
use crate::domain::Engagement;
use crate::state::CommandError;

/// Pauses after a failed attempt, in seconds: quick at first, then every half minute.
pub const RETRY_AFTER: [u32; 5] = [2, 5, 10, 20, 30];
/// Rounds of send → conflict → merge in one go, before waiting on the feed; each round
/// resolves the conflicts it met, so more than a few only happen with a very busy database.
const SEND_ROUNDS: usize = 6;
/// Cycles in a row that send again at once after taking in the feed, before the status says
/// that changes cannot be sent and the loop slows down.
const UNSETTLED_RETRIES_AT_ONCE: u32 = 4;
/// The pause before asking again whether this tab may sync, while another one does.
const OTHER_TAB_PAUSE: u32 = 5;

/// The team database, as far as sync uses it. `async fn` without `Send` bounds on purpose:
/// the browser runs the loop on its one thread, and the tests on theirs.
#[allow(async_fn_in_trait)]
pub trait Server {
    /// Changes after `since`; with `wait`, held open until something changes (a long poll).
    async fn changes(&self, since: &str, wait: bool) -> Result<Changes, CouchError>;
    async fn bulk_docs(&self, docs: Vec<Value>) -> Result<Vec<Written>, CouchError>;
    async fn fetch(&self, ids: &[String]) -> Result<Vec<Value>, CouchError>;
}

/// This tab's side: where the engagement and the ledger are stored, what the status line
/// says, which tab leads, and how long a pause takes.
#[allow(async_fn_in_trait)]
pub trait Local {
    type Server: Server;
    /// The database the ledger names.
    fn server(&self, ledger: &Ledger) -> Self::Server;
    fn ledger(&self) -> Result<Option<Ledger>, CommandError>;
    fn save_ledger(&self, ledger: &Ledger) -> Result<(), CommandError>;
    /// The engagement as stored now, with its revision; `None` when it was deleted.
    fn engagement(&self) -> Option<(Engagement, u64)>;
    /// Saves a merge over revision `based_on`; another tab's save in between is a conflict.
    fn save_merged(&self, based_on: u64, engagement: Engagement) -> Result<(), CommandError>;
    fn keep_aside(&self, set_aside: &[SetAside]);
    fn say(&self, status: SyncStatus);
    fn now(&self) -> DateTime<Utc>;
    /// Whether the device says it is online ("Offline" is said only then).
    fn online(&self) -> bool;
    /// Whether this tab is the one that syncs (it holds, or now takes, the engagement's lock).
    async fn leads(&mut self) -> bool;
    /// Waits `seconds`, or less when the loop is kicked or stopped.
    async fn pause(&self, seconds: u32);
}

/// One running loop's switches, set from outside while it runs.
#[derive(Default)]
pub struct Controls {
    pub stopped: Cell<bool>,
    /// Set by a local change or the device coming online: skip the pause, send now.
    pub kicked: Cell<bool>,
    /// Whether documents blocked earlier were read again since this loop started.
    blocked_read_again: Cell<bool>,
    /// Cycles in a row whose sends did not settle.
    unsettled: Cell<u32>,
}

/// Why a cycle ended early.
#[derive(Debug)]
pub enum Failure {
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

/// Runs until stopped, or until something only a person can mend (a password, access).
pub async fn run<L: Local>(local: &mut L, controls: &Controls) {
    let mut failures = 0usize;
    let mut more = false;
    while !controls.stopped.get() {
        // A kick from before this round is answered by it; more pages are read without waiting.
        controls.kicked.set(more);
        more = false;
        if !local.leads().await {
            say(local, controls, SyncStatus::OtherTab);
            pause(local, controls, OTHER_TAB_PAUSE).await;
            continue;
        }
        let failure = match cycle(local, controls).await {
            Ok(pages) => {
                failures = 0;
                more = pages;
                continue;
            }
            Err(failure) => failure,
        };
        match after(local, failure, failures) {
            Next::Stop(status) => {
                if let Some(status) = status {
                    say(local, controls, status);
                }
                break;
            }
            Next::Retry { status, pause_for } => {
                if let Some(status) = status {
                    say(local, controls, status);
                    failures += 1;
                }
                pause(local, controls, pause_for).await;
            }
        }
    }
}

/// What the loop does after a failed cycle.
enum Next {
    Stop(Option<SyncStatus>),
    /// Say `status` (a failure that counts toward the growing pause) and try again.
    Retry {
        status: Option<SyncStatus>,
        pause_for: u32,
    },
}

fn after<L: Local>(local: &L, failure: Failure, failures: usize) -> Next {
    let growing = RETRY_AFTER[failures.min(RETRY_AFTER.len() - 1)];
    match failure {
        Failure::Gone => Next::Stop(None),
        // A local change cut the long poll short: straight on.
        Failure::Server(CouchError::Aborted) => Next::Retry {
            status: None,
            pause_for: 0,
        },
        Failure::Server(CouchError::SignIn) => Next::Stop(Some(SyncStatus::SignInAgain)),
        Failure::Server(error @ (CouchError::Forbidden(_) | CouchError::NoDatabase)) => {
            Next::Stop(Some(SyncStatus::Stopped(error.to_string())))
        }
        Failure::Server(_) => Next::Retry {
            status: Some(unreachable(local)),
            pause_for: growing,
        },
        Failure::Unsettled(count) => Next::Retry {
            status: Some(SyncStatus::NotSent {
                count,
                reason: "the team database keeps changing them; trying again".to_owned(),
            }),
            pause_for: growing,
        },
        // Another tab saved in between: the merge starts again from what it saved.
        Failure::Local(CommandError::Conflict { .. }) => Next::Retry {
            status: None,
            pause_for: 1,
        },
        Failure::Local(error) => Next::Stop(Some(SyncStatus::Stopped(error.to_string()))),
    }
}

/// "Offline" only when the device says so: a server that is down while the network works is
/// a different problem, with a different fix.
fn unreachable<L: Local>(local: &L) -> SyncStatus {
    let ledger = local.ledger().ok().flatten();
    let count = local
        .engagement()
        .zip(ledger.as_ref())
        .map_or(0, |((mut engagement, _), ledger)| {
            waiting(&mut engagement, ledger)
        });
    match ledger {
        Some(ledger) if local.online() => SyncStatus::Unreachable {
            database: ledger.database,
            waiting: count,
        },
        _ => SyncStatus::Offline { waiting: count },
    }
}

/// A loop that was stopped while a request was under way says nothing any more: the status
/// by then belongs to the next connection, if any.
fn say<L: Local>(local: &L, controls: &Controls, status: SyncStatus) {
    if !controls.stopped.get() {
        local.say(status);
    }
}

async fn pause<L: Local>(local: &L, controls: &Controls, seconds: u32) {
    if seconds > 0 && !controls.kicked.get() && !controls.stopped.get() {
        local.pause(seconds).await;
    }
}

/// One round trip: send, then take in the feed (waiting on it when nothing is new). `true`
/// when there is more to do right away (a full page of the feed, or sends to try again).
pub async fn cycle<L: Local>(local: &L, controls: &Controls) -> Result<bool, Failure> {
    let server = local.server(&ledger(local)?);
    read_blocked_again(local, &server, controls).await?;
    let unsettled = match send(local, &server, controls).await {
        Ok(()) => None,
        Err(Failure::Unsettled(count)) => Some(count),
        Err(failure) => return Err(failure),
    };
    // Everything is sent (or tried); what others did comes with the feed, at once if
    // anything is new, and without waiting when sends are left.
    let ledger_now = ledger(local)?;
    if unsettled.is_none() {
        controls.unsettled.set(0);
        say(local, controls, settled(&ledger_now, local.now()));
    }
    let wait = unsettled.is_none() && !controls.kicked.get();
    let changes = server.changes(&ledger_now.since_param(), wait).await?;
    if controls.stopped.get() {
        return Err(Failure::Gone);
    }
    // A full page: there is more to read, at once rather than after the next wait.
    let more = changes.results.len() >= CHANGES_PAGE;
    let documents: Vec<Value> = changes.results.into_iter().filter_map(|r| r.doc).collect();
    let mut ledger_now = ledger(local)?;
    let learned = take_in(local, &mut ledger_now, &documents, controls)?;
    ledger_now.since = changes.last_seq;
    ledger_now.last_synced_at = Some(local.now());
    save_ledger(local, controls, &ledger_now)?;
    if let Some(count) = unsettled {
        let streak = controls.unsettled.get() + 1;
        controls.unsettled.set(streak);
        // What the sends ran into is often in the feed (numbers others claimed meanwhile):
        // with it taken in, sending again at once usually settles. Only a database that keeps
        // changing the same records is said, and paced.
        if learned && streak < UNSETTLED_RETRIES_AT_ONCE {
            return Ok(true);
        }
        return Err(Failure::Unsettled(count));
    }
    say(local, controls, settled(&ledger_now, local.now()));
    Ok(more)
}

/// "Synced" only when nothing is held back: documents the server holds in a form this
/// browser cannot read are not written over, and the status says so.
fn settled(ledger: &Ledger, now: DateTime<Utc>) -> SyncStatus {
    match ledger.blocked.iter().next() {
        None => SyncStatus::Synced { at: now },
        Some((doc_id, reason)) => SyncStatus::NotSent {
            count: ledger.blocked.len(),
            reason: format!("{}: {reason}", super::docs::describe(doc_id)),
        },
    }
}

/// Documents this browser could not read are read again once each time sync starts (after
/// an update, this Handrail may read them now; the server may hold a readable version).
async fn read_blocked_again<L: Local>(
    local: &L,
    server: &L::Server,
    controls: &Controls,
) -> Result<(), Failure> {
    if controls.blocked_read_again.get() {
        return Ok(());
    }
    let mut ledger_now = ledger(local)?;
    if !ledger_now.blocked.is_empty() {
        let ids: Vec<String> = std::mem::take(&mut ledger_now.blocked)
            .into_keys()
            .collect();
        let documents = server.fetch(&ids).await?;
        take_in(local, &mut ledger_now, &documents, controls)?;
        save_ledger(local, controls, &ledger_now)?;
    }
    controls.blocked_read_again.set(true);
    Ok(())
}

/// Sends every record that differs; a conflict fetches the server's copy, merges it in and
/// sends again in the next round.
async fn send<L: Local>(local: &L, server: &L::Server, controls: &Controls) -> Result<(), Failure> {
    for _ in 0..SEND_ROUNDS {
        let mut ledger_now = ledger(local)?;
        let (mut engagement, _) = local.engagement().ok_or(Failure::Gone)?;
        let out = outgoing(&mut engagement, &ledger_now);
        if out.is_empty() {
            return Ok(());
        }
        let mut refetch = Vec::new();
        if !out.claims.is_empty() {
            let written = server
                .bulk_docs(claim_documents(&engagement, &out.claims))
                .await?;
            refetch.extend(note_claims(&mut ledger_now, &out.claims, &written)?);
        }
        if !out.docs.is_empty() {
            let written = server
                .bulk_docs(out.docs.iter().map(DocOut::document).collect())
                .await?;
            refetch.extend(note_written(&mut ledger_now, &out.docs, &written)?);
        }
        save_ledger(local, controls, &ledger_now)?;
        if !refetch.is_empty() {
            let documents = server.fetch(&refetch).await?;
            take_in(local, &mut ledger_now, &documents, controls)?;
            save_ledger(local, controls, &ledger_now)?;
        }
    }
    let (mut engagement, _) = local.engagement().ok_or(Failure::Gone)?;
    match waiting(&mut engagement, &ledger(local)?) {
        0 => Ok(()),
        count => Err(Failure::Unsettled(count)),
    }
}

/// Merges `documents` into the engagement as stored now and saves it once; `ledger` moves on
/// only when that save went through. `true` when the merge changed the engagement (others'
/// work came in, not only this device's own writes echoed by the feed).
pub fn take_in<L: Local>(
    local: &L,
    ledger: &mut Ledger,
    documents: &[Value],
    controls: &Controls,
) -> Result<bool, Failure> {
    // "Stop syncing" (or deleting the engagement) while a request was under way: what it
    // brought is dropped, so it cannot bring the engagement or its sync state back.
    if controls.stopped.get() {
        return Err(Failure::Gone);
    }
    let (engagement, revision) = local.engagement().ok_or(Failure::Gone)?;
    let mut next = ledger.clone();
    let by = next.account.clone();
    let absorbed = absorb(
        &engagement.id,
        Some(&engagement),
        &mut next,
        documents,
        &by,
        local.now(),
    );
    local.keep_aside(&absorbed.set_aside);
    let changed = absorbed.changed;
    if let (true, Some(merged)) = (changed, absorbed.engagement) {
        local.save_merged(revision, merged)?;
    }
    *ledger = next;
    Ok(changed)
}

fn ledger<L: Local>(local: &L) -> Result<Ledger, Failure> {
    local.ledger()?.ok_or(Failure::Gone)
}

/// Writes the ledger, unless sync stopped meanwhile (writing it would start it again).
fn save_ledger<L: Local>(local: &L, controls: &Controls, ledger: &Ledger) -> Result<(), Failure> {
    if controls.stopped.get() {
        return Err(Failure::Gone);
    }
    Ok(local.save_ledger(ledger)?)
}
