//! Intake in the browser: sealing a report for the hypercare team and opening it again, with
//! WebCrypto. The rules and the links' bytes are `domain::intake`.
pub mod seal;
