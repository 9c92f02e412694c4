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
    repository()
        .ok()
        .and_then(|repo| repo.store().get(SETTINGS_KEY).ok().flatten())
        .and_then(|raw| crate::domain::json::from_text(&raw).ok())
        .unwrap_or_default()
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
        let mut s = settings();
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
