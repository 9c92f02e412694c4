//! The withdrawal plan screen: a setup wizard on the shared stepper, then the living plan with
//! its timeline, weeks, recorded decisions, handoff and calendar file.
//!
//! Views switch only on coarse state (is there a charter, a plan, a setup step): every field
//! saves at once, and rebuilding the page on each save would lose the focus while typing.
mod decisions;
mod editor;
mod handoff;
mod signals;
mod timeline;
mod weeks;

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::workshop::AgendaKind;
use crate::ui::workshop::PresentLink;

use crate::domain::withdrawal::ics;
use crate::route::{Route, Section};
use crate::state::zone::BrowserZones;
use crate::state::AppState;
use crate::state::SavedEngagement;
use crate::ui::components::Stepper;
use crate::ui::dom::focus_by_id;
use crate::ui::format::{long_date, today};
use editor::PlanEditor;
use handoff::{HandoffSection, Part};
pub use timeline::Timeline;

const SETUP_STEPS: [&str; 5] = [
    "Weeks",
    "Business owner",
    "Responsibilities",
    "Escalation after hypercare",
    "Review",
];

#[component]
pub fn PlanPage(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    // Only whether there is a charter and a plan: the plan's own views take it from there.
    let stage = Memo::new(move |_| {
        record.with(|r| {
            (
                r.engagement.charter.in_force().is_some(),
                r.engagement.withdrawal.is_some(),
            )
        })
    });
    let duration = Memo::new(move |_| {
        record.with(|r| {
            r.engagement
                .charter
                .in_force()
                .map(|c| (c.duration_weeks.unwrap_or(4), c.go_live_date()))
        })
    });
    let create = {
        let id = id.clone();
        move |_| {
            if let Err(error) = state.create_plan(&id) {
                state.show_toast(error.to_string(), None);
            }
        }
    };
    let wizard_href = Route::Engagement(id.clone(), Section::CharterWizard).href();
    // A memo, not a read of the record: the page below must not be rebuilt on every save,
    // or typing would lose the focus.
    let frozen = Memo::new(move |_| record.with(|r| r.engagement.is_frozen()));
    move || {
        match stage.get() {
        (false, _) => view! {
            <section class="card">
                <h2>"The plan starts from the charter"</h2>
                <p>"Draft the charter first: the withdrawal plan is made from its go-live date and duration."</p>
                <a class="button button--primary" href=wizard_href.clone()>"Draft the charter"</a>
            </section>
        }
        .into_any(),
        (true, false) if frozen.get() => view! {
            <p class="notice" role="status">"The exit review was signed without a withdrawal plan; the record is frozen."</p>
        }
        .into_any(),
        (true, false) => view! {
            <section class="card" aria-labelledby="plan-start-title">
                <h2 id="plan-start-title">"Plan the progressive withdrawal"</h2>
                <p>{move || duration.get().map(|(weeks, go_live)| format!("Hypercare runs {weeks} weeks from {}. The project team steps back week by week, from full support to escalation only, so the business team can own the system when hypercare ends.", go_live.map(long_date).unwrap_or_default()))}</p>
                <button type="button" class="button button--primary" on:click=create.clone()>"Make the plan from the charter"</button>
            </section>
        }
        .into_any(),
        (true, true) => view! { <EditablePlan record/> }.into_any(),
    }
    }
}

/// The plan once it exists: its working copy above the setup wizard or the living plan, so
/// that moving between them keeps what was typed.
#[component]
fn EditablePlan(record: Signal<SavedEngagement>) -> impl IntoView {
    let Some(editor) = PlanEditor::provide(record) else {
        return ().into_any();
    };
    let shown: Signal<SavedEngagement> = editor.shown.into();
    let frozen = Memo::new(move |_| record.with(|r| r.engagement.is_frozen()));
    let setup_step = Memo::new(move |_| {
        shown.with(|r| r.engagement.withdrawal.as_ref().and_then(|p| p.setup_step))
    });
    view! {
        {move || editor.notice().map(|message| view! { <p class="notice notice--warning" role="alert">{message}</p> })}
        {move || match setup_step.get() {
            Some(step) if !frozen.get() => view! { <PlanSetup record=shown step/> }.into_any(),
            _ => view! { <LivingPlan record=shown/> }.into_any(),
        }}
    }
    .into_any()
}

/// The setup wizard: the weeks, then the handoff, then a review.
#[component]
fn PlanSetup(record: Signal<SavedEngagement>, step: usize) -> impl IntoView {
    let editor = PlanEditor::get();
    let go = move |to: Option<usize>| {
        editor.edit(|plan| plan.setup_step = to);
        request_animation_frame(|| focus_by_id("page-title"));
    };
    let step_names: Vec<String> = SETUP_STEPS.iter().map(|s| s.to_string()).collect();
    let body = match step {
        0 => view! { <weeks::Weeks record/> }.into_any(),
        1 => view! { <HandoffSection record part=Part::Owner/> }.into_any(),
        2 => view! { <HandoffSection record part=Part::Responsibilities/> }.into_any(),
        3 => view! { <HandoffSection record part=Part::Escalation/> }.into_any(),
        _ => view! {
            <PlanSummary record/>
            <HandoffSection record part=Part::Readiness/>
            <button type="button" class="button button--primary" on:click=move |_| go(None)>"Finish: open the living plan"</button>
        }
        .into_any(),
    };
    view! {
        <Stepper
            label="Plan setup"
            steps=step_names
            current=Signal::stored(step)
            on_select=Callback::new(move |to| go(Some(to)))
        >
            <h2 class="step-title">{SETUP_STEPS.get(step).copied().unwrap_or_default()}</h2>
            {body}
        </Stepper>
    }
}

/// The end date, today's week and the timeline: read-only, so it may redraw on every change.
#[component]
fn PlanSummary(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = AppState::get();
    let data = Memo::new(move |_| {
        record.with(|r| {
            Some((
                r.engagement.withdrawal.clone()?,
                r.engagement.charter.in_force().cloned()?,
            ))
        })
    });
    let with_alarms = RwSignal::new(false);
    let download = move |_| {
        let Some((p, c)) = data.get_untracked() else {
            return;
        };
        let (rid, name) = record
            .with_untracked(|r| (r.engagement.id.to_string(), r.engagement.name().to_owned()));
        let now = Utc::now();
        let alarms = if with_alarms.get_untracked() {
            record.with_untracked(|r| {
                ics::due_alarms(&rid, &r.engagement.issues, &c, &BrowserZones, now)
            })
        } else {
            Vec::new()
        };
        let text = ics::export(&rid, &name, &p, &c, &alarms, now);
        state.offer_file(&format!("hypercare-{rid}.ics"), "text/calendar", &text);
    };
    view! {
        <section class="card" aria-labelledby="plan-title">
            <div class="card__head">
                <h2 id="plan-title">"Progressive withdrawal"</h2>
                <button type="button" class="button button--secondary" on:click=download>"Download calendar (.ics)"</button>
                <crate::ui::share::ShareButton id=record.with_untracked(|r| r.engagement.id.clone()) what=crate::domain::share::ShareWhat::Plan/>
                <PresentLink id=record.with_untracked(|r| r.engagement.id.clone()) kind=AgendaKind::TriageStandUp/>
            </div>
            <div class="checkbox">
                <input type="checkbox" id="plan-ics-alarms" prop:checked=move || with_alarms.get()
                    on:change=move |ev| with_alarms.set(event_target_checked(&ev))/>
                <label for="plan-ics-alarms">"Add alarms at the due times of open critical issues (for people who follow hypercare in their calendar)"</label>
            </div>
            {move || data.get().map(|(p, c)| {
                let end = p.end_date(&c);
                let week_now = p.week_of(&c, today());
                view! {
                    <p>
                        {end.map(|end| format!("Hypercare ends on {} (fixed).", long_date(end)))}
                        {week_now.and_then(|w| p.level_in(w).map(|l| (w, l))).map(|(w, level)| format!(" Today: week {w}, {}. {}", level.name(), level.meaning()))}
                    </p>
                    <timeline::Timeline plan=p charter=c/>
                }
            })}
        </section>
    }
}

#[component]
fn LivingPlan(record: Signal<SavedEngagement>) -> impl IntoView {
    let editor = PlanEditor::get();
    let frozen = Memo::new(move |_| record.with(|r| r.engagement.is_frozen()));
    let reopen_setup = move |_| editor.edit(|plan| plan.setup_step = Some(0));
    view! {
        <PlanSummary record/>
        <HandoffSection record part=Part::Readiness/>
        <signals::Signals record/>
        <Show when=move || frozen.get()>
            <p class="notice" role="status">"The exit review is signed: the plan and the handoff are frozen as they were at sign-off."</p>
        </Show>
        // A disabled fieldset disables every control inside it at once: after sign-off the
        // plan stays readable, nothing in it offers a change.
        <fieldset class="frozen-guard" disabled=move || frozen.get()>
            <legend class="visually-hidden">"Plan and handoff"</legend>
            <weeks::Weeks record/>
            <decisions::Decisions record/>
            <HandoffSection record part=Part::Owner/>
            <HandoffSection record part=Part::Responsibilities/>
            <HandoffSection record part=Part::Escalation/>
            <p class="no-print" hidden=move || frozen.get()><button type="button" class="link-button" on:click=reopen_setup>"Go through the setup steps again"</button></p>
        </fieldset>
    }
}
