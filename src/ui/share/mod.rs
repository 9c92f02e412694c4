//! Share links in the views: the "Share as a link" dialog on the charter, the plan and the
//! signed exit review; the page that opens a link; saving its document to this browser.
pub(crate) mod clipboard;
mod dialog;
mod document;
mod open;
mod save;

pub use dialog::{ShareButton, ShareDialog};
pub use open::{OpenSharedLink, SharedLinkPage};

/// The tab's title for a share link's page until its code has arrived and read the link.
pub const PAGE_TITLE: &str = "Shared document";

/// The tab's title for a share link's page (before the app's " · Handrail"): what the link
/// holds, or that it is locked or cannot be opened.
pub fn page_title(link: &str) -> String {
    match crate::state::links::read(link) {
        Ok(crate::state::links::Payload::Open(s)) => s.page_title(),
        Ok(crate::state::links::Payload::Locked(_)) => "Protected shared snapshot".to_owned(),
        Err(_) => "Shared link that cannot be opened".to_owned(),
    }
}
