//! Workshop mode: the console a facilitator runs a meeting from, and the audience window on
//! the projector, kept in step over a `BroadcastChannel`.
mod agenda;
mod audience;
mod channel;
mod clicker;
mod console;
mod console_decision;
mod console_notes;
mod console_step;
mod election;
mod new_issue;
mod step_content;
mod timer;
mod typing;
mod vote;
mod vote_ballot;

use leptos::prelude::*;

pub use audience::AudiencePage;
use console::Console;

use crate::domain::EngagementId;
use crate::route::{Presenting, Route};
use crate::state::AppState;

/// `#/engagements/<id>/present/<agenda-or-number>`.
#[component]
pub fn PresentPage(id: EngagementId, what: Presenting) -> impl IntoView {
    let state = AppState::get();
    // Only whether the engagement exists: every save changes the engagement, and the console
    // must not be rebuilt (losing the decision being typed) on each one.
    let exists = {
        let id = id.clone();
        Memo::new(move |_| state.find(&id).is_some())
    };
    if let Presenting::Agenda(kind) = what {
        // An unfinished workshop on this agenda: carry on with it rather than start again.
        if let Some(number) = untrack(|| state.open_workshop(&id, kind)) {
            let href = Route::Present(id.clone(), Presenting::Workshop(number)).href();
            let _ = window().location().replace(&href);
        }
    }
    move || {
        if !exists.get() {
            return view! {
                <section class="page">
                    <h1 id="page-title">"Engagement not found"</h1>
                    <p>"This engagement is not in this browser. " <a href=Route::Engagements.href()>"See your engagements"</a>"."</p>
                </section>
            }
                .into_any();
        }
        match what {
            Presenting::Agenda(kind) => view! { <agenda::Prepare id=id.clone() kind/> }.into_any(),
            Presenting::Workshop(number) => view! { <Console id=id.clone() number/> }.into_any(),
        }
    }
}

/// The "Present" link a page offers: its meeting's console, where a facilitator runs it on a
/// projector.
#[component]
pub fn PresentLink(id: EngagementId, kind: crate::domain::workshop::AgendaKind) -> impl IntoView {
    let href = Route::Present(id, Presenting::Agenda(kind)).href();
    view! {
        <a class="button button--secondary no-print" href=href>
            {format!("Present the {}", kind.name().to_lowercase())}
        </a>
    }
}
