//! The few direct DOM calls the views need, outside the signals Leptos gives them: moving the
//! keyboard focus where a screen reader or keyboard user should land next.
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the element with this id, if it is there and can take focus.
pub fn focus_by_id(id: &str) {
    let element = document().get_element_by_id(id);
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Focuses the element `id` once the next frame has drawn it, unless focus has moved
/// meanwhile (see [`after_render_unless_focus_moved`]).
pub fn focus_after_render(id: &'static str) {
    after_render_unless_focus_moved(move || focus_by_id(id));
}

/// Runs `move_focus` once the next frame has drawn, unless focus has gone somewhere else
/// meanwhile: a step's or page's title must not take focus from a field someone has already
/// clicked or tabbed into (on a slow device that frame can come long after the click). Focus
/// that was lost because the focused control left the page still moves.
pub fn after_render_unless_focus_moved(move_focus: impl FnOnce() + 'static) {
    let focused = || document().active_element();
    let before = focused();
    request_animation_frame(move || {
        let now = focused();
        let body: Option<web_sys::Element> = document().body().map(Into::into);
        if now == before || now.is_none() || now == body {
            move_focus();
        }
    });
}

/// A picked file's bytes, or `None` if the browser could not read it. The bytes, not
/// `File.text()`: that reads everything as UTF-8 and turns a Windows-1252 "Café" into
/// "Caf\u{fffd}" without a word; the importers detect the encoding themselves.
pub async fn file_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
}

thread_local! {
    /// A navigation asked for the page title's focus before the page's code had arrived.
    static TITLE_FOCUS_OWED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Where a page asked the focus to land instead of its title (a form whose first field
    /// is what the user came for): used once, if that element is there.
    static FOCUS_INSTEAD: std::cell::RefCell<Option<&'static str>> = const { std::cell::RefCell::new(None) };
}

/// The page's own choice of where the focus lands after the navigation that opened it, and
/// now, for when no navigation follows (the page was already open).
pub fn focus_on_arrival(id: &'static str) {
    FOCUS_INSTEAD.with(|instead| *instead.borrow_mut() = Some(id));
    request_animation_frame(move || focus_by_id(id));
}

/// Focuses what the page asked for, if it is there, else its title.
fn focus_title_or_choice() {
    let chosen = FOCUS_INSTEAD
        .with(|instead| instead.borrow_mut().take())
        .filter(|id| document().get_element_by_id(id).is_some());
    focus_by_id(chosen.unwrap_or("page-title"));
}

/// After a navigation: focuses the new page's title, or, while a lazy page is still on its
/// way, leaves that to [`settle_title_focus`] when it arrives.
pub fn focus_page_title() {
    let found = document().get_element_by_id("page-title").is_some();
    TITLE_FOCUS_OWED.with(|owed| owed.set(!found));
    if found {
        focus_title_or_choice();
    }
}

/// Called when a lazy screen has arrived: gives the title (or the page's choice) the focus a
/// navigation asked for.
pub fn settle_title_focus() {
    if TITLE_FOCUS_OWED.with(|owed| owed.replace(false)) {
        focus_title_or_choice();
    }
}

/// Moves the focus `step` places along the elements matching `selector` (clamped at both
/// ends); when none of them has the focus yet, the first one takes it.
pub fn move_focus(selector: &str, step: i32) {
    let Ok(items) = document().query_selector_all(selector) else {
        return;
    };
    let active = document().active_element();
    let count = items.length() as i32;
    let current = (0..count).find(|i| {
        items
            .item(*i as u32)
            .map(|n| Some(n.unchecked_into::<web_sys::Element>()))
            == Some(active.clone())
    });
    let next = current.map_or(0, |i| (i + step).clamp(0, count - 1));
    if let Some(node) = items.item(next as u32) {
        let _ = node.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
