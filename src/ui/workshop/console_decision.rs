//! Recording a decision in the step on screen, and the decisions recorded there so far. The
//! decision being typed is kept in the tab (`typing`) and shown on the projector as it is typed.
use leptos::prelude::*;

use super::typing;
use crate::domain::workshop::{DecisionForm, Workshop};
use crate::domain::EngagementId;
use crate::state::workshop::{DECISION_BY, DECISION_TEXT};
use crate::state::{AppState, CommandError};

#[component]
pub fn DecisionEntry(
    id: EngagementId,
    number: u32,
    workshop: Memo<Option<Workshop>>,
    /// The decision as typed so far (the projector shows it too).
    typed: RwSignal<String>,
    /// "Recorded by", which also records a dot vote's result.
    recorded_by: RwSignal<String>,
    error: RwSignal<Option<CommandError>>,
) -> impl IntoView {
    let state = AppState::get();
    let step_key = Memo::new(move |_| {
        workshop.with(|w| {
            w.as_ref()
                .map(|w| typing::step_key(w, w.current))
                .unwrap_or_default()
        })
    });
    // The decision typed in this step, back after a reload; a new step starts empty.
    Effect::new({
        let id = id.clone();
        move |_| typed.set(typing::load_decision(&id, number, &step_key.get()))
    });
    let problem = move |field: &'static str| {
        move || {
            error
                .with(|e| e.as_ref().and_then(|e| e.problem_at(field)))
                .map(|m| view! { <p class="field__error">{m}</p> })
        }
    };
    let record = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let form = DecisionForm {
                text: typed.get_untracked(),
                topic: None,
                recorded_by: recorded_by.get_untracked(),
                vote: None,
            };
            match state.record_workshop_decision(&id, number, &form) {
                Ok(()) => {
                    error.set(None);
                    typing::clear_decision(&id, number);
                    typed.set(String::new());
                }
                Err(e) => error.set(Some(e)),
            }
        }
    };
    let type_decision = move |ev| {
        let text = event_target_value(&ev);
        typing::save_decision(&id, number, &step_key.get_untracked(), &text);
        typed.set(text);
    };
    let decisions = move || {
        workshop.with(|w| {
            w.as_ref().map(|w| {
                w.decisions_in_step(w.current)
                    .map(|d| view! { <li>{d.text.clone()}<span class="muted">{format!(" \u{2013} {}", d.recorded_by)}</span></li> })
                    .collect_view()
            })
        })
    };
    view! {
        <form class="workshop-console__decision" on:submit=record novalidate>
            <div class="field">
                <label class="field__label" for=DECISION_TEXT>"Decision"</label>
                <textarea id=DECISION_TEXT class="field__input field__textarea" rows="2"
                    prop:value=move || typed.get()
                    on:input=type_decision></textarea>
                {problem(DECISION_TEXT)}
            </div>
            <div class="field">
                <label class="field__label" for=DECISION_BY>"Recorded by"</label>
                <input id=DECISION_BY class="field__input" type="text" autocomplete="name"
                    prop:value=move || recorded_by.get()
                    on:input=move |ev| recorded_by.set(event_target_value(&ev))/>
                {problem(DECISION_BY)}
            </div>
            <button type="submit" class="button button--secondary">"Record the decision"</button>
        </form>
        <ul class="workshop-console__decisions" aria-label="Decisions in this step">{decisions}</ul>
    }
}
