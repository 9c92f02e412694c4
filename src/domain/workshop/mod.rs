//! Workshop mode: the charter workshop, the daily triage stand-up and the exit review run in a
//! room, on one laptop and a projector. A [`Workshop`] is the record of one such meeting: its
//! agenda with the facilitator's timeboxes, the timer's progress (instants, never a ticking
//! counter, so it survives a reload and a closed window), the notes per step, the decisions
//! and the dot votes. Everything shown on the timer is derived from it and a `now`.
pub mod agenda;
pub mod countdown;
pub mod decision;
pub mod exit_meeting;
pub mod leadership;
pub mod markdown;
pub mod presentation;
pub mod record;
pub mod standup;
pub mod timer;
pub mod vote;
pub mod vote_result;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use agenda::{AgendaError, AgendaKind, StepKind};
pub use countdown::{Countdown, PlanDelta};
pub use decision::{Decision, DecisionError, DecisionForm, Topic};
pub use presentation::{AudienceView, ChannelMessage, Console, Presentation, Screen};
pub use timer::{StepTime, TimerError, TimerState};
pub use vote::{DotVote, VoteError, VoteResult};

/// One meeting run in workshop mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    /// Stable within its list, for merging and references (see `domain::item_id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Per engagement, from 1, so decisions can cite "workshop 3".
    pub number: u32,
    /// The number it was started under, when a merge moved it (two devices started a
    /// workshop offline under one number): the numbering is worked out again from these, so
    /// every device ends with the same numbers whatever order the merges came in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed: Option<u32>,
    pub kind: AgendaKind,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub facilitator: String,
    pub steps: Vec<WorkshopStep>,
    /// Index into `steps` of the step on screen.
    #[serde(default)]
    pub current: usize,
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub finished_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub votes: Vec<DotVote>,
}

/// One agenda step: the plan, the time spent on it, and the notes taken during it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopStep {
    /// Stable within its list, for merging and references (see `domain::item_id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub kind: StepKind,
    /// The timebox as planned before the start.
    pub planned_minutes: u32,
    /// "+1 min" presses during the workshop: they extend the timebox, not the plan.
    #[serde(default)]
    pub added_minutes: u32,
    /// Time spent in earlier visits to this step, in milliseconds; the visit under way, if the
    /// timer runs, is counted from `running_since`.
    #[serde(default)]
    pub spent_ms: i64,
    /// When the timer last started or resumed on this step; `None` when it is not running here.
    #[serde(default)]
    pub running_since: Option<DateTime<Utc>>,
    /// When the room first reached this step with the timer running.
    #[serde(default)]
    pub first_started: Option<DateTime<Utc>>,
    #[serde(default)]
    pub notes: String,
}

impl WorkshopStep {
    pub fn new(kind: StepKind, minutes: u32) -> Self {
        Self {
            id: String::new(),
            kind,
            planned_minutes: minutes,
            added_minutes: 0,
            spent_ms: 0,
            running_since: None,
            first_started: None,
            notes: String::new(),
        }
    }

    pub fn title(&self) -> &'static str {
        self.kind.title()
    }

    /// The timebox now: the plan plus the minutes added in the room.
    pub fn timebox_minutes(&self) -> u32 {
        self.planned_minutes.saturating_add(self.added_minutes)
    }
}

impl Workshop {
    /// A workshop on a built-in agenda with its suggested timeboxes, not started.
    pub fn new(number: u32, kind: AgendaKind, facilitator: &str, now: DateTime<Utc>) -> Self {
        Self {
            id: String::new(),
            number,
            claimed: None,
            kind,
            created_at: now,
            facilitator: facilitator.trim().to_owned(),
            steps: kind
                .steps()
                .iter()
                .map(|(step, minutes)| WorkshopStep::new(*step, *minutes))
                .collect(),
            current: 0,
            started_at: None,
            finished_at: None,
            decisions: Vec::new(),
            votes: Vec::new(),
        }
    }

    pub fn title(&self) -> &'static str {
        self.kind.name()
    }

    /// The step on screen. `None` only for a workshop whose stored steps were emptied by hand.
    pub fn current_step(&self) -> Option<&WorkshopStep> {
        self.steps.get(self.current)
    }

    pub fn next_step(&self) -> Option<&WorkshopStep> {
        self.steps.get(self.current.saturating_add(1))
    }

    pub fn planned_minutes(&self) -> u32 {
        self.steps
            .iter()
            .fold(0_u32, |sum, s| sum.saturating_add(s.planned_minutes))
    }

    /// Changes a step's timebox before the start, from the agenda's minutes field.
    pub fn set_minutes(&mut self, index: usize, typed: &str) -> Result<u32, AgendaError> {
        if self.started_at.is_some() {
            return Err(AgendaError::AlreadyStarted);
        }
        let step = self
            .steps
            .get_mut(index)
            .ok_or(AgendaError::NoSuchStep(index))?;
        let minutes = agenda::parse_minutes(step.kind, typed)?;
        step.planned_minutes = minutes;
        Ok(minutes)
    }

    /// The notes field of a step. Notes stay editable after the end, to tidy them up.
    pub fn set_notes(&mut self, index: usize, text: &str) -> Result<(), AgendaError> {
        let step = self
            .steps
            .get_mut(index)
            .ok_or(AgendaError::NoSuchStep(index))?;
        step.notes = text.to_owned();
        Ok(())
    }
}

#[cfg(test)]
mod tests;
