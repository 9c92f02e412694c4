//! Which tab of this browser syncs an engagement: the one holding its Web Lock
//! (`navigator.locks`). The browser grants a lock to one tab at a time and frees it when that
//! tab closes or crashes, however long a request of the holder takes, which a lease renewed
//! between requests cannot promise (a long poll outlasts it). Browsers without Web Locks fall
//! back on the lease in localStorage (`storage::sync_ledger::hold_lease`).
//!
//! Called through `js_sys::Reflect`: `web-sys` still marks `LockManager` unstable.
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::domain::EngagementId;

/// A held lock: released when dropped (the loop ended, sync stopped).
pub(crate) struct HeldLock {
    release: Function,
}

impl Drop for HeldLock {
    fn drop(&mut self) {
        let _ = self.release.call0(&JsValue::NULL);
    }
}

pub(crate) enum Attempt {
    Held(HeldLock),
    /// Another tab holds it.
    Taken,
    /// This browser has no Web Locks.
    Unsupported,
}

/// Takes the lock on syncing `id` if no other tab holds it; never waits for it.
pub(super) async fn try_lock(id: &EngagementId) -> Attempt {
    try_named_lock(&format!("handrail-sync:{id}")).await
}

/// Takes the Web Lock `name` if no other tab of this browser holds it; never waits for it.
pub(crate) async fn try_named_lock(name: &str) -> Attempt {
    let Some((locks, request)) = lock_manager() else {
        return Attempt::Unsupported;
    };
    // Resolved by the browser's callback with whether the lock was granted.
    let mut granted: Option<Function> = None;
    let answer = Promise::new(&mut |resolve, _| granted = Some(resolve));
    // Resolving this ends the callback's promise, which is what releases the lock.
    let mut release: Option<Function> = None;
    let held = Promise::new(&mut |resolve, _| release = Some(resolve));
    let (Some(granted), Some(release)) = (granted, release) else {
        return Attempt::Unsupported;
    };
    let answer_on_refusal = granted.clone();
    let callback = Closure::once_into_js(move |lock: JsValue| {
        let _ = granted.call1(&JsValue::NULL, &JsValue::from_bool(!lock.is_null()));
        held
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let name = JsValue::from_str(name);
    let Ok(requested) = request.call3(&locks, &name, &options, &callback) else {
        return Attempt::Unsupported;
    };
    let lock = HeldLock { release };
    // The request's own promise rejects if the browser refuses locks here (a sandboxed
    // frame, say): the callback then never runs, so the refusal answers instead.
    let refused = Closure::once_into_js(move |_: JsValue| {
        let _ = answer_on_refusal.call1(&JsValue::NULL, &JsValue::NULL);
    });
    if let Some(then) = Reflect::get(&requested, &"then".into())
        .ok()
        .and_then(|then| then.dyn_into::<Function>().ok())
    {
        let _ = then.call2(&requested, &JsValue::UNDEFINED, &refused);
    }
    // Dropping `lock` when it is not held ends the (empty) request.
    match JsFuture::from(answer).await.map(|answer| answer.as_bool()) {
        Ok(Some(true)) => Attempt::Held(lock),
        Ok(Some(false)) => Attempt::Taken,
        _ => Attempt::Unsupported,
    }
}

fn lock_manager() -> Option<(JsValue, Function)> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    Some((locks, request))
}
