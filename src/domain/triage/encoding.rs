//! The text of an imported file, read from its bytes: spreadsheets save CSV as UTF-8 (with or
//! without a byte-order mark), as UTF-16 with a mark ("Unicode text"), or in the system's code
//! page, which for Western European languages is Windows-1252. A file that is not valid UTF-8
//! and has no mark is read as Windows-1252, and the import says so, so that a wrong guess (a
//! file in another code page) shows in the preview rather than in the stored issues.

/// How a file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
            Self::Windows1252 => "Windows-1252 (Western European)",
        }
    }
}

/// Windows-1252 bytes 0x80 to 0x9F; the five the code page leaves undefined read as U+FFFD.
/// The bytes from 0xA0 are Latin-1, the same numbers as their Unicode characters.
const WINDOWS_1252_80_9F: [char; 32] = [
    '\u{20ac}', '\u{fffd}', '\u{201a}', '\u{0192}', '\u{201e}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02c6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{fffd}', '\u{017d}', '\u{fffd}',
    '\u{fffd}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02dc}', '\u{2122}', '\u{0161}', '\u{203a}', '\u{0153}', '\u{fffd}', '\u{017e}', '\u{0178}',
];

/// The file's text, without its byte-order mark, and how it was read.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8);
    }
    for (mark, encoding) in [
        (b"\xff\xfe", Encoding::Utf16Le),
        (b"\xfe\xff", Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(mark) {
            let units = rest.chunks(2).map(|pair| match (pair, encoding) {
                ([a, b], Encoding::Utf16Le) => u16::from_le_bytes([*a, *b]),
                ([a, b], _) => u16::from_be_bytes([*a, *b]),
                // An odd byte at the end: half a character.
                _ => 0xfffd,
            });
            let text = char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect();
            return (text, encoding);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => {
            let text = bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9f => WINDOWS_1252_80_9F[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect();
            (text, Encoding::Windows1252)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_its_mark() {
        let text = "Title\nCaf\u{e9} cr\u{e8}me \u{20ac}\n";
        assert_eq!(decode(text.as_bytes()), (text.to_owned(), Encoding::Utf8));
        let marked = [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&marked), (text.to_owned(), Encoding::Utf8));
        assert_eq!(decode(b""), (String::new(), Encoding::Utf8));
    }

    #[test]
    fn utf16_by_its_mark() {
        let text = "Title\r\nCaf\u{e9} \u{1f600}\r\n";
        let units: Vec<u16> = text.encode_utf16().collect();
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(units.iter().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(units.iter().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&le), (text.to_owned(), Encoding::Utf16Le));
        assert_eq!(decode(&be), (text.to_owned(), Encoding::Utf16Be));
        // A lone surrogate or half a unit reads as U+FFFD rather than failing.
        assert_eq!(
            decode(&[0xff, 0xfe, 0x3d, 0xd8, 0x41, 0x00, 0x42]).0,
            "\u{fffd}A\u{fffd}"
        );
    }

    #[test]
    fn anything_else_is_windows_1252() {
        // "Café crème – 5 €" as Excel saves it on a Western European Windows.
        let bytes = b"Caf\xe9 cr\xe8me \x96 5 \x80, \x93quoted\x94 \x9f\xff";
        assert_eq!(
            decode(bytes),
            (
                "Caf\u{e9} cr\u{e8}me \u{2013} 5 \u{20ac}, \u{201c}quoted\u{201d} \u{178}\u{ff}"
                    .to_owned(),
                Encoding::Windows1252
            )
        );
        // The five undefined bytes are not passed off as characters.
        assert_eq!(
            decode(b"\x81\x8d\x8f\x90\x9d\xe9").0,
            "\u{fffd}".repeat(5) + "\u{e9}"
        );
        // Every byte reads as one character, ASCII as itself.
        let all: Vec<u8> = (0..=255).collect();
        let (text, encoding) = decode(&all);
        assert_eq!(encoding, Encoding::Windows1252);
        assert_eq!(text.chars().count(), 256);
        assert!(text.starts_with(&(0..128u8).map(char::from).collect::<String>()));
    }
}
