//! The figures of a steering report, compiled from the engagement's data as it stood at the
//! report's instant (the period's end, or the issue instant if earlier). Every count keeps the
//! numbers of the issues it counts, so each figure links to exactly those issues, also in a
//! report issued long ago.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::period::Period;
use super::rating::{rate, AreaStatus};
use crate::domain::charter::Charter;
use crate::domain::exit::criteria::{evaluate, CriteriaSettings};
use crate::domain::exit::health::{health, hypercare_weeks, weekly_trend, Health};
use crate::domain::triage::clock::{clocks, ClockState};
use crate::domain::triage::zone::zoned_time;
use crate::domain::triage::{Issue, Status, ZoneRules};
use crate::domain::withdrawal::WithdrawalPlan;

/// Issue numbers: a count that can be traced.
pub type Counted = Vec<u32>;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityRow {
    pub name: String,
    pub opened: Counted,
    pub resolved: Counted,
    pub open: Counted,
    /// Opened, resolved and open against the previous issued report's row of the same name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<[i64; 3]>,
}

/// Targets met of targets due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratio {
    pub met: usize,
    pub due: usize,
}

impl Ratio {
    pub fn percent(self) -> Option<usize> {
        (self.due > 0).then(|| self.met * 100 / self.due)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compliance {
    pub name: String,
    pub period_response: Ratio,
    pub period_resolution: Ratio,
    pub overall_response: Ratio,
    pub overall_resolution: Ratio,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breach {
    pub number: u32,
    pub title: String,
    pub severity: String,
    /// "response" or "resolution".
    pub clock: String,
    /// When the target ran out, in the charter's zone with its name.
    pub due: String,
    /// Minutes past the target (on the clock's own time: working or around the clock).
    pub over_minutes: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeFigures {
    /// Requests opened in the period and triaged.
    pub triaged: Counted,
    pub out_of_scope: Counted,
    /// Out-of-scope requests of the period per destination (its name).
    pub by_destination: Vec<(String, Counted)>,
}

impl ScopeFigures {
    pub fn share(&self) -> Option<usize> {
        (!self.triaged.is_empty()).then(|| self.out_of_scope.len() * 100 / self.triaged.len())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffFigures {
    pub planned: bool,
    pub owner: String,
    pub without_owner: Vec<String>,
    pub without_process: Vec<String>,
    /// The knowledge-transfer criterion's evidence, in words.
    pub transfer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionLine {
    pub title: String,
    pub met: bool,
    pub mandatory: bool,
    pub evidence: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendWeek {
    pub opened: usize,
    pub resolved: usize,
    pub in_scope: usize,
    pub out_of_scope: usize,
    pub extension: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub engagement: String,
    pub period: String,
    pub zone: String,
    pub as_at: DateTime<Utc>,
    /// `as_at` in the charter's zone, with its name.
    pub as_at_text: String,
    /// Hypercare day and week, the support level, days left, the next withdrawal step.
    pub headline: Vec<String>,
    pub areas: Vec<AreaStatus>,
    pub by_severity: Vec<SeverityRow>,
    pub total: SeverityRow,
    pub compliance: Vec<Compliance>,
    pub breaches: Vec<Breach>,
    pub scope: ScopeFigures,
    pub handoff: HandoffFigures,
    pub criteria: Vec<CriterionLine>,
    /// Extensions and level holds decided so far, in words.
    pub decided: Vec<String>,
    pub trend: Vec<TrendWeek>,
    /// The number of the issued report the changes are against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compared_with: Option<u32>,
}

/// What a report is compiled from.
pub struct Sources<'a> {
    pub name: &'a str,
    pub issues: &'a [Issue],
    pub charter: &'a Charter,
    pub plan: Option<&'a WithdrawalPlan>,
    pub criteria: &'a CriteriaSettings,
    pub rules: &'a dyn ZoneRules,
}

/// Every issue as it stood at `at`: only the events up to then, and only issues logged by then.
pub fn as_of(issues: &[Issue], at: DateTime<Utc>) -> Vec<Issue> {
    issues
        .iter()
        .filter(|i| i.events.first().is_some_and(|e| e.at <= at))
        .map(|i| Issue {
            number: i.number,
            events: i.events.iter().filter(|e| e.at <= at).cloned().collect(),
        })
        .collect()
}

fn closed(status: Status) -> bool {
    matches!(
        status,
        Status::Resolved | Status::Transferred | Status::Routed
    )
}

/// The instant of the issue's last move to Resolved, if it is resolved.
fn resolved_at(issue: &Issue) -> Option<DateTime<Utc>> {
    (issue.view().status() == Status::Resolved)
        .then(|| {
            issue.events.iter().rev().find_map(|e| match e.change {
                crate::domain::triage::Change::Status {
                    status: Status::Resolved,
                } => Some(e.at),
                _ => None,
            })
        })
        .flatten()
}

/// Compiles the report for `period` at `now` (the figures stand as at the earlier of the
/// period's end and `now`).
pub fn compile(src: &Sources, period: &Period, now: DateTime<Utc>) -> Figures {
    let at = now.min(period.end - chrono::Duration::seconds(1));
    let zone = src.charter.calendar.time_zone.as_str();
    let issues = as_of(src.issues, at);
    let opened_here: Vec<Issue> = issues
        .iter()
        .filter(|i| i.view().clock_start().is_some_and(|t| period.holds(t)))
        .cloned()
        .collect();
    let overall = health(&issues, src.charter, src.rules, at);
    let in_period = health(&opened_here, src.charter, src.rules, at);
    let (by_severity, total) = severity_rows(src.charter, &issues, period);
    let criteria = evaluate(&issues, src.charter, src.plan, src.criteria, src.rules, at);
    let today = src.rules.to_local(zone, at).date();
    let mut figures = Figures {
        engagement: src.name.to_owned(),
        period: period.label.clone(),
        zone: zone.to_owned(),
        as_at: at,
        as_at_text: zoned_time(src.rules, zone, at),
        headline: super::headline::headline(src.charter, src.plan, today),
        areas: Vec::new(),
        by_severity,
        total,
        compliance: compliance(&overall, &in_period),
        breaches: breaches(src, &issues, period, at),
        scope: scope(&opened_here),
        handoff: handoff(src.plan, &criteria, today),
        criteria: criteria
            .iter()
            .map(|c| CriterionLine {
                title: c.title.clone(),
                met: c.met,
                mandatory: c.mandatory,
                evidence: c.evidence.clone(),
            })
            .collect(),
        decided: decided(src.plan, src.rules, zone),
        trend: trend(src, &issues, period),
        compared_with: None,
    };
    figures.areas = rate(&figures, src.charter, src.plan, today);
    figures
}

fn severity_rows(
    charter: &Charter,
    issues: &[Issue],
    period: &Period,
) -> (Vec<SeverityRow>, SeverityRow) {
    let mut rows: Vec<SeverityRow> = charter
        .severities
        .iter()
        .map(|s| SeverityRow {
            name: s.name.clone(),
            ..SeverityRow::default()
        })
        .chain(std::iter::once(SeverityRow {
            name: "Not rated yet".to_owned(),
            ..SeverityRow::default()
        }))
        .collect();
    let mut total = SeverityRow {
        name: "All issues".to_owned(),
        ..SeverityRow::default()
    };
    let unrated = rows.len() - 1;
    for issue in issues {
        let v = issue.view();
        let index = v
            .severity_id
            .as_ref()
            .and_then(|s| charter.severities.iter().position(|x| &x.id == s))
            .unwrap_or(unrated);
        let opened = v.clock_start().is_some_and(|t| period.holds(t));
        let resolved = resolved_at(issue).is_some_and(|t| period.holds(t));
        let open = !closed(v.status()) && v.in_scope != Some(false);
        for row in [&mut rows[index], &mut total] {
            for (counts, yes) in [
                (&mut row.opened, opened),
                (&mut row.resolved, resolved),
                (&mut row.open, open),
            ] {
                if yes {
                    counts.push(issue.number);
                }
            }
        }
    }
    // The unrated row only when it counts anything: most issues get a severity at triage.
    if rows[unrated].opened.is_empty()
        && rows[unrated].resolved.is_empty()
        && rows[unrated].open.is_empty()
    {
        rows.pop();
    }
    (rows, total)
}

fn compliance(overall: &Health, in_period: &Health) -> Vec<Compliance> {
    overall
        .by_severity
        .iter()
        .zip(&in_period.by_severity)
        .map(|(all, here)| Compliance {
            name: all.name.clone(),
            period_response: Ratio {
                met: here.response_met,
                due: here.response_due,
            },
            period_resolution: Ratio {
                met: here.resolution_met,
                due: here.resolution_due,
            },
            overall_response: Ratio {
                met: all.response_met,
                due: all.response_due,
            },
            overall_resolution: Ratio {
                met: all.resolution_met,
                due: all.resolution_due,
            },
        })
        .collect()
}

/// Targets that ran out within the period, on in-scope issues.
fn breaches(src: &Sources, issues: &[Issue], period: &Period, at: DateTime<Utc>) -> Vec<Breach> {
    let zone = src.charter.calendar.time_zone.as_str();
    let mut list = Vec::new();
    for issue in issues {
        let v = issue.view();
        if v.in_scope != Some(true) {
            continue;
        }
        let Some((response, resolution)) = clocks(issue, src.charter, src.rules, at) else {
            continue;
        };
        let severity = v
            .severity_id
            .as_ref()
            .and_then(|s| src.charter.severities.iter().find(|x| &x.id == s))
            .map(|s| s.name.clone())
            .unwrap_or_default();
        for (clock, name) in [(response, "response"), (resolution, "resolution")] {
            let Some(due) = clock.due.filter(|d| period.holds(*d)) else {
                continue;
            };
            if clock.state == ClockState::Breached {
                list.push(Breach {
                    number: issue.number,
                    title: v.title.clone(),
                    severity: severity.clone(),
                    clock: name.to_owned(),
                    due: zoned_time(src.rules, zone, due),
                    over_minutes: clock.used_minutes.saturating_sub(clock.target_minutes),
                });
            }
        }
    }
    list
}

fn scope(opened: &[Issue]) -> ScopeFigures {
    let mut figures = ScopeFigures::default();
    for issue in opened {
        let v = issue.view();
        match v.in_scope {
            Some(true) => figures.triaged.push(issue.number),
            Some(false) => {
                figures.triaged.push(issue.number);
                figures.out_of_scope.push(issue.number);
                let name = v
                    .destination
                    .map_or("Not routed yet", |d| d.name())
                    .to_owned();
                match figures.by_destination.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, numbers)) => numbers.push(issue.number),
                    None => figures.by_destination.push((name, vec![issue.number])),
                }
            }
            None => {}
        }
    }
    figures
}

fn handoff(
    plan: Option<&WithdrawalPlan>,
    criteria: &[crate::domain::exit::criteria::CriterionResult],
    _today: chrono::NaiveDate,
) -> HandoffFigures {
    let Some(plan) = plan else {
        return HandoffFigures::default();
    };
    let h = &plan.handoff;
    let area = |r: &crate::domain::withdrawal::handoff::Responsibility| {
        if r.area.trim().is_empty() {
            "(an unnamed area)".to_owned()
        } else {
            r.area.clone()
        }
    };
    HandoffFigures {
        planned: true,
        owner: h.owner_name.trim().to_owned(),
        without_owner: h
            .responsibilities
            .iter()
            .filter(|r| r.owner.trim().is_empty())
            .map(area)
            .collect(),
        without_process: h
            .responsibilities
            .iter()
            .filter(|r| r.process.trim().is_empty())
            .map(area)
            .collect(),
        transfer: criteria
            .iter()
            .find(|c| c.id == crate::domain::exit::criteria::CRITERION_IDS[4])
            .map(|c| c.evidence.clone())
            .unwrap_or_default(),
    }
}

fn decided(plan: Option<&WithdrawalPlan>, rules: &dyn ZoneRules, zone: &str) -> Vec<String> {
    let Some(plan) = plan else {
        return Vec::new();
    };
    let extensions = plan.extensions.iter().map(|e| {
        format!(
            "Hypercare extended to {} by {} ({}): {}",
            e.new_end.format("%a %-d %b %Y"),
            e.decided_by,
            zoned_time(rules, zone, e.recorded_at),
            e.reason
        )
    });
    let holds = plan.holds.iter().map(|h| {
        format!(
            "Week {} kept at the previous support level by {} ({}): {}",
            h.week,
            h.decided_by,
            zoned_time(rules, zone, h.recorded_at),
            h.reason
        )
    });
    extensions.chain(holds).collect()
}

/// The weekly trend up to the period's end, as the dashboard draws it.
fn trend(src: &Sources, issues: &[Issue], period: &Period) -> Vec<TrendWeek> {
    let weeks: Vec<_> = hypercare_weeks(src.charter, src.plan)
        .into_iter()
        .filter(|w| w.starts <= period.last_day)
        .collect();
    weekly_trend(issues, &weeks, src.rules, &src.charter.calendar.time_zone)
        .into_iter()
        .map(|w| TrendWeek {
            opened: w.opened,
            resolved: w.resolved,
            in_scope: w.in_scope,
            out_of_scope: w.out_of_scope,
            extension: w.extension,
        })
        .collect()
}

/// Notes on every severity row (and the total) the change against `previous`.
pub fn compare(figures: &mut Figures, previous: &Figures, previous_number: u32) {
    let delta = |now: &SeverityRow, before: Option<&SeverityRow>| {
        let count =
            |row: Option<&SeverityRow>, pick: fn(&SeverityRow) -> usize| row.map_or(0, pick) as i64;
        [
            now.opened.len() as i64 - count(before, |r| r.opened.len()),
            now.resolved.len() as i64 - count(before, |r| r.resolved.len()),
            now.open.len() as i64 - count(before, |r| r.open.len()),
        ]
    };
    for row in &mut figures.by_severity {
        let before = previous.by_severity.iter().find(|r| r.name == row.name);
        row.change = Some(delta(row, before));
    }
    figures.total.change = Some(delta(&figures.total, Some(&previous.total)));
    figures.compared_with = Some(previous_number);
}
