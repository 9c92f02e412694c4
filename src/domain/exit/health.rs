//! System health figures: what the exit review freezes as the baseline for monitoring, and
//! what the dashboard shows along the way.
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::charter::{Charter, RoutingDestination};
use crate::domain::triage::clock::{clocks, ClockState};
use crate::domain::triage::update_clock::missed_updates;
use crate::domain::triage::{Issue, Status, ZoneRules};
use crate::domain::withdrawal::WithdrawalPlan;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeverityHealth {
    pub name: String,
    pub count: usize,
    pub open: usize,
    pub response_met: usize,
    pub response_due: usize,
    pub resolution_met: usize,
    pub resolution_due: usize,
    /// Median minutes to first response / to resolution, over issues where it happened.
    pub median_response: Option<i64>,
    pub median_resolution: Option<i64>,
    pub at_risk: usize,
    pub breached: usize,
    /// Updates to the business due by the level's cadence and not given on time; `None` for
    /// a level without a cadence.
    pub updates_missed: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Health {
    pub total: usize,
    pub untriaged: usize,
    pub in_scope: usize,
    pub out_of_scope: usize,
    pub open_in_scope: usize,
    pub by_category: BTreeMap<String, usize>,
    pub by_severity: Vec<SeverityHealth>,
    pub by_destination: Vec<(RoutingDestination, usize)>,
}

impl Health {
    /// "Critical: 3 missed, Important: none missed", over the levels with an update cadence;
    /// `None` when no level has one.
    pub fn updates_missed(&self) -> Option<String> {
        let parts: Vec<String> = self
            .by_severity
            .iter()
            .filter_map(|s| {
                let missed = s.updates_missed?;
                Some(match missed {
                    0 => format!("{}: none missed", s.name),
                    n => format!("{}: {n} missed", s.name),
                })
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// Out-of-scope share of triaged requests, in percent: "scope pressure".
    pub fn scope_pressure(&self) -> Option<usize> {
        let triaged = self.in_scope + self.out_of_scope;
        (triaged > 0).then(|| self.out_of_scope * 100 / triaged)
    }
}

fn median(mut values: Vec<i64>) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2
    } else {
        values[mid]
    })
}

pub fn health(
    issues: &[Issue],
    charter: &Charter,
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> Health {
    let mut h = Health {
        total: issues.len(),
        ..Health::default()
    };
    let mut per_severity: Vec<(SeverityHealth, Vec<i64>, Vec<i64>)> = charter
        .severities
        .iter()
        .map(|s| {
            (
                SeverityHealth {
                    name: s.name.clone(),
                    updates_missed: s.update_hours.filter(|h| *h > 0).map(|_| 0),
                    ..SeverityHealth::default()
                },
                Vec::new(),
                Vec::new(),
            )
        })
        .collect();
    let mut destinations: BTreeMap<&'static str, (RoutingDestination, usize)> = BTreeMap::new();
    for issue in issues {
        let v = issue.view();
        match v.in_scope {
            None => h.untriaged += 1,
            Some(false) => {
                h.out_of_scope += 1;
                if let Some(d) = v.destination {
                    destinations.entry(d.key()).or_insert((d, 0)).1 += 1;
                }
            }
            Some(true) => {
                h.in_scope += 1;
                if !matches!(v.status(), Status::Resolved | Status::Transferred) {
                    h.open_in_scope += 1;
                }
            }
        }
        if let Some(category) = v
            .category_id
            .as_ref()
            .and_then(|c| charter.categories.iter().find(|x| &x.id == c))
        {
            *h.by_category.entry(category.name.clone()).or_insert(0) += 1;
        }
        let Some(index) = v
            .severity_id
            .as_ref()
            .and_then(|s| charter.severities.iter().position(|x| &x.id == s))
        else {
            continue;
        };
        if v.in_scope != Some(true) {
            continue;
        }
        let (entry, responses, resolutions) = &mut per_severity[index];
        entry.count += 1;
        if !matches!(v.status(), Status::Resolved | Status::Transferred) {
            entry.open += 1;
        }
        if let Some(missed) = entry.updates_missed.as_mut() {
            *missed += missed_updates(issue, charter, rules, now);
        }
        if let Some((response, resolution)) = clocks(issue, charter, rules, now) {
            for (clock, met, due, times) in [
                (
                    response,
                    &mut entry.response_met,
                    &mut entry.response_due,
                    &mut *responses,
                ),
                (
                    resolution,
                    &mut entry.resolution_met,
                    &mut entry.resolution_due,
                    &mut *resolutions,
                ),
            ] {
                match clock.state {
                    ClockState::Met => {
                        *met += 1;
                        *due += 1;
                        times.push(clock.used_minutes);
                    }
                    ClockState::Breached => {
                        *due += 1;
                        if !clock.running {
                            times.push(clock.used_minutes);
                        }
                    }
                    _ => {}
                }
            }
            for clock in [response, resolution] {
                match clock.state {
                    ClockState::AtRisk => entry.at_risk += 1,
                    ClockState::Breached if clock.running => entry.breached += 1,
                    _ => {}
                }
            }
        }
    }
    h.by_severity = per_severity
        .into_iter()
        .map(|(mut entry, responses, resolutions)| {
            entry.median_response = median(responses);
            entry.median_resolution = median(resolutions);
            entry
        })
        .collect();
    h.by_destination = destinations.into_values().collect();
    h
}

/// One week of hypercare: planned in the charter, or added by a recorded extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HypercareWeek {
    /// From 1.
    pub number: usize,
    pub starts: NaiveDate,
    /// Added by an extension of the end date, not planned in the charter.
    pub extension: bool,
}

/// The weeks of hypercare from go-live to the end date: the charter's planned weeks, then
/// the weeks a recorded extension added. The dashboard, the review and its Markdown all count
/// by these.
pub fn hypercare_weeks(charter: &Charter, plan: Option<&WithdrawalPlan>) -> Vec<HypercareWeek> {
    let Some(go_live) = charter.go_live_date() else {
        return Vec::new();
    };
    // A draft may hold any typed duration; the weeks count only an allowed one.
    let planned = charter
        .duration_weeks
        .filter(|w| super::super::charter::ALLOWED_WEEKS.contains(w))
        .unwrap_or(4) as usize;
    let end = plan
        .and_then(|p| p.end_date(charter))
        .or_else(|| charter.end_date());
    let until_end = end.map_or(0, |end| {
        usize::try_from((end - go_live).num_days() + 1)
            .unwrap_or(0)
            .div_ceil(7)
    });
    // At most two years of weeks, and no date past the calendar's end, whatever the data says.
    (0..planned
        .max(until_end)
        .min(crate::domain::bounds::MAX_WEEK as usize))
        .map_while(|i| {
            Some(HypercareWeek {
                number: i + 1,
                starts: go_live.checked_add_days(chrono::Days::new(7 * i as u64))?,
                extension: i >= planned,
            })
        })
        .collect()
}

/// Per hypercare week: issues opened, resolved, in and out of scope.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WeekTrend {
    pub opened: usize,
    pub resolved: usize,
    pub in_scope: usize,
    pub out_of_scope: usize,
    /// The week was added by an extension.
    pub extension: bool,
}

/// Issues opened and resolved per hypercare week, each counted on its date in the charter's
/// time zone (`zone`), whoever looks at it from wherever.
pub fn weekly_trend(
    issues: &[Issue],
    weeks: &[HypercareWeek],
    rules: &dyn ZoneRules,
    zone: &str,
) -> Vec<WeekTrend> {
    let mut trend: Vec<WeekTrend> = weeks
        .iter()
        .map(|w| WeekTrend {
            extension: w.extension,
            ..WeekTrend::default()
        })
        .collect();
    let Some(first) = weeks.first() else {
        return trend;
    };
    let week_of = |at: DateTime<Utc>| -> Option<usize> {
        let days = (rules.to_local(zone, at).date() - first.starts).num_days();
        (days >= 0)
            .then_some((days / 7) as usize)
            .filter(|w| *w < weeks.len())
    };
    for issue in issues {
        let v = issue.view();
        if let Some(w) = v.clock_start().and_then(week_of) {
            trend[w].opened += 1;
            match v.in_scope {
                Some(true) => trend[w].in_scope += 1,
                Some(false) => trend[w].out_of_scope += 1,
                None => {}
            }
        }
        let resolved_at = issue.events.iter().rev().find_map(|e| match e.change {
            crate::domain::triage::Change::Status {
                status: Status::Resolved,
            } => Some(e.at),
            _ => None,
        });
        if v.status() == Status::Resolved {
            if let Some(w) = resolved_at.and_then(week_of) {
                trend[w].resolved += 1;
            }
        }
    }
    trend
}
