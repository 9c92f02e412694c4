use super::*;
use crate::domain::fixtures;
use crate::domain::workshop::decision::{DecisionForm, Topic, MAX_DECISION_CHARS};

fn form(text: &str, by: &str) -> DecisionForm {
    DecisionForm {
        text: text.into(),
        recorded_by: by.into(),
        ..DecisionForm::default()
    }
}

#[test]
fn a_decision_records_what_about_whom_and_when_in_the_step_on_screen() {
    let charter = charter();
    let reports = fixtures::category(&charter, "new-report-development");
    let mut w = Workshop::new(1, AgendaKind::CharterWorkshop, "Priya", t0());
    w.go_to(2, t0()).unwrap();
    let decided = DecisionForm {
        text: "  New reports stay out of scope; the backlog takes them.  ".into(),
        topic: Some(Topic::scope_category(reports)),
        recorded_by: " Priya ".into(),
        vote: None,
    };
    assert_eq!(w.record_decision(&decided, at(20, 0)), Ok(0));
    let d = &w.decisions[0];
    assert_eq!(
        (
            d.step,
            d.text.as_str(),
            d.recorded_by.as_str(),
            d.recorded_at
        ),
        (
            2,
            "New reports stay out of scope; the backlog takes them.",
            "Priya",
            at(20, 0)
        )
    );
    assert_eq!(
        d.topic.as_ref().unwrap().describe(),
        "Scope category \u{201c}New report development\u{201d}"
    );
    assert_eq!(w.decisions_in_step(2).count(), 1);
    assert_eq!(w.decisions_in_step(1).count(), 0);
}

#[test]
fn an_incomplete_decision_is_refused_field_by_field() {
    let mut w = stand_up();
    let error = w.record_decision(&form(" ", ""), t0()).unwrap_err();
    assert_eq!(error.text.as_deref(), Some("Write what was decided."));
    assert_eq!(
        error.recorded_by.as_deref(),
        Some("Enter who records the decision.")
    );
    assert_eq!(
        error.to_string(),
        "Write what was decided. Enter who records the decision."
    );
    let long = "x".repeat(MAX_DECISION_CHARS + 1);
    assert!(w
        .record_decision(&form(&long, "Ben"), t0())
        .unwrap_err()
        .text
        .unwrap()
        .contains("notes"));
    let mut cites = form("Order agreed", "Ben");
    cites.vote = Some(0);
    assert_eq!(
        w.record_decision(&cites, t0()).unwrap_err().vote.as_deref(),
        Some("That vote is not part of this workshop.")
    );
    assert!(w.decisions.is_empty());
}

#[test]
fn a_decision_taken_by_mistake_can_be_removed() {
    let mut w = stand_up();
    w.record_decision(&form("Hold the level", "Ben"), t0())
        .unwrap();
    assert_eq!(w.remove_decision(3), None);
    assert_eq!(
        w.remove_decision(0).map(|d| d.text),
        Some("Hold the level".into())
    );
}

#[test]
fn decisions_can_still_be_recorded_after_the_end() {
    let mut w = stand_up();
    w.start(t0()).unwrap();
    w.finish(at(15, 0)).unwrap();
    assert!(w
        .record_decision(&form("Send the notes today", "Ben"), at(16, 0))
        .is_ok());
}
