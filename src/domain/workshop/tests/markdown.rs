use std::fmt;

use super::*;
use crate::domain::triage::zone::{Utc0, ZoneRules};
use crate::domain::workshop::decision::{DecisionForm, Topic};
use crate::domain::workshop::markdown::{render, write, LocalTime};
use crate::domain::workshop::vote::VoteItem;
use crate::domain::workshop::DotVote;

/// Central European winter time, so the export is seen to use local time, not UTC.
struct Cet;

impl ZoneRules for Cet {
    fn offset_seconds(&self, _zone: &str, _at: DateTime<Utc>) -> i32 {
        3600
    }
}

fn local() -> LocalTime<'static> {
    LocalTime {
        zone: &Cet,
        time_zone: "Europe/Berlin",
    }
}

fn vote(question: &str) -> DotVote {
    let items = ["Quote PDF", "Lead | report"]
        .map(|l| VoteItem {
            label: l.into(),
            topic: None,
        })
        .to_vec();
    DotVote::new(question, 1, None, items).unwrap()
}

/// A stand-up stopped during its second step, with notes, a decision and two votes.
fn in_progress() -> Workshop {
    let mut w = stand_up();
    w.start(t0()).unwrap();
    w.set_notes(0, "#7 breached: vendor ticket open\n- escalate at noon")
        .unwrap();
    w.next(at(6, 0)).unwrap();
    let revealed = w.add_vote(vote("Which request first?"));
    w.votes[revealed].record_ballot("Anna", &[1, 3]).unwrap();
    w.votes[revealed].record_ballot("Ben", &[2, 1]).unwrap();
    w.votes[revealed].reveal(at(8, 0)).unwrap();
    let hidden = w.add_vote(vote("Which one second?"));
    w.votes[hidden].record_ballot("Anna", &[3, 0]).unwrap();
    let decided = DecisionForm {
        text: "#14 is new scope: route it to the governance committee".into(),
        topic: Some(Topic::Issue {
            number: 14,
            title: "Follow-up tasks".into(),
        }),
        recorded_by: "Priya Raman".into(),
        vote: Some(revealed),
    };
    w.record_decision(&decided, at(9, 0)).unwrap();
    w
}

#[test]
fn the_export_at_any_moment_has_the_agenda_times_notes_decisions_and_votes() {
    let md = render(&in_progress(), "Acme CRM rollout", &local(), at(10, 0));
    for expected in [
        "# Daily triage stand-up 1: Acme CRM rollout\n",
        "**Facilitator:** Priya Raman  ",
        "**Status:** Running, started Mon 1 Mar 2027 10:00, step 2 of 4 (New issues, one by one)  ",
        "**Exported:** Mon 1 Mar 2027 10:10",
        "| 1 | Breached and at-risk issues | 4 min |  | 6:00 | +2:00 |",
        "| 2 | New issues, one by one | 7 min |  | 4:00 | under way |",
        "| 3 | Today\u{2019}s support level | 2 min |  | not reached |  |",
        "**Planned:** 15 min. **Spent so far:** 10:00. **Against plan:** 2 min over plan.",
        "## 1. Breached and at-risk issues\n\n> #7 breached: vendor ticket open\n> - escalate at noon\n",
        "## 2. New issues, one by one",
        "- **Decided:** #14 is new scope: route it to the governance committee (Issue #14 \u{201c}Follow-up tasks\u{201d}). Recorded by Priya Raman at 10:09.",
        "### Which request first?",
        "Revealed at 10:08. \u{201c}Lead | report\u{201d} first with 4 votes.",
        "| 1 | Lead \\| report | 4 |",
        "| 2 | Quote PDF | 3 |",
        "### Which one second?",
        "Totals hidden until revealed.",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
    // The hidden vote's items are listed without counts.
    let hidden = &md[md.find("### Which one second?").unwrap()..];
    assert!(!hidden.contains('3'), "{hidden}");
}

#[test]
fn a_finished_workshop_exports_every_step_against_the_plan() {
    let mut w = stand_up();
    w.start(t0()).unwrap();
    w.next(at(3, 0)).unwrap();
    w.finish(at(12, 0)).unwrap();
    let md = render(
        &w,
        "Acme",
        &LocalTime {
            zone: &Utc0,
            time_zone: "UTC",
        },
        at(30, 0),
    );
    assert!(
        md.contains("**Held:** Mon 1 Mar 2027, 09:00 to 09:12; 3 min under plan  "),
        "{md}"
    );
    assert!(
        md.contains("| 1 | Breached and at-risk issues | 4 min |  | 3:00 | \u{2212}1:00 |"),
        "{md}"
    );
    assert!(
        md.contains("| 2 | New issues, one by one | 7 min |  | 9:00 | +2:00 |"),
        "{md}"
    );
    assert!(
        md.contains(
            "| 4 | This week\u{2019}s dependency signals | 2 min |  | not reached | \u{2212}2:00 |"
        ),
        "{md}"
    );
}

#[test]
fn a_workshop_not_started_exports_its_plan() {
    let md = render(&stand_up(), "Acme", &local(), t0());
    assert!(md.contains("**Status:** Not started  "));
    assert!(md.contains("**Against plan:** On plan."));
    assert!(!md.contains("## Votes"));
}

/// A writer that fails after a few bytes, like a full buffer.
struct Failing(usize);

impl fmt::Write for Failing {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 = self.0.checked_sub(s.len()).ok_or(fmt::Error)?;
        Ok(())
    }
}

#[test]
fn a_failing_writer_is_reported_not_ignored() {
    let w = in_progress();
    assert_eq!(
        write(&mut Failing(200), &w, "Acme", &local(), at(10, 0)),
        Err(fmt::Error)
    );
    assert_eq!(
        write(&mut Failing(100_000), &w, "Acme", &local(), at(10, 0)),
        Ok(())
    );
}

#[test]
fn a_decision_typed_with_its_own_full_stop_ends_once() {
    let mut w = stand_up();
    w.start(t0()).unwrap();
    let decided = DecisionForm {
        text: "Custom reports go to the enhancement backlog.".into(),
        recorded_by: "Priya Raman".into(),
        ..Default::default()
    };
    w.record_decision(&decided, at(2, 0)).unwrap();
    let md = render(&w, "Acme CRM rollout", &local(), at(3, 0));
    assert!(
        md.contains("- **Decided:** Custom reports go to the enhancement backlog. Recorded by"),
        "{md}"
    );
    assert!(!md.contains(".."), "{md}");
}
