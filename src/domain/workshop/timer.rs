//! The agenda timer. The workshop stores instants (when a step's timer started, how long
//! earlier visits took), never a running count, so the countdown after a reload or in a
//! reopened window is the same as before: it is computed again from the record and `now`.
use chrono::{DateTime, Utc};

use super::countdown::{Countdown, PlanDelta};
use super::{StepKind, Workshop};

const MINUTE_MS: i64 = 60_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimerState {
    NotStarted,
    Running,
    Paused,
    Finished,
}

impl TimerState {
    pub fn name(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::Running => "Running",
            Self::Paused => "Paused",
            Self::Finished => "Finished",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerError {
    NotStarted,
    AlreadyStarted,
    AlreadyPaused,
    NotPaused,
    Finished,
    LastStep,
    FirstStep,
    NoSuchStep(usize),
    NoSteps,
}

impl std::fmt::Display for TimerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotStarted => f.write_str("The workshop has not started yet."),
            Self::AlreadyStarted => f.write_str("The workshop has already started."),
            Self::AlreadyPaused => f.write_str("The timer is already paused."),
            Self::NotPaused => f.write_str("The timer is not paused."),
            Self::Finished => f.write_str("The workshop is finished; its times are final."),
            Self::LastStep => {
                f.write_str("This is the last step: finish the workshop to stop the timer.")
            }
            Self::FirstStep => f.write_str("This is the first step."),
            Self::NoSuchStep(index) => write!(f, "The agenda has no step {}.", index + 1),
            Self::NoSteps => f.write_str("The agenda has no steps."),
        }
    }
}

/// One step's time against its plan, for the finished workshop and the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTime {
    pub index: usize,
    pub kind: StepKind,
    pub planned_minutes: u32,
    pub added_minutes: u32,
    pub spent_ms: i64,
    /// Whether the timer ever ran on this step; a skipped step spent nothing.
    pub visited: bool,
}

impl StepTime {
    /// Spent minus planned: positive when the step ran long.
    pub fn delta(&self) -> PlanDelta {
        PlanDelta {
            seconds: (self.spent_ms - i64::from(self.planned_minutes) * MINUTE_MS) / 1000,
        }
    }
}

impl Workshop {
    pub fn state(&self) -> TimerState {
        if self.finished_at.is_some() {
            TimerState::Finished
        } else if self.started_at.is_none() {
            TimerState::NotStarted
        } else if self
            .current_step()
            .is_some_and(|s| s.running_since.is_some())
        {
            TimerState::Running
        } else {
            TimerState::Paused
        }
    }

    /// Starts the timer on the step on screen (the first one unless the facilitator moved).
    pub fn start(&mut self, now: DateTime<Utc>) -> Result<(), TimerError> {
        match self.state() {
            TimerState::Finished => return Err(TimerError::Finished),
            TimerState::Running | TimerState::Paused => return Err(TimerError::AlreadyStarted),
            TimerState::NotStarted => {}
        }
        if self.current_step().is_none() {
            return Err(TimerError::NoSteps);
        }
        self.started_at = Some(now);
        self.run(now);
        Ok(())
    }

    pub fn pause(&mut self, now: DateTime<Utc>) -> Result<(), TimerError> {
        match self.state() {
            TimerState::Running => {
                self.bank(now);
                Ok(())
            }
            TimerState::Paused => Err(TimerError::AlreadyPaused),
            TimerState::NotStarted => Err(TimerError::NotStarted),
            TimerState::Finished => Err(TimerError::Finished),
        }
    }

    pub fn resume(&mut self, now: DateTime<Utc>) -> Result<(), TimerError> {
        match self.state() {
            TimerState::Paused => {
                self.run(now);
                Ok(())
            }
            TimerState::Running => Err(TimerError::NotPaused),
            TimerState::NotStarted => Err(TimerError::NotStarted),
            TimerState::Finished => Err(TimerError::Finished),
        }
    }

    pub fn next(&mut self, now: DateTime<Utc>) -> Result<(), TimerError> {
        if self.finished_at.is_some() {
            return Err(TimerError::Finished);
        }
        if self.current.saturating_add(1) >= self.steps.len() {
            return Err(TimerError::LastStep);
        }
        self.go_to(self.current.saturating_add(1), now)
    }

    pub fn previous(&mut self, now: DateTime<Utc>) -> Result<(), TimerError> {
        if self.finished_at.is_some() {
            return Err(TimerError::Finished);
        }
        let index = self.current.checked_sub(1).ok_or(TimerError::FirstStep)?;
        self.go_to(index, now)
    }

    /// Moves to any step. The time so far stays with the step being left; a running timer
    /// runs on in the new step and a paused one stays paused. Before the start this only
    /// changes the step on screen, so the facilitator can preview the agenda.
    pub fn go_to(&mut self, index: usize, now: DateTime<Utc>) -> Result<(), TimerError> {
        if self.finished_at.is_some() {
            return Err(TimerError::Finished);
        }
        if index >= self.steps.len() {
            return Err(TimerError::NoSuchStep(index));
        }
        if index == self.current {
            return Ok(());
        }
        let running = self.state() == TimerState::Running;
        self.bank(now);
        self.current = index;
        if running {
            self.run(now);
        }
        Ok(())
    }

    /// "+1 min": the current step's timebox grows by a minute; the plan stays as it was, so the
    /// running total shows the minute as over plan once it is used.
    pub fn add_minute(&mut self) -> Result<(), TimerError> {
        match self.state() {
            TimerState::NotStarted => return Err(TimerError::NotStarted),
            TimerState::Finished => return Err(TimerError::Finished),
            TimerState::Running | TimerState::Paused => {}
        }
        let step = self
            .steps
            .get_mut(self.current)
            .ok_or(TimerError::NoSteps)?;
        step.added_minutes = step.added_minutes.saturating_add(1);
        Ok(())
    }

    pub fn finish(&mut self, now: DateTime<Utc>) -> Result<(), TimerError> {
        match self.state() {
            TimerState::NotStarted => return Err(TimerError::NotStarted),
            TimerState::Finished => return Err(TimerError::Finished),
            TimerState::Running | TimerState::Paused => {}
        }
        self.bank(now);
        self.finished_at = Some(now);
        Ok(())
    }

    /// Adds the visit under way to the current step's time and stops its timer.
    fn bank(&mut self, now: DateTime<Utc>) {
        if let Some(step) = self.steps.get_mut(self.current) {
            if let Some(since) = step.running_since.take() {
                // A workshop left running for months still saves: time past the bound (100
                // days) says nothing more about a meeting.
                step.spent_ms = step
                    .spent_ms
                    .saturating_add((now - since).num_milliseconds().max(0))
                    .min(crate::domain::bounds::MAX_MILLISECONDS);
            }
        }
    }

    fn run(&mut self, now: DateTime<Utc>) {
        if let Some(step) = self.steps.get_mut(self.current) {
            step.running_since = Some(now);
            step.first_started.get_or_insert(now);
        }
    }

    /// Time spent on a step so far. A clock set back while running counts as no time, not
    /// as negative time.
    pub fn spent_ms(&self, index: usize, now: DateTime<Utc>) -> i64 {
        self.steps.get(index).map_or(0, |step| {
            let running = step
                .running_since
                .map_or(0, |since| (now - since).num_milliseconds().max(0));
            step.spent_ms + running
        })
    }

    /// The current step against its timebox; `None` before the start and after the end.
    pub fn countdown(&self, now: DateTime<Utc>) -> Option<Countdown> {
        if matches!(self.state(), TimerState::NotStarted | TimerState::Finished) {
            return None;
        }
        let step = self.current_step()?;
        let timebox_ms = i64::from(step.timebox_minutes()) * MINUTE_MS;
        Some(Countdown {
            remaining_ms: timebox_ms - self.spent_ms(self.current, now),
            timebox_ms,
        })
    }

    /// Where the meeting will end against the plan if the rest goes as planned. Steps already
    /// left (or skipped) count with their real time; the current step counts only once it
    /// runs past its planned minutes, since until then it may still finish on time.
    pub fn plan_delta(&self, now: DateTime<Utc>) -> PlanDelta {
        if self.started_at.is_none() {
            return PlanDelta { seconds: 0 };
        }
        let current = match (self.finished_at, self.steps.get(self.current)) {
            (None, Some(step)) => {
                let planned = i64::from(step.planned_minutes) * MINUTE_MS;
                (self.spent_ms(self.current, now) - planned).max(0)
            }
            _ => 0,
        };
        PlanDelta {
            seconds: (self.settled_delta_ms(now) + current) / 1000,
        }
    }

    /// The part of the plan delta that no longer changes while the current step runs: every
    /// step but the current one (all of them once finished).
    pub(super) fn settled_delta_ms(&self, now: DateTime<Utc>) -> i64 {
        let finished = self.finished_at.is_some();
        self.step_times(now)
            .iter()
            .filter(|t| finished || t.index != self.current)
            .filter(|t| finished || t.index < self.current || t.visited)
            .map(|t| t.spent_ms - i64::from(t.planned_minutes) * MINUTE_MS)
            .sum()
    }

    /// Every step's time against its plan, as it stands at `now`.
    pub fn step_times(&self, now: DateTime<Utc>) -> Vec<StepTime> {
        self.steps
            .iter()
            .enumerate()
            .map(|(index, step)| StepTime {
                index,
                kind: step.kind,
                planned_minutes: step.planned_minutes,
                added_minutes: step.added_minutes,
                spent_ms: self.spent_ms(index, now),
                visited: step.first_started.is_some(),
            })
            .collect()
    }

    /// Time spent on the whole meeting, pauses excluded.
    pub fn total_spent_ms(&self, now: DateTime<Utc>) -> i64 {
        (0..self.steps.len()).map(|i| self.spent_ms(i, now)).sum()
    }
}
