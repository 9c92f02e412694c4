//! Share links and QR codes for the views: making a link (open or protected by a passphrase),
//! reading one, and drawing a link as a QR code. The codec and its WebCrypto lock are
//! `crate::share`; views reach them here, as they reach storage and sync, through state.
use crate::domain::share::Snapshot;
use crate::share::{self, crypto, qr};

pub use crate::share::{LinkError, Locked, Payload};

/// What a link holds: a snapshot to open, or one locked with a passphrase.
pub fn read(text: &str) -> Result<Payload, LinkError> {
    share::parse_link(text)
}

/// The link to `snapshot` on the app at `app_url`.
pub fn make(app_url: &str, snapshot: &Snapshot) -> Result<String, LinkError> {
    share::make_link(app_url, snapshot)
}

/// The link to `snapshot`, encrypted with `passphrase` in this browser.
pub async fn make_protected(
    app_url: &str,
    snapshot: &Snapshot,
    passphrase: &str,
) -> Result<String, LinkError> {
    crypto::make_protected_link(app_url, snapshot, passphrase).await
}

/// A protected link's snapshot, if `passphrase` is the one it was locked with.
pub async fn unlock(locked: &Locked, passphrase: &str) -> Result<Snapshot, LinkError> {
    crypto::unlock(locked, passphrase).await
}

/// A pasted link read and made again clean (mail wraps, breaks and glues links to full
/// stops), so the page can open it from its own address.
pub fn clean(pasted: &str) -> Result<String, String> {
    read(pasted)
        .and_then(|payload| match payload {
            Payload::Open(s) => share::make_link("", &s),
            Payload::Locked(l) => share::make_locked_link("", &l),
        })
        .map_err(|e| e.to_string())
}

/// `link` drawn as an SVG QR code titled `title`, or why there is none, in our own words (so
/// the result is safe to use as markup either way).
pub fn qr_markup(link: &str, title: &str) -> String {
    qr::svg(link, title).unwrap_or_else(|e| format!("<p class=\"muted\">{e}</p>"))
}
