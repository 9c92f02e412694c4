//! Green, amber or red per area, by rules stated in the report (and in docs/steering-report.md),
//! each with its reason in words: a colour is never the only signal.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::figures::Figures;
use crate::domain::charter::Charter;
use crate::domain::keyed::keyed;
use crate::domain::withdrawal::WithdrawalPlan;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Green,
    Amber,
    Red,
}

keyed!(Rating {
    Green => "green", "Green";
    Amber => "amber", "Amber";
    Red => "red", "Red";
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaStatus {
    pub area: String,
    pub rating: Rating,
    pub reason: String,
}

/// Below this share of targets met in the period, service levels are red.
pub const RED_COMPLIANCE_PERCENT: usize = 80;
/// Out-of-scope share of the period's triaged requests above which scope is amber, and red.
pub const AMBER_SCOPE_PERCENT: usize = 25;
pub const RED_SCOPE_PERCENT: usize = 50;

/// The rules, as the report prints them under the status table.
pub const RULES: [&str; 4] = [
    "Stability: red while an issue of the most severe level is open; amber when more issues were opened than resolved in the period; else green.",
    "Service levels: red when a target of the most severe level was breached in the period, or fewer than 80 % of the period's targets were met at any level; amber when any target was breached in the period; else green.",
    "Scope: red when more than half of the period's triaged requests were out of scope; amber above a quarter; else green.",
    "Handoff: red in the last week of hypercare while the business owner or an owner of a responsibility is missing; amber while anything is missing earlier; else green.",
];

fn status(area: &str, rating: Rating, reason: String) -> AreaStatus {
    AreaStatus {
        area: area.to_owned(),
        rating,
        reason,
    }
}

pub fn rate(
    f: &Figures,
    charter: &Charter,
    plan: Option<&WithdrawalPlan>,
    today: NaiveDate,
) -> Vec<AreaStatus> {
    vec![
        stability(f, charter),
        service_levels(f, charter),
        scope(f),
        handoff(f, charter, plan, today),
    ]
}

fn stability(f: &Figures, charter: &Charter) -> AreaStatus {
    let most_severe = charter.severities.first().map(|s| s.name.as_str());
    let open_severe = f
        .by_severity
        .iter()
        .find(|r| Some(r.name.as_str()) == most_severe)
        .map_or(0, |r| r.open.len());
    let (opened, resolved) = (f.total.opened.len(), f.total.resolved.len());
    if open_severe > 0 {
        let name = most_severe.unwrap_or_default();
        return status(
            "Stability",
            Rating::Red,
            format!(
                "{} open.",
                crate::domain::words::count(
                    open_severe,
                    &format!("{name} issue"),
                    &format!("{name} issues")
                )
            ),
        );
    }
    if opened > resolved {
        return status(
            "Stability",
            Rating::Amber,
            format!("{opened} opened and {resolved} resolved in the period: the backlog grew."),
        );
    }
    status(
        "Stability",
        Rating::Green,
        format!("No issue of the most severe level open; {opened} opened and {resolved} resolved in the period."),
    )
}

fn service_levels(f: &Figures, charter: &Charter) -> AreaStatus {
    let most_severe = charter.severities.first().map(|s| s.name.as_str());
    let severe_breaches = f
        .breaches
        .iter()
        .filter(|b| Some(b.severity.as_str()) == most_severe)
        .count();
    let low = f.compliance.iter().find_map(|c| {
        [
            (c.period_response, "response"),
            (c.period_resolution, "resolution"),
        ]
        .into_iter()
        .find_map(|(ratio, clock)| {
            ratio
                .percent()
                .filter(|p| *p < RED_COMPLIANCE_PERCENT)
                .map(|p| format!("{}: {p} % of {clock} targets met in the period.", c.name))
        })
    });
    let breached = f.breaches.len();
    if severe_breaches > 0 {
        let name = most_severe.unwrap_or_default();
        return status(
            "Service levels",
            Rating::Red,
            format!(
                "{} breached in the period.",
                crate::domain::words::count(
                    severe_breaches,
                    &format!("{name} target"),
                    &format!("{name} targets")
                )
            ),
        );
    }
    if let Some(low) = low {
        return status("Service levels", Rating::Red, low);
    }
    if breached > 0 {
        return status(
            "Service levels",
            Rating::Amber,
            format!(
                "{} breached in the period.",
                crate::domain::words::count(breached, "target", "targets")
            ),
        );
    }
    status(
        "Service levels",
        Rating::Green,
        "No target breached in the period.".to_owned(),
    )
}

fn scope(f: &Figures) -> AreaStatus {
    let Some(share) = f.scope.share() else {
        return status(
            "Scope",
            Rating::Green,
            "No request was triaged in the period.".to_owned(),
        );
    };
    let words = format!(
        "{} of {} triaged requests ({share} %) were out of scope and routed.",
        f.scope.out_of_scope.len(),
        f.scope.triaged.len()
    );
    let rating = if share > RED_SCOPE_PERCENT {
        Rating::Red
    } else if share > AMBER_SCOPE_PERCENT {
        Rating::Amber
    } else {
        Rating::Green
    };
    status("Scope", rating, words)
}

fn handoff(
    f: &Figures,
    charter: &Charter,
    plan: Option<&WithdrawalPlan>,
    today: NaiveDate,
) -> AreaStatus {
    let h = &f.handoff;
    if !h.planned {
        return status(
            "Handoff",
            Rating::Amber,
            "No withdrawal plan yet: the handoff is not planned.".to_owned(),
        );
    }
    let mut missing = Vec::new();
    if h.owner.is_empty() {
        missing.push("no business owner named".to_owned());
    }
    if !h.without_owner.is_empty() {
        missing.push(format!(
            "{} responsibilities without an owner",
            h.without_owner.len()
        ));
    }
    if !h.without_process.is_empty() {
        missing.push(format!("{} without a process", h.without_process.len()));
    }
    if missing.is_empty() {
        return status(
            "Handoff",
            Rating::Green,
            format!(
                "{} owns the system; every responsibility has an owner and a process.",
                h.owner
            ),
        );
    }
    let end = plan
        .and_then(|p| p.end_date(charter))
        .or_else(|| charter.end_date());
    let last_week = end.is_some_and(|end| (end - today).num_days() < 7);
    let owners_missing = h.owner.is_empty() || !h.without_owner.is_empty();
    let rating = if last_week && owners_missing {
        Rating::Red
    } else {
        Rating::Amber
    };
    let mut reason = missing.join(", ");
    reason.push('.');
    status("Handoff", rating, capitalise(&reason))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
