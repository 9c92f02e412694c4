//! A previewed service-desk export made into issues: new tickets become untriaged issues that
//! keep their ticket; changed tickets get events at the ticket's updated time, so the clocks
//! follow what happened in the service desk. Handrail's own triage is never undone by a file:
//! a state or priority reaches the status and severity only of an issue triaged in scope.
use chrono::{DateTime, Utc};

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
                update_issue(issue, row, &changes.join("; "), settings, charter, by, now)?;
                applied.updated += 1;
            }
            RowPlan::Unchanged { .. } | RowPlan::Refused { .. } => {}
        }
    }
    Ok(applied)
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
    let why = format!("Imported from {}", settings.source.name());
    issue.insert_in_time_order(now, by, ticket(row, settings), &why);
    Ok(issue)
}

/// A known ticket that changed: its description where the ticket's changed (Handrail's own
/// edits to the others stay) and its new snapshot, now; for an in-scope issue the status and
/// severity its state and priority now mean, at the ticket's updated time, which the clocks
/// follow.
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
    let logged = last_decision(issue).unwrap_or(now);
    let at = row.updated_at.unwrap_or(now).clamp(logged, now);
    let changed = |target: Target, new: &str| before(&old, settings, target) != new;
    let pick = |target: Target, new: &String, current: String| {
        if changed(target, new) {
            new.clone()
        } else {
            current
        }
    };
    let reported_at = match row.reported_at {
        Some(reported) if view.reported_at != Some(reported) => reported.min(now),
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
    // What the ticket says is recorded when Handrail learns it: a description folded in at
    // the ticket's earlier time would sort before, and lose to, an edit made here since.
    issue.describe(described, by, now)?;
    let why = format!("In {}: {changes}", settings.source.name());
    issue.insert_in_time_order(now, by, ticket(row, settings), &why);
    if view.in_scope == Some(true) {
        if changed(Target::State, &row.state) {
            follow_state(issue, row, settings, &why, by, (logged, at));
        }
        if let Some(charter) = charter.filter(|_| changed(Target::Priority, &row.priority)) {
            let severity = settings.severity_for(&row.priority, &charter.severities);
            if !severity.is_empty() && issue.view().severity_id.as_deref() != Some(&severity) {
                issue.set_severity(charter, &severity, &why, by, at)?;
            }
        }
    }
    issue.events.sort_by_key(|e| e.at);
    Ok(())
}

/// The time of the team's latest decision on the issue (logging, triage, severity, status,
/// routing, transfer). A ticket's change from before it lands just after it instead: folded
/// in its own place, a resolution from before the triage would be undone by the triage's
/// "Triaged" and the clocks would run again.
fn last_decision(issue: &Issue) -> Option<DateTime<Utc>> {
    issue
        .events
        .iter()
        .filter(|e| {
            !matches!(
                e.change,
                Change::Described { .. }
                    | Change::WorkedBy { .. }
                    | Change::Ticket { .. }
                    | Change::Renumbered { .. }
            )
        })
        .map(|e| e.at)
        .max()
}

/// The status a ticket's new state means, when the issue may take it: a state that is "open"
/// reopens a resolved issue; one the issue already has changes nothing.
fn follow_state(
    issue: &mut Issue,
    row: &TicketRow,
    settings: &ServiceDeskSettings,
    why: &str,
    by: &str,
    (logged, at): (DateTime<Utc>, DateTime<Utc>),
) {
    let current = issue.view().status();
    let means = settings.state_means(&row.state);
    let (status, at) = match means.status() {
        Some(Status::Resolved) => (
            Status::Resolved,
            row.resolved_at.unwrap_or(at).clamp(logged, at),
        ),
        Some(status) if current.is_closed() && current == Status::Resolved => {
            // Back in work after a resolution: reopened first, then the new state.
            let _ = issue.set_status(Status::Reopened, why, by, at);
            (status, at)
        }
        Some(status) => (status, at),
        None if current == Status::Resolved && means == TicketState::Open => (Status::Reopened, at),
        None => return,
    };
    // A status the issue cannot take from where it is (it is already so, or routed or
    // transferred by the team) stays a fact of the ticket's snapshot only.
    let _ = issue.set_status(status, why, by, at);
}
