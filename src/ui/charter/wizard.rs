//! The charter wizard: six steps on the shared stepper. Every change is saved at once, and
//! leaving and coming back resumes at the same step.
use leptos::prelude::*;

use super::editor::DraftEditor;
use super::{
    basics::BasicsStep, escalation::EscalationStep, review::ReviewStep, routing::RoutingStep,
};
use super::{scope::ScopeStep, service_levels::ServiceLevelsStep};
use crate::domain::charter::{problems::problems_in, CharterStatus, CharterStep};
use crate::route::{Route, Section};
use crate::state::AppState;
use crate::state::SavedEngagement;
use crate::ui::components::Stepper;
use crate::ui::dom::{focus_after_render, focus_by_id};
use crate::ui::router::navigate;

#[component]
pub fn CharterWizard(record: Signal<SavedEngagement>) -> impl IntoView {
    let has_draft = Memo::new(move |_| record.with(|r| r.engagement.charter.draft.is_some()));
    move || {
        if has_draft.get() {
            match DraftEditor::new(&record.get_untracked()) {
                Some(editor) => view! { <Wizard record editor/> }.into_any(),
                None => ().into_any(),
            }
        } else {
            view! { <StartCharter record/> }.into_any()
        }
    }
}

/// Shown when there is no draft: start one (with defaults or the workshop sample), or, when the
/// charter is approved, say how to change it.
#[component]
pub fn StartCharter(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let status = Memo::new(move |_| record.with(|r| r.engagement.charter.status()));
    let start = {
        let id = id.clone();
        move |with_sample: bool| match state.start_charter(&id, with_sample) {
            Ok(_) => navigate(&Route::Engagement(id.clone(), Section::CharterWizard)),
            Err(error) => {
                state.show_toast(format!("The charter could not be started: {error}"), None)
            }
        }
    };
    let start_defaults = start.clone();
    view! {
        <Show
            when=move || status.get() == CharterStatus::NotStarted
            fallback=move || view! {
                <section class="card">
                    <h2>"The charter is approved"</h2>
                    <p>"An approved charter is frozen. To change it, start a new revision from the charter page and say why."</p>
                    <a class="button button--primary" href=Route::Engagement(record.with_untracked(|r| r.engagement.id.clone()), Section::Charter).href()>"Open the charter"</a>
                </section>
            }
        >
            <section class="card" aria-labelledby="start-title">
                <h2 id="start-title">"Draft the hypercare charter"</h2>
                <p>
                    "The charter is the agreement hypercare runs on: how long it lasts, what it handles and what it does not, the response times, who to escalate to, and where out-of-scope requests go. Project leadership approves it before go-live."
                </p>
                <p>"Six short steps. Every change is saved as you go; you can stop and come back."</p>
                <div class="actions">
                    <button type="button" class="button button--primary" on:click={
                        let start = start_defaults.clone();
                        move |_| start(false)
                    }>
                        "Start with recommended defaults"
                    </button>
                    <button type="button" class="button button--secondary" on:click={
                        let start = start.clone();
                        move |_| start(true)
                    }>
                        "Fill in a sample charter for a workshop"
                    </button>
                </div>
            </section>
        </Show>
    }
}

#[component]
fn Wizard(record: Signal<SavedEngagement>, editor: DraftEditor) -> impl IntoView {
    // Another tab's save of this engagement reaches the working copy.
    Effect::new(move |_| record.with(|r| editor.follow(r)));

    let current = Signal::from(Memo::new(move |_| editor.draft.with(|d| d.step.index())));
    let furthest = Signal::from(Memo::new(move |_| {
        editor.draft.with(|d| d.furthest.index())
    }));
    let flagged = Signal::derive(move || {
        let shown = editor.shown.get();
        editor.problems.with(|list| {
            let mut steps: Vec<usize> = list
                .iter()
                .filter(|p| shown.contains(&p.step))
                .map(|p| p.step.index())
                .collect();
            steps.dedup();
            steps
        })
    });
    let focus_step_top = || focus_after_render("step-title");
    let on_select = Callback::new(move |index: usize| {
        if let Some(step) = CharterStep::from_index(index) {
            editor.go_to(step);
            focus_step_top();
        }
    });
    let on_back = Callback::new(move |_| {
        let step = editor.step();
        if let Some(previous) = step
            .index()
            .checked_sub(1)
            .and_then(CharterStep::from_index)
        {
            editor.go_to(previous);
            focus_step_top();
        }
    });
    // Next checks this step first: its problems appear beside the fields, and the summary
    // takes the focus, so nobody skips ahead past a mistake unknowingly.
    let on_next = Callback::new(move |_| {
        let step = editor.step();
        let open = editor
            .draft
            .with_untracked(|d| problems_in(&d.charter, step));
        if !open.is_empty() {
            editor.show_problems_of(step);
            focus_after_render("step-problems");
            return;
        }
        if let Some(next) = CharterStep::from_index(step.index() + 1) {
            editor.go_to(next);
            focus_step_top();
        }
    });
    let step_problems = Memo::new(move |_| {
        let step = editor.draft.with(|d| d.step);
        let shown = editor.shown.with(|s| s.contains(&step));
        if !shown || step == CharterStep::Review {
            return Vec::new();
        }
        editor.problems.with(|list| {
            list.iter()
                .filter(|p| p.step == step)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let revising = Memo::new(move |_| editor.draft.with(|d| d.reason.clone()));
    let step_names: Vec<String> = CharterStep::ALL
        .iter()
        .map(|s| s.title().to_owned())
        .collect();
    // A memo, so typing (which changes the draft) does not rebuild the step and lose focus.
    let step = Memo::new(move |_| editor.draft.with(|d| d.step));

    view! {
        {move || revising.get().map(|reason| view! {
            <p class="notice notice--warning">
                <strong>"Revising the approved charter. "</strong>
                {format!("Reason: {reason}")}
            </p>
        })}
        {move || editor.notice.get().map(|message| view! {
            <div class="notice notice--warning" role="alert">
                <p>{message}</p>
            </div>
        })}
        <Stepper
            label="Charter"
            steps=step_names
            current
            furthest
            flagged
            on_select
            on_back
            on_next
        >
            <h2 id="step-title" tabindex="-1" class="step-title">
                {move || step.get().title()}
            </h2>
            <div
                id="step-problems"
                class="error-summary"
                tabindex="-1"
                hidden=move || step_problems.with(Vec::is_empty)
            >
                <h3 class="error-summary__title">"There is a problem"</h3>
                <ul class="error-summary__list">
                    {move || step_problems.get().into_iter().map(|p| {
                        let field = p.field.clone();
                        view! {
                            <li>
                                <button type="button" class="link-button" on:click=move |_| focus_by_id(&field)>
                                    {p.message}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
            {move || match step.get() {
                CharterStep::Basics => view! { <BasicsStep editor/> }.into_any(),
                CharterStep::Scope => view! { <ScopeStep editor/> }.into_any(),
                CharterStep::ServiceLevels => view! { <ServiceLevelsStep editor/> }.into_any(),
                CharterStep::Escalation => view! { <EscalationStep editor/> }.into_any(),
                CharterStep::Routing => view! { <RoutingStep editor/> }.into_any(),
                CharterStep::Review => view! { <ReviewStep editor record/> }.into_any(),
            }}
        </Stepper>
    }
}
