//! Workshop mode, natively, with a controlled clock: every instant comes from the fixtures
//! below, never from the system clock.
mod agenda;
mod content;
mod decision;
mod markdown;
mod presentation;
mod timer;
mod vote;

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{AgendaKind, Workshop};
use crate::domain::charter::Charter;

/// 09:00:00 UTC on the workshop day.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap()
}

/// `t0` plus minutes and seconds: `at(7, 10)` is 09:07:10.
pub fn at(minutes: i64, seconds: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(minutes) + Duration::seconds(seconds)
}

pub fn ms(milliseconds: i64) -> Duration {
    Duration::milliseconds(milliseconds)
}

/// A daily stand-up (4 + 7 + 2 + 2 minutes) created a minute before `t0`.
pub fn stand_up() -> Workshop {
    Workshop::new(1, AgendaKind::TriageStandUp, "Priya Raman", at(-1, 0))
}

pub fn charter() -> Charter {
    crate::domain::fixtures::charter("Salesforce", "2027-03-01", "UTC")
}

/// Serialises and reads back, as a reload or a reopened window does.
pub fn reload(workshop: &Workshop) -> Workshop {
    let text = serde_json::to_string(workshop).unwrap();
    serde_json::from_str(&text).unwrap()
}
