//! Step 3: severity levels with their response and resolution targets.
use crate::domain::triage::clock::{RESOLUTION_CLOCK_RULE, RESPONSE_CLOCK_RULE};
use crate::domain::triage::update_clock::UPDATE_CLOCK_RULE;
use leptos::prelude::*;

use super::editor::DraftEditor;
use crate::domain::charter::service_levels::new_severity_id;
use crate::domain::charter::{ClockMode, SeverityLevel};
use crate::ui::components::{SelectField, TextArea, TextField};
use crate::ui::dom::focus_by_id;
use crate::ui::format::{hours_text, parse_hours};

#[component]
pub fn ServiceLevelsStep(editor: DraftEditor) -> impl IntoView {
    let draft = editor.draft;
    let ids = move || {
        draft.with(|d| {
            d.charter
                .severities
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let calendar = move || draft.with(|d| d.charter.calendar.describe_hours());
    let add = move |_| {
        let id = draft.with_untracked(|d| new_severity_id(&d.charter.severities));
        let new_id = id.clone();
        editor.edit(|c| {
            c.severities.push(SeverityLevel {
                id,
                name: String::new(),
                meaning: String::new(),
                response_hours: None,
                resolution_hours: None,
                clock: ClockMode::WorkingHours,
                warn_percent: None,
                update_hours: None,
            })
        });
        request_animation_frame(move || focus_by_id(&format!("severity-{new_id}-name")));
    };
    view! {
        <p class="step-intro">
            "Response times by severity. Working-hours clocks run "
            <strong>{calendar}</strong>
            "; around-the-clock levels count every hour."
        </p>
        <div class="step-intro clock-rules">
            <p>{RESPONSE_CLOCK_RULE}</p>
            <p>{RESOLUTION_CLOCK_RULE}</p>
        </div>
        {move || editor.error("severity-add").get().map(|m| view! { <p class="field__error">{m}</p> })}
        <For each=ids key=|id| id.clone() children=move |id| view! { <SeverityEditor editor id/> }/>
        <button type="button" class="button button--secondary" id="severity-add" on:click=add>
            "Add a severity level"
        </button>
        <super::matrix::MatrixEditor editor/>
    }
}

#[component]
fn SeverityEditor(editor: DraftEditor, id: String) -> impl IntoView {
    let read = |f| editor.item_text(|c| &c.severities, &id, f);
    let write = |f| editor.item_edit(|c| &mut c.severities, &id, f);
    let remove = {
        let id = id.clone();
        move |_| editor.edit(|c| c.severities.retain(|s| s.id != id))
    };
    let clock_options = Signal::stored(vec![
        ("working_hours".to_owned(), "Working hours".to_owned()),
        (
            "around_the_clock".to_owned(),
            "Around the clock (24x7)".to_owned(),
        ),
    ]);
    view! {
        <fieldset class="item-card">
            <legend class="item-card__legend">
                {read(|s| if s.name.trim().is_empty() { "New level".to_owned() } else { s.name.clone() })}
            </legend>
            <TextField
                id=format!("severity-{id}-name")
                label="Name"
                value=read(|s| s.name.clone())
                on_input=write(|s, v| s.name = v)
                error=editor.error(format!("severity-{id}-name"))
            />
            <TextArea
                id=format!("severity-{id}-meaning")
                label="When an issue is this severe"
                optional=true
                rows=2
                value=read(|s| s.meaning.clone())
                on_input=write(|s, v| s.meaning = v)
            />
            <div class="field-row">
                <TextField
                    id=format!("severity-{id}-response")
                    label="First response within (hours)"
                    input_type="number"
                    inputmode="numeric"
                    min="1"
                    value=read(|s| hours_text(s.response_hours))
                    on_input=write(|s, v| s.response_hours = parse_hours(&v))
                    error=editor.error(format!("severity-{id}-response"))
                />
                <TextField
                    id=format!("severity-{id}-resolution")
                    label="Resolution within (hours)"
                    input_type="number"
                    inputmode="numeric"
                    min="1"
                    optional=true
                    value=read(|s| hours_text(s.resolution_hours))
                    on_input=write(|s, v| s.resolution_hours = parse_hours(&v))
                    error=editor.error(format!("severity-{id}-resolution"))
                />
            </div>
            <TextField
                id=format!("severity-{id}-warn")
                label="Warn at (% of each target)"
                input_type="number"
                inputmode="numeric"
                min="1"
                max="99"
                optional=true
                value=read(|s| s.warn_percent.map(|p| p.to_string()).unwrap_or_default())
                on_input=write(|s, v| s.warn_percent = v.trim().parse::<u16>().ok().map(|p| p.min(255) as u8))
                error=editor.error(format!("severity-{id}-warn"))
            />
            <p class="field__hint">"Empty: 75 %. At this share of a target its clock turns \u{201c}at risk\u{201d} and warns whoever switched warnings on; a second warning comes at the breach."</p>
            <TextField
                id=format!("severity-{id}-update")
                label="Update the business every (hours)"
                input_type="number"
                inputmode="numeric"
                min="1"
                optional=true
                value=read(|s| hours_text(s.update_hours))
                on_input=write(|s, v| s.update_hours = parse_hours(&v))
                error=editor.error(format!("severity-{id}-update"))
            />
            <p class="field__hint">{UPDATE_CLOCK_RULE}" Empty: no cadence."</p>
            <SelectField
                id=format!("severity-{id}-clock")
                label="Clock counts"
                options=clock_options
                value=read(|s| match s.clock { ClockMode::WorkingHours => "working_hours".to_owned(), ClockMode::AroundTheClock => "around_the_clock".to_owned() })
                on_change=write(|s, v| s.clock = if v == "around_the_clock" { ClockMode::AroundTheClock } else { ClockMode::WorkingHours })
            />
            <button type="button" class="button button--secondary" on:click=remove>"Remove this level"</button>
        </fieldset>
    }
}
