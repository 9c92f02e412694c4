//! Handrail: the facilitator's tool for the hypercare period after a CRM/ERP go-live.
//!
//! Data flows one way: `domain` (plain Rust rules, tested natively) → `state` (the live data for
//! the views, the only caller of `storage`) → `ui` (Leptos views).
pub mod domain;
pub mod intake;
pub mod report_page;
pub mod route;
pub mod share;
pub mod storage;

pub mod state;
pub mod sync;
pub mod ui;
pub mod web_crypto;

#[cfg(test)]
mod fuzz_tests;
