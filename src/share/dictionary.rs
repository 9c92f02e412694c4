//! The preset dictionaries of share links, by version. A dictionary is part of the link
//! format: the bytes of a version never change, or links made with it stop opening. A better
//! dictionary is a new version (a new file, a new number), and every old one stays here.
//!
//! Version 1 is the JSON of the built-in templates as of its making: an empty exit review with
//! its Markdown headings and criteria, the default withdrawal plan and handoff, and a snapshot of
//! the default charter (categories, severities, escalation, routing). The most common text
//! comes last, where deflate's back references are shortest.

/// The dictionary new links are made with.
pub const CURRENT: u8 = 1;

const V1: &[u8] = include_bytes!("dictionary-v1.txt");

/// The dictionary of a version, or `None` for one this build does not know (a newer link).
pub fn get(version: u8) -> Option<&'static [u8]> {
    match version {
        1 => Some(V1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    #[test]
    fn dictionary_1_never_changes() {
        let bytes = get(1).unwrap();
        assert_eq!(bytes.len(), 9023);
        let hash: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hash,
            "ddc636927558a69620e6bad49c464edc63d3007128e7e766267dd218c2fba465",
            "dictionary-v1.txt changed: links already shared would stop opening. Restore it and add a new version instead."
        );
        assert_eq!(get(CURRENT), Some(bytes));
        assert_eq!(get(0), None);
        assert_eq!(get(2), None);
    }
}
