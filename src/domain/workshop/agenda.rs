//! The three built-in agendas: what each meeting covers, in which order, for how long, and
//! what the facilitator says to keep the room on the hypercare rules. A step is identified by
//! its [`StepKind`]; its title and speaker notes come from the built-in table, so a stored
//! workshop keeps only the kind and the minutes the facilitator chose.
use serde::{Deserialize, Serialize};

use crate::domain::charter::CharterStep;
use crate::domain::triage::classify::Symptom;

/// A timebox shorter than a minute is not a step; longer than four hours is a typing mistake.
pub const MINUTES: std::ops::RangeInclusive<u32> = 1..=240;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgendaKind {
    /// Project leadership and the business agree the charter, one wizard step at a time.
    CharterWorkshop,
    /// The daily stand-up where new issues are triaged on the projector.
    TriageStandUp,
    /// The meeting that decides whether hypercare ends.
    ExitReview,
}

impl AgendaKind {
    pub const ALL: [Self; 3] = [Self::CharterWorkshop, Self::TriageStandUp, Self::ExitReview];

    pub fn name(self) -> &'static str {
        match self {
            Self::CharterWorkshop => "Charter workshop",
            Self::TriageStandUp => "Daily triage stand-up",
            Self::ExitReview => "Exit review meeting",
        }
    }

    /// The steps in order, each with its suggested minutes.
    pub fn steps(self) -> &'static [(StepKind, u32)] {
        use StepKind::*;
        match self {
            Self::CharterWorkshop => &[
                (Opening, 5),
                (Charter(CharterStep::Basics), 5),
                (Charter(CharterStep::Scope), 15),
                (Charter(CharterStep::ServiceLevels), 10),
                (Charter(CharterStep::Escalation), 7),
                (Charter(CharterStep::Routing), 8),
                (Charter(CharterStep::Review), 5),
                (Close, 5),
            ],
            Self::TriageStandUp => &[
                (BreachedAndAtRisk, 4),
                (NewIssues, 7),
                (SupportLevelToday, 2),
                (DependencySignals, 2),
            ],
            Self::ExitReview => &[
                (ExitCriteria, 15),
                (Exceptions, 10),
                (HandoffReadiness, 10),
                (Signatures, 10),
            ],
        }
    }

    /// The agenda's name in a URL: `#/engagements/<id>/present/<slug>`.
    pub fn slug(self) -> &'static str {
        match self {
            Self::CharterWorkshop => "charter-workshop",
            Self::TriageStandUp => "stand-up",
            Self::ExitReview => "exit-review",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.slug() == slug)
    }

    /// The suggested length of the whole meeting.
    pub fn suggested_minutes(self) -> u32 {
        self.steps().iter().map(|(_, m)| m).sum()
    }
}

/// What one agenda step is about. The console uses it to pick the screen to show and the
/// audience window to pick what to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Opening,
    /// One step of the charter wizard.
    Charter(CharterStep),
    Close,
    BreachedAndAtRisk,
    NewIssues,
    SupportLevelToday,
    DependencySignals,
    ExitCriteria,
    Exceptions,
    HandoffReadiness,
    Signatures,
}

impl StepKind {
    pub fn title(self) -> &'static str {
        match self {
            Self::Opening => "Opening",
            Self::Charter(step) => step.title(),
            Self::Close => "Close",
            Self::BreachedAndAtRisk => "Breached and at-risk issues",
            Self::NewIssues => "New issues, one by one",
            Self::SupportLevelToday => "Today\u{2019}s support level",
            Self::DependencySignals => "This week\u{2019}s dependency signals",
            Self::ExitCriteria => "Exit criteria",
            Self::Exceptions => "Exceptions",
            Self::HandoffReadiness => "Handoff readiness",
            Self::Signatures => "Signatures",
        }
    }

    /// The question the room answers in this step, shown on the projector.
    pub fn question(self) -> &'static str {
        match self {
            Self::Opening => "Why are we here, and what do we leave with?",
            Self::Charter(CharterStep::Basics) => "What system, from when, and for how long?",
            Self::Charter(CharterStep::Scope) => {
                "What does hypercare fix, and what does it route elsewhere?"
            }
            Self::Charter(CharterStep::ServiceLevels) => {
                "How fast must each severity get an answer?"
            }
            Self::Charter(CharterStep::Escalation) => "Who decides when the support team cannot?",
            Self::Charter(CharterStep::Routing) => "Who owns each kind of out-of-scope request?",
            Self::Charter(CharterStep::Review) => "Can project leadership approve this charter?",
            Self::Close => "What did we decide, and who does what next?",
            Self::BreachedAndAtRisk => "Which targets have we missed or are about to miss?",
            Self::NewIssues => "Stabilisation or new scope? How severe?",
            Self::SupportLevelToday => "Who handles what today?",
            Self::DependencySignals => "Is the business team taking over?",
            Self::ExitCriteria => "Which exit criteria are met, by the data?",
            Self::Exceptions => "For each unmet criterion: who owns it, and what is the plan?",
            Self::HandoffReadiness => "Can the business team run the system without us?",
            Self::Signatures => "Do the project team and the business team sign?",
        }
    }

    /// Short prompts for the facilitator, read from the console, never shown to the room.
    pub fn speaker_notes(self) -> Vec<String> {
        let fixed: &[&str] = match self {
            Self::Opening => &[
                "Hypercare is a fixed period of elevated support: it ends on a date, not when the issues stop.",
                "Today we agree the charter that every triage decision will be checked against.",
                "Decisions are typed on the screen as we make them; the notes go into the engagement.",
            ],
            Self::Charter(CharterStep::Basics) => &[
                "The article recommends 2 to 4 weeks. Longer needs a written reason.",
                "Which working hours and holidays do the clocks count?",
            ],
            Self::Charter(CharterStep::Scope) => &[
                "Stabilisation is in scope: the system does not yet work as agreed. New scope is not: it is logged and routed, never dropped.",
            ],
            Self::Charter(CharterStep::ServiceLevels) => &[
                "Start from critical 2 h, important 8 h, minor 24 h to first response.",
                "Which severities run around the clock, and which only in working hours?",
                "Can every team name an example of each severity?",
            ],
            Self::Charter(CharterStep::Escalation) => &[
                "Name a person for each level, not a team.",
                "What exactly triggers each level? A missed target, a budget need, a scope dispute?",
                "How do we reach them out of hours?",
            ],
            Self::Charter(CharterStep::Routing) => &[
                "Workflow changes go to the governance committee; process decisions to the business owner.",
                "Configuration changes go to the implementation partner; enhancements to the backlog.",
                "Who is the named contact for each, and how do requesters reach them?",
            ],
            Self::Charter(CharterStep::Review) => &[
                "Read the open problems aloud; approval waits until there are none.",
                "Who approves, in which role, and on what date?",
            ],
            Self::Close => &[
                "Read back the decisions and who recorded them.",
                "Name the owner and the date of every open action.",
                "Export the notes now and send them today.",
            ],
            Self::BreachedAndAtRisk => &[
                "Breached first, then at risk. For each: who has it, and what happens before the next stand-up?",
                "Does anything need the escalation path?",
            ],
            Self::NewIssues => &[
                "One issue at a time. Capture it, then run the triage wizard on the screen.",
            ],
            Self::SupportLevelToday => &[
                "Which support level does the plan set for today, and which severities does the project team still handle?",
                "Is anyone working on issues the plan gives the other team?",
            ],
            Self::DependencySignals => &[
                "Is the project team still working issues the plan gives the business team?",
                "If the share is not falling, hold the plan\u{2019}s level and move the work across.",
            ],
            Self::ExitCriteria => &[
                "The criteria are evaluated from the data, not ticked by hand. Read each one with its evidence.",
                "Which mandatory criteria are not met?",
            ],
            Self::Exceptions => &[
                "An exception needs an owner and a plan. It does not move the end date.",
            ],
            Self::HandoffReadiness => &[
                "Is there a named business owner in a permanent role?",
                "Has every responsibility one named owner and a documented process?",
                "Where is each responsibility on the ladder: documentation review, shadow support, observed operation, independent?",
            ],
            Self::Signatures => &[
                "One person from the project team and one from the business team; nobody signs for both.",
                "Signing freezes the hypercare record.",
            ],
        };
        let mut notes: Vec<String> = fixed.iter().map(|s| (*s).to_owned()).collect();
        if matches!(self, Self::Charter(CharterStep::Scope) | Self::NewIssues) {
            notes.extend(scope_questions());
        }
        notes
    }
}

/// The triage wizard's guided questions, each with the side of the scope line it falls on, so
/// the room hears the same test in the charter workshop as in every stand-up.
fn scope_questions() -> impl Iterator<Item = String> {
    Symptom::ALL.into_iter().map(|symptom| {
        let side = if symptom.is_scope_request() {
            "new scope, route it"
        } else {
            "stabilisation, in scope"
        };
        format!("{}? ({side})", symptom.question())
    })
}

/// Refusals when the facilitator changes a timebox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaError {
    NotANumber { step: String },
    OutOfRange { step: String, minutes: u32 },
    NoSuchStep(usize),
    AlreadyStarted,
}

impl std::fmt::Display for AgendaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotANumber { step } => {
                write!(f, "Enter the minutes for \u{201c}{step}\u{201d} as a whole number, like 10.")
            }
            Self::OutOfRange { step, minutes } => write!(
                f,
                "\u{201c}{step}\u{201d} cannot take {minutes} min: give it between {} and {} minutes.",
                MINUTES.start(),
                MINUTES.end()
            ),
            Self::NoSuchStep(index) => write!(f, "The agenda has no step {}.", index + 1),
            Self::AlreadyStarted => f.write_str(
                "The timeboxes are fixed once the workshop has started; use \u{201c}+1 min\u{201d} instead.",
            ),
        }
    }
}

/// Checks a timebox for a step, as a number.
pub fn check_minutes(step: StepKind, minutes: u32) -> Result<u32, AgendaError> {
    if MINUTES.contains(&minutes) {
        Ok(minutes)
    } else {
        Err(AgendaError::OutOfRange {
            step: step.title().to_owned(),
            minutes,
        })
    }
}

/// Checks a timebox for a step, as typed in the agenda's minutes field.
pub fn parse_minutes(step: StepKind, typed: &str) -> Result<u32, AgendaError> {
    let typed = typed.trim();
    // "10", "10 min" and "10 minutes" all mean ten minutes.
    let number = ["minutes", "mins", "min"]
        .iter()
        .find_map(|unit| typed.strip_suffix(unit))
        .unwrap_or(typed);
    let minutes = number
        .trim()
        .parse::<u32>()
        .map_err(|_| AgendaError::NotANumber {
            step: step.title().to_owned(),
        })?;
    check_minutes(step, minutes)
}
