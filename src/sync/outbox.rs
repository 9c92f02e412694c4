//! What to send: every record whose body differs from what both sides last agreed on. Nothing
//! is queued on save; the difference between the engagement and the ledger *is* the queue, so
//! no change can be left out of it, and one sent twice is recognised by its digest.
use serde_json::Value;

use super::couch::{CouchError, Written};
use super::docs::{self, claim_id, head_id, issue_id};
use super::issue_digests::IssueDigests;
use super::ledger::Ledger;
use crate::domain::Engagement;

/// A number to claim before its issue may be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimOut {
    pub number: u32,
    pub identity: String,
}

/// A document to write, with the revision it replaces (`None`: new to this browser).
#[derive(Debug, Clone, PartialEq)]
pub struct DocOut {
    pub id: String,
    pub rev: Option<String>,
    pub body: Value,
    pub digest: String,
}

impl DocOut {
    /// The document as `_bulk_docs` takes it.
    pub fn document(&self) -> Value {
        let mut doc = self.body.clone();
        if let Some(fields) = doc.as_object_mut() {
            fields.insert("_id".to_owned(), Value::from(self.id.clone()));
            if let Some(rev) = &self.rev {
                fields.insert("_rev".to_owned(), Value::from(rev.clone()));
            }
        }
        doc
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outgoing {
    pub claims: Vec<ClaimOut>,
    pub docs: Vec<DocOut>,
}

impl Outgoing {
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty() && self.docs.is_empty()
    }
}

/// Whether this browser holds the claim on issue `number` for the issue `identity`.
pub fn claimed(ledger: &Ledger, engagement: &Engagement, number: u32, identity: &str) -> bool {
    ledger.agrees(&claim_id(&engagement.id, number), identity)
}

/// What differs between `engagement` and what the server was last known to hold. An issue
/// that was never on the server needs its number claimed first; until then it is not sent.
pub fn outgoing(engagement: &mut Engagement, ledger: &Ledger) -> Outgoing {
    let mut out = Outgoing::default();
    let head = docs::head_body(engagement);
    let head_digest = docs::digest(&head);
    let id = head_id(&engagement.id);
    if !ledger.agrees(&id, &head_digest) && !ledger.blocked.contains_key(&id) {
        out.docs.push(DocOut {
            rev: ledger.rev(&id).map(str::to_owned),
            id,
            body: head,
            digest: head_digest,
        });
    }
    let mut digests = IssueDigests::open(&engagement.id);
    for issue in &engagement.issues {
        let id = issue_id(&engagement.id, issue.number);
        if ledger.blocked.contains_key(&id) {
            continue;
        }
        let digest = digests.of(issue);
        if ledger.agrees(&id, &digest) {
            continue;
        }
        let body = docs::issue_body(&engagement.id, issue);
        let rev = ledger.rev(&id).map(str::to_owned);
        let identity = issue.identity();
        if rev.is_none() && !claimed(ledger, engagement, issue.number, identity) {
            out.claims.push(ClaimOut {
                number: issue.number,
                identity: identity.to_owned(),
            });
            continue;
        }
        out.docs.push(DocOut {
            id,
            rev,
            body,
            digest,
        });
    }
    out
}

/// The claim documents to create for `claims`.
pub fn claim_documents(engagement: &Engagement, claims: &[ClaimOut]) -> Vec<Value> {
    claims
        .iter()
        .map(|claim| {
            let mut doc = docs::claim_body(&engagement.id, &claim.identity);
            if let Some(fields) = doc.as_object_mut() {
                let id = claim_id(&engagement.id, claim.number);
                fields.insert("_id".to_owned(), Value::from(id));
            }
            doc
        })
        .collect()
}

/// How many changes wait to be sent: the figure in "Offline: 3 changes waiting". An issue is
/// one change whether it still needs its number claimed or not; the head counts only when
/// more than its save stamps differ from what both sides agreed on (capturing an issue
/// stamps the head too, and that is not a second change to the person who captured it).
pub fn waiting(engagement: &mut Engagement, ledger: &Ledger) -> usize {
    let out = outgoing(engagement, ledger);
    let head = head_id(&engagement.id);
    let issues = out.claims.len() + out.docs.iter().filter(|d| d.id != head).count();
    let head_changed = out
        .docs
        .iter()
        .find(|d| d.id == head)
        .is_some_and(|d| ledger.base.as_ref().map(unstamped) != Some(unstamped(&d.body)));
    issues + usize::from(head_changed)
}

/// A head body without who saved it when.
fn unstamped(body: &Value) -> Value {
    let mut body = body.clone();
    if let Some(fields) = body.get_mut("engagement").and_then(Value::as_object_mut) {
        fields.remove("updated_at");
        fields.remove("updated_by");
    }
    body
}

/// Notes in `ledger` what a `_bulk_docs` answer to `claims` says: each number won is marked
/// as this browser's; the ids of numbers someone else holds are returned, to fetch those
/// claims (taking them in renumbers the local issue). Any other refusal stops sync.
pub fn note_claims(
    ledger: &mut Ledger,
    claims: &[ClaimOut],
    written: &[Written],
) -> Result<Vec<String>, CouchError> {
    let mut taken = Vec::new();
    for (row, claim) in written.iter().zip(claims) {
        match (&row.rev, row.error.as_deref()) {
            (Some(rev), None) => ledger.mark(row.id.clone(), rev.clone(), claim.identity.clone()),
            (_, Some("conflict")) => taken.push(row.id.clone()),
            (_, error) => return Err(refused(error, row.reason.as_deref())),
        }
    }
    Ok(taken)
}

/// Notes in `ledger` what a `_bulk_docs` answer to `sent` says: each document written is
/// marked with its new revision (a head also becomes the merge base); the ids of documents
/// that changed on the server meanwhile are returned, to fetch and merge.
pub fn note_written(
    ledger: &mut Ledger,
    sent: &[DocOut],
    written: &[Written],
) -> Result<Vec<String>, CouchError> {
    let mut conflicts = Vec::new();
    let mut forbidden = Vec::new();
    for (row, doc) in written.iter().zip(sent) {
        match (&row.rev, row.error.as_deref()) {
            (Some(rev), None) => {
                ledger.mark(doc.id.clone(), rev.clone(), doc.digest.clone());
                if doc.id.starts_with("engagement:") {
                    ledger.base = Some(doc.body.clone());
                }
            }
            (_, Some("conflict")) => conflicts.push(doc.id.clone()),
            (_, Some("forbidden")) => forbidden.push((doc.id.clone(), row.reason.clone())),
            (_, error) => return Err(refused(error, row.reason.as_deref())),
        }
    }
    // A refused record is held back and said in the status ("1 change cannot be sent: …
    // refused it (reason)"); everything else goes on syncing, and what others write still
    // arrives, also for a member who may only read.
    for (doc_id, reason) in forbidden {
        let reason = reason.unwrap_or_else(|| "no reason given".to_owned());
        ledger
            .blocked
            .insert(doc_id, format!("the team database refused it ({reason})"));
    }
    Ok(conflicts)
}

/// A write the server refused for another reason than a conflict (a validation function, a
/// read-only member): sync cannot go on until someone changes that.
fn refused(error: Option<&str>, reason: Option<&str>) -> CouchError {
    let reason = reason.unwrap_or("no reason given").to_owned();
    match error {
        // A session the server no longer knows (it expired, or the server lost its secret).
        Some("unauthorized") => CouchError::SignIn,
        Some("forbidden") => CouchError::Forbidden(reason),
        Some(other) => CouchError::Refused(409, format!("{other}: {reason}")),
        None => CouchError::Garbled("a write without a revision".to_owned()),
    }
}
