//! Issues as CSV, for spreadsheets: export with every issue's state, and import of issue lists
//! from other tools (title, description, reporter, reported at, area). Import is checked row
//! by row first: the preview lists every row that cannot be imported, and why, and the user
//! then imports the others or nothing.
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::encoding::{self, Encoding};
use crate::domain::bounds;

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

/// One record of a CSV file, and where it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// Its row as a spreadsheet counts them: the header is row 1, blank rows count.
    pub row: usize,
    /// The line of the file it starts on: later than `row` when a field before it spans lines.
    pub line: usize,
    pub fields: Vec<String>,
    /// The quoted field that spans the most lines, if one spans several: the lines it opens
    /// and closes on.
    pub spans: Option<(usize, usize)>,
    /// A quote opens and never closes: the lines it opens on and the file ends on.
    pub unclosed: Option<(usize, usize)>,
}

/// RFC 4180 records. Rows end at CRLF, LF or a lone CR (old Mac files); a line break inside
/// quotes is part of the field.
pub fn parse_records(text: &str) -> Vec<Record> {
    let text = text.trim_start_matches('\u{feff}');
    let mut records = Vec::new();
    let mut record = Record {
        row: 1,
        line: 1,
        ..Record::default()
    };
    let mut cell = String::new();
    let mut quoted = false;
    let mut opened = 1;
    let mut line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A line ends at LF, or at a CR not followed by LF.
        let ends_line = c == '\n' || (c == '\r' && chars.peek() != Some(&'\n'));
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => {
                quoted = false;
                if line > opened && record.spans.is_none_or(|(a, b)| line - opened > b - a) {
                    record.spans = Some((opened, line));
                }
            }
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => {
                quoted = true;
                opened = line;
            }
            (false, ',') => record.fields.push(std::mem::take(&mut cell)),
            (false, '\r' | '\n') => {
                if ends_line {
                    record.fields.push(std::mem::take(&mut cell));
                    let next = Record {
                        row: record.row + 1,
                        line: line + 1,
                        ..Record::default()
                    };
                    records.push(std::mem::replace(&mut record, next));
                }
            }
            (false, c) => cell.push(c),
        }
        if ends_line {
            line += 1;
        }
    }
    if quoted {
        // The last line is the one before the final line break, if the file ends with one.
        let last = line - usize::from(text.ends_with(['\n', '\r']));
        record.unclosed = Some((opened, last.max(opened)));
    }
    if quoted || !cell.is_empty() || !record.fields.is_empty() {
        record.fields.push(cell);
        records.push(record);
    }
    records
}

/// A row ready to become an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub row: usize,
    pub title: String,
    pub description: String,
    pub reporter: String,
    /// Read in the zone the file names, or the charter's.
    pub reported_at: Option<DateTime<Utc>>,
    pub area: String,
}

/// Where a row is: "Row 4", and "Row 4 (line 7)" once a field before it has spanned lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub row: usize,
    pub line: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Row {}", self.row)?;
        if self.line != self.row {
            write!(f, " (line {})", self.line)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    pub rows: Vec<ImportRow>,
    /// Rows that will not be imported, and why.
    pub skipped: Vec<(Place, String)>,
    /// Rows that will be imported but may not be what the file meant: a quoted field over many
    /// lines is one long text, or a quote that is missing.
    pub check: Vec<(Place, String)>,
    /// How the file's bytes were read; the preview names it unless it is UTF-8.
    pub encoding: Encoding,
}

/// A quoted field over more lines than this is shown for checking: it may have swallowed rows.
pub const LONG_FIELD_LINES: usize = 20;

fn parse_time(text: &str) -> Option<NaiveDateTime> {
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

/// A reported time: in `zone`, or in UTC when it ends in `Z`. Dates outside the domain's
/// bounds are refused before any zone arithmetic, which would take ages on them.
fn reported_time(
    text: &str,
    rules: &dyn ZoneRules,
    zone: &str,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, String> {
    let problem =
        |what: std::fmt::Arguments| format!("the reported time \u{201c}{text}\u{201d} {what}");
    let (local, utc) = match text.strip_suffix('Z') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let Some(time) = parse_time(local) else {
        return Err(problem(format_args!(
            "is not a date and time like 2027-03-08 09:30"
        )));
    };
    let outside = || {
        problem(format_args!(
            "is outside {}\u{2013}{}",
            bounds::EARLIEST_YEAR,
            bounds::LATEST_YEAR
        ))
    };
    if !bounds::date_allowed(time.date()) {
        return Err(outside());
    }
    let at = if utc {
        time.and_utc()
    } else {
        rules.to_utc(zone, time)
    };
    if !bounds::date_allowed(at.date_naive()) {
        return Err(outside());
    }
    check_reported_at(at, now).map_err(|_| {
        problem(format_args!(
            "is in the future: give the time the issue was reported"
        ))
    })?;
    Ok(at)
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

/// What is wrong with a record's shape, if anything: a quote that never closes, or a number of
/// fields other than the header's (a comma outside quotes, or a misplaced quote that joined
/// rows). With it, a quoted field that spans lines, since a stray quote is the usual cause.
pub(crate) fn shape(record: &Record, fields: usize) -> Option<String> {
    if let Some((opened, last)) = record.unclosed {
        return Some(format!(
            "a quote opens on line {opened} and never closes: the rest of the file, to line {last}, is one field"
        ));
    }
    if record.fields.len() == fields {
        return None;
    }
    let mut message = format!(
        "{} fields where the first row has {fields}",
        record.fields.len()
    );
    if let Some(spans) = record.spans {
        message.push_str("; ");
        message.push_str(&spanning(spans));
    }
    Some(message)
}

fn spanning((from, to): (usize, usize)) -> String {
    format!("a quoted field runs from line {from} to line {to}: check its quotes")
}

/// Reads an issue list from a file's bytes (see [`encoding::decode`]). Needs a "Title"
/// column; "Description", "Reported by", "Reported at" and "Area" are used when present (any
/// order, any case); other columns are ignored.
///
/// Each row is checked on its own: one with the wrong number of fields, an empty title, a text
/// longer than the domain keeps, or a reported time that is not a time, outside the domain's
/// years or in the future, is listed with why and skipped; the others can still be imported.
/// Times are read in the zone the "Reported at" header names, else in the charter's `zone`.
pub fn plan_import(
    bytes: &[u8],
    rules: &dyn ZoneRules,
    zone: &str,
    now: DateTime<Utc>,
) -> Result<ImportPlan, String> {
    let (text, encoding) = encoding::decode(bytes);
    let mut records = parse_records(&text);
    // Blank rows, and rows of empty cells that spreadsheets write below the data.
    records.retain(|r| r.unclosed.is_some() || r.fields.iter().any(|f| !f.trim().is_empty()));
    let Some((header, rows)) = records.split_first() else {
        return Err("The file is empty.".to_owned());
    };
    let place = |r: &Record| Place {
        row: r.row,
        line: r.line,
    };
    if header.unclosed.is_some() {
        let problem = shape(header, 0).unwrap_or_default();
        return Err(format!("{}: {problem}.", place(header)));
    }
    // A header may name its zone, as Handrail's own export does: "Reported at (Europe/Berlin)".
    let column = |name: &str| {
        header
            .fields
            .iter()
            .position(|h| column_name(h).0.eq_ignore_ascii_case(name))
    };
    let title_at =
        column("Title").ok_or("The file has no \u{201c}Title\u{201d} column in its first line.")?;
    if rows.len() > MAX_IMPORT_ROWS {
        return Err(format!(
            "The file has {} rows; at most {MAX_IMPORT_ROWS} can be imported at once: split it into smaller files.",
            rows.len()
        ));
    }
    let (description_at, reporter_at, reported_at, area_at) = (
        column("Description"),
        column("Reported by"),
        column("Reported at"),
        column("Area"),
    );
    let zone = reported_at
        .and_then(|at| header.fields.get(at))
        .and_then(|h| column_name(h).1)
        .unwrap_or(zone);
    let mut plan = ImportPlan {
        rows: Vec::new(),
        skipped: Vec::new(),
        check: Vec::new(),
        encoding,
    };
    for record in rows {
        if let Some(problem) = shape(record, header.fields.len()) {
            plan.skipped.push((place(record), problem));
            continue;
        }
        let get = |at: Option<usize>| {
            at.and_then(|a| record.fields.get(a))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default()
        };
        let mut problems = Vec::new();
        let title = get(Some(title_at));
        if title.is_empty() {
            problems.push("the title is empty".to_owned());
        }
        let texts = [
            ("Title", Some(title_at)),
            ("Description", description_at),
            ("Reported by", reporter_at),
            ("Area", area_at),
        ];
        for (name, at) in texts {
            let chars = at
                .and_then(|a| record.fields.get(a))
                .map_or(0, |f| f.trim().chars().count());
            if chars > bounds::MAX_TEXT_CHARS {
                problems.push(format!(
                    "\u{201c}{name}\u{201d} has {chars} characters; Handrail keeps at most {}",
                    bounds::MAX_TEXT_CHARS
                ));
            }
        }
        let when = get(reported_at);
        let time = if when.is_empty() {
            None
        } else {
            reported_time(&when, rules, zone, now)
                .map_err(|problem| problems.push(problem))
                .ok()
        };
        if !problems.is_empty() {
            plan.skipped.push((place(record), problems.join("; ")));
            continue;
        }
        if let Some(spans) = record.spans.filter(|(a, b)| b - a >= LONG_FIELD_LINES) {
            plan.check.push((place(record), spanning(spans)));
        }
        plan.rows.push(ImportRow {
            row: record.row,
            title,
            description: get(description_at),
            reporter: get(reporter_at),
            reported_at: time,
            area: get(area_at),
        });
    }
    Ok(plan)
}

/// Whether `adding` issues fit beside an engagement's `existing` ones, numbered from `first`:
/// every door keeps the domain's bounds on the number of issues and on their numbers.
pub fn check_room(existing: usize, first: u32, adding: usize) -> Result<(), String> {
    let total = existing + adding;
    if total > bounds::MAX_ITEMS {
        return Err(format!(
            "the engagement would hold {total} issues; Handrail keeps at most {}",
            bounds::MAX_ITEMS
        ));
    }
    let last = u64::from(first) + adding as u64;
    if adding > 0 && last - 1 > bounds::MAX_NUMBER {
        return Err(format!(
            "the issues would be numbered up to {}; Handrail numbers them up to {}",
            last - 1,
            bounds::MAX_NUMBER
        ));
    }
    Ok(())
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
