//! A shared snapshot: one document of an engagement (the charter, the withdrawal plan with its
//! handoff, or the signed exit review) frozen with what a reader in another browser needs to
//! show it read-only and to save it there. Share links carry one of these (see `crate::share`).
//!
//! The documents are the domain's own types, so a snapshot says exactly what the engagement
//! holds; `schema` is the engagement schema those types were written with (as in a stored
//! record), so a later Handrail can migrate an old snapshot the way it migrates old records.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::charter::{ApprovedRevision, Charter, CharterDraft};
use super::exit::review::ExitReview;
use super::withdrawal::WithdrawalPlan;
use super::{Engagement, EngagementDetails, EngagementId};

mod apply;
mod compare;
pub use apply::{apply, ApplyRefusal, SnapshotChange};
pub use compare::{compare, Comparison};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The engagement schema the documents below are written in.
    pub schema: u32,
    pub engagement: SharedEngagement,
    pub source: Source,
    pub document: SharedDocument,
}

/// Who the document belongs to: enough to list it, and to recognise it in another browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SharedEngagementWire")]
pub struct SharedEngagement {
    pub id: EngagementId,
    #[serde(flatten)]
    pub details: EngagementDetails,
}

/// Read flat, as it is written: serde's `flatten` on reading costs far more code than this
/// (see `engagement_wire.rs`).
#[derive(Deserialize)]
struct SharedEngagementWire {
    id: EngagementId,
    name: String,
    system: String,
    go_live: chrono::NaiveDate,
}

impl From<SharedEngagementWire> for SharedEngagement {
    fn from(w: SharedEngagementWire) -> Self {
        let (name, system, go_live) = (w.name, w.system, w.go_live);
        Self {
            id: w.id,
            details: EngagementDetails {
                name,
                system,
                go_live,
            },
        }
    }
}

/// Where the snapshot came from: the exporting browser's record of the engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The record's save counter when it was shared.
    pub revision: u64,
    /// When that record was saved.
    pub saved_at: DateTime<Utc>,
    /// The engagement's last change, to order a snapshot against a local copy.
    pub updated_at: DateTime<Utc>,
}

/// The charter as shared: the draft being worked on, or one approved revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SharedCharter {
    Draft(CharterDraft),
    Revision(ApprovedRevision),
}

impl SharedCharter {
    pub fn charter(&self) -> &Charter {
        match self {
            Self::Draft(d) => &d.charter,
            Self::Revision(r) => &r.charter,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SharedDocument {
    Charter(SharedCharter),
    /// The plan with its handoff, and the charter it was made from (its weeks, dates and
    /// severities mean nothing without it).
    Plan {
        plan: WithdrawalPlan,
        charter: SharedCharter,
    },
    /// The signed review; its frozen Markdown is the whole review as signed.
    ExitReview(ExitReview),
    /// An issued steering report, as the Markdown frozen when it was issued: read-only.
    SteeringReport {
        number: u32,
        frozen_markdown: String,
    },
}

/// Why a document cannot be shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareError {
    NoCharter,
    NoRevision(u32),
    NoPlan,
    /// Only a signed review is final enough to hand around.
    ReviewNotSigned,
    /// No issued steering report of this number.
    NoSteeringReport(u32),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoCharter => f.write_str("There is no charter to share yet."),
            Self::NoRevision(n) => write!(f, "There is no approved revision {n}."),
            Self::NoPlan => f.write_str("There is no withdrawal plan to share yet."),
            Self::ReviewNotSigned => {
                f.write_str("The exit review can be shared once it is signed.")
            }
            Self::NoSteeringReport(n) => write!(f, "There is no issued steering report {n}."),
        }
    }
}

/// What to share from an engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareWhat {
    CharterDraft,
    CharterRevision(u32),
    Plan,
    ExitReview,
    SteeringReport(u32),
}

/// The frozen Markdown of issued steering report `number`, read from the engagement's JSON by
/// path: the report's typed reader stays in the report's lazy part.
pub(super) fn steering_markdown(engagement: &Engagement, number: u32) -> Option<String> {
    let reports = engagement.steering.as_ref()?.get("reports")?.as_array()?;
    reports.iter().find_map(|report| {
        let issued = report.get("issued")?;
        (issued.get("number")?.as_u64()? == u64::from(number))
            .then(|| issued.get("frozen_markdown")?.as_str().map(str::to_owned))
            .flatten()
    })
}

impl Snapshot {
    /// Takes the chosen document out of an engagement as stored: `schema`, `revision` and
    /// `saved_at` are the stored record's.
    pub fn of(
        engagement: &Engagement,
        what: ShareWhat,
        schema: u32,
        revision: u64,
        saved_at: DateTime<Utc>,
    ) -> Result<Self, ShareError> {
        let file = &engagement.charter;
        let in_force = || -> Result<SharedCharter, ShareError> {
            match (file.latest(), &file.draft) {
                (Some(r), _) => Ok(SharedCharter::Revision(r.clone())),
                (None, Some(d)) => Ok(SharedCharter::Draft(d.clone())),
                (None, None) => Err(ShareError::NoCharter),
            }
        };
        let document = match what {
            ShareWhat::CharterDraft => SharedDocument::Charter(SharedCharter::Draft(
                file.draft.clone().ok_or(ShareError::NoCharter)?,
            )),
            ShareWhat::CharterRevision(n) => SharedDocument::Charter(SharedCharter::Revision(
                file.revisions
                    .iter()
                    .find(|r| r.number == n)
                    .cloned()
                    .ok_or(ShareError::NoRevision(n))?,
            )),
            ShareWhat::Plan => SharedDocument::Plan {
                plan: engagement.withdrawal.clone().ok_or(ShareError::NoPlan)?,
                charter: in_force()?,
            },
            ShareWhat::ExitReview => match &engagement.exit_review {
                Some(r) if r.is_signed() => SharedDocument::ExitReview(r.clone()),
                _ => return Err(ShareError::ReviewNotSigned),
            },
            ShareWhat::SteeringReport(number) => SharedDocument::SteeringReport {
                number,
                frozen_markdown: steering_markdown(engagement, number)
                    .ok_or(ShareError::NoSteeringReport(number))?,
            },
        };
        Ok(Self {
            schema,
            engagement: SharedEngagement {
                id: engagement.id.clone(),
                details: engagement.details.clone(),
            },
            source: Source {
                revision,
                saved_at,
                updated_at: engagement.updated_at,
            },
            document,
        })
    }

    /// Where the snapshot came from, in plain words: "Shared snapshot of charter revision 2,
    /// approved 20 Feb 2027 by Daniel Okafor".
    pub fn provenance(&self) -> String {
        let saved = format!("saved {}", day(self.source.saved_at.date_naive()));
        match &self.document {
            SharedDocument::Charter(SharedCharter::Revision(r)) => format!(
                "Shared snapshot of charter revision {}, approved {} by {}",
                r.number,
                day(r.approval.date),
                r.approval.name
            ),
            SharedDocument::Charter(SharedCharter::Draft(_)) => {
                format!("Shared snapshot of the charter draft (not approved), {saved}")
            }
            SharedDocument::Plan { .. } => {
                format!("Shared snapshot of the withdrawal plan and handoff, {saved}")
            }
            SharedDocument::ExitReview(r) => format!(
                "Shared snapshot of the exit review, signed {} by {} and {}",
                r.signed_at
                    .map(|t| day(t.date_naive()))
                    .unwrap_or_else(|| "(not signed)".to_owned()),
                r.project_signature.name.trim(),
                r.business_signature.name.trim()
            ),
            SharedDocument::SteeringReport { number, .. } => {
                format!("Shared snapshot of steering report {number}, as issued; {saved}")
            }
        }
    }

    /// A short title for the document, for headings and the page title.
    pub fn title(&self) -> String {
        let name = &self.engagement.details.name;
        match &self.document {
            SharedDocument::Charter(_) => format!("Hypercare charter: {name}"),
            SharedDocument::Plan { .. } => format!("Withdrawal plan and handoff: {name}"),
            SharedDocument::ExitReview(_) => format!("Hypercare exit review: {name}"),
            SharedDocument::SteeringReport { number, .. } => {
                format!("Steering report {number}: {name}")
            }
        }
    }
}

impl Snapshot {
    /// What the browser tab says: "Charter revision 2 \u{b7} Acme CRM rollout \u{b7} shared
    /// snapshot", so a reader with several links open tells them apart.
    pub fn page_title(&self) -> String {
        let what = match &self.document {
            SharedDocument::Charter(SharedCharter::Revision(r)) => {
                format!("Charter revision {}", r.number)
            }
            SharedDocument::Charter(SharedCharter::Draft(_)) => "Charter draft".to_owned(),
            SharedDocument::Plan { .. } => "Withdrawal plan and handoff".to_owned(),
            SharedDocument::ExitReview(_) => "Signed exit review".to_owned(),
            SharedDocument::SteeringReport { number, .. } => format!("Steering report {number}"),
        };
        format!(
            "{what} \u{b7} {} \u{b7} shared snapshot",
            self.engagement.details.name
        )
    }
}

/// "20 Feb 2027": unambiguous in every locale, unlike 02/20.
fn day(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

#[cfg(test)]
mod apply_tests;
#[cfg(test)]
pub(crate) mod samples;
#[cfg(test)]
mod tests;
