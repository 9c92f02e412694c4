//! Inflating a raw deflate stream (RFC 1951) after a preset dictionary. Small on purpose: this
//! is the canonical-Huffman decoder of zlib's `puff`, which reads one bit at a time; links hold
//! a few kilobytes, so its speed does not matter, while miniz_oxide's table-driven inflater
//! would add about 10 KB to the wasm. Tested against miniz_oxide in `deflate.rs`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// The stream ends before its last block: the link was cut off.
    Truncated,
    /// Not a valid deflate stream, or it refers to data that does not exist.
    Damaged,
    /// More than `limit` bytes: no real document is that big, so it is not inflated further.
    TooBig,
}

use InflateError::{Damaged, Truncated};

const MAX_BITS: usize = 15;
/// Base lengths and extra bits of the length symbols 257..285.
pub(super) const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
pub(super) const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Base distances and extra bits of the distance symbols 0..29.
pub(super) const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
pub(super) const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order code-length code lengths are sent in.
pub(super) const CODE_LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

struct Input<'a> {
    bytes: &'a [u8],
    pos: usize,
    bit_buf: u32,
    bit_count: u32,
}

impl Input<'_> {
    /// The next `n` bits (at most 16), least significant first.
    fn bits(&mut self, n: u32) -> Result<u32, InflateError> {
        while self.bit_count < n {
            let byte = *self.bytes.get(self.pos).ok_or(Truncated)?;
            self.pos += 1;
            self.bit_buf |= u32::from(byte) << self.bit_count;
            self.bit_count += 8;
        }
        let value = self.bit_buf & ((1 << n) - 1);
        self.bit_buf >>= n;
        self.bit_count -= n;
        Ok(value)
    }
}

/// A canonical Huffman code: how many codes of each length, and the symbols in code order.
struct Huffman {
    count: [u16; MAX_BITS + 1],
    symbol: Vec<u16>,
}

impl Huffman {
    /// Builds the code from each symbol's code length; an over-subscribed set is damage.
    fn new(lengths: &[u8]) -> Result<Self, InflateError> {
        let mut count = [0u16; MAX_BITS + 1];
        for &len in lengths {
            count[usize::from(len)] += 1;
        }
        let mut left: i32 = 1;
        for &c in &count[1..] {
            left = (left << 1) - i32::from(c);
            if left < 0 {
                return Err(Damaged);
            }
        }
        let mut offset = [0u16; MAX_BITS + 1];
        for len in 1..MAX_BITS {
            offset[len + 1] = offset[len] + count[len];
        }
        let mut symbol = vec![0; lengths.len()];
        for (sym, &len) in lengths.iter().enumerate() {
            if len != 0 {
                let at = &mut offset[usize::from(len)];
                symbol[usize::from(*at)] = sym as u16;
                *at += 1;
            }
        }
        Ok(Self { count, symbol })
    }

    fn decode(&self, input: &mut Input) -> Result<u16, InflateError> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in &self.count[1..] {
            code |= input.bits(1)? as i32;
            let count = i32::from(count);
            if code - first < count {
                return self
                    .symbol
                    .get((index + code - first) as usize)
                    .copied()
                    .ok_or(Damaged);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        // An incomplete code, and these bits are not one of its codes.
        Err(Damaged)
    }
}

/// Inflates `stream` as if `dictionary` had come before it; at most `limit` bytes come out.
pub fn decompress(stream: &[u8], dictionary: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut out = dictionary.to_vec();
    let mut input = Input {
        bytes: stream,
        pos: 0,
        bit_buf: 0,
        bit_count: 0,
    };
    let too_big = |out: &Vec<u8>| out.len() - dictionary.len() > limit;
    loop {
        let last = input.bits(1)? == 1;
        match input.bits(2)? {
            0 => {
                // Stored: starts at the next byte, LEN and its complement, then LEN bytes.
                input.bit_buf = 0;
                input.bit_count = 0;
                let at = input.pos;
                let header = stream.get(at..at + 4).ok_or(Truncated)?;
                let len = u16::from_le_bytes([header[0], header[1]]);
                if len != !u16::from_le_bytes([header[2], header[3]]) {
                    return Err(Damaged);
                }
                let end = at + 4 + usize::from(len);
                out.extend_from_slice(stream.get(at + 4..end).ok_or(Truncated)?);
                input.pos = end;
            }
            1 => {
                let mut lengths = [8u8; 288];
                lengths[144..256].fill(9);
                lengths[256..280].fill(7);
                let (lit, dist) = (Huffman::new(&lengths)?, Huffman::new(&[5; 30])?);
                codes(&mut input, &mut out, &lit, &dist, dictionary.len() + limit)?;
            }
            2 => {
                let (lit, dist) = dynamic_codes(&mut input)?;
                codes(&mut input, &mut out, &lit, &dist, dictionary.len() + limit)?;
            }
            _ => return Err(Damaged),
        }
        if too_big(&out) {
            return Err(InflateError::TooBig);
        }
        if last {
            return Ok(out.split_off(dictionary.len()));
        }
    }
}

/// The literal/length and distance codes of a dynamic block, read from its header.
fn dynamic_codes(input: &mut Input) -> Result<(Huffman, Huffman), InflateError> {
    let lit_count = input.bits(5)? as usize + 257;
    let dist_count = input.bits(5)? as usize + 1;
    let code_count = input.bits(4)? as usize + 4;
    if lit_count > 286 || dist_count > 30 {
        return Err(Damaged);
    }
    let mut lengths = [0u8; 19];
    for &at in &CODE_LENGTH_ORDER[..code_count] {
        lengths[at] = input.bits(3)? as u8;
    }
    let code_lengths = Huffman::new(&lengths)?;
    let mut lengths = vec![0u8; lit_count + dist_count];
    let mut i = 0;
    while i < lengths.len() {
        let symbol = code_lengths.decode(input)?;
        let (value, repeat) = match symbol {
            0..=15 => (symbol as u8, 1),
            16 => (*lengths[..i].last().ok_or(Damaged)?, 3 + input.bits(2)?),
            17 => (0, 3 + input.bits(3)?),
            _ => (0, 11 + input.bits(7)?),
        };
        let end = i + repeat as usize;
        lengths.get_mut(i..end).ok_or(Damaged)?.fill(value);
        i = end;
    }
    // A block without an end-of-block code could never end.
    if lengths[256] == 0 {
        return Err(Damaged);
    }
    Ok((
        Huffman::new(&lengths[..lit_count])?,
        Huffman::new(&lengths[lit_count..])?,
    ))
}

/// Decodes one block's symbols into `out` (which may reach back into the dictionary).
fn codes(
    input: &mut Input,
    out: &mut Vec<u8>,
    lit: &Huffman,
    dist: &Huffman,
    max_len: usize,
) -> Result<(), InflateError> {
    loop {
        let symbol = usize::from(lit.decode(input)?);
        if symbol < 256 {
            out.push(symbol as u8);
        } else if symbol == 256 {
            return Ok(());
        } else {
            let at = symbol - 257;
            let (base, extra) = (LEN_BASE.get(at).ok_or(Damaged)?, LEN_EXTRA[at]);
            let len = usize::from(*base) + input.bits(u32::from(extra))? as usize;
            let at = usize::from(dist.decode(input)?);
            let (base, extra) = (DIST_BASE.get(at).ok_or(Damaged)?, DIST_EXTRA[at]);
            let distance = usize::from(*base) + input.bits(u32::from(extra))? as usize;
            let from = out.len().checked_sub(distance).ok_or(Damaged)?;
            for k in from..from + len {
                out.push(out[k]);
            }
        }
        if out.len() > max_len {
            return Err(InflateError::TooBig);
        }
    }
}
