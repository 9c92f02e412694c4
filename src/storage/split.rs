//! Schema 4: one engagement stored as several records, so that a save writes only what changed.
//!
//! - `handrail:engagement:<id>`, the **head**: the engagement without its issues (details,
//!   charter, plan, exit review, criteria settings, and whatever is added to `Engagement`
//!   later) and the engagement's revision, which is what the check between tabs compares;
//! - `handrail:issue:<id>:<number>`, one **issue record** per issue with its whole event log,
//!   stamped with the revision of the save that last wrote it.
//!
//! Adding an event to issue 12 rewrites issue 12's record and the head, nothing else; two people
//! working on different issues touch different issue records (the head's revision is this
//! browser's own bookkeeping; team sync replicates the records, see `docs/storage-keys.md`).
//!
//! **Order and torn writes.** A save writes the changed issue records first and the head last,
//! and puts back what it wrote if any write fails, so a failed save normally leaves nothing
//! behind. If the page dies between two writes, storage holds issue records stamped with a
//! revision newer than the head's. The loader *accepts* them: each issue record is written by
//! one `setItem`, so it is whole; its previous text is already gone, so ignoring it would lose
//! the issue; and an issue log only grows, so the newer record holds everything the older one
//! did. The next save stamps the head past them, and from then on they are ordinary records.
//! Issue records whose engagement has no head at all (a restore cut off before its head) are
//! shown on the recovery page like any damaged record.
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use super::record::{self, Envelope, Record, Unreadable, RECORD_FORMAT, SCHEMA_VERSION};
use crate::domain::triage::Issue;
use crate::domain::{Engagement, EngagementId};

/// Every key Handrail writes starts with this.
pub const APP_PREFIX: &str = "handrail:";
/// Head records.
pub const KEY_PREFIX: &str = "handrail:engagement:";
/// Issue records.
pub const ISSUE_PREFIX: &str = "handrail:issue:";
pub const ISSUE_FORMAT: &str = "handrail/issue";

pub fn key_for(id: &EngagementId) -> String {
    format!("{KEY_PREFIX}{id}")
}

/// The common start of one engagement's issue keys (ids never contain `:`).
pub fn issue_prefix(id: &EngagementId) -> String {
    format!("{ISSUE_PREFIX}{id}:")
}

pub fn issue_key(id: &EngagementId, number: u32) -> String {
    format!("{ISSUE_PREFIX}{id}:{number}")
}

/// The engagement id an issue key belongs to.
pub fn engagement_of_issue_key(key: &str) -> Option<&str> {
    key.strip_prefix(ISSUE_PREFIX)?
        .split_once(':')
        .map(|(id, _)| id)
}

/// The issue number an issue key is for.
pub fn issue_number_of_key(key: &str) -> Option<u32> {
    key.strip_prefix(ISSUE_PREFIX)?
        .rsplit_once(':')?
        .1
        .parse()
        .ok()
}

/// What a head key holds: a schema 4 head, or a whole engagement stored before the split.
#[derive(Debug)]
pub struct Head {
    /// The engagement; for a split head its issues are still to be read from their records.
    pub record: Record,
    /// Stored before schema 4: the issues are inside, and the next save rewrites it split.
    pub whole: bool,
}

#[derive(Serialize)]
struct HeadOut<'a> {
    format: &'static str,
    schema: u32,
    revision: u64,
    saved_at: DateTime<Utc>,
    /// Always written with `issues: []`: the issues live in their own records.
    engagement: &'a Engagement,
}

/// The head record of `engagement`. Takes the issues out for the time of the encoding, so the
/// head is written by the domain's own serialisation (a field added to `Engagement` is stored
/// without a change here) without copying a thousand issues.
pub fn encode_head(engagement: &mut Engagement, revision: u64, saved_at: DateTime<Utc>) -> String {
    let issues = std::mem::take(&mut engagement.issues);
    let text = serde_json::to_string(&HeadOut {
        format: RECORD_FORMAT,
        schema: SCHEMA_VERSION,
        revision,
        saved_at,
        engagement,
    })
    .unwrap_or_default();
    engagement.issues = issues;
    text
}

pub fn decode_head(raw: &str) -> Result<Head, Unreadable> {
    let envelope = record::open(raw, RECORD_FORMAT)?;
    if envelope.schema < u64::from(SCHEMA_VERSION) {
        return Ok(Head {
            record: record::decode_whole(envelope)?,
            whole: true,
        });
    }
    let Envelope {
        revision,
        saved_at,
        mut fields,
        ..
    } = envelope;
    let body = fields
        .remove("engagement")
        .ok_or_else(|| Unreadable::Invalid("no engagement".to_owned()))?;
    record::within_bounds(&body, crate::domain::bounds::Root::Engagement)?;
    let mut engagement: Engagement =
        serde_json::from_value(body).map_err(|e| Unreadable::Invalid(e.to_string()))?;
    // Issues inside a head are not where this schema keeps them; reading them would let a
    // hand-edited head shadow the issue records.
    engagement.issues.clear();
    Ok(Head {
        record: Record {
            engagement,
            revision,
            saved_at,
        },
        whole: false,
    })
}

/// Just the revision a head key holds, without reading the engagement: the cheap first step of
/// a save. A head this cannot make sense of is read fully by [`decode_head`] to say why.
pub fn peek_revision(raw: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Peek {
        format: String,
        revision: u64,
    }
    crate::domain::json::from_text::<Peek>(raw)
        .ok()
        .filter(|p| p.format == RECORD_FORMAT)
        .map(|p| p.revision)
}

#[derive(Serialize)]
struct IssueOut<'a> {
    format: &'static str,
    schema: u32,
    engagement: &'a EngagementId,
    revision: u64,
    saved_at: DateTime<Utc>,
    issue: &'a Issue,
}

pub fn encode_issue(
    engagement: &EngagementId,
    issue: &Issue,
    revision: u64,
    saved_at: DateTime<Utc>,
) -> String {
    serde_json::to_string(&IssueOut {
        format: ISSUE_FORMAT,
        schema: SCHEMA_VERSION,
        engagement,
        revision,
        saved_at,
        issue,
    })
    .unwrap_or_default()
}

/// One stored issue record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredIssue {
    pub issue: Issue,
    /// The revision of the save that last wrote it.
    pub revision: u64,
}

/// Reads the issue record stored under `key`; a record that names another engagement or
/// another number than its key is damage, not data.
pub fn decode_issue(key: &str, raw: &str) -> Result<StoredIssue, Unreadable> {
    let Envelope {
        revision,
        mut fields,
        ..
    } = record::open(raw, ISSUE_FORMAT)?;
    let engagement = fields
        .get("engagement")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let body = fields
        .remove("issue")
        .ok_or_else(|| Unreadable::Invalid("no issue".to_owned()))?;
    record::within_bounds(&body, crate::domain::bounds::Root::Issue)?;
    let mut issue: Issue =
        serde_json::from_value(body).map_err(|e| Unreadable::Invalid(e.to_string()))?;
    // Stored before events had ids: every copy derives the same ones (see `event_id.rs`).
    issue.ensure_event_ids();
    let expected = engagement.map(|id| format!("{ISSUE_PREFIX}{id}:{}", issue.number));
    if expected.as_deref() != Some(key) {
        return Err(Unreadable::Invalid(
            "stored under another issue's key".to_owned(),
        ));
    }
    Ok(StoredIssue { issue, revision })
}
