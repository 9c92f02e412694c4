//! The triage queue: one row per issue with its derived state, filters with counts, text
//! search and ordering by the next due time. Plain functions over plain data, so a thousand
//! issues filter within a frame and the rules are tested natively.
use chrono::{DateTime, Utc};

use super::clock::{clocks, ClockState, IssueClock};
use super::issue::{Issue, IssueView, Status};
use super::zone::ZoneRules;
use crate::domain::charter::{Charter, RoutingDestination};
use crate::domain::keyed::keyed;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub view: IssueView,
    pub response: Option<IssueClock>,
    pub resolution: Option<IssueClock>,
    /// The earliest due time of the clocks that have not stopped (breached ones included).
    pub next_due: Option<DateTime<Utc>>,
    /// Lower-case text searched by the search box.
    haystack: String,
}

impl Row {
    /// The clock that matters most now: the response clock until it stops, then resolution.
    pub fn headline_clock(&self) -> Option<IssueClock> {
        match (self.response, self.resolution) {
            (Some(r), _) if r.running || r.state == ClockState::Paused => Some(r),
            (_, Some(r)) => Some(r),
            (r, None) => r,
        }
    }

    /// Soonest due first; then the rows without a running clock, triaged ones before those
    /// still waiting for triage; then by number.
    fn queue_order(&self) -> (bool, Option<DateTime<Utc>>, bool, u32) {
        (
            self.next_due.is_none(),
            self.next_due,
            self.view.in_scope.is_some(),
            self.view.number,
        )
    }

    fn clock_states(&self) -> impl Iterator<Item = ClockState> + '_ {
        self.response
            .iter()
            .chain(self.resolution.iter())
            .map(|c| c.state)
    }
}

/// The queue's rows, soonest due first (the order `Filter::apply` keeps), so that a filter
/// or search keystroke only has to pick rows, not sort them again.
pub fn rows(
    issues: &[Issue],
    charter: Option<&Charter>,
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> Vec<Row> {
    let mut rows: Vec<Row> = issues
        .iter()
        .map(|issue| {
            let view = issue.view();
            let pair = charter.and_then(|c| clocks(issue, c, rules, now));
            let (response, resolution) = match pair {
                Some((a, b)) => (Some(a), Some(b)),
                None => (None, None),
            };
            // A breached clock's due time is when it ran out, so the earliest due time puts
            // the most overdue first, then the running clocks by when they run out.
            let next_due = [response, resolution]
                .iter()
                .flatten()
                .filter(|c| !c.stopped)
                .filter_map(|c| c.due)
                .min();
            // An imported issue is found by its service-desk ticket key too.
            let ticket = view.ticket.as_ref().map_or("", |t| t.key.as_str());
            let haystack = format!(
                "#{} {} {} {} {} {ticket}",
                view.number, view.title, view.description, view.reporter, view.area
            )
            .to_lowercase();
            Row {
                view,
                response,
                resolution,
                next_due,
                haystack,
            }
        })
        .collect();
    rows.sort_by_key(Row::queue_order);
    rows
}

/// What the queue shows. `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub scope: Option<Scope>,
    pub category: Option<String>,
    pub severity: Option<String>,
    pub status: Option<Status>,
    pub destination: Option<RoutingDestination>,
    pub clock: Option<ClockState>,
    pub text: String,
    /// Only these issues (by number): what a report's figure counted, so its link opens the
    /// queue on exactly those issues however the data changed since.
    pub numbers: Option<Vec<u32>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Untriaged,
    InScope,
    OutOfScope,
}

keyed!(Scope {
    Untriaged => "untriaged", "Not triaged yet";
    InScope => "in", "In scope";
    OutOfScope => "out", "Out of scope";
});

impl Scope {
    fn of(view: &IssueView) -> Self {
        match view.in_scope {
            None => Self::Untriaged,
            Some(true) => Self::InScope,
            Some(false) => Self::OutOfScope,
        }
    }
}

/// The facets a filter can be about; counts are given per facet value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Scope,
    Category,
    Severity,
    Status,
    Destination,
    Clock,
}

impl Filter {
    fn matches_except(&self, row: &Row, except: Option<Facet>, words: &[String]) -> bool {
        let view = &row.view;
        let on = |facet| except != Some(facet);
        (!on(Facet::Scope) || self.scope.is_none_or(|s| Scope::of(view) == s))
            && (!on(Facet::Category)
                || self
                    .category
                    .as_ref()
                    .is_none_or(|c| view.category_id.as_ref() == Some(c)))
            && (!on(Facet::Severity)
                || self
                    .severity
                    .as_ref()
                    .is_none_or(|s| view.severity_id.as_ref() == Some(s)))
            && (!on(Facet::Status) || self.status.is_none_or(|s| view.status() == s))
            && (!on(Facet::Destination)
                || self.destination.is_none_or(|d| view.destination == Some(d)))
            && (!on(Facet::Clock)
                || self
                    .clock
                    .is_none_or(|c| row.clock_states().any(|s| s == c)))
            && words.iter().all(|w| row.haystack.contains(w.as_str()))
            && self
                .numbers
                .as_ref()
                .is_none_or(|n| n.contains(&view.number))
    }

    fn words(&self) -> Vec<String> {
        self.text
            .to_lowercase()
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }

    /// The rows that pass, in the order `rows` gives them: soonest due first (then untriaged,
    /// then by number).
    pub fn apply<'a>(&self, rows: &'a [Row]) -> Vec<&'a Row> {
        let words = self.words();
        rows.iter()
            .filter(|r| self.matches_except(r, None, &words))
            .collect()
    }
}

impl Filter {
    /// Sets a facet from a select's value; an empty or unknown value means "any".
    pub fn set(&mut self, facet: Facet, key: &str) {
        let key = key.trim();
        let text = (!key.is_empty()).then(|| key.to_owned());
        match facet {
            Facet::Scope => self.scope = Scope::from_key(key),
            Facet::Category => self.category = text,
            Facet::Severity => self.severity = text,
            Facet::Status => self.status = Status::from_key(key),
            Facet::Destination => self.destination = RoutingDestination::from_key(key),
            Facet::Clock => self.clock = ClockState::from_key(key),
        }
    }

    /// How many facets are narrowed (not "any"): the count a folded "Filter (n)" shows.
    pub fn active_facets(&self) -> usize {
        [
            self.scope.is_some(),
            self.category.is_some(),
            self.severity.is_some(),
            self.status.is_some(),
            self.destination.is_some(),
            self.clock.is_some(),
        ]
        .into_iter()
        .filter(|on| *on)
        .count()
    }

    /// A facet's current value as a select shows it.
    pub fn get(&self, facet: Facet) -> String {
        match facet {
            Facet::Scope => self.scope.map(|s| s.key().to_owned()),
            Facet::Category => self.category.clone(),
            Facet::Severity => self.severity.clone(),
            Facet::Status => self.status.map(|s| s.key().to_owned()),
            Facet::Destination => self.destination.map(|d| d.key().to_owned()),
            Facet::Clock => self.clock.map(|c| c.key().to_owned()),
        }
        .unwrap_or_default()
    }
}

/// Counts for every filter option in one pass over the rows: for each facet, how many rows
/// each value would show with all the *other* filters applied (so picking it is predictable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Rows shown per facet when that facet is "any".
    pub any: [usize; 6],
    /// Rows shown per value of each facet (indexed like `any`), keyed by the value's key.
    values: [std::collections::HashMap<String, usize>; 6],
}

impl FacetCounts {
    pub fn any(&self, facet: Facet) -> usize {
        self.any[facet_index(facet)]
    }

    pub fn value(&self, facet: Facet, key: &str) -> usize {
        self.values[facet_index(facet)]
            .get(key)
            .copied()
            .unwrap_or(0)
    }

    /// Counts one row under a facet value, allocating the key only the first time it is seen
    /// (this runs for every row on every keystroke).
    fn add(&mut self, index: usize, key: &str) {
        match self.values[index].get_mut(key) {
            Some(count) => *count += 1,
            None => {
                self.values[index].insert(key.to_owned(), 1);
            }
        }
    }
}

const FACETS: [Facet; 6] = [
    Facet::Scope,
    Facet::Category,
    Facet::Severity,
    Facet::Status,
    Facet::Destination,
    Facet::Clock,
];

fn facet_index(facet: Facet) -> usize {
    FACETS.iter().position(|f| *f == facet).unwrap_or_default()
}

impl Filter {
    pub fn counts(&self, rows: &[Row]) -> FacetCounts {
        let words = self.words();
        let mut counts = FacetCounts::default();
        for row in rows {
            if !words.iter().all(|w| row.haystack.contains(w.as_str())) {
                continue;
            }
            let passes = FACETS.map(|f| self.passes(row, f));
            let failing = passes.iter().filter(|p| !**p).count();
            for (i, facet) in FACETS.iter().enumerate() {
                // The other facets all pass: none fails, or the one that fails is this one.
                if failing > 1 || (failing == 1 && passes[i]) {
                    continue;
                }
                counts.any[i] += 1;
                facet_keys(row, *facet, |key| counts.add(i, key));
            }
        }
        counts
    }

    fn passes(&self, row: &Row, facet: Facet) -> bool {
        let view = &row.view;
        match facet {
            Facet::Scope => self.scope.is_none_or(|s| Scope::of(view) == s),
            Facet::Category => self
                .category
                .as_ref()
                .is_none_or(|c| view.category_id.as_ref() == Some(c)),
            Facet::Severity => self
                .severity
                .as_ref()
                .is_none_or(|s| view.severity_id.as_ref() == Some(s)),
            Facet::Status => self.status.is_none_or(|s| view.status() == s),
            Facet::Destination => self.destination.is_none_or(|d| view.destination == Some(d)),
            Facet::Clock => self
                .clock
                .is_none_or(|c| row.clock_states().any(|s| s == c)),
        }
    }
}

/// Calls `each` with the key of every value the row has under a facet (a row has two clock
/// states when its clocks differ).
fn facet_keys(row: &Row, facet: Facet, mut each: impl FnMut(&str)) {
    let view = &row.view;
    match facet {
        Facet::Scope => each(Scope::of(view).key()),
        Facet::Category => view.category_id.iter().for_each(|k| each(k)),
        Facet::Severity => view.severity_id.iter().for_each(|k| each(k)),
        Facet::Status => each(view.status().key()),
        Facet::Destination => view.destination.iter().for_each(|d| each(d.key())),
        Facet::Clock => {
            let mut last = None;
            for state in row.clock_states() {
                if last != Some(state) {
                    each(state.key());
                }
                last = Some(state);
            }
        }
    }
}
