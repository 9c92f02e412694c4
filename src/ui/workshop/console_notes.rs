//! The notes of the step on screen. They reach the engagement shortly after typing stops, on
//! leaving the field, when the step moves on and when the page goes; until then the tab's
//! draft (`typing`) holds them, so a reload loses nothing.
use leptos::prelude::*;

use super::typing;
use crate::domain::workshop::Workshop;
use crate::domain::EngagementId;
use crate::state::{AppState, CommandError};

/// Notes typed and not saved yet: the step's index, its draft key and the text.
type Pending = (usize, String, String);

#[component]
pub fn StepNotes(
    id: EngagementId,
    number: u32,
    workshop: Memo<Option<Workshop>>,
    error: RwSignal<Option<CommandError>>,
) -> impl IntoView {
    let state = AppState::get();
    let pending = StoredValue::new(None::<Pending>);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let flush = {
        let id = id.clone();
        move || {
            if let Some(Some(handle)) = timer.try_update_value(Option::take) {
                handle.clear();
            }
            let Some(Some((index, key, text))) = pending.try_update_value(Option::take) else {
                return;
            };
            match state.set_workshop_notes(&id, number, index, &text) {
                Ok(()) => typing::clear_notes(&id, number, &key),
                Err(e) => error.set(Some(e)),
            }
        }
    };
    let keep = {
        let id = id.clone();
        let flush = flush.clone();
        move |index: usize, key: String, text: String| {
            typing::save_notes(&id, number, &key, &text);
            pending.set_value(Some((index, key, text)));
            if let Some(handle) = timer.get_value() {
                handle.clear();
            }
            let flush = flush.clone();
            let delay = std::time::Duration::from_millis(700);
            timer.set_value(set_timeout_with_handle(flush, delay).ok());
        }
    };
    flush_when_leaving(flush.clone());
    let current_index = Memo::new(move |_| workshop.with(|w| w.as_ref().map_or(0, |w| w.current)));
    Effect::new({
        let flush = flush.clone();
        move |_| {
            current_index.track();
            flush();
        }
    });
    move || {
        let index = current_index.get();
        let (key, saved) = workshop.with_untracked(|w| {
            w.as_ref().map_or_else(Default::default, |w| {
                let notes = w.steps.get(index).map(|s| s.notes.clone());
                (typing::step_key(w, index), notes.unwrap_or_default())
            })
        });
        let text = match typing::load_notes(&id, number, &key) {
            // Typed before a reload and not saved yet: saved now.
            Some(draft) if draft != saved => {
                keep(index, key.clone(), draft.clone());
                draft
            }
            _ => saved,
        };
        let keep = keep.clone();
        let flush = flush.clone();
        view! {
            <div class="field">
                <label class="field__label" for="workshop-notes">"Notes for this step"</label>
                <textarea id="workshop-notes" class="field__input field__textarea" rows="4"
                    on:input=move |ev| keep(index, key.clone(), event_target_value(&ev))
                    on:change=move |_| flush()>{text}</textarea>
            </div>
        }
    }
}

/// Saves what is pending when the page goes away or the console closes.
fn flush_when_leaving(flush: impl Fn() + Clone + Send + Sync + 'static) {
    let on_hide = flush.clone();
    let handle = window_event_listener(leptos::ev::pagehide, move |_| on_hide());
    on_cleanup(move || {
        handle.remove();
        flush();
    });
}
