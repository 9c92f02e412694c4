//! The triage wizard, on the shared stepper: describe, classify (one question), confirm (the
//! severity and due times, or the destination). With the defaults an in-scope issue takes four
//! clicks: Save and continue, its answer, Save and continue, Triage issue. The steps are in
//! `wizard_steps.rs`; a triage left half-way is kept by `wizard_draft.rs`.
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::charter::{Charter, RoutingDestination};
use crate::domain::triage::classify::{suggest_severity, Level};
use crate::domain::triage::form::{
    category_in_scope, problems, problems_in, Problem, TriageForm, TriageStep,
};
use crate::domain::triage::Issue;
use crate::state::AppState;
use crate::state::SavedEngagement;
use crate::ui::components::Stepper;
use crate::ui::dom::focus_by_id;
use crate::ui::format::{parse_zone_input, zone_input};

use super::wizard_draft::{self, WizardDraft};
use super::wizard_steps::{Answers, ClassifyStep, DescribeStep, RouteChoice, SeverityChoice};

const STEPS: [&str; 3] = ["Describe", "Classify", "Confirm"];
/// The step with the final action.
const CONFIRM: usize = 2;

#[component]
pub fn IssueTriageWizard(
    record: Signal<SavedEngagement>,
    number: u32,
    on_done: Callback<()>,
    /// Told the answers as they change, for a workshop's projector to show the triage live.
    #[prop(optional)]
    on_form: Option<Callback<TriageForm>>,
    /// Put the focus in the first field on opening (the issue page; not a workshop console,
    /// whose clicker keys must stay the console's).
    #[prop(optional)]
    focus_first: bool,
) -> impl IntoView {
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let charter: Charter = match record.with_untracked(|r| r.engagement.charter.in_force().cloned()) {
        Some(c) => c,
        None => return view! { <p class="notice notice--warning">"Start the charter first: triage takes its categories, severities and routing from it."</p> }.into_any(),
    };
    let Some(issue) = record.with_untracked(|r| r.engagement.issue(number).cloned()) else {
        return ().into_any();
    };
    // The reported time is typed in the charter's zone, like every SLA time is shown.
    let zone = StoredValue::new(charter.calendar.time_zone.clone());
    let kept = kept_draft(&id, number, &issue, &charter, zone);
    let step = RwSignal::new(kept.step.min(CONFIRM));
    let furthest = RwSignal::new(kept.furthest.min(CONFIRM));
    let answers = answers_from(&kept);
    wizard_draft::keep(&id, number, move || {
        draft_of(answers, step.get(), furthest.get())
    });
    let errors = RwSignal::new(Vec::<Problem>::new());
    let charter = StoredValue::new(charter);
    let form = move || form_of(answers, zone);
    if let Some(on_form) = on_form {
        Effect::new(move |_| on_form.run(form()));
    }
    // Only the category decides this; reading the whole form would redraw the step on every key.
    let chosen_in_scope =
        move || charter.with_value(|c| category_in_scope(c, &answers.category.get()));
    let error = Callback::new(move |field: &'static str| {
        Signal::derive(move || {
            errors.with(|e| {
                e.iter()
                    .find(|p| p.field == field)
                    .map(|p| p.message.clone())
            })
        })
    });
    // The problems of one step (all of them with `None`), to show beside their fields.
    let check = move |at: Option<usize>| -> Vec<Problem> {
        let form = untrack(form);
        charter.with_value(|c| match at {
            Some(at) => problems_in(&form, c, TriageStep::at(at), Utc::now()),
            None => problems(&form, c, Utc::now()),
        })
    };
    let go = move |to: usize| go_to(step, furthest, to);
    let on_next = Callback::new(move |_| {
        let found = check(Some(step.get_untracked()));
        let has = !found.is_empty();
        errors.set(found);
        if has {
            request_animation_frame(|| focus_by_id("triage-problems"));
        } else if step.get_untracked() < CONFIRM {
            go(step.get_untracked() + 1);
        }
    });
    let on_back = Callback::new(move |_| {
        errors.set(Vec::new());
        go(step.get_untracked().saturating_sub(1));
    });
    let on_select = Callback::new(move |to: usize| {
        errors.set(Vec::new());
        go(to);
    });
    // The issue as it would be after triage, to show its due times before confirming.
    let preview = Signal::derive({
        let issue = issue.clone();
        move || {
            let mut copy = issue.clone();
            let now = Utc::now();
            let form = form();
            copy.describe(form.described()?, "", now).ok()?;
            charter
                .with_value(|c| copy.triage(c, form.triage(c), "", now))
                .ok()?;
            Some(copy)
        }
    });
    let confirm = confirm_action(record, number, form, check, errors, go, on_done);
    let step_names: Vec<String> = STEPS.iter().map(|s| s.to_string()).collect();
    if focus_first {
        let target = if step.get_untracked() == 0 {
            "issue-title"
        } else {
            "triage-step-title"
        };
        crate::ui::dom::focus_on_arrival(target);
    }

    view! {
        // A form, so that Enter in a field continues, and on the last step triages.
        <form class="card triage-wizard" aria-labelledby="triage-step-title" novalidate=true
            on:submit=move |ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            <Stepper
                enter_continues=true
                label="Triage"
                steps=step_names
                current=Signal::from(step)
                furthest=Signal::from(furthest)
                flagged=Signal::derive(move || if errors.with(Vec::is_empty) { vec![] } else { vec![step.get()] })
                on_select
                on_back
                on_next
            >
                <h2 id="triage-step-title" tabindex="-1" class="step-title">{move || format!("Triage #{number}: {}", STEPS[step.get()])}</h2>
                <ProblemSummary errors/>
                {move || match step.get() {
                    0 => view! { <DescribeStep answers zone error/> }.into_any(),
                    1 => view! { <ClassifyStep answers charter error/> }.into_any(),
                    _ if chosen_in_scope() == Some(false) => view! { <RouteChoice answers charter error/> }.into_any(),
                    _ => view! { <SeverityChoice answers charter zone preview error/> }.into_any(),
                }}
                <Show when=move || step.get() == CONFIRM>
                    <button type="submit" id="triage-confirm" class="button button--primary" on:click=confirm.clone()>"Triage issue"</button>
                </Show>
            </Stepper>
        </form>
    }
    .into_any()
}

/// Moves the wizard to step `to`. On the last step the final action has the focus: with the
/// defaults, Enter triages.
fn go_to(step: RwSignal<usize>, furthest: RwSignal<usize>, to: usize) {
    step.set(to);
    furthest.update(|f| *f = (*f).max(to));
    let target = if to == CONFIRM {
        "triage-confirm"
    } else {
        "triage-step-title"
    };
    crate::ui::dom::focus_after_render(target);
}

/// The answers the wizard starts from: the kept draft's, with impact and urgency at medium.
fn answers_from(kept: &WizardDraft) -> Answers {
    let text = |value: &String| RwSignal::new(value.clone());
    Answers {
        title: text(&kept.title),
        description: text(&kept.description),
        reporter: text(&kept.reporter),
        reported: text(&kept.reported),
        area: text(&kept.area),
        category: text(&kept.category),
        rationale: text(&kept.rationale),
        impact: RwSignal::new(Level::Medium),
        urgency: RwSignal::new(Level::Medium),
        workaround: RwSignal::new(false),
        severity: text(&kept.severity),
        route: text(&kept.route),
        route_reason: text(&kept.route_reason),
    }
}

/// The step's problems, each a link to its field.
#[component]
fn ProblemSummary(errors: RwSignal<Vec<Problem>>) -> impl IntoView {
    view! {
        <div id="triage-problems" class="error-summary" tabindex="-1" hidden=move || errors.with(Vec::is_empty)>
            <h3 class="error-summary__title">"There is a problem"</h3>
            <ul class="error-summary__list">
                {move || errors.get().into_iter().map(|Problem { field, message, .. }| view! {
                    <li><button type="button" class="link-button" on:click=move |_| focus_by_id(field)>{message}</button></li>
                }).collect_view()}
            </ul>
        </div>
    }
}

/// The triage left half-way, or a fresh one from the issue as it stands.
fn kept_draft(
    id: &crate::domain::EngagementId,
    number: u32,
    issue: &Issue,
    charter: &Charter,
    zone: StoredValue<String>,
) -> WizardDraft {
    wizard_draft::load(id, number).unwrap_or_else(|| {
        let view = issue.view();
        WizardDraft {
            title: view.title.clone(),
            description: view.description.clone(),
            reporter: view.reporter.clone(),
            reported: zone
                .with_value(|z| zone_input(z, view.clock_start().unwrap_or_else(Utc::now))),
            area: view.area.clone(),
            category: view.category_id.clone().unwrap_or_default(),
            rationale: view.rationale.clone(),
            severity: view.severity_id.clone().unwrap_or_else(|| {
                // Start from what the matrix suggests for medium impact and urgency, so the
                // step is never blank; the choice is the user's.
                suggest_severity(charter, Level::Medium, Level::Medium, false)
                    .unwrap_or_default()
                    .to_owned()
            }),
            ..WizardDraft::default()
        }
    })
}

fn draft_of(answers: Answers, step: usize, furthest: usize) -> WizardDraft {
    WizardDraft {
        step,
        furthest,
        title: answers.title.get(),
        description: answers.description.get(),
        reporter: answers.reporter.get(),
        reported: answers.reported.get(),
        area: answers.area.get(),
        category: answers.category.get(),
        rationale: answers.rationale.get(),
        severity: answers.severity.get(),
        route: answers.route.get(),
        route_reason: answers.route_reason.get(),
    }
}

/// The answers as the domain's triage form; the rules about them live there.
fn form_of(answers: Answers, zone: StoredValue<String>) -> TriageForm {
    TriageForm {
        title: answers.title.get(),
        description: answers.description.get(),
        reporter: answers.reporter.get(),
        reported_at: zone.with_value(|z| parse_zone_input(z, &answers.reported.get())),
        area: answers.area.get(),
        category_id: answers.category.get(),
        rationale: answers.rationale.get(),
        severity_id: answers.severity.get(),
        route_override: RoutingDestination::from_key(&answers.route.get()),
        route_reason: answers.route_reason.get(),
    }
}

/// "Triage issue": every problem checked, then the issue described and triaged in one save.
fn confirm_action(
    record: Signal<SavedEngagement>,
    number: u32,
    form: impl Fn() -> TriageForm + Copy + 'static,
    check: impl Fn(Option<usize>) -> Vec<Problem> + Copy + 'static,
    errors: RwSignal<Vec<Problem>>,
    go: impl Fn(usize) + Copy + 'static,
    on_done: Callback<()>,
) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    move |_| {
        let found = check(None);
        if !found.is_empty() {
            errors.set(found);
            request_animation_frame(|| focus_by_id("triage-problems"));
            return;
        }
        let form = untrack(form);
        let Some(described) = form.described() else {
            return;
        };
        let result = state.change_issue(&id, number, |issue, charter, by, now| {
            issue.describe(described, by, now)?;
            issue.triage(charter, form.triage(charter), by, now)
        });
        match result {
            Ok(()) => {
                wizard_draft::clear(&id, number);
                state.show_toast(format!("Issue #{number} triaged."), None);
                on_done.run(());
            }
            Err(error) => {
                // A report time that became wrong is shown beside its own field.
                let (step, field) = if error.problem_at("issue-reported").is_some() {
                    go(0);
                    (TriageStep::Describe, "issue-reported")
                } else {
                    (TriageStep::Classify, "issue-category")
                };
                errors.set(vec![Problem {
                    step,
                    field,
                    message: error.to_string(),
                }]);
            }
        }
    }
}
