//! A dot vote's result: the items ranked by their totals, ties flagged, so the room sees at
//! once where it still has to settle the order itself.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedItem {
    /// Index into the vote's items.
    pub item: usize,
    pub label: String,
    pub total: u32,
    /// 1 for the most votes; tied items share a rank (1, 2, 2, 4).
    pub rank: u32,
    /// Another item has the same total: the room has to settle the order itself.
    pub tied: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteResult {
    /// Most votes first; tied items in the order they were listed.
    pub ranked: Vec<RankedItem>,
    pub participants: u32,
    pub votes_cast: u32,
}

impl VoteResult {
    pub fn tie_for_first(&self) -> bool {
        self.ranked.iter().filter(|r| r.rank == 1).count() > 1
    }

    /// One line for the projector and the export.
    pub fn summary(&self) -> String {
        let first: Vec<&RankedItem> = self.ranked.iter().filter(|r| r.rank == 1).collect();
        match first.as_slice() {
            [] => "No votes.".to_owned(),
            [only] => format!(
                "\u{201c}{}\u{201d} first with {} votes.",
                only.label, only.total
            ),
            tied => format!(
                "Tie for first place with {} votes each: {}.",
                tied[0].total,
                tied.iter()
                    .map(|r| format!("\u{201c}{}\u{201d}", r.label))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        }
    }
}

/// Most votes first; equal totals share a rank (1, 2, 2, 4) and keep the items' order.
pub fn rank(labels: &[&str], totals: &[u32]) -> Vec<RankedItem> {
    let total_of = |i: usize| totals.get(i).copied().unwrap_or(0);
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by_key(|i| std::cmp::Reverse(total_of(*i)));
    order
        .into_iter()
        .map(|item| {
            let total = total_of(item);
            let above = (0..labels.len()).filter(|i| total_of(*i) > total).count() as u32;
            let same = (0..labels.len()).filter(|i| total_of(*i) == total).count();
            RankedItem {
                item,
                label: labels
                    .get(item)
                    .map(|l| (*l).to_owned())
                    .unwrap_or_default(),
                total,
                rank: above + 1,
                tied: same > 1,
            }
        })
        .collect()
}
