//! What the engagement's workshops left: each workshop with its time per step against the
//! plan, its decisions (linked to the issue or the charter they are about) and its votes'
//! results, on the overview. Newest first; a workshop not finished links back to its console.
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::workshop::decision::Topic;
use crate::domain::workshop::{TimerState, Workshop};
use crate::domain::EngagementId;
use crate::route::{Presenting, Route, Section};
use crate::state::{AppState, SavedEngagement};
use crate::ui::format::sla_time;

#[component]
pub fn WorkshopRecords(record: Signal<SavedEngagement>) -> impl IntoView {
    let workshops = Memo::new(move |_| {
        record.with(|r| {
            let mut list = r.engagement.workshops.clone();
            list.sort_by_key(|w| std::cmp::Reverse(w.created_at));
            list
        })
    });
    let zone = Memo::new(move |_| {
        record.with(|r| {
            r.engagement
                .charter
                .in_force()
                .map(|c| c.calendar.time_zone.clone())
        })
    });
    let id = record.with_untracked(|r| r.engagement.id.clone());
    move || {
        let list = workshops.get();
        (!list.is_empty()).then(|| {
            let id = id.clone();
            let zone = zone.get().unwrap_or_else(|| "UTC".to_owned());
            view! {
                <section class="card" aria-labelledby="workshops-title">
                    <h2 id="workshops-title">{format!("Workshops ({})", list.len())}</h2>
                    <p class="field__hint">"What each meeting decided, and how its time went against the plan."</p>
                    {list.into_iter().map(|w| view! { <OneWorkshop id=id.clone() workshop=w zone=zone.clone()/> }).collect_view()}
                </section>
            }
        })
    }
}

#[component]
fn OneWorkshop(id: EngagementId, workshop: Workshop, zone: String) -> impl IntoView {
    let state = AppState::get();
    let number = workshop.number;
    let finished = workshop.state() == TimerState::Finished;
    let when = sla_time(&zone, workshop.started_at.unwrap_or(workshop.created_at));
    let summary = format!(
        "{} {}: {when}, {}, {}",
        workshop.title(),
        number,
        if finished { "finished" } else { "not finished" },
        crate::domain::words::count(workshop.decisions.len(), "decision", "decisions"),
    );
    let console = Route::Present(id.clone(), Presenting::Workshop(number)).href();
    let export = {
        let id = id.clone();
        move |_| state.export_workshop(&id, number)
    };
    view! {
        <details class="fold workshop-record">
            <summary class="fold__summary">{summary}</summary>
            <StepTimesTable workshop=workshop.clone()/>
            <Notes workshop=workshop.clone()/>
            <Decisions id workshop=workshop.clone()/>
            {workshop.votes.iter().filter_map(|v| v.result()).map(|r| view! { <p>{format!("Vote: {}", r.summary())}</p> }).collect_view()}
            <p class="actions actions--tight">
                {(!finished).then(|| view! { <a class="button button--secondary" href=console>"Open the console"</a> })}
                <button type="button" class="button button--secondary" on:click=export>"Download Markdown"</button>
            </p>
        </details>
    }
}

#[component]
fn StepTimesTable(workshop: Workshop) -> impl IntoView {
    let rows = workshop
        .step_times(Utc::now())
        .into_iter()
        .map(|t| {
            let planned = format!("{} min", t.planned_minutes);
            let spent = if t.visited {
                crate::domain::workshop::countdown::clock(t.spent_ms / 1000)
            } else {
                "not reached".to_owned()
            };
            view! { <tr><th scope="row">{t.kind.title()}</th><td>{planned}</td><td>{spent}</td></tr> }
        })
        .collect_view();
    view! {
        <table class="table">
            <caption class="visually-hidden">"Time per step"</caption>
            <thead><tr><th scope="col">"Step"</th><th scope="col">"Planned"</th><th scope="col">"Spent"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The notes taken in each step, where there are any.
#[component]
fn Notes(workshop: Workshop) -> impl IntoView {
    let notes: Vec<(&'static str, String)> = workshop
        .steps
        .iter()
        .filter(|s| !s.notes.trim().is_empty())
        .map(|s| (s.title(), s.notes.trim().to_owned()))
        .collect();
    (!notes.is_empty()).then(|| view! {
        <ul class="plain-list pre-line" aria-label="Notes">
            {notes.into_iter().map(|(step, text)| view! { <li><strong>{format!("{step}: ")}</strong>{text}</li> }).collect_view()}
        </ul>
    })
}

#[component]
fn Decisions(id: EngagementId, workshop: Workshop) -> impl IntoView {
    if workshop.decisions.is_empty() {
        return view! { <p>"No decision was recorded."</p> }.into_any();
    }
    let items = workshop
        .decisions
        .iter()
        .map(|d| {
            let step = workshop.steps.get(d.step).map_or("", |s| s.title());
            // The decision's words already name what it is about; the link goes there.
            let about = d.topic.as_ref().map(|topic| {
                let (section, words) = match topic {
                    Topic::Issue { number, .. } => {
                        (Section::Issue(*number), format!("See issue #{number}"))
                    }
                    Topic::ScopeCategory { .. } => (Section::Charter, "See the charter".to_owned()),
                    Topic::ExitCriterion { .. } => {
                        (Section::Exit, "See the exit review".to_owned())
                    }
                };
                view! { " " <a href=Route::Engagement(id.clone(), section).href()>{words}</a> }
            });
            view! {
                <li>
                    <strong>{format!("{step}: ")}</strong>{d.text.clone()}{about}
                    <span class="muted">{format!(" \u{2013} {}", d.recorded_by)}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="plain-list" aria-label="Decisions">{items}</ul> }.into_any()
}
