//! Steering report commands (issue 26): prepare a report for a period, keep what the lead
//! types, and issue it: compiled and frozen at the issue instant, in one save.
use chrono::Utc;

use super::zone::BrowserZones;
use super::{AppState, CommandError};
use crate::domain::steering::{compile, period, PeriodChoice, Sources, SteeringFile};
use crate::domain::{Engagement, EngagementId};

/// The engagement's reports, or why they cannot be read (then nothing is written over them).
fn file_of(engagement: &Engagement) -> Result<SteeringFile, CommandError> {
    SteeringFile::of(engagement.steering.as_ref()).map_err(CommandError::invalid)
}

impl AppState {
    /// Runs `change` on the engagement's reports and saves them with the engagement.
    fn change_steering(
        &self,
        id: &EngagementId,
        change: impl FnOnce(&mut SteeringFile, &Engagement) -> Result<(), CommandError>,
    ) -> Result<(), CommandError> {
        self.change_engagement(id, |engagement| {
            let mut file = file_of(engagement)?;
            change(&mut file, engagement)?;
            file.keep_in(&mut engagement.steering);
            Ok(())
        })
        .map(|_| ())
    }

    /// Starts a report for `choice`, or moves the one being prepared to it.
    pub fn prepare_steering(
        &self,
        id: &EngagementId,
        choice: PeriodChoice,
    ) -> Result<(), CommandError> {
        let by = self.author(id);
        self.change_steering(id, |file, _| {
            file.prepare(choice, &by, Utc::now());
            Ok(())
        })
    }

    /// Keeps what the lead typed in the report being prepared.
    pub fn save_steering_text(
        &self,
        id: &EngagementId,
        decisions: &str,
        risks: &str,
    ) -> Result<(), CommandError> {
        self.change_steering(id, |file, _| {
            let draft = file.draft_mut().ok_or(CommandError::Missing)?;
            draft.decisions = decisions.to_owned();
            draft.risks = risks.to_owned();
            Ok(())
        })
    }

    /// Drops the report being prepared (issued reports are never dropped).
    pub fn discard_steering_draft(&self, id: &EngagementId) -> Result<(), CommandError> {
        self.change_steering(id, |file, _| {
            file.reports.retain(|r| r.issued.is_some());
            Ok(())
        })
    }

    /// Issues the report being prepared: compiled from the data as stored at this instant,
    /// compared with the latest issued report, frozen. Returns its number.
    pub fn issue_steering(&self, id: &EngagementId) -> Result<u32, CommandError> {
        let by = self.author(id);
        let mut number = 0;
        self.change_steering(id, |file, engagement| {
            let charter = engagement.charter.in_force().ok_or_else(|| {
                CommandError::invalid("Approve the charter first: the report measures against it.")
            })?;
            let choice = file.draft().ok_or(CommandError::Missing)?.period;
            let plan = engagement.withdrawal.as_ref();
            let period = period(choice, charter, plan, &BrowserZones).ok_or_else(|| {
                CommandError::invalid("That period is not one of this hypercare's: choose another.")
            })?;
            let sources = Sources {
                name: engagement.name(),
                issues: &engagement.issues,
                charter,
                plan,
                criteria: &engagement.exit_criteria,
                rules: &BrowserZones,
            };
            let now = Utc::now();
            let figures = compile(&sources, &period, now);
            number = file.issue(figures, &by, now).ok_or(CommandError::Missing)?;
            Ok(())
        })?;
        Ok(number)
    }
}
