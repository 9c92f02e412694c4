//! What the console and the audience window say to each other over a `BroadcastChannel`.
//! The console is the only writer: every message it sends is the full state the audience
//! needs (self-contained, so a reopened window needs nothing else), stamped with the console's
//! id and a sequence number so the audience ignores a stale message that arrives late. The
//! audience sends requests back: "send me the state" when it opens, and the keys pressed in it.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::countdown::{Countdown, PlanDelta};
use super::timer::{TimerError, TimerState};
use super::vote::VoteResult;
use super::{StepKind, Workshop};
use crate::domain::charter::Charter;

/// Bumped when a message changes meaning; an audience window on an older build asks to reload.
/// Version 2 added tables and facts to a step's content.
pub const PROTOCOL_VERSION: u32 = 2;

/// One channel per engagement, so two engagements presenting in two windows never mix.
pub fn channel_name(engagement_id: &str) -> String {
    format!("handrail-workshop-{engagement_id}")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Screen {
    /// "B": nothing on the projector, so the room looks at each other.
    Blank,
    #[default]
    Step,
}

/// The step's content for the projector, built by the console from the engagement's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    Heading(String),
    Text(String),
    List(Vec<String>),
    /// Rows under column headings: issues, criteria, weeks.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Labelled values: the issue being triaged, today's support level.
    Facts(Vec<(String, String)>),
}

/// The countdown as it stood when the message was sent; the audience moves it on by itself
/// between messages, with the same arithmetic as the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerSnapshot {
    pub state: TimerState,
    pub taken_at: DateTime<Utc>,
    /// Spent on the current step at `taken_at`.
    pub spent_ms: i64,
    pub planned_ms: i64,
    pub timebox_ms: i64,
    /// The other steps' time against their plan, which cannot change while this one runs.
    pub settled_delta_ms: i64,
}

impl TimerSnapshot {
    fn spent_at(&self, now: DateTime<Utc>) -> i64 {
        let running = if self.state == TimerState::Running {
            (now - self.taken_at).num_milliseconds().max(0)
        } else {
            0
        };
        self.spent_ms + running
    }

    pub fn countdown(&self, now: DateTime<Utc>) -> Option<Countdown> {
        matches!(self.state, TimerState::Running | TimerState::Paused).then(|| Countdown {
            remaining_ms: self.timebox_ms - self.spent_at(now),
            timebox_ms: self.timebox_ms,
        })
    }

    pub fn plan_delta(&self, now: DateTime<Utc>) -> PlanDelta {
        let current = match self.state {
            TimerState::NotStarted => return PlanDelta { seconds: 0 },
            TimerState::Finished => 0,
            TimerState::Running | TimerState::Paused => {
                (self.spent_at(now) - self.planned_ms).max(0)
            }
        };
        PlanDelta {
            seconds: (self.settled_delta_ms + current) / 1000,
        }
    }
}

/// A dot vote as the room may see it: the totals only once revealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteView {
    pub question: String,
    pub items: Vec<String>,
    pub participants: u32,
    #[serde(default)]
    pub result: Option<VoteResult>,
}

/// Everything the audience window shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Presentation {
    pub engagement_name: String,
    pub workshop: u32,
    pub agenda: String,
    /// Every step's title, for "Step 3 of 8" and the agenda strip.
    pub steps: Vec<String>,
    pub current: usize,
    pub step: StepKind,
    pub question: String,
    pub screen: Screen,
    pub timer: TimerSnapshot,
    #[serde(default)]
    pub content: Vec<Block>,
    /// The decision being typed in the console, shown as it is typed.
    #[serde(default)]
    pub typed_decision: String,
    /// Decisions recorded in this step.
    #[serde(default)]
    pub decisions: Vec<String>,
    #[serde(default)]
    pub vote: Option<VoteView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AudienceRequest {
    /// Sent when the audience window opens or reopens.
    State,
    Next,
    Previous,
    ToggleBlank,
    /// Esc: the audience window is closing.
    Left,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelMessage {
    Show {
        /// Random per console window, so a reloaded console (whose count starts again) is not
        /// taken for a stale one.
        sender: u64,
        sequence: u64,
        presentation: Box<Presentation>,
    },
    Ask(AudienceRequest),
    /// A console's heartbeat, for [`super::leadership`]: its id and when it opened.
    Here {
        sender: u64,
        since: i64,
    },
    /// A console closing.
    Gone {
        sender: u64,
    },
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    version: u32,
    message: ChannelMessage,
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not one of our messages: ignore it.
    NotOurs,
    /// From a newer build: the audience window should say "reload this window".
    Newer(u32),
}

pub fn encode(message: &ChannelMessage) -> String {
    let envelope = Envelope {
        version: PROTOCOL_VERSION,
        message: message.clone(),
    };
    // Plain structs of strings and numbers: serialising cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

pub fn decode(text: &str) -> Result<ChannelMessage, DecodeError> {
    // Read as a `Value` first, like every stored record, so the wasm has one reader per type.
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| DecodeError::NotOurs)?;
    let version = crate::domain::json::from_json::<VersionOnly>(&value)
        .map_err(|_| DecodeError::NotOurs)?
        .version;
    if version > PROTOCOL_VERSION {
        return Err(DecodeError::Newer(version));
    }
    serde_json::from_value::<Envelope>(value)
        .map(|e| e.message)
        .map_err(|_| DecodeError::NotOurs)
}

/// What the console alone knows and does not store: blank or not, the decision being typed,
/// which vote is on screen, and the stamp for its messages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Console {
    pub sender: u64,
    sequence: u64,
    pub screen: Screen,
    pub typed_decision: String,
    pub shown_vote: Option<usize>,
}

impl Console {
    pub fn new(sender: u64) -> Self {
        Self {
            sender,
            ..Self::default()
        }
    }

    /// The full state as a message, with the next sequence number.
    pub fn message(
        &mut self,
        workshop: &Workshop,
        engagement_name: &str,
        content: Vec<Block>,
        now: DateTime<Utc>,
    ) -> ChannelMessage {
        self.sequence += 1;
        ChannelMessage::Show {
            sender: self.sender,
            sequence: self.sequence,
            presentation: Box::new(self.presentation(workshop, engagement_name, content, now)),
        }
    }

    fn presentation(
        &self,
        workshop: &Workshop,
        engagement_name: &str,
        content: Vec<Block>,
        now: DateTime<Utc>,
    ) -> Presentation {
        let step = workshop.current_step();
        let kind = step.map_or(StepKind::Opening, |s| s.kind);
        let planned = step.map_or(0, |s| s.planned_minutes);
        let timebox = step.map_or(0, |s| s.timebox_minutes());
        Presentation {
            engagement_name: engagement_name.trim().to_owned(),
            workshop: workshop.number,
            agenda: workshop.title().to_owned(),
            steps: workshop
                .steps
                .iter()
                .map(|s| s.title().to_owned())
                .collect(),
            current: workshop.current,
            step: kind,
            question: kind.question().to_owned(),
            screen: self.screen,
            timer: TimerSnapshot {
                state: workshop.state(),
                taken_at: now,
                spent_ms: workshop.spent_ms(workshop.current, now),
                planned_ms: i64::from(planned) * 60_000,
                timebox_ms: i64::from(timebox) * 60_000,
                settled_delta_ms: workshop.settled_delta_ms(now),
            },
            content,
            typed_decision: self.typed_decision.trim().to_owned(),
            decisions: workshop
                .decisions_in_step(workshop.current)
                .map(|d| d.text.clone())
                .collect(),
            // A vote belongs to its step: a finished one does not linger into the next.
            vote: self
                .shown_vote
                .and_then(|i| workshop.votes.get(i))
                .filter(|v| v.step == workshop.current)
                .map(|v| VoteView {
                    question: v.question.clone(),
                    items: v.items.iter().map(|i| i.label.clone()).collect(),
                    participants: v.participants(),
                    result: v.result().cloned(),
                }),
        }
    }

    /// Carries out a request from the audience window. Returns whether the workshop changed
    /// (and must be saved); the console then broadcasts the full state in every case.
    pub fn handle(
        &mut self,
        workshop: &mut Workshop,
        request: AudienceRequest,
        now: DateTime<Utc>,
    ) -> Result<bool, TimerError> {
        match request {
            AudienceRequest::State | AudienceRequest::Left => Ok(false),
            AudienceRequest::ToggleBlank => {
                self.screen = match self.screen {
                    Screen::Blank => Screen::Step,
                    Screen::Step => Screen::Blank,
                };
                Ok(false)
            }
            AudienceRequest::Next => workshop.next(now).map(|()| true),
            AudienceRequest::Previous => workshop.previous(now).map(|()| true),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Updated,
    /// Older than what is on screen: ignored.
    Stale,
    /// A request meant for the console.
    NotForAudience,
}

/// The audience window's state: the last presentation it accepted and whose it was.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AudienceView {
    pub shown: Option<Presentation>,
    last: Option<(u64, u64)>,
}

impl AudienceView {
    /// What a newly opened (or reopened) audience window sends to get the state at once.
    pub fn on_open() -> ChannelMessage {
        ChannelMessage::Ask(AudienceRequest::State)
    }

    pub fn apply(&mut self, message: ChannelMessage) -> Applied {
        let ChannelMessage::Show {
            sender,
            sequence,
            presentation,
        } = message
        else {
            return Applied::NotForAudience;
        };
        let stale = self
            .last
            .is_some_and(|(last_sender, last)| last_sender == sender && sequence <= last);
        if stale {
            return Applied::Stale;
        }
        self.last = Some((sender, sequence));
        self.shown = Some(*presentation);
        Applied::Updated
    }
}

/// The scope step's content: the two sides of the line, with where new scope goes.
pub fn scope_blocks(charter: &Charter) -> Vec<Block> {
    let in_scope = charter
        .in_scope()
        .map(|c| c.name.trim().to_owned())
        .collect();
    let out_of_scope = charter
        .out_of_scope()
        .map(|c| match c.destination {
            Some(d) => format!("{} \u{2192} {}", c.name.trim(), d.name()),
            None => format!("{} \u{2192} not routed yet", c.name.trim()),
        })
        .collect();
    vec![
        Block::Heading("In scope: stabilisation".to_owned()),
        Block::List(in_scope),
        Block::Heading("Out of scope: logged and routed, never dropped".to_owned()),
        Block::List(out_of_scope),
    ]
}

fn hours(h: Option<u32>) -> String {
    h.map_or_else(|| "not set".to_owned(), |h| format!("{h} h"))
}

fn or_unset(text: &str) -> String {
    match text.trim() {
        "" => "not set".to_owned(),
        t => t.to_owned(),
    }
}

/// The basics step's content: the system, its dates and its working day.
pub fn basics_blocks(charter: &Charter) -> Vec<Block> {
    let c = &charter.calendar;
    vec![Block::Facts(vec![
        ("System".to_owned(), or_unset(&charter.system)),
        ("Go-live".to_owned(), or_unset(&charter.go_live)),
        (
            "Hypercare".to_owned(),
            charter
                .duration_weeks
                .map_or_else(|| "not set".to_owned(), |w| format!("{w} weeks")),
        ),
        (
            "Working day".to_owned(),
            format!(
                "{}\u{2013}{}, {}",
                c.day_starts.format("%H:%M"),
                c.day_ends.format("%H:%M"),
                c.time_zone
            ),
        ),
    ])]
}

/// The service-levels step's content: each severity with its targets.
pub fn service_level_blocks(charter: &Charter) -> Vec<Block> {
    let rows = charter
        .severities
        .iter()
        .map(|s| {
            vec![
                s.name.trim().to_owned(),
                s.meaning.trim().to_owned(),
                hours(s.response_hours),
                hours(s.resolution_hours),
                s.clock.describe().to_owned(),
            ]
        })
        .collect();
    vec![Block::Table {
        head: ["Severity", "Meaning", "Response", "Resolution", "Clock"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    }]
}

/// The escalation step's content: the path, level by level.
pub fn escalation_blocks(charter: &Charter) -> Vec<Block> {
    let rows = charter
        .escalation
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                format!("{}. {}", i + 1, l.name.trim()),
                or_unset(&l.role),
                or_unset(&l.when),
                or_unset(&l.how_to_reach),
            ]
        })
        .collect();
    vec![Block::Table {
        head: ["Level", "Who", "When", "Reach"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    }]
}

/// The routing step's content: who owns each kind of out-of-scope request.
pub fn routing_blocks(charter: &Charter) -> Vec<Block> {
    let rows = charter
        .destinations
        .iter()
        .map(|d| {
            vec![
                d.destination.name().to_owned(),
                or_unset(&d.contact),
                or_unset(&d.how_to_reach),
            ]
        })
        .collect();
    vec![Block::Table {
        head: ["Goes to", "Owner", "Reach"].map(str::to_owned).to_vec(),
        rows,
    }]
}
