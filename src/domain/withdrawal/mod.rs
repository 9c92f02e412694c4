//! Progressive withdrawal: the project team steps back week by week (full support, critical
//! only, advisory, escalation only) so the business team builds the capability to own the
//! system, and hypercare ends on a fixed date. Changes to that are recorded decisions.
pub mod handled_by;
pub mod handoff;
pub mod ics;
pub mod plan;
pub mod signals;

pub use plan::{Cadence, Extension, Handler, LevelHold, SupportLevel, WeekPlan, WithdrawalPlan};

#[cfg(test)]
mod tests;
