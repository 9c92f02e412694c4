//! What the triage commands refuse, and the one rule about when an issue can have been reported.
use chrono::{DateTime, Utc};

use super::status::Status;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TriageError {
    EmptyTitle,
    NotTriaged,
    UnknownCategory,
    UnknownSeverity,
    /// An override of the charter's routing needs a reason.
    ReasonRequired,
    /// Transfer needs both an owner and a resolution plan.
    TransferIncomplete,
    /// The status does not apply to this kind of issue.
    StatusNotAllowed(Status),
    /// A report cannot come from the future: the clocks would count from a time not yet come.
    ReportedInFuture,
    /// Before 1970 or after 2200 (see `domain::bounds`): a typing slip, not a report.
    ReportedOutOfBounds,
    /// Issue numbers stop at `bounds::MAX_NUMBER`.
    NumbersExhausted,
    /// An update to the business needs its text (what they were told).
    EmptyUpdate,
}

/// How far ahead of the device clock a reported time may be: devices' clocks drift by a few
/// minutes, and a report typed "now" on one device may read a minute ahead on another.
pub const REPORT_TOLERANCE_MINUTES: i64 = 5;

/// Refuses a reported time more than a few minutes ahead of `now`.
pub fn check_reported_at(
    reported_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), TriageError> {
    if !crate::domain::bounds::year_allowed(i64::from(chrono::Datelike::year(&reported_at))) {
        Err(TriageError::ReportedOutOfBounds)
    } else if reported_at > now + chrono::Duration::minutes(REPORT_TOLERANCE_MINUTES) {
        Err(TriageError::ReportedInFuture)
    } else {
        Ok(())
    }
}

impl std::fmt::Display for TriageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::EmptyTitle => f.write_str("Give the issue a title"),
            Self::NotTriaged => f.write_str("Triage the issue first"),
            Self::UnknownCategory => f.write_str("Choose a category from the charter"),
            Self::UnknownSeverity => f.write_str("Choose a severity from the charter"),
            Self::ReasonRequired => f.write_str("Say why"),
            Self::TransferIncomplete => {
                f.write_str("Name the owner in the business team and write the resolution plan")
            }
            Self::ReportedInFuture => f.write_str(
                "The reported time is in the future: give the time the user reported it",
            ),
            Self::ReportedOutOfBounds => write!(
                f,
                "The reported time must be between {} and {}",
                crate::domain::bounds::EARLIEST_YEAR,
                crate::domain::bounds::LATEST_YEAR
            ),
            Self::NumbersExhausted => write!(
                f,
                "This engagement has used every issue number up to {}: start a new engagement",
                crate::domain::bounds::MAX_NUMBER
            ),
            Self::EmptyUpdate => f.write_str("Write what the business was told"),
            Self::StatusNotAllowed(status) => write!(
                f,
                "\u{201c}{}\u{201d} does not apply to this issue",
                status.name()
            ),
        }
    }
}
