//! Opened reports made into issues. The preview says of each report whether it is new, already
//! in triage (the same report added before: its id is the issue's ticket key) or refused, and
//! why; only "Add" changes anything.
use chrono::{DateTime, Utc};

use super::report::Report;
use super::SOURCE;
use crate::domain::triage::issue::{check_reported_at, Change, Issue, TicketField, TriageError};

/// One pasted report link, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportPlan {
    New(Report),
    /// Added before, as issue `number`.
    Already {
        report: Report,
        number: u32,
    },
    /// The same report appears earlier in what was pasted.
    Twice(Report),
    Refused {
        excerpt: String,
        why: String,
    },
}

impl ReportPlan {
    pub fn refused(payload: &str, why: impl Into<String>) -> Self {
        let excerpt: String = payload.chars().take(24).collect();
        Self::Refused {
            excerpt: format!("{excerpt}\u{2026}"),
            why: why.into(),
        }
    }
}

/// The numbers of issues that came from reports, by report id.
pub fn reported(issues: &[Issue]) -> Vec<(String, u32)> {
    issues
        .iter()
        .filter_map(|issue| {
            let ticket = issue.view().ticket?;
            (ticket.system == SOURCE).then_some((ticket.key, issue.number))
        })
        .collect()
}

/// Plans opened reports against the engagement `engagement` and its issues.
pub fn plan(
    opened: Vec<Result<Report, String>>,
    engagement: &str,
    issues: &[Issue],
    now: DateTime<Utc>,
) -> Vec<ReportPlan> {
    let known = reported(issues);
    let mut seen: Vec<String> = Vec::new();
    opened
        .into_iter()
        .map(|opened| {
            let report = match opened {
                Ok(report) => report,
                Err(why) => {
                    return ReportPlan::Refused {
                        excerpt: String::new(),
                        why,
                    }
                }
            };
            if let Some(why) = refusal(&report, engagement, now) {
                return ReportPlan::refused(&report.reference(), why);
            }
            if let Some((_, number)) = known.iter().find(|(id, _)| *id == report.id) {
                return ReportPlan::Already {
                    number: *number,
                    report,
                };
            }
            if seen.contains(&report.id) {
                return ReportPlan::Twice(report);
            }
            seen.push(report.id.clone());
            ReportPlan::New(report)
        })
        .collect()
}

/// Why an opened report cannot be added, if it cannot.
fn refusal(report: &Report, engagement: &str, now: DateTime<Utc>) -> Option<String> {
    if report.engagement != engagement {
        return Some(
            "This report is for another engagement: open it from that engagement's page."
                .to_owned(),
        );
    }
    if report.id.len() < 16
        || report.id.len() > 64
        || !report
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Some(
            "This report has no valid id; it was not made by a Handrail report page.".to_owned(),
        );
    }
    if check_reported_at(report.sent_at, now).is_err() {
        return Some("This report's send time is impossible (in the future, or centuries away): the link was made by hand.".to_owned());
    }
    report
        .fields
        .problems()
        .first()
        .map(|(_, problem)| format!("This report is not complete: {problem}"))
}

/// Adds the planned new reports as issues numbered from `first`; returns how many. Fails whole
/// (the caller keeps the old issues) if an issue would break a rule.
pub fn add(
    plans: &[ReportPlan],
    issues: &mut Vec<Issue>,
    first: u32,
    by: &str,
    now: DateTime<Utc>,
) -> Result<usize, TriageError> {
    let mut number = first;
    let mut added = 0;
    for plan in plans {
        if let ReportPlan::New(report) = plan {
            if u64::from(number) > crate::domain::bounds::MAX_NUMBER {
                return Err(TriageError::NumbersExhausted);
            }
            issues.push(new_issue(report, number, by, now)?);
            number = number.checked_add(1).ok_or(TriageError::NumbersExhausted)?;
            added += 1;
        }
    }
    Ok(added)
}

/// A new, untriaged issue: reported by the reporter when they pressed "Send" (its clocks start
/// there once it is triaged in scope), with every answer in its description and, as its
/// "ticket", the report's id (what recognises the report again) and answers.
pub fn new_issue(
    report: &Report,
    number: u32,
    by: &str,
    now: DateTime<Utc>,
) -> Result<Issue, TriageError> {
    let mut issue = Issue::log(number, &report.title(), by, now)?;
    issue.describe(
        Change::Described {
            title: report.title(),
            description: report.description(),
            reporter: report.reporter(),
            reported_at: report.sent_at.min(now),
            area: report.fields.place.trim().to_owned(),
        },
        by,
        now,
    )?;
    let mut fields = report.fields.answered();
    if let Some(phone) = report.phone_clock {
        fields.push(TicketField {
            name: "Sent at by the phone's clock (impossible, corrected)".to_owned(),
            value: phone.to_rfc3339(),
        });
    }
    issue.insert_in_time_order(
        now,
        by,
        Change::Ticket {
            key: report.id.clone(),
            system: SOURCE.to_owned(),
            fields,
        },
        "",
    );
    Ok(issue)
}
