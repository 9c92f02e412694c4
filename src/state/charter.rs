//! Charter commands. Each one reads the engagement as stored now, applies one domain change and
//! saves it based on that revision, so a charter edit can never write over another tab's newer
//! save of the same engagement.
use chrono::Utc;
use leptos::prelude::*;

use super::{repository, AppState, CommandError};
use crate::domain::charter::{sample, ApprovalForm, Charter};
use crate::domain::{Engagement, EngagementId};
use crate::storage::{Base, Record, SaveError, Saved};

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
    /// The one way an engagement changes: loads it as stored now, refuses if its record is
    /// frozen, lets `change` make the next version from a copy, stamps when it changed, and
    /// saves it based on the revision it read, so another tab's save is never written over.
    pub(crate) fn change_engagement(
        &self,
        id: &EngagementId,
        change: impl FnOnce(&mut Engagement) -> Result<(), CommandError>,
    ) -> Result<u64, CommandError> {
        self.change_engagement_at(id, None, Stamp::Edit, &mut once(change))
    }

    /// Like [`Self::change_engagement`], for a note about the record made by Handrail rather
    /// than an edit by a person (who was warned of a clock): the engagement's last-change
    /// stamp stays, so that a team sync merge still judges edits by when people made them,
    /// and the engagement's settings are not sent again.
    pub(crate) fn note_on_engagement(
        &self,
        id: &EngagementId,
        change: impl FnOnce(&mut Engagement) -> Result<(), CommandError>,
    ) -> Result<u64, CommandError> {
        self.change_engagement_at(id, None, Stamp::Note, &mut once(change))
    }

    /// Like [`Self::change_engagement`], for an editor's working copy that started from
    /// revision `based_on`: if storage has moved on since, nothing is written and the error
    /// carries what is stored now.
    pub fn save_working_copy(
        &self,
        id: &EngagementId,
        based_on: u64,
        apply: impl FnOnce(&mut Engagement),
    ) -> Result<u64, CommandError> {
        let change = |engagement: &mut Engagement| {
            apply(engagement);
            Ok(())
        };
        self.change_engagement_at(id, Some(based_on), Stamp::Edit, &mut once(change))
    }

    fn change_engagement_at(
        &self,
        id: &EngagementId,
        based_on: Option<u64>,
        stamp: Stamp,
        change: ChangeOnce<'_>,
    ) -> Result<u64, CommandError> {
        let repo = repository()?;
        // The stored revision alone (the head, without the issues). When the copy in memory
        // has it, that copy is what storage holds (another tab's save reloads it through the
        // storage event), so the save starts from it and reads no issue record at all.
        let stored_revision = repo.stored_revision(id)?.ok_or(CommandError::Missing)?;
        let mut attempt =
            |base: &Engagement, revision: u64, saved_at| -> Result<Saved, CommandError> {
                if based_on.is_some_and(|b| b != revision) {
                    return Err(SaveError::Conflict {
                        stored: Some(Box::new(Record {
                            engagement: base.clone(),
                            revision,
                            saved_at,
                        })),
                    }
                    .into());
                }
                if base.is_frozen() {
                    return Err(CommandError::Frozen);
                }
                let mut next = base.clone();
                change(&mut next)?;
                let now = Utc::now();
                if stamp == Stamp::Edit {
                    next.updated_at = now;
                    // Whose save it was: a merge of a value changed on two devices keeps the
                    // later save's and tells the other person whose it was.
                    next.updated_by = self.author(id);
                }
                // New list items get their ids now. The tab and the instant go into them, so one
                // account on two devices (or an item removed and added again) never makes one id
                // twice; the editor's working copy takes the ids from the saved record.
                next.ensure_item_ids(&super::item_id_salt(&next.updated_by, now));
                let base = Base {
                    revision,
                    issues: &base.issues,
                };
                Ok(self.note_saved(repo.save_changes(Some(base), next, now))?)
            };
        let in_memory = self.engagements.with_untracked(|list| {
            list.iter()
                .any(|r| &r.engagement.id == id && r.revision == stored_revision)
        });
        let saved = if in_memory {
            self.engagements.with_untracked(|list| {
                let r = list
                    .iter()
                    .find(|r| &r.engagement.id == id)
                    .ok_or(CommandError::Missing)?;
                attempt(&r.engagement, r.revision, r.saved_at)
            })?
        } else {
            let stored = repo.load(id)?.ok_or(CommandError::Missing)?;
            attempt(&stored.engagement, stored.revision, stored.saved_at)?
        };
        let revision = saved.record.revision;
        self.put(saved.record);
        Ok(revision)
    }

    /// Starts the charter with the article's defaults, or with the workshop sample.
    pub fn start_charter(&self, id: &EngagementId, with_sample: bool) -> Result<u64, CommandError> {
        let zone = browser_time_zone();
        self.change_engagement(id, |engagement| {
            let details = &engagement.details;
            let charter = if with_sample {
                sample::sample(&details.system, details.go_live, &zone)
            } else {
                Charter::new(&details.system, details.go_live, &zone)
            };
            Ok(engagement.charter.start(charter)?)
        })
    }

    pub fn approve_charter(
        &self,
        id: &EngagementId,
        form: &ApprovalForm,
    ) -> Result<u32, CommandError> {
        let mut number = 0;
        self.change_engagement(id, |engagement| {
            number = engagement.charter.approve(form)?;
            Ok(())
        })?;
        Ok(number)
    }

    pub fn revise_charter(&self, id: &EngagementId, reason: &str) -> Result<u64, CommandError> {
        self.change_engagement(id, |engagement| Ok(engagement.charter.revise(reason)?))
    }

    pub fn abandon_charter_revision(&self, id: &EngagementId) -> Result<u64, CommandError> {
        self.change_engagement(id, |engagement| {
            Ok(engagement.charter.abandon_revision()?)
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

/// Whether a save stamps the engagement as changed by its author now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stamp {
    Edit,
    Note,
}

/// A change passed on as one function for every caller: the save around it is compiled once,
/// not once per kind of change (thirty copies of it were a good part of the wasm).
type ChangeOnce<'a> = &'a mut dyn FnMut(&mut Engagement) -> Result<(), CommandError>;

/// `change` as a [`ChangeOnce`] closure: a save applies its change once.
fn once(
    change: impl FnOnce(&mut Engagement) -> Result<(), CommandError>,
) -> impl FnMut(&mut Engagement) -> Result<(), CommandError> {
    let mut change = Some(change);
    move |engagement| match change.take() {
        Some(change) => change(engagement),
        None => Err(CommandError::invalid(
            "a change was applied twice; nothing was saved",
        )),
    }
}
