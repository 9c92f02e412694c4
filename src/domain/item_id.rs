//! Stable ids for the items of every list that two people may change on two devices (team
//! sync merges such lists item by item, and refers from one item to another by id, never by
//! position: a position is not an id when two devices can fill it offline).
//!
//! An item gets its id once and keeps it. Items stored before ids existed get one derived from
//! their list and position when they are read (every copy of the same data derives the same
//! ids); an item added since gets one when it is first saved, derived from its list, its
//! position and a salt of the saving account, the tab and the instant (`state::item_id_salt`),
//! so no two devices or saves make the same id; the editor's working copy then takes the ids
//! from the saved record. Where an item has a natural key (a week's number, an exception's
//! criterion) that key is its id, so both devices agree without sync.
use super::triage::stable_id;

/// A list item with a stable `id` (empty until [`ensure_ids`] gives it one).
pub(crate) trait ListItem {
    fn id(&self) -> &str;
    fn set_id(&mut self, id: String);
    /// The id this item has by nature, where it has one.
    fn natural_id(&self, _position: usize) -> Option<String> {
        None
    }
}

/// `list_item!(Holiday, EscalationLevel)`: the types keep their id in a field `id`.
/// `list_item!(WeekPlan => |week, position| …)`: with the natural id the closure gives.
macro_rules! list_item {
    ($($item:ty),+) => {$(
        list_item!($item => |_item, _position| None);
    )+};
    ($item:ty => |$this:pat_param, $position:pat_param| $natural:expr) => {
        impl $crate::domain::item_id::ListItem for $item {
            fn id(&self) -> &str {
                &self.id
            }
            fn set_id(&mut self, id: String) {
                self.id = id;
            }
            fn natural_id(&self, position: usize) -> Option<String> {
                let ($this, $position) = (self, position);
                $natural
            }
        }
    };
}

/// Gives every item of `items` without an id one that no other item of the list has. `list`
/// names the list (so two lists' first items differ); `author` is empty when reading stored
/// data and the saving person's name when saving.
pub(crate) fn ensure_ids<T: ListItem>(list: &str, items: &mut [T], author: &str) {
    // The ids in use, as a set: looking each candidate up in the list made a file with tens of
    // thousands of items without ids take minutes to read.
    let mut taken: std::collections::HashSet<String> = items
        .iter()
        .map(|item| item.id().to_owned())
        .filter(|id| !id.is_empty())
        .collect();
    for (position, item) in items.iter_mut().enumerate() {
        if !item.id().is_empty() {
            continue;
        }
        let place = position.to_string();
        let mut attempt: u32 = 0;
        let id = loop {
            let candidate = match (attempt, item.natural_id(position)) {
                (0, Some(natural)) => natural,
                _ => stable_id(&[
                    list.as_bytes(),
                    place.as_bytes(),
                    author.as_bytes(),
                    &attempt.to_le_bytes(),
                ]),
            };
            // An empty candidate (an empty natural key) is the item's own missing id: taken.
            if !candidate.is_empty() && !taken.contains(&candidate) {
                break candidate;
            }
            attempt += 1;
        };
        taken.insert(id.clone());
        item.set_id(id);
    }
}

use super::charter::scope::DestinationContact;
use super::charter::{Charter, EscalationLevel, Holiday};
use super::exit::review::Exception;
use super::withdrawal::plan::{Extension, LevelHold, WeekPlan};
use super::workshop::{Decision, DotVote, Workshop, WorkshopStep};
use super::Engagement;

list_item!(
    Holiday,
    EscalationLevel,
    DestinationContact,
    Extension,
    LevelHold,
    Workshop,
    Decision,
    DotVote
);

// Week N of a plan is week N on every device.
list_item!(WeekPlan => |_week, position| Some(format!("week-{}", position + 1)));
// A workshop's steps come from its agenda and never move, so a step's place is its id.
list_item!(WorkshopStep => |_step, position| Some(format!("step-{}", position + 1)));
// One exception per criterion: the criterion is the key.
list_item!(Exception => |exception, _position| Some(exception.criterion_id().to_owned()));

impl Engagement {
    /// Gives every list item of the editable parts an id (approved charter revisions and a
    /// signed review are frozen and keep exactly what was approved or signed). `author` is
    /// empty when reading and the saving person when saving.
    pub fn ensure_item_ids(&mut self, author: &str) {
        if let Some(draft) = self.charter.draft.as_mut() {
            charter_ids(&mut draft.charter, author);
        }
        if let Some(plan) = self.withdrawal.as_mut() {
            ensure_ids("weeks", &mut plan.weeks, author);
            ensure_ids("extensions", &mut plan.extensions, author);
            ensure_ids("holds", &mut plan.holds, author);
        }
        if let Some(review) = self.exit_review.as_mut().filter(|r| !r.is_signed()) {
            ensure_ids("exceptions", &mut review.exceptions, author);
        }
        ensure_ids("workshops", &mut self.workshops, author);
        for workshop in &mut self.workshops {
            ensure_ids("steps", &mut workshop.steps, author);
            ensure_ids("votes", &mut workshop.votes, author);
            ensure_ids("decisions", &mut workshop.decisions, author);
            workshop.resolve_vote_positions();
        }
    }
}

fn charter_ids(charter: &mut Charter, author: &str) {
    ensure_ids("holidays", &mut charter.calendar.holidays, author);
    ensure_ids("escalation", &mut charter.escalation, author);
    ensure_ids("destinations", &mut charter.destinations, author);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Default, PartialEq)]
    struct Item {
        id: String,
        natural: Option<String>,
    }

    impl ListItem for Item {
        fn id(&self) -> &str {
            &self.id
        }
        fn set_id(&mut self, id: String) {
            self.id = id;
        }
        fn natural_id(&self, _position: usize) -> Option<String> {
            self.natural.clone()
        }
    }

    fn ids(items: &[Item]) -> Vec<&str> {
        items.iter().map(|i| i.id.as_str()).collect()
    }

    /// An empty natural key (an exception without its criterion, from an edited file) is no
    /// id: the item gets a derived one, as before the ids in use were kept in a set.
    #[test]
    fn an_empty_natural_key_gets_a_derived_id() {
        let mut items = vec![Item {
            id: String::new(),
            natural: Some(String::new()),
        }];
        ensure_ids("exceptions", &mut items, "");
        assert!(!items[0].id.is_empty());
        let derived = stable_id(&[b"exceptions", b"0", b"", &1_u32.to_le_bytes()]);
        assert_eq!(items[0].id, derived);
    }

    #[test]
    fn reading_the_same_data_twice_derives_the_same_ids() {
        let mut a = vec![Item::default(), Item::default()];
        let mut b = a.clone();
        ensure_ids("holidays", &mut a, "");
        ensure_ids("holidays", &mut b, "");
        assert_eq!(a, b);
        assert_ne!(a[0].id, a[1].id);
        assert!(a.iter().all(|i| !i.id.is_empty()));
    }

    #[test]
    fn two_people_adding_at_the_same_place_get_two_ids_and_a_second_save_keeps_them() {
        let kept = Item {
            id: "x".into(),
            natural: None,
        };
        let mut alice = vec![kept.clone(), Item::default()];
        let mut bob = alice.clone();
        ensure_ids("escalation", &mut alice, "alice");
        ensure_ids("escalation", &mut bob, "bob");
        assert_eq!(alice[0].id, "x", "an id once given is kept");
        assert_ne!(alice[1].id, bob[1].id);
        let mut again = vec![kept, Item::default()];
        ensure_ids("escalation", &mut again, "alice");
        assert_eq!(again, alice, "a stale copy saved again gets the same id");
    }

    #[test]
    fn a_natural_key_is_the_id_unless_taken() {
        let natural = |key: &str| Item {
            id: String::new(),
            natural: Some(key.into()),
        };
        let mut items = vec![natural("week-1"), natural("week-1"), natural("week-3")];
        ensure_ids("weeks", &mut items, "");
        assert_eq!(ids(&items)[0], "week-1");
        assert_ne!(ids(&items)[1], "week-1", "ids stay unique in a list");
        assert_eq!(ids(&items)[2], "week-3");
    }
}
