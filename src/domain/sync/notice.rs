//! Merge notices: what a merge of two people's changes to the same field replaced, so that the
//! person whose value was replaced is told which field, by whom, and what their value was.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::triage::stable_id;
use crate::domain::Engagement;

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
    /// The replaced value, whole, as people read it.
    pub replaced_value: String,
    /// When the kept value was saved.
    pub at: DateTime<Utc>,
    /// What "Use this value instead" puts back, and where. `None` on notices that cannot be
    /// undone that way (an approval, the engagement's settings as a whole) and on notices
    /// made before values were kept whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore: Option<Restore>,
}

/// The field of the notice a merge leaves when a signed engagement kept its head.
pub const SIGNED_RECORD: &str = "Signed hypercare record";

/// The replaced value exactly as it was, at its place in the engagement's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restore {
    /// Object keys, and list items by id.
    pub path: Vec<PathStep>,
    /// `None`: the replaced side had no value there (it had removed the item or field).
    pub value: Option<Value>,
}

/// One step of a [`Restore`] path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PathStep {
    Key(String),
    Item(String),
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
            restore: None,
        }
    }

    /// The notice with the replaced value kept whole at `path`, so it can be put back.
    pub(super) fn with_restore(mut self, path: &[Step], value: Option<&Value>) -> Self {
        let path: Vec<PathStep> = path
            .iter()
            .map(|step| match step {
                Step::Key(key) => PathStep::Key(key.clone()),
                Step::Item { id, .. } => PathStep::Item(id.clone()),
            })
            .collect();
        // Two items with the same name and value are two notices: the place is in the id.
        // The id follows the place (item ids, not the names people see, which may differ
        // between the devices making the same merge), so two items of one name replaced
        // alike are two notices, and every device makes the same one.
        let mut place = format!(
            "{}\n{}\n{}\n{}",
            self.kept_by,
            self.replaced_by,
            self.replaced_value,
            self.at.to_rfc3339_opts(SecondsFormat::Nanos, true)
        );
        for step in &path {
            let (PathStep::Key(part) | PathStep::Item(part)) = step;
            place.push('/');
            place.push_str(part);
        }
        self.id = stable_id(&[place.as_bytes()]);
        self.restore = Some(Restore {
            path,
            value: value.cloned(),
        });
        self
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

impl Engagement {
    /// "Use this value instead": puts the value a merge replaced back where it was, and
    /// removes the notice. Refused, with the reason in words, when the notice kept no value
    /// (an approval) or the value's place is gone (its item was removed since).
    pub fn use_replaced_value(&mut self, notice_id: &str) -> Result<(), String> {
        let restore = self
            .merge_notices
            .iter()
            .find(|n| n.id == notice_id)
            .ok_or("This notice was dealt with already.")?
            .restore
            .clone()
            .ok_or("This notice kept no value to put back.")?;
        let issues = std::mem::take(&mut self.issues);
        let mut value = crate::domain::json::to_json(&*self);
        self.issues = issues;
        put_at(&mut value, &restore.path, restore.value)?;
        let mut restored: Engagement = crate::domain::json::from_json(&value)
            .map_err(|_| "Your value no longer fits there (the rest was changed since).")?;
        restored.issues = std::mem::take(&mut self.issues);
        *self = restored;
        self.dismiss_notice(notice_id);
        Ok(())
    }
}

/// Sets (or, for `None`, removes) the value at `path` in `data`.
fn put_at(data: &mut Value, path: &[PathStep], value: Option<Value>) -> Result<(), String> {
    const GONE: &str = "The place of your value is gone: it was removed since.";
    let Some((last, parents)) = path.split_last() else {
        return Err(GONE.to_owned());
    };
    let mut here = data;
    for step in parents {
        here = match step {
            PathStep::Key(key) => here.get_mut(key.as_str()),
            PathStep::Item(id) => here
                .as_array_mut()
                .and_then(|items| items.iter_mut().find(|item| item_id(item) == id)),
        }
        .ok_or(GONE)?;
    }
    match last {
        PathStep::Key(key) => {
            let fields = here.as_object_mut().ok_or(GONE)?;
            match value {
                Some(value) => fields.insert(key.clone(), value),
                None => fields.remove(key),
            };
        }
        PathStep::Item(id) => {
            let items = here.as_array_mut().ok_or(GONE)?;
            let at = items.iter().position(|item| item_id(item) == id);
            match (at, value) {
                (Some(at), Some(value)) => items[at] = value,
                (Some(at), None) => {
                    items.remove(at);
                }
                (None, Some(value)) => items.push(value),
                (None, None) => {}
            }
        }
    }
    Ok(())
}

fn item_id(item: &Value) -> &str {
    item.get("id").and_then(Value::as_str).unwrap_or_default()
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

/// One step of the path to a value: a key of an object, or an item of a list (its id, and
/// what people call it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    Key(String),
    Item { id: String, label: String },
}

/// Top-level parts of the engagement as people call them; longest match first.
const PARTS: [(&[&str], &str); 12] = [
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
    (&["intake"], REPORT_SETTINGS),
];

/// What the report settings are called in a notice.
const REPORT_SETTINGS: &str = "Reports from the business";

/// Fields of the report settings a notice may quote; the rest (the team's private keys, the
/// inbox password) it names without showing, since notices are shown to everyone.
const QUOTABLE_REPORT_SETTINGS: [&str; 2] = ["welcome", "mailbox"];

/// A readable label for a path: "Charter draft › escalation › Level 2 › contact".
pub(super) fn label(path: &[Step]) -> String {
    let keys: Vec<&str> = path
        .iter()
        .map_while(|step| match step {
            Step::Key(key) => Some(key.as_str()),
            Step::Item { .. } => None,
        })
        .collect();
    let (head, used) = PARTS
        .iter()
        .find(|(prefix, _)| keys.starts_with(prefix))
        .map(|(prefix, name)| ((*name).to_owned(), prefix.len()))
        .unwrap_or_else(|| match path.first() {
            Some(Step::Key(key)) => (capitalise(&humanise(key)), 1),
            Some(Step::Item { label, .. }) => (label.clone(), 1),
            None => ("Engagement".to_owned(), 0),
        });
    let rest = path[used..].iter().map(|step| match step {
        Step::Key(key) => humanise(key),
        Step::Item { label, .. } => label.clone(),
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

/// Whether a notice must not hold the value at `path`: anything of the report settings but
/// the welcome and the mailbox (the team's private keys, the inbox password), since notices
/// are shown to everyone and kept in backups long after a password changed.
pub(super) fn is_secret(path: &[Step], value: Option<&Value>) -> bool {
    let under_intake = matches!(path.first(), Some(Step::Key(key)) if key == "intake");
    let quotable =
        matches!(path, [_, Step::Key(key)] if QUOTABLE_REPORT_SETTINGS.contains(&key.as_str()));
    under_intake && !quotable && value.is_some()
}

/// The value at `path` as a notice quotes it: whole, except secrets of the report settings.
pub(super) fn quoted_at(path: &[Step], value: Option<&Value>) -> String {
    if is_secret(path, value) {
        return "(not shown: the report settings hold the team\u{2019}s private keys and inbox password)".to_owned();
    }
    quoted(value)
}

/// A value as a notice quotes it, whole: text as it is, nothing as "(removed)".
pub(super) fn quoted(value: Option<&Value>) -> String {
    match value {
        None => "(removed)".to_owned(),
        Some(Value::Null) => "(empty)".to_owned(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Bool(yes)) => if *yes { "yes" } else { "no" }.to_owned(),
        Some(other) => other.to_string(),
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
        path.push(Step::Item {
            id: "critical".into(),
            label: "Critical".into(),
        });
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
    fn a_notice_quotes_the_replaced_value_whole() {
        assert_eq!(quoted(Some(&Value::String("Ops".into()))), "Ops");
        assert_eq!(quoted(None), "(removed)");
        assert_eq!(quoted(Some(&Value::Null)), "(empty)");
        assert_eq!(quoted(Some(&serde_json::json!(4))), "4");
        let long = "é".repeat(3000);
        assert_eq!(quoted(Some(&Value::String(long.clone()))), long);
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
