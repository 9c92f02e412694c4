//! The five doors records come in by, each with its generator (raw inputs and edited valid
//! records), its input's builder, and `exercise_<door>`: decode, and when the door accepts,
//! run the screens on what it let in.
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::dice::Dice;
use super::run::{stage, Door, Recipe};
use super::screens::{nows, screens, Zones};
use super::seeds::seeds;
use super::shape::{self, Edit, Leaf, Seg, Shape};
use crate::domain::bounds::Root;
use crate::domain::share::{self, ShareWhat, SharedDocument, Snapshot};
use crate::domain::triage::{Issue, ZoneRules};
use crate::domain::{Engagement, EngagementId};
use crate::storage::split::{self, ISSUE_PREFIX, KEY_PREFIX};
use crate::storage::staged::STAGED_PREFIX;
use crate::storage::{backup, record, EngagementRepository, KeyValue, MemoryStore, SCHEMA_VERSION};
use crate::sync::absorb::absorb;
use crate::sync::docs;
use crate::sync::ledger::Ledger;

pub const DOORS: [&Door; 5] = [&BACKUP, &SHARE, &STORED, &TEAM, &CSV];

pub fn door(name: &str) -> Option<(usize, &'static Door)> {
    DOORS
        .iter()
        .enumerate()
        .find(|(_, d)| d.name == name)
        .map(|(i, d)| (i, *d))
}

fn value_of(text: &str) -> Value {
    serde_json::from_str(text).expect("a seed as JSON")
}

fn saved_at() -> DateTime<Utc> {
    nows()[0]
}

/// A shaped recipe: one of `shapes` (weighted to the first), a few edits, random choices.
fn shaped(dice: &mut Dice, shapes: &[Shape]) -> Recipe {
    let index = if dice.chance(40) {
        0
    } else {
        dice.below(shapes.len())
    };
    let edits = shapes[index].edits(dice);
    Recipe::shaped(index, edits, dice.next())
}

fn describe_with(shapes: &[Shape], recipe: &Recipe) -> String {
    match recipe.shape {
        Some(i) => format!(
            "base \u{201c}{}\u{201d}, mode {:#x}, edits:",
            shapes[i].name, recipe.mode
        ),
        None => format!("{} raw bytes", recipe.bytes.len()),
    }
}

/// The sweep of every shape, each recipe with `mode`.
fn sweep_of(shapes: &[Shape], mode: u64) -> Vec<Recipe> {
    shapes
        .iter()
        .enumerate()
        .flat_map(|(i, shape)| {
            shape::bound_edits(shape)
                .into_iter()
                .map(move |edit| Recipe::shaped(i, vec![edit], mode))
        })
        .collect()
}

/// What `domain::bounds::check` says of these records, each checked as `Root`.
fn verdict<'a>(records: impl IntoIterator<Item = (&'a Value, Root)>) -> Option<String> {
    let mut checked = 0;
    for (value, root) in records {
        checked += 1;
        if let Err(e) = crate::domain::bounds::check(value, root) {
            return Some(format!("bounds::check refuses it: {e}"));
        }
    }
    (checked > 0).then(|| "bounds::check lets it in".to_owned())
}

fn bounds_backup(input: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(input).ok()?;
    let list = value.get("engagements")?.as_array()?;
    verdict(
        list.iter()
            .filter_map(|r| r.get("engagement"))
            .map(|e| (e, Root::Engagement)),
    )
}

fn bounds_stored(input: &[u8]) -> Option<String> {
    let entries: Vec<(String, String)> = serde_json::from_slice(input).ok()?;
    let values: Vec<(Value, Root)> = entries
        .iter()
        .filter_map(|(key, raw)| {
            let value: Value = serde_json::from_str(raw).ok()?;
            if key.starts_with(ISSUE_PREFIX) {
                Some((value.get("issue")?.clone(), Root::Issue))
            } else {
                Some((value.get("engagement")?.clone(), Root::Engagement))
            }
        })
        .collect();
    verdict(values.iter().map(|(v, r)| (v, *r)))
}

fn bounds_team(input: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(input);
    let (_, docs) = text.split_once('\n')?;
    let value: Value = serde_json::from_str(docs).ok()?;
    let values: Vec<(&Value, Root)> = value
        .as_array()?
        .iter()
        .filter_map(|d| match (d.get("engagement"), d.get("issue")) {
            (Some(e), _) if e.is_object() => Some((e, Root::Engagement)),
            (_, Some(i)) if i.is_object() => Some((i, Root::Issue)),
            _ => None,
        })
        .collect();
    verdict(values)
}

/// A share link's snapshot is checked as an engagement: its engagement's details and the
/// documents (charter, plan, review) hold the same fields under the same names.
fn bounds_share(input: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(input);
    let rest = &text[text.find("#/s/")? + 4..];
    let end = rest
        .find(|c: char| !crate::share::bytes::is_payload_char(c))
        .unwrap_or(rest.len());
    let bytes = crate::share::bytes::decode(&rest[..end])?;
    let content = bytes.get(5..bytes.len().checked_sub(4)?)?;
    let dict = crate::share::dictionary::get(*bytes.get(2)?)?;
    let json = crate::share::deflate::decompress(content, dict, 1 << 22).ok()?;
    let value: Value = serde_json::from_slice(&json).ok()?;
    verdict([(&value, Root::Engagement)])
}

// =======================================================================================
// Backup files: `storage::backup::parse`, then `plan` against this browser's records.

pub static BACKUP: Door = Door {
    name: "backup",
    generate: generate_backup,
    build: build_backup,
    exercise: exercise_backup,
    describe: |r| describe_with(backup_shapes(), r),
    bases: || backup_shapes().len(),
    sweep: || sweep_of(backup_shapes(), 1),
    bounds: bounds_backup,
};

fn backup_shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let s = seeds();
        let all: Vec<_> = s.all().iter().map(|(_, e)| s.record(e)).collect();
        vec![
            Shape::new(
                "backup of four engagements",
                value_of(&backup::export(&all, saved_at())),
            ),
            Shape::new(
                "backup of the living engagement",
                value_of(&backup::export(&all[..1], saved_at())),
            ),
            Shape::new(
                "backup of the signed engagement",
                value_of(&backup::export(&all[1..2], saved_at())),
            ),
            Shape::new(
                "tests/fixtures/backup-version-1.json",
                value_of(include_str!("../../tests/fixtures/backup-version-1.json")),
            ),
        ]
    })
}

fn generate_backup(dice: &mut Dice) -> Recipe {
    match dice.below(100) {
        0..=11 => Recipe::raw(shape::raw_bytes(dice, 4096)),
        12..=19 => Recipe::raw(shape::json_soup(dice).into_bytes()),
        _ => shaped(dice, backup_shapes()),
    }
}

fn build_backup(recipe: &Recipe) -> Vec<u8> {
    let Some(i) = recipe.shape else {
        return recipe.bytes.clone();
    };
    let text = shape::render(&backup_shapes()[i].value, &recipe.edits);
    if recipe.mode.is_multiple_of(20) {
        format!("\u{feff}{text}").into_bytes()
    } else {
        text.into_bytes()
    }
}

pub fn exercise_backup(input: &[u8]) -> bool {
    stage("storage::backup::parse");
    let Ok(file) = backup::parse(input) else {
        return false;
    };
    stage("storage::backup::plan");
    let s = seeds();
    let here = [s.record(&s.living), s.record(&s.signed)];
    let items = backup::plan(&file, &here, &[], &Default::default());
    let _ = backup::summarise(&items, true);
    let _ = backup::summarise(&items, false);
    for item in &items {
        let _ = item.file_is_newer();
    }
    let damaged = [crate::storage::UnreadableRecord {
        key: split::key_for(&s.living.id),
        raw: "{".into(),
        reason: crate::storage::Unreadable::NotARecord,
    }];
    let _ = backup::plan(&file, &here, &damaged, &Default::default());
    // The living engagement as one that syncs with a team: the file is merged in.
    stage("storage::backup::plan (team merge)");
    let team = backup::Team {
        authors: vec![(s.living.id.clone(), "fuzz".into())],
        typed_name: "Fuzz".into(),
        now: s.living.updated_at,
    };
    for item in backup::plan(&file, &here, &[], &team) {
        let _ = item.to_write(true);
    }
    let _ = backup::file_name(Some(s.living.name()), file.exported_at);
    for r in file.records.iter().take(6) {
        screens(&r.engagement, r.revision, r.saved_at);
    }
    true
}

// =======================================================================================
// Share links: `share::link::parse_link`, down to the snapshot's JSON.

pub static SHARE: Door = Door {
    name: "share",
    generate: generate_share,
    build: build_share,
    exercise: exercise_share,
    describe: describe_share,
    bases: || share_shapes().len(),
    sweep: || sweep_of(share_shapes(), 0),
    bounds: bounds_share,
};

const APP: &str = "https://handrail.example/app/";

fn share_shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let s = seeds();
        let snap = |e: &Engagement, what| {
            let snapshot =
                Snapshot::of(e, what, SCHEMA_VERSION, 7, saved_at()).expect("a sample snapshot");
            serde_json::to_value(snapshot).expect("a snapshot as JSON")
        };
        vec![
            Shape::new("plan snapshot", snap(&s.living, ShareWhat::Plan)),
            Shape::new(
                "charter revision snapshot",
                snap(&s.living, ShareWhat::CharterRevision(1)),
            ),
            Shape::new(
                "charter draft snapshot",
                snap(&s.draft, ShareWhat::CharterDraft),
            ),
            Shape::new(
                "signed exit review snapshot",
                snap(&s.signed, ShareWhat::ExitReview),
            ),
        ]
    })
}

/// Mode bits of a share recipe.
const TYPED: u64 = 1; // through `make_link` when the edited JSON still reads as a Snapshot
const DAMAGE: u64 = 2; // the link text damaged the way mail and chat tools do
const FRAME: u64 = 4; // a hand-made frame around random content, CRC right

fn generate_share(dice: &mut Dice) -> Recipe {
    match dice.below(100) {
        0..=5 => Recipe::raw(shape::raw_bytes(dice, 2048)),
        6..=11 => {
            let mut link = format!("{APP}#/s/");
            let n = dice.below(400);
            for _ in 0..n {
                link.push(*dice.pick(&[
                    'A', 'z', '0', '-', '_', 'Q', 'E', 'B', '9', ' ', '\n', '.', '%',
                ]));
            }
            Recipe::raw(link.into_bytes())
        }
        12..=21 => {
            let mut r = Recipe::shaped(
                dice.below(share_shapes().len()),
                Vec::new(),
                FRAME | (dice.next() << 8),
            );
            if dice.chance(30) {
                r.mode |= DAMAGE;
            }
            r
        }
        22..=36 => Recipe::shaped(
            dice.below(share_shapes().len()),
            Vec::new(),
            TYPED | DAMAGE | (dice.next() << 8),
        ),
        _ => {
            let mut r = shaped(dice, share_shapes());
            r.mode = (r.mode << 8)
                | if dice.chance(50) { TYPED } else { 0 }
                | if dice.chance(10) { DAMAGE } else { 0 };
            r
        }
    }
}

fn describe_share(recipe: &Recipe) -> String {
    let mut text = describe_with(share_shapes(), recipe);
    if recipe.shape.is_some() {
        let m = recipe.mode;
        text.push_str(&format!(
            " [{}{}{}]",
            if m & TYPED != 0 {
                "typed make_link"
            } else {
                "raw JSON framed"
            },
            if m & FRAME != 0 {
                ", hand-made frame"
            } else {
                ""
            },
            if m & DAMAGE != 0 {
                ", link damaged"
            } else {
                ""
            },
        ));
    }
    text
}

/// Payload bytes around `content`, as docs/share-link-format.md lays them out.
fn frame(version: u8, flags: u8, dictionary: u8, content: &[u8]) -> Vec<u8> {
    let mut bytes = vec![version, flags, dictionary];
    bytes.extend_from_slice(&(content.len() as u16).to_be_bytes());
    bytes.extend_from_slice(content);
    let crc = crate::share::bytes::crc32(&bytes);
    bytes.extend_from_slice(&crc.to_be_bytes());
    bytes
}

fn raw_link(json: &str) -> String {
    let dict = crate::share::dictionary::get(crate::share::dictionary::CURRENT).unwrap_or_default();
    let content = crate::share::deflate::compress(json.as_bytes(), dict);
    format!(
        "{APP}#/s/{}",
        crate::share::bytes::encode(&frame(1, 0, crate::share::dictionary::CURRENT, &content))
    )
}

fn build_share(recipe: &Recipe) -> Vec<u8> {
    let Some(i) = recipe.shape else {
        return recipe.bytes.clone();
    };
    let mut dice = Dice::new(recipe.mode);
    let json = shape::render(&share_shapes()[i].value, &recipe.edits);
    let mut link = if recipe.mode & FRAME != 0 {
        let version = *dice.pick(&[1, 1, 1, 0, 2]);
        let flags = *dice.pick(&[0, 0, 0, 1, 2, 3]);
        let dictionary = *dice.pick(&[1, 1, 1, 0, 2, 255]);
        let content = match dice.below(4) {
            0 => shape::raw_bytes(&mut dice, 600),
            1 => {
                let dict = crate::share::dictionary::get(1).unwrap_or_default();
                crate::share::deflate::compress(shape::json_soup(&mut dice).as_bytes(), dict)
            }
            2 => {
                let dict = crate::share::dictionary::get(1).unwrap_or_default();
                let mut c = crate::share::deflate::compress(json.as_bytes(), dict);
                let n = c.len();
                if n > 0 {
                    let at = dice.below(n);
                    c[at] ^= 1 << dice.below(8);
                }
                c
            }
            _ => {
                // Deflate without the dictionary, or of something that is not the snapshot.
                let dict = crate::share::dictionary::get(1).unwrap_or_default();
                crate::share::deflate::compress(
                    &json.as_bytes()[..json.len() / 2],
                    &dict[..dict.len() / 2],
                )
            }
        };
        format!(
            "{APP}#/s/{}",
            crate::share::bytes::encode(&frame(version, flags, dictionary, &content))
        )
    } else if recipe.mode & TYPED != 0 {
        match serde_json::from_str::<Snapshot>(&json) {
            Ok(snapshot) => {
                crate::share::make_link(APP, &snapshot).unwrap_or_else(|_| raw_link(&json))
            }
            Err(_) => raw_link(&json),
        }
    } else {
        raw_link(&json)
    };
    if recipe.mode & DAMAGE != 0 {
        link = damage(&mut dice, link);
    }
    link.into_bytes()
}

/// What mail and chat tools (and people) do to a link.
fn damage(dice: &mut Dice, link: String) -> String {
    let cut = |s: &str, at: usize| -> String {
        let mut at = at.min(s.len());
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        s[..at].to_owned()
    };
    match dice.below(9) {
        0 => cut(&link, dice.below(link.len() + 1)),
        1 => {
            // Broken over lines every n characters.
            let n = 20 + dice.below(80);
            let chars: Vec<char> = link.chars().collect();
            chars
                .chunks(n)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(if dice.chance(50) { "\n" } else { " " })
        }
        2 => link.replace('#', "%23").replace('/', "%2F"),
        3 => format!(
            "https://scanner.example/?url={}",
            link.replace('%', "%25")
                .replace('#', "%23")
                .replace('/', "%2F")
                .replace(':', "%3A")
        ),
        4 => format!("See the plan: {link}. Thanks!"),
        5 => format!("<{link}>"),
        6 => {
            let mut chars: Vec<char> = link.chars().collect();
            if !chars.is_empty() {
                let at = dice.below(chars.len());
                chars[at] = *dice.pick(&['A', '_', '-', '0', ' ', '\u{e9}', '%']);
            }
            chars.into_iter().collect()
        }
        7 => link.repeat(2),
        _ => format!("{link} {}", "word ".repeat(70)),
    }
}

pub fn exercise_share(input: &[u8]) -> bool {
    let text = String::from_utf8_lossy(input);
    stage("share::parse_link");
    let _ = crate::share::is_share_fragment(&text);
    match crate::share::parse_link(&text) {
        Ok(crate::share::Payload::Open(snapshot)) => {
            shared_screens(&snapshot);
            true
        }
        Ok(crate::share::Payload::Locked(locked)) => {
            let _ = locked.additional_data();
            true
        }
        Err(e) => {
            let _ = e.to_string();
            false
        }
    }
}

/// What the shared-link page computes: the document, the comparison with this browser's copy,
/// and the preview of saving it (whose engagement then goes through every screen).
fn shared_screens(snapshot: &Snapshot) {
    stage("shared document");
    let _ = snapshot.provenance();
    let _ = snapshot.title();
    let _ = snapshot.page_title();
    match &snapshot.document {
        SharedDocument::Charter(c) => {
            let _ = crate::domain::charter::markdown::render(
                &snapshot.engagement.details.name,
                c.charter(),
                "Shared",
                None,
                None,
            );
        }
        SharedDocument::Plan { plan, charter } => {
            stage("shared document: plan");
            let c = charter.charter();
            let _ = plan.end_date(c);
            for w in 1..=plan.weeks.len().min(200) as u32 {
                let _ = plan.week_start(c, w);
                let _ = plan.level_in(w);
            }
            for r in &plan.handoff.responsibilities {
                let _ = r.stage_reached();
            }
            let _ = crate::domain::withdrawal::ics::export(
                snapshot.engagement.id.as_str(),
                &snapshot.engagement.details.name,
                plan,
                c,
                &[],
                nows()[0],
            );
        }
        SharedDocument::SteeringReport {
            frozen_markdown, ..
        } => {
            let _ = frozen_markdown.lines().count();
        }
        SharedDocument::ExitReview(r) => {
            let _ = r.frozen_markdown.len();
        }
    }
    let s = seeds();
    stage("share: compare");
    for local in [&s.living, &s.signed, &s.draft] {
        let _ = share::compare(snapshot, local);
    }
    stage("share: apply");
    let names = vec![
        s.living.name().to_owned(),
        snapshot.engagement.details.name.clone(),
    ];
    let mut saved = Vec::new();
    for local in [None, Some(&s.living), Some(&s.signed)] {
        if let Ok(change) = share::apply(snapshot, local, &names, nows()[0]) {
            let _ = change.name_still_free(&names);
            saved.push(change.engagement);
        }
    }
    for e in saved.iter().take(2) {
        screens(e, 1, nows()[0]);
    }
}

// =======================================================================================
// This browser's storage: `record::decode`, `split::decode_head` and `decode_issue`, and the
// repository's `load_all` that puts them together.

pub static STORED: Door = Door {
    name: "stored",
    generate: generate_stored,
    build: build_stored,
    exercise: exercise_stored,
    describe: |r| describe_with(stored_shapes(), r),
    bases: || stored_shapes().len(),
    sweep: sweep_stored,
    bounds: bounds_stored,
};

fn split_records(e: &Engagement) -> Value {
    let mut map = serde_json::Map::new();
    let mut head = e.clone();
    map.insert(
        split::key_for(&e.id),
        value_of(&split::encode_head(&mut head, 7, saved_at())),
    );
    for issue in &e.issues {
        map.insert(
            split::issue_key(&e.id, issue.number),
            value_of(&split::encode_issue(&e.id, issue, 7, saved_at())),
        );
    }
    Value::Object(map)
}

/// The split records of `e` with a save of two new issues being written in slices: its marker
/// and its staged records (see `storage/staged.rs`).
fn staged_records(e: &Engagement) -> Value {
    let mut records = split_records(e);
    let mut next = e.clone();
    let first = next.issues.iter().map(|i| i.number).max().unwrap_or(0) + 1;
    for number in first..first + 2 {
        let mut issue = next.issues.first().cloned().unwrap_or_else(|| {
            crate::domain::triage::Issue::log(number, "Staged", "Import", saved_at()).unwrap()
        });
        issue.number = number;
        next.issues.push(issue);
    }
    if let Value::Object(map) = &mut records {
        for issue in &next.issues[e.issues.len()..] {
            map.insert(
                split::issue_key(&e.id, issue.number),
                value_of(&split::encode_issue(&e.id, issue, 8, saved_at())),
            );
        }
        map.insert(
            format!("{STAGED_PREFIX}{}", e.id),
            json!({ "format": "handrail/staged-issues", "token": "tab-1", "revision": 8, "first": first, "last": first + 1, "touched_at": "2026-11-02T09:00:00Z" }),
        );
    }
    records
}

fn whole_record(raw: &str) -> Value {
    let value = value_of(raw);
    let id = value["engagement"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    json!({ format!("{KEY_PREFIX}{id}"): value })
}

fn stored_shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let s = seeds();
        vec![
            Shape::new(
                "split records of the living engagement",
                split_records(&s.living),
            ),
            Shape::new(
                "split records of the signed engagement",
                split_records(&s.signed),
            ),
            Shape::new(
                "split records of the living engagement, a save of two issues half written",
                staged_records(&s.living),
            ),
            Shape::new(
                "split records of the draft engagement",
                split_records(&s.draft),
            ),
            Shape::new(
                "whole record (schema 3) of the living engagement",
                whole_record(&record::encode(&s.living, 7, saved_at())),
            ),
            Shape::new(
                "tests/fixtures/engagement-schema-4.json",
                value_of(include_str!(
                    "../../tests/fixtures/engagement-schema-4.json"
                )),
            ),
            Shape::new(
                "tests/fixtures/engagement-schema-3.json",
                whole_record(include_str!(
                    "../../tests/fixtures/engagement-schema-3.json"
                )),
            ),
            Shape::new(
                "tests/fixtures/engagement-schema-2.json",
                whole_record(include_str!(
                    "../../tests/fixtures/engagement-schema-2.json"
                )),
            ),
            Shape::new(
                "tests/fixtures/engagement-schema-1.json",
                whole_record(include_str!(
                    "../../tests/fixtures/engagement-schema-1.json"
                )),
            ),
        ]
    })
}

/// Numbers an issue may be given with its key, to reach the arithmetic on issue numbers.
const ISSUE_NUMBERS: [u64; 9] = [
    0,
    1,
    999_999,
    1_000_000,
    2_147_483_647,
    4_294_967_294,
    4_294_967_295,
    4_294_967_296,
    7,
];

/// Issue record `key` renumbered to `number`, its key with it (else the key check refuses it).
fn renumber_stored(key: &str, number: u64) -> Vec<Edit> {
    let (prefix, _) = key.rsplit_once(':').unwrap_or((key, ""));
    let new_key = format!("{prefix}:{number}");
    vec![
        Edit::Rename(Vec::new(), key.to_owned(), new_key.clone()),
        Edit::Set(
            vec![
                Seg::Key(new_key),
                Seg::Key("issue".into()),
                Seg::Key("number".into()),
            ],
            Leaf::Json(number.into()),
        ),
    ]
}

fn issue_keys(shape: &Shape) -> Vec<&String> {
    match &shape.value {
        Value::Object(m) => m.keys().filter(|k| k.starts_with(ISSUE_PREFIX)).collect(),
        _ => Vec::new(),
    }
}

fn generate_stored(dice: &mut Dice) -> Recipe {
    match dice.below(100) {
        0..=9 => Recipe::raw(shape::raw_bytes(dice, 2048)),
        10..=13 => Recipe::raw(shape::json_soup(dice).into_bytes()),
        _ => {
            let mut r = shaped(dice, stored_shapes());
            let keys = issue_keys(&stored_shapes()[r.shape.unwrap_or(0)]);
            if dice.chance(20) && !keys.is_empty() {
                let key = (*dice.pick(&keys)).clone();
                r.edits
                    .extend(renumber_stored(&key, *dice.pick(&ISSUE_NUMBERS)));
            }
            r
        }
    }
}

fn sweep_stored() -> Vec<Recipe> {
    let mut all = sweep_of(stored_shapes(), 0);
    for (i, shape) in stored_shapes().iter().enumerate() {
        if let Some(key) = issue_keys(shape).first() {
            for number in ISSUE_NUMBERS {
                all.push(Recipe::shaped(i, renumber_stored(key, number), 0));
            }
        }
    }
    all
}

fn build_stored(recipe: &Recipe) -> Vec<u8> {
    let entries: Vec<(String, String)> = match recipe.shape {
        None => {
            let id = &seeds().living.id;
            vec![(
                split::key_for(id),
                String::from_utf8_lossy(&recipe.bytes).into_owned(),
            )]
        }
        Some(i) => {
            let mut swaps = shape::Swaps::default();
            let value = shape::apply(&stored_shapes()[i].value, &recipe.edits, &mut swaps);
            let mut entries: Vec<(String, String)> = match value {
                Value::Object(m) => m
                    .into_iter()
                    .map(|(k, v)| (swaps.apply_plain(k), swaps.apply(v.to_string())))
                    .collect(),
                other => vec![(
                    split::key_for(&seeds().living.id),
                    swaps.apply(other.to_string()),
                )],
            };
            // Text edits land on one record: a torn or hand-edited write.
            if !entries.is_empty() {
                let at = (recipe.mode as usize) % entries.len();
                let text = std::mem::take(&mut entries[at].1);
                entries[at].1 = shape::finish_text(text, &recipe.edits);
            }
            entries
        }
    };
    serde_json::to_vec(&entries).unwrap_or_default()
}

pub fn exercise_stored(input: &[u8]) -> bool {
    // The harness's own encoding of the stored keys and texts.
    let entries: Vec<(String, String)> = serde_json::from_slice(input).unwrap_or_default();
    stage("storage: decode each record");
    for (key, raw) in &entries {
        if key.starts_with(KEY_PREFIX) {
            let _ = record::decode(raw);
            let _ = split::decode_head(raw);
            let _ = split::peek_revision(raw);
        } else if key.starts_with(ISSUE_PREFIX) {
            let _ = split::decode_issue(key, raw);
        }
    }
    stage("storage: load_all");
    let store = MemoryStore::new();
    for (key, raw) in &entries {
        let _ = store.set(key, raw);
    }
    let repo = EngagementRepository::new(store);
    let Ok(loaded) = repo.load_all() else {
        return false;
    };
    for u in &loaded.unreadable {
        let _ = u.reason.to_string();
    }
    for r in loaded.records.iter().take(4) {
        stage("storage: load");
        let _ = repo.load(&r.engagement.id);
        screens(&r.engagement, r.revision, r.saved_at);
    }
    if let Some(r) = loaded.records.first() {
        // A save clears what a save written in slices left (its marker may be anything).
        stage("storage: save");
        let base = crate::storage::Base {
            revision: r.revision,
            issues: &r.engagement.issues,
        };
        let _ = repo.save_changes(Some(base), r.engagement.clone(), r.saved_at);
    }
    !loaded.records.is_empty()
}

// =======================================================================================
// The team database: `sync::docs::read` on each document, and `sync::absorb` on the batch.

pub static TEAM: Door = Door {
    name: "team",
    generate: generate_team,
    build: build_team,
    exercise: exercise_team,
    describe: |r| describe_with(team_shapes(), r),
    bases: || team_shapes().len(),
    sweep: sweep_team,
    bounds: bounds_team,
};

fn team_docs(e: &Engagement) -> Value {
    let mut list = Vec::new();
    let mut head = docs::head_body(&mut e.clone());
    head["_id"] = docs::head_id(&e.id).into();
    head["_rev"] = "3-a1".into();
    list.push(head);
    for issue in &e.issues {
        let mut body = docs::issue_body(&e.id, issue);
        body["_id"] = docs::issue_id(&e.id, issue.number).into();
        body["_rev"] = "1-b2".into();
        list.push(body);
        let mut claim = docs::claim_body(&e.id, issue.identity());
        claim["_id"] = docs::claim_id(&e.id, issue.number).into();
        claim["_rev"] = "1-c3".into();
        list.push(claim);
    }
    list.push(
        json!({"_id": "_design/handrail", "_rev": "1-d4", "validate_doc_update": "function(){}"}),
    );
    list.push(json!({"_id": docs::issue_id(&e.id, 99), "_rev": "2-e5", "_deleted": true}));
    Value::Array(list)
}

fn team_shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let s = seeds();
        vec![
            Shape::new(
                "team documents of the living engagement",
                team_docs(&s.living),
            ),
            Shape::new(
                "team documents of the signed engagement",
                team_docs(&s.signed),
            ),
        ]
    })
}

fn team_engagement(shape: Option<usize>) -> &'static Engagement {
    match shape {
        Some(1) => &seeds().signed,
        _ => &seeds().living,
    }
}

/// Document `at` renumbered to `number`, its id with it: an issue, or a claim on the number.
fn renumber_team(e: &Engagement, at: usize, number: u64, claim: bool) -> Vec<Edit> {
    let id = if claim {
        format!("number:{}:{number}", e.id)
    } else {
        format!("issue:{}:{number}", e.id)
    };
    let mut edits = vec![Edit::Set(
        vec![Seg::Index(at), Seg::Key("_id".into())],
        Leaf::Json(id.into()),
    )];
    if !claim {
        edits.push(Edit::Set(
            vec![
                Seg::Index(at),
                Seg::Key("issue".into()),
                Seg::Key("number".into()),
            ],
            Leaf::Json(number.into()),
        ));
    }
    edits
}

fn generate_team(dice: &mut Dice) -> Recipe {
    match dice.below(100) {
        0..=7 => Recipe::raw(shape::raw_bytes(dice, 2048)),
        8..=13 => Recipe::raw(shape::json_soup(dice).into_bytes()),
        _ => {
            let mut r = shaped(dice, team_shapes());
            let e = team_engagement(r.shape);
            if dice.chance(25) {
                let count = team_shapes()[r.shape.unwrap_or(0)]
                    .value
                    .as_array()
                    .map_or(0, Vec::len);
                let at = dice.below(count);
                let number = *dice.pick(&ISSUE_NUMBERS);
                r.edits
                    .extend(renumber_team(e, at, number, dice.chance(50)));
            }
            r
        }
    }
}

fn sweep_team() -> Vec<Recipe> {
    let mut all = sweep_of(team_shapes(), 0);
    for i in 0..team_shapes().len() {
        let e = team_engagement(Some(i));
        // Document 1 is the first issue, 2 its claim (see `team_docs`).
        for number in ISSUE_NUMBERS {
            all.push(Recipe::shaped(i, renumber_team(e, 1, number, false), 0));
            all.push(Recipe::shaped(i, renumber_team(e, 2, number, true), 0));
        }
    }
    all
}

fn build_team(recipe: &Recipe) -> Vec<u8> {
    let e = team_engagement(recipe.shape);
    let docs = match recipe.shape {
        None => String::from_utf8_lossy(&recipe.bytes).into_owned(),
        Some(i) => shape::render(&team_shapes()[i].value, &recipe.edits),
    };
    format!("{}\n{docs}", e.id).into_bytes()
}

pub fn exercise_team(input: &[u8]) -> bool {
    // The engagement the batch is for, then the documents as the server sent them.
    let text = String::from_utf8_lossy(input);
    let (id, docs_text) = text.split_once('\n').unwrap_or(("", &text));
    let s = seeds();
    let local = if id == s.signed.id.as_str() {
        &s.signed
    } else {
        &s.living
    };
    let id = EngagementId::parse(id).unwrap_or_else(|| local.id.clone());
    stage("team database: JSON");
    let Ok(Value::Array(documents)) = serde_json::from_str::<Value>(docs_text) else {
        return false;
    };
    stage("sync::docs::read");
    for document in &documents {
        let Some(doc_id) = document.get("_id").and_then(Value::as_str) else {
            continue;
        };
        let _ = docs::describe(doc_id);
        if !docs::belongs_to(doc_id, &id) {
            continue;
        }
        let mut body = document.clone();
        if let Some(fields) = body.as_object_mut() {
            fields.retain(|key, _| !key.starts_with('_'));
        }
        let _ = docs::read(&id, doc_id, &body);
    }
    let now = nows()[0];
    stage("sync::absorb (joining)");
    let mut ledger = Ledger::new("https://couch.example/acme", "alice");
    let joined = absorb(&id, None, &mut ledger, &documents, "alice", now);
    stage("sync::absorb (with the local copy)");
    let mut ledger = Ledger::new("https://couch.example/acme", "alice");
    let merged = absorb(&id, Some(local), &mut ledger, &documents, "alice", now);
    for a in [&joined, &merged] {
        for aside in &a.set_aside {
            let _ = aside.reason.len();
        }
    }
    let accepted = joined.engagement.is_some();
    for e in [joined.engagement, merged.engagement].into_iter().flatten() {
        screens(&e, 1, now);
    }
    accepted
}

// =======================================================================================
// CSV issue lists: `domain::triage::csv`, its rows then added to an engagement.

pub static CSV: Door = Door {
    name: "csv",
    generate: generate_csv,
    build: build_csv,
    exercise: exercise_csv,
    describe: |r| describe_with(csv_shapes(), r),
    bases: || csv_shapes().len(),
    sweep: sweep_csv,
    bounds: |_| None,
};

fn csv_shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let s = seeds();
        let e = &s.living;
        let charter = e.charter.in_force().expect("the living charter");
        let zone = charter.calendar.time_zone.clone();
        let export =
            crate::domain::triage::csv::export(&e.issues, Some(charter), &Zones, &zone, nows()[0]);
        let rows: Vec<Vec<String>> = crate::domain::triage::csv::parse_records(&export)
            .into_iter()
            .map(|r| r.fields)
            .collect();
        vec![
            Shape::new("CSV export of the living engagement", json!(rows)),
            Shape::new(
                "hand-made CSV",
                json!([
                    ["Title", "Description", "Reported by", "Reported at", "Area"],
                    [
                        "Printer offline",
                        "Since 9",
                        "Ana",
                        "2027-03-08 09:30",
                        "Ops"
                    ],
                    ["Login slow", "", "Ben", "2027-03-08", "IT"],
                    ["Quote fails", "x", "Cy", "2027-03-08T10:15:00", "Sales"]
                ]),
            ),
            Shape::new(
                "CSV with a zone in its header",
                json!([
                    ["Reported at (America/New_York)", "Title"],
                    ["2027-03-07 23:30", "Night batch failed"],
                    ["2027-03-08 00:10:00", "Invoices stuck"]
                ]),
            ),
        ]
    })
}

const HEADERS: [&str; 8] = [
    "Reported at (+14:00)",
    "Reported at (Pacific/Kiritimati)",
    "Reported at ()",
    "Reported at (Mars/Olympus)",
    "TITLE",
    "Title (x)",
    "",
    "reported AT",
];

fn generate_csv(dice: &mut Dice) -> Recipe {
    match dice.below(100) {
        0..=11 => Recipe::raw(shape::raw_bytes(dice, 4096)),
        _ => {
            let mut r = shaped(dice, csv_shapes());
            if dice.chance(15) {
                let columns = csv_shapes()[r.shape.unwrap_or(0)].value[0]
                    .as_array()
                    .map_or(1, Vec::len);
                r.edits.push(Edit::Set(
                    vec![Seg::Index(0), Seg::Index(dice.below(columns))],
                    Leaf::Json((*dice.pick(&HEADERS)).into()),
                ));
            }
            if dice.chance(5) {
                r.edits
                    .push(Edit::Grow(Vec::new(), *dice.pick(&[5_000, 5_001, 5_002])));
            }
            r
        }
    }
}

/// Every cell of the header and of the first row at each bound (a CSV's cells are all one list
/// of lists, so the general sweep would try one cell of each kind), and the rows around the
/// import's limit.
fn sweep_csv() -> Vec<Recipe> {
    let mut all = Vec::new();
    for (i, shape) in csv_shapes().iter().enumerate() {
        let cells = shape::bound_edits_where(shape, |path| match path {
            [Seg::Index(row), Seg::Index(_)] if *row <= 1 => Some(shape::path_text(path)),
            _ => None,
        });
        all.extend(
            cells
                .into_iter()
                .map(|edit| Recipe::shaped(i, vec![edit], 1)),
        );
        for header in HEADERS {
            all.push(Recipe::shaped(
                i,
                vec![Edit::Set(
                    vec![Seg::Index(0), Seg::Index(0)],
                    Leaf::Json(header.into()),
                )],
                1,
            ));
        }
        for rows in [0, 1, 5_000, 5_001] {
            all.push(Recipe::shaped(i, vec![Edit::Grow(Vec::new(), rows)], 1));
        }
    }
    all
}

fn cell(value: &Value, quote_all: bool) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if quote_all || text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn build_csv(recipe: &Recipe) -> Vec<u8> {
    let Some(i) = recipe.shape else {
        return recipe.bytes.clone();
    };
    let mut swaps = shape::Swaps::default();
    let value = shape::apply(&csv_shapes()[i].value, &recipe.edits, &mut swaps);
    let quote_all = recipe.mode.is_multiple_of(4);
    let line_end = if recipe.mode.is_multiple_of(3) {
        "\n"
    } else {
        "\r\n"
    };
    let rows: Vec<String> = match &value {
        Value::Array(rows) => rows
            .iter()
            .map(|row| match row {
                Value::Array(cells) => cells
                    .iter()
                    .map(|c| cell(c, quote_all))
                    .collect::<Vec<_>>()
                    .join(","),
                other => cell(other, quote_all),
            })
            .collect(),
        other => vec![cell(other, quote_all)],
    };
    let mut text = rows.join(line_end);
    if recipe.mode.is_multiple_of(5) {
        text.insert(0, '\u{feff}');
    }
    shape::finish_text(swaps.apply_plain(text), &recipe.edits).into_bytes()
}

pub fn exercise_csv(input: &[u8]) -> bool {
    // The browser reads the file as UTF-8 text, replacing what is not.
    let text = String::from_utf8_lossy(input);
    let mut e = seeds().living.clone();
    let zone = e
        .charter
        .in_force()
        .map(|c| c.calendar.time_zone.clone())
        .unwrap_or_default();
    let now = nows()[0];
    let Ok(first) = e.next_issue_number() else {
        return false;
    };
    let Ok(issues) = read_csv(&text, &Zones, &zone, now, first, "Priya Raman") else {
        return false;
    };
    if issues.is_empty() {
        return false;
    }
    e.issues.extend(issues);
    screens(&e, 8, now);
    true
}

/// Every call into the CSV import API, in one place (it is being changed): the rows read and
/// planned, then made into issues numbered from `first`.
fn read_csv(
    text: &str,
    rules: &dyn ZoneRules,
    zone: &str,
    now: DateTime<Utc>,
    first: u32,
    by: &str,
) -> Result<Vec<Issue>, String> {
    use crate::domain::triage::csv;
    stage("csv::parse_records");
    let _ = csv::parse_records(text);
    stage("csv::plan_import");
    let plan = csv::plan_import(text.as_bytes(), rules, zone, now)?;
    stage("csv::import_issues");
    csv::import_issues(&plan.rows, first, by, now).map_err(|e| e.to_string())
}
