//! Share links: one document of an engagement carried in a URL fragment, so it can be read (and
//! saved) in any browser without a server. The snapshot itself is `domain::share`; this module
//! turns it into a link and back (`link`), encrypts it with a passphrase in the browser
//! (`crypto`), and draws the link as a QR code (`qr`). The format is in docs/share-link-format.md.
pub(crate) mod bytes;
pub mod crypto;
pub(crate) mod deflate;
pub mod dictionary;
mod error;
pub mod link;
pub mod payload;
pub mod qr;

pub use error::{Damage, LinkError};
pub use link::{
    is_share_fragment, make_link, make_locked_link, parse_link, MAX_LINK_LEN, MAX_PASTED_LEN,
};
pub use payload::{Locked, Payload};

#[cfg(test)]
mod tests;
