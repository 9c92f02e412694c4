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

use serde_json::{Map, Value};

use super::bytes::crc32;
use super::deflate;
use super::error::Damage;
use super::{dictionary, LinkError};
use crate::domain::bounds::{self, Root};
use crate::domain::json;

pub const FORMAT_VERSION: u8 = 1;
pub const FLAG_ENCRYPTED: u8 = 1;
const KNOWN_FLAGS: u8 = FLAG_ENCRYPTED;
const HEADER_LEN: usize = 5;
const CRC_LEN: usize = 4;
pub const SALT_LEN: usize = 16;
pub const IV_LEN: usize = 12;
/// A lock asking for more PBKDF2 iterations would keep the page busy for minutes: no Handrail
/// makes one (links made today ask for `crypto::ITERATIONS`).
pub const MAX_ITERATIONS: u32 = 10_000_000;
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

/// Inflates and reads what [`seal`] made (after decryption, for a locked link): the JSON is
/// refused if a key appears twice in one object, or if the engagement it would save holds a
/// value outside the domain's bounds (`domain::bounds`), with words that name the field.
pub fn unseal(stream: &[u8], dictionary_version: u8) -> Result<Snapshot, LinkError> {
    let dict = dictionary::get(dictionary_version).ok_or(LinkError::NewerVersion)?;
    let damaged = |_| LinkError::Damaged(Damage::Content);
    // The CRC (or AES-GCM's tag) already vouched that these bytes are the ones written, so a
    // stream that does not inflate was made wrongly (by a faulty tool, or on purpose).
    let json = deflate::decompress(stream, dict, MAX_JSON_LEN).map_err(damaged)?;
    // Read as text like every stored record (`from_str`), so the wasm carries one JSON parser.
    let json = String::from_utf8(json).map_err(|_| LinkError::Damaged(Damage::Content))?;
    let value: Value =
        serde_json::from_str(&json).map_err(|_| LinkError::Damaged(Damage::Content))?;
    match value.get("schema").and_then(Value::as_u64) {
        Some(s) if s > u64::from(SCHEMA_VERSION) => return Err(LinkError::NewerVersion),
        // Every schema so far reads as the current one; a future schema change adds its
        // migration here, as storage::record does for stored engagements.
        Some(s) if s >= 1 => {}
        _ => return Err(LinkError::Damaged(Damage::Content)),
    }
    json::check_unique_keys(&json).map_err(LinkError::NotAccepted)?;
    bounds::check(&as_engagement(&value), Root::Engagement)
        .map_err(|e| LinkError::NotAccepted(e.to_string()))?;
    serde_json::from_value(value).map_err(|_| LinkError::Damaged(Damage::Content))
}

/// The snapshot's JSON in the shape of the engagement record saving it would make (its details,
/// its charter file, `withdrawal`, `exit_review`; the `source` beside them), so the bounds apply
/// with the engagement's rules and the message names the field as the engagement has it.
fn as_engagement(snapshot: &Value) -> Value {
    let mut engagement = match snapshot.get("engagement") {
        Some(Value::Object(details)) => details.clone(),
        _ => Map::new(),
    };
    if let Some(source) = snapshot.get("source") {
        engagement.insert("source".to_owned(), source.clone());
    }
    let charter_file = |shared: &Value| match shared {
        Value::Object(one) => Value::Object(
            one.iter()
                .map(|(kind, value)| match kind.as_str() {
                    "revision" => ("revisions".to_owned(), Value::Array(vec![value.clone()])),
                    _ => (kind.clone(), value.clone()),
                })
                .collect(),
        ),
        other => other.clone(),
    };
    if let Some(Value::Object(document)) = snapshot.get("document") {
        for (kind, value) in document {
            match (kind.as_str(), value) {
                ("charter", shared) => {
                    engagement.insert("charter".to_owned(), charter_file(shared));
                }
                ("plan", plan) => {
                    if let Some(shared) = plan.get("charter") {
                        engagement.insert("charter".to_owned(), charter_file(shared));
                    }
                    if let Some(plan) = plan.get("plan") {
                        engagement.insert("withdrawal".to_owned(), plan.clone());
                    }
                }
                (other, value) => {
                    engagement.insert(other.to_owned(), value.clone());
                }
            }
        }
    }
    Value::Object(engagement)
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

/// Whether the byte after the format version and the one after it look like a flags byte
/// (at most four flags) and a dictionary version (1 to 9): every format version keeps them, so
/// a link with a format version from 2 to 9 and these is a newer Handrail's, and random text
/// (which has them once in some 7,000 tries) is not taken for one.
fn plausible_header(bytes: &[u8]) -> bool {
    let flags = bytes.get(1).is_none_or(|&f| f < 0x10);
    let dictionary = bytes.get(2).is_none_or(|d| (1..=9).contains(d));
    flags && dictionary
}

/// Reads payload bytes; the checks run from the outside in, so each failure gets its own words.
pub fn read(bytes: &[u8]) -> Result<Payload, LinkError> {
    let version = *bytes.first().ok_or(LinkError::Truncated)?;
    if !(1..=9).contains(&version) || !plausible_header(bytes) {
        return Err(LinkError::NotHandrail);
    }
    if version > FORMAT_VERSION {
        // A newer format may change everything after its first three bytes.
        return Err(LinkError::NewerVersion);
    }
    if bytes.len() < HEADER_LEN {
        return Err(LinkError::Truncated);
    }
    // Every flag and dictionary of format 1 keeps its length and CRC: a cut-off or changed
    // link is said to be so, even one from a newer Handrail.
    let len = usize::from(u16::from_be_bytes([bytes[3], bytes[4]]));
    let total = HEADER_LEN + len + CRC_LEN;
    if bytes.len() < total {
        return Err(LinkError::Truncated);
    }
    if bytes.len() > total {
        return Err(LinkError::Damaged(Damage::ExtraData));
    }
    let (body, crc) = bytes.split_at(HEADER_LEN + len);
    if crc32(body).to_be_bytes() != crc {
        return Err(LinkError::Tampered);
    }
    let (flags, dictionary) = (bytes[1], bytes[2]);
    if flags & !KNOWN_FLAGS != 0 || dictionary::get(dictionary).is_none() {
        return Err(LinkError::NewerVersion);
    }
    let content = &body[HEADER_LEN..];
    if flags & FLAG_ENCRYPTED == 0 {
        return unseal(content, dictionary).map(|s| Payload::Open(Box::new(s)));
    }
    let params = 4 + SALT_LEN + IV_LEN;
    if content.len() < params + 16 {
        return Err(LinkError::Damaged(Damage::Lock));
    }
    let iterations = u32::from_be_bytes([content[0], content[1], content[2], content[3]]);
    if !(1..=MAX_ITERATIONS).contains(&iterations) {
        return Err(LinkError::Damaged(Damage::Lock));
    }
    let mut salt = [0; SALT_LEN];
    salt.copy_from_slice(&content[4..4 + SALT_LEN]);
    let mut iv = [0; IV_LEN];
    iv.copy_from_slice(&content[4 + SALT_LEN..params]);
    Ok(Payload::Locked(Locked {
        dictionary,
        iterations,
        salt,
        iv,
        ciphertext: content[params..].to_vec(),
    }))
}
