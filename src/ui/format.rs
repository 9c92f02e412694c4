//! How the views write dates, times and durations. SLA times are always in the charter's time
//! zone with its name, and the viewer's own time beside them only when it differs, so that
//! the screen, the print and the CSV agree whoever reads them.
use chrono::{DateTime, NaiveDateTime, Utc};

use crate::domain::triage::zone::{viewer_time, zoned_time};
use crate::domain::triage::ZoneRules;
use crate::state::charter::browser_time_zone;
use crate::state::zone::BrowserZones;

/// "Mon 30 Mar 2026, 16:00 CEST (10:00 your time)".
pub fn sla_time(zone: &str, at: DateTime<Utc>) -> String {
    let shown = zoned_time(&BrowserZones, zone, at);
    match viewer_time(&BrowserZones, zone, &browser_time_zone(), at) {
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
    Some(BrowserZones.to_utc(zone, naive))
}

/// "Europe/Berlin (CEST)": a zone as a label names it.
pub fn zone_label(zone: &str, at: DateTime<Utc>) -> String {
    format!("{zone} ({})", BrowserZones.abbreviation(zone, at))
}
