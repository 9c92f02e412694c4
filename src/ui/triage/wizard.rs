//! The triage wizard, on the shared stepper: describe, classify with guided questions, set the
//! severity with the impact x urgency helper, and see the outcome (who handles it and when it is
//! due, or where it is routed) before confirming.
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::charter::{Charter, RoutingDestination};
use crate::domain::triage::classify::{suggest_category, suggest_severity, Level, Symptom};
use crate::domain::triage::clock::clocks;
use crate::domain::triage::form::{
    category_in_scope, problems, problems_in, Problem, TriageForm, TriageStep,
};
use crate::domain::triage::Issue;
use crate::state::zone::BrowserZones;
use crate::state::AppState;
use crate::state::SavedEngagement;
use crate::ui::components::{writes_to, SelectField, Stepper, TextArea, TextField};
use crate::ui::dom::focus_by_id;
use crate::ui::format::{parse_zone_input, sla_time, zone_input, zone_label};

use super::wizard_draft::{self, WizardDraft};

const STEPS: [&str; 4] = ["Describe", "Classify", "Severity", "Outcome"];

#[component]
pub fn IssueTriageWizard(
    record: Signal<SavedEngagement>,
    number: u32,
    on_done: Callback<()>,
    /// Told the answers as they change, for a workshop's projector to show the triage live.
    #[prop(optional)]
    on_form: Option<Callback<TriageForm>>,
) -> impl IntoView {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let charter: Charter = match record.with_untracked(|r| r.engagement.charter.in_force().cloned()) {
        Some(c) => c,
        None => return view! { <p class="notice notice--warning">"Start the charter first: triage takes its categories, severities and routing from it."</p> }.into_any(),
    };
    let Some(issue) = record.with_untracked(|r| r.engagement.issue(number).cloned()) else {
        return ().into_any();
    };
    let view = issue.view();
    // The reported time is typed in the charter's zone, like every SLA time is shown.
    let zone = StoredValue::new(charter.calendar.time_zone.clone());
    // A triage left half-way resumes where it was left, with what was typed.
    let kept = wizard_draft::load(&id, number).unwrap_or_else(|| WizardDraft {
        title: view.title.clone(),
        description: view.description.clone(),
        reporter: view.reporter.clone(),
        reported: zone.with_value(|z| zone_input(z, view.clock_start().unwrap_or_else(Utc::now))),
        area: view.area.clone(),
        category: view.category_id.clone().unwrap_or_default(),
        rationale: view.rationale.clone(),
        severity: view.severity_id.clone().unwrap_or_else(|| {
            // Start from what the helper suggests for medium impact and urgency, so the step
            // is never blank; the choice is the user's.
            suggest_severity(&charter, Level::Medium, Level::Medium, false)
                .unwrap_or_default()
                .to_owned()
        }),
        ..WizardDraft::default()
    });
    // All wizard state lives here, above the step switch, so it survives moving between steps.
    let step = RwSignal::new(kept.step.min(STEPS.len() - 1));
    let furthest = RwSignal::new(kept.furthest.min(STEPS.len() - 1));
    let title = RwSignal::new(kept.title);
    let description = RwSignal::new(kept.description);
    let reporter = RwSignal::new(kept.reporter);
    let reported = RwSignal::new(kept.reported);
    let parse_reported = move |text: &str| zone.with_value(|z| parse_zone_input(z, text));
    let area = RwSignal::new(kept.area);
    let symptom = RwSignal::new(None::<Symptom>);
    let category = RwSignal::new(kept.category);
    let rationale = RwSignal::new(kept.rationale);
    let impact = RwSignal::new(Level::Medium);
    let urgency = RwSignal::new(Level::Medium);
    let workaround = RwSignal::new(false);
    let severity = RwSignal::new(kept.severity);
    let route = RwSignal::new(kept.route);
    let route_reason = RwSignal::new(kept.route_reason);
    wizard_draft::keep(&id, number, move || WizardDraft {
        step: step.get(),
        furthest: furthest.get(),
        title: title.get(),
        description: description.get(),
        reporter: reporter.get(),
        reported: reported.get(),
        area: area.get(),
        category: category.get(),
        rationale: rationale.get(),
        severity: severity.get(),
        route: route.get(),
        route_reason: route_reason.get(),
    });
    let errors = RwSignal::new(Vec::<Problem>::new());
    let charter = StoredValue::new(charter);

    // The answers as the domain's triage form; the rules about them live there.
    let form = move || TriageForm {
        title: title.get(),
        description: description.get(),
        reporter: reporter.get(),
        reported_at: parse_reported(&reported.get()),
        area: area.get(),
        category_id: category.get(),
        rationale: rationale.get(),
        severity_id: severity.get(),
        route_override: RoutingDestination::from_key(&route.get()),
        route_reason: route_reason.get(),
    };
    if let Some(on_form) = on_form {
        Effect::new(move |_| on_form.run(form()));
    }
    // Only the category decides this; reading the whole form would redraw the step on every key.
    let chosen_in_scope = move || charter.with_value(|c| category_in_scope(c, &category.get()));
    let error = move |field: &'static str| {
        Signal::derive(move || {
            errors.with(|e| {
                e.iter()
                    .find(|p| p.field == field)
                    .map(|p| p.message.clone())
            })
        })
    };

    // The problems of one step (all of them with `None`), to show beside their fields.
    let check = move |at: Option<usize>| -> Vec<Problem> {
        let form = untrack(form);
        charter.with_value(|c| match at {
            Some(at) => problems_in(&form, c, TriageStep::at(at), Utc::now()),
            None => problems(&form, c, Utc::now()),
        })
    };
    let go = move |to: usize| {
        step.set(to);
        furthest.update(|f| *f = (*f).max(to));
        request_animation_frame(|| focus_by_id("triage-step-title"));
    };
    let on_next = Callback::new(move |_| {
        let found = check(Some(step.get_untracked()));
        let has = !found.is_empty();
        errors.set(found);
        if has {
            request_animation_frame(|| focus_by_id("triage-problems"));
        } else if step.get_untracked() < 3 {
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
    let preview = move || -> Option<Issue> {
        let mut copy = issue.clone();
        let now = Utc::now();
        let form = form();
        copy.describe(form.described()?, "", now).ok()?;
        charter
            .with_value(|c| copy.triage(c, form.triage(c), "", now))
            .ok()?;
        Some(copy)
    };

    let confirm = {
        let id = id.clone();
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
    };

    let categories = Signal::stored(
        std::iter::once((String::new(), "Choose a category".to_owned()))
            .chain(charter.with_value(|c| {
                c.categories
                    .iter()
                    .map(|x| {
                        (
                            x.id.clone(),
                            format!(
                                "{} ({})",
                                x.name,
                                if x.in_scope {
                                    "in scope"
                                } else {
                                    "out of scope"
                                }
                            ),
                        )
                    })
                    .collect::<Vec<_>>()
            }))
            .collect::<Vec<_>>(),
    );
    let severities = Signal::stored(
        std::iter::once((String::new(), "Choose a severity".to_owned()))
            .chain(charter.with_value(|c| {
                c.severities
                    .iter()
                    .map(|s| (s.id.clone(), s.name.clone()))
                    .collect::<Vec<_>>()
            }))
            .collect::<Vec<_>>(),
    );
    let destinations = Signal::stored(
        std::iter::once((String::new(), "As the charter says".to_owned()))
            .chain(
                RoutingDestination::ALL
                    .iter()
                    .map(|d| (d.key().to_owned(), d.name().to_owned())),
            )
            .collect::<Vec<_>>(),
    );
    let levels = move |name: &'static str, signal: RwSignal<Level>, legend: &'static str| {
        view! {
            <fieldset class="fieldset">
                <legend class="field__label">{legend}</legend>
                <div class="checkbox-row">
                    {Level::ALL.iter().map(|level| {
                        let level = *level;
                        let id = format!("{name}-{}", level.name().to_lowercase());
                        view! {
                            <div class="checkbox">
                                <input type="radio" name=name id=id.clone() prop:checked=move || signal.get() == level
                                    on:change=move |_| {
                                        signal.set(level);
                                        if let Some(s) = charter.with_value(|c| suggest_severity(c, impact.get_untracked(), urgency.get_untracked(), workaround.get_untracked()).map(str::to_owned)) { severity.set(s) }
                                    }/>
                                <label for=id>{level.name()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        }
    };

    let step_names: Vec<String> = STEPS.iter().map(|s| s.to_string()).collect();
    view! {
        <section class="card triage-wizard" aria-labelledby="triage-step-title">
            <Stepper
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
                <div id="triage-problems" class="error-summary" tabindex="-1" hidden=move || errors.with(Vec::is_empty)>
                    <h3 class="error-summary__title">"There is a problem"</h3>
                    <ul class="error-summary__list">
                        {move || errors.get().into_iter().map(|Problem { field, message, .. }| view! {
                            <li><button type="button" class="link-button" on:click=move |_| focus_by_id(field)>{message}</button></li>
                        }).collect_view()}
                    </ul>
                </div>
                {move || match step.get() {
                    0 => view! {
                        <TextField id="issue-title" label="Title" value=title on_input=writes_to(title) error=error("issue-title")/>
                        <TextArea id="issue-description" label="What happened" optional=true value=description on_input=writes_to(description)/>
                        <div class="field-row">
                            <TextField id="issue-reporter" label="Reported by" optional=true value=reporter on_input=writes_to(reporter)/>
                            <TextField id="issue-reported" label="Reported at" input_type="datetime-local" hint=zone.with_value(|z| format!("In the charter\u{2019}s time zone, {}", zone_label(z, Utc::now()))) value=reported on_input=writes_to(reported) error=error("issue-reported")/>
                        </div>
                        <TextField id="issue-area" label="Affected area" hint="Module, screen or process" optional=true value=area on_input=writes_to(area)/>
                    }.into_any(),
                    1 => view! {
                        <fieldset class="fieldset">
                            <legend class="field__label">"What is it?"</legend>
                            <p class="field__hint">"Pick the closest answer; the charter category is suggested from it."</p>
                            <div class="radio-list">
                                {Symptom::ALL.iter().map(|s| {
                                    let s = *s;
                                    let id = format!("symptom-{}", s.key());
                                    view! {
                                        <div class="checkbox">
                                            <input type="radio" name="symptom" id=id.clone() prop:checked=move || symptom.get() == Some(s)
                                                on:change=move |_| {
                                                    symptom.set(Some(s));
                                                    if let Some(c) = charter.with_value(|c| suggest_category(c, s).map(|x| x.id.clone())) { category.set(c) }
                                                }/>
                                            <label for=id>{s.question()}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                        <SelectField id="issue-category" label="Category" hint="Confirm the suggestion or choose another"
                            options=categories value=category on_change=writes_to(category) error=error("issue-category")/>
                        <TextArea id="issue-rationale" label="Why this category" optional=true rows=2 value=rationale on_input=writes_to(rationale)/>
                    }.into_any(),
                    2 if chosen_in_scope() == Some(false) => view! {
                        <p>"Out-of-scope requests get no severity: they are outside the hypercare service levels and go to their destination on the next step."</p>
                    }.into_any(),
                    2 => view! {
                        {levels("impact", impact, "Impact: how many people or how much business is affected?")}
                        {levels("urgency", urgency, "Urgency: how soon does it hurt?")}
                        <div class="checkbox">
                            <input type="checkbox" id="issue-workaround" prop:checked=move || workaround.get()
                                on:change=move |ev| {
                                    workaround.set(event_target_checked(&ev));
                                    if let Some(s) = charter.with_value(|c| suggest_severity(c, impact.get_untracked(), urgency.get_untracked(), workaround.get_untracked()).map(str::to_owned)) { severity.set(s) }
                                }/>
                            <label for="issue-workaround">"A workaround exists (caps the impact at medium)"</label>
                        </div>
                        <SelectField id="issue-severity" label="Severity" hint="Suggested from impact and urgency; choose another if you know better"
                            options=severities value=severity on_change=writes_to(severity) error=error("issue-severity")/>
                    }.into_any(),
                    _ => match chosen_in_scope() {
                        Some(false) => {
                            let category_id = category.get();
                            let (name, destination, contact) = charter.with_value(|c| {
                                let cat = c.categories.iter().find(|x| x.id == category_id);
                                let destination = cat.and_then(|x| x.destination);
                                let contact = destination.and_then(|d| c.contact_for(d)).map(|x| x.contact.clone()).unwrap_or_default();
                                (cat.map(|x| x.name.clone()).unwrap_or_default(), destination, contact)
                            });
                            view! {
                                <div class="outcome outcome--out">
                                    <p class="outcome__title">"Out of scope: logged and routed, outside the hypercare service levels."</p>
                                    <p>{format!("\u{201c}{name}\u{201d} requests go to the {} ({}).", destination.map_or("(no destination)", |d| d.name()).to_lowercase(), if contact.is_empty() { "no named contact".to_owned() } else { contact })}</p>
                                </div>
                                <SelectField id="issue-route" label="Route to" hint="Override only with a reason"
                                    options=destinations value=route on_change=writes_to(route)/>
                                <Show when=move || !route.get().is_empty()>
                                    <TextArea id="issue-route-reason" label="Why route it elsewhere" rows=2 value=route_reason
                                        on_input=writes_to(route_reason) error=error("issue-route-reason")/>
                                </Show>
                            }.into_any()
                        }
                        _ => {
                            let due = preview().and_then(|p| charter.with_value(|c| clocks(&p, c, &BrowserZones, Utc::now())));
                            view! {
                                <div class="outcome">
                                    <p class="outcome__title">"In scope: handled by the hypercare team."</p>
                                    {match due {
                                        Some((response, resolution)) => view! {
                                            <p>{format!("First response due {}.", response.due.map(|d| zone.with_value(|z| sla_time(z, d))).unwrap_or_else(|| response.describe(&charter.with_value(|c| c.calendar.clone()))))}</p>
                                            <p>{format!("Resolution due {}.", resolution.due.map(|d| zone.with_value(|z| sla_time(z, d))).unwrap_or_else(|| "(no resolution target)".to_owned()))}</p>
                                        }.into_any(),
                                        None => view! { <p>"Due times appear once the severity is set."</p> }.into_any(),
                                    }}
                                </div>
                            }.into_any()
                        }
                    },
                }}
                <Show when=move || step.get() == 3>
                    <button type="button" class="button button--primary" on:click=confirm.clone()>"Triage issue"</button>
                </Show>
            </Stepper>
        </section>
    }
    .into_any()
}
