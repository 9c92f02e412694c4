//! How clock states read everywhere: a word and a symbol, never colour alone.
use leptos::prelude::*;

use crate::domain::charter::WorkingCalendar;
use crate::domain::triage::{ClockState, IssueClock};

pub fn state_class(state: ClockState) -> &'static str {
    match state {
        ClockState::Running => "clock clock--running",
        ClockState::Paused => "clock clock--paused",
        ClockState::AtRisk => "clock clock--at-risk",
        ClockState::Breached => "clock clock--breached",
        ClockState::Met => "clock clock--met",
    }
}

/// "▶ Running · 3 h 10 m left".
#[component]
pub fn ClockBadge(
    #[prop(into)] label: String,
    clock: IssueClock,
    calendar: WorkingCalendar,
    /// What starts, pauses and stops this clock, shown as its tooltip.
    #[prop(optional)]
    rule: Option<&'static str>,
) -> impl IntoView {
    let text = clock.describe(&calendar);
    view! {
        <span class=state_class(clock.state) title=rule>
            <span aria-hidden="true">{clock.state.icon()}" "</span>
            <span class="visually-hidden">{format!("{label}: ")}</span>
            {format!("{} \u{00b7} {text}", clock.state.name())}
        </span>
    }
}
