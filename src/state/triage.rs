//! Triage commands. Like the charter's, each applies one domain change to the engagement as
//! stored now and saves it, so another tab's change is never written over.
use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::charter::CharterCommandError;
use super::{repository, AppState};
use crate::domain::charter::Charter;
use crate::domain::triage::{Issue, TriageError};
use crate::domain::EngagementId;
use crate::storage::meta::Meta;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TriageCommandError {
    Rule(TriageError),
    NoCharter,
    Missing,
    Command(CharterCommandError),
}

impl std::fmt::Display for TriageCommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Rule(error) => error.fmt(f),
            Self::NoCharter => f.write_str("Start the charter first: triage takes its categories, severities and routing from it."),
            Self::Missing => f.write_str("This issue no longer exists."),
            Self::Command(error) => error.fmt(f),
        }
    }
}

impl AppState {
    pub fn your_name(&self) -> String {
        self.meta.with_untracked(|m| m.your_name.clone())
    }

    pub fn set_your_name(&self, name: String) {
        let meta = Meta {
            your_name: name.trim().to_owned(),
            ..self.meta.get_untracked()
        };
        if let Ok(repo) = repository() {
            let _ = meta.save(repo.store());
        }
        self.meta.set(meta);
    }

    /// Quick capture: logs an untriaged issue with just a title. Returns its number.
    pub fn log_issue(&self, id: &EngagementId, title: &str) -> Result<u32, TriageCommandError> {
        let by = self.your_name();
        let mut number = 0;
        self.change_engagement::<TriageCommandError>(id, |engagement| {
            let mut next = engagement.clone();
            number = next.next_issue_number();
            next.issues.push(
                Issue::log(number, title, &by, Utc::now()).map_err(TriageCommandError::Rule)?,
            );
            next.updated_at = Utc::now();
            Ok(next)
        })?;
        Ok(number)
    }

    /// Applies `change` to issue `number` with the charter in force, and saves.
    pub fn change_issue(
        &self,
        id: &EngagementId,
        number: u32,
        change: impl FnOnce(&mut Issue, &Charter, &str, DateTime<Utc>) -> Result<(), TriageError>,
    ) -> Result<(), TriageCommandError> {
        let by = self.your_name();
        self.change_engagement::<TriageCommandError>(id, |engagement| {
            let mut next = engagement.clone();
            let charter = next
                .charter
                .in_force()
                .cloned()
                .ok_or(TriageCommandError::NoCharter)?;
            let issue = next
                .issues
                .iter_mut()
                .find(|i| i.number == number)
                .ok_or(TriageCommandError::Missing)?;
            change(issue, &charter, &by, Utc::now()).map_err(TriageCommandError::Rule)?;
            next.updated_at = Utc::now();
            Ok(next)
        })
        .map(|_| ())
    }
}

impl From<CharterCommandError> for TriageCommandError {
    fn from(error: CharterCommandError) -> Self {
        Self::Command(error)
    }
}

impl AppState {
    /// Reads an issue list from a CSV file: times in the zone the file names, else in the
    /// charter's (or this browser's), and none later than now.
    pub fn plan_issue_import(
        &self,
        id: &EngagementId,
        text: &str,
    ) -> Result<crate::domain::triage::csv::ImportPlan, String> {
        let zone = self
            .find(id)
            .and_then(|r| {
                r.engagement
                    .charter
                    .in_force()
                    .map(|c| c.calendar.time_zone.clone())
            })
            .unwrap_or_else(super::charter::browser_time_zone);
        crate::domain::triage::csv::plan_import(text, &super::zone::BrowserZones, &zone, Utc::now())
    }

    /// Adds imported rows as new, untriaged issues.
    pub fn import_issues(
        &self,
        id: &EngagementId,
        rows: &[crate::domain::triage::csv::ImportRow],
    ) -> Result<usize, TriageCommandError> {
        let by = self.your_name();
        let count = rows.len();
        let result = self.change_engagement::<TriageCommandError>(id, |engagement| {
            let mut next = engagement.clone();
            let first = next.next_issue_number();
            let issues = crate::domain::triage::csv::import_issues(rows, first, &by, Utc::now())
                .map_err(TriageCommandError::Rule)?;
            next.issues.extend(issues);
            next.updated_at = Utc::now();
            Ok(next)
        });
        result.map(|_| count)
    }
}
