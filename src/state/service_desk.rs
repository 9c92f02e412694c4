//! Importing a service desk's export: what the preview needs from the engagement, and the
//! import itself, checked again against the engagement as stored at that moment.
//!
//! An import of thousands of tickets is prepared and written a slice per task (see
//! `storage/staged.rs`), so the page stays responsive and shows how far it is. Nobody sees
//! the new issues until the last step shows them all; Cancel, a full storage or a save of the
//! engagement meanwhile (another tab, team sync) leaves nothing of the import behind.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::{repository, AppState, CommandError, SavedEngagement};
use crate::domain::charter::SeverityLevel;
use crate::domain::triage::csv::check_room;
use crate::domain::triage::service_desk::apply::{apply, Applied};
use crate::domain::triage::service_desk::plan::{known_tickets, Known};
use crate::domain::triage::service_desk::{RowPlan, ServiceDeskSettings};
use crate::domain::{Engagement, EngagementId};
use crate::storage::local::LocalStore;
use crate::storage::staged::Staged;
use crate::storage::{Base, EngagementRepository, SaveError};

/// Rows applied per slice of the preparation.
const ROWS: usize = 50;
/// How long one slice may keep the page busy, in milliseconds: well under the 100 ms a user
/// notices, on a slow phone too (slices are cut by time, not by count).
const BUDGET_MS: f64 = 25.0;
/// The most records one slice writes or takes out, whatever the clock says (a page whose clock
/// is held still, as in tests, still gets its slices).
const MOST_PER_SLICE: usize = 400;

/// A slice's budget from now: true once it is spent.
fn budget() -> impl FnMut() -> bool {
    let clock = web_sys::window().and_then(|w| w.performance());
    let now = move || clock.as_ref().map_or(0.0, web_sys::Performance::now);
    let until = now() + BUDGET_MS;
    let mut left = MOST_PER_SLICE;
    move || {
        left = left.saturating_sub(1);
        left == 0 || now() >= until
    }
}

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

/// How far an import is, for its progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStep {
    /// Making the rows into issues (nothing written yet).
    Preparing { done: usize, total: usize },
    /// Writing the new issues, not yet shown anywhere.
    Writing { done: usize, total: usize },
    /// The last step, which shows them all.
    Finishing,
    /// Taking written issues out again after a cancel or a failure.
    Undoing { left: usize },
}

/// An import made in memory, ready to be written.
struct Prepared {
    base: SavedEngagement,
    next: Engagement,
    applied: Applied,
    /// The numbers of the new issues.
    numbers: (u32, u32),
    now: DateTime<Utc>,
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

    /// Imports the previewed rows and keeps the settings for next time, a slice per task,
    /// telling `report` how far it is. `Ok(None)` if `stop` said to stop first (Cancel):
    /// nothing is left of it. Refused whole, with nothing written, if the engagement's tickets
    /// changed since the preview (another tab, team sync) or the new issues do not fit its
    /// bounds; stopped, and taken out again, if the engagement is saved meanwhile.
    pub async fn import_from_service_desk(
        &self,
        id: &EngagementId,
        rows: &[RowPlan],
        previewed: &Known,
        settings: &ServiceDeskSettings,
        report: impl Fn(ImportStep),
        stop: impl Fn() -> bool,
    ) -> Result<Option<Applied>, CommandError> {
        let outcome = self
            .import_in_slices(id, rows, previewed, settings, report, stop)
            .await;
        // Another tab's reload, a save that stopped the import or leftovers it cleared all move
        // the storage in use by amounts the import cannot count: count it again, in a task of
        // its own.
        next_task().await;
        self.refresh_usage();
        outcome
    }

    async fn import_in_slices(
        &self,
        id: &EngagementId,
        rows: &[RowPlan],
        previewed: &Known,
        settings: &ServiceDeskSettings,
        report: impl Fn(ImportStep),
        stop: impl Fn() -> bool,
    ) -> Result<Option<Applied>, CommandError> {
        let Some(prepared) = self
            .prepare_import(id, rows, previewed, settings, &report, &stop)
            .await?
        else {
            return Ok(None);
        };
        let repo = repository()?;
        let base = Base {
            revision: prepared.base.revision,
            issues: &prepared.base.engagement.issues,
        };
        // Random, so that no other import (in this tab or another) takes the marker for its own.
        let token: String = crate::web_crypto::id_bytes::<12>()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut staged = repo
            .begin_staged(base, prepared.next, prepared.numbers, token, prepared.now)
            .map_err(|error| self.import_failed(error))?;
        match write_all(&repo, &mut staged, &report, &stop).await {
            Ok(true) => {}
            Ok(false) => {
                abandon(&repo, &mut staged, &report).await;
                return Ok(None);
            }
            Err(error) => {
                abandon(&repo, &mut staged, &report).await;
                return Err(self.import_failed(error));
            }
        }
        match self.note_saved(repo.commit_staged(&mut staged)) {
            Ok(saved) => {
                // The screens take in thousands of new issues in a task of their own, unless
                // something saved the engagement in between: then storage has the newer copy.
                next_task().await;
                let revision = saved.record.revision;
                match repo.stored_revision(&saved.record.engagement.id) {
                    Ok(Some(stored)) if stored == revision => self.put(saved.record),
                    _ => self.reload(),
                }
                Ok(Some(prepared.applied))
            }
            Err(error) => {
                abandon(&repo, &mut staged, &report).await;
                Err(error.into())
            }
        }
    }

    /// The rows made into the engagement's next version in memory, a slice of rows per task;
    /// `None` if stopped.
    async fn prepare_import(
        &self,
        id: &EngagementId,
        rows: &[RowPlan],
        previewed: &Known,
        settings: &ServiceDeskSettings,
        report: &impl Fn(ImportStep),
        stop: &impl Fn() -> bool,
    ) -> Result<Option<Prepared>, CommandError> {
        let base = self.stored_now(id)?;
        if base.engagement.is_frozen() {
            return Err(CommandError::Frozen);
        }
        if known_tickets(&base.engagement.issues) != *previewed {
            return Err(CommandError::invalid(
                "The issues changed since the preview (in another tab, or through team sync). Preview the file again.",
            ));
        }
        let damaged = self.damaged_issue_numbers(id);
        let first = base
            .engagement
            .next_issue_number_beyond(damaged.iter().copied())?;
        let adding = rows.iter().filter(|r| matches!(r, RowPlan::New(_))).count();
        check_room(base.engagement.issues.len(), first, adding).map_err(CommandError::invalid)?;
        let charter = base.engagement.charter.in_force().cloned();
        let by = self.author(id);
        let now = Utc::now();
        let mut next = base.engagement.clone();
        let mut applied = Applied::default();
        let mut done = 0;
        let mut chunks = rows.chunks(ROWS).peekable();
        while chunks.peek().is_some() {
            report(ImportStep::Preparing {
                done,
                total: rows.len(),
            });
            next_task().await;
            if stop() {
                return Ok(None);
            }
            let mut enough = budget();
            for chunk in chunks.by_ref() {
                // `check_room` bounds the numbers: `first + added` stays within them.
                let number = first.saturating_add(applied.added as u32);
                let step = apply(
                    chunk,
                    &mut next.issues,
                    number,
                    settings,
                    charter.as_ref(),
                    &by,
                    now,
                )?;
                applied.added += step.added;
                applied.updated += step.updated;
                done += chunk.len();
                if enough() {
                    break;
                }
            }
        }
        settings.keep_in(&mut next);
        next.updated_at = now;
        next.updated_by = by;
        next.ensure_item_ids(&super::item_id_salt(&next.updated_by, now));
        let last = first.saturating_add(adding as u32).saturating_sub(1);
        Ok(Some(Prepared {
            base,
            next,
            applied,
            numbers: (first, last),
            now,
        }))
    }

    /// The engagement as stored now: the copy in memory when it is that revision (it usually
    /// is), else read from storage.
    fn stored_now(&self, id: &EngagementId) -> Result<SavedEngagement, CommandError> {
        let repo = repository()?;
        let revision = repo.stored_revision(id)?.ok_or(CommandError::Missing)?;
        let in_memory = self.engagements.with_untracked(|list| {
            list.iter()
                .find(|r| &r.engagement.id == id && r.revision == revision)
                .cloned()
        });
        match in_memory {
            Some(record) => Ok(record),
            None => Ok(repo.load(id)?.ok_or(CommandError::Missing)?.into()),
        }
    }

    /// A failed import step as the error to show; a full storage also raises the app-wide
    /// warning, as any failed save does.
    fn import_failed(&self, error: SaveError) -> CommandError {
        if let SaveError::Storage(failure) = &error {
            self.save_failure.set(Some(failure.clone()));
        }
        error.into()
    }
}

/// Writes every new issue, a slice per task; false if `stop` said to stop first.
async fn write_all(
    repo: &EngagementRepository<LocalStore>,
    staged: &mut Staged,
    report: &impl Fn(ImportStep),
    stop: &impl Fn() -> bool,
) -> Result<bool, SaveError> {
    loop {
        let (done, total) = staged.progress();
        report(ImportStep::Writing { done, total });
        next_task().await;
        if stop() {
            return Ok(false);
        }
        if repo.write_staged(staged, budget())? {
            break;
        }
    }
    report(ImportStep::Finishing);
    next_task().await;
    Ok(!stop())
}

/// Takes the written issues out again, a slice per task. If storage fails meanwhile, what is
/// left stays hidden behind its marker, and the next save of the engagement removes it.
async fn abandon(
    repo: &EngagementRepository<LocalStore>,
    staged: &mut Staged,
    report: &impl Fn(ImportStep),
) {
    loop {
        report(ImportStep::Undoing {
            left: staged.left_to_abandon(),
        });
        next_task().await;
        match repo.abandon_staged(staged, budget()) {
            Ok(false) => {}
            Ok(true) | Err(_) => return,
        }
    }
}

/// Lets the browser paint and handle input before the next slice of work.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}
