//! A presenter's clicker on the console: clickers send Page Down / Page Up (some send the arrow
//! keys or Space), so the facilitator can move the steps without going back to the laptop.
//! Keys typed into a field (a note, a decision) stay the field's.
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::workshop::presentation::AudienceRequest;

/// Moves the steps on clicker keys while the console is open; `active` is false while the
/// console presents here (the projector screen listens then).
pub fn listen(active: Signal<bool>, on_request: impl Fn(AudienceRequest) + 'static) {
    let handle = window_event_listener(leptos::ev::keydown, move |event| {
        if !active.get_untracked() || event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        if typing_into_a_field(&event) {
            return;
        }
        let request = match event.key().as_str() {
            "ArrowRight" | "PageDown" | " " => AudienceRequest::Next,
            "ArrowLeft" | "PageUp" => AudienceRequest::Previous,
            "b" | "B" | "." => AudienceRequest::ToggleBlank,
            _ => return,
        };
        event.prevent_default();
        on_request(request);
    });
    on_cleanup(move || handle.remove());
}

/// Inputs, text areas, selects and buttons keep their own keys (Space presses a button).
fn typing_into_a_field(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(
                e.tag_name().as_str(),
                "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON" | "A" | "SUMMARY"
            ) || e.closest("[contenteditable]").ok().flatten().is_some()
        })
}

#[component]
pub fn ClickerHint() -> impl IntoView {
    view! {
        <p class="clicker-hint">
            "Clicker or keyboard: "
            <kbd>"Page Down"</kbd>", "<kbd>"\u{2192}"</kbd>" or "<kbd>"Space"</kbd>" next step; "
            <kbd>"Page Up"</kbd>" or "<kbd>"\u{2190}"</kbd>" previous; "
            <kbd>"B"</kbd>" blanks the screen."
        </p>
    }
}
