//! The person using this browser, in the header: the name every change here is signed with
//! (issue histories, decisions, reviews), asked once per browser and changed from any page.
use leptos::html;
use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn YourName() -> impl IntoView {
    let state = AppState::get();
    let name = Memo::new(move |_| state.meta.with(|m| m.your_name.clone()));
    let typed = RwSignal::new(String::new());
    let panel = NodeRef::<html::Details>::new();
    let field = NodeRef::<html::Input>::new();
    // Opening starts from the name as saved, with the field ready for typing.
    let opened = move |_| {
        if panel.get().is_some_and(|p| p.open()) {
            typed.set(name.get_untracked());
            if let Some(field) = field.get() {
                let _ = field.focus();
            }
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.set_your_name(typed.get_untracked());
        if let Some(panel) = panel.get() {
            panel.set_open(false);
        }
    };
    view! {
        <details class="you" node_ref=panel on:toggle=opened>
            // A phone shows the short words; the label says it all.
            <summary aria-label=move || name.with(|n| if n.is_empty() { "Your name (not given yet)".to_owned() } else { format!("Your name: {n}") })>
                {move || {
                    let name = name.get();
                    let (short, long) = if name.is_empty() {
                        ("Name?", "Your name?".to_owned())
                    } else {
                        ("You", format!("You: {name}"))
                    };
                    let asking = name.is_empty();
                    view! {
                        <span class="words--long" class:you__ask=asking>{long}</span>
                        <span class="words--short" class:you__ask=asking>{short}</span>
                    }
                }}
            </summary>
            <form class="you__panel" on:submit=save>
                <label class="field__label" for="your-name">"Your name"</label>
                <p class="field__hint" id="your-name-hint">"Signs what you change here: issue histories, decisions, reviews. Kept in this browser only."</p>
                <input id="your-name" node_ref=field class="field__input" autocomplete="name" aria-describedby="your-name-hint"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                <button type="submit" class="button button--primary">"Save"</button>
            </form>
        </details>
    }
}
