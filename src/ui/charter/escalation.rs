//! Step 4: who to escalate to, in order, when an issue is beyond the hypercare team.
use leptos::prelude::*;

use super::editor::DraftEditor;
use super::sample_note::SampleNote;
use crate::domain::charter::EscalationLevel;
use crate::ui::components::{TextArea, TextField};
use crate::ui::dom::focus_by_id;

#[component]
pub fn EscalationStep(editor: DraftEditor) -> impl IntoView {
    let draft = editor.draft;
    let count = move || draft.with(|d| d.charter.escalation.len());
    let add = move |_| {
        editor.edit(|c| c.escalation.push(EscalationLevel::default()));
        let i = draft.with_untracked(|d| d.charter.escalation.len() - 1);
        request_animation_frame(move || focus_by_id(&format!("escalation-{i}-name")));
    };
    view! {
        <p class="step-intro">"For issues beyond the hypercare team\u{2019}s authority: who decides, how to reach them, and when to go to them. First level first."</p>
        {move || editor.error("escalation-add").get().map(|m| view! { <p class="field__error">{m}</p> })}
        <ol class="plain-list">
            <For each=move || 0..count() key=|i| *i children=move |i| view! { <LevelEditor editor i/> }/>
        </ol>
        <button type="button" class="button button--secondary" id="escalation-add" on:click=add>"Add a level"</button>
    }
}

#[component]
fn LevelEditor(editor: DraftEditor, i: usize) -> impl IntoView {
    let draft = editor.draft;
    let read = move |f: fn(&EscalationLevel) -> String| {
        Signal::derive(move || {
            draft.with(|d| d.charter.escalation.get(i).map(f).unwrap_or_default())
        })
    };
    let write = move |f: fn(&mut EscalationLevel, String)| {
        Callback::new(move |value: String| {
            editor.edit(|c| {
                if let Some(level) = c.escalation.get_mut(i) {
                    f(level, value)
                }
            })
        })
    };
    let count = move || draft.with(|d| d.charter.escalation.len());
    let swap = move |other: usize| {
        editor.edit(|c| {
            if other < c.escalation.len() {
                c.escalation.swap(i, other)
            }
        })
    };
    view! {
        <li>
            <fieldset class="item-card">
                <legend class="item-card__legend">{format!("Level {}", i + 1)}</legend>
                <SampleNote editor fields=format!("escalation-{i}-")/>
                <div class="field-row">
                    <TextField id=format!("escalation-{i}-name") label="Name" value=read(|l| l.name.clone())
                        on_input=write(|l, v| l.name = v) error=editor.error(format!("escalation-{i}-name"))/>
                    <TextField id=format!("escalation-{i}-role") label="Role" value=read(|l| l.role.clone())
                        on_input=write(|l, v| l.role = v) error=editor.error(format!("escalation-{i}-role"))/>
                </div>
                <TextField id=format!("escalation-{i}-reach") label="How to reach them" hint="Phone, e-mail or channel"
                    value=read(|l| l.how_to_reach.clone()) on_input=write(|l, v| l.how_to_reach = v)
                    error=editor.error(format!("escalation-{i}-reach"))/>
                <TextArea id=format!("escalation-{i}-when") label="When to escalate to them" rows=2
                    value=read(|l| l.when.clone()) on_input=write(|l, v| l.when = v)
                    error=editor.error(format!("escalation-{i}-when"))/>
                <div class="actions actions--tight">
                    <button type="button" class="button button--secondary" disabled=move || i == 0
                        on:click=move |_| swap(i.wrapping_sub(1))>{format!("Move level {} up", i + 1)}</button>
                    <button type="button" class="button button--secondary" disabled={move || i + 1 >= count()}
                        on:click=move |_| swap(i + 1)>{format!("Move level {} down", i + 1)}</button>
                    <button type="button" class="button button--secondary"
                        on:click=move |_| editor.edit(|c| { if i < c.escalation.len() { c.escalation.remove(i); } })>
                        {format!("Remove level {}", i + 1)}
                    </button>
                </div>
            </fieldset>
        </li>
    }
}
