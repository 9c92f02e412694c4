//! The withdrawal plan: one row per hypercare week with its support level, the severities the
//! project team still handles, the check-in cadence and what the business team must be able to
//! do by the end of the week. Extensions and held levels are recorded decisions.
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::charter::Charter;
use crate::domain::keyed::keyed;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportLevel {
    /// The project team handles every issue.
    FullSupport,
    /// The project team handles critical issues; the business team the rest.
    CriticalOnly,
    /// The project team is consulted; the business team resolves.
    Advisory,
    /// The project team is available for escalation only.
    EscalationOnly,
}

keyed!(SupportLevel {
    FullSupport => "full_support", "Full support";
    CriticalOnly => "critical_only", "Critical only";
    Advisory => "advisory", "Advisory";
    EscalationOnly => "escalation_only", "Escalation only";
});

impl SupportLevel {
    pub fn meaning(self) -> &'static str {
        match self {
            Self::FullSupport => "The project team handles every issue.",
            Self::CriticalOnly => "The project team handles the severities listed; the business team handles the rest.",
            Self::Advisory => "The project team is available for consultation; the business team resolves issues.",
            Self::EscalationOnly => "The business team runs support; the project team takes escalations only.",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Daily,
    EveryOtherDay,
    Weekly,
}

keyed!(Cadence {
    Daily => "daily", "Daily";
    EveryOtherDay => "every_other_day", "Every other day";
    Weekly => "weekly", "Weekly";
});

impl Cadence {
    /// Days between check-ins.
    pub fn step_days(self) -> i64 {
        match self {
            Self::Daily => 1,
            Self::EveryOtherDay => 2,
            Self::Weekly => 7,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekPlan {
    /// Stable within its list, for merging and references (see `domain::item_id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub level: SupportLevel,
    /// Severity ids the project team still handles this week (with `CriticalOnly`).
    pub project_severities: Vec<String>,
    pub cadence: Cadence,
    /// What the business team must be able to do by the end of the week.
    pub business_goal: String,
}

/// Hypercare extended beyond the charter's end date: who decided, why, until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// Stable within its list, for merging and references (see `domain::item_id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub decided_by: String,
    pub reason: String,
    pub new_end: NaiveDate,
    pub recorded_at: DateTime<Utc>,
}

/// A week kept at the previous week's level (a new critical issue late in the plan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelHold {
    /// Stable within its list, for merging and references (see `domain::item_id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub week: u32,
    pub decided_by: String,
    pub reason: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawalPlan {
    pub weeks: Vec<WeekPlan>,
    pub extensions: Vec<Extension>,
    pub holds: Vec<LevelHold>,
    /// The ownership handoff, made with the plan.
    #[serde(default)]
    pub handoff: super::handoff::Handoff,
    /// The setup wizard's step while the plan is being set up; `None` once it is a living plan.
    #[serde(default)]
    pub setup_step: Option<usize>,
}

/// Who handles an issue under a week's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handler {
    ProjectTeam,
    BusinessTeam,
    /// The business team resolves, consulting the project team.
    BusinessTeamAdvised,
    /// After hypercare: the business team, with its post-hypercare escalation path.
    BusinessOwnership,
}

impl Handler {
    pub fn name(self) -> &'static str {
        match self {
            Self::ProjectTeam => "Project team",
            Self::BusinessTeam => "Business team",
            Self::BusinessTeamAdvised => "Business team, advised by the project team",
            Self::BusinessOwnership => "Business team (after hypercare)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    ReasonRequired,
    NameRequired,
    /// An extension must move the end date later than it is now.
    NotLater,
    UnknownWeek,
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::ReasonRequired => "Write down why",
            Self::NameRequired => "Name who decided",
            Self::NotLater => "The new end date must be later than the current one",
            Self::UnknownWeek => "That week is not in the plan",
        })
    }
}

fn level_plan(weeks: u32) -> Vec<SupportLevel> {
    use SupportLevel::*;
    match weeks {
        0 => vec![],
        1 => vec![FullSupport],
        2 => vec![FullSupport, CriticalOnly],
        3 => vec![FullSupport, CriticalOnly, EscalationOnly],
        4 => vec![FullSupport, CriticalOnly, Advisory, EscalationOnly],
        // Longer plans stretch the middle: full first, escalation last.
        n => {
            let middle = n - 2;
            let critical = middle.div_ceil(2);
            std::iter::once(FullSupport)
                .chain(std::iter::repeat_n(CriticalOnly, critical as usize))
                .chain(std::iter::repeat_n(Advisory, (middle - critical) as usize))
                .chain(std::iter::once(EscalationOnly))
                .collect()
        }
    }
}

fn default_goal(level: SupportLevel, next: Option<SupportLevel>) -> String {
    match next {
        Some(SupportLevel::CriticalOnly) => {
            "Triage every issue and resolve minor ones without help.".to_owned()
        }
        Some(SupportLevel::Advisory) => {
            "Resolve important issues, asking the project team only for advice.".to_owned()
        }
        Some(SupportLevel::EscalationOnly) => {
            "Run support alone; know when and how to escalate.".to_owned()
        }
        Some(SupportLevel::FullSupport) | None => match level {
            SupportLevel::EscalationOnly => {
                "Own the system: every responsibility has a named owner and process.".to_owned()
            }
            _ => "Handle the issues this level gives the business team.".to_owned(),
        },
    }
}

impl WithdrawalPlan {
    /// The default plan for the charter's duration: levels from the article, daily check-ins
    /// in week 1, every other day in week 2, weekly after (practitioner tapering).
    pub fn generate(charter: &Charter) -> Self {
        let weeks = charter.duration_weeks.unwrap_or(4).clamp(1, 8);
        let levels = level_plan(weeks);
        let critical: Vec<String> = charter
            .severities
            .first()
            .map(|s| s.id.clone())
            .into_iter()
            .collect();
        let all: Vec<String> = charter.severities.iter().map(|s| s.id.clone()).collect();
        let weeks = levels
            .iter()
            .enumerate()
            .map(|(i, level)| WeekPlan {
                id: String::new(),
                level: *level,
                project_severities: match level {
                    SupportLevel::FullSupport => all.clone(),
                    SupportLevel::CriticalOnly => critical.clone(),
                    _ => Vec::new(),
                },
                cadence: match i {
                    0 => Cadence::Daily,
                    1 => Cadence::EveryOtherDay,
                    _ => Cadence::Weekly,
                },
                business_goal: default_goal(*level, levels.get(i + 1).copied()),
            })
            .collect();
        let mut plan = Self {
            weeks,
            extensions: Vec::new(),
            holds: Vec::new(),
            handoff: Default::default(),
            setup_step: Some(0),
        };
        plan.handoff = super::handoff::Handoff::default_for(&plan, charter);
        plan
    }

    /// The last day of hypercare: the charter's end, moved only by recorded extensions.
    pub fn end_date(&self, charter: &Charter) -> Option<NaiveDate> {
        self.extensions
            .last()
            .map(|e| e.new_end)
            .or_else(|| charter.end_date())
    }

    /// Hypercare week (1-based) of a date; weeks after the planned ones (an extension) count
    /// as the last planned week; `None` before go-live or after the end.
    pub fn week_of(&self, charter: &Charter, date: NaiveDate) -> Option<u32> {
        let go_live = charter.go_live_date()?;
        let end = self.end_date(charter)?;
        if date < go_live || date > end || self.weeks.is_empty() {
            return None;
        }
        let week = (date - go_live).num_days() / 7 + 1;
        Some((week as u32).min(self.weeks.len() as u32))
    }

    /// The level in force in a week, honouring recorded holds (a held week keeps the level of
    /// the week before it).
    pub fn level_in(&self, week: u32) -> Option<SupportLevel> {
        let index = week.checked_sub(1)? as usize;
        let planned = self.weeks.get(index)?;
        if self.holds.iter().any(|h| h.week == week) && index > 0 {
            return self.level_in(week - 1);
        }
        Some(planned.level)
    }

    /// Who handles an issue of `severity_id` reported on `date`.
    pub fn handler(
        &self,
        charter: &Charter,
        date: NaiveDate,
        severity_id: Option<&str>,
    ) -> Handler {
        let Some(week) = self.week_of(charter, date) else {
            return if charter.go_live_date().is_some_and(|g| date < g) {
                Handler::ProjectTeam
            } else {
                Handler::BusinessOwnership
            };
        };
        let index = week as usize - 1;
        let held = self.holds.iter().any(|h| h.week == week) && index > 0;
        let plan = if held {
            &self.weeks[index - 1]
        } else {
            &self.weeks[index]
        };
        match self.level_in(week) {
            Some(SupportLevel::FullSupport) => Handler::ProjectTeam,
            Some(SupportLevel::CriticalOnly)
                if severity_id.is_some_and(|s| plan.project_severities.iter().any(|p| p == s)) =>
            {
                Handler::ProjectTeam
            }
            Some(SupportLevel::CriticalOnly) => Handler::BusinessTeam,
            Some(SupportLevel::Advisory) => Handler::BusinessTeamAdvised,
            Some(SupportLevel::EscalationOnly) | None => Handler::BusinessTeam,
        }
    }

    /// The first day of a week.
    pub fn week_start(&self, charter: &Charter, week: u32) -> Option<NaiveDate> {
        Some(charter.go_live_date()? + Duration::days(i64::from(week.checked_sub(1)?) * 7))
    }

    pub fn extend(
        &mut self,
        charter: &Charter,
        decided_by: &str,
        reason: &str,
        new_end: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<(), PlanError> {
        if decided_by.trim().is_empty() {
            return Err(PlanError::NameRequired);
        }
        if reason.trim().is_empty() {
            return Err(PlanError::ReasonRequired);
        }
        if self.end_date(charter).is_some_and(|end| new_end <= end) {
            return Err(PlanError::NotLater);
        }
        self.extensions.push(Extension {
            id: String::new(),
            decided_by: decided_by.trim().to_owned(),
            reason: reason.trim().to_owned(),
            new_end,
            recorded_at: now,
        });
        Ok(())
    }

    pub fn hold(
        &mut self,
        week: u32,
        decided_by: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), PlanError> {
        if week < 2 || week as usize > self.weeks.len() {
            return Err(PlanError::UnknownWeek);
        }
        if decided_by.trim().is_empty() {
            return Err(PlanError::NameRequired);
        }
        if reason.trim().is_empty() {
            return Err(PlanError::ReasonRequired);
        }
        self.holds.push(LevelHold {
            id: String::new(),
            week,
            decided_by: decided_by.trim().to_owned(),
            reason: reason.trim().to_owned(),
            recorded_at: now,
        });
        Ok(())
    }
}
