//! "Tell the reporter": how an issue that came from a report stands, in plain words a reporter
//! understands without knowing hypercare's vocabulary. It is sent as a link that the reporter's
//! "My reports" opens, so each receipt shows its latest status.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::wire::{self, WireError, KIND_STATUS};
use crate::domain::charter::Charter;
use crate::domain::triage::{IssueView, Status};

/// The most a status note may say: a few sentences, not a report.
const MAX_NOTE_CHARS: usize = 1_500;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StatusNote {
    /// The report's id, which the reporter's receipt has.
    #[serde(rename = "i")]
    pub report: String,
    #[serde(rename = "n")]
    pub number: u32,
    /// One or two words: "Being fixed", "Passed on", "Fixed".
    #[serde(rename = "h")]
    pub headline: String,
    /// The whole note, as the team may have edited it.
    #[serde(rename = "t")]
    pub text: String,
    /// Unix seconds, as a report's time.
    #[serde(rename = "a", with = "chrono::serde::ts_seconds")]
    pub at: DateTime<Utc>,
}

impl StatusNote {
    pub fn to_payload(&self) -> String {
        wire::encode(KIND_STATUS, &serde_json::to_vec(self).unwrap_or_default())
    }

    pub fn from_payload(payload: &str) -> Result<Self, WireError> {
        let body = wire::decode(KIND_STATUS, payload)?;
        let note: Self =
            serde_json::from_slice(&body).map_err(|e| WireError::Unreadable(e.to_string()))?;
        if note.text.chars().count() > MAX_NOTE_CHARS
            || note.headline.chars().count() > 40
            || note.report.len() > 64
        {
            return Err(WireError::Unreadable(
                "it is longer than any status note".to_owned(),
            ));
        }
        Ok(note)
    }
}

/// The note for issue `view`, by the charter in force. `resolution_due` is the resolution
/// target's due time as the reporter should read it (in the charter's zone, with its name).
pub fn compose(
    report: &str,
    view: &IssueView,
    charter: Option<&Charter>,
    resolution_due: Option<&str>,
    now: DateTime<Utc>,
) -> StatusNote {
    let number = view.number;
    let category = charter
        .zip(view.category_id.as_deref())
        .and_then(|(c, id)| c.categories.iter().find(|k| k.id == id))
        .map(|k| k.name.as_str());
    let (headline, text) = match (view.in_scope, view.status()) {
        (_, Status::Resolved) => (
            "Fixed",
            format!("Your report is issue #{number}, and it is resolved. If it happens again, send a new report and mention #{number}."),
        ),
        (_, Status::Transferred) => (
            "Handed over",
            format!(
                "Your report is issue #{number}. It is now looked after by {} in the business, who will follow it up. Hypercare has handed it over so it is not lost when hypercare ends.",
                non_empty(&view.transfer_owner, "an owner")
            ),
        ),
        (Some(false), _) => {
            let place = view.destination.map(|d| d.name()).unwrap_or("the project lead");
            let what = category.map(|c| format!(" ({c})")).unwrap_or_default();
            (
                "Passed on",
                format!(
                    "Your report is issue #{number}. It asks for a change to what was built{what}, which hypercare does not make: hypercare fixes problems with the system as it went live. It is logged and has been passed to the {} to decide on. Nothing is dropped.",
                    place.to_lowercase()
                ),
            )
        }
        (Some(true), status) if status.pauses_clocks() => (
            "Waiting",
            format!(
                "Your report is issue #{number}. The hypercare team is working on it and is waiting for {} before going on.",
                if status == Status::WaitingOnReporter { "an answer from you" } else { "the software vendor" }
            ),
        ),
        (Some(true), _) => (
            "Being fixed",
            match resolution_due {
                Some(due) => format!("Your report is issue #{number}, and the hypercare team is fixing it. It is due to be resolved by {due}. You will hear again when it is."),
                None => format!("Your report is issue #{number}, and the hypercare team is fixing it. You will hear again when it is resolved."),
            },
        ),
        (None, _) => (
            "Received",
            format!("Your report is issue #{number}. The hypercare team has it and will decide shortly whether it is a problem to fix now or a change to pass on. You will hear again when it is decided."),
        ),
    };
    StatusNote {
        report: report.to_owned(),
        number,
        headline: headline.to_owned(),
        text,
        at: now,
    }
}

fn non_empty<'a>(text: &'a str, otherwise: &'a str) -> &'a str {
    if text.trim().is_empty() {
        otherwise
    } else {
        text.trim()
    }
}
