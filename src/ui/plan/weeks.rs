//! The plan's weeks, each editable: level, the severities the project team still handles,
//! check-in cadence, and what the business team must be able to do by the end of it.
use leptos::prelude::*;

use crate::domain::withdrawal::{Cadence, SupportLevel, WeekPlan};
use crate::state::SavedEngagement;
use crate::ui::components::{SelectField, TextArea};
use crate::ui::format::long_date;

#[component]
pub fn Weeks(record: Signal<SavedEngagement>) -> impl IntoView {
    // Rebuilt only when the number of weeks or the go-live changes, never while typing.
    let shape = Memo::new(move |_| {
        record.with(|r| {
            let charter = r.engagement.charter.in_force();
            let plan = r.engagement.withdrawal.as_ref();
            let starts: Vec<Option<chrono::NaiveDate>> = match (plan, charter) {
                (Some(p), Some(c)) => (1..=p.weeks.len() as u32)
                    .map(|w| p.week_start(c, w))
                    .collect(),
                _ => Vec::new(),
            };
            let severities: Vec<(String, String)> = charter
                .map(|c| {
                    c.severities
                        .iter()
                        .map(|s| (s.id.clone(), s.name.clone()))
                        .collect()
                })
                .unwrap_or_default();
            (starts, severities)
        })
    });
    view! {
        <section class="card" aria-labelledby="weeks-title">
            <h2 id="weeks-title">"The weeks"</h2>
            {move || {
                let (starts, severities) = shape.get();
                starts
                    .into_iter()
                    .enumerate()
                    .map(|(index, start)| view! { <WeekEditor record index start severities=severities.clone()/> })
                    .collect_view()
            }}
        </section>
    }
}

#[component]
fn WeekEditor(
    record: Signal<SavedEngagement>,
    index: usize,
    start: Option<chrono::NaiveDate>,
    severities: Vec<(String, String)>,
) -> impl IntoView {
    let editor = super::PlanEditor::get();
    let week = Memo::new(move |_| {
        record.with(|r| {
            r.engagement
                .withdrawal
                .as_ref()
                .and_then(|p| p.weeks.get(index).cloned())
        })
    });
    let edit = move |change: Box<dyn FnOnce(&mut WeekPlan)>| {
        editor.edit(|plan| {
            if let Some(week) = plan.weeks.get_mut(index) {
                change(week);
            }
        });
    };
    let n = index + 1;
    let levels = Signal::stored(
        SupportLevel::ALL
            .iter()
            .map(|l| (l.key().to_owned(), l.name().to_owned()))
            .collect::<Vec<_>>(),
    );
    let cadences = Signal::stored(
        Cadence::ALL
            .iter()
            .map(|c| (c.key().to_owned(), c.name().to_owned()))
            .collect::<Vec<_>>(),
    );
    let goal = RwSignal::new(week.with_untracked(|w| {
        w.as_ref()
            .map(|w| w.business_goal.clone())
            .unwrap_or_default()
    }));
    view! {
        <fieldset class="item-card week">
            <legend class="item-card__legend">{format!("Week {n}{}", start.map(|s| format!(", from {}", long_date(s))).unwrap_or_default())}</legend>
            <div class="field-row">
                <SelectField id=format!("week-{n}-level") label="Support level" options=levels
                    value=Signal::derive(move || week.with(|w| w.as_ref().map(|w| w.level.key().to_owned()).unwrap_or_default()))
                    on_change=Callback::new(move |key: String| if let Some(level) = SupportLevel::from_key(&key) { edit(Box::new(move |w| w.level = level)) })/>
                <SelectField id=format!("week-{n}-cadence") label="Check-ins" options=cadences
                    value=Signal::derive(move || week.with(|w| w.as_ref().map(|w| w.cadence.key().to_owned()).unwrap_or_default()))
                    on_change=Callback::new(move |key: String| if let Some(c) = Cadence::from_key(&key) { edit(Box::new(move |w| w.cadence = c)) })/>
            </div>
            <p class="field__hint">{move || week.with(|w| w.as_ref().map(|w| w.level.meaning()).unwrap_or_default())}</p>
            <Show when=move || week.with(|w| w.as_ref().is_some_and(|w| w.level == SupportLevel::CriticalOnly))>
                <fieldset class="fieldset">
                    <legend class="field__label">"The project team still handles"</legend>
                    <div class="checkbox-row">
                        {severities.iter().map(|(sid, name)| {
                            let sid = sid.clone();
                            let box_id = format!("week-{n}-severity-{sid}");
                            let checked_id = sid.clone();
                            view! {
                                <div class="checkbox">
                                    <input type="checkbox" id=box_id.clone()
                                        prop:checked=move || week.with(|w| w.as_ref().is_some_and(|w| w.project_severities.contains(&checked_id)))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let sid = sid.clone();
                                            edit(Box::new(move |w| {
                                                w.project_severities.retain(|s| *s != sid);
                                                if on { w.project_severities.push(sid) }
                                            }))
                                        }/>
                                    <label for=box_id>{name.clone()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </Show>
            <TextArea id=format!("week-{n}-goal") label="By the end of the week, the business team can" rows=2
                value=goal
                on_input=Callback::new(move |v: String| {
                    goal.set(v.clone());
                    edit(Box::new(move |w| w.business_goal = v));
                })/>
        </fieldset>
    }
}
