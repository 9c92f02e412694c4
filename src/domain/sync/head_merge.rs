//! Three-way merge of an engagement's head (everything but the issues) against the version
//! both devices last agreed on. Generic over the JSON of the engagement, so a part added later
//! merges without a change here: objects key by key, lists whose items carry an `id` item by
//! item, anything else as one value. A value changed on both sides keeps the later save's;
//! both devices pick the same side (later `updated_at`, then account, then content), so the
//! merge comes out the same whichever device makes it.
use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::notice::{is_secret, item_label, label, merge_notices, quoted_at, Step};
use super::MergeNotice;
use crate::domain::charter::ApprovedRevision;
use crate::domain::exit::review::ExitReview;
use crate::domain::json::{from_json, to_json};
use crate::domain::Engagement;

/// The merged head, and the notices this merge made (already added to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadMerge {
    pub engagement: Engagement,
    pub notices: Vec<MergeNotice>,
}

/// Fields the generic merge leaves alone: the issues (merged by events), the notices (merged
/// as a set), the stamps (taken from the later save), and the frozen parts (own rules below).
const APART: [&str; 5] = [
    "issues",
    "merge_notices",
    "updated_at",
    "updated_by",
    "exit_review",
];

/// Which side's value stands where both changed, and how that is said.
struct Judge<'a> {
    later: &'a Engagement,
    earlier: &'a Engagement,
    local_is_later: bool,
    notices: Vec<MergeNotice>,
}

impl Judge<'_> {
    fn conflict(
        &mut self,
        path: &[Step],
        local: Option<&Value>,
        remote: Option<&Value>,
    ) -> Option<Value> {
        let (kept, replaced) = if self.local_is_later {
            (local, remote)
        } else {
            (remote, local)
        };
        let notice = MergeNotice::new(
            label(path),
            &self.later.updated_by,
            &self.earlier.updated_by,
            quoted_at(path, replaced),
            self.later.updated_at,
        );
        // A secret is not kept in a notice, not even to be put back.
        self.notices.push(if is_secret(path, replaced) {
            notice
        } else {
            notice.with_restore(path, replaced)
        });
        kept.cloned()
    }
}

/// Merges `local` and `remote` (the team database's copy), both descended from `base` (`None`:
/// no common version, as when one engagement was restored from a backup on two devices: a
/// value on one side only is taken, one that differs is a conflict). The issues of `local` are
/// kept as they are. The result is the same whichever device merges, except that of two
/// different frozen records (an approved revision, a signed review) the database's stands.
pub fn merge_head(base: Option<&Engagement>, local: &Engagement, remote: &Engagement) -> HeadMerge {
    let mut merged = match (local.is_frozen(), remote.is_frozen()) {
        (_, true) => keep_signed(base, remote, local, local, remote),
        (true, false) => keep_signed(base, local, remote, local, remote),
        (false, false) => merge_open(base, local, remote),
    };
    // A report key is never merged away: reports sealed for it would never open again.
    // The two heads before the base: where the merge lost the settings, they come back as a
    // device last had them (only one of the two can have them then), not as they were before.
    let sides = [Some(local), Some(remote), base];
    crate::domain::intake::settings::keep_every_key(
        &mut merged.engagement,
        sides.into_iter().flatten(),
    );
    // Settings brought back whole (a side's own, as they were) were not replaced after all:
    // a notice on the settings as a whole would mislead. Its field names the whole settings.
    let whole = label(&[Step::Key("intake".to_owned())]);
    let intake = &merged.engagement.intake;
    let stood = intake.is_some() && (intake == &local.intake || intake == &remote.intake);
    let stands = |notice: &MergeNotice| stood && notice.field == whole;
    merged.notices.retain(|notice| !stands(notice));
    merged
        .engagement
        .merge_notices
        .retain(|notice| !stands(notice));
    merged
}

/// A signed engagement is a frozen record, and a merge keeps it as signed: what the other side
/// changed in its head meanwhile (it had not received the signing yet) is not applied, and a
/// notice names it for the person who changed it. Issue events are merged apart, as always.
fn keep_signed(
    base: Option<&Engagement>,
    signed: &Engagement,
    other: &Engagement,
    local: &Engagement,
    remote: &Engagement,
) -> HeadMerge {
    let mut engagement = Engagement {
        issues: local.issues.clone(),
        ..signed.clone()
    };
    // Report keys are kept from every side (see `merge_head`): one the other side made is
    // applied, so it is not among what the notice says was not.
    crate::domain::intake::settings::keep_every_key(&mut engagement, [other]);
    let before = head_value(base.unwrap_or(signed));
    let (theirs, kept) = (head_value(other), head_value(&engagement));
    let mut changed: Vec<String> = theirs
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, value)| {
            before.get(key.as_str()) != Some(*value) && kept.get(key.as_str()) != Some(*value)
        })
        .map(|(key, _)| label(&[Step::Key(key.clone())]))
        .collect();
    // Signed on both devices offline, differently: the database's signing stands, and the
    // other signer is told (the review is merged apart, so it is not among the keys above).
    if other.is_frozen() && other.exit_review != signed.exit_review {
        changed.push(label(&[Step::Key("exit_review".to_owned())]));
    }
    let notices: Vec<MergeNotice> = (!changed.is_empty())
        .then(|| {
            MergeNotice::new(
                super::SIGNED_RECORD.to_owned(),
                &signed.updated_by,
                &other.updated_by,
                changed.join(", "),
                signed.updated_at,
            )
        })
        .into_iter()
        .collect();
    // Approved revisions are frozen records of their own: every one of either side stays.
    let mut judge = Judge {
        later: signed,
        earlier: other,
        local_is_later: std::ptr::eq(signed, local),
        notices,
    };
    engagement.charter.revisions = merge_revisions(local, remote, &mut judge);
    with_notices(engagement, judge.notices, base, local, remote)
}

/// The merged head with this merge's notices and those of both sides that nobody dismissed.
fn with_notices(
    mut engagement: Engagement,
    notices: Vec<MergeNotice>,
    base: Option<&Engagement>,
    local: &Engagement,
    remote: &Engagement,
) -> HeadMerge {
    engagement.merge_notices = merge_notices(
        base.map_or(&[][..], |b| &b.merge_notices),
        &local.merge_notices,
        &remote.merge_notices,
        &notices,
    );
    HeadMerge {
        engagement,
        notices,
    }
}

/// The merge of two heads neither of which is signed.
fn merge_open(base: Option<&Engagement>, local: &Engagement, remote: &Engagement) -> HeadMerge {
    let local_is_later = later_side(local, remote);
    let (later, earlier) = if local_is_later {
        (local, remote)
    } else {
        (remote, local)
    };
    let mut judge = Judge {
        later,
        earlier,
        local_is_later,
        notices: Vec::new(),
    };
    let fields = |e: &Engagement| {
        let mut value = head_value(e);
        if let Some(charter) = value.get_mut("charter").and_then(Value::as_object_mut) {
            charter.remove("revisions");
        }
        value
    };
    let (b, l, r) = (base.map(fields), fields(local), fields(remote));
    let mut merged =
        merge(b.as_ref(), Some(&l), Some(&r), &mut Vec::new(), &mut judge).unwrap_or(Value::Null);
    // The parts merged apart go back as the later save has them, to be replaced below: the
    // engagement needs them to be read at all.
    if let (Some(fields), Value::Object(later_fields)) = (
        merged.as_object_mut(),
        to_json(&Engagement {
            issues: Vec::new(),
            ..later.clone()
        }),
    ) {
        for key in APART {
            if let Some(value) = later_fields.get(key) {
                fields.insert(key.to_owned(), value.clone());
            }
        }
        if let Some(charter) = fields.get_mut("charter").and_then(Value::as_object_mut) {
            charter.insert("revisions".to_owned(), Value::Array(Vec::new()));
        }
    }
    let mut engagement = from_json::<Engagement>(&merged).unwrap_or_else(|_| {
        // Two valid halves that do not make a valid whole (which the atomic treatment of
        // tagged values should prevent): the later save stands whole, and says so.
        judge.notices.push(MergeNotice::new(
            "Engagement".to_owned(),
            &later.updated_by,
            &earlier.updated_by,
            "(the whole engagement's settings)".to_owned(),
            later.updated_at,
        ));
        Engagement {
            issues: Vec::new(),
            ..later.clone()
        }
    });
    number_workshops_apart(&mut engagement);
    engagement.issues = local.issues.clone();
    engagement.updated_at = later.updated_at;
    engagement.updated_by = later.updated_by.clone();
    engagement.charter.revisions = merge_revisions(local, remote, &mut judge);
    engagement.exit_review = merge_review(base, local, remote, &mut judge);
    with_notices(engagement, judge.notices, base, local, remote)
}

/// Two or more devices that each started a workshop offline gave them one number: all are
/// kept (they have different ids). Oldest first, each takes the number it was started under
/// if no older one holds it, else the next number after every number an older workshop
/// claimed or was given. Worked out from what was claimed, not from numbers earlier merges
/// gave, so the outcome is the same on every device whatever order the merges came in; and
/// from older workshops only, so a workshop started later never moves one already moved.
fn number_workshops_apart(engagement: &mut Engagement) {
    let workshops = &mut engagement.workshops;
    let claimed = |w: &crate::domain::workshop::Workshop| w.claimed.unwrap_or(w.number);
    let mut highest = 0;
    let key = |w: &crate::domain::workshop::Workshop| (w.created_at, w.id.clone());
    // An engagement holds a handful of workshops: picking the next oldest each time costs
    // less wasm than a sort routine.
    let mut done: Vec<usize> = Vec::with_capacity(workshops.len());
    while let Some(i) = (0..workshops.len())
        .filter(|i| !done.contains(i))
        .min_by_key(|&i| key(&workshops[i]))
    {
        let wanted = claimed(&workshops[i]);
        highest = highest.max(wanted);
        let taken = done.iter().any(|&j| workshops[j].number == wanted);
        let number = if taken {
            highest = highest.saturating_add(1);
            highest
        } else {
            wanted
        };
        workshops[i].number = number;
        workshops[i].claimed = (number != wanted).then_some(wanted);
        done.push(i);
    }
}

/// Whether `local` is the later save: by time, then account, then content, so every device
/// decides the same for the same pair.
pub(super) fn later_side(local: &Engagement, remote: &Engagement) -> bool {
    // The content is written out only for a tie on time and account, which is rare: each
    // write copies the whole engagement.
    (local.updated_at, &local.updated_by)
        .cmp(&(remote.updated_at, &remote.updated_by))
        .then_with(|| {
            head_value(local)
                .to_string()
                .cmp(&head_value(remote).to_string())
        })
        .is_ge()
}

/// The engagement as JSON, without the fields merged apart.
fn head_value(engagement: &Engagement) -> Value {
    let head = Engagement {
        issues: Vec::new(),
        merge_notices: Vec::new(),
        ..engagement.clone()
    };
    let mut value = to_json(&head);
    if let Some(fields) = value.as_object_mut() {
        for key in APART {
            fields.remove(key);
        }
    }
    value
}

/// The three-way merge of one value (`None`: absent on that side).
fn merge(
    base: Option<&Value>,
    local: Option<&Value>,
    remote: Option<&Value>,
    path: &mut Vec<Step>,
    judge: &mut Judge,
) -> Option<Value> {
    if local == remote {
        return local.cloned();
    }
    if base == local {
        return remote.cloned();
    }
    if base == remote {
        return local.cloned();
    }
    match (local, remote) {
        (Some(Value::Object(l)), Some(Value::Object(r))) if same_kind(l, r) => {
            let b = base.and_then(Value::as_object);
            // Every key of either side once (no sort: the map orders what goes in).
            let keys = l
                .keys()
                .chain(r.keys().filter(|k| !l.contains_key(k.as_str())));
            let mut out = Map::new();
            for key in keys {
                path.push(Step::Key(key.clone()));
                let merged = merge(
                    b.and_then(|b| b.get(key)),
                    l.get(key),
                    r.get(key),
                    path,
                    judge,
                );
                path.pop();
                if let Some(value) = merged {
                    out.insert(key.clone(), value);
                }
            }
            Some(Value::Object(out))
        }
        (Some(Value::Array(l)), Some(Value::Array(r))) if keyed(l) && keyed(r) => {
            let b = base.and_then(Value::as_array).filter(|b| keyed(b));
            Some(Value::Array(merge_keyed(b, l, r, path, judge)))
        }
        _ => judge.conflict(path, local, remote),
    }
}

/// Objects merge field by field unless they are different variants of a tagged value (a
/// `type` that differs): mixing their fields would make neither.
fn same_kind(local: &Map<String, Value>, remote: &Map<String, Value>) -> bool {
    local.get("type") == remote.get("type")
}

/// A list whose items are all objects with a text `id`.
fn keyed(items: &[Value]) -> bool {
    items
        .iter()
        .all(|item| item.get("id").is_some_and(Value::is_string))
}

fn id_of(item: &Value) -> &str {
    item.get("id").and_then(Value::as_str).unwrap_or_default()
}

/// Lists with ids merge item by item: an item removed on one side and untouched on the other
/// goes, one added on either side comes. The order is the later save's, then the other side's
/// new items in their order.
fn merge_keyed<'a>(
    base: Option<&'a Vec<Value>>,
    local: &'a [Value],
    remote: &'a [Value],
    path: &mut Vec<Step>,
    judge: &mut Judge,
) -> Vec<Value> {
    // Indexed by id: looking each id up in the lists took minutes on lists of tens of
    // thousands of items (found by the fuzz run).
    let index = |list: &'a [Value]| {
        let mut index: HashMap<&'a str, &'a Value> = HashMap::with_capacity(list.len());
        for item in list {
            index.entry(id_of(item)).or_insert(item);
        }
        index
    };
    let (base_index, local_index, remote_index) = (
        index(base.map_or(&[][..], Vec::as_slice)),
        index(local),
        index(remote),
    );
    let find = |index: &HashMap<&str, &Value>, id: &str| index.get(id).map(|v| (*v).clone());
    let (first, second) = if judge.local_is_later {
        (local, remote)
    } else {
        (remote, local)
    };
    // Every id once: the later save's order, then the other side's new ones, then the base's.
    let mut seen: HashSet<&str> = HashSet::new();
    let base_items = base.map_or(&[][..], Vec::as_slice);
    let ids: Vec<&str> = first
        .iter()
        .chain(second)
        .chain(base_items)
        .map(id_of)
        .filter(|id| seen.insert(id))
        .collect();
    let mut out = Vec::new();
    for id in ids {
        let (b, l, r) = (
            find(&base_index, id),
            find(&local_index, id),
            find(&remote_index, id),
        );
        let label = l
            .as_ref()
            .or(r.as_ref())
            .or(b.as_ref())
            .map_or(id.to_owned(), |item| item_label(item, id));
        path.push(Step::Item {
            id: id.to_owned(),
            label,
        });
        if let Some(item) = merge(b.as_ref(), l.as_ref(), r.as_ref(), path, judge) {
            out.push(item);
        }
        path.pop();
    }
    out
}

/// Approved revisions are frozen: every revision of either side is kept unchanged, by number.
/// Two different revisions with one number (approved on two devices offline) keep the one the
/// team database holds (`remote`: it was approved there first, and the database refuses any
/// change to it); the other is said in a notice, with its approver.
fn merge_revisions(
    local: &Engagement,
    remote: &Engagement,
    judge: &mut Judge,
) -> Vec<ApprovedRevision> {
    let mut revisions: Vec<ApprovedRevision> = remote.charter.revisions.clone();
    for mine in &local.charter.revisions {
        match revisions.iter().position(|r| r.number == mine.number) {
            // In its place by number (both lists are kept in number order).
            None => {
                let at = revisions.partition_point(|r| r.number < mine.number);
                revisions.insert(at, mine.clone());
            }
            Some(i) if revisions[i] == *mine => {}
            Some(i) => {
                let kept = &revisions[i];
                judge.notices.push(MergeNotice::new(
                    format!("Approved charter revision {}", kept.number),
                    &kept.approval.name,
                    &mine.approval.name,
                    format!(
                        "approved by {} on {} as well; the approval the team database holds stands",
                        mine.approval.name, mine.approval.date
                    ),
                    judge.later.updated_at,
                ));
            }
        }
    }
    revisions
}

/// A signed review is frozen: it wins over an unsigned one and is never changed; of two
/// signed ones, the one the team database holds (`remote`) stands. Unsigned reviews merge
/// like any other part.
fn merge_review(
    base: Option<&Engagement>,
    local: &Engagement,
    remote: &Engagement,
    judge: &mut Judge,
) -> Option<ExitReview> {
    let signed = |e: &Engagement| e.exit_review.clone().filter(ExitReview::is_signed);
    match (signed(local), signed(remote)) {
        (_, Some(theirs)) => Some(theirs),
        (Some(mine), None) => Some(mine),
        (None, None) => {
            let value = |e: &Engagement| e.exit_review.as_ref().map(to_json);
            let b = base.and_then(value);
            let mut path = vec![Step::Key("exit_review".to_owned())];
            merge(
                b.as_ref(),
                value(local).as_ref(),
                value(remote).as_ref(),
                &mut path,
                judge,
            )
            .map(|v| {
                from_json(&v).unwrap_or_else(|_| {
                    // Two valid halves that do not make a valid review: the later save's
                    // stands whole, and the other person is told.
                    judge.notices.push(MergeNotice::new(
                        "Exit review".to_owned(),
                        &judge.later.updated_by,
                        &judge.earlier.updated_by,
                        "(the whole exit review in progress)".to_owned(),
                        judge.later.updated_at,
                    ));
                    judge.later.exit_review.clone().unwrap_or_default()
                })
            })
        }
    }
}

#[cfg(test)]
#[path = "head_merge_tests.rs"]
mod tests;
