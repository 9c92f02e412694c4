//! Backup files, natively: what is accepted, what is refused and why, and that no sequence of
//! bytes can make the import path panic.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, Utc};
use handrail::domain::{Engagement, EngagementForm, EngagementId};
use handrail::storage::backup::{self, BackupError, RestoreAction, MAX_BACKUP_BYTES};
use handrail::storage::repository::key_for;
use handrail::storage::{Record, Unreadable, UnreadableRecord};
use proptest::prelude::any;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

fn record(seed: u8, name: &str) -> Record {
    let form = EngagementForm {
        name: name.into(),
        system: "Salesforce".into(),
        go_live: "2027-03-01".into(),
    };
    let engagement = Engagement::new(
        EngagementId::from_random_bytes([seed; 8]),
        form.parse([]).unwrap(),
        at("2027-01-10T08:00:00Z"),
    );
    Record {
        engagement,
        revision: 2,
        saved_at: at("2027-01-11T08:00:00Z"),
    }
}

#[test]
fn an_export_reads_back_as_the_same_records() {
    let records = vec![record(1, "Acme"), record(2, "Globex")];
    let text = backup::export(&records, at("2027-02-01T12:00:00Z"));
    let parsed = backup::parse(text.as_bytes()).unwrap();
    assert_eq!(parsed.records, records);
    assert_eq!(parsed.exported_at, at("2027-02-01T12:00:00Z"));
}

#[test]
fn the_documented_example_file_is_accepted() {
    let text = include_str!("fixtures/backup-version-1.json");
    let parsed = backup::parse(text.as_bytes()).unwrap();
    assert_eq!(parsed.records.len(), 2);
    assert_eq!(parsed.records[0].engagement.name(), "Acme CRM rollout");
}

#[test]
fn refusals_say_what_is_wrong() {
    let good = backup::export(&[record(1, "Acme")], at("2027-02-01T12:00:00Z"));
    assert_eq!(backup::parse(b""), Err(BackupError::Empty));
    assert_eq!(backup::parse(b"   \n"), Err(BackupError::Empty));
    assert!(matches!(
        backup::parse(&good.as_bytes()[..good.len() / 2]),
        Err(BackupError::NotJson {
            truncated: true,
            ..
        })
    ));
    assert!(matches!(
        backup::parse(b"name,system\nAcme,SAP"),
        Err(BackupError::NotJson {
            truncated: false,
            ..
        })
    ));
    assert_eq!(
        backup::parse(b"{\"todos\":[]}"),
        Err(BackupError::NotABackup)
    );
    assert_eq!(backup::parse(b"[1,2,3]"), Err(BackupError::NotABackup));
    let newer = good.replace("\"version\": 1", "\"version\": 7");
    assert_eq!(
        backup::parse(newer.as_bytes()),
        Err(BackupError::NewerVersion { found: 7 })
    );
    let odd = good.replace("\"version\": 1", "\"version\": \"one\"");
    assert!(matches!(
        backup::parse(odd.as_bytes()),
        Err(BackupError::UnknownVersion { .. })
    ));
    let future_record = good.replace("\"schema\": 3", "\"schema\": 9");
    match backup::parse(future_record.as_bytes()) {
        Err(BackupError::BadEngagement { index: 0, reason }) => {
            assert!(reason.contains("newer version"))
        }
        other => panic!("{other:?}"),
    }
    let bad_date = good.replace("2027-03-01", "2027-13-01");
    assert!(matches!(
        backup::parse(bad_date.as_bytes()),
        Err(BackupError::BadEngagement { .. })
    ));
    let twice = backup::export(
        &[record(1, "Acme"), record(1, "Acme")],
        at("2027-02-01T12:00:00Z"),
    );
    assert!(matches!(
        backup::parse(twice.as_bytes()),
        Err(BackupError::DuplicateEngagement { .. })
    ));
    let huge = vec![b' '; MAX_BACKUP_BYTES + 1];
    assert!(matches!(
        backup::parse(&huge),
        Err(BackupError::TooLarge { .. })
    ));
    // Every refusal reads as a sentence for the user.
    assert!(BackupError::NotJson {
        truncated: true,
        detail: String::new()
    }
    .to_string()
    .contains("cut off"));
}

#[test]
fn a_byte_order_mark_from_a_text_editor_is_tolerated() {
    let good = backup::export(&[record(1, "Acme")], at("2027-02-01T12:00:00Z"));
    let with_bom = format!("\u{feff}{good}");
    assert!(backup::parse(with_bom.as_bytes()).is_ok());
}

#[test]
fn the_plan_says_what_happens_to_each_engagement() {
    let here_same = record(1, "Same");
    let here_old = record(2, "Old name");
    let mut file_new = here_old.clone();
    file_new.engagement.details.name = "New name".into();
    file_new.engagement.updated_at = at("2027-01-20T08:00:00Z");
    let added = record(3, "Added");
    let damaged_here = record(4, "Damaged here");
    let file = backup::Backup {
        exported_at: at("2027-02-01T12:00:00Z"),
        records: vec![
            here_same.clone(),
            file_new.clone(),
            added.clone(),
            damaged_here.clone(),
        ],
    };
    let damaged = vec![UnreadableRecord {
        key: key_for(&damaged_here.engagement.id),
        raw: "{".into(),
        reason: Unreadable::NotARecord,
    }];
    let items = backup::plan(
        &file,
        &[here_same, here_old.clone()],
        &damaged,
        &Default::default(),
    );
    assert_eq!(items[0].action, RestoreAction::Same);
    match &items[1].action {
        RestoreAction::Differs {
            current,
            replacement,
        } => {
            assert_eq!(**current, here_old);
            assert_eq!(replacement.engagement, file.records[1].engagement);
        }
        other => panic!("{other:?}"),
    }
    assert!(items[1].file_is_newer());
    assert_eq!(items[2].action, RestoreAction::Add);
    assert_eq!(items[3].action, RestoreAction::Blocked);
    assert_eq!(backup::summarise(&items, true), (1, 1, 1, 1));
    assert_eq!(backup::summarise(&items, false), (1, 0, 2, 1));
}

#[test]
fn file_names_say_what_and_when() {
    let when = at("2027-02-01T12:05:00Z");
    assert_eq!(
        backup::file_name(None, when),
        "handrail-backup-2027-02-01-1205.json"
    );
    assert_eq!(
        backup::file_name(Some("Acme CRM: wave 2!"), when),
        "handrail-acme-crm-wave-2-2027-02-01-1205.json"
    );
}

/// Feeds arbitrary bytes, and real backups that were cut short or had a byte changed, to the
/// import path: each is refused or accepted, never a panic. Prints how many cases ran.
#[test]
fn the_import_path_never_panics() {
    use proptest::test_runner::{Config, TestRunner};
    let cases = 4000;
    let mut runner = TestRunner::new(Config {
        cases,
        ..Config::default()
    });
    let ran = std::cell::Cell::new(0u32);
    runner
        .run(&proptest::collection::vec(any::<u8>(), 0..2048), |bytes| {
            ran.set(ran.get() + 1);
            let _ = backup::parse(&bytes);
            Ok(())
        })
        .unwrap();
    let arbitrary = ran.replace(0);

    let text = backup::export(
        &[record(1, "Acme"), record(2, "Globex")],
        at("2027-02-01T12:00:00Z"),
    );
    let mut runner = TestRunner::new(Config {
        cases,
        ..Config::default()
    });
    runner
        .run(
            &(0usize..text.len() + 1, 0usize..text.len(), any::<u8>()),
            |(cut, flip, byte)| {
                ran.set(ran.get() + 1);
                let mut bytes = text.clone().into_bytes();
                bytes[flip] = byte;
                bytes.truncate(cut);
                let _ = backup::parse(&bytes);
                Ok(())
            },
        )
        .unwrap();
    let damaged = ran.get();
    assert_eq!((arbitrary, damaged), (cases, cases));
    println!("import fuzzing: {arbitrary} arbitrary byte strings and {damaged} damaged backups, no panic");
}

/// Issue 28: values outside the domain's bounds are refused at this door, naming the field.
#[test]
fn values_outside_the_bounds_are_refused_naming_the_field() {
    let good = backup::export(&[record(1, "Acme")], at("2027-02-01T12:00:00Z"));
    let refused = |from: &str, to: &str| {
        let text = good.replacen(from, to, 1);
        assert_ne!(text, good, "{from} is in the export");
        match backup::parse(text.as_bytes()) {
            Err(BackupError::BadEngagement { reason, .. }) => reason,
            other => panic!("{to}: {other:?}"),
        }
    };
    assert!(refused(
        "\"go_live\": \"2027-03-01\"",
        "\"go_live\": \"+262142-01-01\""
    )
    .contains("\u{201c}go_live\u{201d} is in the year 262142"));
    assert!(
        refused("\"go_live\": \"2027-03-01\"", "\"go_live\": \"0001-01-01\"").contains("year 1;")
    );
    assert!(
        refused("\"name\": \"Acme\"", "\"name\": \"\"").contains("\u{201c}name\u{201d} is empty")
    );
    let long = format!("\"name\": \"{}\"", "x".repeat(10_000));
    assert!(refused("\"name\": \"Acme\"", &long).contains("longer than 100"));
}

#[test]
fn a_bad_export_time_is_named_as_such() {
    let good = backup::export(&[record(1, "Acme")], at("2027-02-01T12:00:00Z"));
    let with = |value: &str| good.replacen("\"2027-02-01T12:00:00Z\"", value, 1);
    for (value, found) in [
        ("\"yesterday\"", "\"yesterday\""),
        ("\"+262142-01-01T00:00:00Z\"", "\"+262142-01-01T00:00:00Z\""),
        ("null", "missing"),
    ] {
        match backup::parse(with(value).as_bytes()) {
            Err(BackupError::BadExportTime { found: f }) => assert_eq!(f, found),
            other => panic!("{value}: {other:?}"),
        }
    }
    let long = format!("\"{}\"", "x".repeat(500));
    let message = backup::parse(with(&long).as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        message.len() < 300,
        "a crafted value does not fill the screen: {message}"
    );
}

#[test]
fn a_key_repeated_in_one_object_is_refused_naming_it() {
    let good = backup::export(&[record(1, "Acme")], at("2027-02-01T12:00:00Z"));
    let twice = good.replacen(
        "\"name\": \"Acme\",",
        "\"name\": \"Acme\", \"name\": \"Evil\",",
        1,
    );
    assert_ne!(twice, good);
    match backup::parse(twice.as_bytes()) {
        Err(BackupError::DuplicateKey { why }) => assert!(why.contains("name"), "{why}"),
        other => panic!("{other:?}"),
    }
}
