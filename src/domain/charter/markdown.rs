//! The charter as a Markdown document, to paste into a wiki or attach to an e-mail.
use std::fmt::{self, Write};

use super::{Approval, Charter, ClockMode};

fn long_date(date: chrono::NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// Escapes the characters that would change a table row or start Markdown formatting.
fn cell(text: &str) -> String {
    text.trim().replace('|', "\\|").replace('\n', " ")
}

fn hours(value: Option<u32>) -> String {
    match value {
        Some(1) => "1 hour".to_owned(),
        Some(h) => format!("{h} hours"),
        None => "none set".to_owned(),
    }
}

/// `status` is the line under the title, e.g. "Approved, revision 2".
pub fn render(
    engagement_name: &str,
    charter: &Charter,
    status: &str,
    approval: Option<&Approval>,
    reason: Option<&str>,
) -> String {
    let mut md = String::new();
    // Writing into a String cannot fail, so there is no error to report.
    let _ = write_charter(&mut md, engagement_name, charter, status, approval, reason);
    md
}

/// The severity matrix, when this charter grades it differently from the standard.
fn write_matrix(md: &mut String, charter: &Charter) -> fmt::Result {
    use crate::domain::triage::classify::{severity_matrix, Level};
    if charter.severity_matrix.is_empty() {
        return Ok(());
    }
    let name = |id: &str| {
        charter
            .severity(id)
            .map_or_else(String::new, |s| cell(&s.name))
    };
    writeln!(
        md,
        "\nSeverity by impact (rows) and urgency (columns), as this charter grades it:\n"
    )?;
    let heads: Vec<&str> = Level::ALL.iter().map(|l| l.name()).collect();
    writeln!(
        md,
        "| Impact | {} |\n| --- | --- | --- | --- |",
        heads.join(" | ")
    )?;
    for (impact, row) in severity_matrix(charter) {
        let cells: Vec<String> = row.iter().map(|(_, id)| name(id)).collect();
        writeln!(md, "| {} | {} |", impact.name(), cells.join(" | "))?;
    }
    Ok(())
}

/// Basics: the system, go-live, duration and end, the working calendar.
fn write_basics(md: &mut String, charter: &Charter) -> fmt::Result {
    writeln!(md, "## Basics\n")?;
    writeln!(md, "- **System:** {}", charter.system.trim())?;
    if let Some(go_live) = charter.go_live_date() {
        writeln!(md, "- **Go-live:** {}", long_date(go_live))?;
    }
    if let (Some(weeks), Some(end)) = (charter.duration_weeks, charter.end_date()) {
        writeln!(
            md,
            "- **Duration:** {weeks} weeks, ending {} (fixed)",
            long_date(end)
        )?;
    }
    if !charter.duration_reason.trim().is_empty() {
        writeln!(
            md,
            "- **Why this duration:** {}",
            charter.duration_reason.trim()
        )?;
    }
    let calendar = &charter.calendar;
    writeln!(
        md,
        "- **Working hours:** {} ({})",
        calendar.describe_hours(),
        calendar.time_zone
    )?;
    for holiday in &calendar.holidays {
        if let Some(date) = holiday.parsed_date() {
            writeln!(
                md,
                "- **Holiday:** {} ({})",
                long_date(date),
                holiday.name.trim()
            )?;
        }
    }

    Ok(())
}

/// What hypercare fixes, and what it logs and routes.
fn write_scope(md: &mut String, charter: &Charter) -> fmt::Result {
    writeln!(md, "\n## In scope: stabilisation\n")?;
    for category in charter.in_scope() {
        writeln!(
            md,
            "- **{}**: {}",
            category.name.trim(),
            category.description.trim()
        )?;
    }
    writeln!(md, "\n## Out of scope: logged and routed, never dropped\n")?;
    writeln!(md, "| Request | Meaning | Routed to |\n| --- | --- | --- |")?;
    for category in charter.out_of_scope() {
        let destination = category.destination.map_or("not routed yet", |d| d.name());
        writeln!(
            md,
            "| {} | {} | {} |",
            cell(&category.name),
            cell(&category.description),
            destination
        )?;
    }

    Ok(())
}

/// The severity levels with their targets, cadences, the matrix and the clock rules.
fn write_service_levels(md: &mut String, charter: &Charter) -> fmt::Result {
    writeln!(md, "\n## Service levels\n")?;
    writeln!(md, "| Severity | Meaning | First response | Resolution | Clock |\n| --- | --- | --- | --- | --- |")?;
    for level in &charter.severities {
        let clock = match level.clock {
            ClockMode::WorkingHours => "working hours",
            ClockMode::AroundTheClock => "around the clock",
        };
        writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            cell(&level.name),
            cell(&level.meaning),
            hours(level.response_hours),
            hours(level.resolution_hours),
            clock
        )?;
    }

    if let Some(cadences) = super::service_levels::update_cadences(&charter.severities) {
        writeln!(md, "\n{}", cell(&cadences))?;
    }
    write_matrix(md, charter)?;
    writeln!(
        md,
        "\n{}\n\n{}",
        crate::domain::triage::clock::RESPONSE_CLOCK_RULE,
        crate::domain::triage::clock::RESOLUTION_CLOCK_RULE
    )?;

    Ok(())
}

/// Whom to escalate to, and who takes each kind of out-of-scope request.
fn write_people(md: &mut String, charter: &Charter) -> fmt::Result {
    writeln!(md, "\n## Escalation path\n")?;
    for (i, level) in charter.escalation.iter().enumerate() {
        writeln!(
            md,
            "{}. **{}**, {} ({}): {}",
            i + 1,
            level.name.trim(),
            level.role.trim(),
            level.how_to_reach.trim(),
            level.when.trim()
        )?;
    }

    writeln!(md, "\n## Routing contacts\n")?;
    for destination in charter.destinations_in_use() {
        if let Some(contact) = charter.contact_for(destination) {
            let reach = if contact.how_to_reach.trim().is_empty() {
                String::new()
            } else {
                format!(" ({})", contact.how_to_reach.trim())
            };
            writeln!(
                md,
                "- **{}** ({}): {}{}",
                destination.name(),
                destination.decides(),
                contact.contact.trim(),
                reach
            )?;
        }
    }

    Ok(())
}

fn write_charter(
    md: &mut String,
    engagement_name: &str,
    charter: &Charter,
    status: &str,
    approval: Option<&Approval>,
    reason: Option<&str>,
) -> fmt::Result {
    writeln!(md, "# Hypercare charter: {}\n", engagement_name.trim())?;
    writeln!(md, "**Status:** {status}  ")?;
    if let Some(reason) = reason {
        writeln!(md, "**Why this revision:** {}  ", reason.trim())?;
    }
    writeln!(md)?;
    if let Some(notice) = super::sample::notice(charter) {
        writeln!(md, "> **{notice}**\n")?;
    }

    write_basics(md, charter)?;
    write_scope(md, charter)?;
    write_service_levels(md, charter)?;
    write_people(md, charter)?;
    writeln!(md, "\n## Approval\n")?;
    match approval {
        Some(a) => {
            writeln!(
                md,
                "Approved by {}, {}, on {}.",
                a.name,
                a.role,
                long_date(a.date)
            )?;
        }
        None => {
            writeln!(md, "Not approved yet.\n\nName: ____________________  Role: ____________________\n\nSignature: ____________________  Date: ____________")?;
        }
    }
    Ok(())
}
