//! One file per screen.
mod dashboard;
mod data;
mod engagement;
mod engagements;
mod not_found;
mod recovery;
mod restore;
mod settings;
mod week_chart;

pub use dashboard::{CriteriaSettingsFields, Dashboard};
pub use data::DataPage;
pub use engagement::{section_heading, EngagementPage};
pub use engagements::EngagementsPage;
pub use not_found::NotFoundPage;
pub use recovery::RecoveryPage;
pub use settings::EngagementSettings;
pub use week_chart::WeekChart;
