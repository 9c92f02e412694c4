//! Engagement identifiers: short, URL-safe and random, so that a link to an engagement never
//! collides with another engagement created in another tab or restored from a backup.
use serde::{Deserialize, Serialize};
use std::fmt;

/// Lower-case RFC 4648 base32 without padding: safe in URLs and storage keys, easy to read aloud.
const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
/// 10 characters carry 50 bits of randomness: ample for the engagements of one browser.
const LENGTH: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EngagementId(String);

impl EngagementId {
    /// Builds an id from random bytes (the browser supplies them from `crypto.getRandomValues`).
    pub fn from_random_bytes(bytes: [u8; 8]) -> Self {
        let mut bits = u64::from_le_bytes(bytes);
        let text = (0..LENGTH)
            .map(|_| {
                let symbol = ALPHABET[(bits & 31) as usize] as char;
                bits >>= 5;
                symbol
            })
            .collect();
        Self(text)
    }

    /// Accepts only text that could have come from [`EngagementId::from_random_bytes`], so a
    /// hand-edited URL or storage key cannot smuggle anything else through.
    pub fn parse(text: &str) -> Option<Self> {
        let valid = text.len() == LENGTH && text.bytes().all(|b| ALPHABET.contains(&b));
        valid.then(|| Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EngagementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for EngagementId {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value).ok_or_else(|| format!("not an engagement id: {value:?}"))
    }
}

impl From<EngagementId> for String {
    fn from(id: EngagementId) -> Self {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_random_bytes_parse_back() {
        for seed in [0u64, 1, 42, u64::MAX, 0x0123_4567_89ab_cdef] {
            let id = EngagementId::from_random_bytes(seed.to_le_bytes());
            assert_eq!(id.as_str().len(), LENGTH);
            assert_eq!(EngagementId::parse(id.as_str()), Some(id));
        }
    }

    #[test]
    fn different_bytes_give_different_ids() {
        let a = EngagementId::from_random_bytes(1u64.to_le_bytes());
        let b = EngagementId::from_random_bytes(2u64.to_le_bytes());
        assert_ne!(a, b);
    }

    #[test]
    fn parse_refuses_anything_else() {
        for bad in [
            "",
            "abc",
            "ABCDEFGHIJ",
            "abcdefghi1",
            "abcdefghijk",
            "abcde/ghij",
            "../../etc",
        ] {
            assert_eq!(EngagementId::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn serde_refuses_invalid_ids() {
        assert!(serde_json::from_str::<EngagementId>("\"not-an-id\"").is_err());
        let id: EngagementId = serde_json::from_str("\"abcdefgh23\"").unwrap();
        assert_eq!(id.as_str(), "abcdefgh23");
    }
}
