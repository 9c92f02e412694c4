//! The hypercare charter: the agreement the whole hypercare period runs on. Triage and the
//! withdrawal plan read their rules from it. A charter is drafted step by step, approved by
//! project leadership (which freezes it), and changed afterwards only through a new revision
//! with a recorded reason; earlier revisions stay readable.
pub mod calendar;
pub mod escalation;
pub mod markdown;
pub mod problems;
pub mod sample;
pub mod scope;
pub mod service_levels;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

pub use calendar::{Holiday, WorkingCalendar};
pub use escalation::EscalationLevel;
pub use problems::{problems, Problem};
pub use scope::{DestinationContact, RoutingDestination, ScopeCategory};
pub use service_levels::{ClockMode, SeverityLevel};

/// The article recommends 2-4 weeks; outside that a reason must be written down.
pub const RECOMMENDED_WEEKS: std::ops::RangeInclusive<u32> = 2..=4;
/// Anything outside this is refused outright: hypercare is not a standing support model.
pub const ALLOWED_WEEKS: std::ops::RangeInclusive<u32> = 1..=8;

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CharterStep {
    Basics,
    Scope,
    ServiceLevels,
    Escalation,
    Routing,
    Review,
}

impl CharterStep {
    pub const ALL: [Self; 6] = [
        Self::Basics,
        Self::Scope,
        Self::ServiceLevels,
        Self::Escalation,
        Self::Routing,
        Self::Review,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::Basics => "Basics",
            Self::Scope => "Scope",
            Self::ServiceLevels => "Service levels",
            Self::Escalation => "Escalation path",
            Self::Routing => "Out-of-scope routing",
            Self::Review => "Review and approval",
        }
    }

    pub fn index(self) -> usize {
        Self::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or_default()
    }

    pub fn from_index(index: usize) -> Option<Self> {
        Self::ALL.get(index).copied()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charter {
    pub system: String,
    /// `YYYY-MM-DD` as typed; a draft may hold an unfinished value.
    pub go_live: String,
    /// `None` while the field is empty or not a whole number.
    pub duration_weeks: Option<u32>,
    /// Required when the duration is outside the recommended 2-4 weeks.
    pub duration_reason: String,
    pub calendar: WorkingCalendar,
    pub categories: Vec<ScopeCategory>,
    pub severities: Vec<SeverityLevel>,
    pub escalation: Vec<EscalationLevel>,
    pub destinations: Vec<DestinationContact>,
    /// The cells of the severity matrix this charter grades differently from the default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub severity_matrix: Vec<service_levels::MatrixCell>,
}

impl Charter {
    /// A new draft with the article's defaults.
    pub fn new(system: &str, go_live: NaiveDate, time_zone: &str) -> Self {
        Self {
            system: system.to_owned(),
            go_live: go_live.format("%Y-%m-%d").to_string(),
            duration_weeks: Some(4),
            duration_reason: String::new(),
            calendar: WorkingCalendar::office_hours(time_zone),
            categories: scope::default_categories(),
            severities: service_levels::default_severities(),
            escalation: escalation::default_escalation(),
            destinations: scope::default_destinations(),
            severity_matrix: Vec::new(),
        }
    }

    pub fn go_live_date(&self) -> Option<NaiveDate> {
        super::bounds::parse_date(&self.go_live)
    }

    /// The last day of hypercare: go-live plus the duration, the go-live day counting as day 1.
    pub fn end_date(&self) -> Option<NaiveDate> {
        let weeks = self.duration_weeks.filter(|w| ALLOWED_WEEKS.contains(w))?;
        self.go_live_date()?
            .checked_add_signed(Duration::days(i64::from(weeks) * 7 - 1))
    }

    /// The severity level with id `id`.
    pub fn severity(&self, id: &str) -> Option<&SeverityLevel> {
        self.severities.iter().find(|s| s.id == id)
    }

    pub fn in_scope(&self) -> impl Iterator<Item = &ScopeCategory> {
        self.categories.iter().filter(|c| c.in_scope)
    }

    pub fn out_of_scope(&self) -> impl Iterator<Item = &ScopeCategory> {
        self.categories.iter().filter(|c| !c.in_scope)
    }

    pub fn contact_for(&self, destination: RoutingDestination) -> Option<&DestinationContact> {
        self.destinations
            .iter()
            .find(|d| d.destination == destination)
    }

    /// Destinations some out-of-scope category is routed to, in their fixed order.
    pub fn destinations_in_use(&self) -> Vec<RoutingDestination> {
        RoutingDestination::ALL
            .into_iter()
            .filter(|d| self.out_of_scope().any(|c| c.destination == Some(*d)))
            .collect()
    }
}

/// Project leadership's approval of a charter revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub name: String,
    pub role: String,
    pub date: NaiveDate,
}

/// The approval form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalForm {
    pub name: String,
    pub role: String,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovedRevision {
    /// 1 for the first approved charter.
    pub number: u32,
    pub charter: Charter,
    pub approval: Approval,
    /// Why this revision was started (none for revision 1).
    pub reason: Option<String>,
}

/// A charter being drafted: the content, where the wizard stands, and, for a revision of an
/// approved charter, why it is being revised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharterDraft {
    pub charter: Charter,
    pub step: CharterStep,
    /// The furthest step reached; every step up to it can be jumped to.
    pub furthest: CharterStep,
    pub reason: Option<String>,
}

/// Everything about an engagement's charter, stored with the engagement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharterFile {
    pub draft: Option<CharterDraft>,
    /// Approved revisions, oldest first.
    pub revisions: Vec<ApprovedRevision>,
}

/// Where a charter stands, for badges and the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharterStatus {
    NotStarted,
    /// First draft, never approved.
    Draft,
    Approved {
        revision: u32,
    },
    /// An approved charter with a new revision being drafted.
    Revising {
        approved: u32,
    },
}

impl CharterStatus {
    pub fn describe(self) -> String {
        match self {
            Self::NotStarted => "Not started".to_owned(),
            Self::Draft => "Draft".to_owned(),
            Self::Approved { revision } => format!("Approved, revision {revision}"),
            Self::Revising { approved } => format!("Revision {} in draft", approved + 1),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CharterError {
    NoDraft,
    AlreadyDrafting,
    NotApproved,
    /// Approval refused while problems are open; they are listed.
    OpenProblems(Vec<Problem>),
    Approval {
        name: Option<String>,
        role: Option<String>,
        date: Option<String>,
    },
    ReasonRequired,
}

impl std::fmt::Display for CharterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoDraft => f.write_str("There is no draft to change."),
            Self::AlreadyDrafting => f.write_str("A draft is already open."),
            Self::NotApproved => f.write_str("The charter has not been approved yet."),
            Self::OpenProblems(list) => write!(
                f,
                "The charter cannot be approved while {} {} open.",
                crate::domain::words::count(list.len(), "problem", "problems"),
                crate::domain::words::is_are(list.len())
            ),
            Self::Approval { .. } => {
                f.write_str("Fill in who approves the charter, their role and the date.")
            }
            Self::ReasonRequired => f.write_str("Say why the charter is being revised."),
        }
    }
}

impl CharterFile {
    pub fn status(&self) -> CharterStatus {
        match (&self.draft, self.latest()) {
            (None, None) => CharterStatus::NotStarted,
            (Some(_), None) => CharterStatus::Draft,
            (None, Some(r)) => CharterStatus::Approved { revision: r.number },
            (Some(_), Some(r)) => CharterStatus::Revising { approved: r.number },
        }
    }

    pub fn latest(&self) -> Option<&ApprovedRevision> {
        self.revisions.last()
    }

    /// The rules in force: the latest approved revision, or else the draft (which screens
    /// using it flag as "not approved").
    pub fn in_force(&self) -> Option<&Charter> {
        self.latest()
            .map(|r| &r.charter)
            .or(self.draft.as_ref().map(|d| &d.charter))
    }

    pub fn start(&mut self, charter: Charter) -> Result<(), CharterError> {
        if self.draft.is_some() || !self.revisions.is_empty() {
            return Err(CharterError::AlreadyDrafting);
        }
        self.draft = Some(CharterDraft {
            charter,
            step: CharterStep::Basics,
            furthest: CharterStep::Basics,
            reason: None,
        });
        Ok(())
    }

    /// Approves the draft. Refused while any problem is open or the approval is incomplete.
    pub fn approve(&mut self, form: &ApprovalForm) -> Result<u32, CharterError> {
        let draft = self.draft.as_ref().ok_or(CharterError::NoDraft)?;
        let open = problems(&draft.charter);
        if !open.is_empty() {
            return Err(CharterError::OpenProblems(open));
        }
        let approval = parse_approval(form)?;
        let number = self.latest().map_or(1, |r| r.number + 1);
        let draft = self.draft.take().ok_or(CharterError::NoDraft)?;
        self.revisions.push(ApprovedRevision {
            number,
            charter: draft.charter,
            approval,
            reason: draft.reason,
        });
        Ok(number)
    }

    /// Opens a new revision of the approved charter, starting from its content.
    pub fn revise(&mut self, reason: &str) -> Result<(), CharterError> {
        if self.draft.is_some() {
            return Err(CharterError::AlreadyDrafting);
        }
        let latest = self.latest().ok_or(CharterError::NotApproved)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CharterError::ReasonRequired);
        }
        self.draft = Some(CharterDraft {
            charter: latest.charter.clone(),
            step: CharterStep::Basics,
            furthest: CharterStep::Review,
            reason: Some(reason.to_owned()),
        });
        Ok(())
    }

    /// Drops a revision in progress; the approved charter stays in force.
    pub fn abandon_revision(&mut self) -> Result<(), CharterError> {
        if self.revisions.is_empty() {
            return Err(CharterError::NotApproved);
        }
        self.draft.take().map(|_| ()).ok_or(CharterError::NoDraft)
    }
}

fn parse_approval(form: &ApprovalForm) -> Result<Approval, CharterError> {
    let required = |text: &str, message: &str| text.trim().is_empty().then(|| message.to_owned());
    let name = required(&form.name, "Enter the name of the person approving");
    let role = required(
        &form.role,
        "Enter their role, like \u{201c}Programme director\u{201d}",
    );
    let date = super::bounds::parse_date(&form.date);
    let date_error = date
        .is_none()
        .then(|| "Enter the date of approval".to_owned());
    match (name, role, date_error, date) {
        (None, None, None, Some(date)) => Ok(Approval {
            name: form.name.trim().to_owned(),
            role: form.role.trim().to_owned(),
            date,
        }),
        (name, role, date, _) => Err(CharterError::Approval { name, role, date }),
    }
}

#[cfg(test)]
mod tests;
