//! The sync status in an engagement's header: "Synced 2 min ago", "Offline: 3 changes
//! waiting", "Sign in again". Words, not a coloured dot alone; it links to the overview,
//! where the team sync card is.
use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::EngagementId;
use crate::route::{Route, Section};
use crate::state::AppState;

/// The current time, moving on every 20 seconds, so "2 min ago" stays true.
pub fn ticking_now() -> ReadSignal<DateTime<Utc>> {
    let (now, set_now) = signal(Utc::now());
    if let Ok(handle) = set_interval_with_handle(
        move || set_now.set(Utc::now()),
        std::time::Duration::from_secs(20),
    ) {
        on_cleanup(move || handle.clear());
    }
    now
}

#[component]
pub fn SyncBadge(id: EngagementId) -> impl IntoView {
    let state = AppState::get();
    let now = ticking_now();
    // The overview holds the team sync card (the app's routes live in the fragment, so a
    // second `#anchor` cannot point into it).
    let href = Route::Engagement(id.clone(), Section::Overview).href();
    move || {
        state.connection(&id).map(|connection| {
            let attention = connection.status.needs_attention();
            let text = connection.status.headline(now.get());
            view! {
                // The separator goes with the badge, so print (which hides both) leaves none.
                // The live region wraps the link: a link given the role "status" would no
                // longer be a link to assistive technology.
                <span class="sync-status">
                    " \u{00b7} "
                    <span role="status">
                        <a
                            class="badge sync-badge"
                            class:badge--warning=attention
                            class:badge--neutral=!attention
                            href=href.clone()
                        >
                            <span class="visually-hidden">"Team sync: "</span>
                            {text}
                        </a>
                    </span>
                </span>
            }
        })
    }
}
