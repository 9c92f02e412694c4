//! The one error every state command returns, and how it reads. Views show it; the few that
//! act on a kind of failure (a conflict to resolve, a problem to put beside its field) match
//! on it, and none of them needs to know how storage works.
use std::fmt;

use super::SavedEngagement;
use crate::domain::charter::problems::Problem as CharterProblem;
use crate::domain::charter::CharterError;
use crate::domain::triage::TriageError;
use crate::domain::withdrawal::plan::PlanError;
use crate::storage::{SaveError, StorageError};

/// One thing the domain refused, with the id of the input it is about when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn new(message: impl fmt::Display) -> Self {
        Self {
            field: None,
            message: message.to_string(),
        }
    }

    pub fn at(field: impl Into<String>, message: impl fmt::Display) -> Self {
        Self {
            field: Some(field.into()),
            message: message.to_string(),
        }
    }
}

/// Why a command did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandError {
    /// The domain refused the change; each problem says what to fix.
    Invalid(Vec<Problem>),
    /// Another tab or window saved this engagement after it was read here. `stored` is what
    /// storage holds now (`None`: it was deleted), so the user can see both sides.
    Conflict {
        stored: Option<Box<SavedEngagement>>,
    },
    /// The exit review is signed: the hypercare record can only be read.
    Frozen,
    /// The engagement or the issue no longer exists in this browser.
    Missing,
    /// The browser's storage for Handrail is full: nothing was written.
    StorageFull,
    /// Storage could not be used (blocked, private mode) or refused to keep damaged data.
    StorageFailed(String),
    /// The browser refused something that is not storage (a download); the text says what,
    /// as the end of a sentence ("The backup could not be downloaded: …").
    BrowserRefused(String),
    /// The team database did not do what was asked (team sync): unreachable, a wrong password,
    /// no access, or an answer it should not give.
    TeamDatabase(crate::sync::couch::CouchError),
}

impl CommandError {
    /// One problem without a field.
    pub fn invalid(message: impl fmt::Display) -> Self {
        Self::Invalid(vec![Problem::new(message)])
    }

    /// The message for the input `field`, if a problem is about it.
    pub fn problem_at(&self, field: &str) -> Option<String> {
        match self {
            Self::Invalid(problems) => problems
                .iter()
                .find(|p| p.field.as_deref() == Some(field))
                .map(|p| p.message.clone()),
            _ => None,
        }
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid(problems) => {
                let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
                f.write_str(&messages.join(" "))
            }
            Self::Conflict { stored: Some(_) } => f.write_str(
                "This engagement was changed in another tab or window after you opened it.",
            ),
            Self::Conflict { stored: None } => {
                f.write_str("This engagement was deleted in another tab or window.")
            }
            Self::Frozen => f.write_str(
                "The exit review is signed: this engagement\u{2019}s hypercare record is frozen and can only be read.",
            ),
            Self::Missing => f.write_str("This no longer exists in this browser."),
            Self::StorageFull => StorageError::Full.fmt(f),
            Self::StorageFailed(message) => f.write_str(message),
            Self::BrowserRefused(message) => f.write_str(message),
            Self::TeamDatabase(error) => error.fmt(f),
        }
    }
}

impl From<crate::sync::couch::CouchError> for CommandError {
    fn from(error: crate::sync::couch::CouchError) -> Self {
        Self::TeamDatabase(error)
    }
}

impl From<StorageError> for CommandError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::Full => Self::StorageFull,
            other => Self::StorageFailed(other.to_string()),
        }
    }
}

impl From<SaveError> for CommandError {
    fn from(error: SaveError) -> Self {
        match error {
            SaveError::Storage(error) => error.into(),
            SaveError::Conflict { stored } => Self::Conflict {
                stored: stored.map(|r| Box::new(SavedEngagement::from(*r))),
            },
            unreadable @ SaveError::Unreadable(..) => Self::StorageFailed(unreadable.to_string()),
            too_far @ SaveError::OutOfBounds(_) => Self::invalid(too_far),
            interrupted @ SaveError::Interrupted => Self::invalid(interrupted),
        }
    }
}

impl From<TriageError> for CommandError {
    fn from(error: TriageError) -> Self {
        let field = match error {
            TriageError::EmptyTitle => Some("issue-title"),
            TriageError::ReportedInFuture | TriageError::ReportedOutOfBounds => {
                Some("issue-reported")
            }
            TriageError::UnknownCategory => Some("issue-category"),
            TriageError::UnknownSeverity => Some("issue-severity"),
            _ => None,
        };
        Self::Invalid(vec![Problem {
            field: field.map(str::to_owned),
            message: error.to_string(),
        }])
    }
}

impl From<PlanError> for CommandError {
    fn from(error: PlanError) -> Self {
        Self::invalid(error)
    }
}

impl From<CharterProblem> for Problem {
    fn from(problem: CharterProblem) -> Self {
        Self::at(problem.field, problem.message)
    }
}

/// Input ids of the approval form, for the approval's own problems.
pub const APPROVAL_FIELDS: [&str; 3] = ["approval-name", "approval-role", "approval-date"];

impl From<CharterError> for CommandError {
    fn from(error: CharterError) -> Self {
        match error {
            CharterError::OpenProblems(list) => {
                Self::Invalid(list.into_iter().map(Problem::from).collect())
            }
            CharterError::Approval { name, role, date } => Self::Invalid(
                APPROVAL_FIELDS
                    .iter()
                    .zip([name, role, date])
                    .filter_map(|(field, message)| message.map(|m| Problem::at(*field, m)))
                    .collect(),
            ),
            other => Self::invalid(other),
        }
    }
}
