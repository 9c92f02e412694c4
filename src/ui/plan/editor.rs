//! The plan's working copy, shared by every plan editor on the page through context: the
//! weeks, the decisions and the handoff all change the same copy, saved at once and based on
//! the revision it started from, like the charter draft.
use leptos::prelude::*;

use crate::domain::charter::Charter;
use crate::domain::withdrawal::plan::PlanError;
use crate::domain::withdrawal::WithdrawalPlan;
use crate::domain::Engagement;
use crate::state::{CommandError, SavedEngagement};
use crate::ui::working_copy::{Part, WorkingCopy};

const PLAN: Part<WithdrawalPlan> = Part {
    read: |e: &Engagement| e.withdrawal.clone(),
    write: |e: &mut Engagement, plan: WithdrawalPlan| e.withdrawal = Some(plan),
};

#[derive(Clone, Copy)]
pub struct PlanEditor {
    copy: WorkingCopy<WithdrawalPlan>,
    charter: Memo<Option<Charter>>,
    /// The engagement as the plan's views show it: stored, with the working copy's plan.
    pub shown: Memo<SavedEngagement>,
}

impl PlanEditor {
    /// Starts editing the plan of `record` (which must have one) and provides the editor to
    /// the plan's views; it follows saves made in other tabs.
    pub fn provide(record: Signal<SavedEngagement>) -> Option<Self> {
        let copy = record.with_untracked(|r| WorkingCopy::new(r, PLAN))?;
        let charter = Memo::new(move |_| record.with(|r| r.engagement.charter.in_force().cloned()));
        let shown = Memo::new(move |_| {
            let mut shown = record.get();
            shown.engagement.withdrawal = Some(copy.value.get());
            shown
        });
        Effect::new(move |_| record.with(|r| copy.follow(r, |_, stored| stored)));
        let editor = Self {
            copy,
            charter,
            shown,
        };
        provide_context(editor);
        Some(editor)
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// A save that did not go through, or another tab's change taken in.
    pub fn notice(&self) -> Option<String> {
        self.copy.notice.get()
    }

    /// Applies a change the plan's rules may refuse; a refusal changes nothing. A failed save
    /// keeps the change on screen and shows the notice.
    pub fn change(
        &self,
        change: impl FnOnce(&mut WithdrawalPlan, &Charter) -> Result<(), PlanError>,
    ) -> Result<(), CommandError> {
        let charter = self.charter.get_untracked().ok_or_else(|| {
            CommandError::invalid(
                "Draft the charter first: the plan is made from its go-live date and duration.",
            )
        })?;
        self.copy.try_edit(|plan| change(plan, &charter))?;
        Ok(())
    }

    /// For changes that cannot be refused.
    pub fn edit(&self, change: impl FnOnce(&mut WithdrawalPlan)) {
        self.copy.edit(change);
    }
}
