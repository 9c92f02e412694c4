//! Helpers shared by the native tests: instants and dates from text, the sample charter, a
//! triaged issue, and real time-zone rules from the IANA database (the app asks the browser
//! instead; this never reaches the wasm).
use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::charter::{sample::sample, Charter, ScopeCategory};
use crate::domain::triage::{Issue, Triage, ZoneRules};

/// An instant from RFC 3339 text: `at("2027-03-08T09:00:00Z")`.
pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("a test instant in RFC 3339")
        .to_utc()
}

/// A date from ISO text: `date("2027-03-01")`.
pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date as YYYY-MM-DD")
}

/// The sample charter for `system` going live on `go_live` (YYYY-MM-DD), in `zone`: critical
/// 2 h / 8 h around the clock, important 8 h / 24 h, minor 24 h / 40 h working hours.
pub fn charter(system: &str, go_live: &str, zone: &str) -> Charter {
    sample(system, date(go_live), zone)
}

/// The charter's category with this id.
pub fn category<'a>(charter: &'a Charter, id: &str) -> &'a ScopeCategory {
    charter
        .categories
        .iter()
        .find(|c| c.id == id)
        .expect("a category of the test charter")
}

/// Issue `number`, logged by Ana at `reported` and triaged then as an in-scope configuration
/// defect of `severity`.
pub fn triaged(charter: &Charter, number: u32, severity: &str, reported: &str) -> Issue {
    let mut issue = Issue::log(number, "Quotes do not save", "Ana", at(reported))
        .expect("a test issue with a title");
    issue
        .triage(
            charter,
            Triage::in_scope("configuration-defects", severity),
            "Ana",
            at(reported),
        )
        .expect("a severity of the test charter");
    issue
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
