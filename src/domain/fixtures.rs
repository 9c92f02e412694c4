//! Helpers shared by the native tests: instants from text, and real time-zone rules from the
//! IANA database (the app asks the browser instead; this never reaches the wasm).
use chrono::{DateTime, Utc};

use crate::domain::triage::ZoneRules;

/// An instant from RFC 3339 text: `at("2027-03-08T09:00:00Z")`.
pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("a test instant in RFC 3339")
        .to_utc()
}

/// Real zone rules, daylight saving and abbreviations included, from `chrono-tz`.
pub struct Tz;

impl Tz {
    fn zone(zone: &str) -> chrono_tz::Tz {
        zone.parse().expect("a known IANA zone in a test")
    }
}

impl ZoneRules for Tz {
    fn offset_seconds(&self, zone: &str, at: DateTime<Utc>) -> i32 {
        use chrono::{Offset, TimeZone};
        Self::zone(zone)
            .offset_from_utc_datetime(&at.naive_utc())
            .fix()
            .local_minus_utc()
    }

    fn abbreviation(&self, zone: &str, at: DateTime<Utc>) -> String {
        use chrono::TimeZone;
        use chrono_tz::OffsetName;
        let offset = Self::zone(zone).offset_from_utc_datetime(&at.naive_utc());
        match offset.abbreviation() {
            // The database writes "+03" for zones without a name; read those as offsets.
            Some(name) if name.starts_with(char::is_alphabetic) => name.to_owned(),
            _ => crate::domain::triage::zone::offset_name(self.offset_seconds(zone, at)),
        }
    }
}
