//! The toast in the corner of the screen: confirms what just happened and offers undo. It
//! belongs to the page it was raised on: moving to another page (other than the move the
//! action itself makes) dismisses it, so a message never follows the user round the app.
use leptos::prelude::*;
use std::time::Duration;

use crate::state::AppState;
use crate::ui::router::CurrentRoute;

/// Long enough to read a sentence.
const VISIBLE_FOR: Duration = Duration::from_secs(5);
/// Long enough to notice and reach the Undo button with a keyboard.
const UNDO_VISIBLE_FOR: Duration = Duration::from_secs(12);
/// An action that shows a toast and then opens another page (delete, then the list) keeps
/// its toast across that one move.
const OWN_MOVE_MS: f64 = 1500.0;

#[component]
pub fn ToastRegion() -> impl IntoView {
    let state = AppState::get();
    let region = NodeRef::<leptos::html::Div>::new();
    let shown_at = StoredValue::new(0.0_f64);
    let CurrentRoute(route) = expect_context();
    Effect::new(move |previous: Option<crate::route::Route>| {
        let now = route.get();
        let moved = previous.is_some_and(|p| p != now);
        if moved && js_sys::Date::now() - shown_at.get_value() > OWN_MOVE_MS {
            state.toast.set(None);
        }
        now
    });
    // Each toast dismisses itself after a while, unless keyboard focus is inside it: someone
    // tabbing to Undo must not have it vanish under them.
    Effect::new(move |_| {
        let Some((serial, undo)) = state
            .toast
            .with(|t| t.as_ref().map(|t| (t.serial, t.undo.is_some())))
        else {
            return;
        };
        shown_at.set_value(js_sys::Date::now());
        let visible_for = if undo { UNDO_VISIBLE_FOR } else { VISIBLE_FOR };
        fn schedule(
            state: AppState,
            region: NodeRef<leptos::html::Div>,
            serial: u64,
            visible_for: Duration,
        ) {
            set_timeout(
                move || {
                    let focused_inside = region
                        .get_untracked()
                        .is_some_and(|r| r.matches(":focus-within").unwrap_or(false));
                    let still_shown = state
                        .toast
                        .with_untracked(|t| t.as_ref().is_some_and(|t| t.serial == serial));
                    if still_shown && focused_inside {
                        schedule(state, region, serial, visible_for);
                    } else if still_shown {
                        state.toast.set(None);
                    }
                },
                visible_for,
            );
        }
        schedule(state, region, serial, visible_for);
    });
    view! {
        // Always in the DOM so screen readers announce changes to it.
        <div class="toast-region" role="status" aria-live="polite" node_ref=region>
            {move || {
                state
                    .toast
                    .get()
                    .map(|toast| {
                        let undo = toast.undo.clone();
                        view! {
                            <div class="toast">
                                <p class="toast__message">{toast.message.clone()}</p>
                                {undo
                                    .map(|undo| {
                                        let label = undo.label();
                                        view! {
                                            <button
                                                type="button"
                                                class="button button--inverse"
                                                on:click=move |_| {
                                                    state.toast.set(None);
                                                    state.undo(undo.clone());
                                                }
                                            >
                                                {label}
                                            </button>
                                        }
                                    })}
                                <button
                                    type="button"
                                    class="toast__close"
                                    aria-label="Dismiss message"
                                    on:click=move |_| state.toast.set(None)
                                >
                                    "\u{00d7}"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
