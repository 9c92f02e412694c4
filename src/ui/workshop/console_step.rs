//! The console's step in hand: the timer and its controls, and the step's title, question,
//! what comes next and the speaker notes.
use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::timer::TimerFigures;
use crate::domain::workshop::{PlanDelta, TimerState, Workshop};
use crate::domain::EngagementId;
use crate::state::workshop::TimerAction;
use crate::state::{AppState, CommandError};

/// Moves workshop `number`'s timer; a refusal is shown in the console's `error`. `state` is
/// passed in: this runs from event and channel callbacks, outside the component's context.
pub fn act(
    state: AppState,
    id: &EngagementId,
    number: u32,
    action: TimerAction,
    error: RwSignal<Option<CommandError>>,
) {
    match state.workshop_timer(id, number, action) {
        Ok(()) => error.set(None),
        Err(e) => error.set(Some(e)),
    }
}

/// The countdown, the plan's delta and the buttons that move the workshop along. A console
/// that `follows` another leaves the steps to the leader.
#[component]
pub fn TimerPanel(
    id: EngagementId,
    number: u32,
    workshop: Memo<Option<Workshop>>,
    now: RwSignal<DateTime<Utc>>,
    follows: RwSignal<bool>,
    error: RwSignal<Option<CommandError>>,
) -> impl IntoView {
    let state = AppState::get();
    let timer_state =
        move || workshop.with(|w| w.as_ref().map_or(TimerState::NotStarted, Workshop::state));
    let button = move |label: &'static str, action: TimerAction, primary: bool| {
        let id = id.clone();
        view! {
            <button type="button" class=if primary { "button button--primary" } else { "button button--secondary" }
                disabled=move || follows.get()
                aria-describedby=move || follows.get().then_some("workshop-follows")
                on:click=move |_| act(state, &id, number, action, error)>
                {label}
            </button>
        }
    };
    let controls = move || match timer_state() {
        TimerState::NotStarted => button("Start the workshop", TimerAction::Start, true).into_any(),
        state @ (TimerState::Running | TimerState::Paused) => {
            let paused = state == TimerState::Paused;
            view! {
                {button("Previous step", TimerAction::Previous, false)}
                {if paused { button("Resume", TimerAction::Resume, true) } else { button("Pause", TimerAction::Pause, false) }}
                {button("+1 min", TimerAction::AddMinute, false)}
                {button("Next step", TimerAction::Next, !paused)}
                {button("Finish the workshop", TimerAction::Finish, false)}
            }
            .into_any()
        }
        TimerState::Finished => {
            view! { <p class="workshop-console__done">"The workshop is finished."</p> }.into_any()
        }
    };
    let timer = move || {
        let countdown = Signal::derive(move || {
            workshop.with(|w| w.as_ref().and_then(|w| w.countdown(now.get())))
        });
        let delta = Signal::derive(move || {
            workshop.with(|w| {
                w.as_ref()
                    .map_or(PlanDelta { seconds: 0 }, |w| w.plan_delta(now.get()))
            })
        });
        view! { <TimerFigures countdown delta state=timer_state()/> }
    };
    view! {
        {timer}
        <div class="workshop-console__controls">{controls}</div>
    }
}

/// Where the workshop is, the step's question, what comes next and the speaker notes.
#[component]
pub fn StepPanel(workshop: Memo<Option<Workshop>>) -> impl IntoView {
    move || {
        let w = workshop.get()?;
        let step = w.current_step()?.clone();
        let position = format!("Step {} of {}", w.current.saturating_add(1), w.steps.len());
        let next = w.next_step().map_or_else(
            || "Next: the end of the workshop".to_owned(),
            |s| format!("Next: {} ({} min)", s.title(), s.timebox_minutes()),
        );
        Some(view! {
            <p class="workshop-console__position">{position}</p>
            <h2 class="workshop-console__step">{step.title()}</h2>
            <p class="workshop-console__question">{step.kind.question()}</p>
            <p class="workshop-console__next">{next}</p>
            <h3>"Speaker notes"</h3>
            <ul class="workshop-console__notes">
                {step.kind.speaker_notes().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        })
    }
}
