//! Raw deflate with a preset dictionary, on top of miniz_oxide (which has no dictionary option).
//!
//! Compressing: the dictionary is fed to the compressor first and flushed with a sync flush,
//! which ends on a byte boundary and keeps the compressor's window; that output is thrown away
//! and only what the data produces afterwards (up to the final block) is kept. Its back
//! references may point into the dictionary.
//!
//! Decompressing: the stream is inflated into a buffer that already holds the dictionary,
//! starting right after it, so those references resolve. Decoding therefore depends only on
//! the dictionary's bytes, never on how the dictionary itself happened to compress.
use miniz_oxide::deflate::core::{
    compress_to_output, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
};
use miniz_oxide::inflate::core::{self as inflate, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// The stream ends before its last block: the link was cut off.
    Truncated,
    /// Not a valid deflate stream, or it refers to data that does not exist.
    Damaged,
    /// More than `limit` bytes: no real document is that big, so it is not inflated further.
    TooBig,
}

pub fn decompress(stream: &[u8], dictionary: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut out = dictionary.to_vec();
    out.resize(dictionary.len() + 4 * 1024, 0);
    let mut inflater = DecompressorOxide::new();
    let (mut in_pos, mut out_pos) = (0, dictionary.len());
    loop {
        let (status, read, written) = inflate::decompress(
            &mut inflater,
            &stream[in_pos..],
            &mut out,
            out_pos,
            inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
        );
        in_pos += read;
        out_pos += written;
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput => {
                if out_pos - dictionary.len() >= limit {
                    return Err(InflateError::TooBig);
                }
                out.resize(out.len() * 2, 0);
            }
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                return Err(InflateError::Truncated)
            }
            _ => return Err(InflateError::Damaged),
        }
    }
    if out_pos - dictionary.len() > limit {
        return Err(InflateError::TooBig);
    }
    out.truncate(out_pos);
    Ok(out.split_off(dictionary.len()))
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
}
