//! Everything that can go wrong with a share link, in words for the person holding it.
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// No `#/s/` in the text: a link to something else, or not a link at all.
    NotALink,
    /// The payload is shorter than its header says: the end of the link is missing.
    Truncated,
    /// Bytes that no Handrail writes (an impossible header, extra characters at the end).
    Damaged,
    /// The checksum does not match: characters were changed after the link was made.
    Tampered,
    /// A format, flag or dictionary this version does not know.
    NewerVersion,
    WrongPassphrase,
    /// The link would not survive mail and chat tools; `length` is its length in characters.
    TooLong {
        length: usize,
    },
    /// The browser refused to encrypt or decrypt (e.g. no WebCrypto on a page not served over
    /// HTTPS); the browser's own words.
    Crypto(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotALink => f.write_str(
                "This is not a Handrail share link: a share link has \u{201c}#/s/\u{201d} in it.",
            ),
            Self::Truncated => f.write_str(
                "This link is cut off: its end is missing. Copy the whole link (it may run over several lines) and try again.",
            ),
            Self::Damaged => f.write_str(
                "This link is damaged: it has characters a Handrail link never has. Ask for the link again.",
            ),
            Self::Tampered => f.write_str(
                "This link has been changed since it was made, so it cannot be trusted. Ask for the link again.",
            ),
            Self::NewerVersion => f.write_str(
                "This link was made by a newer Handrail than this one. Reload the page to get the newer version, then open the link again.",
            ),
            Self::WrongPassphrase => f.write_str("That passphrase does not open this link."),
            Self::TooLong { length } => write!(
                f,
                "The link would be {length} characters long, more than the {} that mail and chat tools carry safely. Share the document as a file instead.",
                super::MAX_LINK_LEN
            ),
            Self::Crypto(why) => write!(f, "This browser could not encrypt or decrypt the link ({why})."),
        }
    }
}

impl std::error::Error for LinkError {}
