//! An issue and its event log. Nothing about an issue is stored twice: its current title,
//! classification, severity, status and routing are folded from the events on demand.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use super::error::{check_reported_at, TriageError, REPORT_TOLERANCE_MINUTES};
pub use super::status::{Status, Team};
use crate::domain::charter::{Charter, RoutingDestination};

/// One change to an issue. Stored internally tagged (`{"type": "logged", "title": …}`); read
/// through `change_wire.rs`, which keeps the reading code small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    try_from = "super::change_wire::ChangeWire"
)]
pub enum Change {
    /// Quick capture: just a title.
    Logged {
        title: String,
    },
    Described {
        title: String,
        description: String,
        reporter: String,
        reported_at: DateTime<Utc>,
        area: String,
    },
    Classified {
        category_id: String,
        in_scope: bool,
        rationale: String,
    },
    Severity {
        severity_id: String,
    },
    Routed {
        destination: RoutingDestination,
        overridden: bool,
    },
    Status {
        status: Status,
    },
    Transferred {
        owner: String,
        plan: String,
    },
    /// Who is working on the issue.
    WorkedBy {
        team: Team,
    },
    /// The issue's number changed: a number typed offline was taken on the team database by
    /// another issue first (see `docs/team-sync.md`).
    Renumbered {
        from: u32,
        to: u32,
    },
    /// The issue's ticket in a service desk, as its export read on import: every column of
    /// its row that had a value (see `service_desk`). Written when the issue is imported and
    /// again whenever a later export shows the ticket changed.
    Ticket {
        key: String,
        system: String,
        fields: Vec<TicketField>,
    },
    /// The team told the business where the issue stands (keeping the business informed:
    /// the severity's update cadence starts again from here).
    BusinessUpdate {
        text: String,
    },
    /// The person who signs the event was warned that a clock crossed a threshold. Written
    /// only where team sync carries it to their other devices, so that each person is told
    /// once (see `warning::first_warnings`); it changes nothing else about the issue.
    Warned {
        /// The crossing's key (issue identity, clock, threshold), as `warning::Crossing` has it.
        key: String,
        /// "response", "resolution" or "business update".
        clock: String,
        breach: bool,
        /// The tab that wrote it: one account's two devices noting a crossing in the same
        /// millisecond still write two events (an event's id is derived from its content).
        tab: String,
    },
}

/// One column of a service-desk ticket as exported: "State" = "In Progress". Stored as a
/// pair, `["State", "In Progress"]`: thousands of imported tickets share the browser's few
/// megabytes, and the field names would take a sixth of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(String, String)", into = "(String, String)")]
pub struct TicketField {
    pub name: String,
    pub value: String,
}

impl From<(String, String)> for TicketField {
    fn from((name, value): (String, String)) -> Self {
        Self { name, value }
    }
}

impl From<TicketField> for (String, String) {
    fn from(field: TicketField) -> Self {
        (field.name, field.value)
    }
}

/// The ticket an imported issue stands for, as the latest import read it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketView {
    pub key: String,
    /// The service desk's name: "ServiceNow", "Jira".
    pub system: String,
    pub fields: Vec<TicketField>,
}

impl TicketView {
    /// The value of a column, if the ticket had one.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.value.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueEvent {
    /// Stable across copies of the log: what team sync merges by (see `event_id.rs`). Events
    /// stored before ids existed read as empty and get their content id on load.
    #[serde(default)]
    pub id: String,
    pub at: DateTime<Utc>,
    /// Who made the change, as they named themselves in this browser (may be empty).
    pub by: String,
    pub change: Change,
    /// Why, when the change needs a reason (overrides, reclassification, status changes).
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Per engagement, from 1: "#12".
    pub number: u32,
    pub events: Vec<IssueEvent>,
}

/// The current state of an issue, folded from its events.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IssueView {
    pub number: u32,
    pub title: String,
    pub description: String,
    pub reporter: String,
    pub area: String,
    pub logged_at: Option<DateTime<Utc>>,
    pub reported_at: Option<DateTime<Utc>>,
    pub category_id: Option<String>,
    pub in_scope: Option<bool>,
    pub rationale: String,
    pub severity_id: Option<String>,
    pub destination: Option<RoutingDestination>,
    pub route_overridden: bool,
    pub status: Option<Status>,
    pub transfer_owner: String,
    pub transfer_plan: String,
    pub worked_by: Option<Team>,
    /// The service-desk ticket, for an imported issue.
    pub ticket: Option<TicketView>,
}

impl IssueView {
    pub fn status(&self) -> Status {
        self.status.unwrap_or(Status::New)
    }

    /// When the clocks start: the reported time if given, else when it was logged.
    pub fn clock_start(&self) -> Option<DateTime<Utc>> {
        self.reported_at.or(self.logged_at)
    }
}

/// One triage decision: the category, why, and then either the severity (in scope) or, for an
/// out-of-scope request, an optional other destination with the reason for overriding the charter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Triage<'a> {
    pub category_id: &'a str,
    pub rationale: &'a str,
    /// Needed when the category is in scope, ignored otherwise.
    pub severity_id: Option<&'a str>,
    /// Only read for an out-of-scope category: where to send it instead, and why.
    pub route_override: Option<(RoutingDestination, &'a str)>,
}

impl<'a> Triage<'a> {
    /// An in-scope classification with its severity.
    pub fn in_scope(category_id: &'a str, severity_id: &'a str) -> Self {
        Self {
            category_id,
            rationale: "",
            severity_id: Some(severity_id),
            route_override: None,
        }
    }

    /// An out-of-scope classification, routed as the charter says.
    pub fn out_of_scope(category_id: &'a str) -> Self {
        Self {
            category_id,
            rationale: "",
            severity_id: None,
            route_override: None,
        }
    }

    /// The same decision with the reason for the category.
    pub fn because(self, rationale: &'a str) -> Self {
        Self { rationale, ..self }
    }

    /// The same decision sent to `destination` instead of the charter's, for `why`.
    pub fn routed_to(self, destination: RoutingDestination, why: &'a str) -> Self {
        Self {
            route_override: Some((destination, why)),
            ..self
        }
    }
}

/// Puts issues in number order, the order an engagement keeps them in. One function for every
/// caller (loading, merging), so the wasm holds one sort for issues.
pub fn sort_by_number(issues: &mut [Issue]) {
    issues.sort_by_key(|issue| issue.number);
}

impl Issue {
    pub fn log(number: u32, title: &str, by: &str, at: DateTime<Utc>) -> Result<Self, TriageError> {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            return Err(TriageError::EmptyTitle);
        }
        Ok(Self {
            number,
            events: vec![IssueEvent::new(&[], at, by, Change::Logged { title }, "")],
        })
    }

    pub fn view(&self) -> IssueView {
        let mut view = IssueView {
            number: self.number,
            ..IssueView::default()
        };
        for event in &self.events {
            match &event.change {
                Change::Logged { title } => {
                    view.title = title.clone();
                    view.logged_at = Some(event.at);
                    view.status = Some(Status::New);
                }
                Change::Described {
                    title,
                    description,
                    reporter,
                    reported_at,
                    area,
                } => {
                    view.title = title.clone();
                    view.description = description.clone();
                    view.reporter = reporter.clone();
                    view.reported_at = Some(*reported_at);
                    view.area = area.clone();
                }
                Change::Classified {
                    category_id,
                    in_scope,
                    rationale,
                } => {
                    view.category_id = Some(category_id.clone());
                    view.in_scope = Some(*in_scope);
                    view.rationale = rationale.clone();
                    if !in_scope {
                        view.severity_id = None;
                    }
                }
                Change::Severity { severity_id } => view.severity_id = Some(severity_id.clone()),
                Change::Routed {
                    destination,
                    overridden,
                } => {
                    view.destination = Some(*destination);
                    view.route_overridden = *overridden;
                    view.status = Some(Status::Routed);
                }
                Change::WorkedBy { team } => view.worked_by = Some(*team),
                Change::Status { status } => view.status = Some(*status),
                Change::Transferred { owner, plan } => {
                    view.transfer_owner = owner.clone();
                    view.transfer_plan = plan.clone();
                    view.status = Some(Status::Transferred);
                }
                Change::Ticket {
                    key,
                    system,
                    fields,
                } => {
                    view.ticket = Some(TicketView {
                        key: key.clone(),
                        system: system.clone(),
                        fields: fields.clone(),
                    })
                }
                // The view's number is the issue's current one; updates to the business
                // count for the update clock only.
                Change::Renumbered { .. }
                | Change::BusinessUpdate { .. }
                | Change::Warned { .. } => {}
            }
        }
        view
    }

    fn push(&mut self, at: DateTime<Utc>, by: &str, change: Change, why: &str) {
        let event = IssueEvent::new(&self.events, at, by, change, why.trim());
        self.events.push(event);
    }

    /// Adds an event that happened elsewhere at `at` (a service desk's update), in time order:
    /// after every event at or before it, so the fold and the clocks read the log alike.
    pub(crate) fn insert_in_time_order(
        &mut self,
        at: DateTime<Utc>,
        by: &str,
        change: Change,
        why: &str,
    ) {
        let event = IssueEvent::new(&self.events, at, by, change, why.trim());
        let place = self.events.partition_point(|e| e.at <= at);
        self.events.insert(place, event);
    }

    /// Records the full description from the triage wizard, if anything changed.
    pub fn describe(
        &mut self,
        change: Change,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), TriageError> {
        let Change::Described {
            title,
            description,
            reporter,
            reported_at,
            area,
        } = &change
        else {
            return Ok(());
        };
        if title.trim().is_empty() {
            return Err(TriageError::EmptyTitle);
        }
        check_reported_at(*reported_at, at)?;
        let view = self.view();
        let differs = view.title != *title
            || view.description != *description
            || view.reporter != *reporter
            || view.reported_at != Some(*reported_at)
            || view.area != *area;
        if differs {
            self.push(at, by, change, "");
        }
        Ok(())
    }

    /// Classifies (or reclassifies) against the charter. In scope: the issue becomes triaged
    /// with a severity. Out of scope: it is routed to the charter's destination for its category,
    /// or to another one with a reason. Either way the earlier classification stays in the log.
    pub fn triage(
        &mut self,
        charter: &Charter,
        triage: Triage<'_>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), TriageError> {
        let Triage {
            category_id,
            rationale,
            severity_id,
            route_override,
        } = triage;
        let category = charter
            .categories
            .iter()
            .find(|c| c.id == category_id)
            .ok_or(TriageError::UnknownCategory)?;
        if category.in_scope {
            let severity_id = severity_id.ok_or(TriageError::UnknownSeverity)?;
            if !charter.severities.iter().any(|s| s.id == severity_id) {
                return Err(TriageError::UnknownSeverity);
            }
            let was = self.view();
            let reclassified = was.in_scope.is_some();
            self.push(
                at,
                by,
                Change::Classified {
                    category_id: category_id.to_owned(),
                    in_scope: true,
                    rationale: rationale.to_owned(),
                },
                "",
            );
            if was.severity_id.as_deref() != Some(severity_id) {
                self.push(
                    at,
                    by,
                    Change::Severity {
                        severity_id: severity_id.to_owned(),
                    },
                    "",
                );
            }
            if matches!(was.status(), Status::New | Status::Routed) || !reclassified {
                self.push(
                    at,
                    by,
                    Change::Status {
                        status: Status::Triaged,
                    },
                    "",
                );
            }
            Ok(())
        } else {
            let (destination, overridden, why) = match route_override {
                Some((_, why)) if why.trim().is_empty() => return Err(TriageError::ReasonRequired),
                Some((destination, why)) => {
                    (destination, Some(destination) != category.destination, why)
                }
                None => (
                    category.destination.ok_or(TriageError::UnknownCategory)?,
                    false,
                    "",
                ),
            };
            self.push(
                at,
                by,
                Change::Classified {
                    category_id: category_id.to_owned(),
                    in_scope: false,
                    rationale: rationale.to_owned(),
                },
                "",
            );
            self.push(
                at,
                by,
                Change::Routed {
                    destination,
                    overridden,
                },
                why,
            );
            Ok(())
        }
    }

    /// The current view of an issue triaged as in scope; the hypercare actions need one.
    fn in_scope_view(&self) -> Result<IssueView, TriageError> {
        let view = self.view();
        if view.in_scope == Some(true) {
            Ok(view)
        } else {
            Err(TriageError::NotTriaged)
        }
    }

    pub fn set_severity(
        &mut self,
        charter: &Charter,
        severity_id: &str,
        why: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), TriageError> {
        self.in_scope_view()?;
        if !charter.severities.iter().any(|s| s.id == severity_id) {
            return Err(TriageError::UnknownSeverity);
        }
        self.push(
            at,
            by,
            Change::Severity {
                severity_id: severity_id.to_owned(),
            },
            why,
        );
        Ok(())
    }

    pub fn set_status(
        &mut self,
        status: Status,
        why: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), TriageError> {
        let view = self.in_scope_view()?;
        let allowed = match status {
            Status::Reopened => view.status().is_closed(),
            Status::New | Status::Triaged | Status::Routed | Status::Transferred => false,
            _ => {
                !view.status().is_closed()
                    || status == Status::Resolved && view.status() != Status::Resolved
            }
        };
        if !allowed || view.status() == status {
            return Err(TriageError::StatusNotAllowed(status));
        }
        self.push(at, by, Change::Status { status }, why);
        Ok(())
    }

    /// Records an update to the business on an open in-scope issue, with what they were told:
    /// the severity's update cadence starts again from `at`.
    pub fn record_business_update(
        &mut self,
        text: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), TriageError> {
        let view = self.in_scope_view()?;
        if view.status().is_closed() {
            return Err(TriageError::StatusNotAllowed(view.status()));
        }
        let text = text.trim();
        if text.is_empty() {
            return Err(TriageError::EmptyUpdate);
        }
        let text = text.to_owned();
        self.push(at, by, Change::BusinessUpdate { text }, "");
        Ok(())
    }

    /// Notes that `by` was warned of a crossing (see `warning::first_warnings`), in the tab
    /// `tab`; returns the event's id.
    pub fn record_warned(
        &mut self,
        crossing: &super::warning::Crossing,
        tab: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> String {
        let change = Change::Warned {
            key: crossing.key.clone(),
            clock: crossing.clock.to_owned(),
            breach: crossing.breach,
            tab: tab.to_owned(),
        };
        self.push(at, by, change, "");
        self.events.last().map(|e| e.id.clone()).unwrap_or_default()
    }

    /// Records who is working on the issue (only when it changes).
    pub fn worked_by(
        &mut self,
        team: Team,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), TriageError> {
        let view = self.in_scope_view()?;
        if view.worked_by != Some(team) {
            self.push(at, by, Change::WorkedBy { team }, "");
        }
        Ok(())
    }

    pub fn transfer(
        &mut self,
        owner: &str,
        plan: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), TriageError> {
        let view = self.in_scope_view()?;
        if owner.trim().is_empty() || plan.trim().is_empty() {
            return Err(TriageError::TransferIncomplete);
        }
        if view.status().is_closed() {
            return Err(TriageError::StatusNotAllowed(Status::Transferred));
        }
        self.push(
            at,
            by,
            Change::Transferred {
                owner: owner.trim().to_owned(),
                plan: plan.trim().to_owned(),
            },
            "",
        );
        Ok(())
    }
}
