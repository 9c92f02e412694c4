//! The charter screens: the wizard (one file per step), the charter document and its exports.
mod basics;
mod document;
mod editor;
mod escalation;
mod matrix;
mod review;
mod routing;
mod sample_note;
mod scope;
mod sections;
mod service_levels;
mod wizard;

pub use document::{CharterDocument, CharterRevisionPage};
pub use sections::{CharterSections, SignatureBlock};
pub use wizard::CharterWizard;
