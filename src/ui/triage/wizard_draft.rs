//! What the triage wizard holds while someone works through it, kept in the tab's session
//! storage on every change: leaving for the queue, a reload or a crash half-way through a
//! triage must not lose a typed description, and reopening the issue resumes at the step left.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::EngagementId;
use crate::ui::draft;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WizardDraft {
    pub step: usize,
    pub furthest: usize,
    pub title: String,
    pub description: String,
    pub reporter: String,
    /// The reported time as typed, in the charter's zone.
    pub reported: String,
    pub area: String,
    pub category: String,
    pub rationale: String,
    pub severity: String,
    pub route: String,
    pub route_reason: String,
}

fn key(id: &EngagementId, number: u32) -> String {
    format!("triage:{id}:{number}")
}

pub fn load(id: &EngagementId, number: u32) -> Option<WizardDraft> {
    draft::load(&key(id, number))
}

/// Keeps `current()` in session storage whenever what it reads changes.
pub fn keep(id: &EngagementId, number: u32, current: impl Fn() -> WizardDraft + 'static) {
    let key = key(id, number);
    Effect::new(move |_| draft::save(&key, &current()));
}

/// After a confirmed triage: the draft is now the issue's own record.
pub fn clear(id: &EngagementId, number: u32) {
    draft::clear(&key(id, number));
}
