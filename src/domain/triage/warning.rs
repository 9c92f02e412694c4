//! Warnings before a breach (issue 25): the instants at which an in-scope issue's clocks cross
//! their warning point (the severity's "at risk" share of the target, 75 % unless the charter
//! says otherwise) and the target itself. Computed by the clock engine, so daylight saving,
//! holidays, working hours and pauses are all accounted for; a paused, stopped or met clock
//! never warns. Which crossings were already told is a ledger the caller keeps, so each is told
//! once per threshold and issue, however often this runs.
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use super::clock::{clocks, reaches, IssueClock};
use super::update_clock::{update_clock, update_reaches};
use super::{Change, Issue, ZoneRules};
use crate::domain::charter::{Charter, SeverityLevel};

/// A crossing told this soon after it happened is told as it happens; an older one (Handrail
/// was closed) goes into the "while you were away" summary instead.
pub const FRESH: Duration = Duration::minutes(2);
/// The most crossings the ledger remembers (oldest forgotten first).
pub const MAX_REMEMBERED: usize = 5_000;

/// One threshold of one clock of one issue, crossed or to be crossed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crossing {
    /// The same on every device and after renumbering: issue identity, clock, threshold.
    pub key: String,
    pub number: u32,
    pub title: String,
    pub severity: String,
    /// "response", "resolution" or "business update".
    pub clock: &'static str,
    /// At the target itself (a breach), rather than at the warning point.
    pub breach: bool,
    pub percent: i64,
    /// When the clock crossed (or will cross) the threshold.
    pub at: DateTime<Utc>,
    /// When the target runs out.
    pub due: Option<DateTime<Utc>>,
}

/// The crossings of clocks running at `now` that have happened, and the next one to come.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Watch {
    pub crossed: Vec<Crossing>,
    pub next: Option<DateTime<Utc>>,
}

pub fn watch(
    issues: &[Issue],
    charter: &Charter,
    rules: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> Watch {
    let mut watch = Watch::default();
    for issue in issues {
        let Some((response, resolution)) = clocks(issue, charter, rules, now) else {
            continue;
        };
        let view = issue.view();
        let Some(severity) = charter
            .severities
            .iter()
            .find(|s| Some(&s.id) == view.severity_id.as_ref())
        else {
            continue;
        };
        for (clock, is_response, name) in [
            (response, true, "response"),
            (resolution, false, "resolution"),
        ] {
            let reach = |minutes| reaches(issue, charter, rules, now, is_response, minutes);
            // The severity and target are part of the key: a re-rated issue has other
            // thresholds, told afresh.
            let key = format!("{}:{name}", issue.identity());
            let told = Threshold {
                clock,
                name,
                key,
                severity,
            };
            told.crossings(issue, &view.title, now, reach, &mut watch);
        }
        if let Some(update) = update_clock(issue, charter, rules, now) {
            let reach = |minutes| update_reaches(issue, charter, rules, now, minutes);
            // Each update to the business starts a new period, warned afresh.
            let key = format!("{}:update:{}", issue.identity(), update.period);
            let told = Threshold {
                clock: update.clock,
                name: "business update",
                key,
                severity,
            };
            told.crossings(issue, &view.title, now, reach, &mut watch);
        }
    }
    watch.crossed.sort_by_key(|c| (c.at, c.number));
    watch
}

/// One clock of one issue, and what its crossings are called.
struct Threshold<'c> {
    clock: IssueClock,
    /// "response", "resolution" or "business update".
    name: &'static str,
    /// The issue and clock part of each crossing's key.
    key: String,
    severity: &'c SeverityLevel,
}

impl Threshold<'_> {
    /// The warning point and the breach of a running clock: crossed ones into `watch`, and
    /// the next to come as its `next`. `reach(minutes)`: when the clock counts that many.
    fn crossings(
        &self,
        issue: &Issue,
        title: &str,
        now: DateTime<Utc>,
        reach: impl Fn(i64) -> Option<DateTime<Utc>>,
        watch: &mut Watch,
    ) {
        let clock = &self.clock;
        // Only a running clock warns; a clock without a target has nothing to breach.
        if !clock.running || clock.target_minutes <= 0 {
            return;
        }
        for percent in [self.severity.warn_at(), 100] {
            // The first whole minute at which the clock counts as past the threshold: at risk
            // from the warning point on, breached once past the target itself, as the clock's
            // own state says.
            let minutes = if percent == 100 {
                clock.target_minutes + 1
            } else {
                (clock.target_minutes * percent + 99) / 100
            };
            let Some(at) = reach(minutes) else {
                continue;
            };
            let crossing = Crossing {
                key: format!(
                    "{}:{percent}:{}:{}",
                    self.key, self.severity.id, clock.target_minutes
                ),
                number: issue.number,
                title: title.to_owned(),
                severity: self.severity.name.clone(),
                clock: self.name,
                breach: percent == 100,
                percent,
                at,
                due: clock.due,
            };
            if at <= now {
                watch.crossed.push(crossing);
            } else {
                watch.next = Some(watch.next.map_or(at, |n| n.min(at)));
            }
        }
    }
}

/// What to do with the crossings not told yet: tell now the fresh ones, sum up the older ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct News {
    pub now: Vec<Crossing>,
    pub while_away: Vec<Crossing>,
}

impl News {
    /// "While you were away: 2 breached, 1 at risk"; `None` when nothing happened meanwhile.
    pub fn away_summary(&self) -> Option<String> {
        let breached = self.while_away.iter().filter(|c| c.breach).count();
        let at_risk = self.while_away.len() - breached;
        let parts: Vec<String> = [(breached, "breached"), (at_risk, "at risk")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect();
        (!parts.is_empty()).then(|| format!("While you were away: {}.", parts.join(", ")))
    }
}

/// Sorts the crossed thresholds not in `told` into news, and notes them in `told` (key to the
/// instant they were told), forgetting the oldest past [`MAX_REMEMBERED`] (never one still
/// crossed, which would be told again). `looking`: Handrail looked a moment ago (its last
/// look was within [`FRESH`]), so whatever is new is news now, also a threshold a re-rated
/// issue crossed in the past; otherwise only the last [`FRESH`] is, and the rest is summed up.
pub fn news(
    crossed: &[Crossing],
    told: &mut BTreeMap<String, DateTime<Utc>>,
    now: DateTime<Utc>,
    looking: bool,
) -> News {
    let mut news = News::default();
    for crossing in crossed {
        if told.contains_key(&crossing.key) {
            continue;
        }
        told.insert(crossing.key.clone(), now);
        if looking || now - crossing.at <= FRESH {
            news.now.push(crossing.clone());
        } else {
            news.while_away.push(crossing.clone());
        }
    }
    if told.len() > MAX_REMEMBERED {
        let current: std::collections::HashSet<&str> =
            crossed.iter().map(|c| c.key.as_str()).collect();
        let mut by_age: Vec<(DateTime<Utc>, String)> = told
            .iter()
            .filter(|(k, _)| !current.contains(k.as_str()))
            .map(|(k, at)| (*at, k.clone()))
            .collect();
        by_age.sort();
        let excess = told.len() - MAX_REMEMBERED;
        for (_, key) in by_age.into_iter().take(excess) {
            told.remove(&key);
        }
    }
    news
}

/// Team sync: the first warning of each crossing that reached `person`, by the crossing's key:
/// the earliest `Warned` event they signed (of two at one instant, the smaller id). Every
/// device that holds the same events gets the same answer, so a device tells a crossing only
/// when the first warning is the one it wrote, and a person on two devices is told once.
pub fn first_warnings<'a>(issues: &'a [Issue], person: &str) -> BTreeMap<&'a str, &'a str> {
    let mut first: BTreeMap<&str, (DateTime<Utc>, &str)> = BTreeMap::new();
    let signed = issues
        .iter()
        .flat_map(|issue| &issue.events)
        .filter(|e| e.by == person);
    for event in signed {
        let Change::Warned { key, .. } = &event.change else {
            continue;
        };
        let candidate = (event.at, event.id.as_str());
        first
            .entry(key.as_str())
            .and_modify(|earliest| *earliest = (*earliest).min(candidate))
            .or_insert(candidate);
    }
    first.into_iter().map(|(key, (_, id))| (key, id)).collect()
}

/// Whom to call, by the charter's escalation path: its first level for a clock at risk, the
/// next for a breach (the first if there is only one).
pub fn whom_to_call(charter: &Charter, breach: bool) -> Option<String> {
    let levels = &charter.escalation;
    let level = if breach {
        levels.get(1).or(levels.first())
    } else {
        levels.first()
    }?;
    let mut who = level.name.trim().to_owned();
    if !level.role.trim().is_empty() {
        who.push_str(&format!(" ({})", level.role.trim()));
    }
    if !level.how_to_reach.trim().is_empty() {
        who.push_str(&format!(", {}", level.how_to_reach.trim()));
    }
    (!who.is_empty()).then_some(who)
}

#[cfg(test)]
#[path = "warning_tests.rs"]
mod tests;
