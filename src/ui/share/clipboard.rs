//! Copying a link: the async Clipboard API where the browser allows it; otherwise the caller
//! selects the text in its field so the user can copy it with the keyboard.
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard; `Err` when the browser has no clipboard or refuses.
pub async fn write(text: &str) -> Result<(), ()> {
    // web-sys rather than Leptos: the report page (no Leptos) copies with this too.
    let navigator = web_sys::window().ok_or(())?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined())
        .ok_or(())?;
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|w| w.dyn_into::<js_sys::Function>().ok())
        .ok_or(())?;
    let promise = write
        .call1(&clipboard, &JsValue::from_str(text))
        .map_err(|_| ())?;
    JsFuture::from(js_sys::Promise::from(promise))
        .await
        .map(|_| ())
        .map_err(|_| ())
}
