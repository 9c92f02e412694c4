//! Withdrawal-plan commands, read-modify-write on the stored engagement like the others.
use super::{AppState, CommandError};
use crate::domain::charter::Charter;
use crate::domain::withdrawal::plan::PlanError;
use crate::domain::withdrawal::WithdrawalPlan;
use crate::domain::EngagementId;

impl AppState {
    /// Makes the plan from the charter in force (the default levels for its duration).
    pub fn create_plan(&self, id: &EngagementId) -> Result<(), CommandError> {
        self.change_plan(id, |plan, charter| {
            *plan = WithdrawalPlan::generate(charter);
            Ok(())
        })
    }

    /// Applies one change to the plan and saves it.
    pub fn change_plan(
        &self,
        id: &EngagementId,
        change: impl FnOnce(&mut WithdrawalPlan, &Charter) -> Result<(), PlanError>,
    ) -> Result<(), CommandError> {
        self.change_engagement(id, |engagement| {
            let charter = engagement.charter.in_force().cloned().ok_or_else(|| {
                CommandError::invalid(
                    "Draft the charter first: the plan is made from its go-live date and duration.",
                )
            })?;
            let mut plan = engagement.withdrawal.take().unwrap_or_default();
            change(&mut plan, &charter)?;
            engagement.withdrawal = Some(plan);
            Ok(())
        })
        .map(|_| ())
    }
}
