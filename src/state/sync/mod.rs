//! Team sync commands: connect an engagement to a team database, join one from it, sign in
//! again, stop. The loop itself is in [`runner`]; the rules it merges by are `domain::sync`.
mod runner;
pub(crate) mod tab_lock;

pub(super) use runner::{poke, poke_all};

use chrono::Utc;
use leptos::prelude::*;
use serde_json::Value;

use super::{repository, AppState, CommandError, SavedEngagement};
use crate::domain::{Engagement, EngagementId};
use crate::storage::{sync_ledger, Base};
use crate::sync::absorb::{absorb, SetAside};
use crate::sync::couch::{Couch, CouchError};
use crate::sync::docs;
use crate::sync::ledger::Ledger;
pub use crate::sync::status::SyncStatus;

/// An engagement's connection to a team database, as the views show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub database: String,
    pub account: String,
    pub status: SyncStatus,
}

/// An engagement found in a team database, offered for joining.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamEngagement {
    pub id: EngagementId,
    pub name: String,
    pub system: String,
    pub go_live: String,
    /// This browser already holds it: joining merges instead of adding.
    pub here: bool,
}

/// Signed in to a team database: what the join form lists and joins from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamDatabase {
    pub couch: Couch,
    pub account: String,
    pub engagements: Vec<TeamEngagement>,
}

/// A refusal right after a sign-in that worked: the password was right, so a 401 means what
/// CouchDB 3 says with a 403 (some compatible servers answer 401 to non-members).
fn signed_in(error: CouchError) -> CouchError {
    match error {
        CouchError::SignIn => {
            CouchError::Forbidden("it is not a member of this database".to_owned())
        }
        other => other,
    }
}

impl AppState {
    /// Starts the loops of every engagement that syncs; called once the app has loaded.
    pub(super) fn start_sync(&self) {
        let Ok(repo) = repository() else { return };
        let Ok(ids) = sync_ledger::syncing(repo.store()) else {
            return;
        };
        for id in ids {
            match sync_ledger::load(repo.store(), &id) {
                Ok(Some(ledger)) => {
                    self.note_connection(&id, &ledger, SyncStatus::Connecting);
                    runner::start(*self, id);
                }
                Ok(None) => {}
                Err(error) => self.set_connection(
                    &id,
                    Connection {
                        database: String::new(),
                        account: String::new(),
                        status: SyncStatus::Stopped(error.to_string()),
                    },
                ),
            }
        }
        let online = window_event_listener(leptos::ev::online, |_| runner::poke_all());
        on_cleanup(move || online.remove());
    }

    /// The connection of `id`, if it syncs (tracked: the status line follows it).
    pub fn connection(&self, id: &EngagementId) -> Option<Connection> {
        self.sync.with(|map| map.get(id).cloned())
    }

    /// Who signs changes to `id`: the team database account when it syncs, else the name
    /// given in this browser.
    pub fn author(&self, id: &EngagementId) -> String {
        self.sync
            .with_untracked(|map| map.get(id).map(|c| c.account.clone()))
            .filter(|account| !account.is_empty())
            // Stopped for now: the account it synced with, so that what is done meanwhile is
            // signed as the team database will check it when sync is connected again.
            .or_else(|| {
                repository()
                    .ok()
                    .and_then(|repo| sync_ledger::read_kept::<Ledger>(repo.store(), id).ok())
                    .flatten()
                    .map(|kept| kept.account)
                    .filter(|account| !account.is_empty())
            })
            .unwrap_or_else(|| self.your_name())
    }

    /// Connects engagement `id` to the database at `address`: signs in (the password goes to
    /// the server only), checks the account may use the database, and starts syncing.
    pub async fn connect_sync(
        &self,
        id: &EngagementId,
        address: &str,
        name: &str,
        password: &str,
    ) -> Result<(), CommandError> {
        let couch = Couch::at(address).map_err(CommandError::invalid)?;
        let account = couch.sign_in(name.trim(), password).await?;
        couch.update_seq().await.map_err(signed_in)?;
        let mut ledger = Ledger::new(&couch.database, &account);
        ledger.resume(sync_ledger::read_kept(repository()?.store(), id)?);
        self.begin(id, &ledger)
    }

    /// Signs in to `address` and lists the engagements its database holds.
    pub async fn open_team_database(
        &self,
        address: &str,
        name: &str,
        password: &str,
    ) -> Result<TeamDatabase, CommandError> {
        let couch = Couch::at(address).map_err(CommandError::invalid)?;
        let account = couch.sign_in(name.trim(), password).await?;
        let heads = couch.with_prefix("engagement:").await.map_err(signed_in)?;
        let found = heads.iter().filter_map(|doc| {
            let doc_id = doc.get("_id")?.as_str()?;
            let id = EngagementId::try_from(doc_id.strip_prefix("engagement:")?.to_owned()).ok()?;
            let body = doc.get("engagement")?;
            let text = |field: &str| {
                body.get(field)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            Some(TeamEngagement {
                here: self.find_untracked(&id).is_some(),
                name: text("name"),
                system: text("system"),
                go_live: text("go_live"),
                id,
            })
        });
        // By name, each put in its place as it comes (a database holds a few engagements).
        let mut engagements: Vec<TeamEngagement> = Vec::new();
        for team in found {
            let at = engagements.partition_point(|e| (&e.name, &e.id) <= (&team.name, &team.id));
            engagements.insert(at, team);
        }
        Ok(TeamDatabase {
            couch,
            account,
            engagements,
        })
    }

    /// Adds engagement `id` from the team database to this browser (or, when it is here
    /// already, connects the local one, which the first sync merges) and starts syncing it.
    pub async fn join(&self, team: &TeamDatabase, id: &EngagementId) -> Result<(), CommandError> {
        let mut ledger = Ledger::new(&team.couch.database, &team.account);
        if self.find_untracked(id).is_none() {
            // The sequence first: whatever changes while the documents are read comes again
            // through the feed, and merging it twice changes nothing.
            ledger.since = team.couch.update_seq().await?;
            let mut documents = Vec::new();
            for prefix in [
                format!("engagement:{id}"),
                format!("issue:{id}:"),
                format!("number:{id}:"),
            ] {
                let found = team.couch.with_prefix(&prefix).await?;
                documents.extend(found.into_iter().filter(|d| {
                    d.get("_id")
                        .and_then(Value::as_str)
                        .is_some_and(|doc_id| docs::belongs_to(doc_id, id))
                }));
            }
            let absorbed = absorb(id, None, &mut ledger, &documents, &team.account, Utc::now());
            self.keep_aside(id, &absorbed.set_aside);
            let engagement = absorbed.engagement.ok_or_else(|| {
                CommandError::invalid(
                    "The team database holds no readable engagement under this name any more.",
                )
            })?;
            self.save_merged(None, engagement)?;
        } else {
            // Joining with the copy in this browser: if it synced with this database before,
            // the first sync merges against what both last agreed on.
            ledger.resume(sync_ledger::read_kept(repository()?.store(), id)?);
        }
        self.begin(id, &ledger)
    }

    /// Saves the new ledger and starts the loop. The ledger kept from an earlier "Stop
    /// syncing" is forgotten only once the new one is saved: until then it is the merge base,
    /// and it marks the engagement as taking part (a restore merges rather than overwrites).
    fn begin(&self, id: &EngagementId, ledger: &Ledger) -> Result<(), CommandError> {
        let repo = repository()?;
        sync_ledger::save(repo.store(), id, ledger)?;
        sync_ledger::forget_kept(repo.store(), id)?;
        runner::stop(id);
        self.note_connection(id, ledger, SyncStatus::Connecting);
        runner::start(*self, id.clone());
        Ok(())
    }

    /// After "Sign in again": a new session cookie, and the loop picks up where it stopped.
    pub async fn sign_in_again(
        &self,
        id: &EngagementId,
        password: &str,
    ) -> Result<(), CommandError> {
        let connection = self
            .connection(id)
            .ok_or_else(|| CommandError::invalid("This engagement does not sync."))?;
        let couch = Couch::at(&connection.database).map_err(CommandError::invalid)?;
        couch.sign_in(&connection.account, password).await?;
        self.set_sync_status(id, SyncStatus::Connecting);
        runner::start(*self, id.clone());
        Ok(())
    }

    /// "Sync now": try at once instead of after the pause.
    pub fn sync_now(&self, id: &EngagementId) {
        if matches!(
            self.connection(id).map(|c| c.status),
            Some(SyncStatus::Stopped(_))
        ) {
            self.set_sync_status(id, SyncStatus::Connecting);
        }
        runner::start(*self, id.clone());
        runner::poke_all();
    }

    /// Stops syncing `id`: the local engagement stays as it is; the team database keeps its
    /// copy, and connecting again later merges whatever changed in between.
    pub fn stop_sync(&self, id: &EngagementId) -> Result<(), CommandError> {
        runner::stop(id);
        crate::sync::forget_digests(id);
        let repo = repository()?;
        sync_ledger::stop(repo.store(), id)?;
        self.sync.update(|map| {
            map.remove(id);
        });
        Ok(())
    }

    /// "Dismiss" on a merge notice: it is removed for everyone (it was addressed to one
    /// person, the one who dismisses it). Allowed on a signed engagement too: the notices are
    /// not part of the frozen record.
    pub fn dismiss_merge_notice(
        &self,
        id: &EngagementId,
        notice_id: &str,
    ) -> Result<(), CommandError> {
        let saved = self.find_untracked(id).ok_or(CommandError::Missing)?;
        let mut engagement = saved.engagement;
        if engagement.dismiss_notice(notice_id) {
            self.save_merged(Some(saved.revision), engagement)?;
        }
        Ok(())
    }

    /// "Use this value instead" on a merge notice: the replaced value goes back, as an
    /// ordinary change that syncs like any other.
    pub fn use_replaced_value(
        &self,
        id: &EngagementId,
        notice_id: &str,
    ) -> Result<(), CommandError> {
        self.change_engagement(id, |engagement| {
            engagement
                .use_replaced_value(notice_id)
                .map_err(CommandError::invalid)
        })
        .map(|_| ())
    }

    /// A merged engagement from the team database, saved as it is: a merge is nobody's edit,
    /// so neither the freeze check nor the change stamp applies (stamping would make the
    /// result differ from what was received, and send it back and forth forever).
    pub(crate) fn save_merged(
        &self,
        based_on: Option<u64>,
        engagement: Engagement,
    ) -> Result<u64, CommandError> {
        let repo = repository()?;
        let stored = match based_on {
            Some(_) => repo.load(&engagement.id)?,
            None => None,
        };
        let base = stored.as_ref().map(|record| Base {
            revision: record.revision,
            issues: &record.engagement.issues,
        });
        if base.map(|b| b.revision) != based_on {
            return Err(CommandError::Conflict {
                stored: stored.map(|r| Box::new(SavedEngagement::from(r))),
            });
        }
        let saved = self.note_saved(repo.save_changes(base, engagement, Utc::now()))?;
        let revision = saved.record.revision;
        self.put(saved.record);
        Ok(revision)
    }

    /// Documents that could not be read are kept where the recovery page lists them.
    fn keep_aside(&self, id: &EngagementId, set_aside: &[SetAside]) {
        if set_aside.is_empty() {
            return;
        }
        let kept = repository().and_then(|repo| {
            set_aside
                .iter()
                .try_for_each(|doc| repo.keep_aside(id, &doc.doc_id, &doc.reason, &doc.raw))
        });
        match kept {
            Ok(()) => {
                self.reload();
                self.show_toast(
                    format!(
                        "{} from the team database could not be read; they are kept on the recovery page.",
                        crate::domain::words::count(set_aside.len(), "record", "records")
                    ),
                    None,
                );
            }
            Err(error) => self.show_toast(
                format!("A record from the team database could not be read, and keeping it aside failed: {error}"),
                None,
            ),
        }
    }

    fn note_connection(&self, id: &EngagementId, ledger: &Ledger, status: SyncStatus) {
        self.set_connection(
            id,
            Connection {
                database: ledger.database.clone(),
                account: ledger.account.clone(),
                status,
            },
        );
    }

    fn set_connection(&self, id: &EngagementId, connection: Connection) {
        self.sync.update(|map| {
            map.insert(id.clone(), connection);
        });
    }

    pub(crate) fn set_sync_status(&self, id: &EngagementId, status: SyncStatus) {
        let unchanged = self
            .sync
            .with_untracked(|map| map.get(id).map(|c| &c.status) == Some(&status));
        if !unchanged {
            self.sync.update(|map| {
                if let Some(connection) = map.get_mut(id) {
                    connection.status = status;
                }
            });
        }
    }
}
