//! What the facilitator types in the console, kept as it is typed: a reload, a closed window
//! or the step moving on under the cursor (a clicker, the audience window) must not drop it.
//! Drafts live in the tab's session storage on every keystroke; notes also reach the
//! engagement shortly after typing stops. A decision draft belongs to its step only.
use serde::{Deserialize, Serialize};

use crate::domain::workshop::Workshop;
use crate::domain::EngagementId;
use crate::ui::draft;

/// A step's key for drafts: its stable id, or its place for records from before step ids.
pub fn step_key(workshop: &Workshop, index: usize) -> String {
    workshop
        .steps
        .get(index)
        .map(|s| s.id.clone())
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| index.to_string())
}

fn notes_key(id: &EngagementId, number: u32, step: &str) -> String {
    format!("ws-notes:{id}:{number}:{step}")
}

pub fn load_notes(id: &EngagementId, number: u32, step: &str) -> Option<String> {
    draft::load(&notes_key(id, number, step))
}

pub fn save_notes(id: &EngagementId, number: u32, step: &str, text: &str) {
    draft::save(&notes_key(id, number, step), &text);
}

pub fn clear_notes(id: &EngagementId, number: u32, step: &str) {
    draft::clear(&notes_key(id, number, step));
}

#[derive(Serialize, Deserialize)]
struct DecisionDraft {
    step: String,
    text: String,
}

fn decision_key(id: &EngagementId, number: u32) -> String {
    format!("ws-decision:{id}:{number}")
}

/// The decision typed in `step`; a draft left in another step is dropped.
pub fn load_decision(id: &EngagementId, number: u32, step: &str) -> String {
    match draft::load::<DecisionDraft>(&decision_key(id, number)) {
        Some(d) if d.step == step => d.text,
        Some(_) => {
            clear_decision(id, number);
            String::new()
        }
        None => String::new(),
    }
}

pub fn save_decision(id: &EngagementId, number: u32, step: &str, text: &str) {
    if text.is_empty() {
        clear_decision(id, number);
    } else {
        let d = DecisionDraft {
            step: step.to_owned(),
            text: text.to_owned(),
        };
        draft::save(&decision_key(id, number), &d);
    }
}

pub fn clear_decision(id: &EngagementId, number: u32) {
    draft::clear(&decision_key(id, number));
}
