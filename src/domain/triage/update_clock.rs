//! Keeping the business informed (issue 25): while an in-scope issue is open, its severity's
//! update cadence says how often the business hears where it stands ("every 2 hours for
//! critical issues"). The first response is the first thing the business hears, and until then
//! the response clock is the one that runs out; so the update clock starts at the first
//! response. It counts like the resolution clock (working hours or 24x7, paused while waiting,
//! stopped when resolved or transferred) from there or from the last recorded update to the
//! business, and starts again at each one. Derived from the events every time, like the other
//! clocks.
use chrono::{DateTime, Utc};

use super::clock::{
    advance, clocked, counted_minutes, measure, ran_out, status_changes, ClockKind, ClockState,
    IssueClock, Phase,
};
use super::issue::{Change, Issue};
use super::zone::ZoneRules;
use crate::domain::charter::{Charter, SeverityLevel};

/// What starts and stops the update clock, in the words the charter and the issue page use.
pub const UPDATE_CLOCK_RULE: &str = "The update clock runs like the resolution clock, from the first response or the last update to the business recorded on the issue; each update starts it again.";

/// The update clock of an open issue, and the update it counts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateClock {
    pub clock: IssueClock,
    /// When the last update to the business was recorded; `None`: none yet (counted from the
    /// first response).
    pub last_update: Option<DateTime<Utc>>,
    /// The last update's event id, empty before the first: each period warns afresh.
    pub period: String,
}

/// One cadence period of an issue: from the last update (or the report) to `now`.
struct Period<'c> {
    severity: &'c SeverityLevel,
    target_minutes: i64,
    /// The intervals the clock ran since the period began.
    running: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    phase: Phase,
    from: DateTime<Utc>,
    last_update: Option<(DateTime<Utc>, String)>,
}

impl Period<'_> {
    fn used(&self, charter: &Charter, rules: &dyn ZoneRules) -> i64 {
        self.running
            .iter()
            .map(|(a, b)| counted_minutes(&charter.calendar, rules, self.severity.clock, *a, *b))
            .sum()
    }
}

/// The updates to the business recorded on `issue` up to `now`, oldest first.
fn updates(issue: &Issue, now: DateTime<Utc>) -> Vec<(DateTime<Utc>, String)> {
    let mut found: Vec<(DateTime<Utc>, String)> = issue
        .events
        .iter()
        .filter(|e| matches!(e.change, Change::BusinessUpdate { .. }) && e.at <= now)
        .map(|e| (e.at, e.id.clone()))
        .collect();
    found.sort();
    found
}

/// When the last update to the business was recorded on `issue`, whatever the cadence.
pub fn last_business_update(issue: &Issue) -> Option<DateTime<Utc>> {
    issue
        .events
        .iter()
        .filter(|e| matches!(e.change, Change::BusinessUpdate { .. }))
        .map(|e| e.at)
        .max()
}

/// The in-scope, responded-to issue's severity with a cadence, its target in minutes, when the
/// resolution clock started (the report) and when the team first responded.
fn cadence<'c>(
    issue: &Issue,
    charter: &'c Charter,
) -> Option<(&'c SeverityLevel, i64, DateTime<Utc>, DateTime<Utc>)> {
    let (severity, start) = clocked(issue, charter)?;
    let hours = severity.update_hours.filter(|h| *h > 0)?;
    let responded = status_changes(issue)
        .into_iter()
        .find(|(_, status)| status.counts_as_response())
        .map(|(at, _)| at.max(start))?;
    Some((severity, i64::from(hours) * 60, start, responded))
}

/// The intervals in `running` from `from` on.
fn clip(
    running: &[(DateTime<Utc>, DateTime<Utc>)],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    running
        .iter()
        .map(|(a, b)| ((*a).max(from), (*b).min(to)))
        .filter(|(a, b)| a < b)
        .collect()
}

fn period<'c>(issue: &Issue, charter: &'c Charter, now: DateTime<Utc>) -> Option<Period<'c>> {
    let (severity, target_minutes, start, responded) = cadence(issue, charter)?;
    if responded > now {
        return None;
    }
    let measured = measure(&status_changes(issue), start, now, ClockKind::Resolution);
    let last_update = updates(issue, now).pop();
    let from = last_update
        .as_ref()
        .map_or(responded, |(at, _)| (*at).max(responded));
    Some(Period {
        severity,
        target_minutes,
        running: clip(&measured.running, from, now),
        phase: measured.phase,
        from,
        last_update,
    })
}

/// The update clock of `issue` at `now`: `None` for an issue out of scope, without a cadence,
/// or resolved or transferred (nothing more is due).
pub fn update_clock(
    issue: &Issue,
    charter: &Charter,
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> Option<UpdateClock> {
    let period = period(issue, charter, now)?;
    if period.phase == Phase::Stopped {
        return None;
    }
    let (target, mode) = (period.target_minutes, period.severity.clock);
    let used = period.used(charter, rules);
    let over = used > target;
    let running = period.phase == Phase::Running;
    let due = if over {
        ran_out(charter, rules, mode, &period.running, target)
    } else if running {
        advance(
            &charter.calendar,
            rules,
            mode,
            now.max(period.from),
            target - used,
        )
    } else {
        None
    };
    let state = match period.phase {
        _ if over => ClockState::Breached,
        Phase::Paused => ClockState::Paused,
        _ if used * 100 >= target * period.severity.warn_at() => ClockState::AtRisk,
        _ => ClockState::Running,
    };
    let (last_update, period_id) = period
        .last_update
        .map_or((None, String::new()), |(at, id)| (Some(at), id));
    Some(UpdateClock {
        clock: IssueClock {
            state,
            target_minutes: target,
            used_minutes: used,
            mode,
            due,
            running,
            stopped: false,
        },
        last_update,
        period: period_id,
    })
}

/// The instant the current period's update clock counted `minutes`, or will if it keeps
/// running as at `now` (as `clock::reaches` for the other clocks).
pub fn update_reaches(
    issue: &Issue,
    charter: &Charter,
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
    minutes: i64,
) -> Option<DateTime<Utc>> {
    let period = period(issue, charter, now)?;
    let mode = period.severity.clock;
    let used = period.used(charter, rules);
    if used >= minutes {
        return ran_out(charter, rules, mode, &period.running, minutes);
    }
    (period.phase == Phase::Running).then(|| {
        advance(
            &charter.calendar,
            rules,
            mode,
            now.max(period.from),
            minutes - used,
        )
    })?
}

/// Updates to the business that were due and not given on time, from the first response to
/// `now`:
/// in each stretch between two updates (or to the resolution, or to now), one for every
/// cadence that ran out within it. An update given exactly on time misses nothing.
pub fn missed_updates(
    issue: &Issue,
    charter: &Charter,
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> usize {
    let Some((severity, target, start, responded)) = cadence(issue, charter) else {
        return 0;
    };
    if responded > now {
        return 0;
    }
    let running = measure(&status_changes(issue), start, now, ClockKind::Resolution).running;
    let mut bounds: Vec<DateTime<Utc>> = std::iter::once(responded)
        .chain(
            updates(issue, now)
                .into_iter()
                .map(|(at, _)| at)
                .filter(|at| *at > responded),
        )
        .collect();
    bounds.push(now);
    bounds
        .windows(2)
        .map(|stretch| {
            let used: i64 = clip(&running, stretch[0], stretch[1])
                .iter()
                .map(|(a, b)| counted_minutes(&charter.calendar, rules, severity.clock, *a, *b))
                .sum();
            usize::try_from((used - 1).max(0) / target).unwrap_or(0)
        })
        .sum()
}

#[cfg(test)]
#[path = "update_clock_tests.rs"]
mod tests;
