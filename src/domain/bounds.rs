//! The domain's bounds, stated once: the range of dates, numbers, lengths and counts a
//! hypercare record can hold. Every door a record comes in by (the browser's storage, a backup,
//! a share link, the team database, a CSV or service-desk import) checks what it reads against
//! them, and refuses what is outside with a message that names the field; the code behind the
//! doors can then do its date and calendar arithmetic without overflowing or looping for ages.
//!
//! The check walks the JSON a record is read from rather than the typed value: one walk covers
//! every field of every type, names the field by its path, and costs little code in the wasm.
//! docs/backup-format.md and docs/share-link-format.md list the same bounds.
use chrono::{Datelike, NaiveDate};
use serde_json::Value;
use std::fmt;

/// Dates and times from 1970 to 2200: any hypercare that has happened or will, with room for
/// a plan's far end, and far from the limits of the date types (years ±262,143).
pub const EARLIEST_YEAR: i32 = 1970;
pub const LATEST_YEAR: i32 = 2200;
/// Issue and revision numbers: 1 to 999,999, far below the integer limits an overflowing
/// "next number" would reach.
pub const MAX_NUMBER: u64 = 999_999;
/// A hold or an extension names a week of hypercare: at most two years of weeks.
pub const MAX_WEEK: u64 = 104;
/// Name and system of an engagement (also `engagement::MAX_TEXT_LEN`).
pub const MAX_NAME_CHARS: usize = super::engagement::MAX_TEXT_LEN;
/// Any other text: a description, a note, a plan. About eight printed pages.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// The frozen Markdown of a signed exit review, which holds the whole record.
pub const MAX_DOCUMENT_CHARS: usize = 2_000_000;
/// Items in any one list: issues, events of an issue, workshops, notes.
pub const MAX_ITEMS: usize = 100_000;
/// Holidays of a working calendar: a year's days. Every working-hours clock looks through
/// them day by day, so ten thousand of them (found by the fuzz run) froze the overview.
pub const MAX_HOLIDAYS: usize = 366;
/// Events of one issue: a thousand times what a hypercare issue sees. The fuzz run found an
/// issue of 62,601 events keeping the exit review's Markdown busy for seconds.
pub const MAX_EVENTS: usize = 10_000;
/// A withdrawal plan's holds and extensions, its handoff's responsibilities and support
/// channels, a charter's escalation levels, and a workshop's agenda steps and dot votes: a plan
/// has at most 104 weeks, a team a few dozen duties, a workshop a few dozen steps. The fuzz runs
/// found 64,035 holds making a share link take seconds, 46,345 escalation contacts making a
/// save take seconds, and a team document with 12,787 dot votes taking seconds to merge.
pub const MAX_PLAN_ITEMS: usize = 1_000;
/// Workshop timers count milliseconds; a meeting of more than 100 days is not one.
pub const MAX_MILLISECONDS: i64 = 100 * 24 * 60 * 60 * 1000;
/// A service level's target in an approved charter: years past any hypercare, and far from
/// the instant arithmetic's end (4,294,967,295 hours crashed the overview).
pub const MAX_TARGET_HOURS: i64 = 100_000;
/// A workshop step's planned or added minutes: about two years.
pub const MAX_MINUTES: i64 = 1_000_000;

pub fn year_allowed(year: i64) -> bool {
    (i64::from(EARLIEST_YEAR)..=i64::from(LATEST_YEAR)).contains(&year)
}

pub fn date_allowed(date: NaiveDate) -> bool {
    year_allowed(i64::from(date.year()))
}

/// A date typed as `YYYY-MM-DD`, if it is one within the bounds: every form and import reads
/// dates through here, so a typing slip such as `0202` is "not a date" at the door rather than
/// a record the other doors refuse.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| date_allowed(*d))
}

/// A value as a message may quote it: at most 40 characters, so a crafted file cannot fill
/// the screen with its text.
pub fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}\u{2026}", &text[..end]),
        None => text.to_owned(),
    }
}

/// A value outside the bounds, and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfBounds {
    /// Where in the record, as a path: `issues[3].reported_at`.
    pub field: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Empty,
    TooLong { max: usize },
    TooMany { max: usize },
    Year { year: i64 },
    Number { found: String, min: i64, max: i64 },
}

impl fmt::Display for OutOfBounds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = &self.field;
        match &self.problem {
            Problem::Empty => write!(f, "\u{201c}{field}\u{201d} is empty"),
            Problem::TooLong { max } => {
                write!(f, "\u{201c}{field}\u{201d} is longer than {max} characters")
            }
            Problem::TooMany { max } => {
                write!(f, "\u{201c}{field}\u{201d} holds more than {max} items")
            }
            Problem::Year { year } => write!(
                f,
                "\u{201c}{field}\u{201d} is in the year {year}; Handrail accepts dates from {EARLIEST_YEAR} to {LATEST_YEAR}"
            ),
            Problem::Number { found, min, max } => write!(
                f,
                "\u{201c}{field}\u{201d} is {found}; it must be a whole number from {min} to {max}"
            ),
        }
    }
}

impl std::error::Error for OutOfBounds {}

/// What the JSON being checked is, which decides the root's rules and the paths' prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// An engagement (`engagement` in a stored record, backup or team-database head).
    Engagement,
    /// One issue (a stored issue record, a team-database issue document).
    Issue,
}

/// Checks `value` against the bounds. Never panics, whatever the JSON; its work is linear in
/// the JSON's size, which every door has already capped.
pub fn check(value: &Value, root: Root) -> Result<(), OutOfBounds> {
    let mut walk = Walk {
        path: Vec::new(),
        root,
    };
    if root == Root::Engagement {
        walk.names(value)?;
    }
    walk.value(value)
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

struct Walk<'a> {
    path: Vec<Segment<'a>>,
    root: Root,
}

impl<'a> Walk<'a> {
    fn fail(&self, problem: Problem) -> Result<(), OutOfBounds> {
        let mut field = String::from(match self.root {
            Root::Engagement => "",
            Root::Issue => "issue",
        });
        for segment in &self.path {
            match segment {
                Segment::Key(key) if field.is_empty() => field.push_str(key),
                Segment::Key(key) => {
                    field.push('.');
                    field.push_str(key);
                }
                Segment::Index(i) => field.push_str(&format!("[{i}]")),
            }
        }
        Err(OutOfBounds { field, problem })
    }

    /// The engagement's name and system: what its list row shows and opens it by.
    fn names(&mut self, value: &'a Value) -> Result<(), OutOfBounds> {
        for key in ["name", "system"] {
            let Some(Value::String(text)) = value.get(key) else {
                continue; // A missing or mistyped field is the reader's to report.
            };
            self.path.push(Segment::Key(key));
            if text.trim().is_empty() {
                return self.fail(Problem::Empty);
            }
            if text.chars().count() > MAX_NAME_CHARS {
                return self.fail(Problem::TooLong {
                    max: MAX_NAME_CHARS,
                });
            }
            self.path.pop();
        }
        Ok(())
    }

    fn value(&mut self, value: &'a Value) -> Result<(), OutOfBounds> {
        match value {
            Value::String(text) => self.text(text),
            Value::Number(number) => self.number(number),
            Value::Array(items) => {
                let max = match self.key() {
                    "holidays" => MAX_HOLIDAYS,
                    "events" => MAX_EVENTS,
                    "holds" | "extensions" | "responsibilities" | "escalation" | "steps"
                    | "votes" => MAX_PLAN_ITEMS,
                    // The app plans at most 8 weeks; a week past `MAX_WEEK` cannot be held or
                    // extended to. The fuzz run found a plan of 45,590 weeks taking seconds to save.
                    "weeks" => MAX_WEEK as usize,
                    // One per cell of the 3 x 3 impact and urgency matrix.
                    "severity_matrix" => 9,
                    _ => MAX_ITEMS,
                };
                if items.len() > max {
                    return self.fail(Problem::TooMany { max });
                }
                for (i, item) in items.iter().enumerate() {
                    self.path.push(Segment::Index(i));
                    self.value(item)?;
                    self.path.pop();
                }
                Ok(())
            }
            Value::Object(fields) => {
                for (key, field) in fields {
                    self.path.push(Segment::Key(key));
                    self.value(field)?;
                    self.path.pop();
                }
                Ok(())
            }
            Value::Null | Value::Bool(_) => Ok(()),
        }
    }

    fn key(&self) -> &str {
        match self.path.last() {
            Some(Segment::Key(key)) => key,
            // An item of a list is named by the list: `holidays[2]` is a holiday.
            _ => self
                .path
                .iter()
                .rev()
                .find_map(|s| match s {
                    Segment::Key(key) => Some(*key),
                    Segment::Index(_) => None,
                })
                .unwrap_or_default(),
        }
    }

    fn text(&self, text: &str) -> Result<(), OutOfBounds> {
        let key = self.key();
        let max = if key == "frozen_markdown" {
            MAX_DOCUMENT_CHARS
        } else {
            MAX_TEXT_CHARS
        };
        // Bytes first: a text of at most `max` bytes has at most `max` characters.
        if text.len() > max && text.chars().count() > max {
            return self.fail(Problem::TooLong { max });
        }
        if self.is_date_field() {
            if let Some(year) = leading_year(text) {
                if !year_allowed(year) {
                    return self.fail(Problem::Year { year });
                }
            }
        }
        Ok(())
    }

    fn number(&self, number: &serde_json::Number) -> Result<(), OutOfBounds> {
        let key = self.key();
        let (min, max) = match key {
            "number" | "claimed" => (1, MAX_NUMBER as i64),
            "week" => (1, MAX_WEEK as i64),
            // A workshop's current step: an index into a list, so never past a list's length.
            "current" => (0, MAX_ITEMS as i64),
            // A warning point between the start of a clock and its target (a draft may hold
            // any typed number; the wizard says what is wrong with it).
            "warn_percent" if self.in_approved_revision() => (1, 99),
            "duration_weeks" if self.in_approved_revision() => (
                i64::from(*super::charter::ALLOWED_WEEKS.start()),
                i64::from(*super::charter::ALLOWED_WEEKS.end()),
            ),
            _ if key.ends_with("_ms") => (0, MAX_MILLISECONDS),
            _ if key.ends_with("_hours") && self.in_approved_revision() => (0, MAX_TARGET_HOURS),
            _ if key.ends_with("_minutes") => (0, MAX_MINUTES),
            _ => return Ok(()),
        };
        match number.as_i64() {
            Some(n) if (min..=max).contains(&n) => Ok(()),
            _ => self.fail(Problem::Number {
                found: number.to_string(),
                min,
                max,
            }),
        }
    }

    /// The fields the domain holds as dates and times (chrono types, which read years up to
    /// ±262,143). Dates kept as typed text (a draft's go-live, a signature's date) are not
    /// among them: their readers parse them through [`parse_date`], which keeps to the bounds.
    fn is_date_field(&self) -> bool {
        let key = self.key();
        let parent = match self.path.len().checked_sub(2).map(|i| &self.path[i]) {
            Some(Segment::Key(parent)) => *parent,
            _ => "",
        };
        key == "at"
            || key.ends_with("_at")
            || matches!(key, "new_end" | "due" | "running_since" | "first_started")
            || (key == "go_live" && self.path.len() == 1 && self.root == Root::Engagement)
            || (key == "date" && parent == "approval")
    }

    /// An approved charter revision passed the wizard's checks; a draft may still hold
    /// whatever was typed, which the wizard reports.
    fn in_approved_revision(&self) -> bool {
        self.path
            .iter()
            .any(|s| matches!(s, Segment::Key("revisions")))
    }
}

/// The year of a text that starts like a date (`2027-03-01`, `-100000-01-01T…`,
/// `+262142-01-01`), saturating for absurd lengths; `None` for anything else, such as a
/// half-typed draft value, which its reader judges.
fn leading_year(text: &str) -> Option<i64> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'-' => (-1, &text[1..]),
        b'+' => (1, &text[1..]),
        _ => (1, text),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits < 4 || rest.as_bytes().get(digits) != Some(&b'-') {
        return None;
    }
    let year = rest[..digits].bytes().fold(0i64, |y, d| {
        y.saturating_mul(10).saturating_add(i64::from(d - b'0'))
    });
    Some(sign * year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problem(value: Value, root: Root) -> String {
        check(&value, root).unwrap_err().to_string()
    }

    #[test]
    fn far_dates_are_refused_with_their_field() {
        let value =
            json!({"name": "Acme", "issues": [{}, {"reported_at": "-100000-01-01T10:00:00Z"}]});
        assert_eq!(
            problem(value, Root::Engagement),
            "\u{201c}issues[1].reported_at\u{201d} is in the year -100000; Handrail accepts dates from 1970 to 2200"
        );
        let value = json!({"go_live": "+262142-01-01"});
        assert!(problem(value, Root::Engagement).contains("262142"));
        let value = json!({"charter": {"revisions": [{"approval": {"date": "9999-01-01"}}]}});
        assert!(problem(value, Root::Engagement).contains("charter.revisions[0].approval.date"));
        assert!(check(&json!({"go_live": "2027-03-01"}), Root::Engagement).is_ok());
        assert!(check(&json!({"go_live": "0001-01-01"}), Root::Engagement).is_err());
        assert!(check(&json!({"go_live": "9999-12-31"}), Root::Engagement).is_err());
    }

    #[test]
    fn a_half_typed_draft_date_is_the_wizards_to_judge() {
        let value = json!({"charter": {"draft": {"charter": {"go_live": "0202-03-01"}}}});
        assert!(check(&value, Root::Engagement).is_ok());
        assert_eq!(parse_date("0202-03-01"), None);
        assert_eq!(
            parse_date(" 2027-03-01 "),
            NaiveDate::from_ymd_opt(2027, 3, 1)
        );
    }

    #[test]
    fn numbers_stay_far_from_integer_limits() {
        let value = json!({"number": 4294967295u64});
        assert_eq!(
            problem(value, Root::Issue),
            "\u{201c}issue.number\u{201d} is 4294967295; it must be a whole number from 1 to 999999"
        );
        let revision = json!({"charter": {"revisions": [{"number": 0}]}});
        assert!(problem(revision, Root::Engagement).contains("charter.revisions[0].number"));
        let weeks = json!({"charter": {"revisions": [{"number": 1, "charter": {"duration_weeks": 100000}}]}});
        assert!(problem(weeks, Root::Engagement).contains("from 1 to 8"));
        let draft = json!({"charter": {"draft": {"charter": {"duration_weeks": 100000}}}});
        assert!(check(&draft, Root::Engagement).is_ok());
        // Found by the fuzz run: each crashed a screen that adds them up or to an instant.
        let hours = json!({"charter": {"revisions": [{"number": 1, "charter": {"severities": [{"response_hours": 4294967295u64}]}}]}});
        assert!(problem(hours, Root::Engagement)
            .contains("charter.revisions[0].charter.severities[0].response_hours"));
        let current = json!({"workshops": [{"current": 18446744073709551615u64}]});
        assert!(problem(current, Root::Engagement).contains("workshops[0].current"));
        let minutes = json!({"workshops": [{"steps": [{"planned_minutes": 4294967295u64}]}]});
        assert!(problem(minutes, Root::Engagement).contains("from 0 to 1000000"));
    }

    #[test]
    fn names_must_be_there_and_short() {
        assert!(problem(json!({"name": "  "}), Root::Engagement)
            .contains("\u{201c}name\u{201d} is empty"));
        let long = "x".repeat(10_000);
        assert!(problem(json!({"system": long}), Root::Engagement).contains("longer than 100"));
    }

    #[test]
    fn texts_and_lists_are_capped() {
        let long = "é".repeat(MAX_TEXT_CHARS + 1);
        assert!(problem(json!({"description": long}), Root::Issue).contains("issue.description"));
        let fits = "é".repeat(MAX_TEXT_CHARS);
        assert!(check(&json!({"description": fits}), Root::Issue).is_ok());
        let events = Value::Array(vec![Value::Null; MAX_EVENTS + 1]);
        assert!(problem(json!({"events": events}), Root::Issue).contains("more than 10000 items"));
        let holds = Value::Array(vec![Value::Null; MAX_PLAN_ITEMS + 1]);
        let plan = json!({"withdrawal": {"holds": holds}});
        assert!(problem(plan, Root::Engagement).contains("withdrawal.holds"));
        let weeks = Value::Array(vec![Value::Null; MAX_WEEK as usize + 1]);
        let plan = json!({"withdrawal": {"weeks": weeks}});
        assert!(problem(plan, Root::Engagement).contains("more than 104 items"));
        let weeks = Value::Array(vec![Value::Null; MAX_WEEK as usize]);
        assert!(check(&json!({"withdrawal": {"weeks": weeks}}), Root::Engagement).is_ok());
        let levels = Value::Array(vec![Value::Null; MAX_PLAN_ITEMS + 1]);
        let charter = json!({"charter": {"draft": {"charter": {"escalation": levels}}}});
        assert!(problem(charter, Root::Engagement).contains("charter.draft.charter.escalation"));
        let channels = Value::Array(vec![Value::Null; MAX_PLAN_ITEMS + 1]);
        let handoff = json!({"withdrawal": {"handoff": {"escalation": channels}}});
        assert!(problem(handoff, Root::Engagement).contains("more than 1000 items"));
        let votes = Value::Array(vec![Value::Null; MAX_PLAN_ITEMS + 1]);
        let workshop = json!({"workshops": [{"steps": [], "votes": votes}]});
        assert!(problem(workshop, Root::Engagement).contains("workshops[0].votes"));
        let steps = Value::Array(vec![Value::Null; MAX_PLAN_ITEMS + 1]);
        let workshop = json!({"workshops": [{"steps": steps}]});
        assert!(problem(workshop, Root::Engagement).contains("workshops[0].steps"));
        let holidays = Value::Array(vec![Value::Null; MAX_HOLIDAYS + 1]);
        let calendar =
            json!({"charter": {"draft": {"charter": {"calendar": {"holidays": holidays}}}}});
        assert!(problem(calendar, Root::Engagement).contains("more than 366 items"));
        let many = Value::Array(vec![Value::Null; MAX_ITEMS + 1]);
        assert!(problem(json!({"workshops": many}), Root::Engagement)
            .contains("more than 100000 items"));
    }

    #[test]
    fn leading_year_reads_only_date_shapes() {
        assert_eq!(leading_year("2027-03-01"), Some(2027));
        assert_eq!(leading_year("-0044-03-15"), Some(-44));
        assert_eq!(
            leading_year("99999999999999999999999-01-01"),
            Some(i64::MAX)
        );
        assert_eq!(leading_year("27-03-01"), None);
        assert_eq!(leading_year(""), None);
        assert_eq!(leading_year("-"), None);
        assert_eq!(leading_year("2027"), None);
    }
}
