//! Quick capture: type what the user reported, press Enter, type the next. The issue just
//! logged is shown under the field, where the user is looking, with a link to triage it.
use leptos::prelude::*;

use crate::domain::EngagementId;
use crate::route::{Route, Section};
use crate::state::AppState;

#[component]
pub fn QuickCapture(id: EngagementId) -> impl IntoView {
    let state = AppState::get();
    let title = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let logged = RwSignal::new(None::<(u32, String)>);
    let capture = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let typed = title.get_untracked();
            match state.log_issue(&id, &typed) {
                Ok(number) => {
                    title.set(String::new());
                    error.set(None);
                    logged.set(Some((number, typed.trim().to_owned())));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    };
    view! {
        <form class="capture" on:submit=capture novalidate=true>
            <label class="field__label" for="capture-title">"Log an issue"</label>
            <p class="field__hint" id="capture-hint">"Type what the user reported and press Enter. Triage it later."</p>
            {move || error.get().map(|m| view! { <p class="field__error" id="capture-error">{m}</p> })}
            <div class="capture__row">
                <input
                    id="capture-title"
                    class="field__input"
                    autocomplete="off"
                    aria-describedby="capture-hint"
                    prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))
                />
                <button type="submit" class="button button--primary">"Log"</button>
            </div>
            <p class="capture__logged" role="status">
                {move || logged.get().map(|(number, typed)| {
                    let href = Route::Engagement(id.clone(), Section::Issue(number)).href();
                    view! {
                        {format!("Logged #{number} \u{201c}{typed}\u{201d}. ")}
                        <a href=href>{format!("Triage #{number} now")}</a>
                    }
                })}
            </p>
        </form>
    }
}
