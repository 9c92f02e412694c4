//! Time-zone rules behind a small interface. The browser answers from `Intl` (it already has
//! every zone); native tests answer from `chrono-tz`. Shipping a zone database in the wasm
//! would cost more than half the app's size budget.
use chrono::{DateTime, Duration, NaiveDateTime, Utc};

pub trait ZoneRules {
    /// Seconds to add to UTC to get local time in `zone` at `at`.
    fn offset_seconds(&self, zone: &str, at: DateTime<Utc>) -> i32;

    /// The zone's short name at `at` ("CEST", "EST"); where a zone has none in common use,
    /// its offset ("UTC+3").
    fn abbreviation(&self, zone: &str, at: DateTime<Utc>) -> String {
        offset_name(self.offset_seconds(zone, at))
    }

    fn to_local(&self, zone: &str, at: DateTime<Utc>) -> NaiveDateTime {
        at.naive_utc() + Duration::seconds(i64::from(self.offset_seconds(zone, at)))
    }

    /// The instant a local wall-clock time happens. In a spring-forward gap the time does not
    /// exist and the result lands just after the gap; in a fall-back overlap it is the first.
    fn to_utc(&self, zone: &str, local: NaiveDateTime) -> DateTime<Utc> {
        let guess = local.and_utc();
        let first = self.offset_seconds(zone, guess);
        let candidate = guess - Duration::seconds(i64::from(first));
        let second = self.offset_seconds(zone, candidate);
        local.and_utc() - Duration::seconds(i64::from(second))
    }
}

/// "UTC", "UTC+2", "UTC-3:30": an offset as a name, for zones without an abbreviation.
pub fn offset_name(seconds: i32) -> String {
    let minutes = seconds / 60;
    let sign = if minutes < 0 { '-' } else { '+' };
    let (h, m) = (minutes.abs() / 60, minutes.abs() % 60);
    match (h, m) {
        (0, 0) => "UTC".to_owned(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, m) => format!("UTC{sign}{h}:{m:02}"),
    }
}

/// A time as people in the charter's zone read it, with the zone's name: "Mon 30 Mar 2026,
/// 16:00 CEST". SLA due times are shown this way everywhere, so that a lead in New York and
/// a team in Berlin read the same deadline.
pub fn zoned_time(rules: &dyn ZoneRules, zone: &str, at: DateTime<Utc>) -> String {
    format!(
        "{} {}",
        rules.to_local(zone, at).format("%a %-d %b %Y, %H:%M"),
        rules.abbreviation(zone, at)
    )
}

/// The same instant on the viewer's own clock ("10:00 your time"), only when the viewer's
/// offset differs from the charter zone's at that instant; the date is added when it differs.
pub fn viewer_time(
    rules: &dyn ZoneRules,
    zone: &str,
    viewer_zone: &str,
    at: DateTime<Utc>,
) -> Option<String> {
    if rules.offset_seconds(zone, at) == rules.offset_seconds(viewer_zone, at) {
        return None;
    }
    let theirs = rules.to_local(zone, at);
    let mine = rules.to_local(viewer_zone, at);
    let text = if theirs.date() == mine.date() {
        mine.format("%H:%M").to_string()
    } else {
        mine.format("%a %-d %b, %H:%M").to_string()
    };
    Some(format!("{text} your time"))
}

/// UTC everywhere: for tests and as a safe fallback.
pub struct Utc0;

impl ZoneRules for Utc0 {
    fn offset_seconds(&self, _zone: &str, _at: DateTime<Utc>) -> i32 {
        0
    }
}
