//! Raw deflate with a preset dictionary, on top of miniz_oxide (which has no dictionary option).
//!
//! Compressing: the dictionary is fed to the compressor first and flushed with a sync flush,
//! which ends on a byte boundary and keeps the compressor's window; that output is thrown away
//! and only what the data produces afterwards (up to the final block) is kept. Its back
//! references may point into the dictionary.
//!
//! Decompressing: the stream is inflated into a buffer that already holds the dictionary,
//! starting right after it, so those references resolve. Decoding therefore depends only on
//! the dictionary's bytes, never on how the dictionary itself happened to compress. The
//! inflater is `inflate.rs` (a small one: miniz_oxide's would be most of the feature's wasm).
use miniz_oxide::deflate::core::{
    compress_to_output, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
};

pub use super::inflate::{decompress, InflateError};

/// Best compression; links are short, so the extra time is nothing.
const LEVEL: i32 = 10;
/// Negative window bits: raw deflate, no zlib header (the link has its own header and CRC).
const RAW_WINDOW_BITS: i32 = -15;

pub fn compress(data: &[u8], dictionary: &[u8]) -> Vec<u8> {
    let flags = create_comp_flags_from_zip_params(LEVEL, RAW_WINDOW_BITS, 0);
    let mut compressor = CompressorOxide::new(flags);
    let mut primed = true;
    if !dictionary.is_empty() {
        let (status, _) =
            compress_to_output(&mut compressor, dictionary, TDEFLFlush::Sync, |_| true);
        primed = status == TDEFLStatus::Okay;
    }
    let mut out = Vec::new();
    let (status, _) = compress_to_output(&mut compressor, data, TDEFLFlush::Finish, |bytes| {
        out.extend_from_slice(bytes);
        true
    });
    if primed && status == TDEFLStatus::Done {
        out
    } else {
        // Cannot happen with a callback that accepts everything; a stored block would still be
        // decodable, but an empty result is refused by `decompress`, so say so loudly in tests.
        debug_assert!(false, "deflate failed: {status:?}");
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &[u8] = b"The system does not behave as it was configured and agreed, and testing did not catch it.";

    #[test]
    fn data_round_trips_with_and_without_a_dictionary() {
        let data = b"An approval goes to the wrong queue: the system does not behave as it was configured and agreed.";
        for dict in [&b""[..], DICT] {
            let packed = compress(data, dict);
            assert_eq!(decompress(&packed, dict, 10_000).unwrap(), data);
        }
        assert_eq!(decompress(&compress(b"", DICT), DICT, 10).unwrap(), b"");
    }

    #[test]
    fn the_dictionary_makes_text_like_it_smaller() {
        let data = b"The system does not behave as it was configured and agreed, and testing did not catch it!";
        let with = compress(data, DICT).len();
        let without = compress(data, b"").len();
        assert!(with * 3 < without, "with {with}, without {without}");
        // And the stream needs that dictionary: without it the references point at nothing.
        assert!(decompress(&compress(data, DICT), b"", 10_000).is_err());
    }

    #[test]
    fn cut_streams_and_bombs_are_refused() {
        let data = "Saving an opportunity takes 20 seconds. ".repeat(50);
        let packed = compress(data.as_bytes(), DICT);
        assert_eq!(
            decompress(&packed[..packed.len() / 2], DICT, 100_000),
            Err(InflateError::Truncated)
        );
        assert_eq!(decompress(&packed, DICT, 100), Err(InflateError::TooBig));
        assert_eq!(
            decompress(&[0xff; 8], DICT, 100),
            Err(InflateError::Damaged)
        );
    }

    /// The small inflater reads whatever miniz_oxide's compressor writes (stored, fixed and
    /// dynamic blocks, every level) exactly as miniz_oxide's own inflater does.
    #[test]
    fn the_inflater_agrees_with_miniz_oxide_on_every_kind_of_block() {
        let mut texts: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"a".to_vec(),
            DICT.to_vec(),
            "Saving an opportunity takes 20 seconds. "
                .repeat(300)
                .into_bytes(),
        ];
        // Bytes that do not compress, and text with long and short repeats.
        let mut x = 0x2545_f491_u32;
        texts.push(
            (0..5000)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    x as u8
                })
                .collect(),
        );
        texts.push(
            (0..3000u32)
                .flat_map(|i| format!("{} {} ", i % 7, i % 113).into_bytes())
                .collect(),
        );
        for text in &texts {
            for level in [0, 1, 6, 10] {
                let packed = miniz_oxide::deflate::compress_to_vec(text, level);
                assert_eq!(
                    decompress(&packed, b"", 1 << 20).unwrap(),
                    *text,
                    "level {level}"
                );
                assert_eq!(
                    miniz_oxide::inflate::decompress_to_vec(&packed).unwrap(),
                    *text
                );
            }
            assert_eq!(
                decompress(&compress(text, DICT), DICT, 1 << 20).unwrap(),
                *text
            );
        }
    }
}
