//! The period a steering report covers: one day, or one week of hypercare, both in the
//! charter's time zone. Bounds are instants, so an issue counts in the same period whoever
//! reads the report from wherever, and a week across a daylight-saving change is still seven
//! local days (167 or 169 hours).
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::charter::Charter;
use crate::domain::exit::health::{hypercare_weeks, HypercareWeek};
use crate::domain::triage::ZoneRules;
use crate::domain::withdrawal::WithdrawalPlan;

/// What a report is for, as the lead chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeriodChoice {
    /// One calendar day in the charter's zone (the daily steering of the first days).
    Day { date: NaiveDate },
    /// Hypercare week `number` (from 1; extension weeks follow the planned ones).
    Week { number: u32 },
}

/// A period's bounds: from `start` up to, not including, `end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub choice: PeriodChoice,
    pub label: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The first and last local day of the period.
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The week was added by an extension of hypercare.
    pub extension: bool,
}

impl Period {
    /// Whether `at` falls in the period.
    pub fn holds(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at < self.end
    }

    /// The period before this one of the same kind (the day before; the week before), for
    /// comparing; `None` before the first hypercare week.
    pub fn previous(
        &self,
        charter: &Charter,
        plan: Option<&WithdrawalPlan>,
        rules: &dyn ZoneRules,
    ) -> Option<Period> {
        let choice = match self.choice {
            PeriodChoice::Day { date } => PeriodChoice::Day {
                date: date.pred_opt()?,
            },
            PeriodChoice::Week { number } => PeriodChoice::Week {
                number: number.checked_sub(1).filter(|n| *n >= 1)?,
            },
        };
        period(choice, charter, plan, rules)
    }
}

/// Local midnight at the start of `day` in `zone`, as an instant.
fn midnight(rules: &dyn ZoneRules, zone: &str, day: NaiveDate) -> DateTime<Utc> {
    rules.to_utc(zone, day.and_time(chrono::NaiveTime::MIN))
}

fn long(day: NaiveDate) -> String {
    day.format("%a %-d %b %Y").to_string()
}

/// The period of `choice`, or `None` when the charter has no go-live date, or the week is not
/// one of hypercare's.
pub fn period(
    choice: PeriodChoice,
    charter: &Charter,
    plan: Option<&WithdrawalPlan>,
    rules: &dyn ZoneRules,
) -> Option<Period> {
    let zone = charter.calendar.time_zone.as_str();
    let (first_day, last_day, label, extension) = match choice {
        PeriodChoice::Day { date } => (date, date, long(date), false),
        PeriodChoice::Week { number } => {
            let weeks = hypercare_weeks(charter, plan);
            let week: &HypercareWeek = weeks.get(usize::try_from(number).ok()?.checked_sub(1)?)?;
            let last = week.starts.checked_add_days(chrono::Days::new(6))?;
            let kind = if week.extension { " (extension)" } else { "" };
            let label = format!(
                "Week {number}{kind}: {} to {}",
                long(week.starts),
                long(last)
            );
            (week.starts, last, label, week.extension)
        }
    };
    let start = midnight(rules, zone, first_day);
    let end = midnight(rules, zone, last_day.succ_opt()?);
    // A zone's rules can only make a day 23 to 25 hours long; anything else is a broken zone.
    (end - start > Duration::hours(12)).then_some(Period {
        choice,
        label,
        start,
        end,
        first_day,
        last_day,
        extension,
    })
}

/// The periods a lead can choose on `today` (in the charter's zone): today, and every hypercare
/// week that has started, latest first.
pub fn choices(
    charter: &Charter,
    plan: Option<&WithdrawalPlan>,
    today: NaiveDate,
) -> Vec<PeriodChoice> {
    let mut list = vec![PeriodChoice::Day { date: today }];
    let weeks = hypercare_weeks(charter, plan);
    list.extend(
        weeks
            .iter()
            .rev()
            .filter(|w| w.starts <= today)
            .filter_map(|w| u32::try_from(w.number).ok())
            .map(|number| PeriodChoice::Week { number }),
    );
    list
}
