//! The preview of a service-desk export: every row new, updated (and what changed), unchanged
//! or refused (and why). Nothing is written here; [`super::apply`] does that once the user
//! says "Import".
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::columns::{recognise, ServiceDeskSettings, Source, Target};
use super::times::{read_time, TicketTime};
use crate::domain::bounds;
use crate::domain::triage::csv::{parse_records, shape, Place, Record, MAX_IMPORT_ROWS};
use crate::domain::triage::encoding::{self, Encoding};
use crate::domain::triage::error::REPORT_TOLERANCE_MINUTES;
use crate::domain::triage::issue::TicketField;
use crate::domain::triage::zone::ZoneRules;
use crate::domain::triage::{Issue, Status};

/// A file read as records, before its columns are given a meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub header: Vec<String>,
    pub records: Vec<Record>,
    pub encoding: Encoding,
    /// The tool the header looks like.
    pub source: Source,
}

/// Reads an export's bytes (UTF-8, UTF-16 or Windows-1252, see [`encoding::decode`]) into its
/// header and rows. Refused whole only when there is no header to read.
pub fn read_export(bytes: &[u8]) -> Result<Export, String> {
    let (text, encoding) = encoding::decode(bytes);
    let mut records = parse_records(&text);
    records.retain(|r| r.unclosed.is_some() || r.fields.iter().any(|f| !f.trim().is_empty()));
    if records.is_empty() {
        return Err("The file is empty.".to_owned());
    }
    let head = records.remove(0);
    if head.unclosed.is_some() {
        let problem = shape(&head, 0).unwrap_or_default();
        return Err(format!("Row 1, the header: {problem}."));
    }
    if records.len() > MAX_IMPORT_ROWS {
        return Err(format!(
            "The file has {} rows; at most {MAX_IMPORT_ROWS} can be imported at once: export fewer tickets (for example, only those changed since yesterday).",
            records.len()
        ));
    }
    let header: Vec<String> = head.fields.iter().map(|h| h.trim().to_owned()).collect();
    if let Some((at, long)) = header
        .iter()
        .enumerate()
        .find(|(_, h)| h.chars().count() > MAX_HEADER_CHARS)
    {
        return Err(format!(
            "Column {} of the header has {} characters; an export names its columns in at most {MAX_HEADER_CHARS}. Is the first line the header?",
            at + 1,
            long.chars().count()
        ));
    }
    Ok(Export {
        source: recognise(&header),
        header,
        records,
        encoding,
    })
}

/// Columns that change without the ticket changing (Jira's "Last Viewed" is the exporting
/// user's own): kept out of the snapshot, or every ticket would come out updated every day.
const VOLATILE: [&str; 2] = ["last viewed", "sys_mod_count"];

/// A header longer than this is not an export's header.
const MAX_HEADER_CHARS: usize = 200;

/// A row read as a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRow {
    pub place: Place,
    pub key: String,
    pub title: String,
    pub description: String,
    pub reporter: String,
    pub category: String,
    pub state: String,
    pub priority: String,
    pub reported_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// Every column that has a value, as the file names it: what the issue keeps of its ticket.
    pub fields: Vec<TicketField>,
}

impl TicketRow {
    /// The value of a mapped column in an earlier snapshot of the ticket.
    fn mapped<'a>(fields: &'a [TicketField], header: Option<&str>) -> &'a str {
        header
            .and_then(|h| fields.iter().find(|f| f.name == h))
            .map_or("", |f| f.value.as_str())
    }
}

/// What importing a row would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowPlan {
    New(TicketRow),
    /// The ticket is issue `number`; `changes` says what changed since the last import.
    Updated {
        row: TicketRow,
        number: u32,
        changes: Vec<String>,
    },
    Unchanged {
        place: Place,
        key: String,
        number: u32,
    },
    Refused {
        place: Place,
        key: String,
        why: String,
    },
}

/// How many rows of each kind a preview has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub refused: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeskPlan {
    pub rows: Vec<RowPlan>,
    /// Rows imported as read that may not be what the file meant (a time that happened
    /// twice, a field over many lines).
    pub check: Vec<(Place, String)>,
}

impl DeskPlan {
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for row in &self.rows {
            match row {
                RowPlan::New(_) => counts.new += 1,
                RowPlan::Updated { .. } => counts.updated += 1,
                RowPlan::Unchanged { .. } => counts.unchanged += 1,
                RowPlan::Refused { .. } => counts.refused += 1,
            }
        }
        counts
    }
}

/// A ticket the engagement already holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownTicket {
    /// The issues that hold it, lowest first: one, unless two devices imported it before
    /// their team sync met.
    pub numbers: Vec<u32>,
    /// The ticket's row as the last import read it.
    pub fields: Vec<TicketField>,
    /// Triaged in scope and not moved on since: the ticket's state applies to it now.
    pub awaits_state: bool,
}

/// The tickets an engagement holds, by key.
pub type Known = HashMap<String, KnownTicket>;

/// The tickets an engagement already holds, by key.
pub fn known_tickets(issues: &[Issue]) -> Known {
    let mut known = Known::new();
    for issue in issues {
        let view = issue.view();
        let awaits_state = view.in_scope == Some(true) && view.status() == Status::Triaged;
        let Some(ticket) = view.ticket else { continue };
        known
            .entry(ticket.key)
            .and_modify(|k: &mut KnownTicket| k.numbers.push(view.number))
            .or_insert(KnownTicket {
                numbers: vec![view.number],
                fields: ticket.fields,
                awaits_state,
            });
    }
    for ticket in known.values_mut() {
        ticket.numbers.sort_unstable();
    }
    known
}

/// Plans rows one at a time, so a caller can plan a large file in slices and stay
/// responsive; it remembers the keys it has seen, to refuse a ticket listed twice.
pub struct Planner<'a> {
    pub export: &'a Export,
    pub settings: &'a ServiceDeskSettings,
    pub known: &'a Known,
    pub rules: &'a dyn ZoneRules,
    pub now: DateTime<Utc>,
    seen: HashMap<String, Place>,
    pub plan: DeskPlan,
}

impl<'a> Planner<'a> {
    pub fn new(
        export: &'a Export,
        settings: &'a ServiceDeskSettings,
        known: &'a Known,
        rules: &'a dyn ZoneRules,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            export,
            settings,
            known,
            rules,
            now,
            seen: HashMap::new(),
            plan: DeskPlan::default(),
        }
    }

    /// Plans the records `from..to` of the export.
    pub fn plan_slice(&mut self, from: usize, to: usize) {
        let records = &self.export.records;
        for record in &records[from.min(records.len())..to.min(records.len())] {
            let planned = self.plan_record(record);
            self.plan.rows.push(planned);
        }
    }

    /// Plans the whole export.
    pub fn plan_all(mut self) -> DeskPlan {
        self.plan_slice(0, self.export.records.len());
        self.plan
    }

    fn cell(&self, record: &Record, target: Target) -> String {
        self.settings
            .mapping
            .header(target)
            .and_then(|h| self.export.header.iter().position(|x| x == h))
            .and_then(|at| record.fields.get(at))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    }

    fn plan_record(&mut self, record: &Record) -> RowPlan {
        let place = Place {
            row: record.row,
            line: record.line,
        };
        let key = self.cell(record, Target::Key);
        let refuse = |why: String| RowPlan::Refused {
            place,
            key: key.clone(),
            why,
        };
        if let Some(problem) = shape(record, self.export.header.len()) {
            return refuse(problem);
        }
        // A key is taken by its first row even if that row is refused, so a later row of
        // the same ticket is never imported in its place.
        if let Some(first) = self.seen.get(&key) {
            return refuse(format!(
                "the ticket {key} is also on {}: only the first row of a ticket is read",
                first.to_string().to_lowercase()
            ));
        }
        if !key.is_empty() {
            self.seen.insert(key.clone(), place);
        }
        let row = match self.read_row(record, place, &key) {
            Ok(row) => row,
            Err(problems) => return refuse(problems.join("; ")),
        };
        let Some(known) = self.known.get(&key) else {
            return RowPlan::New(row);
        };
        let number = known.numbers[0];
        if let Some(others) = known.numbers.get(1..).filter(|o| !o.is_empty()) {
            let others: Vec<String> = others.iter().map(|n| format!("#{n}")).collect();
            self.plan.check.push((place, format!(
                "the ticket {key} is on #{number} and also on {} (imported on two devices before they synced); only #{number} follows it",
                others.join(", ")
            )));
        }
        let mut changes = changes(&known.fields, &row.fields);
        let state_means = self.settings.state_means(&row.state).status();
        if changes.is_empty()
            && known.awaits_state
            && state_means.is_some_and(|s| s != Status::Triaged)
        {
            changes.push(format!(
                "its state \u{201c}{}\u{201d} applies now that the issue is triaged",
                row.state
            ));
        }
        if changes.is_empty() {
            RowPlan::Unchanged { place, key, number }
        } else {
            RowPlan::Updated {
                row,
                number,
                changes,
            }
        }
    }

    /// The row's values, or every problem that keeps it out.
    fn read_row(
        &mut self,
        record: &Record,
        place: Place,
        key: &str,
    ) -> Result<TicketRow, Vec<String>> {
        let mut problems = Vec::new();
        let title = self.cell(record, Target::Title);
        if key.is_empty() {
            problems
                .push("it has no ticket key, which matches it again on the next import".to_owned());
        }
        if title.is_empty() {
            problems.push("its title is empty".to_owned());
        }
        let fields = self.snapshot(record, &mut problems);
        let mut notes = Vec::new();
        let mut time = |target: Target| match self.time(record, target) {
            Ok(Some(TicketTime { at, note })) => {
                if let Some(note) = note {
                    notes.push((place, note));
                }
                Some(at)
            }
            Ok(None) => None,
            Err(problem) => {
                problems.push(problem);
                None
            }
        };
        let (reported_at, updated_at, resolved_at) = (
            time(Target::Reported),
            time(Target::Updated),
            time(Target::Resolved),
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        self.plan.check.append(&mut notes);
        Ok(TicketRow {
            place,
            key: key.to_owned(),
            title,
            description: self.cell(record, Target::Description),
            reporter: self.cell(record, Target::Reporter),
            category: self.cell(record, Target::Category),
            state: self.cell(record, Target::State),
            priority: self.cell(record, Target::Priority),
            reported_at,
            updated_at,
            resolved_at,
            fields,
        })
    }

    /// A time column's cell read in the file's zone; `None` when the column is empty or not
    /// chosen. A time in the future (past the tolerance a clock allows) is refused: the file's
    /// zone is likely wrong.
    fn time(&self, record: &Record, target: Target) -> Result<Option<TicketTime>, String> {
        let text = self.cell(record, target);
        if text.is_empty() {
            return Ok(None);
        }
        let header = self.settings.mapping.header(target).unwrap_or_default();
        let read = read_time(&text, header, self.rules, &self.settings.zone)?;
        if read.at > self.now + Duration::minutes(REPORT_TOLERANCE_MINUTES) {
            return Err(format!(
                "\u{201c}{header}\u{201d} ({text}) is in the future in {}: check the file's time zone",
                self.settings.zone
            ));
        }
        Ok(Some(read))
    }

    /// Every column with a value, by its header, but the key (the ticket's own `key`);
    /// repeated headers (Jira's "Labels", "Comment") stay as several fields of one name.
    fn snapshot(&self, record: &Record, problems: &mut Vec<String>) -> Vec<TicketField> {
        let mapping = &self.settings.mapping;
        let key = mapping.header(Target::Key).unwrap_or_default();
        let texts = [Target::Title, Target::Description].map(|t| mapping.header(t));
        let mut fields = Vec::new();
        for (name, value) in self.export.header.iter().zip(&record.fields) {
            let value = value.trim();
            if value.is_empty()
                || name.is_empty()
                || name == key
                || VOLATILE.iter().any(|v| name.eq_ignore_ascii_case(v))
            {
                continue;
            }
            let chars = value.chars().count();
            if chars > bounds::MAX_TEXT_CHARS {
                problems.push(format!(
                    "\u{201c}{name}\u{201d} has {chars} characters; Handrail keeps at most {}",
                    bounds::MAX_TEXT_CHARS
                ));
                continue;
            }
            // The title and description are kept whole in the issue; the snapshot only has
            // to tell whether the ticket changed them, so it keeps their digest.
            let value = if texts.contains(&Some(name.as_str())) {
                digest(value)
            } else {
                value.to_owned()
            };
            fields.push(TicketField {
                name: name.clone(),
                value,
            });
        }
        fields
    }
}

/// What starts a digest in a snapshot (see [`digest`]).
pub const DIGEST: char = '\u{2261}';

/// A text's stand-in in a ticket's snapshot: "≡" and 13 symbols of its stable hash.
fn digest(text: &str) -> String {
    format!(
        "{DIGEST}{}",
        crate::domain::triage::stable_id(&[text.as_bytes()])
    )
}

/// What changed between two snapshots of a ticket, column by column, in words: short values
/// as "State: In Progress → Resolved", long ones as "Description changed".
pub fn changes(before: &[TicketField], after: &[TicketField]) -> Vec<String> {
    let joined = |fields: &[TicketField], name: &str| -> String {
        fields
            .iter()
            .filter(|f| f.name == name)
            .map(|f| f.value.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut names: Vec<&str> = Vec::new();
    for field in before.iter().chain(after) {
        if !names.contains(&field.name.as_str()) {
            names.push(&field.name);
        }
    }
    names
        .into_iter()
        .filter_map(|name| {
            let (old, new) = (joined(before, name), joined(after, name));
            if old == new {
                return None;
            }
            let long = |v: &str| v.chars().count() > 60 || v.contains(DIGEST);
            Some(if long(&old) || long(&new) {
                format!("{name} changed")
            } else if old.is_empty() {
                format!("{name}: {new}")
            } else if new.is_empty() {
                format!("{name}: {old} \u{2192} (empty)")
            } else {
                format!("{name}: {old} \u{2192} {new}")
            })
        })
        .collect()
}

/// The value a snapshot had for a mapped column: what the last import read.
pub(super) fn before<'a>(
    fields: &'a [TicketField],
    settings: &ServiceDeskSettings,
    target: Target,
) -> &'a str {
    TicketRow::mapped(fields, settings.mapping.header(target))
}
