//! What a step shows besides its question, on the projector and in the console alike: built by
//! the domain's content functions from the engagement's data, and drawn by [`ContentBlocks`].
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use crate::domain::charter::{Charter, CharterStep};
use crate::domain::exit::criteria::evaluate;
use crate::domain::triage::form::TriageForm;
use crate::domain::triage::ZoneRules;
use crate::domain::withdrawal::signals::week_signals;
use crate::domain::workshop::exit_meeting::{
    criteria_blocks, exception_blocks, handoff_blocks, signature_blocks,
};
use crate::domain::workshop::presentation::{
    basics_blocks, escalation_blocks, routing_blocks, scope_blocks, service_level_blocks, Block,
};
use crate::domain::workshop::standup::{
    alert_blocks, signal_blocks, support_blocks, triage_blocks, untriaged_blocks,
};
use crate::domain::workshop::StepKind;
use crate::domain::Engagement;
use crate::state::zone::BrowserZones;

/// The issue the stand-up is triaging, as the wizard's answers stand.
pub type Triaging = Option<(u32, TriageForm)>;

/// Today in the charter's zone: the plan's weeks and the hand-off dates are the charter's.
fn today_in(charter: &Charter, now: DateTime<Utc>) -> NaiveDate {
    BrowserZones
        .to_local(&charter.calendar.time_zone, now)
        .date()
}

fn no_charter() -> Vec<Block> {
    vec![Block::Text(
        "No charter in force yet: its targets, categories and plan come first.".to_owned(),
    )]
}

pub fn content(
    engagement: &Engagement,
    step: Option<StepKind>,
    triaging: &Triaging,
    now: DateTime<Utc>,
) -> Vec<Block> {
    let Some(step) = step else {
        return Vec::new();
    };
    let charter = engagement.charter.in_force();
    let plan = engagement.withdrawal.as_ref();
    let issues = &engagement.issues;
    let review = engagement.exit_review.as_ref();
    let criteria = |charter: &Charter| {
        // A signed review is judged as it stood when signed, as the exit review page does.
        let as_of = review.and_then(|r| r.signed_at).unwrap_or(now);
        evaluate(
            issues,
            charter,
            plan,
            &engagement.exit_criteria,
            &BrowserZones,
            as_of,
        )
    };
    // The charter workshop discusses the charter as it stands, approved or still a draft.
    let draft = |mut blocks: Vec<Block>| {
        if engagement.charter.latest().is_none() {
            blocks.insert(0, Block::Text("Draft, not approved yet.".to_owned()));
        }
        blocks
    };
    match (step, charter) {
        (StepKind::Charter(CharterStep::Basics), Some(c)) => draft(basics_blocks(c)),
        (StepKind::Charter(CharterStep::Scope), Some(c)) => draft(scope_blocks(c)),
        (StepKind::Charter(CharterStep::ServiceLevels), Some(c)) => draft(service_level_blocks(c)),
        (StepKind::Charter(CharterStep::Escalation), Some(c)) => draft(escalation_blocks(c)),
        (StepKind::Charter(CharterStep::Routing), Some(c)) => draft(routing_blocks(c)),
        (StepKind::BreachedAndAtRisk, Some(c)) => alert_blocks(issues, c, &BrowserZones, now),
        (StepKind::NewIssues, Some(c)) => match triaging {
            Some((number, form)) => triage_blocks(*number, form, c),
            None => untriaged_blocks(issues),
        },
        (StepKind::SupportLevelToday, Some(c)) => support_blocks(plan, c, today_in(c, now)),
        (StepKind::DependencySignals, Some(c)) => {
            let zone = c.calendar.time_zone.clone();
            let signals = plan.map_or_else(Vec::new, |p| {
                week_signals(issues, p, c, |t| BrowserZones.to_local(&zone, t).date())
            });
            let week = plan.and_then(|p| p.week_of(c, today_in(c, now)));
            signal_blocks(&signals, week)
        }
        (StepKind::ExitCriteria, Some(c)) => criteria_blocks(&criteria(c)),
        (StepKind::Exceptions, Some(c)) => exception_blocks(&criteria(c), review),
        (StepKind::HandoffReadiness, Some(c)) => {
            handoff_blocks(plan.map(|p| &p.handoff), today_in(c, now))
        }
        (StepKind::Signatures, _) => signature_blocks(review),
        (
            StepKind::BreachedAndAtRisk
            | StepKind::NewIssues
            | StepKind::SupportLevelToday
            | StepKind::DependencySignals
            | StepKind::ExitCriteria
            | StepKind::Exceptions
            | StepKind::HandoffReadiness,
            None,
        ) => no_charter(),
        _ => Vec::new(),
    }
}

/// A step's content as HTML: the same markup on the projector and in the console, sized by
/// the surrounding view's styles.
#[component]
pub fn ContentBlocks(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Heading(text) => view! { <h2 class="audience__subhead">{text}</h2> }.into_any(),
            Block::Text(text) => view! { <p>{text}</p> }.into_any(),
            Block::List(items) if items.is_empty() => {
                view! { <p class="audience__none">"None."</p> }.into_any()
            }
            Block::List(items) => view! {
                <ul class="audience__list">
                    {items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
            Block::Table { head, rows } => view! {
                <table class="audience__table">
                    <thead><tr>{head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {rows.into_iter().map(|row| view! {
                            <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
            Block::Facts(facts) => view! {
                <dl class="audience__facts">
                    {facts.into_iter().map(|(label, value)| view! {
                        <div class="audience__fact"><dt>{label}</dt><dd>{value}</dd></div>
                    }).collect_view()}
                </dl>
            }
            .into_any(),
        })
        .collect_view()
}
