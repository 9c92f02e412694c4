//! The team database inbox: with it, a report goes straight from the phone into a CouchDB
//! database of the team's, as one document, written by a reporter account that may only create
//! report documents (scripts/couchdb/inbox-guard.js refuses everything else). The team's
//! Handrail reads the inbox's changes feed. Reports are sealed there too: reporters cannot read
//! each other's, and neither can anyone who gets hold of the database.
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// What the report link tells a phone about the inbox: where it is, and the reporter account
/// (which can do nothing but add reports, so it may travel in the link).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InboxAccess {
    /// The inbox database's URL.
    #[serde(rename = "u")]
    pub url: String,
    #[serde(rename = "n")]
    pub name: String,
    #[serde(rename = "p")]
    pub password: String,
}

/// The `type` of a report document, and the start of its id.
pub const REPORT_TYPE: &str = "handrail-report";
pub const ID_PREFIX: &str = "report:";

impl InboxAccess {
    /// What is wrong with it, if anything, in words that finish "…: " on either side.
    pub fn problem(&self) -> Option<String> {
        let url = self.url.trim();
        let web = url.starts_with("https://")
            || url.starts_with("http://localhost")
            || url.starts_with("http://127.0.0.1");
        if !web || url.chars().count() > 300 || url.trim_end_matches('/').matches('/').count() < 3 {
            return Some("the inbox address must be a database's https:// address (https://couch.example.com/acme-inbox)".to_owned());
        }
        if self.name.trim().is_empty() || self.name.chars().count() > 100 {
            return Some("the reporter account's name is missing or too long".to_owned());
        }
        if self.password.is_empty() || self.password.chars().count() > 200 {
            return Some("the reporter account's password is missing or too long".to_owned());
        }
        // The phone sends them with basic authentication, which carries only these characters.
        let printable = |text: &str| text.chars().all(|c| c.is_ascii_graphic() || c == ' ');
        if !printable(&self.name) || !printable(&self.password) || self.name.contains(':') {
            return Some("the reporter account's name and password may use only ASCII letters, digits and punctuation (no colon in the name)".to_owned());
        }
        None
    }

    /// The database URL without a trailing slash.
    pub fn database(&self) -> &str {
        self.url.trim().trim_end_matches('/')
    }
}

/// The document a phone writes for a sealed report: its id is the report's, so sending it
/// twice (a retry after a dropped connection) writes nothing new.
pub fn report_document(report_id: &str, payload: &str) -> Value {
    json!({"_id": format!("{ID_PREFIX}{report_id}"), "type": REPORT_TYPE, "sealed": payload})
}

/// The sealed report a document of the inbox carries, if it is a report document.
pub fn payload_of(document: &Value) -> Option<&str> {
    let is_report = document.get("type").and_then(Value::as_str) == Some(REPORT_TYPE)
        && document
            .get("_id")
            .and_then(Value::as_str)
            .is_some_and(|id| id.starts_with(ID_PREFIX));
    if !is_report {
        return None;
    }
    document.get("sealed")?.as_str()
}
