//! A previewed service-desk export made into issues: new tickets become untriaged issues that
//! keep their ticket; changed tickets get events at the ticket's updated time, so the clocks
//! follow what happened in the service desk. Handrail's own triage is never undone by a file:
//! a state or priority reaches the status and severity only of an issue triaged in scope.
use chrono::{DateTime, Duration, Utc};

use super::columns::{ServiceDeskSettings, Target, TicketState};
use super::plan::{before, RowPlan, TicketRow};
use crate::domain::charter::Charter;
use crate::domain::triage::issue::{Change, Issue, TriageError};
use crate::domain::triage::Status;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied {
    pub added: usize,
    pub updated: usize,
}

/// Applies the planned rows to an engagement's issues; new issues are numbered from `first`.
/// Refused and unchanged rows change nothing. Fails whole (the caller keeps the old issues)
/// if any issue would break a rule.
pub fn apply(
    rows: &[RowPlan],
    issues: &mut Vec<Issue>,
    first: u32,
    settings: &ServiceDeskSettings,
    charter: Option<&Charter>,
    by: &str,
    now: DateTime<Utc>,
) -> Result<Applied, TriageError> {
    let mut applied = Applied::default();
    let mut number = first;
    for planned in rows {
        match planned {
            RowPlan::New(row) => {
                if u64::from(number) > crate::domain::bounds::MAX_NUMBER {
                    return Err(TriageError::NumbersExhausted);
                }
                issues.push(new_issue(row, number, settings, by, now)?);
                number = number.checked_add(1).ok_or(TriageError::NumbersExhausted)?;
                applied.added += 1;
            }
            RowPlan::Updated {
                row,
                number,
                changes,
            } => {
                let Some(issue) = issues.iter_mut().find(|i| i.number == *number) else {
                    continue;
                };
                update_issue(issue, row, &said(changes), settings, charter, by, now)?;
                applied.updated += 1;
            }
            RowPlan::Unchanged { .. } | RowPlan::Refused { .. } => {}
        }
    }
    Ok(applied)
}

/// What changed, in words short enough for an event's reason: the first ten changes.
fn said(changes: &[String]) -> String {
    const SAID: usize = 10;
    let mut text = changes
        .iter()
        .take(SAID)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("; ");
    if changes.len() > SAID {
        text.push_str(&format!("; and {} more columns", changes.len() - SAID));
    }
    text
}

fn ticket(row: &TicketRow, settings: &ServiceDeskSettings) -> Change {
    Change::Ticket {
        key: row.key.clone(),
        system: settings.source.name().to_owned(),
        fields: row.fields.clone(),
    }
}

/// A new, untriaged issue: logged now, reported when the ticket was opened (which starts its
/// clocks once it is triaged), with its ticket.
fn new_issue(
    row: &TicketRow,
    number: u32,
    settings: &ServiceDeskSettings,
    by: &str,
    now: DateTime<Utc>,
) -> Result<Issue, TriageError> {
    let mut issue = Issue::log(number, &row.title, by, now)?;
    let description = Change::Described {
        title: issue.view().title,
        description: row.description.clone(),
        reporter: row.reporter.clone(),
        reported_at: row.reported_at.unwrap_or(now).min(now),
        area: row.category.clone(),
    };
    issue.describe(description, by, now)?;
    // The history says "Ticket … read from ServiceNow"; a reason would repeat it in every
    // one of thousands of records.
    issue.insert_in_time_order(now, by, ticket(row, settings), "");
    Ok(issue)
}

/// A known ticket that changed: its description where the ticket's changed (Handrail's own
/// edits to the others stay) and its new snapshot, now; for an in-scope issue the status and
/// severity its state and priority now mean, at the ticket's updated time, which the clocks
/// follow, but never before the team's latest decision on the issue (see [`after_team`]).
fn update_issue(
    issue: &mut Issue,
    row: &TicketRow,
    changes: &str,
    settings: &ServiceDeskSettings,
    charter: Option<&Charter>,
    by: &str,
    now: DateTime<Utc>,
) -> Result<(), TriageError> {
    let view = issue.view();
    let old = view.ticket.clone().unwrap_or_default().fields;
    // What the ticket's own columns said last time and say now: only a column the ticket
    // changed reaches the issue.
    let changed =
        |target: Target| before(&old, settings, target) != before(&row.fields, settings, target);
    let pick = |target: Target, new: &String, current: String| {
        if changed(target) {
            new.clone()
        } else {
            current
        }
    };
    let reported_at = match row.reported_at {
        Some(reported) if changed(Target::Reported) => reported.min(now),
        _ => view.clock_start().unwrap_or(now),
    };
    let described = Change::Described {
        title: pick(Target::Title, &row.title, view.title.clone()),
        description: pick(
            Target::Description,
            &row.description,
            view.description.clone(),
        ),
        reporter: pick(Target::Reporter, &row.reporter, view.reporter.clone()),
        reported_at,
        area: pick(Target::Category, &row.category, view.area.clone()),
    };
    let prefix = format!("In {}: ", settings.source.name());
    let why = format!("{prefix}{changes}");
    let ticket_at = row.updated_at.unwrap_or(now).min(now);
    let moved_on = team_moved_on_since(issue, ticket_at, &prefix);
    let at = after_team(issue, ticket_at);
    // What the ticket says is recorded when Handrail learns it: a description folded in at
    // the ticket's earlier time would sort before, and lose to, an edit made here since.
    issue.describe(described, by, now)?;
    if old != row.fields {
        issue.insert_in_time_order(now, by, ticket(row, settings), &why);
    }
    if view.in_scope == Some(true) {
        let awaits_state = view.status() == Status::Triaged;
        if (changed(Target::State) || awaits_state) && !moved_on {
            follow_state(issue, row, settings, &why, by, at);
        }
        if let Some(charter) = charter.filter(|_| changed(Target::Priority) && !moved_on) {
            let severity = settings.severity_for(&row.priority, &charter.severities);
            let known = charter.severities.iter().any(|s| s.id == severity);
            if known && issue.view().severity_id.as_deref() != Some(&severity) {
                issue.set_severity(charter, &severity, &why, by, at)?;
            }
        }
    }
    // The logged event stays first whatever its time (team sync takes an issue's identity
    // from it); the rest in time order, ties by id, as team sync orders them.
    issue.events[1..].sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    Ok(())
}

/// `at`, or just after the team's latest status decision on the issue (logging, triage,
/// status, routing, transfer) if that came later. In its own place, a resolution from before
/// the triage would be undone by the triage's "Triaged", and the clocks would run again.
fn after_team(issue: &Issue, at: DateTime<Utc>) -> DateTime<Utc> {
    // A severity or classification changed since must not push the ticket's status later
    // than it happened: only what sets a status counts (a triage writes "Triaged").
    let latest = issue
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.change,
                Change::Logged { .. }
                    | Change::Status { .. }
                    | Change::Routed { .. }
                    | Change::Transferred { .. }
            )
        })
        .map(|e| e.at)
        .max();
    match latest {
        Some(latest) if latest >= at => latest + Duration::milliseconds(1),
        _ => at,
    }
}

/// Whether the team moved the issue on here (a status, a routing or a handoff, not made by an
/// import) after the ticket's change: the team's later word stands.
fn team_moved_on_since(issue: &Issue, ticket_at: DateTime<Utc>, import_prefix: &str) -> bool {
    issue.events.iter().any(|e| {
        e.at > ticket_at
            && !e.why.starts_with(import_prefix)
            && match e.change {
                Change::Status { status } => status != Status::Triaged,
                Change::Routed { .. } | Change::Transferred { .. } => true,
                _ => false,
            }
    })
}

/// The status a ticket's state means, when the issue may take it: a state that is "open"
/// reopens a resolved issue; one the issue already has changes nothing. A routed or
/// transferred issue is the team's to move, never a file's. Each status is a millisecond
/// after the one before, so no two share an instant.
fn follow_state(
    issue: &mut Issue,
    row: &TicketRow,
    settings: &ServiceDeskSettings,
    why: &str,
    by: &str,
    at: DateTime<Utc>,
) {
    let current = issue.view().status();
    if matches!(current, Status::Routed | Status::Transferred) {
        return;
    }
    let means = settings.state_means(&row.state);
    let resolved_at = row.resolved_at.map_or(at, |r| after_team(issue, r.min(at)));
    let next = Duration::milliseconds(1);
    // A status the issue cannot take from where it is (it already has it) is only recorded
    // in the ticket's snapshot: `set_status` refuses it and nothing else changes.
    match means.status() {
        Some(Status::Resolved) => {
            let _ = issue.set_status(Status::Resolved, why, by, resolved_at);
        }
        Some(status) if current == Status::Resolved => {
            // Back in work after a resolution: reopened first, then the new state.
            let _ = issue.set_status(Status::Reopened, why, by, at);
            let _ = issue.set_status(status, why, by, at + next);
        }
        Some(status) => {
            let _ = issue.set_status(status, why, by, at);
        }
        None if current == Status::Resolved && means == TicketState::Open => {
            let _ = issue.set_status(Status::Reopened, why, by, at);
        }
        None => {}
    }
}
