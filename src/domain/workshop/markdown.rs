//! The workshop record as Markdown, exportable at any moment (not only at the end): the
//! agenda with time per step against the plan so far, then per step its notes and decisions,
//! then the votes. Totals of a vote not yet revealed stay hidden here too.
use std::fmt::{self, Write};

use chrono::{DateTime, Utc};

use super::countdown::clock;
use super::timer::StepTime;
use super::vote::{DotVote, Tally};
use super::{TimerState, Workshop};
use crate::domain::triage::ZoneRules;

/// Where the export's times are shown: the charter's time zone, through the zone rules.
pub struct LocalTime<'a> {
    pub zone: &'a dyn ZoneRules,
    pub time_zone: &'a str,
}

impl LocalTime<'_> {
    fn date(&self, at: DateTime<Utc>) -> String {
        self.zone
            .to_local(self.time_zone, at)
            .format("%a %-d %b %Y")
            .to_string()
    }

    fn time(&self, at: DateTime<Utc>) -> String {
        self.zone
            .to_local(self.time_zone, at)
            .format("%H:%M")
            .to_string()
    }
}

/// Escapes the characters that would change a table row or start Markdown formatting.
fn cell(text: &str) -> String {
    text.trim().replace('|', "\\|").replace('\n', " ")
}

/// "+2:10" over, "-0:30" under, in minutes and seconds.
fn signed(seconds: i64) -> String {
    let sign = if seconds > 0 {
        "+"
    } else if seconds < 0 {
        "\u{2212}"
    } else {
        ""
    };
    format!("{sign}{}", clock(seconds.abs()))
}

/// The whole record as a Markdown document.
pub fn render(
    workshop: &Workshop,
    engagement: &str,
    local: &LocalTime,
    now: DateTime<Utc>,
) -> String {
    let mut md = String::new();
    // Writing into a String cannot fail; `write` reports an error only for other writers.
    match write(&mut md, workshop, engagement, local, now) {
        Ok(()) => md,
        Err(fmt::Error) => String::new(),
    }
}

pub fn write(
    out: &mut impl Write,
    workshop: &Workshop,
    engagement: &str,
    local: &LocalTime,
    now: DateTime<Utc>,
) -> fmt::Result {
    writeln!(
        out,
        "# {} {}: {}\n",
        workshop.title(),
        workshop.number,
        engagement.trim()
    )?;
    if !workshop.facilitator.is_empty() {
        writeln!(out, "**Facilitator:** {}  ", workshop.facilitator)?;
    }
    write_status(out, workshop, local, now)?;
    writeln!(
        out,
        "**Exported:** {} {}\n",
        local.date(now),
        local.time(now)
    )?;

    let times = workshop.step_times(now);
    writeln!(out, "## Agenda\n")?;
    writeln!(out, "| # | Step | Planned | Added | Spent | Against plan |")?;
    writeln!(out, "| --- | --- | --- | --- | --- | --- |")?;
    for t in &times {
        writeln!(
            out,
            "| {} | {} | {} min | {} | {} | {} |",
            t.index + 1,
            cell(t.kind.title()),
            t.planned_minutes,
            if t.added_minutes == 0 {
                String::new()
            } else {
                format!("+{} min", t.added_minutes)
            },
            if t.visited {
                clock(t.spent_ms / 1000)
            } else {
                "not reached".to_owned()
            },
            against_plan(workshop, t),
        )?;
    }
    writeln!(
        out,
        "\n**Planned:** {} min. **Spent so far:** {}. **Against plan:** {}.\n",
        workshop.planned_minutes(),
        clock(workshop.total_spent_ms(now) / 1000),
        workshop.plan_delta(now).words()
    )?;

    for (index, step) in workshop.steps.iter().enumerate() {
        let decisions: Vec<_> = workshop.decisions_in_step(index).collect();
        if step.notes.trim().is_empty() && decisions.is_empty() {
            continue;
        }
        writeln!(out, "## {}. {}\n", index + 1, step.title())?;
        if !step.notes.trim().is_empty() {
            // Quoted, so a note that starts with "#" or "-" cannot change the document's shape.
            for line in step.notes.trim().lines() {
                writeln!(out, "> {}", line.trim_end())?;
            }
            writeln!(out)?;
        }
        for d in decisions {
            // A decision typed with its own full stop ends once.
            let decided = match &d.topic {
                Some(topic) => format!("{} ({})", d.text.trim(), topic.describe()),
                None => d.text.trim().to_owned(),
            };
            writeln!(
                out,
                "- **Decided:** {} Recorded by {} at {}.",
                crate::domain::words::sentence(&decided),
                d.recorded_by,
                local.time(d.recorded_at)
            )?;
        }
        writeln!(out)?;
    }

    if !workshop.votes.is_empty() {
        writeln!(out, "## Votes\n")?;
        for vote in &workshop.votes {
            write_vote(out, workshop, vote, local)?;
        }
    }
    Ok(())
}

fn write_status(
    out: &mut impl Write,
    w: &Workshop,
    local: &LocalTime,
    now: DateTime<Utc>,
) -> fmt::Result {
    match (w.state(), w.started_at, w.finished_at) {
        (TimerState::NotStarted, ..) => writeln!(out, "**Status:** Not started  "),
        (TimerState::Finished, Some(start), Some(end)) => writeln!(
            out,
            "**Held:** {}, {} to {}; {}  ",
            local.date(start),
            local.time(start),
            local.time(end),
            w.plan_delta(now).words().to_lowercase()
        ),
        (state, start, _) => {
            let step = w.current_step().map_or("", |s| s.title());
            let started = start.map_or(String::new(), |s| {
                format!(", started {} {}", local.date(s), local.time(s))
            });
            writeln!(
                out,
                "**Status:** {}{started}, step {} of {} ({step})  ",
                state.name(),
                w.current.saturating_add(1),
                w.steps.len()
            )
        }
    }
}

fn against_plan(workshop: &Workshop, t: &StepTime) -> String {
    let settled = workshop.finished_at.is_some() || t.index < workshop.current;
    if t.index == workshop.current && !settled && t.visited {
        "under way".to_owned()
    } else if settled || t.visited {
        signed(t.delta().seconds)
    } else {
        String::new()
    }
}

fn write_vote(
    out: &mut impl Write,
    workshop: &Workshop,
    vote: &DotVote,
    local: &LocalTime,
) -> fmt::Result {
    let step = workshop.steps.get(vote.step).map_or("", |s| s.title());
    writeln!(out, "### {}\n", vote.question)?;
    if let Some(topic) = &vote.topic {
        writeln!(
            out,
            "About: {}  ",
            crate::domain::words::sentence(&topic.describe())
        )?;
    }
    let how = match vote.tally {
        Tally::PerPerson(_) => "recorded per person",
        Tally::Totals { .. } => "counted as totals",
    };
    let people = match vote.participants() {
        1 => "1 person".to_owned(),
        n => format!("{n} people"),
    };
    writeln!(out, "Step: {step}. {people} voted, {how}.\n")?;
    match (vote.result(), vote.revealed_at) {
        (Some(result), revealed) => {
            if let Some(at) = revealed {
                writeln!(
                    out,
                    "Revealed at {}. {}\n",
                    local.time(at),
                    result.summary()
                )?;
            }
            writeln!(out, "| Rank | Item | Votes |\n| --- | --- | --- |")?;
            for r in &result.ranked {
                let tie = if r.tied { " (tie)" } else { "" };
                writeln!(
                    out,
                    "| {}{tie} | {} | {} |",
                    r.rank,
                    cell(&r.label),
                    r.total
                )?;
            }
            writeln!(out)
        }
        (None, _) => {
            for item in &vote.items {
                writeln!(out, "- {}", item.label)?;
            }
            writeln!(out, "\nTotals hidden until revealed.\n")
        }
    }
}
