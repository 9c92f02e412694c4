//! Issues as CSV, for spreadsheets: export with every issue's state, and import of issue lists
//! from other tools (title, description, reporter, reported at, area). Import is checked row
//! by row first; a file with any problem imports nothing.
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::clock::clocks;
use super::issue::{check_reported_at, Change, Issue};
use super::zone::ZoneRules;
use crate::domain::charter::Charter;

pub const EXPORT_COLUMNS: [&str; 15] = [
    "Number",
    "Title",
    "Status",
    "Scope",
    "Category",
    "Severity",
    "Routed to",
    "Reported by",
    "Reported at",
    "Area",
    "Description",
    "Response",
    "Response due",
    "Resolution",
    "Resolution due",
];
/// Imports larger than this are refused: 5,000 issues is more than hypercare should ever see.
pub const MAX_IMPORT_ROWS: usize = 5000;

/// One CSV field: quoted when needed, and defused when a spreadsheet would run it as a formula.
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Columns holding times: their header names the time zone, "Reported at (Europe/Berlin)".
const TIME_COLUMNS: [&str; 3] = ["Reported at", "Response due", "Resolution due"];

/// A column's header as exported: time columns name the zone their times are in.
fn header(column: &str, zone: &str) -> String {
    if TIME_COLUMNS.contains(&column) {
        format!("{column} ({zone})")
    } else {
        column.to_owned()
    }
}

/// Times as the charter's wall clock shows them, in a form spreadsheets sort: 2027-03-08 09:30.
/// The zone is named once, in the column's header, rather than in every cell, so that
/// spreadsheets still read the cells as dates.
fn stamp(rules: &dyn ZoneRules, zone: &str, at: DateTime<Utc>) -> String {
    rules
        .to_local(zone, at)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// UTF-8 with a byte-order mark and CRLF line ends: what spreadsheet programs open correctly.
pub fn export(
    issues: &[Issue],
    charter: Option<&Charter>,
    rules: &dyn ZoneRules,
    zone: &str,
    now: DateTime<Utc>,
) -> String {
    let mut out = String::from("\u{feff}");
    let headers: Vec<String> = EXPORT_COLUMNS.iter().map(|c| header(c, zone)).collect();
    out.push_str(
        &headers
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for issue in issues {
        let v = issue.view();
        let name = |list: Option<String>| list.unwrap_or_default();
        let category = name(v.category_id.as_ref().and_then(|id| {
            charter?
                .categories
                .iter()
                .find(|c| &c.id == id)
                .map(|c| c.name.clone())
        }));
        let severity = name(v.severity_id.as_ref().and_then(|id| {
            charter?
                .severities
                .iter()
                .find(|s| &s.id == id)
                .map(|s| s.name.clone())
        }));
        let scope = match v.in_scope {
            Some(true) => "In scope",
            Some(false) => "Out of scope",
            None => "Not triaged",
        };
        let pair = charter.and_then(|c| clocks(issue, c, rules, now));
        let clock = |i: usize| -> (String, String) {
            pair.map(|(a, b)| if i == 0 { a } else { b })
                .map(|c| {
                    (
                        c.state.name().to_owned(),
                        c.due.map(|d| stamp(rules, zone, d)).unwrap_or_default(),
                    )
                })
                .unwrap_or_default()
        };
        let (response, response_due) = clock(0);
        let (resolution, resolution_due) = clock(1);
        let cells = [
            v.number.to_string(),
            v.title.clone(),
            v.status().name().to_owned(),
            scope.to_owned(),
            category,
            severity,
            v.destination
                .map(|d| d.name().to_owned())
                .unwrap_or_default(),
            v.reporter.clone(),
            v.clock_start()
                .map(|t| stamp(rules, zone, t))
                .unwrap_or_default(),
            v.area.clone(),
            v.description.clone(),
            response,
            response_due,
            resolution,
            resolution_due,
        ];
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// RFC 4180 records; `Err` names the line where a quoted field never ends.
pub fn parse_records(text: &str) -> Result<Vec<Vec<String>>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c)
            }
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                line += 1;
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => cell.push(c),
        }
    }
    if quoted {
        return Err(format!(
            "a quoted field that starts before line {line} never ends"
        ));
    }
    if !cell.is_empty() || !record.is_empty() {
        record.push(cell);
        records.push(record);
    }
    records.retain(|r| !(r.len() == 1 && r[0].trim().is_empty()));
    Ok(records)
}

/// A row ready to become an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub line: usize,
    pub title: String,
    pub description: String,
    pub reporter: String,
    /// Read in the zone the file names, or the charter's.
    pub reported_at: Option<DateTime<Utc>>,
    pub area: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    pub rows: Vec<ImportRow>,
    /// (line, message) for every row that cannot be imported.
    pub errors: Vec<(usize, String)>,
}

fn parse_time(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim().trim_end_matches('Z');
    [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(9, 0, 0))
    })
}

/// A header split into its name and the zone it names: "Reported at (UTC)" -> ("Reported at",
/// Some("UTC")).
fn column_name(header: &str) -> (&str, Option<&str>) {
    let header = header.trim();
    match header.strip_suffix(')').and_then(|h| h.split_once(" (")) {
        Some((name, zone)) if !zone.trim().is_empty() => (name.trim(), Some(zone.trim())),
        _ => (header, None),
    }
}

/// Reads an issue list. Needs a "Title" column; "Description", "Reported by", "Reported at"
/// and "Area" are used when present (any order, any case); other columns are ignored.
///
/// Times are read in the charter's `zone`; a time more than a few minutes after `now` is
/// refused on its line, like any other bad value.
pub fn plan_import(
    text: &str,
    rules: &dyn ZoneRules,
    zone: &str,
    now: DateTime<Utc>,
) -> Result<ImportPlan, String> {
    let records = parse_records(text)?;
    let Some((header, rows)) = records.split_first() else {
        return Err("The file is empty.".to_owned());
    };
    // A header may name its zone, as Handrail's own export does: "Reported at (Europe/Berlin)".
    let column = |name: &str| {
        header
            .iter()
            .position(|h| column_name(h).0.eq_ignore_ascii_case(name))
    };
    let title_at =
        column("Title").ok_or("The file has no \u{201c}Title\u{201d} column in its first line.")?;
    if rows.len() > MAX_IMPORT_ROWS {
        return Err(format!(
            "The file has {} rows; at most {MAX_IMPORT_ROWS} can be imported at once.",
            rows.len()
        ));
    }
    let (description_at, reporter_at, reported_at, area_at) = (
        column("Description"),
        column("Reported by"),
        column("Reported at"),
        column("Area"),
    );
    // Times are in the zone the "Reported at" header names, else in the charter's.
    let zone = reported_at
        .and_then(|at| header.get(at))
        .and_then(|h| column_name(h).1)
        .unwrap_or(zone);
    let mut plan = ImportPlan {
        rows: Vec::new(),
        errors: Vec::new(),
    };
    for (i, record) in rows.iter().enumerate() {
        let line = i + 2;
        let get = |at: Option<usize>| {
            at.and_then(|a| record.get(a))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default()
        };
        let title = get(Some(title_at));
        if title.is_empty() {
            plan.errors.push((line, "the title is empty".to_owned()));
            continue;
        }
        let when = get(reported_at);
        let parsed = if when.is_empty() {
            None
        } else {
            parse_time(&when)
        };
        if !when.is_empty() && parsed.is_none() {
            plan.errors.push((
                line,
                format!("\u{201c}{when}\u{201d} is not a date and time like 2027-03-08 09:30"),
            ));
            continue;
        }
        let parsed = parsed.map(|time| rules.to_utc(zone, time));
        if let Some(time) = parsed {
            if check_reported_at(time, now).is_err() {
                plan.errors.push((
                    line,
                    format!("\u{201c}{when}\u{201d} is in the future: give the time the issue was reported"),
                ));
                continue;
            }
        }
        plan.rows.push(ImportRow {
            line,
            title,
            description: get(description_at),
            reporter: get(reporter_at),
            reported_at: parsed,
            area: get(area_at),
        });
    }
    Ok(plan)
}

/// Turns planned rows into new, untriaged issues numbered from `first_number`. A row that no
/// longer passes (its time has not come by `now`) stops the whole import.
pub fn import_issues(
    rows: &[ImportRow],
    first_number: u32,
    by: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Issue>, super::issue::TriageError> {
    let mut issues = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let number = u32::try_from(i)
            .ok()
            .and_then(|i| first_number.checked_add(i))
            .filter(|n| u64::from(*n) <= crate::domain::bounds::MAX_NUMBER)
            .ok_or(super::issue::TriageError::NumbersExhausted)?;
        let mut issue = Issue::log(number, &row.title, by, now)?;
        let change = Change::Described {
            title: issue.view().title,
            description: row.description.clone(),
            reporter: row.reporter.clone(),
            reported_at: row.reported_at.unwrap_or(now),
            area: row.area.clone(),
        };
        issue.describe(change, by, now)?;
        issues.push(issue);
    }
    Ok(issues)
}
