//! Tests of the split repository with the in-memory store.
use super::*;
use crate::domain::triage::Issue;
use crate::domain::EngagementForm;
use crate::storage::backup;
use crate::storage::record;
use crate::storage::split::{self, issue_key};
use crate::storage::MemoryStore;
use std::cell::Cell;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2027-01-10T08:30:00Z")
        .unwrap()
        .to_utc()
}

fn engagement(seed: u8, name: &str) -> Engagement {
    let form = EngagementForm {
        name: name.into(),
        system: "SAP".into(),
        go_live: "2027-03-01".into(),
    };
    Engagement::new(
        EngagementId::from_random_bytes([seed; 8]),
        form.parse([]).unwrap(),
        now(),
    )
}

#[test]
fn saved_engagements_load_back() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let first = repo.save(&engagement(1, "A"), None, now()).unwrap();
    repo.save(&engagement(2, "B"), None, now()).unwrap();
    assert_eq!(first.revision, 1);
    let loaded = repo.load_all().unwrap();
    assert_eq!(loaded.records.len(), 2);
    assert!(loaded.unreadable.is_empty());
    assert!(loaded.records.contains(&first));
}

#[test]
fn each_save_bumps_the_revision() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let mut e = engagement(1, "A");
    let r1 = repo.save(&e, None, now()).unwrap();
    e.details.name = "A2".into();
    let r2 = repo.save(&e, Some(r1.revision), now()).unwrap();
    assert_eq!(r2.revision, 2);
    assert_eq!(repo.load(&e.id).unwrap().unwrap().engagement.name(), "A2");
}

#[test]
fn a_save_based_on_an_old_revision_is_refused_and_changes_nothing() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let mut e = engagement(1, "A");
    repo.save(&e, None, now()).unwrap();
    // "Another tab" saves revision 2.
    e.details.name = "From the other tab".into();
    repo.save(&e, Some(1), now()).unwrap();
    // This tab still thinks revision 1 is current.
    e.details.name = "From this tab".into();
    let error = repo.save(&e, Some(1), now()).unwrap_err();
    match error {
        SaveError::Conflict {
            stored: Some(stored),
        } => {
            assert_eq!(stored.engagement.name(), "From the other tab")
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        repo.load(&e.id).unwrap().unwrap().engagement.name(),
        "From the other tab"
    );
}

#[test]
fn creating_over_an_existing_key_is_a_conflict() {
    let repo = EngagementRepository::new(MemoryStore::new());
    repo.save(&engagement(1, "A"), None, now()).unwrap();
    assert!(matches!(
        repo.save(&engagement(1, "A"), None, now()),
        Err(SaveError::Conflict { .. })
    ));
}

#[test]
fn unreadable_records_are_reported_with_their_raw_text_and_never_overwritten() {
    let store = MemoryStore::new();
    let e = engagement(1, "A");
    store
        .set(&key_for(&e.id), "{\"format\":\"handrail/eng")
        .unwrap();
    store.set("someone-elses-key", "whatever").unwrap();
    let repo = EngagementRepository::new(store);
    let loaded = repo.load_all().unwrap();
    assert!(loaded.records.is_empty());
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].raw, "{\"format\":\"handrail/eng");
    assert!(matches!(
        repo.save(&e, None, now()),
        Err(SaveError::Unreadable(..))
    ));
    assert_eq!(
        repo.store().get(&key_for(&e.id)).unwrap().unwrap(),
        "{\"format\":\"handrail/eng"
    );
}

#[test]
fn a_record_under_the_wrong_key_is_unreadable() {
    let store = MemoryStore::new();
    let e = engagement(1, "A");
    store
        .set(
            &key_for(&engagement(2, "B").id),
            &record::encode(&e, 1, now()),
        )
        .unwrap();
    let loaded = EngagementRepository::new(store).load_all().unwrap();
    assert_eq!(loaded.unreadable.len(), 1);
}

/// Bytes a record takes in storage (UTF-16, key and value), to size test quotas.
fn stored_bytes(e: &Engagement) -> usize {
    (key_for(&e.id).len() + record::encode(e, 1, now()).len()) * 2
}

#[test]
fn a_full_store_refuses_the_save_and_keeps_the_old_value() {
    let mut e = engagement(1, "A");
    let mut big = e.clone();
    big.details.name = "x".repeat(100);
    big.details.system = "y".repeat(100);
    // Room for the big version of one engagement, not for a second engagement.
    let repo = EngagementRepository::new(MemoryStore::with_quota(stored_bytes(&big) + 300));
    repo.save(&e, None, now()).unwrap();
    e.details.name = "x".repeat(100);
    e.details.system = "y".repeat(100);
    // Still fits once…
    let r = repo.save(&e, Some(1), now()).unwrap();
    // …but a second engagement does not.
    let mut other = engagement(2, "B");
    other.details.system = "z".repeat(100);
    assert_eq!(
        repo.save(&other, None, now()),
        Err(SaveError::Storage(StorageError::Full))
    );
    assert_eq!(repo.load(&e.id).unwrap().unwrap(), r);
    assert_eq!(repo.load(&other.id).unwrap(), None);
}

#[test]
fn delete_then_reinstate_gives_back_the_same_record() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = repo.save(&engagement(1, "A"), None, now()).unwrap();
    repo.delete(&record.engagement.id, record.revision).unwrap();
    assert_eq!(repo.load(&record.engagement.id).unwrap(), None);
    repo.reinstate(&record).unwrap();
    assert_eq!(repo.load(&record.engagement.id).unwrap(), Some(record));
}

#[test]
fn a_restore_that_does_not_fit_changes_nothing() {
    let repo = EngagementRepository::new(MemoryStore::with_quota(
        stored_bytes(&engagement(1, "Replaced")) + 300,
    ));
    let kept = repo.save(&engagement(1, "Kept"), None, now()).unwrap();
    let mut replaced = kept.clone();
    replaced.engagement.details.name = "Replaced".into();
    let mut too_big = engagement(2, "Too big");
    too_big.details.system = "x".repeat(100);
    let too_big = Record {
        engagement: too_big,
        revision: 1,
        saved_at: now(),
    };
    let error = repo.put_all(&[replaced, too_big.clone()]).unwrap_err();
    assert_eq!(error, SaveError::Storage(StorageError::Full));
    assert_eq!(repo.load(&kept.engagement.id).unwrap(), Some(kept));
    assert_eq!(repo.load(&too_big.engagement.id).unwrap(), None);
}

#[test]
fn a_restore_can_be_rolled_back_to_what_was_there() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let kept = repo.save(&engagement(1, "Before"), None, now()).unwrap();
    let mut replaced = kept.clone();
    replaced.engagement.details.name = "After".into();
    let added = Record {
        engagement: engagement(2, "Added"),
        revision: 4,
        saved_at: now(),
    };
    replaced.revision += 1;
    let done = repo.put_all(&[replaced.clone(), added.clone()]).unwrap();
    assert_eq!(
        repo.load(&kept.engagement.id).unwrap(),
        Some(replaced.clone())
    );
    repo.roll_back(&done);
    let back = repo.load(&kept.engagement.id).unwrap().expect("put back");
    assert_eq!(back.engagement, kept.engagement);
    // Put back as a new save: the counter moves on, so a tab holding the restored revision is
    // told its copy is stale instead of saving over the undo.
    assert_eq!(back.revision, replaced.revision + 1);
    assert_eq!(repo.load(&added.engagement.id).unwrap(), None);
}

#[test]
fn a_save_based_on_a_record_that_is_gone_is_refused_not_written_anew() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let saved = repo
        .save(&engagement(1, "Deleted in another tab"), None, now())
        .unwrap();
    repo.delete(&saved.engagement.id, saved.revision).unwrap();
    let stale = repo.save(&saved.engagement, Some(saved.revision), now());
    assert_eq!(stale.unwrap_err(), SaveError::Conflict { stored: None });
    assert_eq!(repo.load(&saved.engagement.id).unwrap(), None);
}

#[test]
fn a_replace_from_an_older_file_moves_the_revision_counter_on() {
    let store = MemoryStore::new();
    let repo = EngagementRepository::new(&store);
    let mut here = repo.save(&engagement(1, "Here"), None, now()).unwrap();
    for _ in 0..3 {
        here = repo
            .save(&here.engagement, Some(here.revision), now())
            .unwrap();
    }
    let mut old = here.clone();
    old.revision = 1;
    old.engagement.details.name = "From the file".into();
    let file = backup::Backup {
        exported_at: now(),
        records: vec![old],
    };
    let loaded = repo.load_all().unwrap();
    let items = backup::plan(&file, &loaded.records, &[], &Default::default());
    let written = items[0].to_write(true).expect("replaced");
    assert_eq!(written.revision, here.revision + 1);
}

#[test]
fn a_file_is_merged_into_an_engagement_that_syncs_never_written_over() {
    let store = MemoryStore::new();
    let repo = EngagementRepository::new(&store);
    let here = repo.save(&with_issues(1, 2), None, now()).unwrap();
    let mut old = here.clone();
    old.engagement.issues.truncate(1);
    old.engagement.details.name = "Older name".into();
    old.engagement.updated_at = now() - chrono::Duration::days(3);
    let file = backup::Backup {
        exported_at: now(),
        records: vec![old],
    };
    let team = backup::Team {
        authors: vec![(here.engagement.id.clone(), "ana".into())],
        typed_name: String::new(),
        now: now(),
    };
    let loaded = repo.load_all().unwrap();
    let items = backup::plan(&file, &loaded.records, &[], &team);
    assert!(items[0].merges());
    let written = items[0].to_write(true).expect("merged");
    assert_eq!(
        written.engagement.issues.len(),
        2,
        "nothing here is removed"
    );
    assert_eq!(written.engagement.name(), here.engagement.name());
    assert!(
        written
            .engagement
            .merge_notices
            .iter()
            .any(|n| n.replaced_value == "Older name"),
        "the file's name is kept in a notice"
    );
}

#[test]
fn usage_counts_only_handrail_keys() {
    let store = MemoryStore::new();
    store.set("other-app", &"x".repeat(1000)).unwrap();
    store.set("handrail:meta", "12345").unwrap();
    assert_eq!(
        EngagementRepository::new(store).used_chars().unwrap(),
        "handrail:meta".len() + 5
    );
}

#[test]
fn deleting_a_changed_engagement_is_a_conflict() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = repo.save(&engagement(1, "A"), None, now()).unwrap();
    repo.save(&record.engagement, Some(1), now()).unwrap();
    assert!(matches!(
        repo.delete(&record.engagement.id, 1),
        Err(SaveError::Conflict { .. })
    ));
    assert!(repo.load(&record.engagement.id).unwrap().is_some());
}

/// A store that counts writes and removals, to see what a save touches.
#[derive(Default)]
struct Counting {
    inner: MemoryStore,
    written: std::cell::RefCell<Vec<String>>,
    removed: Cell<usize>,
}

impl Counting {
    fn take_written(&self) -> Vec<String> {
        self.removed.set(0);
        std::mem::take(&mut *self.written.borrow_mut())
    }
}

impl KeyValue for Counting {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.written.borrow_mut().push(key.to_owned());
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.removed.set(self.removed.get() + 1);
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.inner.keys()
    }
}

fn with_issues(seed: u8, count: u32) -> Engagement {
    let mut e = engagement(seed, "With issues");
    for n in 1..=count {
        e.issues
            .push(Issue::log(n, &format!("Issue {n}"), "Priya", now()).unwrap());
    }
    e
}

/// Everything in a store, to show that a failed step changed nothing at all.
pub(in crate::storage) fn snapshot(store: &impl KeyValue) -> Vec<(String, Option<String>)> {
    let mut keys = store.keys().unwrap();
    keys.sort();
    keys.into_iter()
        .map(|k| {
            let v = store.get(&k).unwrap();
            (k, v)
        })
        .collect()
}

#[test]
fn a_save_writes_only_the_changed_issue_and_the_head() {
    let repo = EngagementRepository::new(Counting::default());
    let first = repo.save(&with_issues(1, 50), None, now()).unwrap();
    assert_eq!(repo.store().take_written().len(), 51);
    let id = first.engagement.id.clone();
    let base = Base {
        revision: first.revision,
        issues: &first.engagement.issues,
    };

    let mut next = first.engagement.clone();
    next.issues[6] = Issue::log(7, "Issue seven, retitled", "Priya", now()).unwrap();
    let saved = repo.save_changes(Some(base), next, now()).unwrap();
    assert_eq!(
        repo.store().take_written(),
        vec![issue_key(&id, 7), key_for(&id)]
    );
    assert!(saved.chars_delta > 0);

    // A new issue: its record and the head.
    let mut next = saved.record.engagement.clone();
    next.issues
        .push(Issue::log(51, "Fifty-one", "Priya", now()).unwrap());
    let base = Base {
        revision: saved.record.revision,
        issues: &saved.record.engagement.issues,
    };
    let saved = repo.save_changes(Some(base), next, now()).unwrap();
    assert_eq!(
        repo.store().take_written(),
        vec![issue_key(&id, 51), key_for(&id)]
    );

    // Details only: the head alone.
    let mut next = saved.record.engagement.clone();
    next.details.name = "Renamed".into();
    let base = Base {
        revision: saved.record.revision,
        issues: &saved.record.engagement.issues,
    };
    let saved = repo.save_changes(Some(base), next, now()).unwrap();
    assert_eq!(repo.store().take_written(), vec![key_for(&id)]);
    assert_eq!(repo.store().removed.get(), 0);
    assert_eq!(repo.load(&id).unwrap(), Some(saved.record.clone()));
    assert_eq!(
        saved.record.engagement.issues.len(),
        51,
        "the assembled engagement keeps every issue"
    );
}

#[test]
fn the_usage_figure_follows_a_save_without_a_recount() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let first = repo.save(&with_issues(1, 5), None, now()).unwrap();
    let before = repo.used_chars().unwrap();
    let mut next = first.engagement.clone();
    next.issues
        .push(Issue::log(6, "Six", "Priya", now()).unwrap());
    let base = Base {
        revision: 1,
        issues: &first.engagement.issues,
    };
    let saved = repo.save_changes(Some(base), next, now()).unwrap();
    assert_eq!(
        repo.used_chars().unwrap() as isize,
        before as isize + saved.chars_delta
    );
}

#[test]
fn two_tabs_saving_from_the_same_revision_conflict_even_on_different_issues() {
    let store = MemoryStore::new();
    let this_tab = EngagementRepository::new(&store);
    let other_tab = EngagementRepository::new(&store);
    let first = this_tab.save(&with_issues(1, 3), None, now()).unwrap();
    let base = Base {
        revision: 1,
        issues: &first.engagement.issues,
    };
    let mut theirs = first.engagement.clone();
    theirs.issues[0] = Issue::log(1, "Theirs", "Sam", now()).unwrap();
    other_tab.save_changes(Some(base), theirs, now()).unwrap();
    let before = snapshot(&store);
    let mut mine = first.engagement.clone();
    mine.issues[2] = Issue::log(3, "Mine", "Priya", now()).unwrap();
    match this_tab.save_changes(Some(base), mine, now()) {
        Err(SaveError::Conflict {
            stored: Some(stored),
        }) => {
            assert_eq!(stored.revision, 2);
            assert_eq!(stored.engagement.issues[0].view().title, "Theirs");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(snapshot(&store), before, "a refused save writes nothing");
}

#[test]
fn a_schema_3_record_migrates_on_load_and_is_rewritten_split() {
    let store = MemoryStore::new();
    let raw = include_str!("../../tests/fixtures/engagement-schema-3.json");
    let whole = record::decode(raw).unwrap();
    let id = whole.engagement.id.clone();
    store.set(&key_for(&id), raw).unwrap();
    let repo = EngagementRepository::new(&store);
    let loaded = repo.load_all().unwrap();
    assert!(loaded.unreadable.is_empty());
    assert_eq!(loaded.records, vec![whole.clone()]);
    // Rewritten: a schema 4 head and one record per issue, same revision.
    let head = store.get(&key_for(&id)).unwrap().unwrap();
    assert!(head.contains("\"schema\":4") && head.contains("\"issues\":[]"));
    for issue in &whole.engagement.issues {
        assert!(store.get(&issue_key(&id, issue.number)).unwrap().is_some());
    }
    assert_eq!(repo.load_all().unwrap().records, vec![whole]);
}

#[test]
fn the_schema_4_fixture_is_the_schema_3_fixture_split() {
    let fixture: serde_json::Map<String, serde_json::Value> = serde_json::from_str(include_str!(
        "../../tests/fixtures/engagement-schema-4.json"
    ))
    .unwrap();
    let store = MemoryStore::new();
    for (key, value) in fixture {
        store.set(&key, &value.to_string()).unwrap();
    }
    let loaded = EngagementRepository::new(store).load_all().unwrap();
    let whole = record::decode(include_str!(
        "../../tests/fixtures/engagement-schema-3.json"
    ))
    .unwrap();
    assert!(loaded.unreadable.is_empty());
    assert_eq!(loaded.records, vec![whole]);
}

#[test]
fn events_stored_without_ids_get_the_same_ids_on_every_load() {
    let raw = include_str!("../../tests/fixtures/engagement-schema-4.json");
    let stored_ids = raw
        .split("\"events\"")
        .skip(1)
        .any(|events| events.split(']').next().unwrap_or("").contains("\"id\""));
    assert!(!stored_ids, "the fixture predates event ids");
    let load = || {
        let fixture: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(raw).unwrap();
        let store = MemoryStore::new();
        for (key, value) in fixture {
            store.set(&key, &value.to_string()).unwrap();
        }
        EngagementRepository::new(store).load_all().unwrap().records
    };
    let (first, second) = (load(), load());
    let events: Vec<&str> = first[0]
        .engagement
        .issues
        .iter()
        .flat_map(|i| i.events.iter().map(|e| e.id.as_str()))
        .collect();
    assert!(events.len() > 3 && events.iter().all(|id| id.len() == 13));
    let distinct: std::collections::HashSet<_> = events.iter().collect();
    assert_eq!(distinct.len(), events.len());
    assert_eq!(first, second);
}

#[test]
fn a_damaged_issue_record_is_kept_aside_shown_and_never_overwritten() {
    let store = MemoryStore::new();
    let repo = EngagementRepository::new(&store);
    let first = repo.save(&with_issues(1, 3), None, now()).unwrap();
    let id = first.engagement.id.clone();
    store
        .set(&issue_key(&id, 3), "{\"format\":\"handrail/iss")
        .unwrap();
    let loaded = repo.load_all().unwrap();
    assert_eq!(loaded.records[0].engagement.issues.len(), 2);
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].key, issue_key(&id, 3));
    assert_eq!(loaded.unreadable[0].raw, "{\"format\":\"handrail/iss");
    // The next issue would get number 3 again: refused, the damaged text stays.
    let stored = &loaded.records[0];
    let mut next = stored.engagement.clone();
    let number = next.next_issue_number().expect("a free number");
    assert_eq!(number, 3);
    next.issues
        .push(Issue::log(number, "New", "Priya", now()).unwrap());
    let base = Base {
        revision: stored.revision,
        issues: &stored.engagement.issues,
    };
    let refused = repo.save_changes(Some(base), next, now()).unwrap_err();
    assert!(matches!(refused, SaveError::Unreadable(..)));
    assert!(
        refused
            .to_string()
            .starts_with("The stored copy of issue #3 could not be read"),
        "the message names the issue: {refused}"
    );
    assert_eq!(
        store.get(&issue_key(&id, 3)).unwrap().unwrap(),
        "{\"format\":\"handrail/iss"
    );
    // Logging goes on past the damaged number, which waits for recovery.
    let damaged = split::issue_number_of_key(&loaded.unreadable[0].key);
    let mut past = stored.engagement.clone();
    let number = past.next_issue_number_beyond(damaged.into_iter()).unwrap();
    assert_eq!(number, 4);
    past.issues
        .push(Issue::log(number, "New", "Priya", now()).unwrap());
    // Other issues still save.
    let mut next = stored.engagement.clone();
    next.issues[0] = Issue::log(1, "Still works", "Priya", now()).unwrap();
    repo.save_changes(Some(base), next, now()).unwrap();
    // A restore of this engagement refuses too.
    assert!(matches!(
        repo.put_all(std::slice::from_ref(&first)),
        Err(SaveError::Unreadable(..))
    ));
    let saved = repo.load(&id).unwrap().unwrap();
    past.issues[0] = saved.engagement.issues[0].clone();
    let base = Base {
        revision: saved.revision,
        issues: &saved.engagement.issues,
    };
    repo.save_changes(Some(base), past, now()).unwrap();
}

#[test]
fn issue_records_newer_than_their_head_are_accepted_and_orphans_are_shown() {
    let store = MemoryStore::new();
    let repo = EngagementRepository::new(&store);
    let first = repo.save(&with_issues(1, 2), None, now()).unwrap();
    let id = first.engagement.id.clone();
    // A save that died after its issue record and before its head.
    let torn = Issue::log(2, "Written before the page died", "Priya", now()).unwrap();
    store
        .set(
            &issue_key(&id, 2),
            &split::encode_issue(&id, &torn, 2, now()),
        )
        .unwrap();
    let loaded = repo.load_all().unwrap();
    assert_eq!(loaded.records[0].revision, 1);
    assert_eq!(loaded.records[0].engagement.issues[1], torn);
    // Issue records of an engagement that is not stored: shown, not dropped.
    let stray = engagement(9, "Gone").id;
    store
        .set(
            &issue_key(&stray, 1),
            &split::encode_issue(&stray, &torn, 1, now()),
        )
        .unwrap();
    let loaded = repo.load_all().unwrap();
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].key, issue_key(&stray, 1));
}

#[test]
fn a_restore_of_split_engagements_that_does_not_fit_changes_no_key() {
    let kept = with_issues(1, 20);
    let repo = EngagementRepository::new(MemoryStore::with_quota(40_000));
    let kept = repo.save(&kept, None, now()).unwrap();
    let before = snapshot(repo.store());
    let mut replaced = kept.clone();
    replaced.engagement.issues[4] = Issue::log(5, "Replaced", "Sam", now()).unwrap();
    replaced.engagement.issues.truncate(10);
    let too_big = Record {
        engagement: with_issues(2, 200),
        revision: 3,
        saved_at: now(),
    };
    assert_eq!(
        repo.put_all(&[replaced, too_big]),
        Err(SaveError::Storage(StorageError::Full))
    );
    assert_eq!(snapshot(repo.store()), before);
}

#[test]
fn a_backup_of_split_engagements_round_trips_in_the_whole_format() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let mut a = with_issues(1, 4);
    a.details.name = "A".into();
    repo.save(&a, None, now()).unwrap();
    repo.save(&engagement(2, "B"), None, now()).unwrap();
    let records = repo.load_all().unwrap().records;
    let text = backup::export(&records, now());
    // Whole engagements, schema 3: what a Handrail from before the split reads.
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    for entry in file["engagements"].as_array().unwrap() {
        assert_eq!(entry["schema"], 3);
    }
    let parsed = backup::parse(text.as_bytes()).unwrap();
    let fresh = EngagementRepository::new(MemoryStore::new());
    fresh.put_all(&parsed.records).unwrap();
    assert_eq!(fresh.load_all().unwrap().records, records);
    assert_eq!(snapshot(fresh.store()), snapshot(repo.store()));
}

#[test]
fn deleting_removes_the_head_and_every_issue_record_and_undo_puts_them_back() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = repo.save(&with_issues(1, 3), None, now()).unwrap();
    let before = snapshot(repo.store());
    repo.delete(&record.engagement.id, 1).unwrap();
    assert!(repo.store().keys().unwrap().is_empty());
    repo.reinstate(&record).unwrap();
    assert_eq!(snapshot(repo.store()), before);
}

#[test]
fn a_restore_plan_skips_an_engagement_with_a_damaged_issue_record() {
    let store = MemoryStore::new();
    let repo = EngagementRepository::new(&store);
    let record = repo.save(&with_issues(1, 2), None, now()).unwrap();
    store
        .set(&issue_key(&record.engagement.id, 2), "not json")
        .unwrap();
    let here = repo.load_all().unwrap();
    let file = backup::Backup {
        exported_at: now(),
        records: vec![record],
    };
    let items = backup::plan(&file, &here.records, &here.unreadable, &Default::default());
    assert_eq!(items[0].action, backup::RestoreAction::Blocked);
}

#[test]
fn a_huge_document_from_the_team_database_is_kept_aside_cut_to_a_size() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let id = EngagementId::try_from("abcdefghij".to_owned()).expect("an id");
    let huge = format!(
        "{{\"_id\":\"issue:abcdefghij:1\",\"x\":\"{}\"}}",
        "é".repeat(4_000_000)
    );
    repo.keep_aside(&id, "issue:abcdefghij:1", "cannot be read", &huge)
        .expect("kept");
    let kept = repo
        .store()
        .get("handrail:aside:abcdefghij:issue:abcdefghij:1")
        .expect("read")
        .expect("there");
    assert!(kept.len() < ASIDE_MAX_BYTES + 1024, "{} bytes", kept.len());
    let size = huge.len();
    assert!(
        kept.contains(&format!("[cut: {size} bytes in all")),
        "{}",
        &kept[kept.len() - 120..]
    );
}

/// Issue 28: what a save writes passes the bounds every reader keeps, so a text pasted too long
/// is refused at the save (the form keeps it) rather than stored and then unreadable.
#[test]
fn a_save_refuses_a_value_every_reader_would_refuse() {
    let store = MemoryStore::new();
    let repo = EngagementRepository::new(&store);
    let first = repo.save(&with_issues(1, 1), None, now()).unwrap();
    let mut next = first.engagement.clone();
    let mut issue = Issue::log(2, "Pasted a whole log", "Priya", now()).unwrap();
    issue
        .describe(
            crate::domain::triage::Change::Described {
                title: "Pasted a whole log".into(),
                description: "x".repeat(crate::domain::bounds::MAX_TEXT_CHARS + 1),
                reporter: String::new(),
                reported_at: now(),
                area: String::new(),
            },
            "Priya",
            now(),
        )
        .unwrap();
    next.issues.push(issue);
    let base = Base {
        revision: first.revision,
        issues: &first.engagement.issues,
    };
    let refused = repo.save_changes(Some(base), next, now()).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("description\u{201d} is longer than 20000"),
        "{refused}"
    );
    assert_eq!(
        repo.load_all().unwrap().records[0],
        first,
        "nothing was written"
    );
}

#[test]
fn a_head_whose_revision_is_past_the_bound_is_damage_and_no_save_overflows_it() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let saved = repo.save(&engagement(1, "A"), None, now()).unwrap();
    let key = key_for(&saved.engagement.id);
    let mut head: serde_json::Value =
        serde_json::from_str(&repo.store().get(&key).unwrap().unwrap()).unwrap();
    for revision in [u64::MAX, record::MAX_REVISION + 1] {
        head["revision"] = revision.into();
        repo.store().set(&key, &head.to_string()).unwrap();
        let loaded = repo.load_all().unwrap();
        assert!(loaded.records.is_empty());
        assert!(loaded.unreadable[0].reason.to_string().contains("revision"));
        let base = Base {
            revision,
            issues: &[],
        };
        assert!(matches!(
            repo.save_changes(Some(base), saved.engagement.clone(), now()),
            Err(SaveError::Unreadable(..))
        ));
    }
}
