//! Exit criteria, evaluated from the engagement's data. Each shows met or not met with its
//! evidence; thresholds can be changed and each criterion can be made mandatory or not.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::charter::Charter;
use crate::domain::triage::clock::{clocks, counted_minutes, ClockState};
use crate::domain::triage::{Issue, Status, ZoneRules};
use crate::domain::withdrawal::handoff::KtStage;
use crate::domain::withdrawal::WithdrawalPlan;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriteriaSettings {
    /// Share of response targets met for the two most severe levels, in percent.
    pub response_percent: u32,
    /// Working days without a new issue of the two most severe levels.
    pub quiet_working_days: u32,
    /// Share of responsibilities at "independent operation under observation" or beyond.
    pub transfer_percent: u32,
    /// Which criteria must be met (by index), in the order of [`evaluate`].
    pub mandatory: [bool; 7],
}

impl Default for CriteriaSettings {
    fn default() -> Self {
        Self {
            response_percent: 90,
            quiet_working_days: 3,
            transfer_percent: 80,
            mandatory: [true, true, false, true, true, true, true],
        }
    }
}

/// Stable identifiers of the seven criteria, in the order of [`evaluate`]. Exceptions are
/// keyed by these, never by a title: titles carry the team's thresholds and change with them.
pub const CRITERION_IDS: [&str; 7] = [
    "no-open-critical",
    "response-targets",
    "quiet-days",
    "responsibilities-owned",
    "knowledge-transfer",
    "open-issues-transferred",
    "requests-routed",
];

/// The id of a criterion from the title an exception was keyed by before ids existed: the
/// part of each title that no threshold changes.
pub fn id_from_legacy_title(title: &str) -> Option<&'static str> {
    const MARKS: [(&str, &str); 7] = [
        ("without an accepted action plan", "no-open-critical"),
        ("of response targets met", "response-targets"),
        ("critical or important issue in the last", "quiet-days"),
        (
            "one named owner and a documented process",
            "responsibilities-owned",
        ),
        ("Knowledge transfer at", "knowledge-transfer"),
        (
            "has a transfer owner and resolution plan",
            "open-issues-transferred",
        ),
        ("out-of-scope request has been routed", "requests-routed"),
    ];
    MARKS
        .iter()
        .find(|(mark, _)| title.contains(mark))
        .map(|(_, id)| *id)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionResult {
    /// One of [`CRITERION_IDS`].
    pub id: &'static str,
    pub title: String,
    pub met: bool,
    pub mandatory: bool,
    pub evidence: String,
}

use crate::domain::words::count as plural;

fn numbers(issues: &[&Issue]) -> String {
    issues
        .iter()
        .take(6)
        .map(|i| format!("#{}", i.number))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Evaluates the seven default criteria at `now`.
pub fn evaluate(
    issues: &[Issue],
    charter: &Charter,
    plan: Option<&WithdrawalPlan>,
    settings: &CriteriaSettings,
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> Vec<CriterionResult> {
    let severe: Vec<&str> = charter
        .severities
        .iter()
        .take(2)
        .map(|s| s.id.as_str())
        .collect();
    let most_severe = charter.severities.first().map(|s| s.id.as_str());
    let critical_name = charter
        .severities
        .first()
        .map_or("critical".to_owned(), |s| s.name.to_lowercase());
    let in_scope: Vec<&Issue> = issues
        .iter()
        .filter(|i| i.view().in_scope == Some(true))
        .collect();
    let mut results = Vec::new();

    // 1. No open critical issue without an accepted action plan (transferred with one).
    let open_critical: Vec<&Issue> = in_scope
        .iter()
        .copied()
        .filter(|i| {
            let v = i.view();
            v.severity_id.as_deref() == most_severe
                && !matches!(v.status(), Status::Resolved | Status::Transferred)
        })
        .collect();
    results.push((
        format!("No open {critical_name} issue without an accepted action plan"),
        open_critical.is_empty(),
        if open_critical.is_empty() {
            format!("No {critical_name} issue is open.")
        } else {
            format!(
                "{} open without a transfer plan: {}.",
                plural(
                    open_critical.len(),
                    &format!("{critical_name} issue"),
                    &format!("{critical_name} issues")
                ),
                numbers(&open_critical)
            )
        },
    ));

    // 2. Response targets met for the two most severe levels.
    let (mut met, mut due) = (0usize, 0usize);
    for issue in &in_scope {
        if !issue
            .view()
            .severity_id
            .as_deref()
            .is_some_and(|s| severe.contains(&s))
        {
            continue;
        }
        if let Some((response, _)) = clocks(issue, charter, rules, now) {
            match response.state {
                ClockState::Met => {
                    met += 1;
                    due += 1;
                }
                ClockState::Breached => due += 1,
                _ => {}
            }
        }
    }
    // Nothing due yet counts as fully met.
    let percent = (met * 100).checked_div(due).unwrap_or(100);
    results.push((
        format!(
            "At least {} % of response targets met for the two most severe levels",
            settings.response_percent
        ),
        percent as u32 >= settings.response_percent,
        if due == 0 {
            "No response target has come due yet.".to_owned()
        } else {
            format!("{met} of {due} met ({percent} %).")
        },
    ));

    // 3. No new severe issue for a number of working days.
    let last_severe = in_scope
        .iter()
        .filter(|i| {
            i.view()
                .severity_id
                .as_deref()
                .is_some_and(|s| severe.contains(&s))
        })
        .filter_map(|i| i.view().clock_start())
        .max();
    let day_minutes = charter.calendar.minutes_per_day().max(1);
    let quiet_needed = i64::from(settings.quiet_working_days) * day_minutes;
    let (quiet, evidence) = match last_severe {
        None => (
            true,
            "No critical or important issue has been reported.".to_owned(),
        ),
        Some(at) => {
            let minutes = counted_minutes(
                &charter.calendar,
                rules,
                crate::domain::charter::ClockMode::WorkingHours,
                at,
                now,
            );
            (
                minutes >= quiet_needed,
                format!("Last one reported {} working hours ago.", minutes / 60),
            )
        }
    };
    results.push((
        format!(
            "No new critical or important issue in the last {} working days",
            settings.quiet_working_days
        ),
        quiet,
        evidence,
    ));

    // 4 and 5. The handoff.
    let responsibilities = plan
        .map(|p| p.handoff.responsibilities.as_slice())
        .unwrap_or_default();
    let unowned: Vec<&str> = responsibilities
        .iter()
        .filter(|r| r.owner.trim().is_empty() || r.process.trim().is_empty())
        .map(|r| r.area.as_str())
        .collect();
    results.push((
        "Every responsibility has one named owner and a documented process".to_owned(),
        !responsibilities.is_empty() && unowned.is_empty(),
        if responsibilities.is_empty() {
            "There is no transition plan yet.".to_owned()
        } else if unowned.is_empty() {
            format!(
                "All {} responsibilities are owned and documented.",
                responsibilities.len()
            )
        } else {
            format!("Missing an owner or a process: {}.", unowned.join(", "))
        },
    ));
    let observed = responsibilities
        .iter()
        .filter(|r| {
            r.stage_reached()
                .is_some_and(|s| s >= KtStage::ObservedOperation)
        })
        .count();
    let share = if responsibilities.is_empty() {
        0
    } else {
        observed * 100 / responsibilities.len()
    };
    results.push((
        format!("Knowledge transfer at \u{201c}independent operation under observation\u{201d} for {} % of responsibilities", settings.transfer_percent),
        !responsibilities.is_empty() && share as u32 >= settings.transfer_percent,
        format!("{observed} of {} ({share} %).", responsibilities.len()),
    ));

    // 6. Every open in-scope issue has a transfer owner and resolution plan.
    let open: Vec<&Issue> = in_scope
        .iter()
        .copied()
        .filter(|i| !matches!(i.view().status(), Status::Resolved | Status::Transferred))
        .collect();
    results.push((
        "Every open in-scope issue has a transfer owner and resolution plan".to_owned(),
        open.is_empty(),
        if open.is_empty() {
            "No in-scope issue is open.".to_owned()
        } else {
            format!(
                "{} without a transfer plan: {}.",
                plural(open.len(), "open issue", "open issues"),
                numbers(&open)
            )
        },
    ));

    // 7. Every out-of-scope request has been routed (an untriaged issue may be one).
    let untriaged: Vec<&Issue> = issues
        .iter()
        .filter(|i| i.view().in_scope.is_none())
        .collect();
    results.push((
        "Every out-of-scope request has been routed".to_owned(),
        untriaged.is_empty(),
        if untriaged.is_empty() {
            let routed = issues
                .iter()
                .filter(|i| i.view().in_scope == Some(false))
                .count();
            format!(
                "{} routed; nothing waits for triage.",
                plural(routed, "request", "requests")
            )
        } else {
            format!(
                "{} not triaged yet: {}.",
                plural(untriaged.len(), "issue is", "issues are"),
                numbers(&untriaged)
            )
        },
    ));

    results
        .into_iter()
        .enumerate()
        .map(|(i, (title, met, evidence))| CriterionResult {
            id: CRITERION_IDS.get(i).copied().unwrap_or_default(),
            title,
            met,
            mandatory: settings.mandatory.get(i).copied().unwrap_or(true),
            evidence,
        })
        .collect()
}
