//! Intake's links as bytes: the report link's invitation, a sealed report and a status sent
//! back, each framed the same way and carried URL-safe base64 in a link's fragment:
//!
//! ```text
//! 0       kind: b'I' invitation, b'R' sealed report, b'S' status
//! 1       format version (1)
//! 2..n-4  body: JSON for an invitation or a status; for a sealed report
//!           2..6    the team key's id (CRC-32 of its public key, big-endian)
//!           6..71   the phone's one-time public key (uncompressed P-256 point)
//!           71..83  AES-GCM IV
//!           83..    AES-256-GCM ciphertext and tag of the report's JSON; bytes 0..6 are its
//!                   additional data
//! n-4..n  CRC-32 (IEEE, big-endian) of every byte before it
//! ```
//! The CRC tells a link that mail cut or changed from one sealed for another key, before any
//! decryption is tried. See docs/intake.md.
use crate::share::bytes::{self, crc32};

const VERSION: u8 = 1;
pub const KIND_INVITATION: u8 = b'I';
pub const KIND_REPORT: u8 = b'R';
pub const KIND_STATUS: u8 = b'S';
pub const PUBLIC_KEY_LEN: usize = 65;
pub const IV_LEN: usize = 12;
/// AES-GCM's tag.
const TAG_LEN: usize = 16;
/// A frame's payload is refused past this many characters before any work on it: a report
/// of `MAX_REPORT_CHARS` in the longest script fits with room to spare.
pub const MAX_PAYLOAD_CHARS: usize = 40_000;

/// Where a sealed report starts in a team's link: `https://host/app/#/r/<payload>`.
pub const REPORT_MARKER: &str = "#/r/";

/// Why a link's bytes cannot be read, in words for the person who pasted it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireError {
    TooLong,
    NotBase64,
    CutOff,
    Damaged,
    WrongKind,
    NewerVersion(u8),
    Unreadable(String),
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLong => f.write_str("This link is far longer than any Handrail report link; it was not read."),
            Self::NotBase64 => f.write_str("This link has characters a Handrail report link never has: part of it was changed on the way."),
            Self::CutOff => f.write_str("This link is cut off: mail or chat broke it. Ask for it again, or copy the whole link."),
            Self::Damaged => f.write_str("This link is incomplete or was changed on the way (mail or chat may have broken it): ask for it again, or copy the whole link."),
            Self::WrongKind => f.write_str("This is a Handrail link, but not of the kind expected here."),
            Self::NewerVersion(v) => write!(f, "This link was made by a newer Handrail (format {v}); update this copy to read it."),
            Self::Unreadable(why) => write!(f, "This link's content cannot be read ({why})."),
        }
    }
}

/// A frame of `kind` around `body`, as base64.
pub fn encode(kind: u8, body: &[u8]) -> String {
    let mut frame = Vec::with_capacity(body.len() + 6);
    frame.push(kind);
    frame.push(VERSION);
    frame.extend_from_slice(body);
    frame.extend_from_slice(&crc32(&frame).to_be_bytes());
    bytes::encode(&frame)
}

/// The body of a frame of `kind`, checked.
pub fn decode(kind: u8, payload: &str) -> Result<Vec<u8>, WireError> {
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(WireError::TooLong);
    }
    let frame = bytes::decode(payload).ok_or(WireError::NotBase64)?;
    if frame.len() < 6 {
        return Err(WireError::CutOff);
    }
    let (content, crc) = frame.split_at(frame.len() - 4);
    if crc32(content).to_be_bytes() != crc {
        return Err(WireError::Damaged);
    }
    if content[0] != kind {
        return Err(WireError::WrongKind);
    }
    if content[1] != VERSION {
        return Err(WireError::NewerVersion(content[1]));
    }
    Ok(content[2..].to_vec())
}

/// A report as it travels: sealed for one of the team's keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedReport {
    pub key_id: u32,
    pub sender_key: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

impl SealedReport {
    /// The bytes AES-GCM authenticates besides the ciphertext: the frame's kind, version and
    /// key id, so a report cannot be moved to another key's frame unnoticed.
    pub fn additional_data(key_id: u32) -> Vec<u8> {
        let mut data = vec![KIND_REPORT, VERSION];
        data.extend_from_slice(&key_id.to_be_bytes());
        data
    }

    pub fn to_payload(&self) -> String {
        let mut body = self.key_id.to_be_bytes().to_vec();
        body.extend_from_slice(&self.sender_key);
        body.extend_from_slice(&self.iv);
        body.extend_from_slice(&self.ciphertext);
        encode(KIND_REPORT, &body)
    }

    pub fn from_payload(payload: &str) -> Result<Self, WireError> {
        let body = decode(KIND_REPORT, payload)?;
        let keys_end = 4 + PUBLIC_KEY_LEN;
        if body.len() < keys_end + IV_LEN + TAG_LEN {
            return Err(WireError::CutOff);
        }
        let mut key_id = [0u8; 4];
        key_id.copy_from_slice(&body[..4]);
        Ok(Self {
            key_id: u32::from_be_bytes(key_id),
            sender_key: body[4..keys_end].to_vec(),
            iv: body[keys_end..keys_end + IV_LEN].to_vec(),
            ciphertext: body[keys_end + IV_LEN..].to_vec(),
        })
    }
}

/// The id of a team key: the CRC-32 of its public key. It only picks which of an engagement's
/// keys to try; the seal's tag is what proves the key right.
pub fn key_id(public_key: &[u8]) -> u32 {
    crc32(public_key)
}

/// The payloads of every report link in pasted text (a mail with several, a chat export), in
/// order, each with the text it was found in for messages. Tolerates what mail does to links:
/// `#` written as `%23`, `/` as `%2F`.
pub fn find_report_payloads(text: &str) -> Vec<String> {
    let text = text
        .replace("%23", "#")
        .replace("%2F", "/")
        .replace("%2f", "/");
    text.match_indices(REPORT_MARKER)
        .map(|(at, marker)| {
            text[at + marker.len()..]
                .chars()
                .take_while(|c| bytes::is_payload_char(*c))
                .collect::<String>()
        })
        .filter(|payload| !payload.is_empty())
        .collect()
}
