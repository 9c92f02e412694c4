use super::*;
use crate::domain::fixtures::{at, charter, triaged, Tz};
use crate::domain::triage::warning::watch;
use crate::domain::triage::{Status, TriageError};

/// London, go-live Monday 22 March 2027; summer time starts on Sunday 28 March. Critical
/// issues: every 2 hours around the clock; important ones: every 4 working hours (08-18).
fn london() -> Charter {
    let mut c = charter("Salesforce", "2027-03-22", "Europe/London");
    for level in &mut c.severities {
        level.update_hours = match level.id.as_str() {
            "critical" => Some(2),
            "important" => Some(4),
            _ => None,
        };
    }
    c
}

/// Triaged and answered at once: the cadence counts from the first response.
fn answered(c: &Charter, severity: &str, reported: &str) -> Issue {
    let mut issue = triaged(c, 1, severity, reported);
    issue
        .set_status(Status::InProgress, "", "Ana", at(reported))
        .expect("in progress");
    issue
}

fn update(issue: &mut Issue, when: &str) {
    issue
        .record_business_update("Fix in test; next update at 14:00", "Ana", at(when))
        .expect("an open issue in scope");
}

#[test]
fn the_clock_runs_from_the_report_and_starts_again_at_each_update() {
    let c = london();
    let mut issue = answered(&c, "critical", "2027-03-23T09:00:00Z");
    let clock = update_clock(&issue, &c, &Tz, at("2027-03-23T10:00:00Z")).expect("a cadence");
    assert_eq!(clock.clock.due, Some(at("2027-03-23T11:00:00Z")));
    assert_eq!(clock.last_update, None);
    assert_eq!(clock.clock.state, ClockState::Running);
    update(&mut issue, "2027-03-23T10:45:00Z");
    let clock = update_clock(&issue, &c, &Tz, at("2027-03-23T11:30:00Z")).expect("a cadence");
    assert_eq!(clock.clock.due, Some(at("2027-03-23T12:45:00Z")));
    assert_eq!(clock.clock.state, ClockState::Running, "45 of 120 minutes");
    let clock = update_clock(&issue, &c, &Tz, at("2027-03-23T12:15:00Z")).expect("a cadence");
    assert_eq!(
        clock.clock.state,
        ClockState::AtRisk,
        "90 of 120 minutes: 75 %"
    );
    assert_eq!(clock.last_update, Some(at("2027-03-23T10:45:00Z")));
}

#[test]
fn working_hours_cadence_crosses_the_weekend_into_summer_time() {
    let c = london();
    // Friday 16:00 GMT: two working hours on Friday, two on Monday from 08:00 BST (07:00 UTC).
    let issue = answered(&c, "important", "2027-03-26T16:00:00Z");
    let clock = update_clock(&issue, &c, &Tz, at("2027-03-26T17:00:00Z")).expect("a cadence");
    assert_eq!(clock.clock.due, Some(at("2027-03-29T09:00:00Z")));
}

#[test]
fn a_paused_issue_owes_no_update_and_a_resolved_one_none_at_all() {
    let c = london();
    let mut issue = triaged(&c, 1, "critical", "2027-03-23T09:00:00Z");
    issue
        .set_status(
            Status::WaitingOnVendor,
            "vendor",
            "Ana",
            at("2027-03-23T10:00:00Z"),
        )
        .expect("waiting");
    let clock = update_clock(&issue, &c, &Tz, at("2027-03-23T20:00:00Z")).expect("open");
    assert_eq!(
        (clock.clock.state, clock.clock.due),
        (ClockState::Paused, None)
    );
    let w = watch(
        std::slice::from_ref(&issue),
        &c,
        &Tz,
        at("2027-03-23T20:00:00Z"),
    );
    assert!(w.crossed.iter().all(|x| x.clock != "business update"));
    issue
        .set_status(Status::Resolved, "fixed", "Ana", at("2027-03-23T21:00:00Z"))
        .expect("resolved");
    assert_eq!(
        update_clock(&issue, &c, &Tz, at("2027-03-24T09:00:00Z")),
        None
    );
    assert_eq!(
        issue.record_business_update("x", "Ana", at("2027-03-24T09:00:00Z")),
        Err(TriageError::StatusNotAllowed(Status::Resolved))
    );
}

#[test]
fn no_cadence_no_clock_and_an_empty_update_is_refused() {
    let c = london();
    let mut minor = triaged(&c, 1, "minor", "2027-03-23T09:00:00Z");
    assert_eq!(
        update_clock(&minor, &c, &Tz, at("2027-03-23T12:00:00Z")),
        None
    );
    assert_eq!(
        missed_updates(&minor, &c, &Tz, at("2027-03-30T12:00:00Z")),
        0
    );
    assert_eq!(
        minor.record_business_update("  ", "Ana", at("2027-03-23T12:00:00Z")),
        Err(TriageError::EmptyUpdate)
    );
}

#[test]
fn the_update_clock_warns_at_its_warning_point_and_when_it_runs_out_once_per_period() {
    let c = london();
    let mut issue = answered(&c, "critical", "2027-03-23T09:00:00Z");
    let updates = |issue: &Issue, now: &str| -> Vec<(bool, DateTime<Utc>, String)> {
        watch(std::slice::from_ref(issue), &c, &Tz, at(now))
            .crossed
            .into_iter()
            .filter(|x| x.clock == "business update")
            .map(|x| (x.breach, x.at, x.key))
            .collect()
    };
    let first = updates(&issue, "2027-03-23T11:05:00Z");
    let instants: Vec<_> = first.iter().map(|(b, at, _)| (*b, *at)).collect();
    assert_eq!(
        instants,
        [
            (false, at("2027-03-23T10:30:00Z")),
            (true, at("2027-03-23T11:01:00Z"))
        ]
    );
    update(&mut issue, "2027-03-23T11:10:00Z");
    let second = updates(&issue, "2027-03-23T13:15:00Z");
    let instants: Vec<_> = second.iter().map(|(b, at, _)| (*b, *at)).collect();
    assert_eq!(
        instants,
        [
            (false, at("2027-03-23T12:40:00Z")),
            (true, at("2027-03-23T13:11:00Z"))
        ]
    );
    assert!(
        second
            .iter()
            .all(|(_, _, key)| first.iter().all(|(_, _, k)| k != key)),
        "a new period's warnings are told afresh"
    );
}

#[test]
fn missed_updates_count_every_cadence_that_ran_out_without_an_update() {
    let c = london();
    let mut issue = answered(&c, "critical", "2027-03-23T09:00:00Z");
    // On time at 11:00 exactly; then 11:00 to 15:30 with none (due 13:00 and 15:00 missed).
    update(&mut issue, "2027-03-23T11:00:00Z");
    update(&mut issue, "2027-03-23T15:30:00Z");
    assert_eq!(
        missed_updates(&issue, &c, &Tz, at("2027-03-23T16:00:00Z")),
        2
    );
    // Then nothing until 18:00: the one due at 17:30 is missed too.
    assert_eq!(
        missed_updates(&issue, &c, &Tz, at("2027-03-23T18:00:00Z")),
        3
    );
    issue
        .set_status(Status::Resolved, "fixed", "Ana", at("2027-03-23T18:00:00Z"))
        .expect("resolved");
    assert_eq!(
        missed_updates(&issue, &c, &Tz, at("2027-03-30T09:00:00Z")),
        3,
        "nothing is due after the resolution"
    );
}

#[test]
fn before_the_first_response_the_response_clock_is_the_one_that_runs_out() {
    let c = london();
    let mut issue = triaged(&c, 1, "critical", "2027-03-23T09:00:00Z");
    assert_eq!(
        update_clock(&issue, &c, &Tz, at("2027-03-23T12:00:00Z")),
        None
    );
    let w = watch(
        std::slice::from_ref(&issue),
        &c,
        &Tz,
        at("2027-03-23T12:00:00Z"),
    );
    assert!(w
        .crossed
        .iter()
        .all(|x| x.clock == "response" || x.clock == "resolution"));
    // Answered at 12:00: the first update is due two hours later.
    issue
        .set_status(Status::InProgress, "", "Ana", at("2027-03-23T12:00:00Z"))
        .expect("in progress");
    let clock = update_clock(&issue, &c, &Tz, at("2027-03-23T12:30:00Z")).expect("a cadence");
    assert_eq!(clock.clock.due, Some(at("2027-03-23T14:00:00Z")));
    assert_eq!(
        missed_updates(&issue, &c, &Tz, at("2027-03-23T13:59:00Z")),
        0
    );
}
