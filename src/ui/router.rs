//! Connects the typed [`Route`] to `location.hash`.
use leptos::prelude::*;

use crate::route::Route;

#[derive(Clone, Copy)]
pub struct CurrentRoute(pub ReadSignal<Route>);

fn current() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

/// Tracks the hash for the whole app; call once at the top.
pub fn provide_router() -> ReadSignal<Route> {
    let (route, set_route) = signal(current());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| set_route.set(current()));
    on_cleanup(move || handle.remove());
    provide_context(CurrentRoute(route));
    route
}

/// Goes to `route`, adding a history entry so Back works.
pub fn navigate(route: &Route) {
    let href = route.href();
    let _ = window().location().set_hash(href.trim_start_matches('#'));
}
