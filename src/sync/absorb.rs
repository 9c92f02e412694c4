//! Taking documents from the server into the local engagement, by the merge rules of
//! `domain::sync`. Pure: the caller saves the result once, through the same revision check as
//! any save, and only then moves the ledger on, so a batch cut off half-way changes nothing.
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::docs::{self, belongs_to, claim_id, head_id, issue_id, RemoteDoc};
use super::ledger::Ledger;
use crate::domain::json::from_json;
use crate::domain::sync::{merge_head, merge_issue};
use crate::domain::triage::issue::sort_by_number;
use crate::domain::triage::Issue;
use crate::domain::Engagement;
use crate::domain::EngagementId;

/// A document of this engagement that could not be read: kept aside, never merged.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAside {
    pub doc_id: String,
    pub reason: String,
    pub raw: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Absorbed {
    /// The merged engagement; `None` while no head has been seen (joining, first batch).
    pub engagement: Option<Engagement>,
    /// Whether the engagement differs from the local one (it must be saved).
    pub changed: bool,
    pub set_aside: Vec<SetAside>,
    /// Local issues that gave their number up to one claimed on the server: (from, to).
    pub renumbered: Vec<(u32, u32)>,
}

/// Merges `docs` (full CouchDB documents, with `_id` and `_rev`) into `local`, noting in
/// `ledger` the revision and digest of each document read. Documents of other engagements and
/// deleted ones are skipped; one that cannot be read is set aside.
pub fn absorb(
    id: &EngagementId,
    local: Option<&Engagement>,
    ledger: &mut Ledger,
    documents: &[Value],
    by: &str,
    now: DateTime<Utc>,
) -> Absorbed {
    let mut working = local.cloned();
    let mut set_aside = Vec::new();
    let mut renumbered = Vec::new();
    let mut heads = Vec::new();
    let mut claims = Vec::new();
    let mut issues = Vec::new();
    for document in documents {
        let Some(doc_id) = document.get("_id").and_then(Value::as_str) else {
            continue;
        };
        if !belongs_to(doc_id, id) {
            continue;
        }
        let rev = document
            .get("_rev")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if document.get("_deleted").and_then(Value::as_bool) == Some(true) {
            ledger.mark_deleted(doc_id.to_owned(), rev);
            continue;
        }
        let body = without_meta(document);
        match docs::read(id, doc_id, &body) {
            Ok(RemoteDoc::Head(head)) => heads.push((rev, body, head)),
            Ok(RemoteDoc::Claim { number, identity }) => claims.push((rev, number, identity)),
            Ok(RemoteDoc::Issue(issue)) => issues.push((rev, body, issue)),
            Err(reason) => {
                ledger.blocked.insert(doc_id.to_owned(), reason.clone());
                set_aside.push(SetAside {
                    doc_id: doc_id.to_owned(),
                    reason,
                    raw: document.to_string(),
                });
            }
        }
    }
    for (rev, body, remote) in heads {
        let base: Option<Engagement> = ledger
            .base
            .as_ref()
            .and_then(|b| b.get("engagement").cloned())
            .and_then(|b| from_json(&b).ok());
        working = Some(match working.take() {
            None => *remote,
            Some(mut current) => {
                let issues = std::mem::take(&mut current.issues);
                let mut merged = merge_head(base.as_ref(), &current, &remote).engagement;
                merged.issues = issues;
                merged
            }
        });
        ledger.mark(head_id(id), rev, docs::digest(&body));
        ledger.base = Some(body);
    }
    let Some(mut engagement) = working else {
        // Issues without their engagement cannot be placed yet; nothing is marked, so they are
        // read again with the head.
        return Absorbed {
            engagement: None,
            changed: false,
            set_aside,
            renumbered,
        };
    };
    for (rev, number, identity) in claims {
        ledger.mark(claim_id(id, number), rev, identity.clone());
        if let Some(moved) = give_way(&mut engagement, ledger, number, &identity, by, now) {
            renumbered.push(moved);
        }
    }
    for (rev, body, issue) in issues {
        let number = issue.number;
        if let Some(moved) = give_way(&mut engagement, ledger, number, issue.identity(), by, now) {
            renumbered.push(moved);
        }
        place(&mut engagement, issue);
        ledger.mark(issue_id(id, number), rev, docs::digest(&body));
    }
    let changed = local != Some(&engagement);
    Absorbed {
        engagement: Some(engagement),
        changed,
        set_aside,
        renumbered,
    }
}

/// When the server says `number` belongs to the issue `identity` and this browser has a
/// *different* issue under that number, the local one moves to the next free number, saying
/// so in its history. Claims make every number on the server unique, so the local issue was
/// never sent under it: nobody else has seen that number on it.
fn give_way(
    engagement: &mut Engagement,
    ledger: &Ledger,
    number: u32,
    identity: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Option<(u32, u32)> {
    let position = engagement
        .issues
        .iter()
        .position(|i| i.number == number && i.identity() != identity)?;
    let to = next_free_number(taken_numbers(engagement, ledger));
    engagement.issues[position].renumber(to, by, now);
    sort_by_number(&mut engagement.issues);
    Some((number, to))
}

/// Puts an issue from the server into the engagement: merged with the local copy of the same
/// issue (found by identity, wherever its number is), or added.
fn place(engagement: &mut Engagement, incoming: Issue) {
    let same = engagement
        .issues
        .iter()
        .position(|i| i.identity() == incoming.identity());
    match same {
        Some(index) => engagement.issues[index] = merge_issue(&engagement.issues[index], &incoming),
        None => engagement.issues.push(incoming),
    }
    sort_by_number(&mut engagement.issues);
}

/// The number after every number in use.
fn next_free_number(taken: impl Iterator<Item = u32>) -> u32 {
    // Numbers past the bound (a crafted claim's id) are not real issues; never wrap round.
    taken
        .filter(|n| u64::from(*n) <= crate::domain::bounds::MAX_NUMBER)
        .max()
        .unwrap_or(0)
        .saturating_add(1)
}

/// Every number in use: locally, on the server, or claimed there.
pub fn taken_numbers<'a>(
    engagement: &'a Engagement,
    ledger: &'a Ledger,
) -> impl Iterator<Item = u32> + 'a {
    let prefixes = [
        format!("issue:{}:", engagement.id),
        format!("number:{}:", engagement.id),
    ];
    let on_server = ledger.docs.keys().filter_map(move |doc_id| {
        prefixes
            .iter()
            .find_map(|p| doc_id.strip_prefix(p.as_str()))
            .and_then(|n| n.parse::<u32>().ok())
    });
    engagement.issues.iter().map(|i| i.number).chain(on_server)
}

/// A document's body: what the local record holds, without CouchDB's own fields.
fn without_meta(document: &Value) -> Value {
    let mut body = document.clone();
    if let Some(fields) = body.as_object_mut() {
        fields.retain(|key, _| !key.starts_with('_'));
    }
    body
}
