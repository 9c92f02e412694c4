//! Withdrawal-plan commands, read-modify-write on the stored engagement like the others.
use chrono::Utc;

use super::AppState;
use crate::domain::charter::Charter;
use crate::domain::withdrawal::plan::PlanError;
use crate::domain::withdrawal::WithdrawalPlan;
use crate::domain::EngagementId;

impl AppState {
    /// Makes the plan from the charter in force (the default levels for its duration).
    pub fn create_plan(&self, id: &EngagementId) -> Result<(), String> {
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
    ) -> Result<(), String> {
        self.change_engagement::<String>(id, |engagement| {
            let mut next = engagement.clone();
            let charter = next.charter.in_force().cloned().ok_or_else(|| {
                "Draft the charter first: the plan is made from its go-live date and duration."
                    .to_owned()
            })?;
            let mut plan = next.withdrawal.take().unwrap_or_default();
            change(&mut plan, &charter).map_err(|e| e.to_string())?;
            next.withdrawal = Some(plan);
            next.updated_at = Utc::now();
            Ok(next)
        })
        .map(|_| ())
    }
}
