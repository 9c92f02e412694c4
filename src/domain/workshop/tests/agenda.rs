use super::*;
use crate::domain::charter::CharterStep;
use crate::domain::triage::classify::Symptom;
use crate::domain::workshop::agenda::{parse_minutes, AgendaError};
use crate::domain::workshop::StepKind;

#[test]
fn built_in_agendas_have_the_issue_lengths() {
    assert_eq!(AgendaKind::CharterWorkshop.suggested_minutes(), 60);
    assert_eq!(AgendaKind::TriageStandUp.suggested_minutes(), 15);
    assert_eq!(AgendaKind::ExitReview.suggested_minutes(), 45);
}

#[test]
fn the_charter_workshop_has_an_opening_every_wizard_step_and_a_close() {
    let kinds: Vec<StepKind> = AgendaKind::CharterWorkshop
        .steps()
        .iter()
        .map(|(k, _)| *k)
        .collect();
    let mut expected = vec![StepKind::Opening];
    expected.extend(CharterStep::ALL.map(StepKind::Charter));
    expected.push(StepKind::Close);
    assert_eq!(kinds, expected);
}

#[test]
fn the_stand_up_and_the_exit_review_follow_the_issue_order() {
    let titles =
        |kind: AgendaKind| -> Vec<&str> { kind.steps().iter().map(|(k, _)| k.title()).collect() };
    assert_eq!(
        titles(AgendaKind::TriageStandUp),
        [
            "Breached and at-risk issues",
            "New issues, one by one",
            "Today\u{2019}s support level",
            "This week\u{2019}s dependency signals"
        ]
    );
    assert_eq!(
        titles(AgendaKind::ExitReview),
        [
            "Exit criteria",
            "Exceptions",
            "Handoff readiness",
            "Signatures"
        ]
    );
}

#[test]
fn every_step_has_a_question_and_speaker_notes() {
    for kind in AgendaKind::ALL {
        for (step, minutes) in kind.steps() {
            assert!(!step.question().is_empty(), "{step:?}");
            assert!(!step.speaker_notes().is_empty(), "{step:?}");
            assert!(agenda_range().contains(minutes), "{step:?}");
        }
    }
}

fn agenda_range() -> std::ops::RangeInclusive<u32> {
    crate::domain::workshop::agenda::MINUTES
}

#[test]
fn scope_notes_ask_the_triage_wizard_questions_with_their_side_of_the_line() {
    for step in [StepKind::Charter(CharterStep::Scope), StepKind::NewIssues] {
        let notes = step.speaker_notes();
        for symptom in Symptom::ALL {
            let side = if symptom.is_scope_request() {
                "new scope, route it"
            } else {
                "stabilisation, in scope"
            };
            let line = format!("{}? ({side})", symptom.question());
            assert!(notes.contains(&line), "{step:?} lacks {line}");
        }
    }
    // Other steps do not carry the scope test.
    assert!(!StepKind::Signatures
        .speaker_notes()
        .iter()
        .any(|n| n.contains("stabilisation, in scope")));
}

#[test]
fn timeboxes_are_changed_before_the_start_and_checked() {
    let mut w = Workshop::new(1, AgendaKind::CharterWorkshop, "", t0());
    assert_eq!(w.set_minutes(2, "20"), Ok(20));
    assert_eq!(w.set_minutes(3, " 12 min "), Ok(12));
    assert_eq!(w.set_minutes(4, "9 minutes"), Ok(9));
    assert_eq!(w.steps[2].planned_minutes, 20);
    assert_eq!(w.planned_minutes(), 60 + 5 + 2 + 2);

    let zero = w.set_minutes(2, "0").unwrap_err();
    assert_eq!(
        zero.to_string(),
        "\u{201c}Scope\u{201d} cannot take 0 min: give it between 1 and 240 minutes."
    );
    assert!(matches!(
        w.set_minutes(2, "241"),
        Err(AgendaError::OutOfRange { minutes: 241, .. })
    ));
    assert_eq!(w.set_minutes(2, "240"), Ok(240));
    assert_eq!(
        w.set_minutes(2, "ten").unwrap_err().to_string(),
        "Enter the minutes for \u{201c}Scope\u{201d} as a whole number, like 10."
    );
    assert_eq!(
        w.set_minutes(2, "-5"),
        Err(AgendaError::NotANumber {
            step: "Scope".into()
        })
    );
    assert_eq!(w.set_minutes(8, "5"), Err(AgendaError::NoSuchStep(8)));
    assert_eq!(
        w.steps[2].planned_minutes, 240,
        "refused values change nothing"
    );

    w.start(t0()).unwrap();
    let started = w.set_minutes(2, "10").unwrap_err();
    assert_eq!(started, AgendaError::AlreadyStarted);
    assert!(started.to_string().contains("+1 min"));
}

#[test]
fn parse_minutes_names_the_step() {
    let step = StepKind::ExitCriteria;
    assert_eq!(parse_minutes(step, "15"), Ok(15));
    assert!(parse_minutes(step, "")
        .unwrap_err()
        .to_string()
        .contains("\u{201c}Exit criteria\u{201d}"));
}

#[test]
fn notes_belong_to_their_step() {
    let mut w = stand_up();
    w.set_notes(1, "Issue #14 is new scope.").unwrap();
    assert_eq!(w.steps[1].notes, "Issue #14 is new scope.");
    assert!(w.steps[0].notes.is_empty());
    assert_eq!(w.set_notes(9, "x"), Err(AgendaError::NoSuchStep(9)));
}

#[test]
fn every_agenda_has_a_url_slug_that_leads_back_to_it() {
    for kind in AgendaKind::ALL {
        assert_eq!(AgendaKind::from_slug(kind.slug()), Some(kind));
    }
    assert_eq!(
        AgendaKind::from_slug("stand-up"),
        Some(AgendaKind::TriageStandUp)
    );
    assert_eq!(AgendaKind::from_slug("standup"), None);
    assert_eq!(AgendaKind::from_slug(""), None);
}
