//! One issue: its triage (the wizard while untriaged or when reclassifying), its clocks, the
//! actions that move it on, and its full history.
use chrono::Utc;
use leptos::prelude::*;

use super::business_update::BusinessUpdates;
use super::clocks::ClockBadge;
use super::ticket::TicketDetails;
use super::wizard::IssueTriageWizard;
use crate::domain::charter::Charter;
use crate::domain::triage::clock::{clocks, RESOLUTION_CLOCK_RULE, RESPONSE_CLOCK_RULE};
use crate::domain::triage::{Change, Issue, IssueEvent, Status, Team};
use crate::domain::triage::{ClockState, IssueClock};
use crate::domain::withdrawal::handled_by::handled_by;
use crate::domain::workshop::record::about_issue;
use crate::route::{Route, Section};
use crate::state::zone::BrowserZones;
use crate::state::AppState;
use crate::state::SavedEngagement;
use crate::ui::components::{writes_to, SelectField, TextArea, TextField};
use crate::ui::dom::focus_by_id;
use crate::ui::format::sla_time;

#[component]
pub fn IssuePage(record: Signal<SavedEngagement>, number: u32) -> impl IntoView {
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let issue = Memo::new(move |_| record.with(|r| r.engagement.issue(number).cloned()));
    let exists = Memo::new(move |_| issue.with(Option::is_some));
    let charter = Memo::new(move |_| record.with(|r| r.engagement.charter.in_force().cloned()));
    let plan = Memo::new(move |_| record.with(|r| r.engagement.withdrawal.clone()));
    let status = Memo::new(move |_| issue.with(|i| i.as_ref().map(|i| i.view().status())));
    let reclassifying = RwSignal::new(false);
    let frozen = Memo::new(move |_| record.with(|r| r.engagement.is_frozen()));
    let triaging = Memo::new(move |_| {
        !frozen.get() && (reclassifying.get() || status.get() == Some(Status::New))
    });
    let queue_href = Route::Engagement(id.clone(), Section::triage()).href();
    // An old number of an issue that team sync renumbered: go to where it is now, so every
    // command on this page acts on its current number.
    {
        let id = id.clone();
        Effect::new(move |_| {
            if let Some(now) = issue
                .with(|i| i.as_ref().map(|i| i.number))
                .filter(|n| *n != number)
            {
                crate::ui::router::navigate(&Route::Engagement(id.clone(), Section::Issue(now)));
            }
        });
    }

    // The next issue waiting for triage, after this one in number order (then from the start):
    // triage goes through the queue without going back to it each time.
    let next_to_triage = Memo::new(move |_| {
        record.with(|r| {
            let waiting = |i: &&Issue| i.number != number && i.view().status() == Status::New;
            let issues = &r.engagement.issues;
            issues
                .iter()
                .filter(waiting)
                .filter(|i| i.number > number)
                .min_by_key(|i| i.number)
                .or_else(|| issues.iter().filter(waiting).min_by_key(|i| i.number))
                .map(|i| (i.number, i.view().title))
        })
    });
    let next_href = StoredValue::new(id.clone());
    let next_href = move |to: u32| {
        next_href.with_value(|id| Route::Engagement(id.clone(), Section::Issue(to)).href())
    };
    let triaged = Callback::new(move |_| {
        reclassifying.set(false);
        // With the keyboard: Enter on the focused link opens the next one.
        request_animation_frame(|| focus_by_id("next-to-triage"));
    });

    // This number was contested: another issue logged under it elsewhere moved to a new one.
    let moved = Memo::new(move |_| record.with(|r| r.engagement.moved_from(number)));
    let moved_href = {
        let id = id.clone();
        move |to: u32| Route::Engagement(id.clone(), Section::Issue(to)).href()
    };

    view! {
        <p><a class="back-link" href=queue_href.clone()>"\u{2190} Back to the queue"</a></p>
        {move || moved.with(|m| m.iter().map(|&to| view! {
            <p class="notice" role="note">
                {format!("Another issue was also logged as #{number} on a device that was offline; team sync moved it to ")}
                <a href=moved_href(to)>{format!("#{to}")}</a>"."
            </p>
        }).collect_view())}
        <Show when=move || exists.get() fallback=move || view! { <p class="lead">{format!("There is no issue #{number} in this engagement.")}</p> }>
            <div class="issue-head">
                <h2 class="issue-title">{move || issue.with(|i| i.as_ref().map(|i| format!("#{} {}", i.number, i.view().title)))}</h2>
                <span class="badge badge--neutral">{move || status.get().map(|s| s.name())}</span>
            </div>
            <TicketDetails record issue/>
            {move || (!triaging.get()).then(|| next_to_triage.get()).flatten().map(|(to, title)| view! {
                <p class="next-to-triage"><a id="next-to-triage" class="button button--secondary" href=next_href(to)>{format!("Next issue to triage: #{to} {title}")}</a></p>
            })}
            {move || if triaging.get() {
                view! { <IssueTriageWizard record number on_done=triaged focus_first=true/> }.into_any()
            } else {
                view! {
                    <Summary issue charter plan/>
                    <BusinessUpdates record number issue charter/>
                    <Show when=move || !frozen.get()>
                        <Actions record number issue reclassify=Callback::new(move |_| reclassifying.set(true))/>
                    </Show>
                }.into_any()
            }}
            <WorkshopDecisions record number/>
            <History issue charter/>
        </Show>
    }
}

/// What workshops decided about this issue, and where (issue 27).
#[component]
fn WorkshopDecisions(record: Signal<SavedEngagement>, number: u32) -> impl IntoView {
    let decided = Memo::new(move |_| {
        record.with(|r| {
            about_issue(&r.engagement.workshops, number)
                .into_iter()
                .map(|d| {
                    (
                        d.place(),
                        d.decision.text.clone(),
                        d.decision.recorded_by.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let list = decided.get();
        (!list.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="decided-title">
                <h3 id="decided-title">"Decided in workshops"</h3>
                <ul class="plain-list">
                    {list.into_iter().map(|(place, text, by)| view! {
                        <li><strong>{format!("{place}: ")}</strong>{text}<span class="muted">{format!(" \u{2013} {by}")}</span></li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}

#[component]
fn Summary(
    issue: Memo<Option<Issue>>,
    charter: Memo<Option<Charter>>,
    plan: Memo<Option<crate::domain::withdrawal::WithdrawalPlan>>,
) -> impl IntoView {
    move || {
        let (Some(issue), Some(charter)) = (issue.get(), charter.get()) else {
            return ().into_any();
        };
        let view = issue.view();
        let category = view
            .category_id
            .as_ref()
            .and_then(|c| charter.categories.iter().find(|x| &x.id == c))
            .map(|x| x.name.clone());
        let severity = view
            .severity_id
            .as_ref()
            .and_then(|s| charter.severities.iter().find(|x| &x.id == s))
            .map(|x| x.name.clone());
        let pair = clocks(&issue, &charter, &BrowserZones, Utc::now());
        let calendar = charter.calendar.clone();
        let zone = calendar.time_zone.clone();
        // Who handles it: one answer, with where it comes from (the queue says the same).
        let handled_by = plan
            .with(|p| handled_by(&view, &charter, p.as_ref(), &BrowserZones))
            .map(|h| h.explained());
        view! {
            <section class="card" aria-labelledby="summary-title">
                <h3 id="summary-title">"Where it stands"</h3>
                <dl class="details">
                    <div><dt>"Scope"</dt><dd>{match view.in_scope { Some(true) => "In scope: within the hypercare service levels", Some(false) => "Out of scope: outside the hypercare service levels", None => "Not triaged yet" }}</dd></div>
                    {handled_by.map(|h| view! { <div><dt>"Handled by"</dt><dd>{h}</dd></div> })}
                    <div><dt>"Category"</dt><dd>{category.unwrap_or_else(|| "\u{2014}".to_owned())}{(!view.rationale.is_empty()).then(|| format!(" ({})", view.rationale))}</dd></div>
                    {severity.map(|s| view! { <div><dt>"Severity"</dt><dd>{s}</dd></div> })}
                    {view.destination.map(|d| {
                        let contact = charter.contact_for(d).map(|c| c.contact.clone()).unwrap_or_default();
                        view! { <div><dt>"Routed to"</dt><dd>{format!("{}{}{}", d.name(), if contact.is_empty() { String::new() } else { format!(", {contact}") }, if view.route_overridden { " (overriding the charter)" } else { "" })}</dd></div> }
                    })}
                    {pair.map(|(response, resolution)| {
                        let (cal_a, cal_b) = (calendar.clone(), calendar.clone());
                        view! {
                            <div><dt>"First response"</dt><dd><ClockBadge label="First response" clock=response calendar=cal_a rule=RESPONSE_CLOCK_RULE/>{response.due.map(|d| format!(" \u{00b7} {} {}", due_word(&response), sla_time(&zone, d)))}</dd></div>
                            <div><dt>"Resolution"</dt><dd><ClockBadge label="Resolution" clock=resolution calendar=cal_b rule=RESOLUTION_CLOCK_RULE/>{resolution.due.map(|d| format!(" \u{00b7} {} {}", due_word(&resolution), sla_time(&zone, d)))}</dd></div>
                            <div class="clock-rules"><dt>"What stops the clocks"</dt><dd><details><summary>"How the clocks count"</summary><p>{RESPONSE_CLOCK_RULE}</p><p>{RESOLUTION_CLOCK_RULE}</p></details></dd></div>
                        }
                    })}
                    {(!view.transfer_owner.is_empty()).then(|| view! { <div><dt>"Transferred to"</dt><dd>{format!("{}: {}", view.transfer_owner, view.transfer_plan)}</dd></div> })}
                    <div><dt>"Reported"</dt><dd>{format!("{}{}", view.clock_start().map(|t| sla_time(&zone, t)).unwrap_or_default(), if view.reporter.is_empty() { String::new() } else { format!(" by {}", view.reporter) })}</dd></div>
                    {(!view.area.is_empty()).then(|| view! { <div><dt>"Area"</dt><dd>{view.area.clone()}</dd></div> })}
                    {(!view.description.is_empty()).then(|| view! { <div><dt>"What happened"</dt><dd class="prewrap">{view.description.clone()}</dd></div> })}
                </dl>
            </section>
        }
        .into_any()
    }
}

/// "ran out" for a clock past its target, "due" for one still within it.
fn due_word(clock: &IssueClock) -> &'static str {
    if clock.state == ClockState::Breached {
        "target ran out"
    } else {
        "due"
    }
}

#[component]
fn Actions(
    record: Signal<SavedEngagement>,
    number: u32,
    issue: Memo<Option<Issue>>,
    reclassify: Callback<()>,
) -> impl IntoView {
    let state = AppState::get();
    let id = StoredValue::new(record.with_untracked(|r| r.engagement.id.clone()));
    let next_status = RwSignal::new(String::new());
    let why = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let plan = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let view_now = Memo::new(move |_| issue.with(|i| i.as_ref().map(Issue::view)));
    let in_scope = move || view_now.with(|v| v.as_ref().and_then(|v| v.in_scope) == Some(true));
    let status_options = Signal::derive(move || {
        let current = view_now.with(|v| v.as_ref().map(|v| v.status()));
        std::iter::once((String::new(), "Choose a status".to_owned()))
            .chain(
                Status::manual_choices()
                    .into_iter()
                    .filter(|s| Some(*s) != current)
                    .map(|s| (s.key().to_owned(), s.name().to_owned())),
            )
            .collect::<Vec<_>>()
    });
    let team_options = Signal::stored(vec![
        (String::new(), "Not recorded".to_owned()),
        (
            Team::ProjectTeam.key().to_owned(),
            Team::ProjectTeam.name().to_owned(),
        ),
        (
            Team::BusinessTeam.key().to_owned(),
            Team::BusinessTeam.name().to_owned(),
        ),
    ]);
    let team_value = Signal::derive(move || {
        view_now.with(|v| {
            v.as_ref()
                .and_then(|v| v.worked_by)
                .map(|t| t.key().to_owned())
                .unwrap_or_default()
        })
    });
    let record_team = Callback::new(move |key: String| {
        let Some(team) = Team::from_key(&key) else {
            return;
        };
        if let Err(error) = state.change_issue(&id.get_value(), number, |issue, _, by, now| {
            issue.worked_by(team, by, now)
        }) {
            message.set(Some(error.to_string()));
        }
    });
    let apply_status = move |_| {
        let Some(status) = Status::from_key(&next_status.get_untracked()) else {
            message.set(Some("Choose a status".to_owned()));
            return;
        };
        let reason = why.get_untracked();
        match state.change_issue(&id.get_value(), number, |issue, _, by, now| {
            issue.set_status(status, &reason, by, now)
        }) {
            Ok(()) => {
                message.set(None);
                next_status.set(String::new());
                why.set(String::new());
                state.show_toast(
                    format!("#{number} is now \u{201c}{}\u{201d}.", status.name()),
                    None,
                );
            }
            Err(error) => message.set(Some(error.to_string())),
        }
    };
    let apply_transfer = move |_| {
        let (o, p) = (owner.get_untracked(), plan.get_untracked());
        match state.change_issue(&id.get_value(), number, |issue, _, by, now| {
            issue.transfer(&o, &p, by, now)
        }) {
            Ok(()) => {
                message.set(None);
                state.show_toast(format!("#{number} transferred to {o}."), None);
            }
            Err(error) => message.set(Some(error.to_string())),
        }
    };
    view! {
        <section class="card" aria-labelledby="actions-title">
            <h3 id="actions-title">"Move it on"</h3>
            {move || message.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
            <Show when=in_scope>
                <SelectField id="issue-worked-by" label="Who is working on it" hint="Evidence for the withdrawal plan: is the business team taking over?"
                    options=team_options value=team_value on_change=record_team/>
                <div class="field-row">
                    <SelectField id="issue-next-status" label="Change status" hint="Waiting pauses the clocks; resolving stops them"
                        options=status_options value=next_status on_change=writes_to(next_status)/>
                    <TextField id="issue-status-why" label="Why" optional=true value=why on_input=writes_to(why)/>
                </div>
                <button type="button" class="button button--primary" on:click=apply_status>"Change status"</button>
                <details class="transfer">
                    <summary>"Transfer to the business team"</summary>
                    <TextField id="issue-transfer-owner" label="Owner in the business team" value=owner on_input=writes_to(owner)/>
                    <TextArea id="issue-transfer-plan" label="Resolution plan" rows=2 value=plan on_input=writes_to(plan)/>
                    <button type="button" class="button button--secondary" on:click=apply_transfer>"Transfer"</button>
                </details>
            </Show>
            <div class="actions">
                <button type="button" class="button button--secondary" on:click=move |_| reclassify.run(())>"Triage again (reclassify)"</button>
            </div>
        </section>
    }
}

fn describe_change(event: &IssueEvent, charter: Option<&Charter>) -> String {
    let category = |id: &str| {
        charter
            .and_then(|c| c.categories.iter().find(|x| x.id == id))
            .map_or(id.to_owned(), |x| x.name.clone())
    };
    let severity = |id: &str| {
        charter
            .and_then(|c| c.severities.iter().find(|x| x.id == id))
            .map_or(id.to_owned(), |x| x.name.clone())
    };
    match &event.change {
        Change::Logged { title } => format!("Logged \u{201c}{title}\u{201d}"),
        Change::Described { title, .. } => format!("Described as \u{201c}{title}\u{201d}"),
        Change::Classified {
            category_id,
            in_scope,
            rationale,
        } => format!(
            "Classified as {} ({}){}",
            category(category_id),
            if *in_scope {
                "in scope"
            } else {
                "out of scope"
            },
            if rationale.is_empty() {
                String::new()
            } else {
                format!(": {rationale}")
            }
        ),
        Change::Severity { severity_id } => format!("Severity set to {}", severity(severity_id)),
        Change::Routed {
            destination,
            overridden,
        } => format!(
            "Routed to the {}{}",
            destination.name().to_lowercase(),
            if *overridden { " (override)" } else { "" }
        ),
        Change::Status { status } => format!("Status: {}", status.name()),
        Change::WorkedBy { team } => format!("Worked on by the {}", team.name().to_lowercase()),
        Change::Transferred { owner, plan } => format!("Transferred to {owner}: {plan}"),
        Change::Renumbered { from, to } => format!("Renumbered from #{from} to #{to}"),
        Change::Ticket { key, system, .. } => format!("Ticket {key} read from {system}"),
        Change::BusinessUpdate { text } => format!("Update to the business: {text}"),
        Change::Warned { clock, breach, .. } => format!(
            "Warned: the {clock} clock {}",
            if *breach { "breached" } else { "is at risk" }
        ),
    }
}

#[component]
fn History(issue: Memo<Option<Issue>>, charter: Memo<Option<Charter>>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="history-title">
            <h3 id="history-title">"History"</h3>
            <ol class="history">
                {move || issue.get().map(|issue| issue.events.iter().rev().map(|event| {
                    let text = charter.with(|c| describe_change(event, c.as_ref()));
                    let zone = charter.with(|c| c.as_ref().map_or_else(crate::state::charter::browser_time_zone, |c| c.calendar.time_zone.clone()));
                    view! {
                        <li>
                            <span class="history__when">{sla_time(&zone, event.at)}</span>
                            {(!event.by.is_empty()).then(|| view! { <span class="history__who">{event.by.clone()}</span> })}
                            <span class="history__what">{text}</span>
                            {(!event.why.is_empty()).then(|| view! { <span class="history__why">{format!("Why: {}", event.why)}</span> })}
                        </li>
                    }
                }).collect_view())}
            </ol>
        </section>
    }
}
