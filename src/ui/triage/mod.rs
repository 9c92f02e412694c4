//! The triage screens: the queue with quick capture, one issue with its triage wizard, clocks,
//! actions and history.
mod business_update;
mod capture;
mod clocks;
mod csv_tools;
mod filters;
mod issue;
mod queue;
mod ticket;
mod wizard;
mod wizard_draft;
mod wizard_steps;

pub use issue::IssuePage;
pub use queue::TriageQueue;
pub use wizard::IssueTriageWizard;
