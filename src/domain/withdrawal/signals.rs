//! Dependency signals: is the business team taking over, or is hypercare becoming permanent?
//! Per week, the issues the plan gives the business team, how many the business team actually
//! worked, and how many the project team worked instead.
use chrono::{DateTime, NaiveDate, Utc};

use super::plan::{Handler, WithdrawalPlan};
use crate::domain::charter::Charter;
use crate::domain::triage::{Issue, Team};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekSignal {
    pub week: u32,
    /// In-scope issues reported this week.
    pub reported: usize,
    /// Of those, the ones the plan gives the business team.
    pub for_business: usize,
    pub business_worked: usize,
    /// Issues the plan gives the business team that the project team worked on.
    pub project_on_business: usize,
}

pub fn week_signals(
    issues: &[Issue],
    plan: &WithdrawalPlan,
    charter: &Charter,
    local_date: impl Fn(DateTime<Utc>) -> NaiveDate,
) -> Vec<WeekSignal> {
    let mut weeks: Vec<WeekSignal> = (1..=plan.weeks.len() as u32)
        .map(|week| WeekSignal {
            week,
            reported: 0,
            for_business: 0,
            business_worked: 0,
            project_on_business: 0,
        })
        .collect();
    for issue in issues {
        let view = issue.view();
        if view.in_scope != Some(true) {
            continue;
        }
        let Some(date) = view.clock_start().map(&local_date) else {
            continue;
        };
        let Some(week) = plan.week_of(charter, date) else {
            continue;
        };
        let Some(signal) = weeks.get_mut(week as usize - 1) else {
            continue;
        };
        signal.reported += 1;
        let handler = plan.handler(charter, date, view.severity_id.as_deref());
        if matches!(
            handler,
            Handler::BusinessTeam | Handler::BusinessTeamAdvised
        ) {
            signal.for_business += 1;
            match view.worked_by {
                Some(Team::BusinessTeam) => signal.business_worked += 1,
                Some(Team::ProjectTeam) => signal.project_on_business += 1,
                None => {}
            }
        }
    }
    weeks
}

/// Warnings in plain words, the most serious last.
pub fn warnings(signals: &[WeekSignal]) -> Vec<String> {
    let mut found = Vec::new();
    for s in signals
        .iter()
        .filter(|s| s.for_business >= 2 && s.project_on_business * 2 > s.for_business)
    {
        found.push(format!(
            "Week {}: the project team worked on {} of the {} issues the plan gives the business team.",
            s.week, s.project_on_business, s.for_business
        ));
    }
    let shares: Vec<f64> = signals
        .iter()
        .filter(|s| s.for_business > 0)
        .map(|s| s.project_on_business as f64 / s.for_business as f64)
        .collect();
    if let [.., before, last] = shares.as_slice() {
        if last >= before && *last > 0.3 {
            found.push("The project team\u{2019}s share of business-team issues is not falling: hypercare is at risk of becoming permanent. Hold the plan\u{2019}s levels and move the work to the business team.".to_owned());
        }
    }
    found
}
