//! The hypercare exit review: compiled from the data, completed with what only people know
//! (exceptions for unmet criteria, target dates of transferred issues), and signed by the
//! project team and the business team. Signing freezes the engagement's hypercare record.
use std::fmt::{self, Write};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::criteria::CriterionResult;
use super::health::Health;
use crate::domain::charter::{Charter, RoutingDestination};
use crate::domain::triage::{Issue, Status, ZoneRules};
use crate::domain::Engagement;

/// A written exception for an unmet criterion: it does not move the end date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exception {
    /// Stable within its list, for merging and references (see `domain::item_id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The criterion's stable id (see `CRITERION_IDS`); records saved before ids existed hold
    /// its title, which [`Exception::criterion_id`] reads as the id.
    pub criterion: String,
    pub owner: String,
    pub plan: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub name: String,
    pub role: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// With team sync, the account that entered this signature: the two teams sign with two
    /// accounts, not just two typed names.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub account: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExitReview {
    pub step: usize,
    pub exceptions: Vec<Exception>,
    /// Target dates of transferred issues, by issue number (`YYYY-MM-DD`).
    pub targets: Vec<(u32, String)>,
    pub project_signature: Signature,
    pub business_signature: Signature,
    /// Set once signed: the review as it was signed, frozen.
    pub signed_at: Option<DateTime<Utc>>,
    pub frozen_markdown: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignProblem {
    pub field: String,
    pub message: String,
}

impl Exception {
    /// The id of the criterion this exception is for, also for exceptions keyed by title.
    pub fn criterion_id(&self) -> &str {
        super::criteria::id_from_legacy_title(&self.criterion).unwrap_or(&self.criterion)
    }
}

impl ExitReview {
    pub fn is_signed(&self) -> bool {
        self.signed_at.is_some()
    }

    /// The exception written for the criterion with this id.
    pub fn exception_for(&self, criterion_id: &str) -> Option<&Exception> {
        self.exceptions
            .iter()
            .find(|e| e.criterion_id() == criterion_id)
    }

    /// The exception for a criterion, created empty if there is none; an exception keyed by
    /// the criterion's old title is re-keyed by its id.
    pub fn exception_mut(&mut self, criterion_id: &str) -> &mut Exception {
        let index = match self
            .exceptions
            .iter()
            .position(|e| e.criterion_id() == criterion_id)
        {
            Some(index) => index,
            None => {
                self.exceptions.push(Exception::default());
                self.exceptions.len() - 1
            }
        };
        let exception = &mut self.exceptions[index];
        exception.criterion = criterion_id.to_owned();
        exception
    }

    pub fn target_for(&self, number: u32) -> String {
        self.targets
            .iter()
            .find(|(n, _)| *n == number)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }

    /// What stops signing: an unmet mandatory criterion without an exception (owner and plan),
    /// a transferred issue without a target date, incomplete signatures, or one person signing
    /// for both teams.
    pub fn problems(&self, criteria: &[CriterionResult], issues: &[Issue]) -> Vec<SignProblem> {
        let mut found = Vec::new();
        for (i, c) in criteria
            .iter()
            .enumerate()
            .filter(|(_, c)| c.mandatory && !c.met)
        {
            let ok = self
                .exception_for(c.id)
                .is_some_and(|e| !e.owner.trim().is_empty() && !e.plan.trim().is_empty());
            if !ok {
                found.push(SignProblem { field: format!("exception-{i}-owner"), message: format!("\u{201c}{}\u{201d} is not met: write an exception with an owner and a plan", c.title) });
            }
        }
        for issue in issues
            .iter()
            .filter(|i| i.view().status() == Status::Transferred)
        {
            if crate::domain::bounds::parse_date(&self.target_for(issue.number)).is_none() {
                found.push(SignProblem {
                    field: format!("target-{}", issue.number),
                    message: format!(
                        "#{}: give the target date of its resolution plan",
                        issue.number
                    ),
                });
            }
        }
        for (prefix, team, s) in [
            ("project", "project team", &self.project_signature),
            ("business", "business team", &self.business_signature),
        ] {
            if s.name.trim().is_empty()
                || s.role.trim().is_empty()
                || crate::domain::bounds::parse_date(&s.date).is_none()
            {
                found.push(SignProblem {
                    field: format!("sign-{prefix}-name"),
                    message: format!("The {team} signs with a name, role and date"),
                });
            }
        }
        let (a, b) = (
            self.project_signature.name.trim().to_lowercase(),
            self.business_signature.name.trim().to_lowercase(),
        );
        if !a.is_empty() && a == b {
            found.push(SignProblem {
                field: "sign-business-name".to_owned(),
                message: "Two different people sign: one for each team".to_owned(),
            });
        }
        let account = &self.project_signature.account;
        if !account.is_empty() && *account == self.business_signature.account {
            found.push(SignProblem {
                field: "sign-business-name".to_owned(),
                message: format!("Both signatures come from the same account ({account}); each team signs with its own account"),
            });
        }
        found
    }
}

fn hours(minutes: Option<i64>) -> String {
    match minutes {
        None => "\u{2014}".to_owned(),
        Some(m) if m < 60 => format!("{m} m"),
        Some(m) => format!("{} h {} m", m / 60, m % 60),
    }
}

fn percent(met: usize, due: usize) -> String {
    match (met * 100).checked_div(due) {
        None => "\u{2014}".to_owned(),
        Some(percent) => format!("{percent} % ({met}/{due})"),
    }
}

/// What the review document is written from: the engagement's data and the figures evaluated
/// from it at one instant (the signing instant, once signed).
pub struct ReviewDocument<'a> {
    pub name: &'a str,
    pub charter: &'a Charter,
    pub issues: &'a [Issue],
    pub plan: Option<&'a crate::domain::withdrawal::WithdrawalPlan>,
    pub health: &'a Health,
    pub criteria: &'a [CriterionResult],
    pub review: &'a ExitReview,
}

/// Signs the engagement's exit review at `now`: its document is frozen as it reads then, from
/// `health` and `criteria` evaluated at `now`, so later changes cannot rewrite what was signed.
/// Without a review there is nothing to sign.
pub fn sign(
    engagement: &mut Engagement,
    charter: &Charter,
    health: &Health,
    criteria: &[CriterionResult],
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
) {
    let Some(mut review) = engagement.exit_review.take() else {
        return;
    };
    review.frozen_markdown = markdown(
        &ReviewDocument {
            name: &engagement.details.name,
            charter,
            issues: &engagement.issues,
            plan: engagement.withdrawal.as_ref(),
            health,
            criteria,
            review: &review,
        },
        rules,
    );
    review.signed_at = Some(now);
    engagement.exit_review = Some(review);
}

/// The review as a Markdown document (also what is frozen when it is signed).
pub fn markdown(doc: &ReviewDocument, rules: &dyn ZoneRules) -> String {
    let mut md = String::new();
    // Writing into a String cannot fail, so there is no error to report.
    let _ = write_review(&mut md, doc, rules);
    md
}

/// The issues of one status, as a titled list.
fn write_list(md: &mut String, doc: &ReviewDocument, title: &str, status: Status) -> fmt::Result {
    let chosen: Vec<&Issue> = doc
        .issues
        .iter()
        .filter(|i| i.view().status() == status)
        .collect();
    writeln!(md, "## {title} ({})\n", chosen.len())?;
    if chosen.is_empty() {
        writeln!(md, "None.\n")?;
    }
    for i in &chosen {
        let v = i.view();
        match status {
            Status::Transferred => {
                writeln!(
                    md,
                    "- #{} {}: owner {}, plan: {}, target {}",
                    v.number,
                    v.title,
                    v.transfer_owner,
                    v.transfer_plan,
                    doc.review.target_for(v.number)
                )?;
            }
            _ => {
                writeln!(md, "- #{} {}", v.number, v.title)?;
            }
        }
    }
    if !chosen.is_empty() {
        writeln!(md)?;
    }
    Ok(())
}

fn write_review(
    md: &mut String,
    doc: &ReviewDocument,
    rules: &dyn crate::domain::triage::ZoneRules,
) -> fmt::Result {
    let ReviewDocument {
        name,
        charter,
        issues,
        plan,
        health,
        criteria,
        review,
    } = *doc;
    writeln!(md, "# Hypercare exit review: {}\n", name.trim())?;
    writeln!(
        md,
        "System: {}. Go-live: {}.\n",
        charter.system.trim(),
        charter.go_live.trim()
    )?;
    write_list(
        md,
        doc,
        "Issues resolved during hypercare",
        Status::Resolved,
    )?;
    write_list(
        md,
        doc,
        "Issues transferred to the business team",
        Status::Transferred,
    )?;
    writeln!(md, "## Enhancement requests for the post-go-live roadmap\n")?;
    for destination in RoutingDestination::ALL {
        let chosen: Vec<&Issue> = issues
            .iter()
            .filter(|i| i.view().destination == Some(destination))
            .collect();
        if !chosen.is_empty() {
            writeln!(md, "### {} ({})\n", destination.name(), chosen.len())?;
            for i in chosen {
                writeln!(md, "- #{} {}", i.number, i.view().title)?;
            }
            writeln!(md)?;
        }
    }
    writeln!(md, "## System health (baseline for monitoring)\n")?;
    writeln!(
        md,
        "{} issues: {} in scope, {} out of scope, {} not triaged; {} open in scope.\n",
        health.total, health.in_scope, health.out_of_scope, health.untriaged, health.open_in_scope
    )?;
    writeln!(md, "| Severity | Issues | Open | Response met | Resolution met | Median response | Median resolution |\n| --- | --- | --- | --- | --- | --- | --- |")?;
    for s in &health.by_severity {
        writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |",
            s.name,
            s.count,
            s.open,
            percent(s.response_met, s.response_due),
            percent(s.resolution_met, s.resolution_due),
            hours(s.median_response),
            hours(s.median_resolution)
        )?;
    }
    if let Some(missed) = health.updates_missed() {
        writeln!(
            md,
            "\nUpdates to the business, by each level's cadence: {missed}."
        )?;
    }
    let weeks = super::health::hypercare_weeks(charter, plan);
    if !weeks.is_empty() {
        let trend = super::health::weekly_trend(issues, &weeks, rules, &charter.calendar.time_zone);
        writeln!(md, "\n| Week | Opened | In scope | Out of scope | Resolved |\n| --- | --- | --- | --- | --- |")?;
        for (week, t) in weeks.iter().zip(&trend) {
            writeln!(
                md,
                "| {}{} | {} | {} | {} | {} |",
                week.number,
                if week.extension { " (extension)" } else { "" },
                t.opened,
                t.in_scope,
                t.out_of_scope,
                t.resolved
            )?;
        }
    }
    writeln!(md, "\n## Exit criteria\n")?;
    for c in criteria {
        writeln!(
            md,
            "- {} {}: {}",
            if c.met { "[met]" } else { "[not met]" },
            c.title,
            c.evidence
        )?;
        if let Some(e) = review.exception_for(c.id).filter(|_| !c.met) {
            writeln!(
                md,
                "  - Exception: owner {}, plan: {}",
                e.owner.trim(),
                e.plan.trim()
            )?;
        }
    }
    writeln!(md, "\n## Signatures\n")?;
    for (team, s) in [
        ("Project team", &review.project_signature),
        ("Business team", &review.business_signature),
    ] {
        writeln!(
            md,
            "- {team}: {}, {}, {}",
            s.name.trim(),
            s.role.trim(),
            s.date.trim()
        )?;
    }
    Ok(())
}
