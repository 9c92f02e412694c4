//! The triage wizard's three steps. Each asks its questions once: what happened; what it is
//! (one answer per charter category, in the reporter's words); and, to confirm, the severity
//! with the due times it gives for an in-scope issue, or the destination for an out-of-scope
//! one.
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::charter::{Charter, RoutingDestination};
use crate::domain::triage::classify::{question_for, severity_matrix, suggest_severity, Level};
use crate::domain::triage::clock::clocks;
use crate::domain::triage::Issue;
use crate::state::zone::BrowserZones;
use crate::ui::components::{writes_to, SelectField, TextArea, TextField};
use crate::ui::format::{sla_time, zone_label};

/// Every answer of the wizard, kept above the steps so that moving between them loses nothing.
#[derive(Clone, Copy)]
pub(super) struct Answers {
    pub title: RwSignal<String>,
    pub description: RwSignal<String>,
    pub reporter: RwSignal<String>,
    pub reported: RwSignal<String>,
    pub area: RwSignal<String>,
    pub category: RwSignal<String>,
    pub rationale: RwSignal<String>,
    pub impact: RwSignal<Level>,
    pub urgency: RwSignal<Level>,
    pub workaround: RwSignal<bool>,
    pub severity: RwSignal<String>,
    pub route: RwSignal<String>,
    pub route_reason: RwSignal<String>,
}

impl Answers {
    /// Impact, urgency or the workaround changed: the matrix suggests the severity again.
    fn suggest(self, charter: StoredValue<Charter>) {
        let (impact, urgency) = (self.impact.get_untracked(), self.urgency.get_untracked());
        let workaround = self.workaround.get_untracked();
        if let Some(s) = charter
            .with_value(|c| suggest_severity(c, impact, urgency, workaround).map(str::to_owned))
        {
            self.severity.set(s);
        }
    }
}

#[component]
pub(super) fn DescribeStep(
    answers: Answers,
    zone: StoredValue<String>,
    error: Callback<&'static str, Signal<Option<String>>>,
) -> impl IntoView {
    let Answers {
        title,
        description,
        reporter,
        reported,
        area,
        ..
    } = answers;
    let zone_hint = zone.with_value(|z| {
        format!(
            "In the charter\u{2019}s time zone, {}",
            zone_label(z, Utc::now())
        )
    });
    view! {
        <TextField id="issue-title" label="Title" value=title on_input=writes_to(title) error=error.run("issue-title")/>
        <TextArea id="issue-description" label="What happened" optional=true value=description on_input=writes_to(description)/>
        <div class="field-row">
            <TextField id="issue-reporter" label="Reported by" optional=true value=reporter on_input=writes_to(reporter)/>
            <TextField id="issue-reported" label="Reported at" input_type="datetime-local" hint=zone_hint value=reported on_input=writes_to(reported) error=error.run("issue-reported")/>
        </div>
        <TextField id="issue-area" label="Affected area" hint="Module, screen or process" optional=true value=area on_input=writes_to(area)/>
    }
}

/// "What is it?": one radio per charter category, in the reporter's words where the category
/// is one of the article's, with its name and side of the line beside it.
#[component]
pub(super) fn ClassifyStep(
    answers: Answers,
    charter: StoredValue<Charter>,
    error: Callback<&'static str, Signal<Option<String>>>,
) -> impl IntoView {
    let Answers {
        category,
        rationale,
        ..
    } = answers;
    let choices = charter.with_value(|c| {
        c.categories
            .iter()
            .map(|x| {
                let side = if x.in_scope {
                    "in scope".to_owned()
                } else {
                    match x.destination {
                        Some(d) => format!("out of scope, to the {}", d.name().to_lowercase()),
                        None => "out of scope".to_owned(),
                    }
                };
                let words = question_for(&x.id).unwrap_or(&x.name).to_owned();
                (x.id.clone(), words, format!("{} \u{00b7} {side}", x.name))
            })
            .collect::<Vec<_>>()
    });
    let problem = error.run("issue-category");
    view! {
        <fieldset class="fieldset" id="issue-category" tabindex="-1"
            aria-describedby="issue-category-hint" aria-invalid=move || problem.get().is_some().then_some("true")>
            <legend class="field__label">"What is it?"</legend>
            <p class="field__hint" id="issue-category-hint">"Pick the closest answer: it is the charter\u{2019}s category, and it decides the side of the line."</p>
            {move || problem.get().map(|m| view! { <p class="field__error">{m}</p> })}
            <div class="radio-list">
                {choices.into_iter().map(|(id, words, name)| {
                    let input_id = format!("category-{id}");
                    let checked = {
                        let id = id.clone();
                        move || category.get() == id
                    };
                    view! {
                        <div class="checkbox">
                            <input type="radio" name="issue-category" id=input_id.clone() prop:checked=checked
                                on:change=move |_| category.set(id.clone())/>
                            <label for=input_id>{words}<span class="radio-list__detail">{name}</span></label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
        <TextArea id="issue-rationale" label="Why this category" optional=true rows=2 value=rationale on_input=writes_to(rationale)/>
    }
}

/// The severity from impact x urgency (the matrix shown), and the due times it gives.
#[component]
pub(super) fn SeverityChoice(
    answers: Answers,
    charter: StoredValue<Charter>,
    zone: StoredValue<String>,
    preview: Signal<Option<Issue>>,
    error: Callback<&'static str, Signal<Option<String>>>,
) -> impl IntoView {
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
                                        answers.suggest(charter);
                                    }/>
                                <label for=id>{level.name()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        }
    };
    let workaround = answers.workaround;
    let severity = answers.severity;
    let due = move || {
        preview
            .get()
            .and_then(|p| charter.with_value(|c| clocks(&p, c, &BrowserZones, Utc::now())))
    };
    view! {
        {levels("impact", answers.impact, "Impact: how many people or how much business is affected?")}
        {levels("urgency", answers.urgency, "Urgency: how soon does it hurt?")}
        <div class="checkbox">
            <input type="checkbox" id="issue-workaround" prop:checked=move || workaround.get()
                on:change=move |ev| {
                    workaround.set(event_target_checked(&ev));
                    answers.suggest(charter);
                }/>
            <label for="issue-workaround">"A workaround exists (caps the impact at medium)"</label>
        </div>
        <Matrix answers charter/>
        <SelectField id="issue-severity" label="Severity" hint="Suggested by the matrix; choose another if you know better"
            options=severities value=severity on_change=writes_to(severity) error=error.run("issue-severity")/>
        <div class="outcome">
            <p class="outcome__title">"In scope: handled by the hypercare team."</p>
            {move || match due() {
                Some((response, resolution)) => {
                    let calendar = charter.with_value(|c| c.calendar.clone());
                    let at = |d| zone.with_value(|z| sla_time(z, d));
                    view! {
                        <p>{format!("First response due {}.", response.due.map(at).unwrap_or_else(|| response.describe(&calendar)))}</p>
                        <p>{format!("Resolution due {}.", resolution.due.map(at).unwrap_or_else(|| "(no resolution target)".to_owned()))}</p>
                    }.into_any()
                }
                None => view! { <p>"Due times appear once the severity is set."</p> }.into_any(),
            }}
        </div>
    }
}

/// The impact x urgency matrix with the severity each pair suggests; the pair chosen is marked.
#[component]
fn Matrix(answers: Answers, charter: StoredValue<Charter>) -> impl IntoView {
    let rows = charter.with_value(severity_matrix);
    let names = charter.with_value(|c| {
        c.severities
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect::<Vec<_>>()
    });
    let name = move |id: &str| {
        names
            .iter()
            .find(|(i, _)| i == id)
            .map_or_else(String::new, |(_, n)| n.clone())
    };
    let (impact, urgency, workaround) = (answers.impact, answers.urgency, answers.workaround);
    view! {
        <details class="severity-matrix">
            <summary>"How impact and urgency suggest a severity"</summary>
            <table>
                <caption class="visually-hidden">"Suggested severity by impact (rows) and urgency (columns)"</caption>
                <thead><tr><th scope="col">"Impact \u{2193} urgency \u{2192}"</th>
                    {Level::ALL.iter().map(|u| view! { <th scope="col">{u.name()}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(i, cells)| view! {
                        <tr>
                            <th scope="row">{i.name()}</th>
                            {cells.into_iter().map(|(u, id)| {
                                let chosen = move || {
                                    let shown = if workaround.get() { impact.get().max(Level::Medium) } else { impact.get() };
                                    shown == i && urgency.get() == u
                                };
                                view! { <td class:severity-matrix__chosen=chosen aria-current=move || chosen().then_some("true")>{name(&id)}</td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="field__hint">"A workaround counts the impact as medium at most."</p>
        </details>
    }
}

/// An out-of-scope request: where the charter sends it, and an override with its reason.
#[component]
pub(super) fn RouteChoice(
    answers: Answers,
    charter: StoredValue<Charter>,
    error: Callback<&'static str, Signal<Option<String>>>,
) -> impl IntoView {
    let (route, route_reason) = (answers.route, answers.route_reason);
    let category_id = answers.category.get_untracked();
    let (name, destination, contact) = charter.with_value(|c| {
        let cat = c.categories.iter().find(|x| x.id == category_id);
        let destination = cat.and_then(|x| x.destination);
        let contact = destination
            .and_then(|d| c.contact_for(d))
            .map(|x| x.contact.clone())
            .unwrap_or_default();
        (
            cat.map(|x| x.name.clone()).unwrap_or_default(),
            destination,
            contact,
        )
    });
    let destinations = Signal::stored(
        std::iter::once((String::new(), "As the charter says".to_owned()))
            .chain(
                RoutingDestination::ALL
                    .iter()
                    .map(|d| (d.key().to_owned(), d.name().to_owned())),
            )
            .collect::<Vec<_>>(),
    );
    let contact = if contact.is_empty() {
        "no named contact".to_owned()
    } else {
        contact
    };
    view! {
        <div class="outcome outcome--out">
            <p class="outcome__title">"Out of scope: logged and routed, outside the hypercare service levels."</p>
            <p>{format!("\u{201c}{name}\u{201d} requests go to the {} ({contact}).", destination.map_or("(no destination)", |d| d.name()).to_lowercase())}</p>
        </div>
        <SelectField id="issue-route" label="Route to" hint="Override only with a reason"
            options=destinations value=route on_change=writes_to(route)/>
        <Show when=move || !route.get().is_empty()>
            <TextArea id="issue-route-reason" label="Why route it elsewhere" rows=2 value=route_reason
                on_input=writes_to(route_reason) error=error.run("issue-route-reason")/>
        </Show>
    }
}
