//! The loop that watches the clocks of the engagements that warn: every 20 seconds (a browser
//! stretches timers in a background tab to a minute at most, still within the minute a warning
//! is due), it tells the thresholds crossed since, by a system notification when permitted, and
//! keeps the "Needs attention" list and the app badge up to date.
use std::cell::Cell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::storage::KeyValue;

use super::{settings, Attention};
use crate::domain::charter::Charter;
use crate::domain::triage::warning::{first_warnings, news, watch, whom_to_call, Crossing, News};
use crate::domain::triage::zone::{viewer_time, zoned_time};
use crate::domain::{Engagement, EngagementId};
use crate::state::charter::browser_time_zone;
use crate::state::zone::BrowserZones;
use crate::state::{repository, AppState};

const TICK_MS: i32 = 20_000;

thread_local! {
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// When this tab last looked, for telling what is new as news rather than as "while away".
    static LAST_LOOK: Cell<Option<DateTime<Utc>>> = const { Cell::new(None) };
    /// What was told in this tab, kept here too: if storage refuses the ledger (full), the
    /// same crossings are still told once.
    static TOLD_HERE: std::cell::RefCell<BTreeMap<EngagementId, BTreeMap<String, DateTime<Utc>>>> =
        Default::default();
    /// Whether the ledger's failure to save was said already (once a visit is enough).
    static SAVE_FAILURE_SAID: Cell<bool> = const { Cell::new(false) };
    /// Whether the browser refused to show a notification from the page (Android Chrome does).
    pub(super) static NOTIFY_REFUSED: Cell<bool> = const { Cell::new(false) };
    /// Crossings noted in a synced issue's history and not told yet: told once team sync has
    /// had time to bring the same person's notes from their other devices.
    static NOTED: std::cell::RefCell<Vec<Noted>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// How long a noted crossing waits for the person's other devices' notes to arrive.
const NOTE_WAIT: chrono::Duration = chrono::Duration::seconds(10);
/// The pace of the loop while a noted crossing waits.
const NOTED_TICK_MS: i32 = 5_000;

/// A crossing this tab noted as told to the person in the issue's history, waiting for the
/// verdict of `first_warnings`.
struct Noted {
    engagement: EngagementId,
    crossing: Crossing,
    /// The id of the `warned` event this tab wrote.
    event: String,
    at: DateTime<Utc>,
}

/// Starts the loop unless it runs already.
pub(super) fn start(state: AppState) {
    if RUNNING.with(|r| r.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        match watch_loop(state).await {
            Ok(running) => running.await,
            // The part did not arrive (offline before the service worker had it): try again
            // the next time warnings are switched on or the app starts.
            Err(_) => RUNNING.with(|r| r.set(false)),
        }
    });
}

crate::ui::lazy::lazy_part! {
    /// The watching loop and what it needs of the clock engine's warning rules.
    [warnings] fn watch_loop(state: AppState) -> Pin<Box<dyn Future<Output = ()>>> {
        Box::pin(run(state))
    }
}

async fn run(state: AppState) {
    use crate::state::sync::tab_lock::{try_named_lock, Attempt};
    // One tab of this browser tells (the one holding the lock, freed when it closes); the
    // others keep their header's list up to date and take over when it goes.
    let mut held = None;
    loop {
        if settings().engagements.is_empty() {
            RUNNING.with(|r| r.set(false));
            return;
        }
        let tells = held.is_some()
            || match try_named_lock("handrail-warnings").await {
                Attempt::Held(lock) => {
                    held = Some(lock);
                    true
                }
                Attempt::Taken => false,
                // Without Web Locks each tab tells; the ledger and the notifications' tags
                // keep that to once but for two tabs looking in the same instant.
                Attempt::Unsupported => true,
            };
        tick(state, Utc::now(), tells);
        let waiting = NOTED.with(|n| !n.borrow().is_empty());
        sleep(if waiting { NOTED_TICK_MS } else { TICK_MS }).await;
    }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// One look at every engagement that warns.
fn tick(state: AppState, now: DateTime<Utc>, tells: bool) {
    let looking = LAST_LOOK
        .with(|l| l.replace(Some(now)))
        .is_some_and(|last| now - last <= crate::domain::triage::warning::FRESH);
    let mut attention = Vec::new();
    let mut away = Vec::new();
    let mut failure = None;
    let warning = settings().engagements;
    // A note of an engagement that no longer warns (or was deleted) is not told.
    NOTED.with(|n| n.borrow_mut().retain(|x| warning.contains(&x.engagement)));
    for id in warning {
        let Some(saved) = state
            .engagements
            .with_untracked(|list| list.iter().find(|r| r.engagement.id == id).cloned())
        else {
            continue;
        };
        let e = &saved.engagement;
        let Some(charter) = e.charter.in_force() else {
            continue;
        };
        let watched = watch(&e.issues, charter, &BrowserZones, now);
        attention.extend(needs_attention(&id, e.name(), charter, &watched.crossed));
        if !tells {
            continue;
        }
        let mut told = told(&id);
        let person = synced_person(state, &id, e);
        let mut changed = person
            .as_deref()
            .is_some_and(|p| note_told_elsewhere(e, p, &mut told, now));
        let mut fresh = news(&watched.crossed, &mut told, now, looking);
        changed |= !fresh.now.is_empty() || !fresh.while_away.is_empty();
        if let Some(person) = &person {
            note_in_history(state, &id, person, &mut fresh, now);
        }
        decide_noted(&id, e, person.as_deref(), now, &mut fresh);
        if changed {
            TOLD_HERE.with(|t| t.borrow_mut().insert(id.clone(), told.clone()));
            if let Err(error) = keep_told(&id, &told) {
                if !SAVE_FAILURE_SAID.with(|s| s.replace(true)) {
                    failure = Some(format!("Warnings could not note what they told in this browser\u{2019}s storage ({error}): after a reload a warning may come again."));
                }
            }
        }
        for crossing in &fresh.now {
            notify(e.name(), charter, crossing);
        }
        if let Some(summary) = fresh.away_summary() {
            away.push(format!("{}: {summary}", e.name()));
        }
    }
    show_badge(attention.len());
    if state.attention.with_untracked(|a| *a != attention) {
        state.attention.set(attention);
    }
    // One toast slot: the away summary and a storage failure share it rather than replace
    // each other.
    let said: Vec<String> = away.into_iter().chain(failure).collect();
    if !said.is_empty() {
        state.show_toast(said.join(" "), None);
    }
}

/// The account that signs changes to a synced engagement, whose history can carry who was
/// warned (not once the exit review is signed: the record takes no more events).
fn synced_person(state: AppState, id: &EngagementId, e: &Engagement) -> Option<String> {
    if e.is_frozen() || !state.sync.with_untracked(|map| map.contains_key(id)) {
        return None;
    }
    Some(state.author(id)).filter(|account| !account.is_empty())
}

/// Adds to the ledger the crossings `person` was warned of on another device (team sync
/// brought the notes); returns whether there was one.
fn note_told_elsewhere(
    e: &Engagement,
    person: &str,
    told: &mut BTreeMap<String, DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let mut added = false;
    for key in first_warnings(&e.issues, person).into_keys() {
        if !told.contains_key(key) {
            told.insert(key.to_owned(), now);
            added = true;
        }
    }
    added
}

/// Notes the news (the crossings to notify of now) in the issues' histories as told to
/// `person`, and holds it back for [`decide_noted`]; what cannot be noted (the save failed) is
/// told at once, as without sync. What fell while Handrail was away is summed up on each
/// device that was away, unless the person was told of it elsewhere: it is not noted.
fn note_in_history(
    state: AppState,
    id: &EngagementId,
    person: &str,
    fresh: &mut News,
    now: DateTime<Utc>,
) {
    if fresh.now.is_empty() {
        return;
    }
    let news = std::mem::take(&mut fresh.now);
    let tab = crate::state::tab_salt();
    let mut events: Vec<Option<String>> = Vec::new();
    let saved = state.note_on_engagement(id, |engagement| {
        events = news
            .iter()
            .map(|c| {
                // By identity (the key's first part): the number may have changed since.
                let issue = engagement
                    .issues
                    .iter_mut()
                    .find(|i| c.key.starts_with(&format!("{}:", i.identity())))?;
                Some(issue.record_warned(c, &tab, person, now))
            })
            .collect();
        Ok(())
    });
    if saved.is_err() {
        events.clear();
    }
    events.resize(news.len(), None);
    for (crossing, event) in news.into_iter().zip(events) {
        match event {
            Some(event) => NOTED.with(|n| {
                n.borrow_mut().push(Noted {
                    engagement: id.clone(),
                    crossing,
                    event,
                    at: now,
                })
            }),
            None => fresh.now.push(crossing),
        }
    }
}

/// Tells the crossings of `id` noted at least [`NOTE_WAIT`] ago whose first warning to
/// `person` is this tab's note; one that another device noted first was told there.
fn decide_noted(
    id: &EngagementId,
    e: &Engagement,
    person: Option<&str>,
    now: DateTime<Utc>,
    fresh: &mut News,
) {
    let due: Vec<Noted> = NOTED.with(|n| {
        let mut list = n.borrow_mut();
        let (due, waiting) = std::mem::take(&mut *list)
            .into_iter()
            .partition(|x| &x.engagement == id && now - x.at >= NOTE_WAIT);
        *list = waiting;
        due
    });
    if due.is_empty() {
        return;
    }
    // Sync stopped meanwhile: nothing more can arrive, so this tab tells.
    let first = person
        .map(|p| first_warnings(&e.issues, p))
        .unwrap_or_default();
    for noted in due {
        let ours = first
            .get(noted.crossing.key.as_str())
            .is_none_or(|event| *event == noted.event);
        // A note decided long after it was made (the device slept meanwhile) is summed up
        // with what fell while away rather than fired late.
        let late = now - noted.at > NOTE_WAIT + crate::domain::triage::warning::FRESH;
        match (ours, late) {
            (false, _) => {}
            (true, false) => fresh.now.push(noted.crossing),
            (true, true) => fresh.while_away.push(noted.crossing),
        }
    }
}

fn told_key(id: &EngagementId) -> String {
    format!("handrail:warned:{id}")
}

/// The ledger as stored (another tab may have added to it), with what this tab told.
fn told(id: &EngagementId) -> BTreeMap<String, DateTime<Utc>> {
    let mut told: BTreeMap<String, DateTime<Utc>> = repository()
        .ok()
        .and_then(|repo| repo.store().get(&told_key(id)).ok().flatten())
        .and_then(|raw| crate::domain::json::from_text(&raw).ok())
        .unwrap_or_default();
    TOLD_HERE.with(|t| {
        if let Some(here) = t.borrow().get(id) {
            for (key, at) in here {
                told.entry(key.clone()).or_insert(*at);
            }
        }
    });
    told
}

fn keep_told(id: &EngagementId, told: &BTreeMap<String, DateTime<Utc>>) -> Result<(), String> {
    let text = serde_json::to_string(told).map_err(|e| e.to_string())?;
    let repo = repository().map_err(|e| e.to_string())?;
    repo.store()
        .set(&told_key(id), &text)
        .map_err(|e| e.to_string())
}

/// One entry per clock: the breach if it breached, else the warning point.
fn needs_attention(
    id: &EngagementId,
    name: &str,
    charter: &Charter,
    crossed: &[Crossing],
) -> Vec<Attention> {
    let mut list: Vec<Attention> = Vec::new();
    for c in crossed {
        let entry = Attention {
            engagement: id.clone(),
            engagement_name: name.to_owned(),
            number: c.number,
            title: c.title.clone(),
            severity: c.severity.clone(),
            clock: c.clock,
            breach: c.breach,
            due: due_words(charter, c),
            whom: whom_to_call(charter, c.breach),
        };
        match list
            .iter_mut()
            .find(|a| a.number == c.number && a.clock == c.clock)
        {
            Some(existing) if c.breach => *existing = entry,
            Some(_) => {}
            None => list.push(entry),
        }
    }
    list
}

/// "due Tue 23 Mar 2027, 11:00 GMT (12:00 your time)".
fn due_words(charter: &Charter, c: &Crossing) -> String {
    let zone = &charter.calendar.time_zone;
    let Some(due) = c.due else {
        return String::new();
    };
    let mut words = zoned_time(&BrowserZones, zone, due);
    if let Some(mine) = viewer_time(&BrowserZones, zone, &browser_time_zone(), due) {
        words.push_str(&format!(" ({mine})"));
    }
    words
}

/// A system notification, when the browser has one and the person allowed it. Its tag is the
/// crossing's key, so two tabs telling the same crossing show one notification.
fn notify(engagement: &str, charter: &Charter, c: &Crossing) {
    if !has_global("Notification")
        || web_sys::Notification::permission() != web_sys::NotificationPermission::Granted
    {
        return;
    }
    let what = if c.breach { "breached" } else { "at risk" };
    let title = format!("#{} {}: {} clock {what}", c.number, c.title, c.clock);
    let mut body = format!(
        "{engagement}, {}. Due {}.",
        c.severity,
        due_words(charter, c)
    );
    if let Some(who) = whom_to_call(charter, c.breach) {
        body.push_str(&format!(" Call {who}."));
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(&body);
    options.set_tag(&c.key);
    if web_sys::Notification::new_with_options(&title, &options).is_err() {
        // Android Chrome shows notifications only through a service worker; the warning is
        // still in the header and on its page, and that page says why there is no pop-up.
        NOTIFY_REFUSED.with(|r| r.set(true));
    }
}

fn has_global(name: &str) -> bool {
    web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w, &JsValue::from_str(name)).unwrap_or(false))
}

/// Asks for permission to notify, where the browser can and has not been answered yet.
pub(super) fn ask_permission() {
    if has_global("Notification")
        && web_sys::Notification::permission() == web_sys::NotificationPermission::Default
    {
        let _ = web_sys::Notification::request_permission();
    }
}

/// The installed app's icon shows how many clocks need attention (`navigator.setAppBadge`,
/// where the browser has it).
pub(super) fn show_badge(count: usize) {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return;
    };
    let name = if count == 0 {
        "clearAppBadge"
    } else {
        "setAppBadge"
    };
    let Ok(method) = js_sys::Reflect::get(&navigator, &JsValue::from_str(name)) else {
        return;
    };
    if let Some(method) = method.dyn_ref::<js_sys::Function>() {
        let _ = method.call1(&navigator, &JsValue::from_f64(count as f64));
    }
}
