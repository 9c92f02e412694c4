//! What this browser knows about one engagement's copy on the team database: where it is, who
//! is signed in, how far the change feed has been read, and for each document the revision and
//! body digest both sides last agreed on. Kept in localStorage beside the engagement (see
//! `storage::sync_ledger`), never in backups: it describes this browser's connection, not the
//! engagement.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where a document stands between this browser and the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// CouchDB's `_rev` of the document as last sent or received.
    pub rev: String,
    /// [`super::docs::digest`] of the body at that revision.
    pub digest: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    /// The database's URL, e.g. `https://couch.example.com/acme-hypercare`.
    pub database: String,
    /// The CouchDB user signed in for this engagement; changes are signed with it.
    pub account: String,
    /// The `_changes` sequence read up to (opaque: a number on some servers, text on others).
    #[serde(default)]
    pub since: Value,
    #[serde(default)]
    pub docs: BTreeMap<String, Mark>,
    /// The head body both sides last agreed on: the base of the three-way merge.
    #[serde(default)]
    pub base: Option<Value>,
    #[serde(default)]
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Documents this browser must not write over, with why: the server holds a version it
    /// cannot read (a newer Handrail's, a damaged one). They are said in the status, never
    /// sent in a loop, and tried again when the server's copy changes or Handrail updates.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub blocked: BTreeMap<String, String>,
}

impl Ledger {
    /// Connecting again to the database this engagement stopped syncing with: this (new)
    /// ledger takes the `kept` one's agreement, so the first sync merges against what both
    /// sides last agreed on. A kept ledger of another database is not used: its agreement is
    /// with someone else.
    pub fn resume(&mut self, kept: Option<Ledger>) {
        if let Some(kept) = kept.filter(|k| k.database == self.database) {
            self.since = kept.since;
            self.docs = kept.docs;
            self.base = kept.base;
            self.blocked = kept.blocked;
        }
    }

    pub fn new(database: &str, account: &str) -> Self {
        Self {
            database: database.trim_end_matches('/').to_owned(),
            account: account.to_owned(),
            since: Value::from(0),
            docs: BTreeMap::new(),
            base: None,
            last_synced_at: None,
            blocked: BTreeMap::new(),
        }
    }

    /// The server's revision of `doc_id` as last seen here.
    pub fn rev(&self, doc_id: &str) -> Option<&str> {
        self.docs.get(doc_id).map(|m| m.rev.as_str())
    }

    /// Whether `body` is what both sides last agreed `doc_id` holds.
    pub fn agrees(&self, doc_id: &str, digest: &str) -> bool {
        self.docs.get(doc_id).is_some_and(|m| m.digest == digest)
    }

    pub fn mark(&mut self, doc_id: String, rev: String, digest: String) {
        self.blocked.remove(&doc_id);
        self.docs.insert(doc_id, Mark { rev, digest });
    }

    /// The server deleted `doc_id` (at revision `rev`): the rule is to write this browser's
    /// copy again over the deletion, so nothing the team logged disappears because someone
    /// tidied the database by hand. No digest agrees with an empty one, so it is sent.
    pub fn mark_deleted(&mut self, doc_id: String, rev: String) {
        self.mark(doc_id, rev, String::new());
    }

    /// The `since` parameter of the next `_changes` request.
    pub fn since_param(&self) -> String {
        match &self.since {
            Value::String(text) => text.clone(),
            Value::Null => "0".to_owned(),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connecting_again_takes_the_kept_agreement_of_the_same_database_only() {
        let mut kept = Ledger::new("http://localhost:5984/team", "alice");
        kept.mark("engagement:abcdefghij".into(), "3-a".into(), "d".into());
        kept.base = Some(serde_json::json!({"format": "handrail/engagement"}));

        let mut again = Ledger::new("http://localhost:5984/team/", "bob");
        again.resume(Some(kept.clone()));
        assert_eq!(again.base, kept.base, "the merge base is back");
        assert_eq!(again.rev("engagement:abcdefghij"), Some("3-a"));
        assert_eq!(
            again.account, "bob",
            "the account is the one signing in now"
        );

        let mut elsewhere = Ledger::new("http://localhost:5984/other", "alice");
        elsewhere.resume(Some(kept));
        assert_eq!(elsewhere.base, None);
        assert_eq!(elsewhere.rev("engagement:abcdefghij"), None);
    }
}
