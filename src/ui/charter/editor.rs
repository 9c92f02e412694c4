//! The wizard's working copy of the draft. It lives above the step switcher (a step's own
//! signals would be disposed when the step changes), saves every change at once, and notices
//! when another tab saved the same engagement.
use leptos::prelude::*;

use crate::domain::charter::problems::Problem;
use crate::domain::charter::{problems, Charter, CharterDraft, CharterStep};
use crate::domain::EngagementId;
use crate::state::charter::CharterCommandError;
use crate::state::AppState;
use crate::storage::{Record, SaveError};

#[derive(Clone, Copy)]
pub struct DraftEditor {
    pub draft: RwSignal<CharterDraft>,
    /// The engagement revision the working copy is based on.
    base: RwSignal<u64>,
    id: StoredValue<EngagementId>,
    /// Steps whose problems are shown beside their fields (after trying to leave them).
    pub shown: RwSignal<Vec<CharterStep>>,
    pub problems: Memo<Vec<Problem>>,
    /// A message about saving: another tab's change, or a failed save.
    pub notice: RwSignal<Option<String>>,
}

impl DraftEditor {
    pub fn new(record: &Record) -> Option<Self> {
        let draft = RwSignal::new(record.engagement.charter.draft.clone()?);
        Some(Self {
            draft,
            base: RwSignal::new(record.revision),
            id: StoredValue::new(record.engagement.id.clone()),
            shown: RwSignal::new(Vec::new()),
            problems: Memo::new(move |_| draft.with(|d| problems(&d.charter))),
            notice: RwSignal::new(None),
        })
    }

    pub fn id(&self) -> EngagementId {
        self.id.get_value()
    }

    /// Takes in a save made elsewhere (another tab), unless it is our own.
    pub fn follow(&self, record: &Record) {
        if record.revision == self.base.get_untracked() {
            return;
        }
        if let Some(stored) = record.engagement.charter.draft.clone() {
            let step = self.draft.with_untracked(|d| d.step);
            self.draft.set(CharterDraft { step, ..stored });
            self.base.set(record.revision);
            self.notice.set(Some("This charter was just changed in another tab or window; you are seeing the latest version.".to_owned()));
        }
    }

    pub fn edit(&self, change: impl FnOnce(&mut Charter)) {
        self.edit_draft(|d| change(&mut d.charter));
    }

    /// Applies a change to the working copy and saves it at once.
    pub fn edit_draft(&self, change: impl FnOnce(&mut CharterDraft)) {
        self.draft.update(change);
        let state = AppState::get();
        let draft = self.draft.get_untracked();
        match state.save_charter_draft(&self.id(), self.base.get_untracked(), draft) {
            Ok(revision) => {
                self.base.set(revision);
                if self
                    .notice
                    .with_untracked(|n| n.as_deref().is_some_and(|n| n.starts_with("Not saved")))
                {
                    self.notice.set(None);
                }
            }
            Err(CharterCommandError::Save(SaveError::Conflict {
                stored: Some(stored),
            })) => {
                if let Some(latest) = stored.engagement.charter.draft.clone() {
                    self.draft.set(latest);
                }
                self.base.set(stored.revision);
                self.notice.set(Some("Not saved: this charter was changed in another tab or window meanwhile. You are now seeing that version; make your last change again.".to_owned()));
            }
            // The change stays on screen (nothing typed is lost) and the app-wide banner
            // offers a backup when storage is full.
            Err(error) => self.notice.set(Some(format!("Not saved: {error}"))),
        }
    }

    /// The problem of `field`, once its step's problems are shown.
    pub fn error(&self, field: impl Into<String>) -> Signal<Option<String>> {
        let field = field.into();
        let (problems, shown) = (self.problems, self.shown);
        Signal::derive(move || {
            problems.with(|list| {
                list.iter()
                    .find(|p| p.field == field && shown.with(|s| s.contains(&p.step)))
                    .map(|p| p.message.clone())
            })
        })
    }

    pub fn text(&self, read: fn(&Charter) -> String) -> Signal<String> {
        let draft = self.draft;
        Signal::derive(move || draft.with(|d| read(&d.charter)))
    }

    pub fn step(&self) -> CharterStep {
        self.draft.with_untracked(|d| d.step)
    }

    pub fn show_problems_of(&self, step: CharterStep) {
        self.shown.update(|s| {
            if !s.contains(&step) {
                s.push(step);
            }
        });
    }

    /// Opens `step`, remembering the furthest step reached.
    pub fn go_to(&self, step: CharterStep) {
        self.edit_draft(|d| {
            d.step = step;
            d.furthest = d.furthest.max(step);
        });
    }
}

/// "3 h", "none": hours fields as the inputs show them.
pub fn hours_text(value: Option<u32>) -> String {
    value.map(|h| h.to_string()).unwrap_or_default()
}

/// Whole positive numbers only; anything else is "not set".
pub fn parse_hours(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}
