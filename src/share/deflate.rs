//! Raw deflate with a preset dictionary.
//!
//! Compressing (`compress.rs`): the data is matched against the dictionary followed by the data
//! itself, so its back references may point into the dictionary; only the data's bytes are
//! written, as one final block.
//!
//! Decompressing: the stream is inflated into a buffer that already holds the dictionary,
//! starting right after it, so those references resolve. Decoding therefore depends only on
//! the dictionary's bytes, never on how the dictionary itself happened to compress. The
//! inflater is `inflate.rs` (a small one: miniz_oxide's would be most of the feature's wasm).
pub use super::compress::compress;
pub use super::inflate::{decompress, InflateError};

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

    /// How links were deflated before (miniz_oxide primed with the dictionary, sync-flushed,
    /// its output up to there dropped): those links must keep opening.
    fn miniz_with_dictionary(data: &[u8], dict: &[u8]) -> Vec<u8> {
        use miniz_oxide::deflate::core::{
            compress_to_output, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush,
        };
        let mut c = CompressorOxide::new(create_comp_flags_from_zip_params(10, -15, 0));
        compress_to_output(&mut c, dict, TDEFLFlush::Sync, |_| true);
        let mut out = Vec::new();
        compress_to_output(&mut c, data, TDEFLFlush::Finish, |b| {
            out.extend_from_slice(b);
            true
        });
        out
    }

    #[test]
    fn streams_deflated_the_earlier_way_still_inflate() {
        let data =
            "The system does not behave as it was configured and agreed; saving takes 20 seconds. "
                .repeat(40);
        let old = miniz_with_dictionary(data.as_bytes(), DICT);
        assert_eq!(decompress(&old, DICT, 1 << 20).unwrap(), data.as_bytes());
        let sample = serde_json::to_vec(&crate::domain::share::samples::approved_sample()).unwrap();
        let dict = crate::share::dictionary::get(1).unwrap();
        let old = miniz_with_dictionary(&sample, dict);
        assert_eq!(decompress(&old, dict, 1 << 20).unwrap(), sample);
    }

    /// The small inflater reads whatever miniz_oxide's compressor writes (stored, fixed and
    /// dynamic blocks, every level) exactly as miniz_oxide's own inflater does, and the other
    /// way round.
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
            // And what our compressor writes, miniz_oxide reads: without a dictionary as it is,
            // with one after a stored block that holds the dictionary (so its references land).
            let plain = miniz_oxide::inflate::decompress_to_vec(&compress(text, b"")).unwrap();
            assert_eq!(plain, *text);
            let mut primed = vec![0u8]; // not the last block, stored
            let len = DICT.len() as u16;
            primed.extend_from_slice(&len.to_le_bytes());
            primed.extend_from_slice(&(!len).to_le_bytes());
            primed.extend_from_slice(DICT);
            primed.extend_from_slice(&compress(text, DICT));
            let both = miniz_oxide::inflate::decompress_to_vec(&primed).unwrap();
            assert_eq!(&both[DICT.len()..], &text[..]);
        }
    }

    proptest::proptest! {
        /// Any bytes round trip, with and without the dictionary, and miniz_oxide reads the
        /// stream too. A small alphabet makes long and overlapping matches likely.
        #[test]
        fn any_bytes_round_trip(
            data in proptest::collection::vec(proptest::sample::select(b"ab c.\n\"{}".to_vec()), 0..3000),
            noise in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
        ) {
            let mut data = data;
            data.extend_from_slice(&noise);
            for dict in [&b""[..], DICT] {
                let packed = compress(&data, dict);
                proptest::prop_assert_eq!(&decompress(&packed, dict, 1 << 20).unwrap(), &data);
            }
            let plain = miniz_oxide::inflate::decompress_to_vec(&compress(&data, b"")).unwrap();
            proptest::prop_assert_eq!(plain, data);
        }
    }
}
