//! How an engagement is read from its stored form, where the details (`name`, `system`,
//! `go_live`) sit beside the other fields rather than in an object of their own.
//!
//! Writing uses serde's `flatten`, which is cheap. Reading with `flatten` buffers every field
//! into a generic tree first, and was one of the largest functions in the wasm; reading into
//! this flat struct is the same rules (unknown fields ignored, the same defaults) for less code.
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use super::charter::CharterFile;
use super::engagement::{Engagement, EngagementDetails};
use super::EngagementId;

#[derive(Deserialize)]
pub(super) struct EngagementWire {
    id: EngagementId,
    name: String,
    system: String,
    go_live: NaiveDate,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    charter: CharterFile,
    issues: Vec<crate::domain::triage::Issue>,
    withdrawal: Option<crate::domain::withdrawal::WithdrawalPlan>,
    #[serde(default)]
    exit_review: Option<crate::domain::exit::review::ExitReview>,
    #[serde(default)]
    exit_criteria: crate::domain::exit::criteria::CriteriaSettings,
    #[serde(default)]
    workshops: Vec<crate::domain::workshop::Workshop>,
    #[serde(default)]
    updated_by: String,
    #[serde(default)]
    merge_notices: Vec<crate::domain::sync::MergeNotice>,
    #[serde(default)]
    service_desk: Option<serde_json::Value>,
    #[serde(default)]
    steering: Option<serde_json::Value>,
    #[serde(default)]
    intake: Option<serde_json::Value>,
}

impl From<EngagementWire> for Engagement {
    fn from(w: EngagementWire) -> Self {
        let mut engagement = Engagement {
            id: w.id,
            details: EngagementDetails {
                name: w.name,
                system: w.system,
                go_live: w.go_live,
            },
            created_at: w.created_at,
            updated_at: w.updated_at,
            charter: w.charter,
            issues: w.issues,
            withdrawal: w.withdrawal,
            exit_review: w.exit_review,
            exit_criteria: w.exit_criteria,
            workshops: w.workshops,
            updated_by: w.updated_by,
            merge_notices: w.merge_notices,
            service_desk: w.service_desk,
            steering: w.steering,
            intake: w.intake,
        };
        // Every door (storage, backups, links, the team database) reads through here, so
        // data written before list items had ids gets the same derived ids everywhere.
        engagement.ensure_item_ids("");
        engagement
    }
}
