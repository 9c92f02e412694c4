//! Intake commands (issue 23): the report link's settings and the team's keys, opening sealed
//! reports with this browser's keys, and adding them to triage, checked again against the
//! engagement as stored at that moment.
use chrono::Utc;
use leptos::prelude::*;

use super::{AppState, CommandError};
use crate::domain::intake::adding::{self, ReportPlan};
use crate::domain::intake::inbox::{payload_of, InboxAccess};
use crate::domain::intake::settings::{IntakeSettings, TeamKey};
use crate::domain::intake::wire::{find_report_payloads, key_id, SealedReport};
use crate::domain::intake::{Invitation, Report};
use crate::domain::EngagementId;
use crate::intake::seal;
use crate::share::bytes;
use crate::sync::couch::{Couch, CouchError};

/// Report links pasted at once are refused past this many: a preview of more is unreadable.
pub const MAX_REPORTS_AT_ONCE: usize = 200;
/// An inbox is read whole at most up to this many reports.
pub const MAX_INBOX_REPORTS: usize = 20_000;
/// Pasted text is refused past this many characters, before any work on it.
pub const MAX_PASTED_CHARS: usize = 2_000_000;

impl AppState {
    /// The engagement's report settings; `Err` says why they cannot be read.
    pub fn intake_settings(&self, id: &EngagementId) -> Result<IntakeSettings, String> {
        let record = self
            .find(id)
            .ok_or("This engagement is no longer in this browser.")?;
        Ok(IntakeSettings::of(&record.engagement)?.unwrap_or_default())
    }

    /// Saves the welcome, mailbox and inbox; makes the team's first key if there is none yet.
    pub async fn save_intake(
        &self,
        id: &EngagementId,
        welcome: &str,
        mailbox: &str,
        inbox: Option<InboxAccess>,
    ) -> Result<(), CommandError> {
        let mut problems = IntakeSettings::problems(welcome, mailbox);
        if let Some(problem) = inbox.as_ref().and_then(InboxAccess::problem) {
            problems.push(format!("The team inbox: {problem}."));
        }
        if !problems.is_empty() {
            return Err(CommandError::invalid(problems.join(" ")));
        }
        let needs_key = self
            .intake_settings(id)
            .map_err(CommandError::invalid)?
            .keys
            .is_empty();
        let key = if needs_key {
            Some(self.new_team_key(id).await?)
        } else {
            None
        };
        self.change_engagement(id, |engagement| {
            let mut settings = IntakeSettings::of(engagement)
                .map_err(CommandError::invalid)?
                .unwrap_or_default();
            settings.welcome = welcome.trim().to_owned();
            settings.mailbox = mailbox.trim().to_owned();
            settings.inbox = inbox;
            // Another tab may have made a key meanwhile: both are kept (reports for either open).
            settings.keys.extend(key);
            settings.keep_in(engagement);
            Ok(())
        })
        .map(|_| ())
    }

    async fn new_team_key(&self, id: &EngagementId) -> Result<TeamKey, CommandError> {
        let (public, private) = seal::make_team_key().await.map_err(|e| {
            CommandError::invalid(format!(
                "This browser could not make the engagement's key ({e})."
            ))
        })?;
        Ok(TeamKey {
            id: format!("{:08x}", key_id(&public)),
            public: bytes::encode(&public),
            private: bytes::encode(&private),
            made_at: Utc::now(),
            made_by: self.author(id),
        })
    }

    /// The engagement holding the team key `key` (a sealed report's key id), if this browser
    /// has it.
    pub fn engagement_with_key(&self, key: u32) -> Option<super::SavedEngagement> {
        self.engagements.with(|list| {
            list.iter()
                .find(|r| {
                    IntakeSettings::of(&r.engagement)
                        .ok()
                        .flatten()
                        .is_some_and(|s| s.key(key).is_some())
                })
                .cloned()
        })
    }

    /// The report link's invitation, or why there is none yet.
    pub fn invitation(&self, id: &EngagementId) -> Result<Invitation, String> {
        let record = self
            .find(id)
            .ok_or("This engagement is no longer in this browser.")?;
        let engagement = &record.engagement;
        let charter = engagement.charter.in_force().ok_or(
            "Approve the charter first: the report page explains from it what hypercare fixes and what it passes on.",
        )?;
        let settings = IntakeSettings::of(engagement)?.unwrap_or_default();
        let key = settings
            .current_key()
            .and_then(|k| bytes::decode(&k.public))
            .ok_or("Save the settings below to make the report link.")?;
        let mut invitation = Invitation::new(
            engagement,
            charter,
            &settings.welcome,
            &settings.mailbox,
            &key,
        );
        invitation.inbox = settings.inbox.clone();
        // The report page refuses a link past its bounds: say so here, not on a reporter's phone.
        invitation.check().map_err(|why| {
            format!("The report link cannot be made: {why}. A report link holds at most 40 scope categories, with names of at most 200 characters.")
        })?;
        Ok(invitation)
    }

    /// Opens every report link in `text` with the engagement's keys, in order: each report, or
    /// why it did not open.
    pub async fn open_reports(
        &self,
        id: &EngagementId,
        text: &str,
    ) -> Result<Vec<Result<Report, String>>, String> {
        if text.len() > MAX_PASTED_CHARS {
            return Err(
                "That is far more text than any set of report links: paste the links alone."
                    .to_owned(),
            );
        }
        let payloads = find_report_payloads(text);
        if payloads.is_empty() {
            return Err("No report link found: a report link has \u{201c}#/r/\u{201d} in it. Paste the whole link from the mail or chat.".to_owned());
        }
        if payloads.len() > MAX_REPORTS_AT_ONCE {
            return Err(format!("{} report links at once is more than a preview can show: add at most {MAX_REPORTS_AT_ONCE} at a time.", payloads.len()));
        }
        let settings = self.intake_settings(id)?;
        let mut opened = Vec::with_capacity(payloads.len());
        for payload in payloads {
            // Which link a refusal is about, among many pasted: its first characters.
            let start: String = payload.chars().take(12).collect();
            let outcome = open_one(&settings, &payload).await;
            opened.push(
                outcome.map_err(|why| format!("{why} (the link \u{2026}#/r/{start}\u{2026})")),
            );
        }
        Ok(opened)
    }

    /// Reads every report in the team inbox (its changes feed, page by page) and opens each
    /// with the engagement's keys. Reading needs the team's session on that server (team sync's
    /// sign-in); reports already in triage are recognised by the preview.
    pub async fn read_inbox(
        &self,
        id: &EngagementId,
    ) -> Result<Vec<Result<Report, String>>, String> {
        let settings = self.intake_settings(id)?;
        let inbox = settings
            .inbox
            .clone()
            .ok_or("This engagement has no team inbox.")?;
        let couch = Couch::at(inbox.database())?;
        let unread = |e: CouchError| {
            match e {
            CouchError::SignIn | CouchError::Forbidden(_) => format!("The team inbox could not be read: {e} Reading it needs a team member\u{2019}s account on that server: connect this engagement to team sync (on its overview) with an account the inbox lets read."),
            e => format!("The team inbox could not be read: {e}"),
        }
        };
        let mut payloads = Vec::new();
        let mut since = "0".to_owned();
        loop {
            let page = couch.changes(&since, false, None).await.map_err(unread)?;
            let done = page.results.len() < crate::sync::couch::CHANGES_PAGE;
            payloads.extend(
                page.results
                    .iter()
                    .filter_map(|row| row.doc.as_ref().and_then(payload_of).map(str::to_owned)),
            );
            if payloads.len() > MAX_INBOX_REPORTS {
                return Err(format!("The inbox holds more than {MAX_INBOX_REPORTS} reports; ask the database admin to archive older ones."));
            }
            since = match &page.last_seq {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if done {
                break;
            }
        }
        let mut opened = Vec::with_capacity(payloads.len());
        for payload in payloads {
            opened.push(open_one(&settings, &payload).await);
        }
        Ok(opened)
    }

    /// The plan of opened reports against the engagement as stored now.
    pub fn plan_reports(
        &self,
        id: &EngagementId,
        opened: Vec<Result<Report, String>>,
    ) -> Vec<ReportPlan> {
        let Some(record) = self.find(id) else {
            return Vec::new();
        };
        adding::plan(opened, id.as_str(), &record.engagement.issues, Utc::now())
    }

    /// Adds the previewed new reports as issues. Planned again against the engagement as
    /// stored, so a report another tab (or team sync) added meanwhile is not added twice.
    /// Returns how many were added.
    pub fn add_reports(
        &self,
        id: &EngagementId,
        previewed: &[ReportPlan],
    ) -> Result<usize, CommandError> {
        let by = self.author(id);
        let damaged = self.damaged_issue_numbers(id);
        let reports: Vec<Result<Report, String>> = previewed
            .iter()
            .filter_map(|p| match p {
                ReportPlan::New(report) => Some(Ok(report.clone())),
                _ => None,
            })
            .collect();
        let mut added = 0;
        self.change_engagement(id, |engagement| {
            let now = Utc::now();
            let plans = adding::plan(reports, id.as_str(), &engagement.issues, now);
            let first = engagement.next_issue_number_beyond(damaged.iter().copied())?;
            added = adding::add(&plans, &mut engagement.issues, first, &by, now)?;
            Ok(())
        })?;
        Ok(added)
    }
}

async fn open_one(settings: &IntakeSettings, payload: &str) -> Result<Report, String> {
    let sealed = SealedReport::from_payload(payload).map_err(|e| e.to_string())?;
    let key = settings.key(sealed.key_id).ok_or(
        "This report was sealed for a key this engagement does not have: it is for another engagement, or this browser has not yet received the key from team sync.",
    )?;
    let (Some(private), Some(public)) = (bytes::decode(&key.private), bytes::decode(&key.public))
    else {
        return Err("This engagement's report key is damaged in this browser.".to_owned());
    };
    let report = seal::open(&sealed, &private, &public)
        .await
        .map_err(|e| e.to_string())?;
    Ok(report.within(key.made_at, Utc::now()))
}
