//! Intake: the business reports its own issues. A reporter's phone fills in a short form
//! ([`Report`]) on the report page, which an [`Invitation`] (the report link) tells about the
//! engagement; the report travels back sealed for the hypercare team (`wire`), and the team adds
//! it to triage as a new issue ([`adding`]), then tells the reporter how it stands ([`status`]).
//!
//! Everything here is plain data and rules. The sealing itself (WebCrypto) is `crate::intake`.
pub mod adding;
pub mod inbox;
pub mod invitation;
pub mod report;
pub mod settings;
pub mod status;
pub mod wire;

pub use invitation::Invitation;
pub use report::{Report, ReportField};
pub use status::StatusNote;

/// The name a report's issue gives its source, where a service-desk ticket names its desk.
pub const SOURCE: &str = "Report form";

#[cfg(test)]
mod tests;
