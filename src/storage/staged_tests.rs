//! A save written in slices: invisible until its commit, and gone without a trace when it is
//! cancelled, refused by a full storage, interrupted by another save or cut off by a page that
//! died.
use super::*;
use crate::domain::triage::Issue;
use crate::domain::EngagementForm;
use crate::storage::repository::tests::snapshot;
use crate::storage::MemoryStore;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2027-01-10T08:30:00Z")
        .unwrap()
        .to_utc()
}

/// An engagement with issues 1..=count, stored at revision 1.
fn stored(repo: &EngagementRepository<impl KeyValue>, count: u32) -> Record {
    let form = EngagementForm {
        name: "Import".into(),
        system: "SAP".into(),
        go_live: "2027-03-01".into(),
    };
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([7; 8]),
        form.parse([]).unwrap(),
        now(),
    );
    for n in 1..=count {
        e.issues
            .push(Issue::log(n, &format!("Issue {n}"), "Priya", now()).unwrap());
    }
    repo.save(&e, None, now()).unwrap()
}

/// `record`'s engagement with `adding` new issues after its last, and issue 1 retitled.
fn imported(record: &Record, adding: u32) -> (Engagement, (u32, u32)) {
    let mut next = record.engagement.clone();
    let first = next.issues.len() as u32 + 1;
    for n in first..first + adding {
        next.issues
            .push(Issue::log(n, &format!("Ticket {n}"), "Import", now()).unwrap());
    }
    next.issues[0] = Issue::log(1, "Issue 1, updated by the file", "Import", now()).unwrap();
    (next, (first, first + adding - 1))
}

fn begin(repo: &EngagementRepository<impl KeyValue>, record: &Record, adding: u32) -> Staged {
    let (next, numbers) = imported(record, adding);
    let base = Base {
        revision: record.revision,
        issues: &record.engagement.issues,
    };
    repo.begin_staged(base, next, numbers, "tab-a".into(), now())
        .unwrap()
}

fn titles(repo: &EngagementRepository<impl KeyValue>, id: &EngagementId) -> Vec<String> {
    let record = repo.load(id).unwrap().unwrap();
    record
        .engagement
        .issues
        .iter()
        .map(|i| i.view().title)
        .collect()
}

/// A slice of `n` records, as a time budget would cut it.
fn slice(n: usize) -> impl FnMut() -> bool {
    let mut left = n;
    move || {
        left -= 1;
        left == 0
    }
}

fn abandon_all(repo: &EngagementRepository<impl KeyValue>, staged: &mut Staged) {
    while !repo.abandon_staged(staged, slice(7)).unwrap() {}
}

#[test]
fn staged_issues_are_seen_by_nobody_until_the_commit_shows_them_all_at_once() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = stored(&repo, 3);
    let before = titles(&repo, &record.engagement.id);
    let used = repo.used_chars().unwrap() as isize;
    let mut staged = begin(&repo, &record, 50);
    let mut slices = 0;
    while !repo.write_staged(&mut staged, slice(20)).unwrap() {
        slices += 1;
        // Another tab, team sync or a page opened now reads the engagement as it was.
        assert_eq!(titles(&repo, &record.engagement.id), before);
        assert_eq!(
            repo.load_all().unwrap().records[0].engagement.issues.len(),
            3
        );
        assert!(repo.load_all().unwrap().unreadable.is_empty());
    }
    assert_eq!(slices, 2);
    assert_eq!(staged.progress(), (50, 50));
    let saved = repo.commit_staged(&mut staged).unwrap();
    assert_eq!(saved.record.revision, 2);
    let loaded = repo.load(&record.engagement.id).unwrap().unwrap();
    assert_eq!(loaded, saved.record);
    assert_eq!(loaded.engagement.issues.len(), 53);
    assert_eq!(
        loaded.engagement.issues[0].view().title,
        "Issue 1, updated by the file"
    );
    assert!(repo
        .store()
        .keys()
        .unwrap()
        .iter()
        .all(|k| !k.starts_with(STAGED_PREFIX)));
    // The usage figure moves by what the whole save added, and the marker is gone.
    assert_eq!(
        repo.used_chars().unwrap() as isize,
        used + saved.chars_delta
    );
}

#[test]
fn cancelling_part_way_leaves_storage_exactly_as_it_was() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = stored(&repo, 3);
    let before = snapshot(repo.store());
    let mut staged = begin(&repo, &record, 50);
    repo.write_staged(&mut staged, slice(30)).unwrap();
    assert_eq!(staged.left_to_abandon(), 30);
    abandon_all(&repo, &mut staged);
    assert_eq!(snapshot(repo.store()), before);
}

#[test]
fn a_full_storage_part_way_is_reported_and_abandoning_leaves_nothing() {
    let probe = EngagementRepository::new(MemoryStore::new());
    stored(&probe, 3);
    let room = snapshot(probe.store())
        .iter()
        .map(|(k, v)| 2 * (k.len() + v.as_ref().map_or(0, String::len)))
        .sum::<usize>();
    // Room for what is stored and about ten more issue records.
    let repo = EngagementRepository::new(MemoryStore::with_quota(room + 9_000));
    let record = stored(&repo, 3);
    let before = snapshot(repo.store());
    let mut staged = begin(&repo, &record, 50);
    let error = (0..10)
        .find_map(|_| repo.write_staged(&mut staged, slice(5)).err())
        .expect("the storage fills up part-way");
    assert_eq!(error, SaveError::Storage(StorageError::Full));
    assert!(staged.left_to_abandon() > 0);
    abandon_all(&repo, &mut staged);
    assert_eq!(snapshot(repo.store()), before);
}

#[test]
fn another_save_meanwhile_removes_the_staged_records_and_stops_the_staged_save() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = stored(&repo, 3);
    let mut staged = begin(&repo, &record, 50);
    repo.write_staged(&mut staged, slice(20)).unwrap();
    // Another tab logs issue 4: the first number the staged save had taken.
    let mut theirs = record.engagement.clone();
    theirs
        .issues
        .push(Issue::log(4, "Logged in the other tab", "Sam", now()).unwrap());
    let base = Base {
        revision: 1,
        issues: &record.engagement.issues,
    };
    repo.save_changes(Some(base), theirs, now()).unwrap();
    let after_their_save = snapshot(repo.store());
    assert_eq!(
        repo.write_staged(&mut staged, slice(20)),
        Err(SaveError::Interrupted)
    );
    assert_eq!(repo.commit_staged(&mut staged), Err(SaveError::Interrupted));
    abandon_all(&repo, &mut staged);
    // Their issue stays, none of the staged ones came back, and nothing else moved.
    assert_eq!(snapshot(repo.store()), after_their_save);
    assert_eq!(
        titles(&repo, &record.engagement.id),
        ["Issue 1", "Issue 2", "Issue 3", "Logged in the other tab"]
    );
}

#[test]
fn records_of_a_page_that_died_part_way_stay_hidden_until_the_next_save_removes_them() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = stored(&repo, 3);
    let mut staged = begin(&repo, &record, 50);
    repo.write_staged(&mut staged, slice(25)).unwrap();
    drop(staged);
    assert_eq!(repo.load(&record.engagement.id).unwrap().unwrap(), record);
    let mut next = record.engagement.clone();
    next.details.name = "Renamed".into();
    let base = Base {
        revision: 1,
        issues: &record.engagement.issues,
    };
    repo.save_changes(Some(base), next, now()).unwrap();
    let keys = repo.store().keys().unwrap();
    assert_eq!(
        keys.iter()
            .filter(|k| k.starts_with(split::ISSUE_PREFIX))
            .count(),
        3
    );
    assert!(keys.iter().all(|k| !k.starts_with(STAGED_PREFIX)));
    assert_eq!(
        titles(&repo, &record.engagement.id),
        ["Issue 1", "Issue 2", "Issue 3"]
    );
}

#[test]
fn a_second_staged_save_takes_over_from_one_cut_off_or_under_way() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = stored(&repo, 3);
    let mut first = begin(&repo, &record, 40);
    repo.write_staged(&mut first, slice(10)).unwrap();
    let mut second = begin(&repo, &record, 5);
    assert_eq!(
        repo.write_staged(&mut first, slice(10)),
        Err(SaveError::Interrupted)
    );
    assert!(repo.write_staged(&mut second, slice(10)).unwrap());
    repo.commit_staged(&mut second).unwrap();
    // The first one's cleanup leaves the second's committed records alone.
    abandon_all(&repo, &mut first);
    assert_eq!(
        repo.load(&record.engagement.id)
            .unwrap()
            .unwrap()
            .engagement
            .issues
            .len(),
        8
    );
}

#[test]
fn a_restore_or_a_delete_ends_a_staged_save() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = stored(&repo, 3);
    let mut staged = begin(&repo, &record, 10);
    repo.write_staged(&mut staged, slice(4)).unwrap();
    repo.put_exact(&record).unwrap();
    assert_eq!(
        repo.write_staged(&mut staged, slice(4)),
        Err(SaveError::Interrupted)
    );
    assert_eq!(repo.load(&record.engagement.id).unwrap().unwrap(), record);
    let keys = repo.store().keys().unwrap();
    assert!(keys.iter().all(|k| !k.starts_with(STAGED_PREFIX)));
    let mut again = begin(&repo, &record, 10);
    repo.write_staged(&mut again, slice(4)).unwrap();
    repo.delete(&record.engagement.id, 1).unwrap();
    assert!(repo.store().keys().unwrap().is_empty());
}

#[test]
fn a_staged_save_based_on_an_old_revision_is_refused_before_writing_anything() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = stored(&repo, 3);
    repo.save(&record.engagement, Some(1), now()).unwrap();
    let before = snapshot(repo.store());
    let (next, numbers) = imported(&record, 5);
    let base = Base {
        revision: 1,
        issues: &record.engagement.issues,
    };
    let refused = repo.begin_staged(base, next, numbers, "tab-a".into(), now());
    assert!(matches!(
        refused,
        Err(SaveError::Conflict { stored: Some(_) })
    ));
    assert_eq!(snapshot(repo.store()), before);
}

#[test]
fn a_damaged_or_boundless_marker_hides_nothing_and_the_next_save_removes_it_quickly() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = stored(&repo, 3);
    let id = &record.engagement.id;
    for marker in [
        "{not json",
        r#"{"format":"handrail/staged-issues","token":"t","revision":1,"first":0,"last":4294967295}"#,
        r#"{"format":"handrail/staged-issues","token":"t","revision":1,"first":1,"last":4294967295}"#,
        r#"{"format":"handrail/staged-issues","token":"t","revision":0,"first":9,"last":3}"#,
        r#"{"format":"handrail/other","token":"t","revision":1,"first":1,"last":3}"#,
    ] {
        repo.store().set(&marker_key(id), marker).unwrap();
        let started = std::time::Instant::now();
        let loaded = repo.load(id).unwrap().unwrap();
        assert_eq!(loaded.engagement.issues.len(), 3, "{marker}");
        let stored_now = repo.stored_revision(id).unwrap().unwrap();
        let base = Base {
            revision: stored_now,
            issues: &loaded.engagement.issues,
        };
        repo.save_changes(Some(base), loaded.engagement.clone(), now())
            .unwrap();
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "{marker}"
        );
        assert_eq!(repo.store().get(&marker_key(id)).unwrap(), None);
        assert_eq!(repo.load(id).unwrap().unwrap().engagement.issues.len(), 3);
    }
}

#[test]
fn a_marker_covers_only_its_numbers_at_or_past_its_revision() {
    let marker = Marker::read(
        r#"{"format":"handrail/staged-issues","token":"t","revision":5,"first":4,"last":6,"touched_at":"2027-01-10T08:30:00Z"}"#,
    )
    .unwrap();
    assert!(marker.covers(4, 5) && marker.covers(6, 9));
    assert!(!marker.covers(3, 5) && !marker.covers(7, 5) && !marker.covers(5, 4));
    // An import that adds nothing names an empty range.
    let empty = Marker::read(
        r#"{"format":"handrail/staged-issues","token":"t","revision":5,"first":4,"last":3,"touched_at":"2027-01-10T08:30:00Z"}"#,
    )
    .unwrap();
    assert!(!empty.covers(3, 5) && !empty.covers(4, 5));
    // It hides only after the head it was made for.
    assert!(marker.follows(4) && !marker.follows(5) && !marker.follows(3));
}

#[test]
fn a_marker_that_does_not_follow_the_head_hides_nothing_and_a_save_keeps_every_issue() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = stored(&repo, 3);
    let id = &record.engagement.id;
    // A marker at or below the head's revision: damage, or a save some other Handrail made
    // past it. Issues 1-3 are the engagement's, whatever it says.
    for revision in [0, 1] {
        let marker = format!(
            r#"{{"format":"handrail/staged-issues","token":"t","revision":{revision},"first":1,"last":500,"touched_at":"2999-01-01T00:00:00Z"}}"#
        );
        repo.store().set(&marker_key(id), &marker).unwrap();
        let loaded = repo.load(id).unwrap().unwrap();
        assert_eq!(loaded.engagement.issues.len(), 3);
        let base = Base {
            revision: loaded.revision,
            issues: &loaded.engagement.issues,
        };
        repo.save_changes(Some(base), loaded.engagement.clone(), now())
            .unwrap();
        assert_eq!(repo.load(id).unwrap().unwrap().engagement.issues.len(), 3);
        assert_eq!(repo.store().get(&marker_key(id)).unwrap(), None);
    }
}

#[test]
fn records_of_a_staged_save_untouched_for_long_are_removed_by_the_next_reading() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = stored(&repo, 3);
    let mut staged = begin(&repo, &record, 20);
    repo.write_staged(&mut staged, slice(12)).unwrap();
    drop(staged);
    let key = marker_key(&record.engagement.id);
    let live = repo.store().get(&key).unwrap().unwrap();
    // Still alive: a reading hides the records and leaves them.
    assert_eq!(repo.load(&record.engagement.id).unwrap().unwrap(), record);
    assert_eq!(repo.store().keys().unwrap().len(), 1 + 3 + 12 + 1);
    let mut marker: serde_json::Value = serde_json::from_str(&live).unwrap();
    let long_ago = Utc::now() - chrono::Duration::minutes(STALE_AFTER_MINUTES + 1);
    marker["touched_at"] = serde_json::json!(long_ago);
    repo.store().set(&key, &marker.to_string()).unwrap();
    assert_eq!(repo.load_all().unwrap().records, [record]);
    assert_eq!(repo.store().keys().unwrap().len(), 1 + 3);
}

#[test]
fn a_staged_save_cannot_commit_before_every_new_issue_is_written() {
    let repo = EngagementRepository::new(MemoryStore::new());
    let record = stored(&repo, 3);
    let mut staged = begin(&repo, &record, 20);
    repo.write_staged(&mut staged, slice(5)).unwrap();
    assert_eq!(repo.commit_staged(&mut staged), Err(SaveError::Interrupted));
    abandon_all(&repo, &mut staged);
    assert_eq!(repo.load(&record.engagement.id).unwrap().unwrap(), record);
}
