//! The wizard's working copy of the draft. It lives above the step switcher (a step's own
//! signals would be disposed when the step changes), saves every change at once, and notices
//! when another tab saved the same engagement.
use leptos::prelude::*;

use crate::domain::charter::problems::Problem;
use crate::domain::charter::{
    problems, Charter, CharterDraft, CharterStep, ScopeCategory, SeverityLevel,
};
use crate::domain::{Engagement, EngagementId};
use crate::state::SavedEngagement;
use crate::ui::working_copy::{Part, WorkingCopy};

/// The charter draft as a part of the engagement. Writing it back also lets the engagement's
/// system and go-live follow the draft's (see `Engagement::edit_charter_draft`).
const DRAFT: Part<CharterDraft> = Part {
    read: |e: &Engagement| e.charter.draft.clone(),
    write: |e: &mut Engagement, draft: CharterDraft| {
        if let Some(next) = e.edit_charter_draft(e.updated_at, |d| *d = draft) {
            *e = next;
        }
    },
};

/// An item of a charter list that is edited in place and found by its id, stable across
/// renames (scope categories, severity levels).
pub trait ListItem: 'static {
    fn id(&self) -> &str;
}

impl ListItem for ScopeCategory {
    fn id(&self) -> &str {
        &self.id
    }
}

impl ListItem for SeverityLevel {
    fn id(&self) -> &str {
        &self.id
    }
}

#[derive(Clone, Copy)]
pub struct DraftEditor {
    copy: WorkingCopy<CharterDraft>,
    pub draft: RwSignal<CharterDraft>,
    /// Steps whose problems are shown beside their fields (after trying to leave them).
    pub shown: RwSignal<Vec<CharterStep>>,
    pub problems: Memo<Vec<Problem>>,
    /// A message about saving: another tab's change, or a failed save.
    pub notice: RwSignal<Option<String>>,
}

impl DraftEditor {
    pub fn new(record: &SavedEngagement) -> Option<Self> {
        let copy = WorkingCopy::new(record, DRAFT)?;
        let draft = copy.value;
        Some(Self {
            copy,
            draft,
            shown: RwSignal::new(Vec::new()),
            problems: Memo::new(move |_| draft.with(|d| problems(&d.charter))),
            notice: copy.notice,
        })
    }

    pub fn id(&self) -> EngagementId {
        self.copy.id()
    }

    /// Takes in a save made elsewhere (another tab), unless it is our own; the wizard stays
    /// on the step it shows.
    pub fn follow(&self, record: &SavedEngagement) {
        self.copy.follow(record, |mine, stored| CharterDraft {
            step: mine.step,
            ..stored
        });
    }

    pub fn edit(&self, change: impl FnOnce(&mut Charter)) {
        self.edit_draft(|d| change(&mut d.charter));
    }

    /// Applies a change to the working copy and saves it at once.
    pub fn edit_draft(&self, change: impl FnOnce(&mut CharterDraft)) {
        self.copy.edit(change);
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

    /// A text of the item `id` of the list `items`, read by `read` (empty once it is removed).
    pub fn item_text<T: ListItem>(
        &self,
        items: fn(&Charter) -> &[T],
        id: &str,
        read: fn(&T) -> String,
    ) -> Signal<String> {
        let (draft, id) = (self.draft, id.to_owned());
        Signal::derive(move || {
            draft.with(|d| {
                items(&d.charter)
                    .iter()
                    .find(|item| item.id() == id)
                    .map(read)
                    .unwrap_or_default()
            })
        })
    }

    /// Writes what is typed into the item `id` of the list `items` with `write`.
    pub fn item_edit<T: ListItem>(
        &self,
        items: fn(&mut Charter) -> &mut [T],
        id: &str,
        write: fn(&mut T, String),
    ) -> Callback<String> {
        let (editor, id) = (*self, id.to_owned());
        Callback::new(move |value: String| {
            editor.edit(|c| {
                if let Some(item) = items(c).iter_mut().find(|item| item.id() == id) {
                    write(item, value)
                }
            })
        })
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
