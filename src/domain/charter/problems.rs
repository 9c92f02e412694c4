//! What still stops a charter from being approved, step by step. Each problem names the field
//! it belongs to (its id in the wizard), so the message can sit beside that field and the
//! review can link straight to it.
use std::collections::HashSet;

use super::{Charter, CharterStep, ALLOWED_WEEKS, RECOMMENDED_WEEKS};
use crate::domain::triage::classify::matrix_field;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub step: CharterStep,
    /// The id of the input the problem is about.
    pub field: String,
    pub message: String,
}

struct Found(Vec<Problem>);

impl Found {
    fn add(&mut self, step: CharterStep, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            step,
            field: field.into(),
            message: message.into(),
        });
    }
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Every open problem, in step and field order.
pub fn problems(charter: &Charter) -> Vec<Problem> {
    let mut found = Found(Vec::new());
    basics(charter, &mut found);
    scope(charter, &mut found);
    service_levels(charter, &mut found);
    escalation(charter, &mut found);
    routing(charter, &mut found);
    found.0
}

/// The problems of one step.
pub fn problems_in(charter: &Charter, step: CharterStep) -> Vec<Problem> {
    problems(charter)
        .into_iter()
        .filter(|p| p.step == step)
        .collect()
}

fn basics(c: &Charter, found: &mut Found) {
    use CharterStep::Basics as S;
    if blank(&c.system) {
        found.add(S, "charter-system", "Enter the system going live");
    }
    if c.go_live_date().is_none() {
        found.add(S, "charter-go-live", "Enter the go-live date");
    }
    match c.duration_weeks {
        None => found.add(
            S,
            "charter-duration",
            "Enter the duration as a whole number of weeks",
        ),
        Some(weeks) if !ALLOWED_WEEKS.contains(&weeks) => found.add(
            S,
            "charter-duration",
            format!(
                "Hypercare lasts {} to {} weeks; longer is standing support, not hypercare",
                ALLOWED_WEEKS.start(),
                ALLOWED_WEEKS.end()
            ),
        ),
        Some(weeks) if !RECOMMENDED_WEEKS.contains(&weeks) && blank(&c.duration_reason) => found
            .add(
                S,
                "charter-duration-reason",
                format!("{weeks} weeks is outside the recommended 2 to 4: say why"),
            ),
        Some(_) => {}
    }
    let calendar = &c.calendar;
    if blank(&calendar.time_zone) {
        found.add(
            S,
            "charter-time-zone",
            "Choose the time zone the service levels are counted in",
        );
    }
    if !calendar.working_days.iter().any(|d| *d) {
        found.add(S, "charter-day-0", "Choose at least one working day");
    }
    if calendar.day_ends <= calendar.day_starts {
        found.add(
            S,
            "charter-day-ends",
            "The working day must end after it starts",
        );
    }
    let mut seen = HashSet::new();
    for (i, holiday) in calendar.holidays.iter().enumerate() {
        let n = i + 1;
        match holiday.parsed_date() {
            None => found.add(
                S,
                format!("holiday-{i}-date"),
                format!("Holiday {n}: enter its date"),
            ),
            Some(date) if !seen.insert(date) => found.add(
                S,
                format!("holiday-{i}-date"),
                format!("Holiday {n}: this date is already a holiday"),
            ),
            Some(_) => {}
        }
        if blank(&holiday.name) {
            found.add(
                S,
                format!("holiday-{i}-name"),
                format!("Holiday {n}: give it a name"),
            );
        }
    }
}

/// "“Performance issues”", or "A new category" while it has no name yet.
fn called(name: &str, unnamed: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        unnamed.to_owned()
    } else {
        format!("\u{201c}{name}\u{201d}")
    }
}

fn scope(c: &Charter, found: &mut Found) {
    use CharterStep::Scope as S;
    if c.in_scope().next().is_none() {
        found.add(
            S,
            "scope-add-in",
            "List at least one kind of issue hypercare handles",
        );
    }
    if c.out_of_scope().next().is_none() {
        found.add(
            S,
            "scope-add-out",
            "List at least one kind of request hypercare does not handle",
        );
    }
    let mut names = HashSet::new();
    for category in &c.categories {
        let id = &category.id;
        let label = called(&category.name, "A new category");
        let name = category.name.trim().to_lowercase();
        if name.is_empty() {
            found.add(
                S,
                format!("category-{id}-name"),
                "A new category: give it a name",
            );
        } else if !names.insert(name) {
            found.add(
                S,
                format!("category-{id}-name"),
                format!("{label}: another category has this name"),
            );
        }
        if blank(&category.description) {
            found.add(
                S,
                format!("category-{id}-description"),
                format!("{label}: describe it in one line"),
            );
        }
    }
}

fn service_levels(c: &Charter, found: &mut Found) {
    use CharterStep::ServiceLevels as S;
    if c.severities.is_empty() {
        found.add(S, "severity-add", "Define at least one severity level");
    }
    let mut names = HashSet::new();
    for level in &c.severities {
        let id = &level.id;
        let label = called(&level.name, "A new level");
        let name = level.name.trim().to_lowercase();
        if name.is_empty() {
            found.add(
                S,
                format!("severity-{id}-name"),
                "A new level: give it a name",
            );
        } else if !names.insert(name) {
            found.add(
                S,
                format!("severity-{id}-name"),
                format!("{label}: another level has this name"),
            );
        }
        match level.response_hours {
            None | Some(0) => found.add(
                S,
                format!("severity-{id}-response"),
                format!("{label}: enter the response target in whole hours (at least 1)"),
            ),
            Some(response) if level.resolution_hours.is_some_and(|r| r < response) => found.add(
                S,
                format!("severity-{id}-resolution"),
                format!(
                    "{label}: the resolution target cannot be shorter than the response target"
                ),
            ),
            Some(_) => {}
        }
        if level.update_hours == Some(0) {
            found.add(
                S,
                format!("severity-{id}-update"),
                format!("{label}: update the business every 1 hour or more, or leave it empty"),
            );
        }
        if level.warn_percent.is_some_and(|p| !(1..=99).contains(&p)) {
            found.add(
                S,
                format!("severity-{id}-warn"),
                format!("{label}: warn at a share of the target between 1 and 99 %"),
            );
        }
    }
    for cell in &c.severity_matrix {
        if c.severity(&cell.severity).is_none() {
            found.add(
                S,
                matrix_field(cell.impact, cell.urgency),
                format!(
                    "Severity matrix, {} impact and {} urgency: choose one of the levels (the one it named was removed)",
                    cell.impact.name().to_lowercase(),
                    cell.urgency.name().to_lowercase()
                ),
            );
        }
    }
}

fn escalation(c: &Charter, found: &mut Found) {
    use CharterStep::Escalation as S;
    if c.escalation.is_empty() {
        found.add(S, "escalation-add", "Add at least one escalation level");
    }
    for (i, level) in c.escalation.iter().enumerate() {
        let n = i + 1;
        let checks = [
            (&level.name, "name", "name the person"),
            (&level.role, "role", "give their role"),
            (&level.how_to_reach, "reach", "say how to reach them"),
            (&level.when, "when", "say when to escalate to them"),
        ];
        for (value, field, message) in checks {
            if blank(value) {
                found.add(
                    S,
                    format!("escalation-{i}-{field}"),
                    format!("Level {n}: {message}"),
                );
            }
        }
    }
}

fn routing(c: &Charter, found: &mut Found) {
    use CharterStep::Routing as S;
    for category in c.out_of_scope() {
        if category.destination.is_none() {
            let name = category.name.trim();
            let message = format!("Choose where \u{201c}{name}\u{201d} requests go");
            found.add(S, format!("route-{}", category.id), message);
        }
    }
    for destination in c.destinations_in_use() {
        let named = c
            .contact_for(destination)
            .is_some_and(|d| !blank(&d.contact));
        if !named {
            found.add(
                S,
                format!("destination-{}-contact", destination.key()),
                format!(
                    "Name the contact for the {}",
                    destination.name().to_lowercase()
                ),
            );
        }
    }
}
