//! The merge rules of team sync (issue 15): how two devices' copies of one engagement become
//! one, whatever order their changes arrive in. Pure rules, tested natively (with property
//! tests); the browser side (`crate::sync`) applies them to documents from the team database.
//!
//! - [`merge_issue`]: an issue log merges by events, each kept once;
//! - [`merge_head`]: everything else merges three-way against the last agreed version; a value
//!   changed on both sides keeps the later save's and leaves a [`MergeNotice`] for the person
//!   whose value was replaced; approved charter revisions and a signed exit review never change.
mod bring_in;
mod head_merge;
mod issue_merge;
mod notice;
#[cfg(test)]
pub(crate) mod testing;

pub use bring_in::{bring_in, BroughtIn};
pub use head_merge::{merge_head, HeadMerge};
pub use issue_merge::merge_issue;
pub use notice::{MergeNotice, SIGNED_RECORD};
