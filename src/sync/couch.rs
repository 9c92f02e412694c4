//! The few CouchDB calls team sync makes, over the browser's `fetch` with the session cookie
//! (`credentials: "include"`). Every failure becomes a [`CouchError`] that says in plain words
//! what is wrong and what to do; nothing here touches local data.
use std::fmt;

use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, RequestMode, Response};

/// How long an ordinary request may take before it counts as "server unreachable".
const REQUEST_TIMEOUT_MS: i32 = 30_000;
/// How long the server holds a long-poll `_changes` request open when nothing changes.
pub const LONGPOLL_MS: u32 = 25_000;
/// Changes read in one request: a first sync of a busy engagement reads its history in pages
/// rather than in one answer of unbounded size.
pub const CHANGES_PAGE: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CouchError {
    /// No answer: offline, a wrong address, the server down, or CORS not set up for Handrail.
    Unreachable,
    /// 401: the name or password is wrong, or the session has ended.
    SignIn,
    /// 403: signed in, but this account may not use the database.
    Forbidden(String),
    /// 404: there is no database at this address.
    NoDatabase,
    /// Any other refusal, with the server's reason.
    Refused(u16, String),
    /// An answer that is not what CouchDB sends.
    Garbled(String),
    /// The request was called off (sync stopped, or a local change cut a long poll short).
    Aborted,
}

impl fmt::Display for CouchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unreachable => f.write_str(
                "The team database does not answer. Check the address and your connection; if \
                 it opens in a browser tab, its CORS settings may not allow this page yet.",
            ),
            Self::SignIn => f.write_str("The user name or password is not right, or the session has ended. Sign in again."),
            Self::Forbidden(reason) => write!(
                f,
                "The team database refused this account ({reason}). Ask the team's database admin to give it access."
            ),
            Self::NoDatabase => f.write_str(
                "There is no database at this address. Check the last part of the address (the database name).",
            ),
            Self::Refused(status, reason) => {
                write!(f, "The team database refused the request ({status}: {reason}).")
            }
            Self::Garbled(why) => write!(
                f,
                "The answer does not look like CouchDB's ({why}). Is this the address of a CouchDB database?"
            ),
            Self::Aborted => f.write_str("Sync was stopped."),
        }
    }
}

/// One database on a CouchDB server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Couch {
    /// The database URL without a trailing slash.
    pub database: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ChangeRow {
    pub id: String,
    #[serde(default)]
    pub deleted: bool,
    #[serde(default)]
    pub doc: Option<Value>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Changes {
    pub results: Vec<ChangeRow>,
    pub last_seq: Value,
}

/// One row of a `_bulk_docs` answer.
#[derive(Debug, Clone, Deserialize)]
pub struct Written {
    pub id: String,
    #[serde(default)]
    pub rev: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

impl Couch {
    /// Checks the address a user typed: an http(s) URL with a database name as its last part.
    pub fn at(address: &str) -> Result<Self, String> {
        let address = address.trim().trim_end_matches('/');
        let rest = address
            .strip_prefix("https://")
            .or_else(|| address.strip_prefix("http://"))
            .ok_or("The address starts with https:// (or http:// on your own machine).")?;
        match rest.split_once('/') {
            Some((host, path)) if !host.is_empty() && !path.is_empty() => Ok(Self {
                database: address.to_owned(),
            }),
            _ => Err("Add the database's name after the server, e.g. https://couch.example.com/acme-hypercare.".to_owned()),
        }
    }

    /// The server root (the database URL without its name): where `_session` lives.
    fn server(&self) -> &str {
        self.database
            .rsplit_once('/')
            .map_or(self.database.as_str(), |(server, _)| server)
    }

    /// Exchanges a name and password for a session cookie; the password goes nowhere else.
    pub async fn sign_in(&self, name: &str, password: &str) -> Result<String, CouchError> {
        let body = json!({"name": name, "password": password}).to_string();
        let url = format!("{}/_session", self.server());
        let answer = call("POST", &url, Some(&body), None).await?;
        Ok(answer
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or(name)
            .to_owned())
    }

    /// The account the session cookie belongs to, `None` when there is no session.
    pub async fn session(&self) -> Result<Option<String>, CouchError> {
        let answer = call("GET", &format!("{}/_session", self.server()), None, None).await?;
        Ok(answer
            .pointer("/userCtx/name")
            .and_then(Value::as_str)
            .map(str::to_owned))
    }

    pub async fn sign_out(&self) -> Result<(), CouchError> {
        call("DELETE", &format!("{}/_session", self.server()), None, None)
            .await
            .map(|_| ())
    }

    /// The database's current sequence; also proves it exists and the account may read it.
    pub async fn update_seq(&self) -> Result<Value, CouchError> {
        let info = call("GET", &self.database, None, None).await?;
        info.get("update_seq")
            .cloned()
            .ok_or_else(|| CouchError::Garbled("no update_seq".to_owned()))
    }

    /// Changes after `since`; with `wait`, held open until something changes or the long poll
    /// times out. `abort` lets a local change cut the wait short.
    pub async fn changes(
        &self,
        since: &str,
        wait: bool,
        abort: Option<&AbortController>,
    ) -> Result<Changes, CouchError> {
        let mut url = format!(
            "{}/_changes?include_docs=true&limit={CHANGES_PAGE}&since={}",
            self.database,
            encode(since)
        );
        if wait {
            url.push_str(&format!("&feed=longpoll&timeout={LONGPOLL_MS}"));
        }
        let answer = call("GET", &url, None, abort).await?;
        serde_json::from_value(answer).map_err(|e| CouchError::Garbled(e.to_string()))
    }

    /// Writes `docs` (each with `_id` and, for an update, `_rev`) in one request. Each row of
    /// the answer says whether its document was written or why not (`conflict`).
    pub async fn bulk_docs(&self, docs: Vec<Value>) -> Result<Vec<Written>, CouchError> {
        let body = json!({ "docs": docs }).to_string();
        let url = format!("{}/_bulk_docs", self.database);
        let answer = call("POST", &url, Some(&body), None).await?;
        serde_json::from_value(answer).map_err(|e| CouchError::Garbled(e.to_string()))
    }

    /// The current documents with these ids (missing ones are left out).
    pub async fn fetch(&self, ids: &[String]) -> Result<Vec<Value>, CouchError> {
        let body = json!({ "keys": ids }).to_string();
        let url = format!("{}/_all_docs?include_docs=true", self.database);
        rows(call("POST", &url, Some(&body), None).await?)
    }

    /// Every document whose id starts with `prefix`.
    pub async fn with_prefix(&self, prefix: &str) -> Result<Vec<Value>, CouchError> {
        let start = encode(&Value::from(prefix).to_string());
        let end = encode(&Value::from(format!("{prefix}\u{fff0}")).to_string());
        let url = format!(
            "{}/_all_docs?include_docs=true&startkey={start}&endkey={end}",
            self.database
        );
        rows(call("GET", &url, None, None).await?)
    }
}

fn rows(answer: Value) -> Result<Vec<Value>, CouchError> {
    let rows = answer
        .get("rows")
        .and_then(Value::as_array)
        .ok_or_else(|| CouchError::Garbled("no rows".to_owned()))?;
    Ok(rows.iter().filter_map(document_of).collect())
}

/// A row's document; for a document deleted on the server, its tombstone (id, the deleting
/// revision, `_deleted`), which sync needs to write the document again.
fn document_of(row: &Value) -> Option<Value> {
    if let Some(doc) = row.get("doc").filter(|doc| doc.is_object()) {
        return Some(doc.clone());
    }
    let value = row.get("value")?;
    let deleted = value.get("deleted").and_then(Value::as_bool) == Some(true);
    if !deleted {
        return None;
    }
    Some(json!({"_id": row.get("id")?, "_rev": value.get("rev")?, "_deleted": true}))
}

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// One request; the answer's JSON, or what went wrong. Ordinary requests are called off after
/// [`REQUEST_TIMEOUT_MS`], so a server that accepts the connection and never answers cannot
/// hang sync.
async fn call(
    method: &str,
    url: &str,
    body: Option<&str>,
    abort: Option<&AbortController>,
) -> Result<Value, CouchError> {
    let window = web_sys::window().ok_or(CouchError::Unreachable)?;
    let own = AbortController::new().map_err(|_| CouchError::Unreachable)?;
    let controller = abort.unwrap_or(&own);
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::Include);
    init.set_mode(RequestMode::Cors);
    init.set_signal(Some(&controller.signal()));
    let headers = Headers::new().map_err(|_| CouchError::Unreachable)?;
    let _ = headers.set("Accept", "application/json");
    if let Some(body) = body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    let timer = (abort.is_none()).then(|| {
        let controller = own.clone();
        leptos::prelude::set_timeout_with_handle(
            move || controller.abort(),
            std::time::Duration::from_millis(REQUEST_TIMEOUT_MS as u64),
        )
        .ok()
    });
    let result = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await;
    if let Some(Some(timer)) = timer {
        timer.clear();
    }
    let response: Response = match result {
        Ok(value) => value.dyn_into().map_err(|_| CouchError::Unreachable)?,
        Err(error) => {
            let aborted = error
                .dyn_ref::<web_sys::DomException>()
                .is_some_and(|e| e.name() == "AbortError");
            return Err(if aborted && abort.is_some() {
                CouchError::Aborted
            } else {
                CouchError::Unreachable
            });
        }
    };
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    let answer: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let reason = || {
        answer
            .get("reason")
            .and_then(Value::as_str)
            .unwrap_or("no reason given")
            .to_owned()
    };
    match status {
        200..=299 if answer.is_null() => Err(CouchError::Garbled("not JSON".to_owned())),
        200..=299 => Ok(answer),
        401 => Err(CouchError::SignIn),
        403 => Err(CouchError::Forbidden(reason())),
        404 => Err(CouchError::NoDatabase),
        _ => Err(CouchError::Refused(status, reason())),
    }
}
