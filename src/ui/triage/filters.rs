//! The queue's filters: one select per facet, each option with how many issues it would show.
//! They fold into "Filter (n)" where the screen is narrow, so a phone shows issues first.
use leptos::prelude::*;

use crate::domain::charter::{Charter, RoutingDestination};
use crate::domain::triage::queue::{Facet, FacetCounts, Filter, Scope};
use crate::domain::triage::{ClockState, Status};
use crate::ui::components::SelectField;

/// Narrower than this, folding sections start closed (a phone in portrait or landscape).
const WIDE_PX: f64 = 768.0;

/// Whether the window is wide enough to show folded sections open from the start.
pub fn is_wide() -> bool {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= WIDE_PX)
}

fn keys<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    name: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|x| (key(*x).to_owned(), name(*x).to_owned()))
        .collect()
}

#[component]
pub fn QueueFilters(
    filter: RwSignal<Filter>,
    counts: Memo<FacetCounts>,
    charter: Memo<Option<Charter>>,
) -> impl IntoView {
    let option_list = move |facet: Facet, all: Vec<(String, String)>| {
        Signal::derive(move || {
            counts.with(|c| {
                std::iter::once((String::new(), format!("Any ({})", c.any(facet))))
                    .chain(all.iter().map(|(key, name)| {
                        (key.clone(), format!("{name} ({})", c.value(facet, key)))
                    }))
                    .collect::<Vec<_>>()
            })
        })
    };
    let from_charter = |pick: fn(&Charter) -> Vec<(String, String)>| {
        charter.with_untracked(|c| c.as_ref().map(pick).unwrap_or_default())
    };
    let categories = from_charter(|c| {
        c.categories
            .iter()
            .map(|x| (x.id.clone(), x.name.clone()))
            .collect()
    });
    let severities = from_charter(|c| {
        c.severities
            .iter()
            .map(|x| (x.id.clone(), x.name.clone()))
            .collect()
    });
    let scopes = keys(&Scope::ALL, Scope::key, Scope::name);
    let statuses = keys(&Status::ALL, Status::key, Status::name);
    let destinations = keys(
        &RoutingDestination::ALL,
        RoutingDestination::key,
        RoutingDestination::name,
    );
    let clock_states = keys(&ClockState::ALL, ClockState::key, ClockState::name);
    let set =
        move |facet: Facet| Callback::new(move |key: String| filter.update(|f| f.set(facet, &key)));
    let get = move |facet: Facet| Signal::derive(move || filter.with(|f| f.get(facet)));
    let active = move || filter.with(Filter::active_facets);
    view! {
        <details class="fold queue-filters" open=is_wide()>
            <summary class="fold__summary">
                {move || match active() {
                    0 => "Filter".to_owned(),
                    n => format!("Filter ({n})"),
                }}
            </summary>
            <div class="queue-tools">
                <SelectField id="filter-scope" label="Scope" options=option_list(Facet::Scope, scopes) value=get(Facet::Scope) on_change=set(Facet::Scope)/>
                <SelectField id="filter-status" label="Status" options=option_list(Facet::Status, statuses) value=get(Facet::Status) on_change=set(Facet::Status)/>
                <SelectField id="filter-severity" label="Severity" options=option_list(Facet::Severity, severities) value=get(Facet::Severity) on_change=set(Facet::Severity)/>
                <SelectField id="filter-category" label="Category" options=option_list(Facet::Category, categories) value=get(Facet::Category) on_change=set(Facet::Category)/>
                <SelectField id="filter-destination" label="Routed to" options=option_list(Facet::Destination, destinations) value=get(Facet::Destination) on_change=set(Facet::Destination)/>
                <SelectField id="filter-clock" label="Clock" options=option_list(Facet::Clock, clock_states) value=get(Facet::Clock) on_change=set(Facet::Clock)/>
            </div>
        </details>
    }
}
