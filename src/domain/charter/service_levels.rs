//! Severity levels and their response and resolution targets.
use serde::{Deserialize, Serialize};

use crate::domain::triage::classify::Level;

/// How a level's clock counts: only in the calendar's working hours, or around the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockMode {
    WorkingHours,
    AroundTheClock,
}

impl ClockMode {
    pub fn describe(self) -> &'static str {
        match self {
            Self::WorkingHours => "working hours",
            Self::AroundTheClock => "around the clock (24x7)",
        }
    }
}

/// A cell of the severity matrix (impact x urgency) that the charter set to another level than
/// the graded default (`triage::classify::suggest_severity`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixCell {
    pub impact: Level,
    pub urgency: Level,
    /// The id of one of the charter's severity levels.
    pub severity: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityLevel {
    /// Stable across renames.
    pub id: String,
    pub name: String,
    /// What makes an issue this severe, for the people triaging.
    pub meaning: String,
    /// Hours until a first response; `None` while the field is empty or not a whole number.
    pub response_hours: Option<u32>,
    /// Optional target for resolution.
    pub resolution_hours: Option<u32>,
    pub clock: ClockMode,
    /// The share of a target at which its clock turns "at risk" and warns, in percent (1-99);
    /// `None`: the usual 75 %. A second warning always falls at the breach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_percent: Option<u8>,
    /// Keeping the business informed: while an issue of this level is open, an update to the
    /// business is due this many hours (counted like its clocks) after the report or the last
    /// update. `None`: no cadence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_hours: Option<u32>,
}

impl SeverityLevel {
    /// The warning point of this level's targets, in percent of the target.
    pub fn warn_at(&self) -> i64 {
        self.warn_percent
            .filter(|p| (1..=99).contains(p))
            .map_or(crate::domain::triage::clock::AT_RISK_PERCENT, i64::from)
    }
}

/// The article's targets: critical 2 h, important 8 h, minor 24 h. Resolution targets follow
/// common service-desk tables (8 h; 3 and 5 working days of 8 h).
pub fn default_severities() -> Vec<SeverityLevel> {
    let level = |id: &str, name: &str, meaning: &str, response, resolution, clock| SeverityLevel {
        id: id.to_owned(),
        name: name.to_owned(),
        meaning: meaning.to_owned(),
        response_hours: Some(response),
        resolution_hours: Some(resolution),
        clock,
        warn_percent: None,
        update_hours: None,
    };
    let mut levels = vec![
        level("critical", "Critical", "Business stopped: many users cannot work, or money, data or customers are at risk, with no workaround.", 2, 8, ClockMode::AroundTheClock),
        level("important", "Important", "A key process is impaired for a team, or a workaround is painful.", 8, 24, ClockMode::WorkingHours),
        level("minor", "Minor", "An inconvenience with a reasonable workaround, or a single user affected.", 24, 40, ClockMode::WorkingHours),
    ];
    // A business stopped wants to hear every two hours, not only when it is fixed.
    levels[0].update_hours = Some(2);
    levels
}

/// "Critical: every 2 hours; Important: every 4 hours", over the levels with an update
/// cadence; `None` when none has one (the charter then says nothing about it).
pub fn update_cadences(levels: &[SeverityLevel]) -> Option<String> {
    let parts: Vec<String> = levels
        .iter()
        .filter_map(|level| {
            let every = match level.update_hours.filter(|h| *h > 0)? {
                1 => "every hour".to_owned(),
                h => format!("every {h} hours"),
            };
            Some(format!("{}: {every}", level.name.trim()))
        })
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "Keeping the business informed: while an issue is open, an update from the first response on, {}.",
            parts.join("; ")
        )
    })
}

pub fn new_severity_id(existing: &[SeverityLevel]) -> String {
    (1..)
        .map(|n| format!("level-{n}"))
        .find(|id| !existing.iter().any(|s| &s.id == id))
        .unwrap_or_default()
}
