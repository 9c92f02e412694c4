//! Stable event ids, an issue's identity, and renumbering.
//!
//! Team sync merges two copies of an issue log by event id (see `docs/team-sync.md`), so an id
//! must be the same on every device that holds the event. An event gets its id when it is
//! written, derived from its content (time to the nanosecond, author, change, reason); an event
//! written before ids existed gets the same kind of id on load, so two browsers that restored
//! one backup derive the same ids. The hash is the app's one FNV-1a 64 (`domain::fingerprint`).
use chrono::{DateTime, SecondsFormat, Utc};

use super::issue::{Change, Issue, IssueEvent};
use crate::domain::fingerprint::Fnv1a;

/// Lower-case RFC 4648 base32, as engagement ids: 13 symbols carry the 64 bits.
const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// FNV-1a over the parts, each preceded by its length so that ("ab", "c") and ("a", "bc")
/// hash differently.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash = Fnv1a::default();
    for part in parts {
        hash.write(&(part.len() as u64).to_le_bytes());
        hash.write(part);
    }
    hash.finish()
}

/// A 64-bit value as 13 base32 symbols, most significant first.
fn base32(value: u64) -> String {
    (0..13)
        .rev()
        .map(|i| ALPHABET[((value >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// A 13-symbol id of the parts, the same on every device and build: for ids derived from
/// content elsewhere too (merge notices).
pub(crate) fn stable_id(parts: &[&[u8]]) -> String {
    base32(fnv1a(parts))
}

/// The content id of an event. `salt` is 0 except to tell apart two events of one log with
/// exactly the same content (the same change, by the same person, in the same nanosecond).
pub fn content_id(at: DateTime<Utc>, by: &str, change: &Change, why: &str, salt: u32) -> String {
    let at = at.to_rfc3339_opts(SecondsFormat::Nanos, true);
    // Serialising a plain enum of strings, numbers and dates cannot fail.
    let change = serde_json::to_string(change).unwrap_or_default();
    let salt = salt.to_le_bytes();
    let mut parts: Vec<&[u8]> = vec![
        at.as_bytes(),
        by.as_bytes(),
        change.as_bytes(),
        why.as_bytes(),
    ];
    if salt != [0; 4] {
        parts.push(&salt);
    }
    stable_id(&parts)
}

/// The content id of `event`, made distinct from every id already in `events`.
fn fresh_id(events: &[IssueEvent], event: &IssueEvent) -> String {
    let mut salt = 0;
    loop {
        let id = content_id(event.at, &event.by, &event.change, &event.why, salt);
        if !events.iter().any(|e| e.id == id) {
            return id;
        }
        salt += 1;
    }
}

impl IssueEvent {
    /// Whether the id is the one its content gives (with one of the salts a log of `len`
    /// events can need): an event rewritten after it was written no longer matches.
    pub fn id_matches_content(&self, len: usize) -> bool {
        (0..=len as u32)
            .any(|salt| content_id(self.at, &self.by, &self.change, &self.why, salt) == self.id)
    }

    /// A new event with its content id, distinct from the ids in `log` (the log it joins).
    pub fn new(log: &[IssueEvent], at: DateTime<Utc>, by: &str, change: Change, why: &str) -> Self {
        let mut event = Self {
            id: String::new(),
            at,
            by: by.to_owned(),
            change,
            why: why.to_owned(),
        };
        event.id = fresh_id(log, &event);
        event
    }
}

impl Issue {
    /// Gives every event without an id (stored before ids existed) its content id, in log
    /// order, so that every copy of the same log derives the same ids: the id [`fresh_id`]
    /// would give against the log as it stands, found with a set of the ids in use and, per
    /// content, the salt to try next (a log of thousands of identical events, which a damaged
    /// or hostile file can hold, would otherwise take minutes).
    pub fn ensure_event_ids(&mut self) {
        if self.events.iter().all(|e| !e.id.is_empty()) {
            return;
        }
        let mut taken: std::collections::HashSet<String> = self
            .events
            .iter()
            .filter(|e| !e.id.is_empty())
            .map(|e| e.id.clone())
            .collect();
        // Salts below the one noted for a content were tried and found taken; ids are only
        // ever added, so they stay taken.
        let mut next_salt: std::collections::HashMap<String, u32> = Default::default();
        for event in self.events.iter_mut().filter(|e| e.id.is_empty()) {
            let content = content_id(event.at, &event.by, &event.change, &event.why, 0);
            let mut salt = next_salt.get(&content).copied().unwrap_or(0);
            let id = loop {
                let id = content_id(event.at, &event.by, &event.change, &event.why, salt);
                if !taken.contains(&id) {
                    break id;
                }
                salt += 1;
            };
            next_salt.insert(content, salt + 1);
            taken.insert(id.clone());
            event.id = id;
        }
    }

    /// The first event whose id is not the one its content gives: one changed after it was
    /// written. Each event's id may carry a salt up to the number of events of the same
    /// content (twins in one instant); only past that is the whole log's length tried, so a
    /// log of thousands of twins is checked in linear time.
    pub fn first_rewritten_event(&self) -> Option<&IssueEvent> {
        let base = |e: &IssueEvent| content_id(e.at, &e.by, &e.change, &e.why, 0);
        // Per content: one of its events, and how many events share it.
        let mut twins: std::collections::HashMap<String, (&IssueEvent, u32)> = Default::default();
        for e in &self.events {
            twins.entry(base(e)).or_insert((e, 0)).1 += 1;
        }
        // Per content, the ids its salts up to that count give, each computed once: an event
        // is checked against its own content's ids only.
        let valid: std::collections::HashMap<&String, std::collections::HashSet<String>> = twins
            .iter()
            .map(|(key, (e, count))| {
                let ids = (0..=*count)
                    .map(|salt| content_id(e.at, &e.by, &e.change, &e.why, salt))
                    .collect();
                (key, ids)
            })
            .collect();
        let len = self.events.len();
        self.events.iter().find(|e| {
            let own = valid.get(&base(e)).is_some_and(|ids| ids.contains(&e.id));
            !own && !e.id_matches_content(len)
        })
    }

    /// What makes two copies of an issue the same issue whatever their numbers: the id of its
    /// first (`logged`) event. Empty only for an issue without events, which `log` never makes.
    pub fn identity(&self) -> &str {
        self.events.first().map_or("", |e| e.id.as_str())
    }

    /// Gives the issue another number and says so in its history, so that a link or a search
    /// for the old number still finds it (see `Engagement::issue_by_number`).
    pub fn renumber(&mut self, to: u32, by: &str, at: DateTime<Utc>) {
        if to == self.number {
            return;
        }
        let change = Change::Renumbered {
            from: self.number,
            to,
        };
        let event = IssueEvent::new(&self.events, at, by, change, "");
        self.events.push(event);
        self.number = to;
    }

    /// The numbers this issue had before, oldest first.
    pub fn former_numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.events.iter().filter_map(|e| match e.change {
            Change::Renumbered { from, .. } => Some(from),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::at;

    #[test]
    fn ids_are_pinned_so_every_build_derives_the_same() {
        let change = Change::Logged {
            title: "Quote PDF fails".into(),
        };
        let id = content_id(at("2027-03-02T09:15:00Z"), "Priya", &change, "", 0);
        assert_eq!(id.len(), 13);
        assert!(id.bytes().all(|b| ALPHABET.contains(&b)));
        // Pinned (checked against an independent FNV-1a in Python): a change here would give
        // events stored without ids other ids than other browsers derive.
        assert_eq!(id, "bul3ngmhlwcoc");
    }

    #[test]
    fn every_part_of_the_content_changes_the_id() {
        let change = Change::Logged { title: "A".into() };
        let base = content_id(at("2027-03-02T09:15:00Z"), "P", &change, "", 0);
        let nano = at("2027-03-02T09:15:00Z") + chrono::Duration::nanoseconds(1);
        assert_ne!(base, content_id(nano, "P", &change, "", 0));
        assert_ne!(
            base,
            content_id(at("2027-03-02T09:15:00Z"), "Q", &change, "", 0)
        );
        let other = Change::Logged { title: "B".into() };
        assert_ne!(
            base,
            content_id(at("2027-03-02T09:15:00Z"), "P", &other, "", 0)
        );
        assert_ne!(
            base,
            content_id(at("2027-03-02T09:15:00Z"), "P", &change, "x", 0)
        );
        assert_ne!(
            base,
            content_id(at("2027-03-02T09:15:00Z"), "P", &change, "", 1)
        );
        // Lengths are part of the input: moving a character between parts is a new id.
        assert_ne!(
            content_id(at("2027-03-02T09:15:00Z"), "Pa", &change, "", 0),
            content_id(at("2027-03-02T09:15:00Z"), "P", &change, "a", 0)
        );
    }

    #[test]
    fn twin_events_in_one_log_get_distinct_ids() {
        let t = at("2027-03-02T09:15:00Z");
        let mut issue = Issue::log(1, "A", "P", t).unwrap();
        let twin = issue.events[0].clone();
        issue.events.push(IssueEvent {
            id: String::new(),
            ..twin
        });
        issue.events[0].id.clear();
        issue.ensure_event_ids();
        assert_ne!(issue.events[0].id, issue.events[1].id);
        assert_eq!(
            issue.events[0].id,
            Issue::log(1, "A", "P", t).unwrap().events[0].id
        );
    }

    #[test]
    fn ensure_event_ids_fills_only_missing_ids_and_is_deterministic() {
        let t = at("2027-03-02T09:15:00Z");
        let mut issue = Issue::log(1, "A", "P", t).unwrap();
        issue.renumber(4, "P", t);
        let with_ids = issue.clone();
        for e in &mut issue.events {
            e.id.clear();
        }
        let mut again = issue.clone();
        issue.ensure_event_ids();
        again.ensure_event_ids();
        assert_eq!(issue, again);
        assert_eq!(issue, with_ids, "derived on load as when written");
        let mut kept = with_ids.clone();
        kept.events[1].id = "custom".into();
        let before = kept.clone();
        kept.ensure_event_ids();
        assert_eq!(kept, before);
    }

    /// The set-and-salt derivation gives exactly the ids the log-scanning one gives, and a
    /// log of thousands of twins is derived and checked (this took minutes before).
    #[test]
    fn ids_of_many_twin_events_are_derived_as_before_and_quickly() {
        let t = at("2027-03-02T09:15:00Z");
        let mut issue = Issue::log(1, "A", "P", t).unwrap();
        let twin = IssueEvent {
            id: String::new(),
            ..issue.events[0].clone()
        };
        issue.events.extend(std::iter::repeat_n(twin, 199));
        issue.events[0].id.clear();
        let mut naive = issue.clone();
        for index in 0..naive.events.len() {
            let id = fresh_id(&naive.events, &naive.events[index]);
            naive.events[index].id = id;
        }
        issue.ensure_event_ids();
        assert_eq!(issue, naive);
        assert_eq!(issue.first_rewritten_event(), None);
        issue.events[150].why = "changed afterwards".into();
        assert_eq!(
            issue.first_rewritten_event().map(|e| e.why.as_str()),
            Some("changed afterwards")
        );
        let mut many = Issue::log(1, "A", "P", t).unwrap();
        let twin = IssueEvent {
            id: String::new(),
            ..many.events[0].clone()
        };
        many.events.extend(std::iter::repeat_n(twin, 9_999));
        many.ensure_event_ids();
        assert_eq!(many.first_rewritten_event(), None);
        let ids: std::collections::HashSet<_> = many.events.iter().map(|e| &e.id).collect();
        assert_eq!(ids.len(), 10_000);
    }

    #[test]
    fn renumbering_moves_the_number_and_says_so() {
        let t = at("2027-03-02T09:15:00Z");
        let mut issue = Issue::log(13, "A", "P", t).unwrap();
        let identity = issue.identity().to_owned();
        issue.renumber(21, "Q", t + chrono::Duration::minutes(1));
        assert_eq!(issue.number, 21);
        assert_eq!(issue.view().number, 21);
        assert_eq!(issue.identity(), identity);
        assert_eq!(issue.former_numbers().collect::<Vec<_>>(), [13]);
        assert_eq!(
            issue.events[1].change,
            Change::Renumbered { from: 13, to: 21 }
        );
        let before = issue.clone();
        issue.renumber(21, "Q", t + chrono::Duration::minutes(2));
        assert_eq!(
            issue, before,
            "renumbering to the same number writes nothing"
        );
    }
}
