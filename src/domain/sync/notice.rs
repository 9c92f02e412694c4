//! Merge notices: what a merge of two people's changes to the same field replaced, so that the
//! person whose value was replaced is told which field, by whom, and what their value was.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::triage::stable_id;
use crate::domain::Engagement;

/// Longest replaced value a notice quotes, in characters.
const SHORT_TEXT_LEN: usize = 120;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeNotice {
    /// Derived from the content, so that two devices making the same merge make one notice
    /// (notices merge as a list keyed by this id).
    pub id: String,
    /// Where, for people: "Charter draft › escalation".
    pub field: String,
    /// Whose value was kept (the account or name of the save it came from).
    pub kept_by: String,
    /// Whose value was replaced: the person the notice is for.
    pub replaced_by: String,
    /// The replaced value, short.
    pub replaced_value: String,
    /// When the kept value was saved.
    pub at: DateTime<Utc>,
}

impl MergeNotice {
    pub fn new(
        field: String,
        kept_by: &str,
        replaced_by: &str,
        replaced_value: String,
        at: DateTime<Utc>,
    ) -> Self {
        let time = at.to_rfc3339_opts(SecondsFormat::Nanos, true);
        let id = stable_id(&[
            field.as_bytes(),
            kept_by.as_bytes(),
            replaced_by.as_bytes(),
            replaced_value.as_bytes(),
            time.as_bytes(),
        ]);
        Self {
            id,
            field,
            kept_by: kept_by.to_owned(),
            replaced_by: replaced_by.to_owned(),
            replaced_value,
            at,
        }
    }
}

impl Engagement {
    /// Removes the notice with this id (the person it was for has read it). `false` if there
    /// was none, e.g. another tab dismissed it first.
    pub fn dismiss_notice(&mut self, id: &str) -> bool {
        let before = self.merge_notices.len();
        self.merge_notices.retain(|n| n.id != id);
        self.merge_notices.len() != before
    }
}

/// The notices of a merge: those of either side that neither side dismissed since `base`, and
/// the `new` ones, each once, oldest first.
pub(super) fn merge_notices(
    base: &[MergeNotice],
    local: &[MergeNotice],
    remote: &[MergeNotice],
    new: &[MergeNotice],
) -> Vec<MergeNotice> {
    let held = |list: &[MergeNotice], id: &str| list.iter().any(|n| n.id == id);
    // A record holds a handful of notices: plain lists, each notice put in its place as it
    // comes, cost less wasm than a set and a sort.
    let dismissed = |id: &str| {
        base.iter()
            .any(|n| n.id == id && (!held(local, id) || !held(remote, id)))
    };
    let mut merged: Vec<MergeNotice> = Vec::new();
    for notice in local.iter().chain(remote).chain(new) {
        if !dismissed(&notice.id) && !held(&merged, &notice.id) {
            let at = merged.partition_point(|m| (m.at, &m.id) <= (notice.at, &notice.id));
            merged.insert(at, notice.clone());
        }
    }
    merged
}

/// One step of the path to a value: a key of an object, or an item of a list by its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    Key(String),
    Item(String),
}

/// Top-level parts of the engagement as people call them; longest match first.
const PARTS: [(&[&str], &str); 11] = [
    (&["charter", "draft", "charter"], "Charter draft"),
    (&["charter", "draft"], "Charter draft"),
    (&["charter", "revisions"], "Approved charter revisions"),
    (&["charter"], "Charter"),
    (&["name"], "Details › name"),
    (&["system"], "Details › system"),
    (&["go_live"], "Details › go-live date"),
    (&["withdrawal"], "Withdrawal plan"),
    (&["exit_review"], "Exit review"),
    (&["exit_criteria"], "Exit criteria"),
    (&["workshops"], "Workshops"),
];

/// A readable label for a path: "Charter draft › escalation › Level 2 › contact".
pub(super) fn label(path: &[Step]) -> String {
    let keys: Vec<&str> = path
        .iter()
        .map_while(|step| match step {
            Step::Key(key) => Some(key.as_str()),
            Step::Item(_) => None,
        })
        .collect();
    let (head, used) = PARTS
        .iter()
        .find(|(prefix, _)| keys.starts_with(prefix))
        .map(|(prefix, name)| ((*name).to_owned(), prefix.len()))
        .unwrap_or_else(|| match path.first() {
            Some(Step::Key(key)) => (capitalise(&humanise(key)), 1),
            Some(Step::Item(item)) => (item.clone(), 1),
            None => ("Engagement".to_owned(), 0),
        });
    let rest = path[used..].iter().map(|step| match step {
        Step::Key(key) => humanise(key),
        Step::Item(item) => item.clone(),
    });
    std::iter::once(head)
        .chain(rest)
        .collect::<Vec<_>>()
        .join(" › ")
}

/// `escalation_path` → "escalation path".
fn humanise(key: &str) -> String {
    key.replace('_', " ")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What an item of a keyed list is called in a label: its name, title or label, else its id.
pub(super) fn item_label(item: &Value, id: &str) -> String {
    ["name", "title", "label"]
        .iter()
        .find_map(|key| item.get(key).and_then(Value::as_str))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .unwrap_or(id)
        .to_owned()
}

/// A value as a notice quotes it: text as it is, nothing as "(removed)", at most 120 characters.
pub(super) fn short_text(value: Option<&Value>) -> String {
    let text = match value {
        None => "(removed)".to_owned(),
        Some(Value::Null) => "(empty)".to_owned(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Bool(yes)) => if *yes { "yes" } else { "no" }.to_owned(),
        Some(other) => other.to_string(),
    };
    if text.chars().count() <= SHORT_TEXT_LEN {
        text
    } else {
        let cut: String = text.chars().take(SHORT_TEXT_LEN - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::at;

    fn keys(path: &[&str]) -> Vec<Step> {
        path.iter().map(|k| Step::Key((*k).to_owned())).collect()
    }

    #[test]
    fn labels_name_the_part_and_humanise_the_rest() {
        assert_eq!(
            label(&keys(&["charter", "draft", "charter", "duration_reason"])),
            "Charter draft › duration reason"
        );
        assert_eq!(label(&keys(&["name"])), "Details › name");
        assert_eq!(
            label(&keys(&["charter", "revisions"])),
            "Approved charter revisions"
        );
        assert_eq!(label(&keys(&["exit_review", "step"])), "Exit review › step");
        assert_eq!(label(&keys(&["some_new_part"])), "Some new part");
        let mut path = keys(&["charter", "draft", "charter", "severities"]);
        path.push(Step::Item("Critical".into()));
        path.push(Step::Key("response_minutes".into()));
        assert_eq!(
            label(&path),
            "Charter draft › severities › Critical › response minutes"
        );
        assert_eq!(label(&[]), "Engagement");
    }

    #[test]
    fn items_are_called_by_their_name_else_their_id() {
        let named = serde_json::json!({"id": "p1", "name": " Critical "});
        assert_eq!(item_label(&named, "p1"), "Critical");
        assert_eq!(item_label(&serde_json::json!({"id": "p1"}), "p1"), "p1");
    }

    #[test]
    fn short_text_quotes_values_plainly_and_cuts_long_ones() {
        assert_eq!(short_text(Some(&Value::String("Ops".into()))), "Ops");
        assert_eq!(short_text(None), "(removed)");
        assert_eq!(short_text(Some(&Value::Null)), "(empty)");
        assert_eq!(short_text(Some(&serde_json::json!(4))), "4");
        let long = "é".repeat(300);
        let cut = short_text(Some(&Value::String(long)));
        assert_eq!(cut.chars().count(), SHORT_TEXT_LEN);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn notice_ids_follow_the_content() {
        let t = at("2027-03-02T09:00:00Z");
        let a = MergeNotice::new("F".into(), "alice", "bob", "x".into(), t);
        assert_eq!(
            a,
            MergeNotice::new("F".into(), "alice", "bob", "x".into(), t)
        );
        assert_ne!(
            a.id,
            MergeNotice::new("F".into(), "bob", "alice", "x".into(), t).id
        );
    }

    #[test]
    fn a_dismissed_notice_stays_dismissed_and_new_ones_are_added_once() {
        let t = at("2027-03-02T09:00:00Z");
        let n = |v: &str| MergeNotice::new("F".into(), "alice", "bob", v.into(), t);
        let base = vec![n("1"), n("2")];
        let local = vec![n("2")]; // bob dismissed 1
        let remote = vec![n("1"), n("2"), n("3")];
        let merged = merge_notices(&base, &local, &remote, &[n("4"), n("3")]);
        let values: Vec<&str> = merged.iter().map(|n| n.replaced_value.as_str()).collect();
        let mut expected = vec!["2", "3", "4"];
        expected.sort_by_key(|v| n(v).id);
        assert_eq!(values, expected);
        assert_eq!(
            merged,
            merge_notices(&base, &remote, &local, &[n("3"), n("4")])
        );
        let mut e = super::super::testing::engagement();
        e.merge_notices = merged;
        let id = e.merge_notices[0].id.clone();
        assert!(e.dismiss_notice(&id));
        assert!(!e.dismiss_notice(&id));
        assert_eq!(e.merge_notices.len(), 2);
    }
}
