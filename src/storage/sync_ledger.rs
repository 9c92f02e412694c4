//! Where team sync keeps its ledger (`handrail:sync:<id>`) and which tab syncs an engagement
//! (`handrail:sync-lease:<id>`). Both describe this browser's connection, so neither is in a
//! backup or in the engagement's own records. The ledger's stored form belongs here, its
//! meaning to team sync (`sync::ledger`): storage keeps it as any serialisable value.
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{KeyValue, StorageError};
use crate::domain::EngagementId;

pub const LEDGER_PREFIX: &str = "handrail:sync:";
const LEASE_PREFIX: &str = "handrail:sync-lease:";
/// The ledger of an engagement that stopped syncing, kept for connecting again.
const KEPT_PREFIX: &str = "handrail:sync-kept:";
/// A tab that has not renewed its lease for this long is gone (closed, crashed, asleep).
pub const LEASE_MS: f64 = 15_000.0;

pub fn ledger_key(id: &EngagementId) -> String {
    format!("{LEDGER_PREFIX}{id}")
}

/// The ledger of engagement `id`; `Ok(None)` when it does not sync. A ledger that cannot be
/// read is reported: sync then starts over from the beginning, which merging makes safe.
pub fn load<Ledger: DeserializeOwned>(
    store: &impl KeyValue,
    id: &EngagementId,
) -> Result<Option<Ledger>, StorageError> {
    let Some(raw) = store.get(&ledger_key(id))? else {
        return Ok(None);
    };
    crate::domain::json::from_text(&raw)
        .map(Some)
        .map_err(|e| StorageError::Failed(format!("the sync ledger cannot be read: {e}")))
}

pub fn save(
    store: &impl KeyValue,
    id: &EngagementId,
    ledger: &impl Serialize,
) -> Result<(), StorageError> {
    let text = serde_json::to_string(ledger).map_err(|e| StorageError::Failed(e.to_string()))?;
    store.set(&ledger_key(id), &text)
}

pub fn remove(store: &impl KeyValue, id: &EngagementId) -> Result<(), StorageError> {
    store.remove(&ledger_key(id))?;
    store.remove(&format!("{LEASE_PREFIX}{id}"))
}

/// "Stop syncing": the ledger is put aside instead of thrown away. It holds what both sides
/// last agreed on (the merge base, each document's revision); without it, connecting again
/// would have to treat every value that differs as changed on both sides, and an edit made
/// meanwhile by a teammate could lose to this browser's older copy.
pub fn stop(store: &impl KeyValue, id: &EngagementId) -> Result<(), StorageError> {
    if let Some(raw) = store.get(&ledger_key(id))? {
        store.set(&format!("{KEPT_PREFIX}{id}"), &raw)?;
    }
    remove(store, id)
}

/// Whether `id` takes part in team sync: it syncs now, or stopped and keeps its ledger for
/// connecting again (what this browser writes meanwhile is sent then). A copy brought in from
/// outside is merged into such an engagement, never written over it.
pub fn takes_part(store: &impl KeyValue, id: &EngagementId) -> bool {
    [ledger_key(id), format!("{KEPT_PREFIX}{id}")]
        .iter()
        .any(|key| store.get(key).is_ok_and(|raw| raw.is_some()))
}

/// Forgets the sync state kept for `id` after it stopped syncing. For a copy written from
/// outside with no local copy to merge into (a restore or a link adding an engagement deleted
/// here): resuming that state would take the copy's older values as this browser's changes,
/// while joining afresh merges without a base, where a teammate's later value stands.
pub fn forget_kept(store: &impl KeyValue, id: &EngagementId) -> Result<(), StorageError> {
    store.remove(&format!("{KEPT_PREFIX}{id}"))
}

/// The ledger kept for `id`, to connect again with it: an error when storage cannot be read
/// (connecting then waits rather than go on without the merge base), `None` when nothing is
/// kept or what is kept cannot be parsed (sync then starts over, which merging makes safe).
/// It stays in storage until the new ledger is saved ([`forget_kept`]).
pub fn read_kept<Ledger: DeserializeOwned>(
    store: &impl KeyValue,
    id: &EngagementId,
) -> Result<Option<Ledger>, StorageError> {
    let Some(raw) = store.get(&format!("{KEPT_PREFIX}{id}"))? else {
        return Ok(None);
    };
    Ok(crate::domain::json::from_text(&raw).ok())
}

/// Every engagement that has a ledger: those to sync when the app starts.
pub fn syncing(store: &impl KeyValue) -> Result<Vec<EngagementId>, StorageError> {
    Ok(store
        .keys()?
        .iter()
        .filter_map(|key| key.strip_prefix(LEDGER_PREFIX))
        .filter_map(|id| EngagementId::try_from(id.to_owned()).ok())
        .collect())
}

#[derive(Serialize, Deserialize)]
struct Lease {
    tab: String,
    /// Milliseconds since the epoch after which the lease is free.
    until: f64,
}

/// Takes or renews the lease on syncing `id` for tab `tab` at time `now_ms`, unless another
/// live tab holds it. Tabs of one browser share localStorage; only one of them talks to the
/// server, the others see its saves through the `storage` event.
pub fn hold_lease(
    store: &impl KeyValue,
    id: &EngagementId,
    tab: &str,
    now_ms: f64,
) -> Result<bool, StorageError> {
    let key = format!("{LEASE_PREFIX}{id}");
    let held_elsewhere = store
        .get(&key)?
        .and_then(|raw| crate::domain::json::from_text::<Lease>(&raw).ok())
        .is_some_and(|lease| lease.tab != tab && lease.until > now_ms);
    if held_elsewhere {
        return Ok(false);
    }
    let lease = Lease {
        tab: tab.to_owned(),
        until: now_ms + LEASE_MS,
    };
    store.set(&key, &serde_json::to_string(&lease).unwrap_or_default())?;
    Ok(true)
}

/// Gives the lease up (sync stopped, tab closing), so another tab can take over at once.
pub fn release_lease(store: &impl KeyValue, id: &EngagementId, tab: &str) {
    let key = format!("{LEASE_PREFIX}{id}");
    let ours = store
        .get(&key)
        .ok()
        .flatten()
        .and_then(|raw| crate::domain::json::from_text::<Lease>(&raw).ok())
        .is_some_and(|lease| lease.tab == tab);
    if ours {
        let _ = store.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStore;

    fn id() -> EngagementId {
        EngagementId::try_from("abcdefghij".to_owned()).expect("valid id")
    }

    /// A ledger as storage sees it: any value (its meaning is team sync's).
    fn ledger(database: &str) -> serde_json::Value {
        serde_json::json!({"database": database, "docs": {"engagement:abcdefghij": "1-a"}})
    }

    #[test]
    fn a_ledger_round_trips_and_is_listed() {
        let store = MemoryStore::default();
        save(&store, &id(), &ledger("team")).expect("saved");
        let read: Option<serde_json::Value> = load(&store, &id()).expect("read");
        assert_eq!(read, Some(ledger("team")));
        assert_eq!(syncing(&store).expect("listed"), vec![id()]);
        remove(&store, &id()).expect("removed");
        let read: Option<serde_json::Value> = load(&store, &id()).expect("read");
        assert_eq!(read, None);
    }

    #[test]
    fn a_stopped_ledger_is_kept_until_taken() {
        let store = MemoryStore::default();
        save(&store, &id(), &ledger("team")).expect("saved");
        stop(&store, &id()).expect("stopped");
        let read: Option<serde_json::Value> = load(&store, &id()).expect("read");
        assert_eq!(read, None, "it no longer syncs");
        assert!(syncing(&store).expect("listed").is_empty());
        assert!(
            takes_part(&store, &id()),
            "it takes part still, to connect again"
        );

        stop(&store, &id()).expect("nothing to keep");
        let read: Option<serde_json::Value> = read_kept(&store, &id()).expect("read");
        assert_eq!(
            read,
            Some(ledger("team")),
            "a second stop keeps the first's"
        );
        assert!(
            takes_part(&store, &id()),
            "kept until the new ledger is saved"
        );
        forget_kept(&store, &id()).expect("forgotten");
        let again: Option<serde_json::Value> = read_kept(&store, &id()).expect("read");
        assert_eq!(again, None);
        assert!(!takes_part(&store, &id()));
    }

    #[test]
    fn an_unreadable_kept_ledger_reads_as_none() {
        let store = MemoryStore::default();
        let key = format!("{KEPT_PREFIX}{}", id());
        store.set(&key, "{not json").expect("set");
        let read: Option<serde_json::Value> = read_kept(&store, &id()).expect("read");
        assert_eq!(read, None);
    }

    #[test]
    fn one_tab_holds_the_lease_until_it_lapses_or_is_released() {
        let store = MemoryStore::default();
        assert!(hold_lease(&store, &id(), "tab-a", 1_000.0).expect("taken"));
        assert!(!hold_lease(&store, &id(), "tab-b", 2_000.0).expect("refused"));
        assert!(hold_lease(&store, &id(), "tab-a", 3_000.0).expect("renewed"));
        assert!(hold_lease(&store, &id(), "tab-b", 3_000.0 + LEASE_MS + 1.0).expect("lapsed"));
        release_lease(&store, &id(), "tab-a");
        assert!(!hold_lease(&store, &id(), "tab-a", 20_000.0).expect("b holds it"));
        release_lease(&store, &id(), "tab-b");
        assert!(hold_lease(&store, &id(), "tab-a", 20_000.0).expect("free again"));
    }
}
