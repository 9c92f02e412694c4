//! The bytes inside a share link, before base64. See docs/share-link-format.md.
//!
//! ```text
//! 0      format version (1)
//! 1      flags: bit 0 = encrypted; every other bit 0
//! 2      dictionary version (1)
//! 3..5   content length L, big-endian u16
//! 5..5+L content: plain = raw deflate of the snapshot JSON (with the dictionary);
//!        encrypted = PBKDF2 iterations (u32 BE), salt (16), IV (12), AES-GCM ciphertext + tag
//!        of that same deflate stream, with bytes 0..3 as additional data
//! last 4 CRC-32 (IEEE, big-endian) of every byte before it
//! ```
//! The length tells a cut-off link from a changed one, and the CRC catches changes before
//! anything is inflated or decrypted (so a damaged locked link is not blamed on the passphrase).
use crate::domain::share::Snapshot;
use crate::storage::record::SCHEMA_VERSION;

use super::bytes::crc32;
use super::deflate::{self, InflateError};
use super::{dictionary, LinkError};

pub const FORMAT_VERSION: u8 = 1;
pub const FLAG_ENCRYPTED: u8 = 1;
const KNOWN_FLAGS: u8 = FLAG_ENCRYPTED;
const HEADER_LEN: usize = 5;
const CRC_LEN: usize = 4;
pub const SALT_LEN: usize = 16;
pub const IV_LEN: usize = 12;
/// No real snapshot comes near this; it stops a crafted link from inflating without end.
const MAX_JSON_LEN: usize = 1 << 20;

/// A decoded link: a snapshot, or one still locked with a passphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    Open(Box<Snapshot>),
    Locked(Locked),
}

/// An encrypted snapshot and what it takes to decrypt it (see `share::crypto::unlock`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    pub dictionary: u8,
    pub iterations: u32,
    pub salt: [u8; SALT_LEN],
    pub iv: [u8; IV_LEN],
    /// AES-GCM output: ciphertext followed by the 16-byte tag.
    pub ciphertext: Vec<u8>,
}

impl Locked {
    /// The additional data AES-GCM authenticates: the header's first three bytes.
    pub fn additional_data(&self) -> [u8; 3] {
        [FORMAT_VERSION, FLAG_ENCRYPTED, self.dictionary]
    }
}

/// The snapshot as JSON, deflated with the current dictionary: the content of a plain link,
/// and what an encrypted link encrypts.
pub fn seal(snapshot: &Snapshot) -> Vec<u8> {
    // Serialising plain structs of strings, dates and numbers cannot fail.
    let json = serde_json::to_vec(snapshot).unwrap_or_default();
    deflate::compress(
        &json,
        dictionary::get(dictionary::CURRENT).unwrap_or_default(),
    )
}

/// Inflates and reads what [`seal`] made (after decryption, for a locked link).
pub fn unseal(stream: &[u8], dictionary_version: u8) -> Result<Snapshot, LinkError> {
    let dict = dictionary::get(dictionary_version).ok_or(LinkError::NewerVersion)?;
    let json = deflate::decompress(stream, dict, MAX_JSON_LEN).map_err(|e| match e {
        // The CRC (or AES-GCM's tag) already vouched for these bytes, so a stream that does
        // not inflate was made wrongly on purpose.
        InflateError::Truncated | InflateError::Damaged | InflateError::TooBig => {
            LinkError::Damaged
        }
    })?;
    // Read as text like every stored record (`from_str`), so the wasm carries one JSON parser.
    let json = String::from_utf8(json).map_err(|_| LinkError::Damaged)?;
    let value: serde_json::Value = serde_json::from_str(&json).map_err(|_| LinkError::Damaged)?;
    let schema = value.get("schema").and_then(serde_json::Value::as_u64);
    match schema {
        Some(s) if s > u64::from(SCHEMA_VERSION) => Err(LinkError::NewerVersion),
        // Every schema so far reads as the current one; a future schema change adds its
        // migration here, as storage::record does for stored engagements.
        Some(s) if s >= 1 => serde_json::from_value(value).map_err(|_| LinkError::Damaged),
        _ => Err(LinkError::Damaged),
    }
}

fn frame(flags: u8, dictionary: u8, content: &[u8]) -> Result<Vec<u8>, LinkError> {
    let len = u16::try_from(content.len()).map_err(|_| LinkError::TooLong {
        // Base64 length of the whole payload, for the message.
        length: (HEADER_LEN + content.len() + CRC_LEN).div_ceil(3) * 4,
    })?;
    let mut bytes = vec![FORMAT_VERSION, flags, dictionary];
    bytes.extend_from_slice(&len.to_be_bytes());
    bytes.extend_from_slice(content);
    let crc = crc32(&bytes);
    bytes.extend_from_slice(&crc.to_be_bytes());
    Ok(bytes)
}

pub fn open_bytes(snapshot: &Snapshot) -> Result<Vec<u8>, LinkError> {
    frame(0, dictionary::CURRENT, &seal(snapshot))
}

pub fn locked_bytes(locked: &Locked) -> Result<Vec<u8>, LinkError> {
    let mut content = Vec::with_capacity(4 + SALT_LEN + IV_LEN + locked.ciphertext.len());
    content.extend_from_slice(&locked.iterations.to_be_bytes());
    content.extend_from_slice(&locked.salt);
    content.extend_from_slice(&locked.iv);
    content.extend_from_slice(&locked.ciphertext);
    frame(FLAG_ENCRYPTED, locked.dictionary, &content)
}

/// Reads payload bytes; the checks run from the outside in, so each failure gets its own words.
pub fn read(bytes: &[u8]) -> Result<Payload, LinkError> {
    let version = *bytes.first().ok_or(LinkError::Truncated)?;
    if version > FORMAT_VERSION {
        return Err(LinkError::NewerVersion);
    }
    if version == 0 {
        return Err(LinkError::Damaged);
    }
    if bytes.len() < HEADER_LEN {
        return Err(LinkError::Truncated);
    }
    let (flags, dictionary) = (bytes[1], bytes[2]);
    if dictionary == 0 {
        return Err(LinkError::Damaged);
    }
    if flags & !KNOWN_FLAGS != 0 || dictionary::get(dictionary).is_none() {
        return Err(LinkError::NewerVersion);
    }
    let len = usize::from(u16::from_be_bytes([bytes[3], bytes[4]]));
    let total = HEADER_LEN + len + CRC_LEN;
    if bytes.len() < total {
        return Err(LinkError::Truncated);
    }
    if bytes.len() > total {
        return Err(LinkError::Damaged);
    }
    let (body, crc) = bytes.split_at(HEADER_LEN + len);
    if crc32(body).to_be_bytes() != crc {
        return Err(LinkError::Tampered);
    }
    let content = &body[HEADER_LEN..];
    if flags & FLAG_ENCRYPTED == 0 {
        return unseal(content, dictionary).map(|s| Payload::Open(Box::new(s)));
    }
    let params = 4 + SALT_LEN + IV_LEN;
    if content.len() < params + 16 {
        return Err(LinkError::Damaged);
    }
    let mut salt = [0; SALT_LEN];
    salt.copy_from_slice(&content[4..4 + SALT_LEN]);
    let mut iv = [0; IV_LEN];
    iv.copy_from_slice(&content[4 + SALT_LEN..params]);
    Ok(Payload::Locked(Locked {
        dictionary,
        iterations: u32::from_be_bytes([content[0], content[1], content[2], content[3]]),
        salt,
        iv,
        ciphertext: content[params..].to_vec(),
    }))
}
