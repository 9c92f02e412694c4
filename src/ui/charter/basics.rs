//! Step 1: system, go-live, duration and the fixed end date, and the working calendar.
use chrono::NaiveTime;
use leptos::prelude::*;

use super::editor::DraftEditor;
use super::sample_note::SampleNote;
use crate::domain::charter::calendar::{weekday_name, WEEKDAYS};
use crate::domain::charter::{Holiday, RECOMMENDED_WEEKS};
use crate::state::charter::available_time_zones;
use crate::ui::components::{SelectField, TextArea, TextField};
use crate::ui::format::long_date;

#[component]
pub fn BasicsStep(editor: DraftEditor) -> impl IntoView {
    let draft = editor.draft;
    let end = Memo::new(move |_| draft.with(|d| d.charter.end_date()));
    let outside_recommendation = Memo::new(move |_| {
        draft.with(|d| {
            d.charter
                .duration_weeks
                .is_some_and(|w| !RECOMMENDED_WEEKS.contains(&w))
        })
    });
    view! {
        <p class="step-intro">"When hypercare starts and ends, and the calendar its response times are counted in."</p>
        <TextField
            id="charter-system"
            label="System going live"
            value=editor.text(|c| c.system.clone())
            on_input=Callback::new(move |v: String| editor.edit(|c| c.system = v))
            error=editor.error("charter-system")
        />
        <div class="field-row">
            <TextField
                id="charter-go-live"
                label="Go-live date"
                input_type="date"
                value=editor.text(|c| c.go_live.clone())
                on_input=Callback::new(move |v: String| editor.edit(|c| c.go_live = v))
                error=editor.error("charter-go-live")
            />
            <TextField
                id="charter-duration"
                label="Duration in weeks"
                hint="2 to 4 weeks is recommended"
                input_type="number"
                inputmode="numeric"
                min="1"
                max="8"
                value=editor.text(|c| c.duration_weeks.map(|w| w.to_string()).unwrap_or_default())
                on_input=Callback::new(move |v: String| editor.edit(|c| c.duration_weeks = v.trim().parse().ok()))
                error=editor.error("charter-duration")
            />
        </div>
        <p class="derived" aria-live="polite">
            {move || match end.get() {
                Some(end) => format!("Hypercare ends on {}. The end date is fixed: unresolved issues transfer to the business team with a plan.", long_date(end)),
                None => "The end date appears here once the go-live date and duration are valid.".to_owned(),
            }}
        </p>
        <Show when=move || outside_recommendation.get()>
            <TextArea
                id="charter-duration-reason"
                label="Why this duration?"
                hint="Outside 2 to 4 weeks, write down why, so the choice is deliberate"
                value=editor.text(|c| c.duration_reason.clone())
                on_input=Callback::new(move |v: String| editor.edit(|c| c.duration_reason = v))
                error=editor.error("charter-duration-reason")
            />
        </Show>

        <WorkingCalendar editor/>
    }
}

/// The calendar the response times are counted in: zone, working days and hours, holidays.
#[component]
fn WorkingCalendar(editor: DraftEditor) -> impl IntoView {
    let draft = editor.draft;
    let zones = Signal::derive({
        let all = available_time_zones();
        move || {
            let current = draft.with(|d| d.charter.calendar.time_zone.clone());
            let mut options: Vec<(String, String)> = all
                .iter()
                .map(|z| (z.clone(), z.replace('_', " ")))
                .collect();
            if !all.contains(&current) && !current.is_empty() {
                options.insert(0, (current.clone(), current));
            }
            options
        }
    });
    let time_text = |t: NaiveTime| t.format("%H:%M").to_string();
    let parse_time = |text: &str| NaiveTime::parse_from_str(text, "%H:%M").ok();

    view! {
        <h3 class="subhead">"Working calendar"</h3>
        <SelectField
            id="charter-time-zone"
            label="Time zone"
            hint="Service levels are counted in this zone's local time"
            options=zones
            value=editor.text(|c| c.calendar.time_zone.clone())
            on_change=Callback::new(move |v: String| editor.edit(|c| c.calendar.time_zone = v))
            error=editor.error("charter-time-zone")
        />
        <fieldset class="fieldset" aria-describedby="working-days-hint">
            <legend class="field__label">"Working days"</legend>
            <p class="field__hint" id="working-days-hint">"Critical issues can still be counted around the clock: set that per severity under Service levels."</p>
            {move || editor.error("charter-day-0").get().map(|m| view! { <p class="field__error">{m}</p> })}
            <div class="checkbox-row">
                {WEEKDAYS.iter().enumerate().map(|(i, day)| {
                    let id = format!("charter-day-{i}");
                    view! {
                        <div class="checkbox">
                            <input
                                type="checkbox"
                                id=id.clone()
                                prop:checked=move || draft.with(|d| d.charter.calendar.working_days[i])
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    editor.edit(|c| c.calendar.working_days[i] = on);
                                }
                            />
                            <label for=id>{weekday_name(*day)}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
        <div class="field-row">
            <TextField
                id="charter-day-starts"
                label="Working day starts"
                input_type="time"
                value=Signal::derive(move || draft.with(|d| time_text(d.charter.calendar.day_starts)))
                on_input=Callback::new(move |v: String| if let Some(t) = parse_time(&v) { editor.edit(|c| c.calendar.day_starts = t) })
                error=editor.error("charter-day-starts")
            />
            <TextField
                id="charter-day-ends"
                label="Working day ends"
                input_type="time"
                value=Signal::derive(move || draft.with(|d| time_text(d.charter.calendar.day_ends)))
                on_input=Callback::new(move |v: String| if let Some(t) = parse_time(&v) { editor.edit(|c| c.calendar.day_ends = t) })
                error=editor.error("charter-day-ends")
            />
        </div>
        <Holidays editor/>
    }
}

/// The public holidays inside the hypercare period, each editable and removable.
#[component]
fn Holidays(editor: DraftEditor) -> impl IntoView {
    let draft = editor.draft;
    view! {
        <fieldset class="fieldset">
            <legend class="field__label">"Public holidays"</legend>
            <p class="field__hint">"Days inside the hypercare period when working-hours clocks stop."</p>
            <For
                each=move || 0..draft.with(|d| d.charter.calendar.holidays.len())
                key=|i| *i
                children=move |i| view! {
                    <div class="item-row">
                        <TextField
                            id=format!("holiday-{i}-date")
                            label=format!("Holiday {} date", i + 1)
                            input_type="date"
                            value=Signal::derive(move || draft.with(|d| d.charter.calendar.holidays.get(i).map(|h| h.date.clone()).unwrap_or_default()))
                            on_input=Callback::new(move |v: String| editor.edit(|c| if let Some(h) = c.calendar.holidays.get_mut(i) { h.date = v }))
                            error=editor.error(format!("holiday-{i}-date"))
                        />
                        <TextField
                            id=format!("holiday-{i}-name")
                            label=format!("Holiday {} name", i + 1)
                            value=Signal::derive(move || draft.with(|d| d.charter.calendar.holidays.get(i).map(|h| h.name.clone()).unwrap_or_default()))
                            on_input=Callback::new(move |v: String| editor.edit(|c| if let Some(h) = c.calendar.holidays.get_mut(i) { h.name = v }))
                            error=editor.error(format!("holiday-{i}-name"))
                        />
                        <button type="button" class="button button--secondary item-row__remove"
                            on:click=move |_| editor.edit(|c| { if i < c.calendar.holidays.len() { c.calendar.holidays.remove(i); } })>
                            {format!("Remove holiday {}", i + 1)}
                        </button>
                    </div>
                    <SampleNote editor fields=format!("holiday-{i}-")/>
                }
            />
            <button type="button" class="button button--secondary" on:click=move |_| {
                editor.edit(|c| c.calendar.holidays.push(Holiday { id: String::new(), date: String::new(), name: String::new() }));
                let i = draft.with_untracked(|d| d.charter.calendar.holidays.len() - 1);
                request_animation_frame(move || crate::ui::dom::focus_by_id(&format!("holiday-{i}-date")));
            }>
                "Add a holiday"
            </button>
        </fieldset>
    }
}
