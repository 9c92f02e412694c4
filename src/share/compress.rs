//! Deflating (RFC 1951) after a preset dictionary: LZ77 over the dictionary followed by the
//! data, so matches may reach back into the dictionary, then one block of Huffman codes built
//! for this data (or the fixed codes, when those come out shorter). Written here because the
//! documents are a few kilobytes: a hash-chain search that looks hard and one block suit them,
//! and miniz_oxide's compressor would add about 18 KB to the wasm. Any inflater reads the
//! result; `deflate.rs` checks that against miniz_oxide.
use super::inflate::{CODE_LENGTH_ORDER, DIST_BASE, DIST_EXTRA, LEN_BASE, LEN_EXTRA};

const WINDOW: usize = 32 * 1024;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
const HASH_BITS: u32 = 15;
/// Candidates tried per position: documents are small, so it can afford to look hard.
const MAX_CHAIN: usize = 4096;
const NONE: u32 = u32::MAX;
const END_OF_BLOCK: usize = 256;

#[derive(Clone, Copy)]
enum Token {
    Literal(u8),
    Match { len: usize, dist: usize },
}

/// Hash chains over `bytes`: for each position, the previous one with the same three bytes.
struct Matcher<'a> {
    bytes: &'a [u8],
    head: Vec<u32>,
    prev: Vec<u32>,
}

impl Matcher<'_> {
    fn hash(&self, i: usize) -> usize {
        let b = &self.bytes[i..i + MIN_MATCH];
        let key = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        (key.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
    }

    fn insert(&mut self, i: usize) {
        if i + MIN_MATCH <= self.bytes.len() {
            let h = self.hash(i);
            self.prev[i] = self.head[h];
            self.head[h] = i as u32;
        }
    }

    /// The longest earlier match for position `i` as (length, distance); length 0 if none.
    fn longest(&self, i: usize) -> (usize, usize) {
        let max = (self.bytes.len() - i).min(MAX_MATCH);
        if max < MIN_MATCH {
            return (0, 0);
        }
        let want = &self.bytes[i..i + max];
        let mut best = (0, 0);
        let mut candidate = self.head[self.hash(i)];
        for _ in 0..MAX_CHAIN {
            if candidate == NONE || i - candidate as usize > WINDOW {
                break;
            }
            let at = candidate as usize;
            let len = self.bytes[at..]
                .iter()
                .zip(want)
                .take_while(|(a, b)| a == b)
                .count();
            if len > best.0 {
                best = (len, i - at);
                if len == max {
                    break;
                }
            }
            candidate = self.prev[at];
        }
        if best.0 >= MIN_MATCH {
            best
        } else {
            (0, 0)
        }
    }
}

/// LZ77 with lazy matching: a match is put off by one byte when the next one is longer.
fn tokens(history: &[u8], start: usize) -> Vec<Token> {
    let mut m = Matcher {
        bytes: history,
        head: vec![NONE; 1 << HASH_BITS],
        prev: vec![NONE; history.len()],
    };
    for i in 0..start {
        m.insert(i);
    }
    let mut out = Vec::new();
    let mut i = start;
    while i < history.len() {
        let (len, dist) = m.longest(i);
        m.insert(i);
        if len == 0 || (len < MAX_MATCH && m.longest(i + 1).0 > len) {
            out.push(Token::Literal(history[i]));
            i += 1;
            continue;
        }
        out.push(Token::Match { len, dist });
        for k in i + 1..i + len {
            m.insert(k);
        }
        i += len;
    }
    out
}

/// The symbol and extra bits (value, count) of a length or distance, from the bases' table.
fn code(value: usize, base: &[u16], extra: &[u8]) -> (usize, u32, u32) {
    let at = base
        .iter()
        .rposition(|&b| usize::from(b) <= value)
        .unwrap_or(0);
    (
        at,
        (value - usize::from(base[at])) as u32,
        u32::from(extra[at]),
    )
}

/// Huffman code lengths for `freq`, none longer than `limit`. At least two symbols get a code,
/// so every code is complete (some inflaters refuse a lone one-bit code).
fn code_lengths(freq: &[u32], limit: u8) -> Vec<u8> {
    let mut freq = freq.to_vec();
    for i in 0..2 {
        if freq.iter().filter(|&&f| f > 0).count() < 2 && freq[i] == 0 {
            freq[i] = 1;
        }
    }
    loop {
        let mut weight: Vec<u64> = freq.iter().map(|&f| u64::from(f)).collect();
        let mut parent = vec![usize::MAX; freq.len()];
        let mut alive: Vec<usize> = (0..freq.len()).filter(|&i| freq[i] > 0).collect();
        // The two lightest, found by a scan rather than a sort (a sort costs more wasm, and
        // there are at most 286 symbols).
        let lightest = |alive: &mut Vec<usize>, weight: &[u64]| {
            let at = (0..alive.len())
                .min_by_key(|&k| weight[alive[k]])
                .unwrap_or(0);
            alive.swap_remove(at)
        };
        while alive.len() > 1 {
            let a = lightest(&mut alive, &weight);
            let b = lightest(&mut alive, &weight);
            parent[a] = weight.len();
            parent[b] = weight.len();
            weight.push(weight[a] + weight[b]);
            parent.push(usize::MAX);
            alive.push(weight.len() - 1);
        }
        let lengths: Vec<u8> = (0..freq.len())
            .map(|i| {
                let (mut depth, mut node) = (0u8, i);
                while freq[i] > 0 && parent[node] != usize::MAX {
                    node = parent[node];
                    depth = depth.saturating_add(1);
                }
                depth
            })
            .collect();
        if lengths.iter().all(|&l| l <= limit) {
            return lengths;
        }
        // Too deep: flatten the frequencies and build again (they converge on a balanced tree).
        for f in freq.iter_mut().filter(|f| **f > 0) {
            *f = f.div_ceil(2);
        }
    }
}

/// Canonical codes for `lengths`, bit-reversed because deflate sends them first bit first.
fn codes(lengths: &[u8]) -> Vec<u32> {
    let mut count = [0u32; 16];
    for &l in lengths {
        count[usize::from(l)] += 1;
    }
    count[0] = 0;
    let mut next = [0u32; 16];
    for len in 1..16 {
        next[len] = (next[len - 1] + count[len - 1]) << 1;
    }
    lengths
        .iter()
        .map(|&l| {
            let c = next[usize::from(l)];
            next[usize::from(l)] += 1;
            if l == 0 {
                0
            } else {
                c.reverse_bits() >> (32 - u32::from(l))
            }
        })
        .collect()
}

struct Bits {
    out: Vec<u8>,
    buf: u64,
    count: u32,
}

impl Bits {
    fn put(&mut self, value: u32, n: u32) {
        self.buf |= u64::from(value) << self.count;
        self.count += n;
        while self.count >= 8 {
            self.out.push(self.buf as u8);
            self.buf >>= 8;
            self.count -= 8;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.buf as u8);
        }
        self.out
    }
}

/// Writes the tokens with the given literal/length and distance code lengths, then the end.
fn write_tokens(bits: &mut Bits, tokens: &[Token], lit: &[u8], dist: &[u8]) {
    let (lit_codes, dist_codes) = (codes(lit), codes(dist));
    for &t in tokens {
        match t {
            Token::Literal(b) => {
                bits.put(lit_codes[usize::from(b)], u32::from(lit[usize::from(b)]))
            }
            Token::Match { len, dist: d } => {
                let (sym, value, n) = code(len, &LEN_BASE, &LEN_EXTRA);
                bits.put(lit_codes[257 + sym], u32::from(lit[257 + sym]));
                bits.put(value, n);
                let (sym, value, n) = code(d, &DIST_BASE, &DIST_EXTRA);
                bits.put(dist_codes[sym], u32::from(dist[sym]));
                bits.put(value, n);
            }
        }
    }
    bits.put(lit_codes[END_OF_BLOCK], u32::from(lit[END_OF_BLOCK]));
}

/// Run-length codes of the code lengths (16: repeat the last, 17 and 18: runs of zeros), as
/// (symbol, extra value, extra bits).
fn length_runs(lengths: &[u8]) -> Vec<(usize, u32, u32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lengths.len() {
        let l = lengths[i];
        let mut run = lengths[i..].iter().take_while(|&&x| x == l).count();
        i += run;
        if l == 0 {
            while run >= 11 {
                let r = run.min(138);
                out.push((18, (r - 11) as u32, 7));
                run -= r;
            }
            if run >= 3 {
                out.push((17, (run - 3) as u32, 3));
                run = 0;
            }
        } else {
            out.push((usize::from(l), 0, 0));
            run -= 1;
            while run >= 3 {
                let r = run.min(6);
                out.push((16, (r - 3) as u32, 2));
                run -= r;
            }
        }
        out.extend(std::iter::repeat_n((usize::from(l), 0, 0), run));
    }
    out
}

fn dynamic_block(tokens: &[Token]) -> Vec<u8> {
    let mut lit_freq = [0u32; 286];
    let mut dist_freq = [0u32; 30];
    for &t in tokens {
        match t {
            Token::Literal(b) => lit_freq[usize::from(b)] += 1,
            Token::Match { len, dist } => {
                lit_freq[257 + code(len, &LEN_BASE, &LEN_EXTRA).0] += 1;
                dist_freq[code(dist, &DIST_BASE, &DIST_EXTRA).0] += 1;
            }
        }
    }
    lit_freq[END_OF_BLOCK] += 1;
    let lit = code_lengths(&lit_freq, 15);
    let dist = code_lengths(&dist_freq, 15);
    let used = |l: &[u8], min: usize| (l.iter().rposition(|&x| x > 0).unwrap_or(0) + 1).max(min);
    let (lit_count, dist_count) = (used(&lit, 257), used(&dist, 1));
    let mut all = lit[..lit_count].to_vec();
    all.extend_from_slice(&dist[..dist_count]);
    let runs = length_runs(&all);
    let mut run_freq = [0u32; 19];
    for &(sym, _, _) in &runs {
        run_freq[sym] += 1;
    }
    let run_lengths = code_lengths(&run_freq, 7);
    let run_codes = codes(&run_lengths);
    let order_count = (CODE_LENGTH_ORDER
        .iter()
        .rposition(|&s| run_lengths[s] > 0)
        .unwrap_or(0)
        + 1)
    .max(4);
    let mut bits = Bits {
        out: Vec::new(),
        buf: 0,
        count: 0,
    };
    bits.put(1, 1); // the last block
    bits.put(2, 2); // dynamic codes
    bits.put((lit_count - 257) as u32, 5);
    bits.put((dist_count - 1) as u32, 5);
    bits.put((order_count - 4) as u32, 4);
    for &s in &CODE_LENGTH_ORDER[..order_count] {
        bits.put(u32::from(run_lengths[s]), 3);
    }
    for (sym, value, n) in runs {
        bits.put(run_codes[sym], u32::from(run_lengths[sym]));
        bits.put(value, n);
    }
    write_tokens(&mut bits, tokens, &lit, &dist);
    bits.finish()
}

fn fixed_block(tokens: &[Token]) -> Vec<u8> {
    let mut lit = [8u8; 288];
    lit[144..256].fill(9);
    lit[256..280].fill(7);
    let mut bits = Bits {
        out: Vec::new(),
        buf: 0,
        count: 0,
    };
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed codes
    write_tokens(&mut bits, tokens, &lit, &[5; 30]);
    bits.finish()
}

/// `data` as one final deflate block whose matches may refer back into `dictionary`.
pub fn compress(data: &[u8], dictionary: &[u8]) -> Vec<u8> {
    // Only the last 32 KB of a dictionary can be referred to.
    let dictionary = &dictionary[dictionary.len().saturating_sub(WINDOW)..];
    let mut history = dictionary.to_vec();
    history.extend_from_slice(data);
    let tokens = tokens(&history, dictionary.len());
    let (dynamic, fixed) = (dynamic_block(&tokens), fixed_block(&tokens));
    if fixed.len() <= dynamic.len() {
        fixed
    } else {
        dynamic
    }
}
