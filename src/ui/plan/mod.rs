//! The withdrawal plan screen: timeline, the weeks, recorded decisions and the calendar file.
mod decisions;
mod handoff;
mod timeline;
mod weeks;

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::withdrawal::ics;
use crate::route::Route;
use crate::state::download::download_text;
use crate::state::AppState;
use crate::storage::Record;
use crate::ui::pages::{long_date, today};

#[component]
pub fn PlanPage(record: Signal<Record>) -> impl IntoView {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let charter = Memo::new(move |_| record.with(|r| r.engagement.charter.in_force().cloned()));
    let plan = Memo::new(move |_| record.with(|r| r.engagement.withdrawal.clone()));
    let create = {
        let id = id.clone();
        move |_| {
            if let Err(error) = state.create_plan(&id) {
                state.show_toast(error, None);
            }
        }
    };
    let download = move |_| {
        let (Some(p), Some(c)) = (plan.get_untracked(), charter.get_untracked()) else {
            return;
        };
        let (rid, name) = record
            .with_untracked(|r| (r.engagement.id.to_string(), r.engagement.name().to_owned()));
        let text = ics::export(&rid, &name, &p, &c, Utc::now());
        if let Err(error) = download_text(&format!("hypercare-{rid}.ics"), "text/calendar", &text) {
            state.show_toast(format!("The file could not be downloaded: {error}"), None);
        }
    };
    let wizard_href = Route::CharterWizard(id.clone()).href();
    view! {
        {move || match (charter.get(), plan.get()) {
            (None, _) => view! {
                <section class="card">
                    <h2>"The plan starts from the charter"</h2>
                    <p>"Draft the charter first: the withdrawal plan is made from its go-live date and duration."</p>
                    <a class="button button--primary" href=wizard_href.clone()>"Draft the charter"</a>
                </section>
            }.into_any(),
            (Some(c), None) => view! {
                <section class="card" aria-labelledby="plan-start-title">
                    <h2 id="plan-start-title">"Plan the progressive withdrawal"</h2>
                    <p>{format!("Hypercare runs {} weeks from {}. The project team steps back week by week, from full support to escalation only, so the business team can own the system when hypercare ends.", c.duration_weeks.unwrap_or(4), c.go_live_date().map(long_date).unwrap_or_default())}</p>
                    <button type="button" class="button button--primary" on:click=create.clone()>"Make the plan from the charter"</button>
                </section>
            }.into_any(),
            (Some(c), Some(p)) => {
                let end = p.end_date(&c);
                let week_now = p.week_of(&c, today());
                view! {
                    <section class="card" aria-labelledby="plan-title">
                        <div class="card__head">
                            <h2 id="plan-title">"Progressive withdrawal"</h2>
                            <button type="button" class="button button--secondary" on:click=download>"Download calendar (.ics)"</button>
                        </div>
                        <p>
                            {match end { Some(end) => format!("Hypercare ends on {} (fixed).", long_date(end)), None => String::new() }}
                            {match week_now.and_then(|w| p.level_in(w).map(|l| (w, l))) {
                                Some((w, level)) => format!(" Today: week {w}, {}. {}", level.name(), level.meaning()),
                                None => String::new(),
                            }}
                        </p>
                        <timeline::Timeline plan=p.clone() charter=c.clone()/>
                    </section>
                    <weeks::Weeks record plan=p charter=c/>
                    <decisions::Decisions record/>
                    <handoff::HandoffSection record/>
                }.into_any()
            }
        }}
    }
}
