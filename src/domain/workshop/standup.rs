//! What the projector shows in the daily triage stand-up, built from the engagement's data by
//! the domain's own rules: the breached and at-risk issues as the triage queue finds them, the
//! issue being triaged as the triage form classifies it, and today's support level and the
//! dependency signals as the withdrawal plan computes them. Nothing here decides a rule again;
//! it only picks what the room needs and words it for the back row.
use chrono::{DateTime, NaiveDate, Utc};

use super::presentation::Block;
use crate::domain::charter::Charter;
use crate::domain::triage::clock::{ClockState, IssueClock};
use crate::domain::triage::form::TriageForm;
use crate::domain::triage::queue::{rows, Filter, Row};
use crate::domain::triage::zone::zoned_time;
use crate::domain::triage::{Issue, ZoneRules};
use crate::domain::withdrawal::signals::{warnings, WeekSignal};
use crate::domain::withdrawal::WithdrawalPlan;

/// More rows than this do not fit a projector at 32 px; the rest are counted, not dropped.
pub const MOST_ISSUES_SHOWN: usize = 6;

/// One issue whose target is missed or about to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockAlert {
    pub number: u32,
    pub title: String,
    /// The severity's name in the charter, or "No severity" (not possible for an in-scope
    /// issue with clocks, kept so a damaged record still shows).
    pub severity: String,
    pub state: ClockState,
    /// "First response" or "Resolution".
    pub clock: &'static str,
    pub due: Option<DateTime<Utc>>,
}

/// The clock of a row in `state` that still counts (a missed target on a resolved issue is
/// history, not a stand-up item), response first.
fn open_clock(row: &Row, state: ClockState) -> Option<(&'static str, IssueClock)> {
    [
        ("First response", row.response),
        ("Resolution", row.resolution),
    ]
    .into_iter()
    .filter_map(|(name, clock)| clock.map(|c| (name, c)))
    .find(|(_, c)| c.state == state && !c.stopped)
}

/// Breached issues, then at-risk ones, each soonest due first: the queue's rows through the
/// queue's own clock filter, so the stand-up and the queue never disagree.
pub fn clock_alerts(
    issues: &[Issue],
    charter: &Charter,
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> (Vec<ClockAlert>, Vec<ClockAlert>) {
    let all = rows(issues, Some(charter), rules, now);
    let pick = |state: ClockState, skip: &[u32]| -> Vec<ClockAlert> {
        let filter = Filter {
            clock: Some(state),
            ..Filter::default()
        };
        filter
            .apply(&all)
            .into_iter()
            .filter(|row| !skip.contains(&row.view.number))
            .filter_map(|row| {
                let (clock, c) = open_clock(row, state)?;
                let severity = row
                    .view
                    .severity_id
                    .as_ref()
                    .and_then(|s| charter.severities.iter().find(|x| &x.id == s))
                    .map_or_else(|| "No severity".to_owned(), |s| s.name.clone());
                Some(ClockAlert {
                    number: row.view.number,
                    title: row.view.title.trim().to_owned(),
                    severity,
                    state,
                    clock,
                    due: c.due,
                })
            })
            .collect()
    };
    let breached = pick(ClockState::Breached, &[]);
    // An issue with one clock breached and the other at risk is listed once, as breached.
    let numbers: Vec<u32> = breached.iter().map(|a| a.number).collect();
    let at_risk = pick(ClockState::AtRisk, &numbers);
    (breached, at_risk)
}

fn alert_table(alerts: &[ClockAlert], zone: &str, rules: &dyn ZoneRules) -> Vec<Block> {
    if alerts.is_empty() {
        return vec![Block::List(Vec::new())];
    }
    let due_word = |a: &ClockAlert| match a.state {
        ClockState::Breached => "was due",
        _ => "due",
    };
    let mut blocks = vec![Block::Table {
        head: vec![
            "Issue".to_owned(),
            "Severity".to_owned(),
            "Target".to_owned(),
        ],
        rows: alerts
            .iter()
            .take(MOST_ISSUES_SHOWN)
            .map(|a| {
                vec![
                    format!("#{} {}", a.number, a.title),
                    a.severity.clone(),
                    match a.due {
                        Some(due) => format!(
                            "{} {} {}",
                            a.clock,
                            due_word(a),
                            zoned_time(rules, zone, due)
                        ),
                        None => format!("{} paused", a.clock),
                    },
                ]
            })
            .collect(),
    }];
    if alerts.len() > MOST_ISSUES_SHOWN {
        blocks.push(Block::Text(format!(
            "And {} more: see the triage queue.",
            alerts.len() - MOST_ISSUES_SHOWN
        )));
    }
    blocks
}

/// The "breached and at-risk issues" step: two tables, due times in the charter's zone.
pub fn alert_blocks(
    issues: &[Issue],
    charter: &Charter,
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> Vec<Block> {
    let zone = charter.calendar.time_zone.as_str();
    let (breached, at_risk) = clock_alerts(issues, charter, rules, now);
    let mut blocks = vec![Block::Heading(format!(
        "\u{2716} Breached: {}",
        breached.len()
    ))];
    blocks.extend(alert_table(&breached, zone, rules));
    blocks.push(Block::Heading(format!(
        "\u{26a0} At risk: {}",
        at_risk.len()
    )));
    blocks.extend(alert_table(&at_risk, zone, rules));
    blocks
}

/// The issue being triaged in the "new issues" step, as far as the wizard has got: what the
/// room needs to agree on (in or out, how severe, or where it goes).
pub fn triage_blocks(number: u32, form: &TriageForm, charter: &Charter) -> Vec<Block> {
    let category = charter.categories.iter().find(|c| c.id == form.category_id);
    let not_yet = || "Not decided yet".to_owned();
    let mut facts = vec![
        (
            "Issue".to_owned(),
            format!("#{number} {}", form.title.trim()),
        ),
        (
            "Category".to_owned(),
            category.map_or_else(not_yet, |c| c.name.trim().to_owned()),
        ),
    ];
    match form.in_scope(charter) {
        None => facts.push(("Scope".to_owned(), not_yet())),
        Some(true) => {
            facts.push((
                "Scope".to_owned(),
                "In scope: stabilisation, hypercare fixes it".to_owned(),
            ));
            let severity = charter
                .severities
                .iter()
                .find(|s| s.id == form.severity_id)
                .map_or_else(not_yet, |s| s.name.clone());
            facts.push(("Severity".to_owned(), severity));
        }
        Some(false) => {
            facts.push((
                "Scope".to_owned(),
                "Out of scope: new scope, logged and routed".to_owned(),
            ));
            let destination = form
                .route_override
                .or_else(|| category.and_then(|c| c.destination));
            facts.push((
                "Routed to".to_owned(),
                destination
                    .map_or_else(|| "No destination yet".to_owned(), |d| d.name().to_owned()),
            ));
        }
    }
    vec![Block::Facts(facts)]
}

/// The "new issues" step before an issue is picked: the untriaged ones, oldest first.
pub fn untriaged_blocks(issues: &[Issue]) -> Vec<Block> {
    let waiting: Vec<String> = issues
        .iter()
        .map(Issue::view)
        .filter(|v| v.in_scope.is_none())
        .map(|v| format!("#{} {}", v.number, v.title.trim()))
        .collect();
    vec![
        Block::Heading(format!("Waiting for triage: {}", waiting.len())),
        Block::List(waiting),
    ]
}

/// The "today's support level" step: the plan's week and level for `today`.
pub fn support_blocks(
    plan: Option<&WithdrawalPlan>,
    charter: &Charter,
    today: NaiveDate,
) -> Vec<Block> {
    let Some(plan) = plan.filter(|p| !p.weeks.is_empty()) else {
        return vec![Block::Text(
            "No withdrawal plan yet: the project team handles every issue.".to_owned(),
        )];
    };
    let Some(week) = plan.week_of(charter, today) else {
        let before = charter.go_live_date().is_some_and(|g| today < g);
        return vec![Block::Text(
            if before {
                "Hypercare has not started: the plan begins at go-live."
            } else {
                "Hypercare has ended: the business team owns support."
            }
            .to_owned(),
        )];
    };
    let Some(level) = plan.level_in(week) else {
        return Vec::new();
    };
    let held = plan.holds.iter().any(|h| h.week == week);
    let index = week as usize - 1;
    // A held week keeps the week before's level and its severities, as `handler` reads it.
    let row = plan
        .weeks
        .get(if held { index.saturating_sub(1) } else { index });
    let mut facts = vec![
        ("Week".to_owned(), format!("{week} of {}", plan.weeks.len())),
        (
            "Support level".to_owned(),
            format!(
                "{}{}",
                level.name(),
                if held {
                    " (held at last week\u{2019}s level)"
                } else {
                    ""
                }
            ),
        ),
        ("What it means".to_owned(), level.meaning().to_owned()),
    ];
    if let Some(row) = row {
        if level == crate::domain::withdrawal::SupportLevel::CriticalOnly {
            let names: Vec<String> = row
                .project_severities
                .iter()
                .filter_map(|id| charter.severities.iter().find(|s| &s.id == id))
                .map(|s| s.name.clone())
                .collect();
            facts.push((
                "Project team handles".to_owned(),
                if names.is_empty() {
                    "No severity listed".to_owned()
                } else {
                    names.join(", ")
                },
            ));
        }
        facts.push(("Check-ins".to_owned(), row.cadence.name().to_owned()));
        if !row.business_goal.trim().is_empty() {
            facts.push((
                "Business team goal this week".to_owned(),
                row.business_goal.trim().to_owned(),
            ));
        }
    }
    vec![Block::Facts(facts)]
}

/// The "dependency signals" step: the weeks so far and the plan's warnings about them.
pub fn signal_blocks(signals: &[WeekSignal], current_week: Option<u32>) -> Vec<Block> {
    if signals.is_empty() {
        return vec![Block::Text(
            "No withdrawal plan yet: there are no weeks to compare.".to_owned(),
        )];
    }
    let upto = current_week.unwrap_or(signals.len() as u32);
    let shown: Vec<&WeekSignal> = signals.iter().filter(|s| s.week <= upto).collect();
    let mut blocks = vec![Block::Table {
        head: vec![
            "Week".to_owned(),
            "For the business team".to_owned(),
            "Worked by the business team".to_owned(),
            "Worked by the project team instead".to_owned(),
        ],
        rows: shown
            .iter()
            .map(|s| {
                vec![
                    // Kept on one line in a narrow column.
                    format!("Week\u{a0}{}", s.week),
                    s.for_business.to_string(),
                    s.business_worked.to_string(),
                    s.project_on_business.to_string(),
                ]
            })
            .collect(),
    }];
    let found = warnings(signals);
    if found.is_empty() {
        blocks.push(Block::Text(
            "\u{2714} No warning: the business team is taking over as planned.".to_owned(),
        ));
    } else {
        blocks.push(Block::Heading("\u{26a0} Warnings".to_owned()));
        blocks.push(Block::List(found));
    }
    blocks
}
