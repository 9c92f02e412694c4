//! The Leptos views. Pages call the domain and `state`; they never re-implement a rule.
mod app;
mod banners;
mod charter;
pub mod components;
pub mod dom;
pub mod draft;
mod exit;
pub mod format;
mod intake;
// Code splitting: screens, and the team sync loop in `state::sync`, load their code on demand.
pub(crate) mod lazy;
pub mod pages;
mod parts;
mod plan;
pub mod pwa;
pub mod router;
mod service_desk;
pub(crate) mod share;
mod steering;
mod sync;
mod triage;
mod warnings;
mod working_copy;
pub mod workshop;
mod workshop_record;
mod your_name;

pub use app::App;
