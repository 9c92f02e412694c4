//! Issue triage: what users report, classified as stabilisation (in scope) or scope (out of
//! scope), given a severity, tracked against the charter's service levels, and routed when it
//! does not belong in hypercare. Every change is an event; everything else is derived.
mod change_wire;
pub mod classify;
pub mod clock;
pub mod csv;
pub mod encoding;
mod error;
mod event_id;
pub mod form;
pub mod issue;
pub mod queue;
pub mod service_desk;
mod status;
pub mod update_clock;
pub mod warning;
pub mod zone;

pub use clock::{ClockState, IssueClock};
pub use event_id::content_id;
pub(crate) use event_id::stable_id;
pub use issue::{Change, Issue, IssueEvent, IssueView, Status, Team, Triage, TriageError};
pub use zone::ZoneRules;

#[cfg(test)]
mod csv_tests;
#[cfg(test)]
mod due_tests;
#[cfg(test)]
mod tests;
