//! Which service desk wrote an export, and what its columns mean to Handrail. The defaults
//! come from each tool's documented export headers (field names such as `short_description`
//! or labels such as "Short description"); every choice can be changed, and is saved with the
//! engagement so that tomorrow's file is read the same way.
use serde::{Deserialize, Serialize};

use crate::domain::charter::SeverityLevel;
use crate::domain::keyed::keyed;
use crate::domain::triage::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    ServiceNow,
    Jira,
    #[default]
    Other,
}

keyed!(Source {
    ServiceNow => "service_now", "ServiceNow";
    Jira => "jira", "Jira Service Management";
    Other => "other", "another service desk";
});

/// What a column can mean to Handrail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Key,
    Title,
    Description,
    Reported,
    Updated,
    Resolved,
    Reporter,
    Assignee,
    Priority,
    State,
    Category,
}

keyed!(Target {
    Key => "key", "Ticket key";
    Title => "title", "Title";
    Description => "description", "Description";
    Reported => "reported", "Reported at";
    Updated => "updated", "Updated at";
    Resolved => "resolved", "Resolved at";
    Reporter => "reporter", "Reported by";
    Assignee => "assignee", "Assigned to";
    Priority => "priority", "Priority";
    State => "state", "State";
    Category => "category", "Category";
});

impl Target {
    /// Without these a row cannot become an issue, or be found again tomorrow.
    pub fn required(self) -> bool {
        matches!(self, Self::Key | Self::Title)
    }
}

/// Header spellings per target, lower case: the field names and the labels each tool exports.
fn spellings(source: Source, target: Target) -> &'static [&'static str] {
    use Target::*;
    match (source, target) {
        (Source::ServiceNow, Key) => &["number"],
        (Source::ServiceNow, Title) => &["short_description", "short description"],
        (Source::ServiceNow, Reported) => &["opened_at", "opened"],
        (Source::ServiceNow, Updated) => &["sys_updated_on", "updated"],
        (Source::ServiceNow, Resolved) => &["resolved_at", "resolved"],
        (Source::ServiceNow, Reporter) => &["caller_id", "caller", "opened_by", "opened by"],
        (Source::ServiceNow, Assignee) => &["assigned_to", "assigned to"],
        (Source::ServiceNow, State) => &["state", "incident_state", "incident state"],
        (Source::Jira, Key) => &["issue key"],
        (Source::Jira, Title) => &["summary"],
        (Source::Jira, Reported) => &["created"],
        (Source::Jira, Updated) => &["updated"],
        (Source::Jira, Resolved) => &["resolved"],
        (Source::Jira, Reporter) => &["reporter"],
        (Source::Jira, Assignee) => &["assignee"],
        (Source::Jira, State) => &["status"],
        (Source::Jira, Category) => &["request type", "custom field (request type)", "issue type"],
        (Source::Other, Key) => &["key", "ticket", "id", "number", "issue key"],
        (Source::Other, Title) => &["title", "summary", "subject", "short description"],
        (Source::Other, Reported) => &["reported at", "created", "opened", "opened at"],
        (Source::Other, Updated) => &["updated", "updated at", "last updated", "modified"],
        (Source::Other, Resolved) => &["resolved", "resolved at", "closed"],
        (Source::Other, Reporter) => &["reported by", "reporter", "caller", "requester"],
        (Source::Other, Assignee) => &["assignee", "assigned to"],
        (Source::Other, State) => &["state", "status"],
        (_, Description) => &["description"],
        (_, Priority) => &["priority"],
        (_, Category) => &["category"],
    }
}

/// The tool that wrote a header: Jira names "Issue key" and "Summary", ServiceNow "Number" and
/// the short description (as a field name or a label).
pub fn recognise(header: &[String]) -> Source {
    let has = |name: &str| header.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
    if has("issue key") && has("summary") {
        Source::Jira
    } else if has("number") && (has("short_description") || has("short description")) {
        Source::ServiceNow
    } else {
        Source::Other
    }
}

/// A target and the header of the column that holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappedColumn {
    pub target: Target,
    pub header: String,
}

/// What each column means; a target without a column is simply not read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Mapping {
    pub columns: Vec<MappedColumn>,
}

impl Mapping {
    /// The defaults for a source: for each target, the first header spelled as that tool does.
    pub fn defaults(source: Source, header: &[String]) -> Self {
        let columns = Target::ALL
            .into_iter()
            .filter_map(|target| {
                let found = spellings(source, target).iter().find_map(|spelling| {
                    header
                        .iter()
                        .find(|h| h.trim().eq_ignore_ascii_case(spelling))
                })?;
                Some(MappedColumn {
                    target,
                    header: found.trim().to_owned(),
                })
            })
            .collect();
        Self { columns }
    }

    /// The header chosen for a target.
    pub fn header(&self, target: Target) -> Option<&str> {
        self.columns
            .iter()
            .find(|c| c.target == target)
            .map(|c| c.header.as_str())
    }

    /// Chooses a column for a target (an empty header: none).
    pub fn set(&mut self, target: Target, header: &str) {
        self.columns.retain(|c| c.target != target);
        if !header.is_empty() {
            self.columns.push(MappedColumn {
                target,
                header: header.to_owned(),
            });
        }
    }

    /// The targets without a column that a row needs, and mapped headers the file lacks.
    pub fn problems(&self, header: &[String]) -> Vec<String> {
        let mut problems: Vec<String> = Target::ALL
            .into_iter()
            .filter(|t| t.required() && self.header(*t).is_none())
            .map(|t| {
                format!(
                    "choose the column that holds the \u{201c}{}\u{201d}",
                    t.name()
                )
            })
            .collect();
        for column in &self.columns {
            if !header.iter().any(|h| h.trim() == column.header) {
                problems.push(format!(
                    "the file has no column \u{201c}{}\u{201d} (chosen for the {})",
                    column.header,
                    column.target.name().to_lowercase()
                ));
            }
        }
        problems
    }
}

/// What a ticket's state means for Handrail's status of an in-scope issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    /// Open and not yet worked on: no status change (a closed issue is reopened).
    Open,
    InProgress,
    WaitingOnReporter,
    WaitingOnVendor,
    Resolved,
}

keyed!(TicketState {
    Open => "open", "Open (no change; reopens a resolved issue)";
    InProgress => "in_progress", "In progress";
    WaitingOnReporter => "waiting_on_reporter", "Waiting on reporter (clocks pause)";
    WaitingOnVendor => "waiting_on_vendor", "Waiting on vendor (clocks pause)";
    Resolved => "resolved", "Resolved";
});

impl TicketState {
    /// What the tools' usual state names mean: ServiceNow's New, In Progress, On Hold,
    /// Resolved, Closed, Canceled; Jira's Open, In Progress, Waiting for customer, Done.
    pub fn guess(state: &str) -> Self {
        let state = state.trim().to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| state.contains(w));
        // Jira Service Management's "Waiting for support": the customer answered, the team is
        // to act; it must not pause the clocks like "Waiting for customer".
        if has(&[
            "waiting for support",
            "waiting for agent",
            "waiting for service",
        ]) {
            Self::InProgress
        } else if has(&["resolv", "closed", "done", "cancel", "complete", "fixed"]) {
            Self::Resolved
        } else if has(&["vendor", "third party", "supplier", "change request"]) {
            Self::WaitingOnVendor
        } else if has(&["hold", "wait", "pending", "await"]) {
            Self::WaitingOnReporter
        } else if has(&[
            "progress", "active", "work", "assigned", "escalat", "review",
        ]) {
            Self::InProgress
        } else {
            Self::Open
        }
    }

    /// The status an in-scope issue takes, if any.
    pub fn status(self) -> Option<Status> {
        match self {
            Self::Open => None,
            Self::InProgress => Some(Status::InProgress),
            Self::WaitingOnReporter => Some(Status::WaitingOnReporter),
            Self::WaitingOnVendor => Some(Status::WaitingOnVendor),
            Self::Resolved => Some(Status::Resolved),
        }
    }
}

/// One value of a column and what it is taken for: a state and its meaning, or a priority and
/// the charter severity's id (empty: no severity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueChoice<T> {
    pub value: String,
    pub means: T,
}

/// The rank of a priority, 1 the most urgent: ServiceNow's "1 - Critical" ... "5 - Planning",
/// Jira's Highest ... Lowest, or the words alone.
pub fn priority_rank(priority: &str) -> Option<usize> {
    let p = priority.trim().to_lowercase();
    if let Some(digit) = p.chars().next().and_then(|c| c.to_digit(10)) {
        return Some(digit.clamp(1, 5) as usize);
    }
    let words = [
        (&["highest", "critical", "blocker", "urgent"][..], 1),
        (&["high", "major"][..], 2),
        (&["medium", "moderate", "normal"][..], 3),
        (&["lowest", "planning", "trivial"][..], 5),
        (&["low", "minor"][..], 4),
    ];
    words
        .iter()
        .find(|(names, _)| names.iter().any(|n| p.contains(n)))
        .map(|(_, rank)| *rank)
}

/// The charter severity a priority suggests: the rank's place among the severities, which
/// charters list from the most severe, the last for ranks past them.
pub fn guess_severity(priority: &str, severities: &[SeverityLevel]) -> String {
    priority_rank(priority)
        .and_then(|rank| severities.get((rank - 1).min(severities.len().saturating_sub(1))))
        .map(|s| s.id.clone())
        .unwrap_or_default()
}

/// How an engagement reads its service desk's exports, saved after each import.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ServiceDeskSettings {
    pub source: Source,
    pub mapping: Mapping,
    /// The zone the file's times are in (IANA name).
    pub zone: String,
    /// The service desk's address, for links back to the ticket: `https://acme.service-now.com`
    /// or `https://acme.atlassian.net`, or any address with `{key}` where the key goes.
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub states: Vec<ValueChoice<TicketState>>,
    #[serde(default)]
    pub priorities: Vec<ValueChoice<String>>,
}

impl ServiceDeskSettings {
    /// The settings an engagement keeps, if it has any: `Err` with the reason when what is
    /// stored cannot be read (a hand-edited backup), so the importer can say so.
    pub fn of(engagement: &crate::domain::Engagement) -> Result<Option<Self>, String> {
        engagement
            .service_desk
            .as_ref()
            .map(|value| Self::deserialize(value).map_err(|e| e.to_string()))
            .transpose()
    }

    /// Keeps these settings with the engagement, for the next import.
    pub fn keep_in(&self, engagement: &mut crate::domain::Engagement) {
        engagement.service_desk = serde_json::to_value(self).ok();
    }

    /// What a state means: as chosen, else as guessed.
    pub fn state_means(&self, state: &str) -> TicketState {
        self.states
            .iter()
            .find(|c| c.value == state)
            .map_or_else(|| TicketState::guess(state), |c| c.means)
    }

    /// The severity id a priority is taken for: as chosen, else as guessed.
    pub fn severity_for(&self, priority: &str, severities: &[SeverityLevel]) -> String {
        self.priorities
            .iter()
            .find(|c| c.value == priority)
            .map_or_else(|| guess_severity(priority, severities), |c| c.means.clone())
    }

    /// The address of a ticket in its service desk, when the address is known.
    pub fn ticket_link(&self, key: &str) -> Option<String> {
        let address = self.address.trim().trim_end_matches('/');
        if !(address.starts_with("https://") || address.starts_with("http://")) {
            return None;
        }
        let key: String = key
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        Some(if address.contains("{key}") {
            address.replace("{key}", &key)
        } else {
            match self.source {
                Source::Jira => format!("{address}/browse/{key}"),
                Source::ServiceNow => {
                    format!("{address}/nav_to.do?uri=task.do?sysparm_query=number={key}")
                }
                Source::Other => format!("{address}/{key}"),
            }
        })
    }
}
