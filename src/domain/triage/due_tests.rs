//! Due times that never drift, reports that cannot come from the future, and SLA times read in
//! the charter's zone with its name.
use super::clock::{clocks, ClockState};
use super::issue::{Change, Issue, Status, TriageError};
use super::queue::{rows, Filter};
use super::zone::{viewer_time, zoned_time};
use crate::domain::charter::Charter;
use crate::domain::fixtures::{self, at, Tz};

/// A Berlin hypercare from Mon 2 Mar 2026: critical 2 h / 8 h around the clock, important 8 h
/// working hours (the sample's calendar).
fn berlin() -> Charter {
    fixtures::charter("SAP S/4HANA", "2026-03-02", "Europe/Berlin")
}

fn triaged(number: u32, severity: &str, reported: &str) -> Issue {
    fixtures::triaged(&berlin(), number, severity, reported)
}

#[test]
fn a_breached_clock_is_due_when_its_target_ran_out_and_stays_there() {
    let c = berlin();
    let issue = triaged(1, "critical", "2026-03-10T08:00:00Z");
    // Critical: 2 h to respond, around the clock.
    for now in ["2026-03-10T11:00:00Z", "2026-03-12T17:30:00Z"] {
        let (response, _) = clocks(&issue, &c, &Tz, at(now)).unwrap();
        assert_eq!(response.state, ClockState::Breached);
        assert_eq!(response.due, Some(at("2026-03-10T10:00:00Z")), "at {now}");
    }
}

#[test]
fn a_paused_clock_past_its_target_keeps_the_instant_it_ran_out() {
    let c = berlin();
    let mut issue = triaged(1, "critical", "2026-03-10T08:00:00Z");
    issue
        .set_status(Status::InProgress, "", "Ana", at("2026-03-10T08:30:00Z"))
        .unwrap();
    // Resolution: 8 h around the clock, so it runs out at 16:00 UTC; waiting from 17:00.
    issue
        .set_status(
            Status::WaitingOnVendor,
            "SAP ticket",
            "Ana",
            at("2026-03-10T17:00:00Z"),
        )
        .unwrap();
    for now in ["2026-03-10T18:00:00Z", "2026-03-17T09:00:00Z"] {
        let (_, resolution) = clocks(&issue, &c, &Tz, at(now)).unwrap();
        assert_eq!(resolution.state, ClockState::Breached);
        assert!(!resolution.running);
        assert_eq!(resolution.due, Some(at("2026-03-10T16:00:00Z")), "at {now}");
    }
    // A paused clock within its target has no due time: it moves when the clock resumes.
    let mut waiting = triaged(2, "critical", "2026-03-10T08:00:00Z");
    waiting
        .set_status(
            Status::WaitingOnReporter,
            "",
            "Ana",
            at("2026-03-10T09:00:00Z"),
        )
        .unwrap();
    let (response, resolution) = clocks(&waiting, &c, &Tz, at("2026-03-10T12:00:00Z")).unwrap();
    assert_eq!(
        response.state,
        ClockState::Met,
        "waiting is the first response"
    );
    assert_eq!(
        (resolution.state, resolution.due),
        (ClockState::Paused, None)
    );
}

#[test]
fn the_queue_puts_the_most_overdue_first_then_running_clocks_by_due_time() {
    let c = berlin();
    let mut late = triaged(3, "critical", "2026-03-24T08:00:00Z");
    late.set_status(Status::InProgress, "", "Ana", at("2026-03-24T08:10:00Z"))
        .unwrap();
    let mut later = triaged(5, "critical", "2026-03-10T08:00:00Z");
    later
        .set_status(Status::InProgress, "", "Ana", at("2026-03-10T08:10:00Z"))
        .unwrap();
    let fresh = triaged(7, "critical", "2026-03-25T09:00:00Z");
    let all = rows(
        &[late, fresh, later],
        Some(&c),
        &Tz,
        at("2026-03-25T09:30:00Z"),
    );
    let order: Vec<u32> = Filter::default()
        .apply(&all)
        .iter()
        .map(|r| r.view.number)
        .collect();
    // #5 ran out on 10 Mar, #3 on 24 Mar; #7 is still running.
    assert_eq!(order, [5, 3, 7]);
}

#[test]
fn a_report_from_the_future_is_refused_and_a_few_minutes_of_drift_are_not() {
    let now = at("2026-03-10T08:00:00Z");
    let describe = |reported: &str| {
        let mut issue = Issue::log(1, "Posting fails", "Ana", now).unwrap();
        issue.describe(
            Change::Described {
                title: "Posting fails".into(),
                description: String::new(),
                reporter: "Jo".into(),
                reported_at: at(reported),
                area: String::new(),
            },
            "Ana",
            now,
        )
    };
    assert_eq!(
        describe("2026-03-10T09:00:00Z"),
        Err(TriageError::ReportedInFuture)
    );
    assert_eq!(describe("2026-03-10T08:04:00Z"), Ok(()));
}

#[test]
fn csv_import_refuses_a_future_row_on_its_line() {
    use super::csv::plan_import;
    let text = "Title,Reported at\nYesterday,2026-03-09 10:00\nTomorrow,2026-03-11 10:00\n";
    let plan = plan_import(
        text.as_bytes(),
        &Tz,
        "Europe/Berlin",
        at("2026-03-10T08:00:00Z"),
    )
    .unwrap();
    assert_eq!(plan.rows.len(), 1);
    assert_eq!(plan.skipped.len(), 1);
    assert_eq!(plan.skipped[0].0.row, 3);
    assert!(plan.skipped[0].1.contains("future"), "{:?}", plan.skipped);
}

#[test]
fn a_clock_never_counts_from_before_its_report() {
    // An issue saved by an older version with a reported time ahead of "now": nothing is
    // used yet, and it is due a whole target after the report, not after "now".
    let c = berlin();
    let issue = triaged(1, "critical", "2026-03-10T08:00:00Z");
    let (response, _) = clocks(&issue, &c, &Tz, at("2026-03-10T07:00:00Z")).unwrap();
    assert_eq!(response.used_minutes, 0);
    assert_eq!(response.due, Some(at("2026-03-10T10:00:00Z")));
}

#[test]
fn sla_times_read_in_the_charter_zone_with_its_name() {
    // 14:00 UTC on Mon 30 Mar 2026 is 16:00 summer time in Berlin, 10:00 in New York.
    let due = at("2026-03-30T14:00:00Z");
    assert_eq!(
        zoned_time(&Tz, "Europe/Berlin", due),
        "Mon 30 Mar 2026, 16:00 CEST"
    );
    assert_eq!(
        viewer_time(&Tz, "Europe/Berlin", "America/New_York", due).as_deref(),
        Some("10:00 your time")
    );
    // Same offset, nothing to add; a different date is named.
    assert_eq!(viewer_time(&Tz, "Europe/Berlin", "Europe/Paris", due), None);
    assert_eq!(
        viewer_time(
            &Tz,
            "Europe/Berlin",
            "Asia/Tokyo",
            at("2026-03-30T20:00:00Z")
        )
        .as_deref(),
        Some("Tue 31 Mar, 05:00 your time")
    );
    // Before the change to summer time the name changes with the offset.
    assert_eq!(
        zoned_time(&Tz, "Europe/Berlin", at("2026-03-27T15:00:00Z")),
        "Fri 27 Mar 2026, 16:00 CET"
    );
    // A zone without a common abbreviation is named by its offset.
    assert_eq!(
        zoned_time(&Tz, "Asia/Dubai", at("2026-03-27T15:00:00Z")),
        "Fri 27 Mar 2026, 19:00 UTC+4"
    );
}

/// Found by the fuzz run: a target of 4,294,967,295 hours around the clock overflowed the
/// instant and crashed the overview; the due time is now simply beyond reach.
#[test]
fn a_target_past_the_end_of_time_has_no_due_time_and_no_crash() {
    use crate::domain::charter::ClockMode;
    use crate::domain::fixtures::{at, charter, Tz};
    let c = charter("CRM", "2027-03-01", "Europe/Berlin");
    let due = super::clock::advance(
        &c.calendar,
        &Tz,
        ClockMode::AroundTheClock,
        at("2027-03-02T09:00:00Z"),
        i64::from(u32::MAX) * 60,
    );
    assert_eq!(due, None);
}
