//! Preparing a workshop, and the agenda as the console shows it: the steps with their
//! timeboxes (editable until the start), where the room is, and time spent against the plan.
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::workshop::countdown::clock;
use crate::domain::workshop::{AgendaKind, TimerState, Workshop};
use crate::domain::EngagementId;
use crate::route::{Presenting, Route};
use crate::state::workshop::{minutes_field, TimerAction};
use crate::state::AppState;
use crate::ui::router::navigate;

/// Shown for `#/engagements/<id>/present/<agenda>` when no workshop on it is under way.
#[component]
pub fn Prepare(id: EngagementId, kind: AgendaKind) -> impl IntoView {
    let state = AppState::get();
    let facilitator = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let back = Route::Engagement(id.clone(), crate::route::Section::Overview).href();
    let prepare = move |_| match state.prepare_workshop(&id, kind, &facilitator.get_untracked()) {
        Ok(number) => navigate(&Route::Present(id.clone(), Presenting::Workshop(number))),
        Err(e) => error.set(Some(e.to_string())),
    };
    view! {
        <section class="page workshop-prepare">
            <p class="breadcrumb"><a href=back>"Back to the engagement"</a></p>
            <h1 id="page-title">{kind.name()}</h1>
            <p>{format!("A {}-minute agenda. You can change each step\u{2019}s time once it is prepared, until you start the timer.", kind.suggested_minutes())}</p>
            <ol class="workshop-agenda">
                {kind.steps().iter().map(|(step, minutes)| view! {
                    <li class="workshop-agenda__step">
                        <span class="workshop-agenda__title">{step.title()}</span>
                        <span class="workshop-agenda__minutes">{format!("{minutes} min")}</span>
                    </li>
                }).collect_view()}
            </ol>
            <div class="field">
                <label class="field__label" for="workshop-facilitator">"Facilitator (optional)"</label>
                <input id="workshop-facilitator" class="field__input" type="text" autocomplete="name"
                    prop:value=move || facilitator.get()
                    on:input=move |ev| facilitator.set(event_target_value(&ev))/>
            </div>
            {move || error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
            <button type="button" class="button button--primary" on:click=prepare>"Prepare the agenda"</button>
        </section>
    }
}

/// The agenda in the console: before the start each step's minutes can be changed; after it,
/// each step can be jumped to, and the time spent shows against the plan.
#[component]
pub fn AgendaList(id: EngagementId, workshop: Memo<Option<Workshop>>) -> impl IntoView {
    let state = AppState::get();
    let problems = RwSignal::new(Vec::<(usize, String)>::new());
    let number = move || workshop.with(|w| w.as_ref().map_or(0, |w| w.number));
    let rows = move || {
        let w = workshop.get()?;
        let started = w.state() != TimerState::NotStarted;
        let finished = w.state() == TimerState::Finished;
        let times = w.step_times(Utc::now());
        let list = w
            .steps
            .iter()
            .enumerate()
            .map(|(index, step)| {
                let id = id.clone();
                let current = index == w.current && !finished;
                let marker = if current { "Now" } else if times.get(index).is_some_and(|t| t.visited) { "Visited" } else { "" };
                let spent = times.get(index).map(|t| t.spent_ms / 1000).unwrap_or(0);
                let field = minutes_field(index);
                let minutes_input = (!started).then(|| {
                    let id = id.clone();
                    let label = format!("Minutes for {}", step.title());
                    view! {
                        <input id=field.clone() class="field__input workshop-agenda__input" type="number" min="1" max="240"
                            inputmode="numeric" aria-label=label value=step.planned_minutes
                            on:change=move |ev| {
                                let typed = event_target_value(&ev);
                                match state.set_workshop_minutes(&id, number(), index, &typed) {
                                    Ok(()) => problems.update(|p| p.retain(|(i, _)| *i != index)),
                                    Err(e) => problems.update(|p| {
                                        p.retain(|(i, _)| *i != index);
                                        p.push((index, e.to_string()));
                                    }),
                                }
                            }/>
                        " min"
                    }
                });
                let planned = started.then(|| {
                    let added = if step.added_minutes > 0 { format!(" +{}", step.added_minutes) } else { String::new() };
                    format!("{} min{added}", step.planned_minutes)
                });
                let go_to = (started && !finished && !current).then(|| {
                    let id = id.clone();
                    view! {
                        <button type="button" class="button button--secondary button--compact"
                            on:click=move |_| {
                                if let Err(e) = state.workshop_timer(&id, number(), TimerAction::GoTo(index)) {
                                    state.show_toast(e.to_string(), None);
                                }
                            }>
                            "Go to"<span class="visually-hidden">{format!(" {}", step.title())}</span>
                        </button>
                    }
                });
                let problem = move || problems.with(|p| p.iter().find(|(i, _)| *i == index).map(|(_, m)| m.clone()));
                view! {
                    <li class="workshop-agenda__step" class:workshop-agenda__step--current=current aria-current=current.then_some("step")>
                        <span class="workshop-agenda__marker">{marker}</span>
                        <span class="workshop-agenda__title">{step.title()}</span>
                        <span class="workshop-agenda__minutes">{minutes_input}{planned}</span>
                        <span class="workshop-agenda__spent">{started.then(|| format!("{} spent", clock(spent)))}</span>
                        {go_to}
                        {move || problem().map(|m| view! { <span class="field__error workshop-agenda__problem" role="alert">{m}</span> })}
                    </li>
                }
            })
            .collect_view();
        Some(list)
    };
    view! {
        <ol class="workshop-agenda" aria-label="Agenda">{rows}</ol>
    }
}

/// A finished workshop's time per step against the plan.
#[component]
pub fn StepTimes(
    workshop: Memo<Option<Workshop>>,
    now: Signal<chrono::DateTime<Utc>>,
) -> impl IntoView {
    move || {
        let w = workshop.get()?;
        (w.state() == TimerState::Finished).then(|| {
            let rows = w
                .step_times(now.get_untracked())
                .into_iter()
                .map(|t| {
                    let planned = i64::from(t.planned_minutes) * 60;
                    view! {
                        <tr>
                            <th scope="row">{t.kind.title()}</th>
                            <td>{clock(planned)}</td>
                            <td>{clock(t.spent_ms / 1000)}</td>
                            <td>{t.delta().words()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="workshop-console__times">
                    <h2>"Time per step against the plan"</h2>
                    <table class="table">
                        <thead><tr><th scope="col">"Step"</th><th scope="col">"Planned"</th><th scope="col">"Spent"</th><th scope="col">"Against the plan"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
        })
    }
}
