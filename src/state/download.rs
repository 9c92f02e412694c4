//! Saves text as a file on the user's device, with no server: a Blob and a temporary link.
use wasm_bindgen::JsValue;

use super::CommandError;

/// Hands `text` to the browser as a download named `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), CommandError> {
    let describe = |e: JsValue| {
        let why = crate::web_crypto::reason(e);
        CommandError::BrowserRefused(format!("the browser refused the download ({why})"))
    };
    let missing = || CommandError::BrowserRefused("there is no page to download from".to_owned());
    let window = web_sys::window().ok_or_else(missing)?;
    let document = window.document().ok_or_else(missing)?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let link: web_sys::HtmlAnchorElement =
        wasm_bindgen::JsCast::unchecked_into(document.create_element("a").map_err(describe)?);
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // Revoking at once can cancel the download in some browsers; give it a moment.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(5),
    );
    Ok(())
}

impl super::AppState {
    /// Downloads a file and says so in a toast if the browser refuses, for the views' buttons.
    pub fn offer_file(&self, file_name: &str, mime: &str, text: &str) {
        if let Err(error) = download_text(file_name, mime, text) {
            self.show_toast(format!("The file could not be downloaded: {error}."), None);
        }
    }
}
