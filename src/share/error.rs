//! Everything that can go wrong with a share link, in words for the person holding it. Each
//! message says what is actually wrong, so the person knows whether to copy the link again, ask
//! for a new one or reload the app.
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// No `#/s/` in the text: a link to something else, or not a link at all.
    NotALink,
    /// What follows `#/s/` does not start the way any Handrail's links start (a format version
    /// or a flag or dictionary byte no Handrail writes): random text, or a link damaged at its
    /// start.
    NotHandrail,
    /// The payload is shorter than its header says: the end of the link is missing.
    Truncated,
    /// A Handrail link, its checksum right, holding bytes no Handrail writes: made by a faulty
    /// tool, or on purpose.
    Damaged(Damage),
    /// The checksum does not match: characters were changed after the link was made.
    Tampered,
    /// A format, flag, dictionary or schema this version does not know, in a header that looks
    /// like a Handrail link's.
    NewerVersion,
    /// The snapshot holds a value outside the domain's bounds (`domain::bounds`) or a key twice;
    /// the words name the field.
    NotAccepted(String),
    WrongPassphrase,
    /// The link would not survive mail and chat tools; `length` is its length in characters.
    TooLong {
        length: usize,
    },
    /// Pasted text (or an address) far longer than any link, refused before it is read.
    TextTooLong {
        length: usize,
    },
    /// The browser refused to encrypt or decrypt (e.g. no WebCrypto on a page not served over
    /// HTTPS); the browser's own words.
    Crypto(String),
}

/// What is wrong inside a link whose checksum holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// More bytes than the header's length: data after the link's end.
    ExtraData,
    /// A passphrase lock with settings no Handrail makes (an iteration count of 0 or too big,
    /// no room for its salt, IV and tag).
    Lock,
    /// Content that does not unpack into a snapshot (not deflate, not UTF-8, not the JSON of one).
    Content,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotALink => f.write_str(
                "This is not a Handrail share link: a share link has \u{201c}#/s/\u{201d} in it.",
            ),
            Self::NotHandrail => f.write_str(
                "This is not a Handrail link, or its start is damaged: no Handrail writes a link that starts like this. Ask for the link again.",
            ),
            Self::Truncated => f.write_str(
                "This link is cut off: its end is missing. Copy the whole link (it may run over several lines) and try again.",
            ),
            Self::Damaged(damage) => write!(
                f,
                "This link is damaged: {}. Ask for the link again.",
                match damage {
                    Damage::ExtraData => "it has extra data at its end",
                    Damage::Lock => "its passphrase lock has settings no Handrail makes",
                    Damage::Content => "its content does not unpack into a document",
                }
            ),
            Self::Tampered => f.write_str(
                "This link was changed after it was made: its checksum does not match. Ask for the link again.",
            ),
            Self::NewerVersion => f.write_str(
                "This link was made by a newer Handrail than this one. Reload the page to get the newer version, then open the link again.",
            ),
            Self::NotAccepted(why) => write!(
                f,
                "This link holds a value Handrail does not accept: {why}. Ask whoever sent it to check the engagement."
            ),
            Self::WrongPassphrase => f.write_str("That passphrase does not open this link."),
            Self::TooLong { length } => write!(
                f,
                "The link would be {length} characters long, more than the {} that mail and chat tools carry safely. Share the document as a file instead.",
                super::MAX_LINK_LEN
            ),
            Self::TextTooLong { length } => write!(
                f,
                "This is {length} characters long; a Handrail link has at most {}. Copy only the link.",
                super::MAX_LINK_LEN
            ),
            Self::Crypto(why) => write!(f, "This browser could not encrypt or decrypt the link ({why})."),
        }
    }
}

impl std::error::Error for LinkError {}
