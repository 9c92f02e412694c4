//! SLA clocks, derived every time from the issue's events, the charter's targets and its
//! working calendar; there is no stored counter to drift.
//!
//! Two clocks per in-scope issue: response (stops at the first response) and resolution (stops
//! when resolved or transferred, runs again after a reopen). Both pause while the issue waits on
//! the reporter or a vendor, and count either working time or every minute (24x7), as the
//! issue's current severity says.
use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::issue::{Change, Issue, Status};
use super::zone::ZoneRules;
use crate::domain::charter::{Charter, ClockMode, WorkingCalendar};
use crate::domain::keyed::keyed;

/// What starts, pauses and stops the first-response clock, in the words the charter, its
/// document and the issue page use, so the rule reads the same everywhere.
pub const RESPONSE_CLOCK_RULE: &str = "The first-response clock runs from the reported time until the team first responds: moving the issue to in progress, to waiting on the reporter or a vendor (you cannot wait on someone you have not answered, so waiting counts as the first response), resolving or transferring it.";
/// What starts, pauses and stops the resolution clock.
pub const RESOLUTION_CLOCK_RULE: &str = "The resolution clock runs from the reported time until the issue is resolved or transferred to the business team; it pauses while the issue waits on the reporter or a vendor, and runs again after a reopen.";

/// Share of the target after which a running clock is "at risk" (iTop, ServiceNow: 75 %).
pub const AT_RISK_PERCENT: i64 = 75;
/// How far ahead a due time is searched for; a calendar with no working day has none.
const MAX_DAYS: i64 = 3 * 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClockState {
    Running,
    Paused,
    AtRisk,
    Breached,
    Met,
}

keyed!(ClockState {
    Running => "running", "Running";
    Paused => "paused", "Paused";
    AtRisk => "at_risk", "At risk";
    Breached => "breached", "Breached";
    Met => "met", "Met";
});

impl ClockState {
    /// A symbol beside the word, so the state never rests on colour alone.
    pub fn icon(self) -> &'static str {
        match self {
            Self::Running => "\u{25b6}",
            Self::Paused => "\u{23f8}",
            Self::AtRisk => "\u{26a0}",
            Self::Breached => "\u{2716}",
            Self::Met => "\u{2714}",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssueClock {
    pub state: ClockState,
    pub target_minutes: i64,
    pub used_minutes: i64,
    pub mode: ClockMode,
    /// The instant the target ran out (a breached clock, whatever it does now) or will run out
    /// if the clock keeps running. Derived from the events and the calendar only, so it never
    /// moves while the clock is not running; `None` for a paused or stopped clock within its
    /// target (when it resumes, the due time is computed again).
    pub due: Option<DateTime<Utc>>,
    /// Still counting (neither paused nor stopped).
    pub running: bool,
    /// Stopped for good (responded, resolved): nothing is due any more.
    pub stopped: bool,
}

impl IssueClock {
    /// "3 h 10 m left", "Overdue by 1 working day 2 h", "Missed by 40 m", "Met".
    pub fn describe(&self, calendar: &WorkingCalendar) -> String {
        let left = self.target_minutes - self.used_minutes;
        let day = match self.mode {
            ClockMode::WorkingHours => calendar.minutes_per_day().max(1),
            ClockMode::AroundTheClock => 24 * 60,
        };
        let amount = span(left.abs(), day, self.mode == ClockMode::WorkingHours);
        match self.state {
            ClockState::Met => "Met".to_owned(),
            ClockState::Breached if !self.running => format!("Missed by {amount}"),
            _ if left < 0 => format!("Overdue by {amount}"),
            ClockState::Paused => format!("Paused, {amount} left"),
            _ => format!("{amount} left"),
        }
    }
}

/// "2 working days 3 h", "1 h 5 m", "45 m".
fn span(minutes: i64, day: i64, working: bool) -> String {
    let days = minutes / day;
    let rest = minutes % day;
    let (h, m) = (rest / 60, rest % 60);
    let mut parts = Vec::new();
    if days > 0 {
        let unit = match (working, days) {
            (true, 1) => "working day",
            (true, _) => "working days",
            (false, 1) => "day",
            (false, _) => "days",
        };
        parts.push(format!("{days} {unit}"));
    }
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 && days == 0 {
        parts.push(format!("{m} m"));
    }
    if parts.is_empty() {
        "0 m".to_owned()
    } else {
        parts.join(" ")
    }
}

/// Minutes of working time between `from` and `to` in the calendar (or every minute, 24x7).
pub fn counted_minutes(
    calendar: &WorkingCalendar,
    rules: &dyn ZoneRules,
    mode: ClockMode,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> i64 {
    if to <= from {
        return 0;
    }
    if mode == ClockMode::AroundTheClock {
        return (to - from).num_minutes();
    }
    let zone = calendar.time_zone.as_str();
    let first = rules.to_local(zone, from).date();
    let last = rules.to_local(zone, to).date();
    let mut total = 0;
    // Bounded like `advance`: past three years every charter's clock has long breached, and a
    // reported time decades back must not keep the tab busy for minutes.
    for date in first
        .iter_days()
        .take_while(|d| *d <= last)
        .take(MAX_DAYS as usize)
    {
        if let Some((start, end)) = window(calendar, rules, date) {
            let (a, b) = (start.max(from), end.min(to));
            if b > a {
                total += (b - a).num_minutes();
            }
        }
    }
    total
}

/// The working window of a date, as instants.
fn window(
    calendar: &WorkingCalendar,
    rules: &dyn ZoneRules,
    date: NaiveDate,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    if !calendar.is_working_day(date) || calendar.day_ends <= calendar.day_starts {
        return None;
    }
    let zone = calendar.time_zone.as_str();
    Some((
        rules.to_utc(zone, date.and_time(calendar.day_starts)),
        rules.to_utc(zone, date.and_time(calendar.day_ends)),
    ))
}

/// The instant at which `minutes` more of counted time have passed after `from`.
pub fn advance(
    calendar: &WorkingCalendar,
    rules: &dyn ZoneRules,
    mode: ClockMode,
    from: DateTime<Utc>,
    minutes: i64,
) -> Option<DateTime<Utc>> {
    if minutes <= 0 {
        return Some(from);
    }
    if mode == ClockMode::AroundTheClock {
        // `None` past the end of time: a target the bounds let through cannot overflow.
        return Duration::try_minutes(minutes).and_then(|d| from.checked_add_signed(d));
    }
    let mut left = minutes;
    let start_date = rules.to_local(&calendar.time_zone, from).date();
    for date in start_date.iter_days().take(MAX_DAYS as usize) {
        let Some((start, end)) = window(calendar, rules, date) else {
            continue;
        };
        let begin = start.max(from);
        if end <= begin {
            continue;
        }
        let available = (end - begin).num_minutes();
        if left <= available {
            return Some(begin + Duration::minutes(left));
        }
        left -= available;
    }
    None
}

/// The severity level of an in-scope issue and the instant its clocks start (the reported
/// time); `None` for an issue out of scope, not triaged, or without a severity of the charter.
pub(super) fn clocked<'c>(
    issue: &Issue,
    charter: &'c Charter,
) -> Option<(&'c crate::domain::charter::SeverityLevel, DateTime<Utc>)> {
    let view = issue.view();
    if view.in_scope != Some(true) {
        return None;
    }
    let severity = charter
        .severities
        .iter()
        .find(|s| Some(&s.id) == view.severity_id.as_ref())?;
    Some((severity, view.clock_start()?))
}

/// The response and resolution clocks of an issue at `now`; `None` for an issue that is not
/// in scope or has no severity yet.
pub fn clocks(
    issue: &Issue,
    charter: &Charter,
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> Option<(IssueClock, IssueClock)> {
    let (severity, start) = clocked(issue, charter)?;
    let statuses = status_changes(issue);
    let response = measure(&statuses, start, now, ClockKind::Response);
    let resolution = measure(&statuses, start, now, ClockKind::Resolution);
    let to_clock = |intervals: Measured, target_hours: Option<u32>| -> IssueClock {
        let target_minutes = i64::from(target_hours.unwrap_or(0)) * 60;
        let used_minutes: i64 = intervals
            .running
            .iter()
            .map(|(a, b)| counted_minutes(&charter.calendar, rules, severity.clock, *a, *b))
            .sum();
        let over = used_minutes > target_minutes;
        let due = if over {
            ran_out(
                charter,
                rules,
                severity.clock,
                &intervals.running,
                target_minutes,
            )
        } else if intervals.phase == Phase::Running {
            // Counting starts at the report, never before it: a clock whose issue is reported
            // later than `now` (an old record; new reports cannot be in the future) has used
            // nothing yet and is due a whole target after the report.
            let from = now.max(start);
            advance(
                &charter.calendar,
                rules,
                severity.clock,
                from,
                target_minutes - used_minutes,
            )
        } else {
            None
        };
        let state = match intervals.phase {
            _ if over => ClockState::Breached,
            Phase::Stopped => ClockState::Met,
            Phase::Paused => ClockState::Paused,
            Phase::Running if used_minutes * 100 >= target_minutes * severity.warn_at() => {
                ClockState::AtRisk
            }
            Phase::Running => ClockState::Running,
        };
        let running = intervals.phase == Phase::Running;
        IssueClock {
            stopped: intervals.phase == Phase::Stopped,
            state,
            target_minutes,
            used_minutes,
            mode: severity.clock,
            due,
            running,
        }
    };
    let resolution_target = severity.resolution_hours;
    let response_clock = to_clock(response, severity.response_hours);
    let mut resolution_clock = to_clock(resolution, resolution_target);
    if resolution_target.is_none() {
        // No resolution target: the clock is shown as met (nothing to breach) once closed,
        // and never at risk.
        resolution_clock.state = if resolution_clock.running {
            ClockState::Running
        } else {
            ClockState::Met
        };
        resolution_clock.due = None;
    }
    Some((response_clock, resolution_clock))
}

/// The instant the response (`response`) or resolution clock of `issue` counted `minutes`, or
/// will count them if it keeps running as it does at `now`: computed like the due time (working
/// calendar, daylight saving, holidays, pauses), so a warning at 75 % of a target falls exactly
/// where the clock says "at risk". `None` for an issue without running clocks, or a clock that
/// paused or stopped before reaching them.
pub fn reaches(
    issue: &Issue,
    charter: &Charter,
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
    response: bool,
    minutes: i64,
) -> Option<DateTime<Utc>> {
    let (severity, start) = clocked(issue, charter)?;
    let kind = if response {
        ClockKind::Response
    } else {
        ClockKind::Resolution
    };
    let measured = measure(&status_changes(issue), start, now, kind);
    let used: i64 = measured
        .running
        .iter()
        .map(|(a, b)| counted_minutes(&charter.calendar, rules, severity.clock, *a, *b))
        .sum();
    if used >= minutes {
        return ran_out(charter, rules, severity.clock, &measured.running, minutes);
    }
    (measured.phase == Phase::Running).then(|| {
        advance(
            &charter.calendar,
            rules,
            severity.clock,
            now.max(start),
            minutes - used,
        )
    })?
}

/// The instant a clock used up `target_minutes`: walking the intervals it ran, the first one
/// in which the counted time reaches the target. Fixed once passed, whatever happens later.
pub(super) fn ran_out(
    charter: &Charter,
    rules: &dyn ZoneRules,
    mode: ClockMode,
    running: &[(DateTime<Utc>, DateTime<Utc>)],
    target_minutes: i64,
) -> Option<DateTime<Utc>> {
    let mut used = 0;
    for (from, to) in running {
        let here = counted_minutes(&charter.calendar, rules, mode, *from, *to);
        if used + here >= target_minutes {
            return advance(&charter.calendar, rules, mode, *from, target_minutes - used)
                .map(|due| due.min(*to));
        }
        used += here;
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ClockKind {
    Response,
    Resolution,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    Running,
    Paused,
    Stopped,
}

pub(super) struct Measured {
    pub(super) running: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    pub(super) phase: Phase,
}

pub(super) fn status_changes(issue: &Issue) -> Vec<(DateTime<Utc>, Status)> {
    let mut changes: Vec<_> = issue
        .events
        .iter()
        .filter_map(|e| match &e.change {
            Change::Status { status } => Some((e.at, *status)),
            Change::Transferred { .. } => Some((e.at, Status::Transferred)),
            Change::Routed { .. } => Some((e.at, Status::Routed)),
            _ => None,
        })
        .collect();
    changes.sort_by_key(|(at, _)| *at);
    changes
}

/// The intervals a clock ran, from the start to `now`, following the status changes.
pub(super) fn measure(
    changes: &[(DateTime<Utc>, Status)],
    start: DateTime<Utc>,
    now: DateTime<Utc>,
    kind: ClockKind,
) -> Measured {
    let mut running = Vec::new();
    let mut phase = Phase::Running;
    let mut since = start;
    for (at, status) in changes {
        let at = (*at).max(start);
        if at > now {
            break;
        }
        let next = match kind {
            ClockKind::Response if status.counts_as_response() && !status.pauses_clocks() => {
                Phase::Stopped
            }
            ClockKind::Response if phase == Phase::Stopped => Phase::Stopped,
            ClockKind::Resolution if status.is_closed() => Phase::Stopped,
            _ if status.pauses_clocks() => Phase::Paused,
            _ => Phase::Running,
        };
        // A waiting status is itself a response to the user, then pauses resolution.
        let next = if kind == ClockKind::Response && status.pauses_clocks() {
            Phase::Stopped
        } else {
            next
        };
        if phase == Phase::Running && next != Phase::Running {
            running.push((since, at));
        }
        if phase != Phase::Running && next == Phase::Running {
            since = at;
        }
        phase = next;
    }
    if phase == Phase::Running {
        running.push((since, now));
    }
    Measured { running, phase }
}
