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

/// When the issue is due to be resolved, as the reporter should read it (in the charter's zone,
/// with its name), and whether that time has passed.
#[derive(Debug, Clone, Copy)]
pub struct Due<'a> {
    pub when: &'a str,
    pub passed: bool,
}

/// The note for issue `view`, by the charter in force. Names typed by the team (a category, an
/// owner) are cut short, so the note always fits its link.
pub fn compose(
    report: &str,
    view: &IssueView,
    charter: Option<&Charter>,
    resolution_due: Option<Due>,
    now: DateTime<Utc>,
) -> StatusNote {
    let number = view.number;
    let category = charter
        .zip(view.category_id.as_deref())
        .and_then(|(c, id)| c.categories.iter().find(|k| k.id == id))
        .map(|k| short(&k.name));
    let (headline, text) = match (view.in_scope, view.status()) {
        (_, Status::Resolved) => (
            "Fixed",
            format!("Your report is issue #{number}, and it is resolved. If it happens again, send a new report and mention #{number}."),
        ),
        (_, Status::Transferred) => (
            "Handed over",
            format!(
                "Your report is issue #{number}. It is now looked after by {} in the business, who will follow it up. Hypercare has handed it over so it is not lost when hypercare ends.",
                short(non_empty(&view.transfer_owner, "an owner"))
            ),
        ),
        (Some(false), _) => ("Passed on", passed_on(number, category, view.destination)),
        (Some(true), status) if status.pauses_clocks() => (
            "Waiting",
            format!(
                "Your report is issue #{number}. The hypercare team is working on it and is waiting for {} before going on.",
                if status == Status::WaitingOnReporter { "an answer from you" } else { "the software vendor" }
            ),
        ),
        (Some(true), Status::New | Status::Triaged) => (
            "Accepted",
            format!(
                "Your report is issue #{number}. The hypercare team has accepted it as a problem to fix and will start on it shortly.{} You will hear again when it is resolved.",
                due_words(resolution_due)
            ),
        ),
        (Some(true), _) => (
            "Being fixed",
            format!(
                "Your report is issue #{number}, and the hypercare team is fixing it.{} You will hear again when it is resolved.",
                due_words(resolution_due)
            ),
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

/// Out of scope: what hypercare does instead, and who decides.
fn passed_on(
    number: u32,
    category: Option<String>,
    destination: Option<crate::domain::charter::RoutingDestination>,
) -> String {
    let what = category.map(|c| format!(" ({c})")).unwrap_or_default();
    let whom = match destination {
        Some(d) => format!(
            "It has been passed on to the {}, where {} are decided.",
            d.name().to_lowercase(),
            d.decides()
        ),
        None => "It has been passed to the project lead, who decides where it goes.".to_owned(),
    };
    format!("Your report is issue #{number}. It asks for something hypercare does not do{what}: hypercare fixes problems with the system as it went live. It is logged, not dropped. {whom}")
}

fn due_words(due: Option<Due>) -> String {
    match due {
        Some(Due {
            when,
            passed: false,
        }) => format!(" It is due to be resolved by {when}."),
        Some(Due { when, passed: true }) => {
            format!(
                " It was due to be resolved by {when}; it is late, and the team is still on it."
            )
        }
        None => String::new(),
    }
}

/// A name typed by the team, cut at 80 characters.
fn short(text: &str) -> String {
    const MOST: usize = 80;
    if text.chars().count() <= MOST {
        text.to_owned()
    } else {
        format!("{}\u{2026}", text.chars().take(MOST).collect::<String>())
    }
}

fn non_empty<'a>(text: &'a str, otherwise: &'a str) -> &'a str {
    if text.trim().is_empty() {
        otherwise
    } else {
        text.trim()
    }
}
