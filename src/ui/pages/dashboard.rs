//! The engagement's home: where hypercare stands today, the open work, scope pressure, handoff
//! readiness and the exit criteria. Every number opens the queue filtered to what it counts.
use chrono::Utc;
use leptos::prelude::*;

use super::{long_date, today};
use crate::domain::exit::criteria::{evaluate, CriteriaSettings};
use crate::domain::exit::health::health;
use crate::route::Route;
use crate::state::zone::BrowserZones;
use crate::storage::Record;

#[component]
pub fn Dashboard(record: Signal<Record>) -> impl IntoView {
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let queue = Route::Triage(id.clone()).href();
    let data = Memo::new(move |_| {
        record.with(|r| {
            let charter = r.engagement.charter.in_force()?.clone();
            let plan = r.engagement.withdrawal.clone();
            let now = Utc::now();
            let h = health(&r.engagement.issues, &charter, &BrowserZones, now);
            let criteria = evaluate(
                &r.engagement.issues,
                &charter,
                plan.as_ref(),
                &CriteriaSettings::default(),
                &BrowserZones,
                now,
            );
            Some((charter, plan, h, criteria))
        })
    });
    view! {
        {move || data.get().map(|(charter, plan, h, criteria)| {
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
            let q = queue.clone();
            let link = move |query: String| format!("{q}?{query}");
            view! {
                <section class="card dashboard" aria-labelledby="today-title">
                    <h2 id="today-title">"Hypercare today"</h2>
                    <p class="dashboard__phase">{phase}</p>
                    <div class="tiles">
                        <a class="tile" href=link("scope=in".to_owned())>
                            <span class="tile__number">{h.open_in_scope}</span>
                            <span class="tile__label">"open in-scope issues"</span>
                        </a>
                        <a class="tile" href=link("scope=untriaged".to_owned())>
                            <span class="tile__number">{h.untriaged}</span>
                            <span class="tile__label">"waiting for triage"</span>
                        </a>
                        <a class="tile" href=link("scope=out".to_owned())>
                            <span class="tile__number">{h.scope_pressure().map(|p| format!("{p} %")).unwrap_or_else(|| "\u{2014}".to_owned())}</span>
                            <span class="tile__label">{format!("scope pressure ({} of {} triaged were out of scope)", h.out_of_scope, h.in_scope + h.out_of_scope)}</span>
                        </a>
                        <a class="tile" href=link("clock=breached".to_owned())>
                            <span class="tile__number">{h.by_severity.iter().map(|s| s.breached).sum::<usize>()}</span>
                            <span class="tile__label">"clocks breached"</span>
                        </a>
                        <a class="tile" href=link("clock=at_risk".to_owned())>
                            <span class="tile__number">{h.by_severity.iter().map(|s| s.at_risk).sum::<usize>()}</span>
                            <span class="tile__label">"clocks at risk"</span>
                        </a>
                        {gaps.map(|g| view! {
                            <a class="tile" href=Route::Plan(record.with_untracked(|r| r.engagement.id.clone())).href()>
                                <span class="tile__number">{g}</span>
                                <span class="tile__label">"handoff gaps"</span>
                            </a>
                        })}
                    </div>
                    <div class="dashboard__columns">
                        <div>
                            <h3>"Open in-scope issues by severity"</h3>
                            <ul class="plain-list dashboard__list">
                                {h.by_severity.iter().enumerate().map(|(i, s)| {
                                    let sid = charter.severities.get(i).map(|x| x.id.clone()).unwrap_or_default();
                                    view! { <li><a href=link(format!("scope=in&severity={sid}"))>{format!("{}: {} open", s.name, s.open)}</a>{(s.breached + s.at_risk > 0).then(|| format!(" ({} breached, {} at risk)", s.breached, s.at_risk))}</li> }
                                }).collect_view()}
                            </ul>
                        </div>
                        <div>
                            <h3>"Out-of-scope requests by destination"</h3>
                            <ul class="plain-list dashboard__list">
                                {if h.by_destination.is_empty() { Some(view! { <li>"None routed yet."</li> }) } else { None }}
                                {h.by_destination.iter().map(|(d, n)| view! { <li><a href=link(format!("destination={}", d.key()))>{format!("{}: {n}", d.name())}</a></li> }).collect_view()}
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
