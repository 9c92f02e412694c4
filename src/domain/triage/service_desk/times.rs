//! Ticket times as the tools export them, read in the file's zone. ServiceNow writes
//! `2026-03-04 09:15:00` (the instance's default format); Jira writes the exporting user's
//! format, by default `04/Mar/26 9:15 AM`. A local time that falls in a daylight-saving gap
//! does not exist, and one in the hour the clocks go back happens twice: both are said, never
//! guessed without a word.
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

use crate::domain::bounds;
use crate::domain::triage::zone::ZoneRules;

/// The formats tried, in order: ISO first (ServiceNow, Handrail), then Jira's.
const FORMATS: [&str; 10] = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d/%b/%y %I:%M %p",
    "%d/%b/%Y %I:%M %p",
    "%d/%b/%y %H:%M",
    "%d/%b/%Y %H:%M",
    "%d %b %Y %H:%M",
    "%d %B %Y %H:%M",
];

/// An example of each kind, for messages.
pub const EXAMPLES: &str = "2026-03-04 09:15:00 or 04/Mar/26 9:15 AM";

/// The wall-clock time a cell holds, if it is in a known format.
pub fn parse_local(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
}

/// A local time in a zone: one instant, none (a gap), or two (an overlap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Once(DateTime<Utc>),
    Never,
    Twice(DateTime<Utc>, DateTime<Utc>),
}

/// Every instant whose wall clock in `zone` shows `local`: the offsets a day either side are
/// the only ones that can apply, and an offset applies if the zone has it at that instant.
pub fn read_local(rules: &dyn ZoneRules, zone: &str, local: NaiveDateTime) -> Reading {
    let naive = local.and_utc();
    let mut offsets = [
        rules.offset_seconds(zone, naive - Duration::days(1)),
        rules.offset_seconds(zone, naive + Duration::days(1)),
    ];
    offsets.sort_unstable_by(|a, b| b.cmp(a));
    let mut found: Vec<DateTime<Utc>> = Vec::new();
    for offset in offsets {
        let at = naive - Duration::seconds(i64::from(offset));
        if rules.offset_seconds(zone, at) == offset && !found.contains(&at) {
            found.push(at);
        }
    }
    match found[..] {
        [once] => Reading::Once(once),
        [first, second] => Reading::Twice(first.min(second), first.max(second)),
        _ => Reading::Never,
    }
}

/// A cell read as an instant, with a note when it needs checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketTime {
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

/// Reads a time cell of `column` in `zone`. Refused, with why: a format not known, a year
/// outside the domain's bounds, a time the zone skips. A time the zone has twice is read as
/// the first, and noted.
pub fn read_time(
    text: &str,
    column: &str,
    rules: &dyn ZoneRules,
    zone: &str,
) -> Result<TicketTime, String> {
    let quoted = format!("\u{201c}{column}\u{201d} ({})", text.trim());
    let local =
        parse_local(text).ok_or_else(|| format!("{quoted} is not a time like {EXAMPLES}"))?;
    if !bounds::date_allowed(local.date()) {
        return Err(format!(
            "{quoted} is outside {}\u{2013}{}",
            bounds::EARLIEST_YEAR,
            bounds::LATEST_YEAR
        ));
    }
    match read_local(rules, zone, local) {
        Reading::Once(at) => Ok(TicketTime { at, note: None }),
        Reading::Never => Err(format!(
            "{quoted} does not exist in {zone}: the clocks went forward over it. Correct it in the service desk or choose the file's time zone"
        )),
        Reading::Twice(first, _) => Ok(TicketTime {
            at: first,
            note: Some(format!(
                "{quoted} happened twice in {zone} (the clocks went back); read as the first, before the change"
            )),
        }),
    }
}
