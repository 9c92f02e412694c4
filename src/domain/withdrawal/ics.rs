//! The withdrawal plan as an iCalendar file (RFC 5545): week transitions, check-ins and the
//! exit review, as all-day events so every calendar app shows them on the right day whatever
//! its time zone.
use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::plan::WithdrawalPlan;
use crate::domain::charter::Charter;

/// RFC 5545 3.3.11: backslash, semicolon and comma are escaped in text, and every line break
/// (CRLF, a lone LF or a lone CR, which many calendar apps also end a line at) becomes `\n`, so
/// that no value can end its line and start a property of its own. Other control characters
/// are not allowed in text and are dropped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 3.1: lines longer than 75 octets are folded with CRLF and a space, never inside a
/// UTF-8 character nor inside an escape such as `\n` (the only backslashes in a line are the
/// escapes [`text`] writes).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let mut size = c.len_utf8();
        if c == '\\' {
            size += rest[size..].chars().next().map_or(0, char::len_utf8);
        }
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push_str(&rest[..size]);
        width += size;
        rest = &rest[size..];
    }
    out.push_str("\r\n");
}

/// A due time as a 15-minute event at that instant (UTC, so every calendar shows it at the
/// right time in its own zone) with an alarm when it starts.
fn timed(alarm: &DueAlarm, stamp: &str, out: &mut String) {
    let instant = |at: DateTime<Utc>| at.format("%Y%m%dT%H%M%SZ").to_string();
    fold("BEGIN:VEVENT", out);
    fold(&format!("UID:{}", text(&alarm.uid)), out);
    fold(&format!("DTSTAMP:{stamp}"), out);
    fold(&format!("DTSTART:{}", instant(alarm.at)), out);
    fold(
        &format!("DTEND:{}", instant(alarm.at + Duration::minutes(15))),
        out,
    );
    fold(&format!("SUMMARY:{}", text(&alarm.summary)), out);
    fold(&format!("DESCRIPTION:{}", text(&alarm.description)), out);
    fold("BEGIN:VALARM", out);
    fold("ACTION:DISPLAY", out);
    fold("TRIGGER:PT0M", out);
    fold(&format!("DESCRIPTION:{}", text(&alarm.summary)), out);
    fold("END:VALARM", out);
    fold("END:VEVENT", out);
}

fn day(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

struct Event {
    uid: String,
    date: NaiveDate,
    summary: String,
    description: String,
}

/// A due time to be alarmed at, for people who follow hypercare in their calendar rather than
/// in the app: an open issue of the charter's most severe level, at the time its running
/// clock's target runs out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueAlarm {
    pub uid: String,
    pub at: DateTime<Utc>,
    pub summary: String,
    pub description: String,
}

/// The alarms of the open in-scope issues of the charter's first (most severe) level, at the
/// due time of the clock that runs out first; none for a clock already past its target (the
/// calendar is for what is coming).
pub fn due_alarms(
    engagement_id: &str,
    issues: &[crate::domain::triage::Issue],
    charter: &Charter,
    rules: &dyn crate::domain::triage::ZoneRules,
    now: DateTime<Utc>,
) -> Vec<DueAlarm> {
    let Some(critical) = charter.severities.first() else {
        return Vec::new();
    };
    issues
        .iter()
        .filter(|issue| issue.view().severity_id.as_deref() == Some(critical.id.as_str()))
        .filter_map(|issue| {
            let (response, resolution) =
                crate::domain::triage::clock::clocks(issue, charter, rules, now)?;
            let (clock, at) = [("first response", response), ("resolution", resolution)]
                .into_iter()
                .filter(|(_, c)| c.running)
                .filter_map(|(name, c)| Some((name, c.due?)))
                .filter(|(_, due)| *due > now)
                .min_by_key(|(_, due)| *due)?;
            let title = issue.view().title;
            Some(DueAlarm {
                uid: format!("due-{}-{clock}-{engagement_id}@handrail", issue.identity()),
                at,
                summary: format!("#{} {title}: {clock} due", issue.number),
                description: format!(
                    "{} issue #{}: the {clock} target runs out now.",
                    critical.name, issue.number
                ),
            })
        })
        .collect()
}

pub fn export(
    engagement_id: &str,
    engagement_name: &str,
    plan: &WithdrawalPlan,
    charter: &Charter,
    alarms: &[DueAlarm],
    now: DateTime<Utc>,
) -> String {
    let mut events = Vec::new();
    let end = plan.end_date(charter);
    for (i, week) in plan.weeks.iter().enumerate() {
        let number = i as u32 + 1;
        let Some(start) = plan.week_start(charter, number) else {
            continue;
        };
        let level = plan.level_in(number).unwrap_or(week.level);
        events.push(Event {
            uid: format!("week-{number}-{engagement_id}@handrail"),
            date: start,
            summary: format!(
                "{engagement_name}: hypercare week {number}, {}",
                level.name()
            ),
            description: format!(
                "{} Business team goal: {}",
                level.meaning(),
                week.business_goal.trim()
            ),
        });
        let last_day = start + Duration::days(6);
        let mut check_in = start;
        while check_in <= last_day && end.is_none_or(|e| check_in <= e) {
            events.push(Event {
                uid: format!("check-in-{}-{engagement_id}@handrail", day(check_in)),
                date: check_in,
                summary: format!("{engagement_name}: hypercare check-in"),
                description: format!(
                    "{} check-in, week {number} ({}).",
                    week.cadence.name(),
                    level.name()
                ),
            });
            check_in += Duration::days(week.cadence.step_days());
        }
    }
    if let Some(end) = end {
        events.push(Event {
            uid: format!("exit-review-{engagement_id}@handrail"),
            date: end,
            summary: format!("{engagement_name}: hypercare exit review"),
            description: "Hypercare ends today: the exit review is signed by the project team and the business team.".to_owned(),
        });
    }

    let mut out = String::new();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Handrail//Hypercare withdrawal plan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(line, &mut out);
    }
    fold(
        &format!(
            "X-WR-CALNAME:{}",
            text(&format!("Hypercare: {engagement_name}"))
        ),
        &mut out,
    );
    for event in events {
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", text(&event.uid)), &mut out);
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        fold(&format!("DTSTART;VALUE=DATE:{}", day(event.date)), &mut out);
        fold(
            &format!("DTEND;VALUE=DATE:{}", day(event.date + Duration::days(1))),
            &mut out,
        );
        fold(&format!("SUMMARY:{}", text(&event.summary)), &mut out);
        fold(
            &format!("DESCRIPTION:{}", text(&event.description)),
            &mut out,
        );
        fold("TRANSP:TRANSPARENT", &mut out);
        fold("END:VEVENT", &mut out);
    }
    for alarm in alarms {
        timed(alarm, &stamp, &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}
