//! The `BroadcastChannel` between the console and the audience window of one engagement. Both
//! windows are the same origin in the same browser, so no server is involved; the messages are
//! the domain's [`ChannelMessage`] as JSON text.
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

use crate::domain::workshop::presentation::{channel_name, decode, encode, DecodeError};
use crate::domain::workshop::ChannelMessage;

/// An open channel; closed when dropped, so a page that goes away stops listening.
pub struct Channel {
    inner: BroadcastChannel,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl Channel {
    /// Opens the engagement's channel. `None` where the browser has no `BroadcastChannel`:
    /// the console still works, only a second window cannot follow it.
    pub fn open(
        engagement_id: &str,
        mut on_message: impl FnMut(Result<ChannelMessage, DecodeError>) + 'static,
    ) -> Option<Self> {
        let inner = BroadcastChannel::new(&channel_name(engagement_id)).ok()?;
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(text) = event.data().as_string() {
                on_message(decode(&text));
            }
        });
        inner.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(Self {
            inner,
            _listener: listener,
        })
    }

    pub fn post(&self, message: &ChannelMessage) {
        // Posting fails only on a closed channel, which a live page never holds.
        let _ = self
            .inner
            .post_message(&wasm_bindgen::JsValue::from_str(&encode(message)));
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.inner.set_onmessage(None);
        self.inner.close();
    }
}

/// Asks the browser to keep the screen on while presenting. Browsers without the Screen Wake
/// Lock API, or that refuse (battery saver, a hidden page), simply let the screen sleep as
/// usual: nothing else depends on it, so the outcome is not reported.
pub fn keep_screen_awake() {
    let navigator = web_sys::window().map(|w| w.navigator());
    let Some(navigator) = navigator else {
        return;
    };
    let Ok(wake_lock) = js_sys::Reflect::get(&navigator, &"wakeLock".into()) else {
        return;
    };
    if wake_lock.is_undefined() || wake_lock.is_null() {
        return;
    }
    let Ok(request) = js_sys::Reflect::get(&wake_lock, &"request".into()) else {
        return;
    };
    let Some(request) = request.dyn_ref::<js_sys::Function>() else {
        return;
    };
    if let Ok(promise) = request.call1(&wake_lock, &"screen".into()) {
        if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
            // A refusal rejects the promise; catch it so it is not logged as an error.
            let ignore = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
            let _ = promise.catch(&ignore);
            ignore.forget();
        }
    }
}

/// A random id for this console window's messages.
pub fn random_sender() -> u64 {
    u64::from_le_bytes(crate::web_crypto::id_bytes())
}
