//! The few WebCrypto calls every encrypting feature needs (share links' passphrase, intake's
//! sealed reports), with the browser's refusals as readable text.
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::SubtleCrypto;

/// The browser's reason for a refusal, as text.
pub fn reason(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "no reason given".to_owned())
}

fn crypto() -> Result<web_sys::Crypto, String> {
    web_sys::window()
        .ok_or_else(|| "no window".to_owned())?
        .crypto()
        .map_err(reason)
}

/// WebCrypto exists only on pages served over HTTPS (or localhost).
pub fn subtle() -> Result<SubtleCrypto, String> {
    let subtle = crypto()?.subtle();
    if JsValue::from(subtle.clone()).is_undefined() {
        return Err("encryption needs the app to be opened over HTTPS".to_owned());
    }
    Ok(subtle)
}

pub fn random<const N: usize>() -> Result<[u8; N], String> {
    let mut bytes = [0u8; N];
    crypto()?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(reason)?;
    Ok(bytes)
}

/// Random bytes for ids that only need to be unlikely to collide (an engagement's id, a
/// workshop window's sender id), never for secrets: `crypto.getRandomValues`, or
/// `Math.random` in the rare browser without it, so that making an id never fails.
pub fn id_bytes<const N: usize>() -> [u8; N] {
    random().unwrap_or_else(|_| std::array::from_fn(|_| (js_sys::Math::random() * 256.0) as u8))
}

/// Awaits a WebCrypto promise.
pub async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, String> {
    JsFuture::from(promise.map_err(reason)?)
        .await
        .map_err(reason)
}
