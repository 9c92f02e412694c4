//! How the views write dates, times and durations. SLA times are always in the charter's time
//! zone with its name, and the viewer's own time beside them only when it differs, so that
//! the screen, the print and the CSV agree whoever reads them.
use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, Utc};

use crate::domain::triage::zone::{viewer_time, zoned_time};
use crate::domain::triage::ZoneRules;
use crate::state::charter::browser_time_zone;
use crate::state::zone::BrowserZones;

thread_local! {
    /// The viewer's zone, asked of `Intl` once: a history or a queue writes many SLA times.
    static VIEWER_ZONE: String = browser_time_zone();
}

/// Today in the user's time zone: go-live phases count the user's calendar days.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// "Mon 1 Mar 2027": unambiguous in every locale, unlike 03/01/2027.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// The day `at` falls on for the user, as [`long_date`] writes it.
pub fn local_date(at: DateTime<Utc>) -> String {
    long_date(at.with_timezone(&Local).date_naive())
}

/// "Mon 1 Mar 2027, 14:05" in the user's time zone: when something happened in this browser.
pub fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%a %-d %b %Y, %H:%M")
        .to_string()
}

/// "1 Mar 2027, 14:05" in the user's time zone: the compact form a details list uses.
pub fn short_local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%-d %b %Y, %H:%M")
        .to_string()
}

/// "1 hour", "8 hours", "—": a charter's target in hours as the document writes it.
pub fn hours(value: Option<u32>) -> String {
    match value {
        Some(1) => "1 hour".to_owned(),
        Some(h) => format!("{h} hours"),
        None => "\u{2014}".to_owned(),
    }
}

/// "3", "" (not set): an hours field as its input shows it.
pub fn hours_text(value: Option<u32>) -> String {
    value.map(|h| h.to_string()).unwrap_or_default()
}

/// Reads an hours input: whole positive numbers only; anything else is "not set".
pub fn parse_hours(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

/// "45 m", "2 h 5 m", "—": a measured time in minutes.
pub fn duration(minutes: Option<i64>) -> String {
    match minutes {
        None => "\u{2014}".to_owned(),
        Some(m) if m < 60 => format!("{m} m"),
        Some(m) => format!("{} h {} m", m / 60, m % 60),
    }
}

/// "87 % (13 of 15)", "—" when nothing was due: a target met so many times out of so many.
pub fn share(met: usize, due: usize) -> String {
    match (met * 100).checked_div(due) {
        None => "\u{2014}".to_owned(),
        Some(percent) => format!("{percent} % ({met} of {due})"),
    }
}

/// "Mon 30 Mar 2026, 16:00 CEST (10:00 your time)".
pub fn sla_time(zone: &str, at: DateTime<Utc>) -> String {
    let shown = zoned_time(&BrowserZones, zone, at);
    let viewer = VIEWER_ZONE.with(|z| z.clone());
    match viewer_time(&BrowserZones, zone, &viewer, at) {
        Some(yours) => format!("{shown} ({yours})"),
        None => shown,
    }
}

/// The value of an `<input type="datetime-local">` showing `at` in `zone`.
pub fn zone_input(zone: &str, at: DateTime<Utc>) -> String {
    BrowserZones
        .to_local(zone, at)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Reads an `<input type="datetime-local">` as a wall-clock time in `zone`.
pub fn parse_zone_input(zone: &str, text: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M").ok()?;
    // Outside the bounds is "not a time" here, so the zone rules never see year 275760.
    crate::domain::bounds::date_allowed(naive.date()).then(|| BrowserZones.to_utc(zone, naive))
}

/// "Europe/Berlin (CEST)": a zone as a label names it.
pub fn zone_label(zone: &str, at: DateTime<Utc>) -> String {
    let short = BrowserZones.abbreviation(zone, at);
    // "UTC", not "UTC (UTC)".
    if short == zone {
        short
    } else {
        format!("{zone} ({short})")
    }
}
