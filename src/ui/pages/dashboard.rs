//! The engagement's home: where hypercare stands today, the open work, scope pressure, handoff
//! readiness and the exit criteria. Every number opens the queue filtered to what it counts.
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::exit::criteria::{evaluate, CriteriaSettings};
use crate::domain::exit::health::{health, hypercare_weeks, weekly_trend};
use crate::domain::triage::queue::{Facet, Filter};
use crate::route::{Route, Section};
use crate::state::zone::BrowserZones;
use crate::state::SavedEngagement;
use crate::ui::format::{long_date, today};

#[component]
pub fn Dashboard(record: Signal<SavedEngagement>) -> impl IntoView {
    let id = record.with_untracked(|r| r.engagement.id.clone());
    // Every number links to the queue filtered to what it counts.
    let queue = StoredValue::new(id);
    let link = move |facets: &[(Facet, &str)]| {
        let mut filter = Filter::default();
        for (facet, key) in facets {
            filter.set(*facet, key);
        }
        Route::Engagement(queue.get_value(), Section::Triage(filter)).href()
    };
    // One answer per question: a tile counts issues, and opens the queue on exactly those.
    let numbers_link = move |numbers: &Vec<u32>| {
        let filter = Filter {
            numbers: Some(numbers.clone()),
            ..Filter::default()
        };
        Route::Engagement(queue.get_value(), Section::Triage(filter)).href()
    };
    let data = Memo::new(move |_| {
        record.with(|r| {
            let charter = r.engagement.charter.in_force()?.clone();
            let plan = r.engagement.withdrawal.clone();
            let now = Utc::now();
            let h = health(&r.engagement.issues, &charter, &BrowserZones, now);
            let clocks = issues_by_clock(&r.engagement.issues, &charter, now);
            let weeks = hypercare_weeks(&charter, plan.as_ref());
            let trend = (!weeks.is_empty()).then(|| {
                weekly_trend(
                    &r.engagement.issues,
                    &weeks,
                    &BrowserZones,
                    &charter.calendar.time_zone,
                )
            });
            let criteria = evaluate(
                &r.engagement.issues,
                &charter,
                plan.as_ref(),
                &r.engagement.exit_criteria,
                &BrowserZones,
                now,
            );
            Some((charter, plan, h, criteria, trend, clocks))
        })
    });
    view! {
        {move || data.get().map(|(charter, plan, h, criteria, trend, (breached, at_risk))| {
            let today = today();
            let go_live = charter.go_live_date();
            let end = plan.as_ref().and_then(|p| p.end_date(&charter)).or_else(|| charter.end_date());
            let phase = match (go_live, end) {
                (Some(start), _) if today < start => format!("Hypercare starts in {} days, on {}.", (start - today).num_days(), long_date(start)),
                (Some(start), Some(end)) if today <= end => {
                    let day = (today - start).num_days() + 1;
                    let total = (end - start).num_days() + 1;
                    let week = plan.as_ref().and_then(|p| p.week_of(&charter, today).and_then(|w| p.level_in(w).map(|l| (w, l))));
                    let level = week.map(|(w, l)| format!(" Week {w}: {}. {}", l.name(), l.meaning())).unwrap_or_default();
                    format!("Day {day} of {total}; {} days left, ending {}.{level}", (end - today).num_days(), long_date(end))
                }
                (_, Some(end)) => format!("Hypercare ended on {}.", long_date(end)),
                _ => String::new(),
            };
            let met = criteria.iter().filter(|c| c.met).count();
            let gaps = plan.as_ref().map(|p| p.handoff.gaps(today).len());
            view! {
                <section class="card dashboard" aria-labelledby="today-title">
                    <h2 id="today-title">"Hypercare today"</h2>
                    <p class="dashboard__phase">{phase}</p>
                    <div class="actions">
                        <a class="button button--secondary" href=Route::Engagement(queue.get_value(), Section::Steering(None)).href()>"Prepare the steering report"</a>
                        <crate::ui::components::WarnToggle id=queue.get_value()/>
                    </div>
                    <div class="tiles">
                        <a class="tile" href=link(&[(Facet::Scope, "in")])>
                            <span class="tile__number">{h.open_in_scope}</span>
                            <span class="tile__label">"open in-scope issues"</span>
                        </a>
                        <a class="tile" href=link(&[(Facet::Scope, "untriaged")])>
                            <span class="tile__number">{h.untriaged}</span>
                            <span class="tile__label">"waiting for triage"</span>
                        </a>
                        <a class="tile" href=link(&[(Facet::Scope, "out")])>
                            <span class="tile__number">{h.scope_pressure().map(|p| format!("{p} %")).unwrap_or_else(|| "\u{2014}".to_owned())}</span>
                            <span class="tile__label">{format!("of triaged requests asked for new scope, not a fix ({} of {}): scope pressure", h.out_of_scope, h.in_scope + h.out_of_scope)}</span>
                        </a>
                        <a class="tile" href=numbers_link(&breached)>
                            <span class="tile__number">{breached.len()}</span>
                            <span class="tile__label">"issues with a breached clock still running"</span>
                        </a>
                        <a class="tile" href=numbers_link(&at_risk)>
                            <span class="tile__number">{at_risk.len()}</span>
                            <span class="tile__label">"issues with a clock at risk"</span>
                        </a>
                        {gaps.map(|g| view! {
                            <a class="tile" href=Route::Engagement(queue.get_value(), Section::Plan).href()>
                                <span class="tile__number">{g}</span>
                                <span class="tile__label">"handoff gaps"</span>
                            </a>
                        })}
                    </div>
                    {trend.map(|trend| view! { <h3>"Issues per week"</h3><super::week_chart::WeekChart trend/> })}
                    <div class="dashboard__columns">
                        <div>
                            <h3>"Open in-scope issues by severity"</h3>
                            <ul class="plain-list dashboard__list">
                                {h.by_severity.iter().enumerate().map(|(i, s)| {
                                    let sid = charter.severities.get(i).map(|x| x.id.clone()).unwrap_or_default();
                                    view! { <li><a href=link(&[(Facet::Scope, "in"), (Facet::Severity, &sid)])>{format!("{}: {} open", s.name, s.open)}</a>{(s.breached + s.at_risk > 0).then(|| format!(" (clocks: {} breached, {} at risk)", s.breached, s.at_risk))}</li> }
                                }).collect_view()}
                            </ul>
                        </div>
                        <div>
                            <h3>"Out-of-scope requests by destination"</h3>
                            <ul class="plain-list dashboard__list">
                                {if h.by_destination.is_empty() { Some(view! { <li>"None routed yet."</li> }) } else { None }}
                                {h.by_destination.iter().map(|(d, n)| view! { <li><a href=link(&[(Facet::Destination, d.key())])>{format!("{}: {n}", d.name())}</a></li> }).collect_view()}
                            </ul>
                        </div>
                    </div>
                </section>
                <section class="card" aria-labelledby="criteria-title">
                    <h2 id="criteria-title">{format!("Exit criteria: {met} of {} met", criteria.len())}</h2>
                    <p class="muted">"Evaluated from the data, never ticked by hand. An unmet criterion does not move the end date; it needs a written exception in the exit review."</p>
                    <ul class="criteria">
                        {criteria.into_iter().map(|c| view! {
                            <li class:criteria--met=c.met>
                                <span class="criteria__state">{if c.met { "\u{2714} Met" } else { "\u{2716} Not met" }}</span>
                                <span class="criteria__title">{c.title}{(!c.mandatory).then_some(" (optional)")}</span>
                                <span class="criteria__evidence">{c.evidence}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })}
    }
}

/// Thresholds and mandatory flags of the exit criteria, set by the team: a closed disclosure
/// on the overview, whose fields arrive with the sections' part the first time it is opened
/// (most visits never open it). Kept outside the dashboard's redraws so typing a number keeps
/// the focus.
#[component]
pub fn CriteriaSettingsEditor(record: Signal<SavedEngagement>) -> impl IntoView {
    let has_charter =
        Memo::new(move |_| record.with(|r| r.engagement.charter.in_force().is_some()));
    let opened = RwSignal::new(false);
    view! {
        <Show when=move || has_charter.get()>
            <details class="card criteria-settings" on:toggle=move |_| opened.set(true)>
                <summary>"Adjust the exit criteria"</summary>
                {move || opened.get().then(|| crate::ui::lazy::show(crate::ui::parts::criteria_settings(record)))}
            </details>
        </Show>
    }
}

/// The fields of [`CriteriaSettingsEditor`].
#[component]
pub fn CriteriaSettingsFields(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = crate::state::AppState::get();
    let id = StoredValue::new(record.with_untracked(|r| r.engagement.id.clone()));
    let settings = Memo::new(move |_| record.with(|r| r.engagement.exit_criteria.clone()));
    let titles = Memo::new(move |_| {
        record.with(|r| {
            r.engagement.charter.in_force().map(|c| {
                evaluate(
                    &[],
                    c,
                    None,
                    &r.engagement.exit_criteria,
                    &BrowserZones,
                    Utc::now(),
                )
                .into_iter()
                .map(|x| x.title)
                .collect::<Vec<_>>()
            })
        })
    });
    let change = move |f: Box<dyn FnOnce(&mut CriteriaSettings)>| {
        if let Err(error) = state.change_criteria(&id.get_value(), f) {
            state.show_toast(format!("Not saved: {error}"), None);
        }
    };
    let number = move |id: &'static str,
                       label: &'static str,
                       get: fn(&CriteriaSettings) -> u32,
                       set: fn(&mut CriteriaSettings, u32)| {
        view! {
            <crate::ui::components::TextField id=id label=label input_type="number" inputmode="numeric" min="0"
                value=Signal::derive(move || settings.with(|s| get(s).to_string()))
                on_input=Callback::new(move |v: String| if let Ok(n) = v.trim().parse::<u32>() { change(Box::new(move |s| set(s, n))) })/>
        }
    };
    view! {
        <div class="field-row">
            {number("criteria-response", "Response targets met (%)", |s| s.response_percent, |s, n| s.response_percent = n.min(100))}
            {number("criteria-quiet", "Quiet working days", |s| s.quiet_working_days, |s, n| s.quiet_working_days = n)}
            {number("criteria-transfer", "Responsibilities transferred (%)", |s| s.transfer_percent, |s, n| s.transfer_percent = n.min(100))}
        </div>
        <fieldset class="fieldset">
            <legend class="field__label">"Mandatory before sign-off"</legend>
            {move || titles.get().unwrap_or_default().into_iter().enumerate().map(|(i, title)| {
                let box_id = format!("criteria-mandatory-{i}");
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=box_id.clone()
                            prop:checked=move || settings.with(|s| s.mandatory.get(i).copied().unwrap_or(true))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                change(Box::new(move |s| if let Some(m) = s.mandatory.get_mut(i) { *m = on }));
                            }/>
                        <label for=box_id>{title}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The in-scope issues with a running clock that breached, and those with one at risk (an
/// issue counts once, under its worse clock).
fn issues_by_clock(
    issues: &[crate::domain::triage::Issue],
    charter: &crate::domain::charter::Charter,
    now: chrono::DateTime<Utc>,
) -> (Vec<u32>, Vec<u32>) {
    use crate::domain::triage::clock::{clocks, ClockState};
    let mut breached = Vec::new();
    let mut at_risk = Vec::new();
    for issue in issues {
        let Some((response, resolution)) = clocks(issue, charter, &BrowserZones, now) else {
            continue;
        };
        let running = [response, resolution].into_iter().filter(|c| c.running);
        let states: Vec<ClockState> = running.map(|c| c.state).collect();
        if states.contains(&ClockState::Breached) {
            breached.push(issue.number);
        } else if states.contains(&ClockState::AtRisk) {
            at_risk.push(issue.number);
        }
    }
    (breached, at_risk)
}
