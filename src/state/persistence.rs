//! Asks the browser to keep Handrail's data (`navigator.storage.persist()`): without it a
//! browser may clear localStorage of sites it thinks unimportant when the disk fills up.
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    /// Not asked yet, or the answer has not arrived.
    Unknown,
    Granted,
    /// The browser said no (it decides by itself; asking again later may work).
    NotGranted,
    /// This browser has no Storage API.
    Unsupported,
}

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = window().navigator();
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("storage")).unwrap_or(false);
    has.then(|| navigator.storage())
}

async fn ask(
    call: impl FnOnce(&web_sys::StorageManager) -> Result<js_sys::Promise, JsValue>,
) -> Persistence {
    let Some(manager) = manager() else {
        return Persistence::Unsupported;
    };
    let Ok(promise) = call(&manager) else {
        return Persistence::Unsupported;
    };
    match JsFuture::from(promise).await.map(|v| v.as_bool()) {
        Ok(Some(true)) => Persistence::Granted,
        Ok(Some(false)) => Persistence::NotGranted,
        _ => Persistence::Unsupported,
    }
}

/// Reads whether persistence is granted, without asking.
pub fn check(into: RwSignal<Persistence>) {
    leptos::task::spawn_local(async move {
        into.set(ask(|m| m.persisted()).await);
    });
}

/// Asks for persistence unless it is already granted.
pub fn request(into: RwSignal<Persistence>) {
    if into.get_untracked() == Persistence::Granted {
        return;
    }
    leptos::task::spawn_local(async move {
        into.set(ask(|m| m.persist()).await);
    });
}
