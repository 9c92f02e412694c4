//! Workshop commands: prepare a meeting on a built-in agenda, change its timeboxes before the
//! start, drive its timer, take notes and record decisions and dot votes. Each one is one
//! domain change saved through `change_engagement`, so a frozen engagement refuses them all and
//! the workshop's progress survives a reload or a closed window.
use chrono::Utc;

use super::zone::BrowserZones;
use super::{AppState, CommandError, Problem};
use crate::domain::workshop::markdown::{render, LocalTime};
use crate::domain::workshop::vote::DotVote;
use crate::domain::workshop::{AgendaKind, DecisionError, DecisionForm, Workshop};
use crate::domain::{Engagement, EngagementId};

/// What the console's timer buttons (and the audience window's arrow keys) ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerAction {
    Start,
    Pause,
    Resume,
    Next,
    Previous,
    GoTo(usize),
    AddMinute,
    Finish,
}

/// Input ids of the decision form, for the problems shown beside them.
pub const DECISION_TEXT: &str = "decision-text";
pub const DECISION_BY: &str = "decision-by";

fn workshop_mut(engagement: &mut Engagement, number: u32) -> Result<&mut Workshop, CommandError> {
    engagement
        .workshops
        .iter_mut()
        .find(|w| w.number == number)
        .ok_or(CommandError::Missing)
}

impl AppState {
    /// The newest workshop on `kind` that has not finished, to carry on with it.
    pub fn open_workshop(&self, id: &EngagementId, kind: AgendaKind) -> Option<u32> {
        self.find(id).and_then(|saved| {
            saved
                .engagement
                .workshops
                .iter()
                .rev()
                .find(|w| w.kind == kind && w.finished_at.is_none())
                .map(|w| w.number)
        })
    }

    /// Makes a workshop on a built-in agenda with its suggested timeboxes; returns its number.
    pub fn prepare_workshop(
        &self,
        id: &EngagementId,
        kind: AgendaKind,
        facilitator: &str,
    ) -> Result<u32, CommandError> {
        let mut number = 0;
        self.change_engagement(id, |engagement| {
            number = engagement.next_workshop_number();
            engagement
                .workshops
                .push(Workshop::new(number, kind, facilitator, Utc::now()));
            Ok(())
        })?;
        Ok(number)
    }

    /// Changes one step's timebox, as typed, before the workshop starts.
    pub fn set_workshop_minutes(
        &self,
        id: &EngagementId,
        number: u32,
        step: usize,
        typed: &str,
    ) -> Result<(), CommandError> {
        self.change_engagement(id, |engagement| {
            let workshop = workshop_mut(engagement, number)?;
            workshop
                .set_minutes(step, typed)
                .map_err(|e| CommandError::Invalid(vec![Problem::at(minutes_field(step), e)]))?;
            Ok(())
        })
        .map(|_| ())
    }

    pub fn workshop_timer(
        &self,
        id: &EngagementId,
        number: u32,
        action: TimerAction,
    ) -> Result<(), CommandError> {
        self.change_engagement(id, |engagement| {
            let workshop = workshop_mut(engagement, number)?;
            let now = Utc::now();
            match action {
                TimerAction::Start => workshop.start(now),
                TimerAction::Pause => workshop.pause(now),
                TimerAction::Resume => workshop.resume(now),
                TimerAction::Next => workshop.next(now),
                TimerAction::Previous => workshop.previous(now),
                TimerAction::GoTo(step) => workshop.go_to(step, now),
                TimerAction::AddMinute => workshop.add_minute(),
                TimerAction::Finish => workshop.finish(now),
            }
            .map_err(CommandError::invalid)
        })
        .map(|_| ())
    }

    pub fn set_workshop_notes(
        &self,
        id: &EngagementId,
        number: u32,
        step: usize,
        text: &str,
    ) -> Result<(), CommandError> {
        self.change_engagement(id, |engagement| {
            workshop_mut(engagement, number)?
                .set_notes(step, text)
                .map_err(CommandError::invalid)
        })
        .map(|_| ())
    }

    /// Records a decision in the step on screen; the problems name the form's fields.
    pub fn record_workshop_decision(
        &self,
        id: &EngagementId,
        number: u32,
        form: &DecisionForm,
    ) -> Result<(), CommandError> {
        self.change_engagement(id, |engagement| {
            workshop_mut(engagement, number)?
                .record_decision(form, Utc::now())
                .map_err(decision_problems)?;
            Ok(())
        })
        .map(|_| ())
    }

    /// Records a revealed vote's result as a decision about its topic; who records it is the
    /// decision form's "Recorded by".
    pub fn record_workshop_vote_result(
        &self,
        id: &EngagementId,
        number: u32,
        vote: usize,
        recorded_by: &str,
    ) -> Result<(), CommandError> {
        self.change_engagement(id, |engagement| {
            workshop_mut(engagement, number)?
                .record_vote_result(vote, recorded_by, Utc::now())
                .map_err(decision_problems)?;
            Ok(())
        })
        .map(|_| ())
    }

    pub fn remove_workshop_decision(
        &self,
        id: &EngagementId,
        number: u32,
        index: usize,
    ) -> Result<(), CommandError> {
        self.change_engagement(id, |engagement| {
            workshop_mut(engagement, number)?
                .remove_decision(index)
                .map(|_| ())
                .ok_or_else(|| CommandError::invalid("That decision is no longer recorded."))
        })
        .map(|_| ())
    }

    /// Adds a dot vote to the workshop; returns its index.
    pub fn add_workshop_vote(
        &self,
        id: &EngagementId,
        number: u32,
        vote: DotVote,
    ) -> Result<usize, CommandError> {
        let mut index = 0;
        self.change_engagement(id, |engagement| {
            index = workshop_mut(engagement, number)?.add_vote(vote);
            Ok(())
        })?;
        Ok(index)
    }

    /// Applies a change to one dot vote (a ballot, totals, reveal) and saves it.
    pub fn change_workshop_vote(
        &self,
        id: &EngagementId,
        number: u32,
        vote: usize,
        change: impl FnOnce(&mut DotVote) -> Result<(), String>,
    ) -> Result<(), CommandError> {
        self.change_engagement(id, |engagement| {
            let workshop = workshop_mut(engagement, number)?;
            let vote = workshop
                .votes
                .get_mut(vote)
                .ok_or_else(|| CommandError::invalid("That vote is not part of this workshop."))?;
            change(vote).map_err(CommandError::invalid)
        })
        .map(|_| ())
    }

    /// Downloads the workshop's record as Markdown, as it stands now.
    pub fn export_workshop(&self, id: &EngagementId, number: u32) {
        let Some(saved) = self.find(id) else {
            self.show_toast("This engagement no longer exists here.".to_owned(), None);
            return;
        };
        let engagement = &saved.engagement;
        let Some(workshop) = engagement.workshops.iter().find(|w| w.number == number) else {
            self.show_toast("This workshop no longer exists here.".to_owned(), None);
            return;
        };
        let time_zone = engagement
            .charter
            .in_force()
            .map(|c| c.calendar.time_zone.clone())
            .unwrap_or_else(super::charter::browser_time_zone);
        let local = LocalTime {
            zone: &BrowserZones,
            time_zone: &time_zone,
        };
        let text = render(workshop, engagement.name(), &local, Utc::now());
        let file = format!(
            "{}-{}-{}.md",
            slug(engagement.name()),
            workshop.kind.slug(),
            workshop.number
        );
        self.offer_file(&file, "text/markdown", &text);
    }
}

/// A refused decision's problems, each at the decision form's field it is about.
fn decision_problems(e: DecisionError) -> CommandError {
    let mut problems = Vec::new();
    if let Some(m) = e.text {
        problems.push(Problem::at(DECISION_TEXT, m));
    }
    if let Some(m) = e.recorded_by {
        problems.push(Problem::at(DECISION_BY, m));
    }
    if let Some(m) = e.vote {
        problems.push(Problem::new(m));
    }
    CommandError::Invalid(problems)
}

/// The id of a step's minutes field in the agenda before the start.
pub fn minutes_field(step: usize) -> String {
    format!("workshop-minutes-{step}")
}

/// A file name part from an engagement's name: letters and digits, dashes between words.
fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        "engagement".to_owned()
    } else {
        words.join("-")
    }
}
