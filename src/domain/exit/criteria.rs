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

/// What the criteria read, worked out once for all seven.
struct Facts<'a> {
    issues: &'a [Issue],
    /// The issues triaged as in scope.
    in_scope: Vec<&'a Issue>,
    charter: &'a Charter,
    plan: Option<&'a WithdrawalPlan>,
    settings: &'a CriteriaSettings,
    rules: &'a dyn ZoneRules,
    now: DateTime<Utc>,
}

impl Facts<'_> {
    /// The ids of the two most severe levels.
    fn severe(&self) -> Vec<&str> {
        self.charter
            .severities
            .iter()
            .take(2)
            .map(|s| s.id.as_str())
            .collect()
    }

    fn is_severe(&self, issue: &Issue) -> bool {
        let severe = self.severe();
        issue
            .view()
            .severity_id
            .as_deref()
            .is_some_and(|s| severe.contains(&s))
    }

    /// The handoff's responsibilities (none before there is a plan).
    fn responsibilities(&self) -> &[crate::domain::withdrawal::handoff::Responsibility] {
        self.plan
            .map(|p| p.handoff.responsibilities.as_slice())
            .unwrap_or_default()
    }
}

/// A criterion's title, whether it is met, and the evidence.
type Outcome = (String, bool, String);

/// Evaluates the seven default criteria at `now`, in the order of [`CRITERION_IDS`].
pub fn evaluate(
    issues: &[Issue],
    charter: &Charter,
    plan: Option<&WithdrawalPlan>,
    settings: &CriteriaSettings,
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> Vec<CriterionResult> {
    let facts = Facts {
        issues,
        in_scope: issues
            .iter()
            .filter(|i| i.view().in_scope == Some(true))
            .collect(),
        charter,
        plan,
        settings,
        rules,
        now,
    };
    let criteria: [fn(&Facts) -> Outcome; 7] = [
        no_open_critical,
        response_targets_met,
        quiet_days,
        responsibilities_owned,
        knowledge_transferred,
        open_issues_transferred,
        requests_routed,
    ];
    criteria
        .iter()
        .zip(CRITERION_IDS)
        .enumerate()
        .map(|(i, (criterion, id))| {
            let (title, met, evidence) = criterion(&facts);
            CriterionResult {
                id,
                title,
                met,
                mandatory: settings.mandatory.get(i).copied().unwrap_or(true),
                evidence,
            }
        })
        .collect()
}

/// 1. No open critical issue without an accepted action plan (transferred with one).
fn no_open_critical(facts: &Facts) -> Outcome {
    let most_severe = facts.charter.severities.first();
    let critical_name = most_severe.map_or("critical".to_owned(), |s| s.name.to_lowercase());
    let open_critical: Vec<&Issue> = facts
        .in_scope
        .iter()
        .copied()
        .filter(|i| {
            let v = i.view();
            v.severity_id.as_deref() == most_severe.map(|s| s.id.as_str())
                && !matches!(v.status(), Status::Resolved | Status::Transferred)
        })
        .collect();
    let evidence = if open_critical.is_empty() {
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
    };
    (
        format!("No open {critical_name} issue without an accepted action plan"),
        open_critical.is_empty(),
        evidence,
    )
}

/// 2. Response targets met for the two most severe levels; nothing due yet counts as met.
fn response_targets_met(facts: &Facts) -> Outcome {
    let (mut met, mut due) = (0usize, 0usize);
    for issue in facts.in_scope.iter().filter(|i| facts.is_severe(i)) {
        let Some((response, _)) = clocks(issue, facts.charter, facts.rules, facts.now) else {
            continue;
        };
        match response.state {
            ClockState::Met => {
                met += 1;
                due += 1;
            }
            ClockState::Breached => due += 1,
            _ => {}
        }
    }
    let percent = (met * 100).checked_div(due).unwrap_or(100);
    let wanted = facts.settings.response_percent;
    (
        format!("At least {wanted} % of response targets met for the two most severe levels"),
        percent as u32 >= wanted,
        if due == 0 {
            "No response target has come due yet.".to_owned()
        } else {
            format!("{met} of {due} met ({percent} %).")
        },
    )
}

/// 3. No new severe issue for a number of working days.
fn quiet_days(facts: &Facts) -> Outcome {
    let last_severe = facts
        .in_scope
        .iter()
        .filter(|i| facts.is_severe(i))
        .filter_map(|i| i.view().clock_start())
        .max();
    let calendar = &facts.charter.calendar;
    let days = facts.settings.quiet_working_days;
    let quiet_needed = i64::from(days) * calendar.minutes_per_day().max(1);
    let (quiet, evidence) = match last_severe {
        None => (
            true,
            "No critical or important issue has been reported.".to_owned(),
        ),
        Some(at) => {
            let mode = crate::domain::charter::ClockMode::WorkingHours;
            let minutes = counted_minutes(calendar, facts.rules, mode, at, facts.now);
            (
                minutes >= quiet_needed,
                format!("Last one reported {} working hours ago.", minutes / 60),
            )
        }
    };
    (
        format!("No new critical or important issue in the last {days} working days"),
        quiet,
        evidence,
    )
}

/// 4. The handoff: every responsibility has an owner and a process.
fn responsibilities_owned(facts: &Facts) -> Outcome {
    let responsibilities = facts.responsibilities();
    let unowned: Vec<&str> = responsibilities
        .iter()
        .filter(|r| r.owner.trim().is_empty() || r.process.trim().is_empty())
        .map(|r| r.area.as_str())
        .collect();
    (
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
    )
}

/// 5. The handoff: knowledge transfer far enough along.
fn knowledge_transferred(facts: &Facts) -> Outcome {
    let responsibilities = facts.responsibilities();
    let observed = responsibilities
        .iter()
        .filter(|r| {
            r.stage_reached()
                .is_some_and(|s| s >= KtStage::ObservedOperation)
        })
        .count();
    let share = (observed * 100)
        .checked_div(responsibilities.len())
        .unwrap_or(0);
    let wanted = facts.settings.transfer_percent;
    (
        format!("Knowledge transfer at \u{201c}independent operation under observation\u{201d} for {wanted} % of responsibilities"),
        !responsibilities.is_empty() && share as u32 >= wanted,
        format!("{observed} of {} ({share} %).", responsibilities.len()),
    )
}

/// 6. Every open in-scope issue has a transfer owner and resolution plan.
fn open_issues_transferred(facts: &Facts) -> Outcome {
    let open: Vec<&Issue> = facts
        .in_scope
        .iter()
        .copied()
        .filter(|i| !matches!(i.view().status(), Status::Resolved | Status::Transferred))
        .collect();
    (
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
    )
}

/// 7. Every out-of-scope request has been routed (an untriaged issue may be one).
fn requests_routed(facts: &Facts) -> Outcome {
    let untriaged: Vec<&Issue> = facts
        .issues
        .iter()
        .filter(|i| i.view().in_scope.is_none())
        .collect();
    let evidence = if untriaged.is_empty() {
        let routed = facts
            .issues
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
    };
    (
        "Every out-of-scope request has been routed".to_owned(),
        untriaged.is_empty(),
        evidence,
    )
}
