//! The CouchDB documents one engagement is sent as, and how a document from the server is read.
//! A document's body has the shape of the local record's body (see `docs/storage-keys.md`), so
//! the domain's own serialisation writes both and a field added later syncs without a change
//! here.
use serde_json::{json, Value};

use crate::domain::json::{from_json, to_json};

use crate::domain::triage::Issue;
use crate::domain::{Engagement, EngagementId};
use crate::storage::split::ISSUE_FORMAT;
use crate::storage::{record::RECORD_FORMAT, SCHEMA_VERSION};

/// The claim that makes an issue number unique on the server.
pub const CLAIM_FORMAT: &str = "handrail/number";

pub fn head_id(id: &EngagementId) -> String {
    format!("engagement:{id}")
}

pub fn issue_id(id: &EngagementId, number: u32) -> String {
    format!("issue:{id}:{number}")
}

pub fn claim_id(id: &EngagementId, number: u32) -> String {
    format!("number:{id}:{number}")
}

/// Whether a document id belongs to engagement `id` (one database may hold several).
pub fn belongs_to(doc_id: &str, id: &EngagementId) -> bool {
    let id = id.as_str();
    doc_id.strip_prefix("engagement:") == Some(id)
        || [("issue:"), ("number:")].iter().any(|prefix| {
            doc_id
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix(id))
                .is_some_and(|rest| rest.starts_with(':'))
        })
}

/// A document as people call it: "issue #4", "the engagement's settings".
pub fn describe(doc_id: &str) -> String {
    let number = doc_id.rsplit(':').next().unwrap_or_default();
    if doc_id.starts_with("issue:") {
        format!("issue #{number}")
    } else if doc_id.starts_with("number:") {
        format!("the claim on issue number {number}")
    } else {
        "the engagement\u{2019}s settings".to_owned()
    }
}

/// The head's body: the engagement without its issues, as the local head record holds it.
/// Takes the issues out for the time of the encoding (as the local head's encoder does), so a
/// thousand issues are neither copied nor encoded twice.
pub fn head_body(engagement: &mut Engagement) -> Value {
    let issues = std::mem::take(&mut engagement.issues);
    let body = to_json(&*engagement);
    engagement.issues = issues;
    json!({"format": RECORD_FORMAT, "schema": SCHEMA_VERSION, "engagement": body})
}

pub fn issue_body(id: &EngagementId, issue: &Issue) -> Value {
    json!({"format": ISSUE_FORMAT, "schema": SCHEMA_VERSION, "engagement": id.as_str(), "issue": to_json(issue)})
}

pub fn claim_body(id: &EngagementId, identity: &str) -> Value {
    json!({"format": CLAIM_FORMAT, "engagement": id.as_str(), "issue": identity})
}

/// A short fingerprint of a body, to tell whether it changed since it was last sent or
/// received without keeping a copy of it. FNV-1a over the JSON text: stable across builds.
pub fn digest(body: &Value) -> String {
    let hash = crate::domain::fingerprint::fnv1a(body.to_string().as_bytes());
    format!("{hash:016x}")
}

/// A document from the server, read.
#[derive(Debug, Clone, PartialEq)]
pub enum RemoteDoc {
    Head(Box<Engagement>),
    Issue(Issue),
    /// Issue `number` is taken by the issue whose identity is `identity`.
    Claim {
        number: u32,
        identity: String,
    },
}

/// Why a document of this engagement was kept aside instead of read.
pub type SetAsideReason = String;

/// Reads a document that [`belongs_to`] engagement `id`: its body without `_id`/`_rev`.
pub fn read(id: &EngagementId, doc_id: &str, body: &Value) -> Result<RemoteDoc, SetAsideReason> {
    let format = body.get("format").and_then(Value::as_str).unwrap_or("");
    let schema = body.get("schema").and_then(Value::as_u64).unwrap_or(0);
    if format != CLAIM_FORMAT && schema > u64::from(SCHEMA_VERSION) {
        return Err(format!(
            "written by a newer version of Handrail (schema {schema}); update this copy to read it"
        ));
    }
    if body
        .get("engagement")
        .and_then(Value::as_str)
        .is_some_and(|e| e != id.as_str())
        && format != RECORD_FORMAT
    {
        return Err("it names another engagement than its id".to_owned());
    }
    let not_handrail = || "it is not a Handrail record".to_owned();
    // The same bounds as every other door: a value outside them is set aside, named.
    let bounded = |key: &str, root| match body.get(key) {
        Some(value) => crate::domain::bounds::check(value, root).map_err(|e| e.to_string()),
        None => Ok(()),
    };
    bounded("engagement", crate::domain::bounds::Root::Engagement)?;
    bounded("issue", crate::domain::bounds::Root::Issue)?;
    match format {
        RECORD_FORMAT if doc_id == head_id(id) => {
            let mut engagement: Engagement = body
                .get("engagement")
                .cloned()
                .map(|v| from_json(&v))
                .ok_or_else(not_handrail)?
                .map_err(|e| format!("its engagement cannot be read ({e})"))?;
            if &engagement.id != id {
                return Err("it holds another engagement than its id".to_owned());
            }
            engagement.issues.clear();
            Ok(RemoteDoc::Head(Box::new(engagement)))
        }
        ISSUE_FORMAT => {
            let mut issue: Issue = body
                .get("issue")
                .cloned()
                .map(|v| from_json(&v))
                .ok_or_else(not_handrail)?
                .map_err(|e| format!("its issue cannot be read ({e})"))?;
            if doc_id != issue_id(id, issue.number) {
                return Err("it holds another issue than its id".to_owned());
            }
            if issue.events.is_empty() {
                return Err("its issue has no history".to_owned());
            }
            issue.ensure_event_ids();
            // An event's id is derived from its content: one that no longer matches was
            // changed after it was written, which Handrail never does.
            if let Some(event) = issue.first_rewritten_event() {
                return Err(format!(
                    "its history was changed after it was written (the event of {} by {})",
                    event.at.format("%Y-%m-%d %H:%M UTC"),
                    event.by
                ));
            }
            Ok(RemoteDoc::Issue(issue))
        }
        CLAIM_FORMAT => {
            let number = doc_id
                .rsplit(':')
                .next()
                .and_then(|n| n.parse().ok())
                .filter(|_| doc_id.starts_with("number:"))
                .ok_or_else(not_handrail)?;
            let identity = body
                .get("issue")
                .and_then(Value::as_str)
                .ok_or_else(not_handrail)?;
            Ok(RemoteDoc::Claim {
                number,
                identity: identity.to_owned(),
            })
        }
        _ => Err(not_handrail()),
    }
}

#[cfg(test)]
mod digest_tests {
    use super::digest;

    #[test]
    fn digests_are_pinned_so_every_build_and_stored_ledger_agree() {
        // Checked against an independent FNV-1a 64 in Python over the same JSON text (keys in
        // order, as serde_json writes a Value). A change here would make every browser send
        // every record again: the ledger keeps these digests.
        let body =
            serde_json::json!({"n": 1, "format": "handrail/issue", "engagement": "abcdefghij"});
        assert_eq!(digest(&body), "ee65744133fe68a2");
    }
}
