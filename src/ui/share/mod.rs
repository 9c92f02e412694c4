//! Share links in the views: the "Share as a link" dialog on the charter, the plan and the
//! signed exit review; the page that opens a link; saving its document to this browser.
mod clipboard;
mod dialog;
mod document;
mod open;
mod save;

pub use dialog::ShareButton;
pub use open::{OpenSharedLink, SharedLinkPage};
