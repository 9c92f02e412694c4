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
