//! Withdrawal-plan commands, read-modify-write on the stored engagement like the others.
use chrono::Utc;

use super::charter::CharterCommandError;
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
        let mut failure = None;
        let result = self.change_engagement(id, |engagement| {
            let mut next = engagement.clone();
            let Some(charter) = next.charter.in_force().cloned() else {
                failure = Some(
                    "Draft the charter first: the plan is made from its go-live date and duration."
                        .to_owned(),
                );
                return Err(CharterCommandError::Missing);
            };
            let mut plan = next.withdrawal.take().unwrap_or_default();
            if let Err(error) = change(&mut plan, &charter) {
                failure = Some(error.to_string());
                return Err(CharterCommandError::Missing);
            }
            next.withdrawal = Some(plan);
            next.updated_at = Utc::now();
            Ok(next)
        });
        match (result, failure) {
            (Ok(_), _) => Ok(()),
            (Err(_), Some(message)) => Err(message),
            (Err(error), None) => Err(error.to_string()),
        }
    }
}
