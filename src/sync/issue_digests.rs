//! Remembered issue digests. Working out an issue's document body (the issue as JSON, read
//! back into a tree, wrapped and written out again) for every issue in every sync cycle was
//! most of what a cycle cost on a large engagement. A digest depends only on the engagement's
//! id and the issue's own JSON text, so it is remembered by that text: a remembered digest is
//! always the right one, and only the body of an issue that changed is built.
//!
//! Each engagement keeps only the digests its latest look used, so what is remembered never
//! outgrows the engagement's issues.
use std::cell::RefCell;
use std::collections::HashMap;

use super::docs;
use crate::domain::triage::Issue;
use crate::domain::EngagementId;

/// Digest by issue text, per engagement id.
type Remembered = HashMap<String, HashMap<String, String>>;

thread_local! {
    static REMEMBERED: RefCell<Remembered> = RefCell::new(HashMap::new());
}

/// The digests of one engagement's issues during one look at them; what it used is
/// remembered for the next look when it is dropped.
pub struct IssueDigests {
    engagement: EngagementId,
    before: HashMap<String, String>,
    used: HashMap<String, String>,
}

impl IssueDigests {
    pub fn open(engagement: &EngagementId) -> Self {
        let before = REMEMBERED
            .with(|r| r.borrow_mut().remove(engagement.as_str()))
            .unwrap_or_default();
        Self {
            engagement: engagement.clone(),
            before,
            used: HashMap::new(),
        }
    }

    /// `docs::digest(&docs::issue_body(..))` of `issue`, without building the body when its
    /// text was seen before.
    pub fn of(&mut self, issue: &Issue) -> String {
        let Ok(text) = serde_json::to_string(issue) else {
            return self.work_out(issue);
        };
        if let Some(digest) = self.used.get(&text) {
            return digest.clone();
        }
        let digest = self
            .before
            .remove(&text)
            .unwrap_or_else(|| self.work_out(issue));
        self.used.insert(text, digest.clone());
        digest
    }

    fn work_out(&self, issue: &Issue) -> String {
        docs::digest(&docs::issue_body(&self.engagement, issue))
    }
}

/// Drops what is remembered for engagement `id`.
pub fn forget(id: &EngagementId) {
    REMEMBERED.with(|r| r.borrow_mut().remove(id.as_str()));
}

impl Drop for IssueDigests {
    fn drop(&mut self) {
        let used = std::mem::take(&mut self.used);
        let id = self.engagement.as_str().to_owned();
        REMEMBERED.with(|r| r.borrow_mut().insert(id, used));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::at;

    fn issue(title: &str) -> Issue {
        Issue::log(7, title, "Dana", at("2026-03-02T09:00:00Z")).expect("a title")
    }

    #[test]
    fn a_remembered_digest_is_the_one_the_body_gives() {
        let id = EngagementId::from_random_bytes([1; 8]);
        let (first, second) = (issue("Invoice run fails"), issue("Invoice run stops"));
        let direct = |i: &Issue| docs::digest(&docs::issue_body(&id, i));
        for _ in 0..3 {
            let mut digests = IssueDigests::open(&id);
            assert_eq!(digests.of(&first), direct(&first));
            assert_eq!(digests.of(&second), direct(&second));
            assert_ne!(digests.of(&first), digests.of(&second));
        }
        // Another engagement's document of the same issue says so in its body: another digest.
        let other = EngagementId::from_random_bytes([2; 8]);
        assert_ne!(IssueDigests::open(&other).of(&first), direct(&first));
    }

    #[test]
    fn only_what_the_latest_look_used_is_remembered() {
        let id = EngagementId::from_random_bytes([3; 8]);
        IssueDigests::open(&id).of(&issue("Old title"));
        IssueDigests::open(&id).of(&issue("New title"));
        let kept = REMEMBERED.with(|r| r.borrow().get(id.as_str()).map(HashMap::len));
        assert_eq!(kept, Some(1));
        forget(&id);
        let kept = REMEMBERED.with(|r| r.borrow().get(id.as_str()).map(HashMap::len));
        assert_eq!(kept, None);
    }
}
