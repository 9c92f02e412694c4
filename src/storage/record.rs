//! The whole-engagement envelope: a versioned envelope around the domain value. It is the form
//! of backups and of records stored up to schema 3; since schema 4 the browser stores an
//! engagement split into a head and issue records (`split.rs`), whose envelopes share
//! [`open`] and whose bodies share this shape.
//!
//! ```json
//! {"format":"handrail/engagement","schema":3,"revision":3,
//!  "saved_at":"2027-03-01T09:00:00Z","engagement":{...}}
//! ```
//! `schema` says which shape `engagement` has; older shapes are migrated one step at a time on
//! load. `revision` counts saves of this engagement, so a tab can tell that another tab saved
//! after it last read.
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use std::fmt;

use crate::domain::Engagement;

/// Marks our records among whatever else shares the origin's storage.
pub const RECORD_FORMAT: &str = "handrail/engagement";
/// The schema of the records this build stores. Schema 4 splits an engagement over several
/// keys (see `split.rs` and `docs/storage-keys.md`); the JSON shape of the engagement itself is
/// still [`WHOLE_SCHEMA`]'s. Bump it together with a new step in [`migrate`] (or in the split
/// layout), a fixture of the old shape under `tests/fixtures/`, and a test that loads it.
pub const SCHEMA_VERSION: u32 = 4;
/// The schema of a whole-engagement envelope, the form of backups and of records stored before
/// schema 4: the shape of `engagement`. Backups keep writing it, so a Handrail from before the
/// split still opens a backup made by this one.
pub const WHOLE_SCHEMA: u32 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub engagement: Engagement,
    pub revision: u64,
    pub saved_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    schema: u32,
    revision: u64,
    saved_at: DateTime<Utc>,
    engagement: &'a Engagement,
}

/// Why stored text could not be turned into a [`Record`]. The raw text is always kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON at all: cut off mid-write, or edited by hand.
    NotJson(String),
    /// JSON, but not one of our records.
    NotARecord,
    /// Written by a newer Handrail than this one.
    NewerSchema { found: u64 },
    /// An older schema whose migration failed.
    MigrationFailed { from: u64, reason: String },
    /// Our format and schema, but the content does not make sense.
    Invalid(String),
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotJson(why) => write!(f, "the stored text is damaged ({why})"),
            Self::NotARecord => f.write_str("the stored text is not a Handrail engagement"),
            Self::NewerSchema { found } => write!(
                f,
                "it was saved by a newer version of Handrail (data version {found}; this version reads up to {SCHEMA_VERSION}). Reload to get the newer version"
            ),
            Self::MigrationFailed { from, reason } => {
                write!(f, "it could not be upgraded from data version {from} ({reason})")
            }
            Self::Invalid(why) => write!(f, "its content is not valid ({why})"),
        }
    }
}

/// Refuses a body with a value outside the domain's bounds (see `domain::bounds`), naming the
/// field: what is stored, restored or synced is what the screens can compute with.
pub(super) fn within_bounds(
    body: &Value,
    root: crate::domain::bounds::Root,
) -> Result<(), Unreadable> {
    crate::domain::bounds::check(body, root).map_err(|e| Unreadable::Invalid(e.to_string()))
}

/// Checks the `body_key` of an envelope about to be written against the bounds: the save is
/// the door for what was typed, and what passes it is what every other door accepts.
pub(super) fn check_written(
    text: &str,
    body_key: &str,
    root: crate::domain::bounds::Root,
) -> Result<(), crate::domain::bounds::OutOfBounds> {
    let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    match value.get(body_key) {
        Some(body) => crate::domain::bounds::check(body, root),
        None => Ok(()),
    }
}

/// A whole engagement in one envelope (backups; stored records before schema 4).
pub fn encode(engagement: &Engagement, revision: u64, saved_at: DateTime<Utc>) -> String {
    let envelope = EnvelopeOut {
        format: RECORD_FORMAT,
        schema: WHOLE_SCHEMA,
        revision,
        saved_at,
        engagement,
    };
    // Serialising plain structs of strings, dates and numbers cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// The parts every stored envelope has, before its body is read.
pub(super) struct Envelope {
    pub schema: u64,
    pub revision: u64,
    pub saved_at: DateTime<Utc>,
    pub fields: serde_json::Map<String, Value>,
}

/// The highest revision a stored record may have: the largest whole number JavaScript holds
/// exactly, unreachable by counting saves, and far enough from `u64::MAX` that the next save's
/// revision (one more) can never overflow.
pub const MAX_REVISION: u64 = (1 << 53) - 1;

/// Checks the envelope of a record of `format` and takes out its schema, revision and time.
pub(super) fn open(raw: &str, format: &str) -> Result<Envelope, Unreadable> {
    let value: Value = serde_json::from_str(raw).map_err(|e| Unreadable::NotJson(e.to_string()))?;
    let Value::Object(fields) = value else {
        return Err(Unreadable::NotARecord);
    };
    if fields.get("format").and_then(Value::as_str) != Some(format) {
        return Err(Unreadable::NotARecord);
    }
    let schema = fields
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or(Unreadable::NotARecord)?;
    if schema > u64::from(SCHEMA_VERSION) {
        return Err(Unreadable::NewerSchema { found: schema });
    }
    let revision = fields
        .get("revision")
        .and_then(Value::as_u64)
        .ok_or_else(|| Unreadable::Invalid("no revision".to_owned()))?;
    if revision > MAX_REVISION {
        return Err(Unreadable::Invalid(format!(
            "its revision {revision} is beyond the {MAX_REVISION} a record may have"
        )));
    }
    let saved_at = fields
        .get("saved_at")
        .cloned()
        .map(serde_json::from_value::<DateTime<Utc>>)
        .and_then(Result::ok)
        .ok_or_else(|| Unreadable::Invalid("no valid saved_at time".to_owned()))?;
    Ok(Envelope {
        schema,
        revision,
        saved_at,
        fields,
    })
}

/// Reads a whole-engagement envelope (schema 1 to [`WHOLE_SCHEMA`]), migrating old shapes.
pub fn decode(raw: &str) -> Result<Record, Unreadable> {
    decode_whole(open(raw, RECORD_FORMAT)?)
}

pub(super) fn decode_whole(envelope: Envelope) -> Result<Record, Unreadable> {
    let Envelope {
        schema,
        revision,
        saved_at,
        mut fields,
    } = envelope;
    if schema > u64::from(WHOLE_SCHEMA) {
        return Err(Unreadable::Invalid(format!(
            "data version {schema} keeps an engagement's issues in records of their own; this is only its head record"
        )));
    }
    let body = fields
        .remove("engagement")
        .ok_or_else(|| Unreadable::Invalid("no engagement".to_owned()))?;
    let body = migrate(body, schema).map_err(|reason| Unreadable::MigrationFailed {
        from: schema,
        reason,
    })?;
    within_bounds(&body, crate::domain::bounds::Root::Engagement)?;
    let mut engagement: Engagement =
        serde_json::from_value(body).map_err(|e| Unreadable::Invalid(e.to_string()))?;
    // Stored before events had ids: every copy derives the same ones (see `event_id.rs`).
    engagement
        .issues
        .iter_mut()
        .for_each(crate::domain::triage::Issue::ensure_event_ids);
    Ok(Record {
        engagement,
        revision,
        saved_at,
    })
}

/// Brings an engagement body from schema `from` up to [`WHOLE_SCHEMA`], one step at a time.
/// (Schema 3 to 4 changes where the body is stored, not its shape: see `split.rs`.)
fn migrate(mut body: Value, from: u64) -> Result<Value, String> {
    let mut version = from;
    while version < u64::from(WHOLE_SCHEMA) {
        body = match version {
            1 => schema_1_to_2(body)?,
            2 => schema_2_to_3(body)?,
            other => return Err(format!("there is no data version {other}")),
        };
        version += 1;
    }
    if version == 0 {
        return Err("there is no data version 0".to_owned());
    }
    Ok(body)
}

/// Schema 3 adds the issue log and the withdrawal plan; earlier engagements had neither.
fn schema_2_to_3(body: Value) -> Result<Value, String> {
    let Value::Object(mut engagement) = body else {
        return Err("the engagement is not an object".to_owned());
    };
    engagement
        .entry("issues")
        .or_insert_with(|| serde_json::json!([]));
    engagement.entry("withdrawal").or_insert(Value::Null);
    Ok(Value::Object(engagement))
}

/// Schema 2 adds the charter. Schema 1 engagements had none, so they get an empty one. (The
/// schema was bumped rather than the field defaulted so that an older Handrail refuses these
/// records instead of saving them back without their charter.)
fn schema_1_to_2(body: Value) -> Result<Value, String> {
    let Value::Object(mut engagement) = body else {
        return Err("the engagement is not an object".to_owned());
    };
    engagement
        .entry("charter")
        .or_insert_with(|| serde_json::json!({ "draft": null, "revisions": [] }));
    Ok(Value::Object(engagement))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EngagementForm, EngagementId};

    fn engagement() -> Engagement {
        let form = EngagementForm {
            name: "Acme CRM rollout".into(),
            system: "Salesforce".into(),
            go_live: "2027-03-01".into(),
        };
        let now = DateTime::parse_from_rfc3339("2027-01-10T08:30:00Z")
            .unwrap()
            .to_utc();
        Engagement::new(
            EngagementId::from_random_bytes([7; 8]),
            form.parse([]).unwrap(),
            now,
        )
    }

    #[test]
    fn encode_then_decode_is_identity() {
        let saved_at = DateTime::parse_from_rfc3339("2027-01-11T10:00:00Z")
            .unwrap()
            .to_utc();
        let raw = encode(&engagement(), 4, saved_at);
        let record = decode(&raw).unwrap();
        assert_eq!(
            record,
            Record {
                engagement: engagement(),
                revision: 4,
                saved_at
            }
        );
    }

    #[test]
    fn the_schema_1_fixture_migrates_to_an_engagement_without_a_charter() {
        let raw = include_str!("../../tests/fixtures/engagement-schema-1.json");
        let record = decode(raw).unwrap();
        assert_eq!(record.engagement.name(), "Acme CRM rollout");
        assert_eq!(record.engagement.details.system, "Salesforce Sales Cloud");
        assert_eq!(record.revision, 3);
        assert_eq!(
            record.engagement.charter,
            crate::domain::charter::CharterFile::default()
        );
        // Saving writes the current schema.
        assert!(encode(&record.engagement, 4, record.saved_at).contains("\"schema\":3"));
        assert!(record.engagement.issues.is_empty());
    }

    #[test]
    fn the_schema_3_fixture_loads_with_its_issues() {
        let raw = include_str!("../../tests/fixtures/engagement-schema-3.json");
        let record = decode(raw).unwrap();
        let issues = &record.engagement.issues;
        assert_eq!(issues.len(), 3);
        let plan = record.engagement.withdrawal.as_ref().unwrap();
        assert_eq!(plan.weeks.len(), 4);
        assert_eq!(plan.holds[0].week, 3);
        let plan = record.engagement.withdrawal.as_ref().unwrap();
        assert_eq!(plan.weeks.len(), 4);
        assert_eq!(plan.holds[0].week, 3);
        assert_eq!(
            issues[0].view().status(),
            crate::domain::triage::Status::WaitingOnReporter
        );
        assert_eq!(
            issues[1].view().destination,
            Some(crate::domain::charter::RoutingDestination::EnhancementBacklog)
        );
    }

    #[test]
    fn schema_3_events_get_their_content_ids_on_every_load() {
        let raw = include_str!("../../tests/fixtures/engagement-schema-3.json");
        let (first, second) = (decode(raw).unwrap(), decode(raw).unwrap());
        assert_eq!(first, second);
        for issue in &first.engagement.issues {
            assert!(issue.events.iter().all(|e| e.id.len() == 13));
            assert_eq!(issue.identity(), issue.events[0].id);
        }
        // Written with ids: they are read back, not derived again.
        let again = decode(&encode(&first.engagement, 1, first.saved_at)).unwrap();
        assert_eq!(again.engagement, first.engagement);
        assert!(encode(&first.engagement, 1, first.saved_at).contains("\"id\":\""));
    }

    #[test]
    fn the_schema_2_fixture_loads_with_its_charter() {
        let raw = include_str!("../../tests/fixtures/engagement-schema-2.json");
        let record = decode(raw).unwrap();
        let charter = &record.engagement.charter;
        assert_eq!(charter.revisions.len(), 1);
        assert_eq!(charter.revisions[0].approval.name, "Marta Lindqvist");
        assert_eq!(
            charter.draft.as_ref().map(|d| d.step),
            Some(crate::domain::charter::CharterStep::ServiceLevels)
        );
    }

    #[test]
    fn damaged_foreign_and_future_text_is_unreadable_for_a_stated_reason() {
        assert!(matches!(
            decode("{\"format\":\"handrail/engagement\",\"sch"),
            Err(Unreadable::NotJson(_))
        ));
        assert_eq!(decode("[1,2]"), Err(Unreadable::NotARecord));
        assert_eq!(decode("{\"theme\":\"dark\"}"), Err(Unreadable::NotARecord));
        let raw = encode(&engagement(), 1, Utc::now()).replace("\"schema\":3", "\"schema\":99");
        assert_eq!(decode(&raw), Err(Unreadable::NewerSchema { found: 99 }));
        let raw = encode(&engagement(), 1, Utc::now()).replace("\"schema\":3", "\"schema\":0");
        assert!(matches!(
            decode(&raw),
            Err(Unreadable::MigrationFailed { from: 0, .. })
        ));
        let raw = encode(&engagement(), 1, Utc::now()).replace("2027-03-01", "2027-02-31");
        assert!(matches!(decode(&raw), Err(Unreadable::Invalid(_))));
    }
}
