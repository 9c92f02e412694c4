//! Small widgets shared by every page: they carry the design system (tokens in `style/`).
pub mod banner;
pub mod confirm_dialog;
pub mod engagement_form;
pub mod field;
pub mod stepper;
pub mod table;
pub mod toast;
pub mod warn_toggle;

pub use banner::{Banner, Tone};
pub use confirm_dialog::ConfirmDialog;
pub use engagement_form::EngagementFormView;
pub use field::{writes_to, SelectField, TextArea, TextField};
pub use stepper::Stepper;
pub use table::StackedTable;
pub use toast::ToastRegion;
pub use warn_toggle::WarnToggle;
