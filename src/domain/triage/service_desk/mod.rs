//! Service-desk exports read every day: a CSV exported from a ServiceNow list or from Jira
//! (Service Management) becomes issues, and the next day's export of the same tickets updates
//! them. Rows are matched by the ticket's key; what changed in the service desk becomes events
//! at the ticket's updated time, and Handrail's own triage (scope, category, routing, handoff)
//! stays as the team decided it.
//!
//! - [`columns`]: which tool wrote the file, and what each column means (editable, saved).
//! - [`times`]: the tools' date formats, read in the file's zone, with daylight-saving gaps and
//!   repeats flagged rather than guessed.
//! - [`plan`]: the preview: each row new, updated (with what changed), unchanged or refused.
//! - [`apply`]: the preview made into issues and events.
pub mod apply;
pub mod columns;
pub mod plan;
pub mod times;

pub use columns::{Mapping, ServiceDeskSettings, Source, Target, TicketState};
pub use plan::{read_export, DeskPlan, Export, RowPlan};

#[cfg(test)]
mod tests;
