//! Triage commands. Like the charter's, each applies one domain change to the engagement as
//! stored now and saves it, so another tab's change is never written over.
use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::{AppState, CommandError};
use crate::domain::charter::Charter;
use crate::domain::triage::{Issue, TriageError};
use crate::domain::EngagementId;
use crate::storage::meta::Meta;

impl AppState {
    pub fn your_name(&self) -> String {
        self.meta.with_untracked(|m| m.your_name.clone())
    }

    pub fn set_your_name(&self, name: String) {
        let meta = Meta {
            your_name: name.trim().to_owned(),
            ..self.meta.get_untracked()
        };
        self.keep_meta(
            meta,
            "Your name is used for this visit only: it could not be stored.",
        );
    }

    /// Quick capture: logs an untriaged issue with just a title. Returns its number.
    pub fn log_issue(&self, id: &EngagementId, title: &str) -> Result<u32, CommandError> {
        let by = self.author(id);
        let damaged = self.damaged_issue_numbers(id);
        let mut number = 0;
        self.change_engagement(id, |engagement| {
            number = engagement.next_issue_number_beyond(damaged.iter().copied())?;
            engagement
                .issues
                .push(Issue::log(number, title, &by, Utc::now())?);
            Ok(())
        })?;
        Ok(number)
    }

    /// Applies `change` to issue `number` with the charter in force, and saves.
    pub fn change_issue(
        &self,
        id: &EngagementId,
        number: u32,
        change: impl FnOnce(&mut Issue, &Charter, &str, DateTime<Utc>) -> Result<(), TriageError>,
    ) -> Result<(), CommandError> {
        let by = self.author(id);
        self.change_engagement(id, |engagement| {
            let charter = engagement.charter.in_force().cloned().ok_or_else(|| {
                CommandError::invalid("Start the charter first: triage takes its categories, severities and routing from it.")
            })?;
            let issue = engagement
                .issues
                .iter_mut()
                .find(|i| i.number == number)
                .ok_or(CommandError::Missing)?;
            Ok(change(issue, &charter, &by, Utc::now())?)
        })
        .map(|_| ())
    }
}

impl AppState {
    /// Reads an issue list from a CSV file's bytes: times in the zone the file names, else in
    /// the charter's (or this browser's), and none later than now.
    pub fn plan_issue_import(
        &self,
        id: &EngagementId,
        bytes: &[u8],
    ) -> Result<crate::domain::triage::csv::ImportPlan, CommandError> {
        let zone = self
            .find(id)
            .and_then(|r| {
                r.engagement
                    .charter
                    .in_force()
                    .map(|c| c.calendar.time_zone.clone())
            })
            .unwrap_or_else(super::charter::browser_time_zone);
        crate::domain::triage::csv::plan_import(
            bytes,
            &super::zone::BrowserZones,
            &zone,
            Utc::now(),
        )
        .map_err(CommandError::invalid)
    }

    /// Adds imported rows as new, untriaged issues, if they fit in the domain's bounds.
    pub fn import_issues(
        &self,
        id: &EngagementId,
        rows: &[crate::domain::triage::csv::ImportRow],
    ) -> Result<usize, CommandError> {
        use crate::domain::triage::csv;
        let by = self.author(id);
        let damaged = self.damaged_issue_numbers(id);
        let count = rows.len();
        self.change_engagement(id, |engagement| {
            let first = engagement.next_issue_number_beyond(damaged.iter().copied())?;
            csv::check_room(engagement.issues.len(), first, count)
                .map_err(CommandError::invalid)?;
            let issues = csv::import_issues(rows, first, &by, Utc::now())?;
            engagement.issues.extend(issues);
            Ok(())
        })
        .map(|_| count)
    }

    /// The numbers of this engagement's issue records that are stored but cannot be read: a
    /// new issue takes a number past them, so logging goes on while they wait for recovery.
    pub(super) fn damaged_issue_numbers(&self, id: &EngagementId) -> Vec<u32> {
        use crate::storage::split::{engagement_of_issue_key, issue_number_of_key};
        self.unreadable.with_untracked(|list| {
            list.iter()
                .filter(|r| engagement_of_issue_key(&r.key) == Some(id.as_str()))
                .filter_map(|r| issue_number_of_key(&r.key))
                .collect()
        })
    }
}
