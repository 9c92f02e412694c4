//! A small seedable generator for the long runs: splitmix64, the same on every machine, so a
//! printed seed and case number make the same input again.

#[derive(Debug, Clone)]
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The dice of case `index` of a run with `seed` at door `door`: each case can be made
    /// again on its own (`FUZZ_REPLAY`), without the cases before it.
    pub fn for_case(seed: u64, door: usize, index: u64) -> Self {
        let mut dice = Self(
            seed ^ (door as u64 + 1).wrapping_mul(0xa076_1d64_78bd_642f)
                ^ index.wrapping_mul(0xe703_7ed1_a0b4_28db),
        );
        dice.next();
        dice
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// 1, 2, 3... with each next count half as likely, up to `max`.
    pub fn few(&mut self, max: usize) -> usize {
        let mut n = 1;
        while n < max && self.chance(50) {
            n += 1;
        }
        n
    }
}
