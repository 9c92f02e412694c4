//! The steering report (issue 26): the hypercare status a steering committee meets on, daily
//! in the first days and weekly after, compiled from the data for a period, with the lead's
//! "Decisions needed" and "Risks" as the only typed parts. Issuing freezes it like a signed
//! exit review: its figures and Markdown are stored as they were at the issue instant, and
//! never change afterwards, whatever happens to the data.
//!
//! The reports are kept in the engagement as plain JSON (`Engagement::steering`) and read only
//! here, inside the report's lazy part, so their reader is not in the first load.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub mod figures;
pub mod headline;
pub mod markdown;
pub mod period;
pub mod rating;
#[cfg(test)]
mod tests;

pub use figures::{compile, Figures, Sources};
pub use period::{period, Period, PeriodChoice};

/// The engagement's steering reports: issued ones, and at most one being prepared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SteeringFile {
    #[serde(default)]
    pub reports: Vec<SteeringReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SteeringReport {
    /// Stable, for team sync's merge of lists by id.
    pub id: String,
    pub period: PeriodChoice,
    #[serde(default)]
    pub decisions: String,
    #[serde(default)]
    pub risks: String,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Issued>,
}

/// What issuing froze.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    /// Issued reports are numbered 1, 2, ... in the order they were issued.
    pub number: u32,
    pub at: DateTime<Utc>,
    pub by: String,
    pub figures: Figures,
    /// The report as Markdown, written once at the issue instant.
    pub frozen_markdown: String,
}

impl SteeringFile {
    /// The reports kept in an engagement (`None`: none yet). A value this version cannot read
    /// is an error, never taken as "no reports": saving over it would lose them.
    pub fn of(kept: Option<&Value>) -> Result<Self, String> {
        match kept {
            None => Ok(Self::default()),
            Some(value) => serde_json::from_value(value.clone()).map_err(|e| {
                format!("the steering reports kept with this engagement cannot be read ({e})")
            }),
        }
    }

    /// Writes the reports back into the engagement's slot.
    pub fn keep_in(&self, slot: &mut Option<Value>) {
        *slot = serde_json::to_value(self).ok();
    }

    /// The report being prepared, if any.
    pub fn draft(&self) -> Option<&SteeringReport> {
        self.reports.iter().find(|r| r.issued.is_none())
    }

    pub fn draft_mut(&mut self) -> Option<&mut SteeringReport> {
        self.reports.iter_mut().find(|r| r.issued.is_none())
    }

    /// Issued reports, latest first.
    pub fn issued(&self) -> Vec<&SteeringReport> {
        let mut list: Vec<_> = self.reports.iter().filter(|r| r.issued.is_some()).collect();
        list.sort_by_key(|r| std::cmp::Reverse(r.issued.as_ref().map(|i| (i.number, i.at))));
        list
    }

    /// Issued report `number`.
    pub fn by_number(&self, number: u32) -> Option<&SteeringReport> {
        self.reports
            .iter()
            .find(|r| r.issued.as_ref().is_some_and(|i| i.number == number))
    }

    /// Starts preparing a report for `period`, or moves the one being prepared to it (what the
    /// lead typed stays).
    pub fn prepare(&mut self, period: PeriodChoice, by: &str, now: DateTime<Utc>) {
        if let Some(draft) = self.draft_mut() {
            draft.period = period;
            return;
        }
        let id = format!(
            "report-{}",
            crate::domain::triage::stable_id(&[by.as_bytes(), now.to_rfc3339().as_bytes()])
        );
        self.reports.push(SteeringReport {
            id,
            period,
            decisions: String::new(),
            risks: String::new(),
            created_at: now,
            issued: None,
        });
    }

    /// Freezes the report being prepared with `figures` (compiled at `now`), compared with the
    /// latest issued report. Returns its number; `None` when nothing is being prepared.
    pub fn issue(&mut self, mut figures: Figures, by: &str, now: DateTime<Utc>) -> Option<u32> {
        let previous = self
            .issued()
            .first()
            .and_then(|r| r.issued.as_ref())
            .map(|i| (i.number, i.figures.clone()));
        let number = previous.as_ref().map_or(1, |(n, _)| n.saturating_add(1));
        if let Some((n, before)) = &previous {
            figures::compare(&mut figures, before, *n);
        }
        let draft = self.draft_mut()?;
        let frozen_markdown = markdown::markdown(
            &figures,
            &draft.decisions,
            &draft.risks,
            Some((number, now, by)),
        );
        draft.issued = Some(Issued {
            number,
            at: now,
            by: by.to_owned(),
            figures,
            frozen_markdown,
        });
        Some(number)
    }

    /// The figures a report being prepared would be compared with: the latest issued report's.
    pub fn latest_figures(&self) -> Option<(u32, &Figures)> {
        self.issued()
            .first()
            .and_then(|r| r.issued.as_ref())
            .map(|i| (i.number, &i.figures))
    }
}
