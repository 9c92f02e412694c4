//! Share links as text: making them, and finding them again in whatever mail and chat tools
//! did to them (wrapped by link scanners, `#` percent-encoded, broken over lines, glued to the
//! punctuation of the sentence they were pasted into).
use crate::domain::share::Snapshot;

use super::bytes::{self, is_payload_char};
use super::payload::{self, Locked, Payload};
use super::LinkError;

/// What starts a share link's fragment: `https://host/app/#/s/<payload>`.
pub const MARKER: &str = "#/s/";
/// Past this, links break in mail and chat tools; the app offers a file instead.
pub const MAX_LINK_LEN: usize = 8000;
/// Text to find a link in is refused past this, before any work on it: a link of
/// `MAX_LINK_LEN` with room for what mail does to it (breaking it over lines, a link
/// scanner's wrapper) and a few sentences around it.
pub const MAX_PASTED_LEN: usize = MAX_LINK_LEN + MAX_LINK_LEN / 4;
/// Words after the link tried as its continuation (a link broken over lines).
const MAX_CHUNKS: usize = 64;

/// `app_url` with its own fragment replaced by the payload's.
fn assemble(app_url: &str, payload_bytes: &[u8]) -> Result<String, LinkError> {
    let base = app_url.split('#').next().unwrap_or_default();
    let link = format!("{base}{MARKER}{}", bytes::encode(payload_bytes));
    if link.len() > MAX_LINK_LEN {
        return Err(LinkError::TooLong { length: link.len() });
    }
    Ok(link)
}

/// A link that opens `snapshot` on the copy of Handrail at `app_url` (the page's address).
pub fn make_link(app_url: &str, snapshot: &Snapshot) -> Result<String, LinkError> {
    assemble(app_url, &payload::open_bytes(snapshot)?)
}

/// A link carrying an encrypted snapshot (made by `share::crypto::lock`).
pub fn make_locked_link(app_url: &str, locked: &Locked) -> Result<String, LinkError> {
    assemble(app_url, &payload::locked_bytes(locked)?)
}

/// Whether a location hash is a share link's (for the router).
pub fn is_share_fragment(hash: &str) -> bool {
    hash.starts_with(MARKER) || hash.starts_with(&MARKER[1..])
}

/// Finds and reads a share link in pasted text, or in a location hash.
pub fn parse_link(text: &str) -> Result<Payload, LinkError> {
    // Bytes first: text of at most that many bytes has at most that many characters.
    if text.len() > MAX_PASTED_LEN {
        let length = text.chars().count();
        if length > MAX_PASTED_LEN {
            return Err(LinkError::TextTooLong { length });
        }
    }
    let text = unwrap(text);
    let (start, marker_len) = match text.find(MARKER) {
        Some(i) => (i, MARKER.len()),
        // A location hash without its `#`.
        None if text.starts_with(&MARKER[1..]) => (0, MARKER.len() - 1),
        None => return Err(LinkError::NotALink),
    };
    let chunks = chunks(&text[start + marker_len..]);
    if chunks.is_empty() {
        return Err(LinkError::Truncated);
    }
    // Longest first: a link broken over lines joins up again; words of the sentence after it
    // fail the length and CRC checks and are dropped one by one.
    let mut longest_error = None;
    let mut newer = false;
    for k in (1..=chunks.len()).rev() {
        let candidate = chunks[..k].concat();
        let result = bytes::decode(&candidate)
            .ok_or(LinkError::NotHandrail)
            .and_then(|b| payload::read(&b));
        match result {
            Ok(payload) => return Ok(payload),
            Err(e) => {
                newer |= e == LinkError::NewerVersion;
                longest_error.get_or_insert(e);
            }
        }
    }
    if newer {
        return Err(LinkError::NewerVersion);
    }
    Err(longest_error.unwrap_or(LinkError::NotHandrail))
}

/// Undoes percent-encoding (up to three layers: a scanner's wrapper around another's) until the
/// marker shows, so `?url=https%3A%2F%2Fhost%2F%23%2Fs%2F...` and `%2523` are found too.
fn unwrap(text: &str) -> String {
    let mut text = text.to_owned();
    for _ in 0..3 {
        if text.contains(MARKER) {
            break;
        }
        let decoded = percent_decode(&text);
        if decoded == text {
            break;
        }
        text = decoded;
    }
    text
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The payload's pieces after the marker: whitespace-separated runs of payload characters,
/// ending at the first character no payload has (`.`, `)`, `>`, `"`, `&`...).
fn chunks(rest: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for word in rest.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        let end = word
            .char_indices()
            .find(|(_, c)| !is_payload_char(*c))
            .map_or(word.len(), |(i, _)| i);
        if end > 0 {
            found.push(&word[..end]);
        }
        if end < word.len() || found.len() >= MAX_CHUNKS {
            break;
        }
    }
    found
}
