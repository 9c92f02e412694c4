//! Time-zone rules behind a small interface. The browser answers from `Intl` (it already has
//! every zone); native tests answer from `chrono-tz`. Shipping a zone database in the wasm
//! would cost more than half the app's size budget.
use chrono::{DateTime, Duration, NaiveDateTime, Utc};

pub trait ZoneRules {
    /// Seconds to add to UTC to get local time in `zone` at `at`.
    fn offset_seconds(&self, zone: &str, at: DateTime<Utc>) -> i32;

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

/// UTC everywhere: for tests and as a safe fallback.
pub struct Utc0;

impl ZoneRules for Utc0 {
    fn offset_seconds(&self, _zone: &str, _at: DateTime<Utc>) -> i32 {
        0
    }
}
