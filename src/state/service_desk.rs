//! Importing a service desk's export: what the preview needs from the engagement, and the
//! import itself, checked again against the engagement as stored at that moment.

use chrono::Utc;

use super::{AppState, CommandError};
use crate::domain::charter::SeverityLevel;
use crate::domain::triage::csv::check_room;
use crate::domain::triage::service_desk::apply::{apply, Applied};
use crate::domain::triage::service_desk::plan::{known_tickets, Known};
use crate::domain::triage::service_desk::{RowPlan, ServiceDeskSettings};
use crate::domain::EngagementId;

/// What a preview is planned against.
#[derive(Debug, Clone, Default)]
pub struct ImportContext {
    /// The tickets the engagement holds: key to issue number and latest snapshot.
    pub known: Known,
    /// The settings of the last import, if there was one.
    pub saved: Option<ServiceDeskSettings>,
    /// Why the saved settings could not be read, if they could not.
    pub unreadable: Option<String>,
    /// The charter's zone (else the browser's): the default zone of a file's times.
    pub zone: String,
    pub severities: Vec<SeverityLevel>,
}

impl AppState {
    pub fn service_desk_context(&self, id: &EngagementId) -> ImportContext {
        self.find(id)
            .map(|record| {
                let engagement = &record.engagement;
                let charter = engagement.charter.in_force();
                let (saved, unreadable) = match ServiceDeskSettings::of(engagement) {
                    Ok(saved) => (saved, None),
                    Err(why) => (None, Some(why)),
                };
                ImportContext {
                    known: known_tickets(&engagement.issues),
                    saved,
                    unreadable,
                    zone: charter
                        .map(|c| c.calendar.time_zone.clone())
                        .unwrap_or_else(super::charter::browser_time_zone),
                    severities: charter.map(|c| c.severities.clone()).unwrap_or_default(),
                }
            })
            .unwrap_or_default()
    }

    /// Imports the previewed rows and keeps the settings for next time. Refused whole, with
    /// nothing written, if the engagement's tickets changed since the preview (another tab,
    /// team sync) or the new issues do not fit its bounds.
    pub fn import_from_service_desk(
        &self,
        id: &EngagementId,
        rows: &[RowPlan],
        previewed: &Known,
        settings: &ServiceDeskSettings,
    ) -> Result<Applied, CommandError> {
        let by = self.author(id);
        let damaged = self.damaged_issue_numbers(id);
        let adding = rows.iter().filter(|r| matches!(r, RowPlan::New(_))).count();
        let mut applied = Applied::default();
        self.change_engagement(id, |engagement| {
            if known_tickets(&engagement.issues) != *previewed {
                return Err(CommandError::invalid(
                    "The issues changed since the preview (in another tab, or through team sync). Preview the file again.",
                ));
            }
            let first = engagement.next_issue_number_beyond(damaged.iter().copied())?;
            check_room(engagement.issues.len(), first, adding).map_err(CommandError::invalid)?;
            let charter = engagement.charter.in_force().cloned();
            applied = apply(
                rows,
                &mut engagement.issues,
                first,
                settings,
                charter.as_ref(),
                &by,
                Utc::now(),
            )?;
            settings.keep_in(engagement);
            Ok(())
        })?;
        Ok(applied)
    }
}
