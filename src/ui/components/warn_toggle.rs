//! "Warn me before a breach": switches this browser's warnings for one engagement on or off.
use leptos::prelude::*;

use crate::domain::EngagementId;
use crate::state::AppState;

#[component]
pub fn WarnToggle(id: EngagementId) -> impl IntoView {
    let state = AppState::get();
    let input_id = format!("warn-{id}");
    let on = {
        let id = id.clone();
        move || state.warns(&id)
    };
    let change = move |ev: leptos::ev::Event| {
        state.report_save(state.set_warnings(&id, event_target_checked(&ev)));
    };
    view! {
        <div class="checkbox warn-toggle">
            <input type="checkbox" id=input_id.clone() prop:checked=on on:change=change/>
            <label for=input_id>"Warn me before a breach"</label>
        </div>
    }
}
