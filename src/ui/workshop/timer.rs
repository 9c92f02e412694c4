//! The timer's figures, the same in the console and on the projector: big digits, a bar, and
//! the same facts in words (time left or over, the running total against the plan), so nothing
//! depends on colour and a screen reader hears minutes rather than a time of day.
use leptos::prelude::*;

use crate::domain::workshop::{Countdown, PlanDelta, TimerState};

#[component]
pub fn TimerFigures(
    countdown: Signal<Option<Countdown>>,
    delta: Signal<PlanDelta>,
    state: TimerState,
) -> impl IntoView {
    let over = move || countdown.get().is_some_and(|c| c.is_over());
    let digits = move || {
        countdown
            .get()
            .map_or_else(|| "\u{2013}:\u{2013}\u{2013}".to_owned(), |c| c.digits())
    };
    let words = move || match countdown.get() {
        Some(c) => c.words(),
        None => state.name().to_owned(),
    };
    let spoken = move || {
        countdown
            .get()
            .map_or_else(|| state.name().to_owned(), |c| c.spoken())
    };
    // The bar is an SVG rect with a width attribute: the page's CSP allows no inline styles.
    let width = move || {
        let fraction = countdown.get().map_or(0.0, |c| c.fraction());
        // Tenths of a percent, printed from an integer: no float formatter in the wasm.
        let tenths = (fraction * 1000.0).round() as u32;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    let paused = (state == TimerState::Paused).then_some(" (paused)");
    view! {
        <div class="timer" class:timer--over=over data-testid="timer">
            <p class="timer__digits" aria-hidden="true" data-testid="timer-digits">{digits}</p>
            <svg class="timer__bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="timer__track" x="0" y="0" width="100" height="6"/>
                <rect class="timer__fill" x="0" y="0" width=width height="6"/>
            </svg>
            <p class="timer__words" data-testid="timer-words">
                <span class="visually-hidden">{spoken}</span>
                <span aria-hidden="true">{words}</span>
                {paused}
            </p>
            <p class="timer__delta" data-testid="plan-delta">{move || delta.get().words()}</p>
        </div>
    }
}
