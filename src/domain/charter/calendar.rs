//! The working calendar the hypercare service levels are counted in: which days are working
//! days, the working hours, public holidays, and the time zone they are all expressed in.
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// Monday first, as ISO 8601 and most of the world's work weeks.
pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// Stable within its list, for merging and references (see `domain::item_id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// As typed into a date input: `YYYY-MM-DD`, or empty while being filled in.
    pub date: String,
    pub name: String,
}

impl Holiday {
    pub fn parsed_date(&self) -> Option<NaiveDate> {
        crate::domain::bounds::parse_date(&self.date)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingCalendar {
    /// An IANA zone name such as `Europe/Berlin`; the browser supplies the list.
    pub time_zone: String,
    /// Working days, Monday first.
    pub working_days: [bool; 7],
    pub day_starts: NaiveTime,
    pub day_ends: NaiveTime,
    pub holidays: Vec<Holiday>,
}

impl WorkingCalendar {
    /// Monday to Friday, 09:00-17:00, no holidays: the common default of service desks.
    pub fn office_hours(time_zone: &str) -> Self {
        Self {
            time_zone: time_zone.to_owned(),
            working_days: [true, true, true, true, true, false, false],
            day_starts: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            day_ends: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
            holidays: Vec::new(),
        }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        let weekday = date.weekday().num_days_from_monday() as usize;
        self.working_days[weekday] && !self.holidays.iter().any(|h| h.parsed_date() == Some(date))
    }

    /// Working hours in one working day, in minutes.
    pub fn minutes_per_day(&self) -> i64 {
        (self.day_ends - self.day_starts).num_minutes().max(0)
    }

    /// Working days from `first` to `last`, both included.
    pub fn working_days_between(&self, first: NaiveDate, last: NaiveDate) -> u32 {
        first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| self.is_working_day(*d))
            .count() as u32
    }

    /// "Monday to Friday, 09:00-17:00", "Monday, Wednesday, Friday, 08:00-12:00".
    pub fn describe_hours(&self) -> String {
        let days: Vec<Weekday> = WEEKDAYS
            .iter()
            .zip(self.working_days)
            .filter(|(_, on)| *on)
            .map(|(d, _)| *d)
            .collect();
        let consecutive = days.windows(2).all(|w| w[0].succ() == w[1]);
        let days_text = match days.as_slice() {
            [] => "no working days".to_owned(),
            [only] => weekday_name(*only).to_owned(),
            [first, .., last] if consecutive => {
                format!("{} to {}", weekday_name(*first), weekday_name(*last))
            }
            many => many
                .iter()
                .map(|d| weekday_name(*d))
                .collect::<Vec<_>>()
                .join(", "),
        };
        format!(
            "{days_text}, {}-{}",
            self.day_starts.format("%H:%M"),
            self.day_ends.format("%H:%M")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::date;

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        let mut calendar = WorkingCalendar::office_hours("Europe/London");
        calendar.holidays.push(Holiday {
            id: String::new(),
            date: "2027-04-02".into(),
            name: "Good Friday".into(),
        });
        assert!(calendar.is_working_day(date("2027-04-01")));
        assert!(!calendar.is_working_day(date("2027-04-02")));
        assert!(!calendar.is_working_day(date("2027-04-03")));
        assert_eq!(
            calendar.working_days_between(date("2027-03-29"), date("2027-04-04")),
            4
        );
        assert_eq!(calendar.minutes_per_day(), 480);
    }

    #[test]
    fn hours_read_as_a_sentence() {
        let mut calendar = WorkingCalendar::office_hours("Europe/London");
        assert_eq!(calendar.describe_hours(), "Monday to Friday, 09:00-17:00");
        calendar.working_days = [true, false, true, false, true, false, false];
        assert_eq!(
            calendar.describe_hours(),
            "Monday, Wednesday, Friday, 09:00-17:00"
        );
    }
}
