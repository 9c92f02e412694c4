//! The toast at the bottom of the screen: confirms what just happened and offers undo.
use leptos::prelude::*;
use std::time::Duration;

use crate::state::AppState;

/// Long enough to notice and reach the Undo button with a keyboard.
const VISIBLE_FOR: Duration = Duration::from_secs(12);

#[component]
pub fn ToastRegion() -> impl IntoView {
    let state = AppState::get();
    let region = NodeRef::<leptos::html::Div>::new();
    // Each toast dismisses itself after a while, unless keyboard focus is inside it: someone
    // tabbing to Undo must not have it vanish under them.
    Effect::new(move |_| {
        let Some(serial) = state.toast.with(|t| t.as_ref().map(|t| t.serial)) else {
            return;
        };
        fn schedule(state: AppState, region: NodeRef<leptos::html::Div>, serial: u64) {
            set_timeout(
                move || {
                    let focused_inside = region
                        .get_untracked()
                        .is_some_and(|r| r.matches(":focus-within").unwrap_or(false));
                    let still_shown = state
                        .toast
                        .with_untracked(|t| t.as_ref().is_some_and(|t| t.serial == serial));
                    if still_shown && focused_inside {
                        schedule(state, region, serial);
                    } else if still_shown {
                        state.toast.set(None);
                    }
                },
                VISIBLE_FOR,
            );
        }
        schedule(state, region, serial);
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
                                        view! {
                                            <button
                                                type="button"
                                                class="button button--inverse"
                                                on:click=move |_| {
                                                    state.toast.set(None);
                                                    state.undo(undo.clone());
                                                }
                                            >
                                                "Undo"
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
