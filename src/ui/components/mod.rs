//! Small widgets shared by every page: they carry the design system (tokens in `style/`).
pub mod banner;
pub mod confirm_dialog;
pub mod engagement_form;
pub mod field;
pub mod toast;

pub use banner::{Banner, Tone};
pub use confirm_dialog::ConfirmDialog;
pub use engagement_form::EngagementFormView;
pub use field::TextField;
pub use toast::ToastRegion;
