//! Charter commands. Each one reads the engagement as stored now, applies one domain change and
//! saves it based on that revision, so a charter edit can never write over another tab's newer
//! save of the same engagement.
use chrono::Utc;

use super::{repository, AppState};
use crate::domain::charter::{sample, ApprovalForm, Charter, CharterDraft, CharterError};
use crate::domain::{Engagement, EngagementId};
use crate::storage::SaveError;

/// Why a charter command did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CharterCommandError {
    Rule(CharterError),
    Save(SaveError),
    Missing,
    /// The exit review is signed: the hypercare record can no longer change.
    Frozen,
}

impl std::fmt::Display for CharterCommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Rule(error) => error.fmt(f),
            Self::Save(error) => error.fmt(f),
            Self::Frozen => f.write_str(
                "The exit review is signed: this engagement\u{2019}s hypercare record is frozen and can only be read.",
            ),
            Self::Missing => f.write_str("This engagement no longer exists in this browser."),
        }
    }
}

/// For commands whose errors are plain messages.
impl From<CharterCommandError> for String {
    fn from(error: CharterCommandError) -> Self {
        error.to_string()
    }
}

impl From<SaveError> for CharterCommandError {
    fn from(error: SaveError) -> Self {
        Self::Save(error)
    }
}

/// The time zone of this browser, the natural default for the working calendar.
pub fn browser_time_zone() -> String {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "UTC".to_owned())
}

impl AppState {
    /// Loads the stored engagement, lets `change` produce the next one, and saves it.
    /// Loads the stored engagement, lets `change` produce the next one, and saves it based on
    /// the revision it read. `change` fails with the caller's own error type; storage and
    /// freeze failures are converted into it.
    pub(crate) fn change_engagement<E: From<CharterCommandError>>(
        &self,
        id: &EngagementId,
        change: impl FnOnce(&Engagement) -> Result<Engagement, E>,
    ) -> Result<u64, E> {
        let repo = repository().map_err(|e| CharterCommandError::Save(e.into()))?;
        let stored = repo
            .load(id)
            .map_err(CharterCommandError::Save)?
            .ok_or(CharterCommandError::Missing)?;
        if stored.engagement.is_frozen() {
            return Err(CharterCommandError::Frozen.into());
        }
        let next = change(&stored.engagement)?;
        let result = repo.save(&next, Some(stored.revision), Utc::now());
        let record = self.note(result).map_err(CharterCommandError::Save)?;
        let revision = record.revision;
        self.put(record);
        Ok(revision)
    }

    /// Starts the charter with the article's defaults, or with the workshop sample.
    pub fn start_charter(
        &self,
        id: &EngagementId,
        with_sample: bool,
    ) -> Result<u64, CharterCommandError> {
        let zone = browser_time_zone();
        self.change_engagement::<CharterCommandError>(id, |engagement| {
            let details = &engagement.details;
            let charter = if with_sample {
                sample::sample(&details.system, details.go_live, &zone)
            } else {
                Charter::new(&details.system, details.go_live, &zone)
            };
            let mut next = engagement.clone();
            next.charter
                .start(charter)
                .map_err(CharterCommandError::Rule)?;
            next.updated_at = Utc::now();
            Ok(next)
        })
    }

    /// Saves the wizard's draft, if storage still holds revision `based_on` of the engagement.
    /// Returns the new revision; on a conflict the caller reloads the stored draft.
    pub fn save_charter_draft(
        &self,
        id: &EngagementId,
        based_on: u64,
        draft: CharterDraft,
    ) -> Result<u64, CharterCommandError> {
        let repo = repository().map_err(SaveError::from)?;
        let stored = repo.load(id)?.ok_or(CharterCommandError::Missing)?;
        if stored.revision != based_on {
            return Err(SaveError::Conflict {
                stored: Some(Box::new(stored)),
            }
            .into());
        }
        if stored.engagement.is_frozen() {
            return Err(CharterCommandError::Frozen);
        }
        let next = stored
            .engagement
            .edit_charter_draft(Utc::now(), |d| *d = draft)
            .ok_or(CharterCommandError::Rule(CharterError::NoDraft))?;
        let record = self.note(repo.save(&next, Some(based_on), Utc::now()))?;
        let revision = record.revision;
        self.put(record);
        Ok(revision)
    }

    pub fn approve_charter(
        &self,
        id: &EngagementId,
        form: &ApprovalForm,
    ) -> Result<u32, CharterCommandError> {
        let mut number = 0;
        self.change_engagement::<CharterCommandError>(id, |engagement| {
            let mut next = engagement.clone();
            number = next
                .charter
                .approve(form)
                .map_err(CharterCommandError::Rule)?;
            next.updated_at = Utc::now();
            Ok(next)
        })?;
        Ok(number)
    }

    pub fn revise_charter(
        &self,
        id: &EngagementId,
        reason: &str,
    ) -> Result<u64, CharterCommandError> {
        self.change_engagement::<CharterCommandError>(id, |engagement| {
            let mut next = engagement.clone();
            next.charter
                .revise(reason)
                .map_err(CharterCommandError::Rule)?;
            next.updated_at = Utc::now();
            Ok(next)
        })
    }

    pub fn abandon_charter_revision(&self, id: &EngagementId) -> Result<u64, CharterCommandError> {
        self.change_engagement::<CharterCommandError>(id, |engagement| {
            let mut next = engagement.clone();
            next.charter
                .abandon_revision()
                .map_err(CharterCommandError::Rule)?;
            next.updated_at = Utc::now();
            Ok(next)
        })
    }
}

/// Every IANA time zone this browser knows (`Intl.supportedValuesOf`), or just the browser's
/// own zone and UTC where the browser cannot list them.
pub fn available_time_zones() -> Vec<String> {
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok();
    let can_list = intl.as_ref().is_some_and(|intl| {
        js_sys::Reflect::has(intl, &"supportedValuesOf".into()).unwrap_or(false)
    });
    let mut zones: Vec<String> = if can_list {
        js_sys::Intl::supported_values_of(js_sys::Intl::SupportedValuesKey::TimeZone)
            .iter()
            .filter_map(|zone| zone.as_string())
            .collect()
    } else {
        Vec::new()
    };
    for must in [browser_time_zone(), "UTC".to_owned()] {
        if !zones.contains(&must) {
            zones.push(must);
        }
    }
    zones.sort();
    zones
}
