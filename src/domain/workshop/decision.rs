//! Decisions taken in the room: what was decided, about what, recorded by whom and when. They
//! go into the engagement with the workshop, so the charter, the triage log and the exit
//! review can later show where a ruling came from.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Workshop;
use crate::domain::charter::ScopeCategory;

/// Longer than this is minutes, not a decision: the detail belongs in the step's notes.
pub const MAX_DECISION_CHARS: usize = 1000;

/// What a decision or a vote is about. The name is kept as it was at the time, so the record
/// still reads right after a category is renamed or an issue retitled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    ScopeCategory { id: String, name: String },
    Issue { number: u32, title: String },
    ExitCriterion { title: String },
}

impl Topic {
    pub fn scope_category(category: &ScopeCategory) -> Self {
        Self::ScopeCategory {
            id: category.id.clone(),
            name: category.name.trim().to_owned(),
        }
    }

    /// "Scope category “New report development”", "Issue #12 “Slow quotes”".
    pub fn describe(&self) -> String {
        match self {
            Self::ScopeCategory { name, .. } => format!("Scope category \u{201c}{name}\u{201d}"),
            Self::Issue { number, title } => format!("Issue #{number} \u{201c}{title}\u{201d}"),
            Self::ExitCriterion { title } => format!("Exit criterion \u{201c}{title}\u{201d}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Stable within its list, for merging and references (see `domain::item_id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The agenda step it was taken in.
    pub step: usize,
    pub text: String,
    #[serde(default)]
    pub topic: Option<Topic>,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
    /// The id of the dot vote the decision follows from, if any. Records saved before votes
    /// had ids hold the vote's position, read as `#<position>` and resolved to its id by
    /// [`Workshop::resolve_vote_positions`] as soon as the votes have ids.
    #[serde(default, deserialize_with = "vote_reference")]
    pub vote: Option<String>,
}

/// A decision's vote as stored: an id, or (before ids) a position in the workshop's votes.
/// A hand-written visitor rather than an untagged enum: those buffer their input in serde's
/// generic content tree, which would bring that whole machinery into the wasm.
fn vote_reference<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    struct Reference;
    impl serde::de::Visitor<'_> for Reference {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a vote's id or position")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E>(self, id: &str) -> Result<Self::Value, E> {
            Ok(Some(id.to_owned()))
        }
        fn visit_u64<E>(self, position: u64) -> Result<Self::Value, E> {
            Ok(Some(format!("{POSITION_MARK}{position}")))
        }
    }
    deserializer.deserialize_any(Reference)
}

/// Marks a vote reference that is still a position (ids never start with it).
const POSITION_MARK: char = '#';

/// The decision form as typed in the console.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionForm {
    pub text: String,
    pub topic: Option<Topic>,
    pub recorded_by: String,
    pub vote: Option<usize>,
}

/// One message per field, shown beside the field it belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionError {
    pub text: Option<String>,
    pub recorded_by: Option<String>,
    pub vote: Option<String>,
}

impl std::fmt::Display for DecisionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let messages: Vec<&str> = [&self.text, &self.recorded_by, &self.vote]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        f.write_str(&messages.join(" "))
    }
}

impl Workshop {
    /// Records a decision in the step on screen. Allowed after the end too: a decision
    /// remembered on the way out of the room still belongs to the meeting.
    pub fn record_decision(
        &mut self,
        form: &DecisionForm,
        now: DateTime<Utc>,
    ) -> Result<usize, DecisionError> {
        let text = form.text.trim();
        let recorded_by = form.recorded_by.trim();
        let mut error = DecisionError::default();
        if text.is_empty() {
            error.text = Some("Write what was decided.".to_owned());
        } else if text.chars().count() > MAX_DECISION_CHARS {
            error.text = Some(format!(
                "Keep the decision under {MAX_DECISION_CHARS} characters; put the detail in the step\u{2019}s notes."
            ));
        }
        if recorded_by.is_empty() {
            error.recorded_by = Some("Enter who records the decision.".to_owned());
        }
        let vote = match form.vote {
            None => None,
            Some(position) => match self.votes.get(position) {
                // A vote not saved yet has no id: its place stands in until the save.
                Some(vote) if vote.id.is_empty() => Some(format!("{POSITION_MARK}{position}")),
                Some(vote) => Some(vote.id.clone()),
                None => {
                    error.vote = Some("That vote is not part of this workshop.".to_owned());
                    None
                }
            },
        };
        if error != DecisionError::default() {
            return Err(error);
        }
        self.decisions.push(Decision {
            id: String::new(),
            step: self.current,
            text: text.to_owned(),
            topic: form.topic.clone(),
            recorded_by: recorded_by.to_owned(),
            recorded_at: now,
            vote,
        });
        Ok(self.decisions.len() - 1)
    }

    /// Takes back a decision recorded by mistake.
    pub fn remove_decision(&mut self, index: usize) -> Option<Decision> {
        (index < self.decisions.len()).then(|| self.decisions.remove(index))
    }

    /// Records a revealed vote's result as a decision about what the vote was about (a scope
    /// category, say), citing the vote, so the record shows how the room decided.
    pub fn record_vote_result(
        &mut self,
        vote: usize,
        recorded_by: &str,
        now: DateTime<Utc>,
    ) -> Result<usize, DecisionError> {
        let refuse = |message: &str| DecisionError {
            vote: Some(message.to_owned()),
            ..DecisionError::default()
        };
        let Some(held) = self.votes.get(vote) else {
            return Err(refuse("That vote is not part of this workshop."));
        };
        let Some(result) = held.result() else {
            return Err(refuse("Reveal the vote before recording its result."));
        };
        let text = match &held.topic {
            Some(topic) => format!("{}: {}", topic.describe(), result.summary()),
            None => format!("{} {}", held.question, result.summary()),
        };
        let form = DecisionForm {
            text,
            topic: held.topic.clone(),
            recorded_by: recorded_by.to_owned(),
            vote: Some(vote),
        };
        self.record_decision(&form, now)
    }

    /// Whether a decision cites the vote at `position`.
    pub fn vote_decided(&self, position: usize) -> bool {
        self.votes.get(position).is_some_and(|vote| {
            self.decisions
                .iter()
                .any(|d| d.vote.as_deref() == Some(vote.id.as_str()))
        })
    }

    /// Turns vote references stored as positions into the votes' ids (the votes must have
    /// ids by now). A position past the end is dropped: it cited nothing readable.
    pub(crate) fn resolve_vote_positions(&mut self) {
        let votes = &self.votes;
        for decision in &mut self.decisions {
            let position = decision
                .vote
                .as_deref()
                .and_then(|v| v.strip_prefix(POSITION_MARK))
                .map(|p| p.parse::<usize>().ok());
            if let Some(position) = position {
                decision.vote = position
                    .and_then(|p| votes.get(p))
                    .map(|vote| vote.id.clone())
                    .filter(|id| !id.is_empty());
            }
        }
    }

    pub fn decisions_in_step(&self, step: usize) -> impl Iterator<Item = &Decision> {
        self.decisions.iter().filter(move |d| d.step == step)
    }
}
