//! What the sync tests build on: an engagement with the sample charter and a few issues.
use chrono::{DateTime, Utc};

use crate::domain::charter::{sample::sample, CharterDraft, CharterStep};
use crate::domain::fixtures::{at, date};
use crate::domain::triage::Issue;
use crate::domain::{Engagement, EngagementDetails, EngagementId};

pub fn t(minutes: i64) -> DateTime<Utc> {
    at("2027-03-02T09:00:00Z") + chrono::Duration::minutes(minutes)
}

/// "Acme CRM rollout" with a charter draft, created at `t(0)`.
pub fn engagement() -> Engagement {
    let details = EngagementDetails {
        name: "Acme CRM rollout".into(),
        system: "Salesforce".into(),
        go_live: date("2027-03-01"),
    };
    let mut e = Engagement::new(EngagementId::from_random_bytes([3; 8]), details, t(0));
    e.charter.draft = Some(CharterDraft {
        charter: sample("Salesforce", date("2027-03-01"), "Europe/London"),
        step: CharterStep::ALL[0],
        furthest: CharterStep::ALL[0],
        reason: None,
    });
    e.updated_by = "alice".into();
    e
}

/// Issue `number` titled `title`, logged by `by` at `t(minute)`.
pub fn issue(number: u32, title: &str, by: &str, minute: i64) -> Issue {
    Issue::log(number, title, by, t(minute)).expect("a test title")
}

/// The names of the charter draft's holidays, in their order.
pub fn holiday_names(e: &Engagement) -> Vec<String> {
    e.charter
        .draft
        .iter()
        .flat_map(|d| &d.charter.calendar.holidays)
        .map(|h| h.name.clone())
        .collect()
}
