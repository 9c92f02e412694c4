//! One file per screen.
mod dashboard;
mod data;
mod engagement;
mod engagements;
mod not_found;
mod recovery;
mod restore;
mod week_chart;

pub use data::DataPage;
pub use engagement::{section_heading, EngagementPage};
pub use engagements::EngagementsPage;
pub use not_found::NotFoundPage;
pub use recovery::RecoveryPage;
pub use week_chart::WeekChart;

use chrono::NaiveDate;

/// "Mon 1 Mar 2027": unambiguous in every locale, unlike 03/01/2027.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// Today in the user's time zone: go-live phases count the user's calendar days.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
