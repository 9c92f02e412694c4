//! Unsent form input, kept in `sessionStorage` on every keystroke.
//!
//! A reload (for instance to take a new version of the app) or a crash must never throw away
//! what someone is typing. sessionStorage belongs to the tab, so two tabs keep separate drafts,
//! and it is gone when the tab closes. Drafts are best effort: if the browser refuses to store
//! one, typing goes on unaffected.
use serde::{de::DeserializeOwned, Serialize};

const PREFIX: &str = "handrail:draft:";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let raw = session()?.get_item(&format!("{PREFIX}{key}")).ok()??;
    crate::domain::json::from_text(&raw).ok()
}

pub fn save<T: Serialize>(key: &str, value: &T) {
    if let (Some(storage), Ok(raw)) = (session(), serde_json::to_string(value)) {
        let _ = storage.set_item(&format!("{PREFIX}{key}"), &raw);
    }
}

pub fn clear(key: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(&format!("{PREFIX}{key}"));
    }
}
