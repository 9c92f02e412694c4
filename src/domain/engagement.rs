//! An engagement is one go-live being supported: "Acme CRM rollout". Later parts (charter,
//! triage log, withdrawal plan, exit review) hang off it; this file holds its identity and the
//! rules for the details a user types in.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::charter::CharterFile;
use super::EngagementId;

/// Longest name or system text we accept: long enough for "Contoso Dynamics 365 Sales rollout,
/// wave 2 (EMEA)", short enough to fit a header on a phone.
pub const MAX_TEXT_LEN: usize = 100;
/// Go-live dates outside these years are almost certainly typing mistakes (e.g. "0202").
const EARLIEST_YEAR: i32 = 2000;
const LATEST_YEAR: i32 = 2100;

/// Stored with the details beside the other fields; read through `engagement_wire.rs`, which
/// keeps the reading code small (so a field added here is added there too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "super::engagement_wire::EngagementWire")]
pub struct Engagement {
    pub id: EngagementId,
    #[serde(flatten)]
    pub details: EngagementDetails,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The hypercare charter: drafts and approved revisions.
    pub charter: CharterFile,
    /// Everything users reported during hypercare, each with its event log. Kept in the
    /// engagement's record so a backup, an undo or another tab's change covers it too.
    pub issues: Vec<crate::domain::triage::Issue>,
    /// The progressive-withdrawal plan, once made from the charter.
    pub withdrawal: Option<crate::domain::withdrawal::WithdrawalPlan>,
    /// The exit review; once signed, the hypercare record is frozen.
    #[serde(default)]
    pub exit_review: Option<crate::domain::exit::review::ExitReview>,
    /// Thresholds and which exit criteria are mandatory, as the team set them.
    #[serde(default)]
    pub exit_criteria: crate::domain::exit::criteria::CriteriaSettings,
    /// Meetings run in workshop mode, with their notes, decisions and votes.
    #[serde(default)]
    pub workshops: Vec<crate::domain::workshop::Workshop>,
    /// How this engagement reads its service desk's exports, as last imported: a
    /// `service_desk::ServiceDeskSettings` kept as JSON, read only by the importer. Typed here,
    /// the settings' reader would be in the first load rather than in the importer's part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_desk: Option<serde_json::Value>,
    /// The steering reports: a `steering::SteeringFile` kept as JSON, read only inside the
    /// report's lazy part (typed here, its reader would be in the first load).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steering: Option<serde_json::Value>,
    /// How the business reports issues: an `intake::IntakeSettings` kept as JSON (welcome,
    /// mailbox, the team's keys), read only inside intake's lazy part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intake: Option<serde_json::Value>,
    /// Who made the last change (with team sync, the signed-in account): a merge of two heads
    /// changed on both sides keeps the later save's value, and says whose it was.
    #[serde(default)]
    pub updated_by: String,
    /// What merges of changes made on two devices replaced, until dismissed (see `sync`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merge_notices: Vec<crate::domain::sync::MergeNotice>,
}

impl Engagement {
    pub fn new(id: EngagementId, details: EngagementDetails, now: DateTime<Utc>) -> Self {
        Self {
            id,
            details,
            created_at: now,
            updated_at: now,
            charter: CharterFile::default(),
            issues: Vec::new(),
            withdrawal: None,
            exit_review: None,
            exit_criteria: Default::default(),
            workshops: Vec::new(),
            service_desk: None,
            steering: None,
            intake: None,
            updated_by: String::new(),
            merge_notices: Vec::new(),
        }
    }

    /// Replaces the details, keeping identity and creation time. A charter draft follows the
    /// new system and go-live date, so the two never disagree while the charter is open;
    /// approved revisions keep what was approved.
    pub fn with_details(&self, details: EngagementDetails, now: DateTime<Utc>) -> Self {
        let mut next = Self {
            details,
            updated_at: now,
            ..self.clone()
        };
        if let Some(draft) = next.charter.draft.as_mut() {
            draft.charter.system = next.details.system.clone();
            draft.charter.go_live = next.details.go_live.format("%Y-%m-%d").to_string();
        }
        next
    }

    /// Applies a change to the charter draft. When the draft's system and go-live are valid,
    /// the engagement's own details follow them, for the same reason as in `with_details`.
    pub fn edit_charter_draft(
        &self,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut super::charter::CharterDraft),
    ) -> Option<Self> {
        let mut next = self.clone();
        let draft = next.charter.draft.as_mut()?;
        change(draft);
        let system = draft
            .charter
            .system
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !system.is_empty() && system.chars().count() <= MAX_TEXT_LEN {
            next.details.system = system;
        }
        if let Some(go_live) = draft.charter.go_live_date() {
            next.details.go_live = go_live;
        }
        next.updated_at = now;
        Some(next)
    }

    /// Issue `number`; a number an issue had before team sync renumbered it still finds it
    /// (through the `renumbered` event in its history), so old links and notes keep working.
    pub fn issue(&self, number: u32) -> Option<&crate::domain::triage::Issue> {
        self.issue_by_number(number)
    }

    pub fn issue_by_number(&self, number: u32) -> Option<&crate::domain::triage::Issue> {
        self.issues.iter().find(|i| i.number == number).or_else(|| {
            self.issues
                .iter()
                .find(|i| i.former_numbers().any(|n| n == number))
        })
    }

    /// The current numbers of the issues that once had `number` and gave it up to another issue
    /// (team sync renumbers an issue logged offline under a number taken meanwhile), so that
    /// the page of a number people saw can point to where their issue went.
    pub fn moved_from(&self, number: u32) -> Vec<u32> {
        self.issues
            .iter()
            .filter(|i| i.number != number && i.former_numbers().any(|n| n == number))
            .map(|i| i.number)
            .collect()
    }

    /// The number the next logged issue gets; the numbers stop at the bound every door keeps
    /// (`bounds::MAX_NUMBER`), so a number never wraps round onto an issue that has it.
    pub fn next_issue_number(&self) -> Result<u32, crate::domain::triage::TriageError> {
        self.next_issue_number_beyond(std::iter::empty())
    }

    /// The same, past numbers `taken` outside this engagement's issues too: those of issue
    /// records stored here but damaged, which a new issue must never write over.
    pub fn next_issue_number_beyond(
        &self,
        taken: impl Iterator<Item = u32>,
    ) -> Result<u32, crate::domain::triage::TriageError> {
        let next = self
            .issues
            .iter()
            .map(|i| i.number)
            .chain(taken.filter(|n| u64::from(*n) <= super::bounds::MAX_NUMBER))
            .max()
            .unwrap_or(0)
            .saturating_add(1);
        if u64::from(next) > super::bounds::MAX_NUMBER {
            return Err(crate::domain::triage::TriageError::NumbersExhausted);
        }
        Ok(next)
    }

    /// The number the next workshop gets.
    pub fn next_workshop_number(&self) -> u32 {
        self.workshops.iter().map(|w| w.number).max().unwrap_or(0) + 1
    }

    /// Signed exit review: the hypercare record is frozen and the system is in business ownership.
    pub fn is_frozen(&self) -> bool {
        self.exit_review.as_ref().is_some_and(|r| r.is_signed())
    }

    pub fn name(&self) -> &str {
        &self.details.name
    }
}

/// The validated details of an engagement: what the create and edit forms produce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementDetails {
    pub name: String,
    pub system: String,
    pub go_live: NaiveDate,
}

/// The create/edit form exactly as typed. Parsing it is the only way to get
/// [`EngagementDetails`], so a bad value never reaches storage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementForm {
    pub name: String,
    pub system: String,
    /// As an `<input type="date">` gives it: `YYYY-MM-DD`, or empty.
    pub go_live: String,
}

/// One message per field, shown beside the field it belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormErrors {
    pub name: Option<String>,
    pub system: Option<String>,
    pub go_live: Option<String>,
}

impl FormErrors {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.system.is_none() && self.go_live.is_none()
    }

    /// In field order, for an error summary at the top of a form.
    pub fn messages(&self) -> Vec<(&'static str, String)> {
        [
            ("name", &self.name),
            ("system", &self.system),
            ("go_live", &self.go_live),
        ]
        .into_iter()
        .filter_map(|(field, message)| message.clone().map(|m| (field, m)))
        .collect()
    }
}

impl EngagementForm {
    pub fn from_details(details: &EngagementDetails) -> Self {
        Self {
            name: details.name.clone(),
            system: details.system.clone(),
            go_live: details.go_live.format("%Y-%m-%d").to_string(),
        }
    }

    /// Parses the form. `other_names` are the names of the *other* engagements in this browser:
    /// two engagements with the same name would be indistinguishable in the list.
    pub fn parse<'a>(
        &self,
        other_names: impl IntoIterator<Item = &'a str>,
    ) -> Result<EngagementDetails, FormErrors> {
        let name = collapse_spaces(&self.name);
        let system = collapse_spaces(&self.system);
        let mut errors = FormErrors {
            name: required_text(
                &name,
                "Enter a name for the engagement, like \u{201c}Acme CRM rollout\u{201d}",
            ),
            system: required_text(
                &system,
                "Enter the system going live, like \u{201c}Salesforce Sales Cloud\u{201d}",
            ),
            go_live: None,
        };
        if errors.name.is_none() {
            let taken = other_names
                .into_iter()
                .any(|other| other.trim().eq_ignore_ascii_case(&name));
            if taken {
                errors.name = Some(format!("There is already an engagement called \u{201c}{name}\u{201d}; choose another name"));
            }
        }
        let go_live = match parse_go_live(&self.go_live) {
            Ok(date) => Some(date),
            Err(message) => {
                errors.go_live = Some(message);
                None
            }
        };
        match go_live {
            Some(go_live) if errors.is_empty() => Ok(EngagementDetails {
                name,
                system,
                go_live,
            }),
            _ => Err(errors),
        }
    }
}

/// Trims and collapses runs of whitespace, so "  Acme   CRM " and "Acme CRM" are one name.
fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn required_text(text: &str, missing: &str) -> Option<String> {
    if text.is_empty() {
        Some(missing.to_owned())
    } else if text.chars().count() > MAX_TEXT_LEN {
        Some(format!(
            "Use at most {MAX_TEXT_LEN} characters (this has {})",
            text.chars().count()
        ))
    } else {
        None
    }
}

fn parse_go_live(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter the go-live date".to_owned());
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| "Enter the go-live date as a real date, like 2027-03-01".to_owned())?;
    let year = chrono::Datelike::year(&date);
    if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&year) {
        return Err(format!(
            "Enter a go-live date between {EARLIEST_YEAR} and {LATEST_YEAR}"
        ));
    }
    Ok(date)
}

/// Where an engagement stands relative to its go-live date, in whole calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoLivePhase {
    Upcoming { days: i64 },
    GoLiveToday,
    Live { days: i64 },
}

impl GoLivePhase {
    pub fn on(go_live: NaiveDate, today: NaiveDate) -> Self {
        let days = (today - go_live).num_days();
        match days {
            0 => Self::GoLiveToday,
            d if d < 0 => Self::Upcoming { days: -d },
            d => Self::Live { days: d },
        }
    }

    /// Plain words for the list and the overview: "Go-live in 12 days", "Live for 1 day".
    pub fn describe(self) -> String {
        match self {
            Self::Upcoming { days } => format!("Go-live in {}", plural_days(days)),
            Self::GoLiveToday => "Goes live today".to_owned(),
            Self::Live { days } => format!("Live for {}", plural_days(days)),
        }
    }
}

fn plural_days(days: i64) -> String {
    if days == 1 {
        "1 day".to_owned()
    } else {
        format!("{days} days")
    }
}

/// A file-name-safe form of a name: "Acme CRM: wave 2!" -> "acme-crm-wave-2" (at most 40
/// characters), for the files Handrail downloads.
pub fn slug(name: &str) -> String {
    let dashed: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let joined = dashed
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    joined.chars().take(40).collect()
}

/// The order engagements are listed in: the most recent go-live first, then by name, so the
/// go-live being supported now is at the top and older ones sink.
pub fn list_order(a: &Engagement, b: &Engagement) -> std::cmp::Ordering {
    b.details.go_live.cmp(&a.details.go_live).then_with(|| {
        a.details
            .name
            .to_lowercase()
            .cmp(&b.details.name.to_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::date;

    fn form(name: &str, system: &str, go_live: &str) -> EngagementForm {
        EngagementForm {
            name: name.into(),
            system: system.into(),
            go_live: go_live.into(),
        }
    }

    #[test]
    fn a_complete_form_parses_with_tidied_text() {
        let details = form("  Acme   CRM rollout ", "Salesforce", "2027-03-01")
            .parse([])
            .unwrap();
        assert_eq!(details.name, "Acme CRM rollout");
        assert_eq!(details.system, "Salesforce");
        assert_eq!(details.go_live, date("2027-03-01"));
    }

    #[test]
    fn every_missing_field_gets_its_own_message() {
        let errors = form(" ", "", "").parse([]).unwrap_err();
        assert!(errors.name.unwrap().contains("name"));
        assert!(errors.system.unwrap().contains("system"));
        assert!(errors.go_live.unwrap().contains("go-live date"));
    }

    #[test]
    fn impossible_and_implausible_dates_are_refused() {
        for bad in [
            "2027-02-30",
            "01/03/2027",
            "tomorrow",
            "1999-12-31",
            "2101-01-01",
        ] {
            let errors = form("A", "B", bad).parse([]).unwrap_err();
            assert!(errors.go_live.is_some(), "{bad}");
            assert!(errors.name.is_none() && errors.system.is_none());
        }
    }

    #[test]
    fn over_long_text_is_refused_with_its_length() {
        let long = "x".repeat(MAX_TEXT_LEN + 1);
        let errors = form(&long, "B", "2027-01-01").parse([]).unwrap_err();
        assert!(errors.name.unwrap().contains("101"));
        assert!(form(&"x".repeat(MAX_TEXT_LEN), "B", "2027-01-01")
            .parse([])
            .is_ok());
    }

    #[test]
    fn a_name_already_used_is_refused_ignoring_case() {
        let errors = form("acme crm", "B", "2027-01-01")
            .parse(["Acme CRM"])
            .unwrap_err();
        assert!(errors.name.unwrap().contains("already"));
        assert!(form("Acme CRM 2", "B", "2027-01-01")
            .parse(["Acme CRM"])
            .is_ok());
    }

    #[test]
    fn errors_are_listed_in_field_order() {
        let errors = form("", "", "").parse([]).unwrap_err();
        let fields: Vec<_> = errors.messages().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["name", "system", "go_live"]);
    }

    #[test]
    fn a_form_round_trips_through_details() {
        let details = form("Acme", "SAP", "2027-03-01").parse([]).unwrap();
        assert_eq!(
            EngagementForm::from_details(&details).parse([]).unwrap(),
            details
        );
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Acme CRM: wave 2!"), "acme-crm-wave-2");
        assert_eq!(slug("  "), "");
        assert_eq!(slug(&"x".repeat(60)).len(), 40);
    }

    #[test]
    fn go_live_phase_in_days() {
        let go_live = date("2027-03-10");
        assert_eq!(
            GoLivePhase::on(go_live, date("2027-03-01")),
            GoLivePhase::Upcoming { days: 9 }
        );
        assert_eq!(
            GoLivePhase::on(go_live, date("2027-03-10")),
            GoLivePhase::GoLiveToday
        );
        assert_eq!(
            GoLivePhase::on(go_live, date("2027-03-11")),
            GoLivePhase::Live { days: 1 }
        );
        assert_eq!(GoLivePhase::Live { days: 1 }.describe(), "Live for 1 day");
        assert_eq!(
            GoLivePhase::Upcoming { days: 9 }.describe(),
            "Go-live in 9 days"
        );
    }

    #[test]
    fn editing_keeps_identity_and_creation_time() {
        let t0 = DateTime::parse_from_rfc3339("2027-01-01T09:00:00Z")
            .unwrap()
            .to_utc();
        let t1 = DateTime::parse_from_rfc3339("2027-01-02T09:00:00Z")
            .unwrap()
            .to_utc();
        let id = EngagementId::from_random_bytes([1; 8]);
        let original = Engagement::new(
            id.clone(),
            form("A", "B", "2027-03-01").parse([]).unwrap(),
            t0,
        );
        let renamed = original.with_details(form("C", "B", "2027-03-01").parse([]).unwrap(), t1);
        assert_eq!(
            (renamed.id, renamed.created_at, renamed.updated_at),
            (id, t0, t1)
        );
        assert_eq!(renamed.details.name, "C");
    }

    #[test]
    fn list_puts_the_latest_go_live_first() {
        let t = DateTime::parse_from_rfc3339("2027-01-01T09:00:00Z")
            .unwrap()
            .to_utc();
        let make = |n: u8, name: &str, go: &str| {
            Engagement::new(
                EngagementId::from_random_bytes([n; 8]),
                form(name, "S", go).parse([]).unwrap(),
                t,
            )
        };
        let mut list = [
            make(1, "b", "2027-01-01"),
            make(2, "a", "2027-05-01"),
            make(3, "A first", "2027-01-01"),
        ];
        list.sort_by(list_order);
        let names: Vec<_> = list.iter().map(|e| e.name()).collect();
        assert_eq!(names, ["a", "A first", "b"]);
    }
}
