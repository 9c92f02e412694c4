//! Warnings before a breach, in the browser (issue 25). Which engagements warn is this
//! browser's choice ("Warn me before a breach"), kept beside the data (`handrail:warnings`), as
//! is the ledger of what was told (`handrail:warned:<id>`): tabs of one browser read the same
//! ledger, so each threshold is told once however many tabs are open. The loop that watches the
//! clocks is in the `warnings` lazy part, started when something warns.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{repository, AppState, CommandError};
use crate::domain::EngagementId;
use crate::storage::KeyValue;

mod watcher;

const SETTINGS_KEY: &str = "handrail:warnings";

/// One thing that needs attention now: a running clock at risk or breached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attention {
    pub engagement: EngagementId,
    pub engagement_name: String,
    pub number: u32,
    pub title: String,
    pub severity: String,
    pub clock: &'static str,
    pub breach: bool,
    /// When the target runs out, in the charter's zone with its name (and the viewer's).
    pub due: String,
    pub whom: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Settings {
    #[serde(default)]
    engagements: Vec<EngagementId>,
}

fn settings() -> Settings {
    read_settings().unwrap_or_default()
}

/// The settings, or why they cannot be read (then they are not written over).
fn read_settings() -> Result<Settings, String> {
    let raw = repository()
        .map_err(|e| e.to_string())?
        .store()
        .get(SETTINGS_KEY)
        .map_err(|e| e.to_string())?;
    match raw {
        None => Ok(Settings::default()),
        Some(raw) => crate::domain::json::from_text(&raw).map_err(|e| e.to_string()),
    }
}

/// Whether the browser refused to show a notification from the page this visit.
pub fn notifications_refused() -> bool {
    watcher::NOTIFY_REFUSED.with(std::cell::Cell::get)
}

impl AppState {
    /// Whether this browser warns before breaches of `id`'s clocks (tracked through the
    /// attention list, which the loop refreshes).
    pub fn warns(&self, id: &EngagementId) -> bool {
        self.warning_on.with(|on| on.contains(id))
    }

    /// Switches warnings for `id` on or off in this browser. Switching on asks the browser for
    /// permission to notify (the in-app list works without it) and starts the loop.
    pub fn set_warnings(&self, id: &EngagementId, on: bool) -> Result<(), CommandError> {
        let mut s = read_settings().map_err(|why| {
            CommandError::invalid(format!(
                "this browser\u{2019}s warning settings cannot be read ({why}), so they are not changed"
            ))
        })?;
        s.engagements.retain(|x| x != id);
        if on {
            s.engagements.push(id.clone());
        }
        let text = serde_json::to_string(&s).map_err(CommandError::invalid)?;
        repository()?.store().set(SETTINGS_KEY, &text)?;
        self.warning_on.set(s.engagements.clone());
        if on {
            watcher::ask_permission();
            self.start_warnings();
        } else {
            self.attention
                .update(|list| list.retain(|a| &a.engagement != id));
            watcher::show_badge(self.attention.with_untracked(Vec::len));
        }
        Ok(())
    }

    /// Starts the watching loop if any engagement warns; called at start and on switching on.
    pub(super) fn start_warnings(&self) {
        let on = settings().engagements;
        self.warning_on.set(on.clone());
        if !on.is_empty() {
            watcher::start(*self);
        }
    }
}
