//! The words of the hypercare article as types and functions. No browser APIs, no signals and
//! no clock reads here: "now" and "today" are always parameters, so every rule is testable natively.
pub mod bounds;
#[cfg(test)]
mod bounds_tests;
pub mod charter;
pub mod engagement;
mod engagement_wire;
pub mod exit;
pub mod fingerprint;
#[cfg(test)]
pub mod fixtures;
pub mod id;
pub mod intake;
pub(crate) mod item_id;
pub mod json;
pub mod keyed;
pub mod share;
pub mod steering;
pub mod sync;
pub mod triage;
pub mod withdrawal;
pub mod words;
pub mod workshop;

pub use engagement::{Engagement, EngagementDetails, EngagementForm, FormErrors, GoLivePhase};
pub use id::EngagementId;
