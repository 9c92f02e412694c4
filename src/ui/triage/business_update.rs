//! Keeping the business informed on one issue: when the next update is due by the severity's
//! cadence (in the charter's zone), when the last one was given, and "Record an update to the
//! business", which starts the cadence again.
use chrono::Utc;
use leptos::prelude::*;

use super::clocks::ClockBadge;
use crate::domain::charter::Charter;
use crate::domain::triage::update_clock::{last_business_update, update_clock, UPDATE_CLOCK_RULE};
use crate::domain::triage::{ClockState, Issue};
use crate::state::zone::BrowserZones;
use crate::state::{AppState, SavedEngagement};
use crate::ui::components::{writes_to, TextArea};
use crate::ui::format::sla_time;

#[component]
pub fn BusinessUpdates(
    record: Signal<SavedEngagement>,
    number: u32,
    issue: Memo<Option<Issue>>,
    charter: Memo<Option<Charter>>,
) -> impl IntoView {
    let state = AppState::get();
    let id = StoredValue::new(record.with_untracked(|r| r.engagement.id.clone()));
    let open_in_scope = Memo::new(move |_| {
        issue.with(|i| {
            i.as_ref().is_some_and(|i| {
                let view = i.view();
                view.in_scope == Some(true) && !view.status().is_closed()
            })
        })
    });
    let text = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let frozen = Memo::new(move |_| record.with(|r| r.engagement.is_frozen()));
    let save = move |_| {
        let told = text.get_untracked();
        match state.change_issue(&id.get_value(), number, |issue, _, by, now| {
            issue.record_business_update(&told, by, now)
        }) {
            Ok(()) => {
                message.set(None);
                text.set(String::new());
                state.show_toast(
                    format!("Update to the business recorded on #{number}."),
                    None,
                );
            }
            Err(error) => message.set(Some(error.to_string())),
        }
    };
    view! {
        <Show when=move || open_in_scope.get()>
            <section class="card" aria-labelledby="updates-title">
                <h3 id="updates-title">"Keeping the business informed"</h3>
                {move || cadence_line(issue.get(), charter.get())}
                <Show when=move || !frozen.get()>
                    {move || message.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
                    <TextArea id="issue-business-update" label="What the business was told" rows=2
                        hint="Where it stands and when they hear next; it goes into the issue\u{2019}s history."
                        value=text on_input=writes_to(text)/>
                    <button type="button" class="button button--secondary" on:click=save>"Record an update to the business"</button>
                </Show>
            </section>
        </Show>
    }
}

/// "▶ Running · 1 h 10 m left · next update due Tue 23 Mar 12:45 GMT", or what the charter says
/// when this severity has no cadence.
fn cadence_line(issue: Option<Issue>, charter: Option<Charter>) -> AnyView {
    let (Some(issue), Some(charter)) = (issue, charter) else {
        return ().into_any();
    };
    let zone = charter.calendar.time_zone.clone();
    let Some(update) = update_clock(&issue, &charter, &BrowserZones, Utc::now()) else {
        let cadence = issue.view().severity_id.and_then(|id| {
            let level = charter.severities.iter().find(|s| s.id == id)?;
            Some((level.name.clone(), level.update_hours.filter(|h| *h > 0)?))
        });
        let said = match cadence {
            Some((level, hours)) => format!("{level} issues: an update every {hours} h from the first response. Respond first; the update clock starts then."),
            None => "The charter sets no update cadence for this severity.".to_owned(),
        };
        let last =
            last_business_update(&issue).map(|at| format!("Last update {}.", sla_time(&zone, at)));
        return view! { <p class="muted">{said}</p>{last.map(|l| view! { <p class="muted">{l}</p> })} }
            .into_any();
    };
    let last = update.last_update.map_or_else(
        || "No update recorded yet: counted from the report.".to_owned(),
        |at| format!("Last update {}.", sla_time(&zone, at)),
    );
    let due = update.clock.due.map(|d| {
        let word = if update.clock.state == ClockState::Breached {
            "was due"
        } else {
            "due"
        };
        format!(" \u{00b7} next update {word} {}", sla_time(&zone, d))
    });
    view! {
        <p>
            <ClockBadge label="Update to the business" clock=update.clock calendar=charter.calendar.clone() rule=UPDATE_CLOCK_RULE/>
            {due}
        </p>
        <p class="muted">{last}</p>
    }
    .into_any()
}
