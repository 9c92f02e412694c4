//! Dot voting for contested items: a scope category in or out, or the order in which the
//! governance committee should take out-of-scope requests. Each participant has 5 votes and
//! may put at most 3 on one item. The facilitator records the votes per person or, for dots on
//! a wall, as totals. Totals stay hidden until "Reveal", so the first voices do not steer the
//! rest; the revealed result is stored with the vote.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::decision::Topic;
use super::vote_result::rank;
pub use super::vote_result::{RankedItem, VoteResult};
use super::Workshop;
use crate::domain::charter::{RoutingDestination, ScopeCategory};
use crate::domain::triage::Issue;

pub const VOTES_PER_PERSON: u32 = 5;
pub const MOST_ON_ONE_ITEM: u32 = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteItem {
    pub label: String,
    #[serde(default)]
    pub topic: Option<Topic>,
}

/// One participant's votes, one count per item in the items' order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub name: String,
    pub counts: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tally {
    PerPerson(Vec<Ballot>),
    /// Counted from dots on a wall: only the totals and how many people voted.
    Totals {
        participants: u32,
        counts: Vec<u32>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DotVote {
    /// Stable within its list, for merging and references (see `domain::item_id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub question: String,
    /// The agenda step it was held in.
    pub step: usize,
    #[serde(default)]
    pub topic: Option<Topic>,
    pub items: Vec<VoteItem>,
    pub tally: Tally,
    /// Set by "Reveal"; from then on the votes cannot change.
    #[serde(default)]
    pub result: Option<VoteResult>,
    #[serde(default)]
    pub revealed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteError {
    NoQuestion,
    TooFewItems,
    UnnamedItem,
    DuplicateItem(String),
    NoName,
    WrongItemCount {
        expected: usize,
        found: usize,
    },
    NotANumber {
        item: String,
    },
    TooManyOnOneItem {
        name: String,
        item: String,
        count: u32,
    },
    TooManyVotes {
        name: String,
        used: u32,
    },
    NoVotes {
        name: String,
    },
    NoSuchBallot(String),
    NoParticipants,
    TotalTooHigh {
        item: String,
        total: u32,
        most: u32,
    },
    TotalsTooHigh {
        total: u32,
        most: u32,
    },
    EnteredAsTotals,
    RecordedPerPerson,
    NothingToReveal,
    Revealed,
}

impl std::fmt::Display for VoteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoQuestion => f.write_str("Write the question the room votes on."),
            Self::TooFewItems => f.write_str("A vote needs at least two items to choose between."),
            Self::UnnamedItem => f.write_str("Give every item a label."),
            Self::DuplicateItem(label) => write!(f, "\u{201c}{label}\u{201d} is listed twice."),
            Self::NoName => f.write_str("Enter the participant\u{2019}s name."),
            Self::WrongItemCount { expected, found } => write!(f, "The ballot has {found} counts for {expected} items."),
            Self::NotANumber { item } => write!(f, "Enter the votes on \u{201c}{item}\u{201d} as a whole number, like 2."),
            Self::TooManyOnOneItem { name, item, count } => write!(f, "{name} put {count} votes on \u{201c}{item}\u{201d}: at most {MOST_ON_ONE_ITEM} on one item."),
            Self::TooManyVotes { name, used } => write!(f, "{name} used {used} votes: each person has {VOTES_PER_PERSON}."),
            Self::NoVotes { name } => write!(f, "{name} placed no votes: place at least one, or leave the ballot out."),
            Self::NoSuchBallot(name) => write!(f, "There is no ballot for {name}."),
            Self::NoParticipants => f.write_str("Enter how many people voted."),
            Self::TotalTooHigh { item, total, most } => write!(f, "\u{201c}{item}\u{201d} has {total} votes, but these participants can put at most {most} on one item."),
            Self::TotalsTooHigh { total, most } => write!(f, "The totals add up to {total} votes, but these participants have only {most}."),
            Self::EnteredAsTotals => f.write_str("This vote is entered as totals; clear them to record per person."),
            Self::RecordedPerPerson => f.write_str("This vote is recorded per person; remove the ballots to enter totals."),
            Self::NothingToReveal => f.write_str("Nobody has voted yet."),
            Self::Revealed => f.write_str("The result is revealed and recorded; the votes can no longer change."),
        }
    }
}

/// A count as typed in a ballot's field; empty means none.
pub fn parse_count(item: &str, typed: &str) -> Result<u32, VoteError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(0);
    }
    typed.parse().map_err(|_| VoteError::NotANumber {
        item: item.to_owned(),
    })
}

/// How many people voted, as typed in the totals form.
pub fn parse_participants(typed: &str) -> Result<u32, VoteError> {
    match typed.trim().parse::<u32>() {
        Ok(0) | Err(_) => Err(VoteError::NoParticipants),
        Ok(n) => Ok(n),
    }
}

impl DotVote {
    pub fn new(
        question: &str,
        step: usize,
        topic: Option<Topic>,
        items: Vec<VoteItem>,
    ) -> Result<Self, VoteError> {
        let question = question.trim();
        if question.is_empty() {
            return Err(VoteError::NoQuestion);
        }
        if items.len() < 2 {
            return Err(VoteError::TooFewItems);
        }
        let mut items = items;
        for item in &mut items {
            item.label = item.label.trim().to_owned();
        }
        for (i, item) in items.iter().enumerate() {
            if item.label.is_empty() {
                return Err(VoteError::UnnamedItem);
            }
            if items[..i]
                .iter()
                .any(|other| other.label.eq_ignore_ascii_case(&item.label))
            {
                return Err(VoteError::DuplicateItem(item.label.clone()));
            }
        }
        Ok(Self {
            id: String::new(),
            question: question.to_owned(),
            step,
            topic,
            items,
            tally: Tally::PerPerson(Vec::new()),
            result: None,
            revealed_at: None,
        })
    }

    /// "Keep it in scope, or route it?" for one scope category.
    pub fn scope_in_or_out(category: &ScopeCategory, step: usize) -> Result<Self, VoteError> {
        let name = category.name.trim();
        let route = category.destination.map_or("route it".to_owned(), |d| {
            format!("route it to the {}", d.name().to_lowercase())
        });
        let items = vec![
            VoteItem {
                label: "In scope: stabilisation, hypercare fixes it".to_owned(),
                topic: None,
            },
            VoteItem {
                label: format!("Out of scope: new scope, {route}"),
                topic: None,
            },
        ];
        Self::new(
            &format!("Is \u{201c}{name}\u{201d} in scope for hypercare?"),
            step,
            Some(Topic::scope_category(category)),
            items,
        )
    }

    /// Orders the out-of-scope requests routed to one destination (usually the governance
    /// committee), one item per issue.
    pub fn order_requests(
        issues: &[Issue],
        destination: RoutingDestination,
        step: usize,
    ) -> Result<Self, VoteError> {
        let items = issues
            .iter()
            .map(Issue::view)
            .filter(|v| v.in_scope == Some(false) && v.destination == Some(destination))
            .map(|v| VoteItem {
                label: format!("#{} {}", v.number, v.title.trim()),
                topic: Some(Topic::Issue {
                    number: v.number,
                    title: v.title.trim().to_owned(),
                }),
            })
            .collect();
        Self::new(
            &format!(
                "In which order should the {} take these requests?",
                destination.name().to_lowercase()
            ),
            step,
            None,
            items,
        )
    }

    pub fn is_revealed(&self) -> bool {
        self.result.is_some()
    }

    /// How many people have voted: shown while the totals are hidden.
    pub fn participants(&self) -> u32 {
        match &self.tally {
            Tally::PerPerson(ballots) => ballots.len() as u32,
            Tally::Totals { participants, .. } => *participants,
        }
    }

    /// The result, once revealed; `None` while the totals are hidden.
    pub fn result(&self) -> Option<&VoteResult> {
        self.result.as_ref()
    }

    /// Records or corrects one person's votes (a name already recorded is replaced).
    pub fn record_ballot(&mut self, name: &str, counts: &[u32]) -> Result<(), VoteError> {
        self.check_open()?;
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(VoteError::NoName);
        }
        if counts.len() != self.items.len() {
            return Err(VoteError::WrongItemCount {
                expected: self.items.len(),
                found: counts.len(),
            });
        }
        for (count, item) in counts.iter().zip(&self.items) {
            if *count > MOST_ON_ONE_ITEM {
                return Err(VoteError::TooManyOnOneItem {
                    name,
                    item: item.label.clone(),
                    count: *count,
                });
            }
        }
        let used: u32 = counts.iter().sum();
        if used > VOTES_PER_PERSON {
            return Err(VoteError::TooManyVotes { name, used });
        }
        if used == 0 {
            return Err(VoteError::NoVotes { name });
        }
        let Tally::PerPerson(ballots) = &mut self.tally else {
            return Err(VoteError::EnteredAsTotals);
        };
        let ballot = Ballot {
            name,
            counts: counts.to_vec(),
        };
        match ballots
            .iter_mut()
            .find(|b| b.name.to_lowercase() == ballot.name.to_lowercase())
        {
            Some(existing) => *existing = ballot,
            None => ballots.push(ballot),
        }
        Ok(())
    }

    pub fn remove_ballot(&mut self, name: &str) -> Result<(), VoteError> {
        self.check_open()?;
        let Tally::PerPerson(ballots) = &mut self.tally else {
            return Err(VoteError::EnteredAsTotals);
        };
        let before = ballots.len();
        ballots.retain(|b| !b.name.eq_ignore_ascii_case(name.trim()));
        if ballots.len() == before {
            return Err(VoteError::NoSuchBallot(name.trim().to_owned()));
        }
        Ok(())
    }

    /// Enters the totals counted from the wall, checked against what that many people can cast.
    pub fn set_totals(&mut self, participants: u32, counts: &[u32]) -> Result<(), VoteError> {
        self.check_open()?;
        if matches!(&self.tally, Tally::PerPerson(b) if !b.is_empty()) {
            return Err(VoteError::RecordedPerPerson);
        }
        if participants == 0 {
            return Err(VoteError::NoParticipants);
        }
        if counts.len() != self.items.len() {
            return Err(VoteError::WrongItemCount {
                expected: self.items.len(),
                found: counts.len(),
            });
        }
        let most = participants.saturating_mul(MOST_ON_ONE_ITEM);
        for (total, item) in counts.iter().zip(&self.items) {
            if *total > most {
                return Err(VoteError::TotalTooHigh {
                    item: item.label.clone(),
                    total: *total,
                    most,
                });
            }
        }
        let total: u32 = counts.iter().sum();
        let most = participants.saturating_mul(VOTES_PER_PERSON);
        if total > most {
            return Err(VoteError::TotalsTooHigh { total, most });
        }
        self.tally = Tally::Totals {
            participants,
            counts: counts.to_vec(),
        };
        Ok(())
    }

    /// Clears the votes, to start again or to switch between per person and totals.
    pub fn clear(&mut self) -> Result<(), VoteError> {
        self.check_open()?;
        self.tally = Tally::PerPerson(Vec::new());
        Ok(())
    }

    /// Shows the totals and records the result with the vote.
    pub fn reveal(&mut self, now: DateTime<Utc>) -> Result<&VoteResult, VoteError> {
        self.check_open()?;
        let totals = self.totals();
        let votes_cast: u32 = totals.iter().sum();
        if votes_cast == 0 {
            return Err(VoteError::NothingToReveal);
        }
        let labels: Vec<&str> = self.items.iter().map(|i| i.label.as_str()).collect();
        let ranked = rank(&labels, &totals);
        self.revealed_at = Some(now);
        Ok(self.result.insert(VoteResult {
            ranked,
            participants: self.participants(),
            votes_cast,
        }))
    }

    /// Per item, kept private: nothing outside may show totals before the reveal.
    fn totals(&self) -> Vec<u32> {
        match &self.tally {
            Tally::PerPerson(ballots) => (0..self.items.len())
                .map(|i| ballots.iter().filter_map(|b| b.counts.get(i)).sum())
                .collect(),
            Tally::Totals { counts, .. } => counts.clone(),
        }
    }

    fn check_open(&self) -> Result<(), VoteError> {
        if self.is_revealed() {
            Err(VoteError::Revealed)
        } else {
            Ok(())
        }
    }
}

impl Workshop {
    /// Adds a vote to the workshop; returns its index for decisions to cite.
    pub fn add_vote(&mut self, vote: DotVote) -> usize {
        self.votes.push(vote);
        self.votes.len() - 1
    }
}
