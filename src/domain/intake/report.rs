//! One report as a reporter sends it: what went wrong, in their words, and how to reach them.
//! Short keys on the wire: the whole report travels inside a link.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::triage::issue::TicketField;

/// The most a report may say in all its fields together, so that its link stays one a mail or
/// chat tool passes on whole (about 6,000 characters at most).
pub const MAX_REPORT_CHARS: usize = 4_000;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Report {
    /// Random, made by the reporter's phone when the report is sent: what recognises the same
    /// report arriving twice, and what a status sent back refers to.
    #[serde(rename = "i")]
    pub id: String,
    /// The engagement the report link was for.
    #[serde(rename = "e")]
    pub engagement: String,
    /// When the reporter pressed "Send": the issue's reported time, which starts its clocks.
    /// Unix seconds on the wire: shorter than RFC 3339, and the report page needs no parser.
    #[serde(rename = "t", with = "chrono::serde::ts_seconds")]
    pub sent_at: DateTime<Utc>,
    #[serde(rename = "f")]
    pub fields: ReportFields,
    /// The send time as the phone's clock had it, when that was impossible and was corrected
    /// (see [`Report::within`]). Never on the wire.
    #[serde(skip)]
    pub phone_clock: Option<DateTime<Utc>>,
}

/// What the reporter typed. Only `what` and `name` are required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportFields {
    #[serde(rename = "w", skip_serializing_if = "String::is_empty")]
    pub what: String,
    #[serde(rename = "p", skip_serializing_if = "String::is_empty")]
    pub place: String,
    #[serde(rename = "x", skip_serializing_if = "String::is_empty")]
    pub expected: String,
    #[serde(rename = "s", skip_serializing_if = "String::is_empty")]
    pub steps: String,
    #[serde(rename = "a", skip_serializing_if = "String::is_empty")]
    pub affected: String,
    #[serde(rename = "k", skip_serializing_if = "String::is_empty")]
    pub workaround: String,
    #[serde(rename = "r", skip_serializing_if = "String::is_empty")]
    pub references: String,
    #[serde(rename = "n", skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(rename = "c", skip_serializing_if = "String::is_empty")]
    pub contact: String,
}

/// One question of the form, in the order the form asks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportField {
    What,
    Place,
    Expected,
    Steps,
    Affected,
    Workaround,
    References,
    Name,
    Contact,
}

impl ReportField {
    pub const ALL: [Self; 9] = [
        Self::What,
        Self::Place,
        Self::Expected,
        Self::Steps,
        Self::Affected,
        Self::Workaround,
        Self::References,
        Self::Name,
        Self::Contact,
    ];

    /// The label on the form, in the issue's description and in its ticket details.
    pub fn label(self) -> &'static str {
        match self {
            Self::What => "What went wrong",
            Self::Place => "Where (process or screen)",
            Self::Expected => "What you expected",
            Self::Steps => "Steps to see it",
            Self::Affected => "How many people are affected",
            Self::Workaround => "Is there a workaround",
            Self::References => "Reference numbers (order, invoice)",
            Self::Name => "Your name",
            Self::Contact => "How to reach you (mail or phone)",
        }
    }

    /// A stable name for the form's inputs and the draft kept on the phone.
    pub fn key(self) -> &'static str {
        match self {
            Self::What => "what",
            Self::Place => "place",
            Self::Expected => "expected",
            Self::Steps => "steps",
            Self::Affected => "affected",
            Self::Workaround => "workaround",
            Self::References => "references",
            Self::Name => "name",
            Self::Contact => "contact",
        }
    }

    pub fn required(self) -> bool {
        matches!(self, Self::What | Self::Name)
    }

    /// Answers that run over several lines get a text area.
    pub fn long(self) -> bool {
        matches!(self, Self::What | Self::Expected | Self::Steps)
    }

    /// The most characters one answer may have.
    pub fn max_chars(self) -> usize {
        match self {
            Self::What | Self::Steps => 2_000,
            Self::Expected => 1_000,
            Self::Workaround => 500,
            Self::References | Self::Place => 300,
            Self::Contact => 200,
            Self::Name | Self::Affected => 100,
        }
    }
}

impl ReportFields {
    pub fn get(&self, field: ReportField) -> &str {
        match field {
            ReportField::What => &self.what,
            ReportField::Place => &self.place,
            ReportField::Expected => &self.expected,
            ReportField::Steps => &self.steps,
            ReportField::Affected => &self.affected,
            ReportField::Workaround => &self.workaround,
            ReportField::References => &self.references,
            ReportField::Name => &self.name,
            ReportField::Contact => &self.contact,
        }
    }

    pub fn set(&mut self, field: ReportField, value: String) {
        let slot = match field {
            ReportField::What => &mut self.what,
            ReportField::Place => &mut self.place,
            ReportField::Expected => &mut self.expected,
            ReportField::Steps => &mut self.steps,
            ReportField::Affected => &mut self.affected,
            ReportField::Workaround => &mut self.workaround,
            ReportField::References => &mut self.references,
            ReportField::Name => &mut self.name,
            ReportField::Contact => &mut self.contact,
        };
        *slot = value;
    }

    /// What is wrong with the answers, each with its question, in the form's order; empty when
    /// the report can be sent.
    pub fn problems(&self) -> Vec<(ReportField, String)> {
        let mut problems = Vec::new();
        for field in ReportField::ALL {
            let value = self.get(field);
            let chars = value.chars().count();
            if field.required() && value.trim().is_empty() {
                problems.push((field, format!("{} is needed.", field.label())));
            } else if chars > field.max_chars() {
                problems.push((
                    field,
                    format!(
                        "{} is {chars} characters long; at most {} fit in a report.",
                        field.label(),
                        field.max_chars()
                    ),
                ));
            }
        }
        if problems.is_empty() && self.total_chars() > MAX_REPORT_CHARS {
            problems.push((
                ReportField::What,
                format!(
                    "The report is {} characters long; at most {MAX_REPORT_CHARS} fit in one. Shorten the longest answer, or send two reports.",
                    self.total_chars()
                ),
            ));
        }
        problems
    }

    pub fn total_chars(&self) -> usize {
        ReportField::ALL
            .iter()
            .map(|f| self.get(*f).chars().count())
            .sum()
    }

    /// The answers given, as a ticket's fields: label and value, in the form's order.
    pub fn answered(&self) -> Vec<TicketField> {
        ReportField::ALL
            .iter()
            .filter(|f| !self.get(**f).trim().is_empty())
            .map(|f| TicketField {
                name: f.label().to_owned(),
                value: self.get(*f).trim().to_owned(),
            })
            .collect()
    }
}

impl Report {
    /// The report with its send time moved into what is possible: not before the team's key
    /// existed (nothing could be sealed for it earlier) and not after `now`. A phone's clock can
    /// be hours or years off; its own time is kept in `phone_clock` for the issue to show.
    pub fn within(mut self, earliest: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        let possible = self.sent_at.clamp(earliest.min(now), now);
        if possible != self.sent_at {
            self.phone_clock = Some(self.sent_at);
            self.sent_at = possible;
        }
        self
    }

    /// The issue's title: the first line of what went wrong, cut at a word near 100 characters.
    pub fn title(&self) -> String {
        const TITLE_CHARS: usize = 100;
        let first_line = self
            .fields
            .what
            .trim()
            .lines()
            .next()
            .unwrap_or_default()
            .trim();
        if first_line.chars().count() <= TITLE_CHARS {
            return first_line.to_owned();
        }
        let cut: String = first_line.chars().take(TITLE_CHARS).collect();
        let at_word = cut
            .rfind(' ')
            .filter(|&i| i > TITLE_CHARS / 2)
            .unwrap_or(cut.len());
        format!("{}\u{2026}", cut[..at_word].trim_end())
    }

    /// The issue's description: every answer under its question, so nothing the reporter said
    /// needs the report itself again.
    pub fn description(&self) -> String {
        self.fields
            .answered()
            .iter()
            .map(|f| format!("{}:\n{}", f.name, f.value))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The reporter as triage shows them: the name, with how to reach them.
    pub fn reporter(&self) -> String {
        let name = self.fields.name.trim();
        match self.fields.contact.trim() {
            "" => name.to_owned(),
            contact => format!("{name} ({contact})"),
        }
    }

    /// A short form of the id, for receipts and messages: "R-4KQ7-9ZXD".
    pub fn reference(&self) -> String {
        reference(&self.id)
    }
}

/// "R-" and the id's first eight characters in two groups of four, upper case.
pub fn reference(id: &str) -> String {
    let short: String = id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect::<String>()
        .to_ascii_uppercase();
    if short.len() > 4 {
        format!("R-{}-{}", &short[..4], &short[4..])
    } else {
        format!("R-{short}")
    }
}
