use chrono::{NaiveDate, TimeZone, Utc};

use super::classify::{suggest_category, suggest_severity, Level, Symptom};
use super::clock::{advance, clocks, counted_minutes, ClockState};
use super::issue::{Change, Issue, Status, Triage, TriageError};
use super::zone::ZoneRules;
use crate::domain::charter::{Charter, ClockMode, Holiday, RoutingDestination};
use crate::domain::fixtures::{self, at, Tz};

/// Mon 1 Mar 2027 go-live; Mon-Fri 09:00-17:00 London; critical 2 h / 8 h 24x7, important 8 h /
/// 24 h working hours, minor 24 h / 40 h working hours.
fn charter() -> Charter {
    let mut charter = fixtures::charter("Salesforce", "2027-03-01", "Europe/London");
    charter.calendar.day_starts = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    charter.calendar.day_ends = chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap();
    charter.calendar.holidays = vec![Holiday {
        id: String::new(),
        date: "2027-03-26".into(),
        name: "Good Friday".into(),
    }];
    charter
}

fn triaged(severity: &str, reported: &str) -> Issue {
    fixtures::triaged(&charter(), 1, severity, reported)
}

#[test]
fn counted_time_skips_evenings_weekends_and_holidays() {
    let c = charter();
    let mode = ClockMode::WorkingHours;
    // Friday 16:00 to Monday 10:00 London (GMT): 1 h Friday + 1 h Monday.
    assert_eq!(
        counted_minutes(
            &c.calendar,
            &Tz,
            mode,
            at("2027-03-05T16:00:00Z"),
            at("2027-03-08T10:00:00Z")
        ),
        120
    );
    // Over Good Friday (26 Mar) and the weekend: Thursday 16:00 (GMT) to Monday 29 Mar 10:00 BST.
    assert_eq!(
        counted_minutes(
            &c.calendar,
            &Tz,
            mode,
            at("2027-03-25T16:00:00Z"),
            at("2027-03-29T09:00:00Z")
        ),
        120
    );
    // 24x7 counts every minute.
    assert_eq!(
        counted_minutes(
            &c.calendar,
            &Tz,
            ClockMode::AroundTheClock,
            at("2027-03-05T16:00:00Z"),
            at("2027-03-08T10:00:00Z")
        ),
        66 * 60
    );
}

#[test]
fn the_working_day_follows_daylight_saving_time() {
    let c = charter();
    // London moves to BST on Sun 28 Mar 2027: the 09:00 start is 08:00 UTC from Monday 29.
    let due = advance(
        &c.calendar,
        &Tz,
        ClockMode::WorkingHours,
        at("2027-03-29T07:00:00Z"),
        60,
    )
    .unwrap();
    assert_eq!(due, at("2027-03-29T09:00:00Z"));
    let before = advance(
        &c.calendar,
        &Tz,
        ClockMode::WorkingHours,
        at("2027-03-22T07:00:00Z"),
        60,
    )
    .unwrap();
    assert_eq!(before, at("2027-03-22T10:00:00Z"));
    assert_eq!(
        Tz.to_utc(
            "Europe/London",
            NaiveDate::from_ymd_opt(2027, 3, 29)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap()
        ),
        at("2027-03-29T08:00:00Z")
    );
}

#[test]
fn an_important_issue_reported_on_friday_afternoon_is_due_on_monday() {
    let issue = triaged("important", "2027-03-05T15:00:00Z");
    let (response, resolution) =
        clocks(&issue, &charter(), &Tz, at("2027-03-05T16:00:00Z")).unwrap();
    assert_eq!(response.state, ClockState::Running);
    assert_eq!(response.used_minutes, 60);
    // 8 working hours: 1 h used, 1 h more on Friday, the last 6 h on Monday -> Monday 15:00.
    assert_eq!(response.due, Some(at("2027-03-08T15:00:00Z")));
    assert_eq!(response.describe(&charter().calendar), "7 h left");
    assert_eq!(resolution.target_minutes, 24 * 60);
}

#[test]
fn a_critical_issue_counts_around_the_clock_and_goes_at_risk_then_breached() {
    let issue = triaged("critical", "2027-03-06T22:00:00Z");
    let c = charter();
    let (response, _) = clocks(&issue, &c, &Tz, at("2027-03-06T23:00:00Z")).unwrap();
    assert_eq!(
        (response.state, response.due),
        (ClockState::Running, Some(at("2027-03-07T00:00:00Z")))
    );
    let (response, _) = clocks(&issue, &c, &Tz, at("2027-03-06T23:35:00Z")).unwrap();
    assert_eq!(response.state, ClockState::AtRisk);
    let (response, _) = clocks(&issue, &c, &Tz, at("2027-03-07T01:10:00Z")).unwrap();
    assert_eq!(response.state, ClockState::Breached);
    assert_eq!(response.describe(&c.calendar), "Overdue by 1 h 10 m");
}

#[test]
fn responding_stops_the_response_clock_and_resolving_stops_resolution() {
    let mut issue = triaged("important", "2027-03-08T09:00:00Z");
    issue
        .set_status(Status::InProgress, "", "Ana", at("2027-03-08T10:00:00Z"))
        .unwrap();
    issue
        .set_status(
            Status::Resolved,
            "Layout fixed",
            "Ana",
            at("2027-03-08T13:00:00Z"),
        )
        .unwrap();
    let (response, resolution) =
        clocks(&issue, &charter(), &Tz, at("2027-03-10T09:00:00Z")).unwrap();
    assert_eq!(
        (response.state, response.used_minutes),
        (ClockState::Met, 60)
    );
    assert_eq!(
        (resolution.state, resolution.used_minutes),
        (ClockState::Met, 240)
    );
    assert_eq!(resolution.describe(&charter().calendar), "Met");
}

#[test]
fn waiting_pauses_and_keeps_its_paused_time_across_a_severity_change() {
    let c = charter();
    let mut issue = triaged("minor", "2027-03-08T09:00:00Z");
    issue
        .set_status(
            Status::WaitingOnReporter,
            "Need a screenshot",
            "Ana",
            at("2027-03-08T10:00:00Z"),
        )
        .unwrap();
    let (_, paused) = clocks(&issue, &c, &Tz, at("2027-03-09T10:00:00Z")).unwrap();
    assert_eq!(
        (paused.state, paused.used_minutes),
        (ClockState::Paused, 60)
    );
    assert_eq!(
        paused.describe(&c.calendar),
        "Paused, 4 working days 7 h left"
    );
    issue
        .set_status(
            Status::InProgress,
            "Screenshot received",
            "Ana",
            at("2027-03-10T09:00:00Z"),
        )
        .unwrap();
    issue
        .set_severity(
            &c,
            "important",
            "Affects the whole team",
            "Ana",
            at("2027-03-10T09:30:00Z"),
        )
        .unwrap();
    let (_, resolution) = clocks(&issue, &c, &Tz, at("2027-03-10T11:00:00Z")).unwrap();
    // 1 h before the pause + 2 h since: the day and a half spent waiting stays paused.
    assert_eq!(resolution.used_minutes, 180);
    assert_eq!(resolution.target_minutes, 24 * 60);
}

#[test]
fn a_reopened_issue_runs_its_resolution_clock_again() {
    let mut issue = triaged("important", "2027-03-08T09:00:00Z");
    issue
        .set_status(Status::Resolved, "", "Ana", at("2027-03-08T11:00:00Z"))
        .unwrap();
    assert!(issue
        .set_status(Status::InProgress, "", "Ana", at("2027-03-08T11:30:00Z"))
        .is_err());
    issue
        .set_status(
            Status::Reopened,
            "Still failing for the Nordic team",
            "Ana",
            at("2027-03-09T09:00:00Z"),
        )
        .unwrap();
    let (_, resolution) = clocks(&issue, &charter(), &Tz, at("2027-03-09T12:00:00Z")).unwrap();
    assert_eq!(
        (resolution.state, resolution.used_minutes),
        (ClockState::Running, 300)
    );
}

#[test]
fn evening_reports_start_counting_next_working_morning() {
    let issue = triaged("important", "2027-03-08T19:30:00Z");
    let (response, _) = clocks(&issue, &charter(), &Tz, at("2027-03-08T23:00:00Z")).unwrap();
    assert_eq!(response.used_minutes, 0);
    assert_eq!(response.due, Some(at("2027-03-09T17:00:00Z")));
}

#[test]
fn out_of_scope_requests_are_routed_to_the_charter_destination_and_have_no_clocks() {
    let c = charter();
    let mut issue = Issue::log(
        2,
        "Add a pipeline report by product line",
        "Ana",
        at("2027-03-08T09:00:00Z"),
    )
    .unwrap();
    issue
        .triage(
            &c,
            Triage::out_of_scope("new-report-development").because("Never in the reporting spec"),
            "Ana",
            at("2027-03-08T09:05:00Z"),
        )
        .unwrap();
    let view = issue.view();
    assert_eq!(
        (view.status(), view.destination, view.route_overridden),
        (
            Status::Routed,
            Some(RoutingDestination::EnhancementBacklog),
            false
        )
    );
    assert!(clocks(&issue, &c, &Tz, at("2027-03-09T09:00:00Z")).is_none());
    // Overriding the destination needs a reason and is recorded.
    let mut other = Issue::log(
        3,
        "Nordic quoting stages",
        "Ana",
        at("2027-03-08T09:00:00Z"),
    )
    .unwrap();
    let refused = other.triage(
        &c,
        Triage::out_of_scope("new-report-development")
            .routed_to(RoutingDestination::BusinessOwner, " "),
        "Ana",
        at("2027-03-08T09:05:00Z"),
    );
    assert_eq!(refused, Err(TriageError::ReasonRequired));
    other
        .triage(
            &c,
            Triage::out_of_scope("new-report-development").routed_to(
                RoutingDestination::BusinessOwner,
                "It is a process decision",
            ),
            "Ana",
            at("2027-03-08T09:05:00Z"),
        )
        .unwrap();
    assert_eq!(
        other.view().destination,
        Some(RoutingDestination::BusinessOwner)
    );
    assert!(other.view().route_overridden);
    assert_eq!(other.events.last().unwrap().why, "It is a process decision");
}

#[test]
fn reclassifying_keeps_the_history() {
    let c = charter();
    let mut issue = triaged("minor", "2027-03-08T09:00:00Z");
    issue
        .triage(
            &c,
            Triage::out_of_scope("new-field-or-object-creation")
                .because("Turns out it needs a new field"),
            "Ana",
            at("2027-03-08T10:00:00Z"),
        )
        .unwrap();
    assert_eq!(issue.view().status(), Status::Routed);
    assert_eq!(issue.view().severity_id, None);
    issue
        .triage(
            &c,
            Triage::in_scope("configuration-defects", "important")
                .because("The field exists, the layout hides it"),
            "Ana",
            at("2027-03-08T11:00:00Z"),
        )
        .unwrap();
    assert_eq!(issue.view().status(), Status::Triaged);
    let classified = issue
        .events
        .iter()
        .filter(|e| matches!(e.change, Change::Classified { .. }))
        .count();
    assert_eq!(classified, 3);
}

#[test]
fn transfer_needs_an_owner_and_a_plan() {
    let mut issue = triaged("minor", "2027-03-08T09:00:00Z");
    assert_eq!(
        issue.transfer("Helen", " ", "Ana", at("2027-03-26T09:00:00Z")),
        Err(TriageError::TransferIncomplete)
    );
    issue
        .transfer(
            "Helen Ortiz",
            "Fix in the April release",
            "Ana",
            at("2027-03-26T09:00:00Z"),
        )
        .unwrap();
    let view = issue.view();
    assert_eq!(
        (view.status(), view.transfer_owner.as_str()),
        (Status::Transferred, "Helen Ortiz")
    );
}

#[test]
fn guided_questions_suggest_charter_categories() {
    let c = charter();
    assert_eq!(
        suggest_category(&c, Symptom::Slow).unwrap().id,
        "performance-issues"
    );
    assert_eq!(
        suggest_category(&c, Symptom::NewReport).unwrap().id,
        "new-report-development"
    );
    // A team that removed a category still gets a suggestion on the right side of the line.
    let mut trimmed = c.clone();
    trimmed
        .categories
        .retain(|cat| cat.id != "new-report-development");
    assert!(
        !suggest_category(&trimmed, Symptom::NewReport)
            .unwrap()
            .in_scope
    );
}

#[test]
fn impact_and_urgency_suggest_a_severity_and_a_workaround_caps_it() {
    let c = charter();
    assert_eq!(
        suggest_severity(&c, Level::High, Level::High, false),
        Some("critical")
    );
    assert_eq!(
        suggest_severity(&c, Level::High, Level::High, true),
        Some("important")
    );
    assert_eq!(
        suggest_severity(&c, Level::Medium, Level::High, false),
        Some("important")
    );
    assert_eq!(
        suggest_severity(&c, Level::Medium, Level::Medium, false),
        Some("important"),
        "the middle of the matrix is not under-classified"
    );
    assert_eq!(
        suggest_severity(&c, Level::Low, Level::Low, false),
        Some("minor")
    );
}

#[test]
fn the_charter_can_grade_a_cell_of_the_matrix_its_own_way() {
    use super::classify::{set_matrix_cell, severity_matrix};
    use crate::domain::charter::problems::problems;
    let mut c = charter();
    set_matrix_cell(&mut c, Level::Medium, Level::Medium, "critical");
    assert_eq!(
        suggest_severity(&c, Level::Medium, Level::Medium, false),
        Some("critical")
    );
    // A workaround caps impact at medium, then the charter's own cell applies.
    assert_eq!(
        suggest_severity(&c, Level::High, Level::Medium, true),
        Some("critical")
    );
    assert_eq!(severity_matrix(&c)[1].1[1].1, "critical");
    assert_eq!(c.severity_matrix.len(), 1);
    // Setting a cell back to the standard grading keeps no override.
    set_matrix_cell(&mut c, Level::Medium, Level::Medium, "important");
    assert!(c.severity_matrix.is_empty());
    // A cell naming a level that was removed is a problem to fix, and meanwhile the standard
    // grading stands.
    set_matrix_cell(&mut c, Level::Low, Level::Low, "important");
    c.severities.retain(|s| s.id != "important");
    assert_eq!(
        suggest_severity(&c, Level::Low, Level::Low, false),
        Some("minor")
    );
    assert!(problems(&c)
        .iter()
        .any(|p| p.field == "matrix-low-low" && p.message.contains("low impact and low urgency")));
}

#[test]
fn the_graded_matrix_suggests_minor_only_for_low_pairs_and_spreads_over_any_number_of_levels() {
    use super::classify::severity_matrix;
    let c = charter();
    let cells: Vec<String> = severity_matrix(&c)
        .into_iter()
        .flat_map(|(_, row)| row.into_iter().map(|(_, id)| id))
        .collect();
    let count = |id: &str| cells.iter().filter(|c| *c == id).count();
    assert_eq!(
        (count("critical"), count("important"), count("minor")),
        (1, 5, 3)
    );
    // Four levels: one per priority. Two: the top two priorities, then the bottom two.
    let mut four = charter();
    four.severities.push(crate::domain::charter::SeverityLevel {
        id: "planning".into(),
        ..four.severities[2].clone()
    });
    assert_eq!(
        suggest_severity(&four, Level::Medium, Level::Medium, false),
        Some("minor")
    );
    let mut two = charter();
    two.severities.truncate(2);
    assert_eq!(
        suggest_severity(&two, Level::High, Level::Medium, false),
        Some("critical")
    );
    assert_eq!(
        suggest_severity(&two, Level::Medium, Level::Medium, false),
        Some("important")
    );
}

#[test]
fn an_empty_title_is_refused() {
    assert_eq!(
        Issue::log(1, "   ", "", at("2027-03-08T09:00:00Z")),
        Err(TriageError::EmptyTitle)
    );
    let _ = Utc.timestamp_opt(0, 0);
}

#[test]
fn the_queue_filters_counts_searches_and_orders_by_due_time() {
    use super::queue::{rows, Facet, Filter, Scope};
    let c = charter();
    let mut critical = triaged("critical", "2027-03-08T09:00:00Z");
    critical.number = 1;
    let mut minor = triaged("minor", "2027-03-08T09:00:00Z");
    minor.number = 2;
    let mut routed = Issue::log(
        3,
        "Pipeline report by product line",
        "Ana",
        at("2027-03-08T09:00:00Z"),
    )
    .unwrap();
    routed
        .triage(
            &c,
            Triage::out_of_scope("new-report-development"),
            "Ana",
            at("2027-03-08T09:05:00Z"),
        )
        .unwrap();
    let untriaged = Issue::log(
        4,
        "Cannot find the quote button",
        "Ana",
        at("2027-03-08T09:10:00Z"),
    )
    .unwrap();
    let all = rows(
        &[minor, routed, untriaged, critical],
        Some(&c),
        &Tz,
        at("2027-03-08T10:00:00Z"),
    );
    let order: Vec<u32> = Filter::default()
        .apply(&all)
        .iter()
        .map(|r| r.view.number)
        .collect();
    assert_eq!(order, [1, 2, 4, 3]);
    let in_scope = Filter {
        scope: Some(Scope::InScope),
        ..Filter::default()
    };
    assert_eq!(in_scope.apply(&all).len(), 2);
    // Counts per value ignore that facet's own filter but keep the others.
    let counts = in_scope.counts(&all);
    assert_eq!(counts.value(Facet::Scope, "out"), 1);
    assert_eq!(counts.value(Facet::Scope, "in"), 2);
    assert_eq!(counts.any(Facet::Scope), 4);
    assert_eq!(counts.any(Facet::Status), 2);
    assert_eq!(counts.value(Facet::Severity, "critical"), 1);
    // Counts per scope ignore the scope filter itself but keep the others.
    let search = Filter {
        text: "QUOTE button".into(),
        ..Filter::default()
    };
    assert_eq!(
        search
            .apply(&all)
            .iter()
            .map(|r| r.view.number)
            .collect::<Vec<_>>(),
        [4]
    );
    let by_number = Filter {
        text: "#3".into(),
        ..Filter::default()
    };
    assert_eq!(by_number.apply(&all).len(), 1);
    let running = Filter {
        clock: Some(ClockState::Running),
        ..Filter::default()
    };
    assert_eq!(running.apply(&all).len(), 2);
}

#[test]
fn csv_export_is_spreadsheet_friendly_and_reimports() {
    use super::csv::{export, import_issues, parse_records, plan_import};
    let c = charter();
    let mut issue = triaged("important", "2027-03-08T09:00:00Z");
    issue
        .describe(
            Change::Described {
                title: "=cmd|' /C calc'!A0".into(),
                description: "Line one\nline \"two\", with comma".into(),
                reporter: "Jo".into(),
                reported_at: at("2027-03-08T09:00:00Z"),
                area: "Quotes".into(),
            },
            "Ana",
            at("2027-03-08T09:01:00Z"),
        )
        .unwrap();
    let text = export(
        &[issue],
        Some(&c),
        &Tz,
        "Europe/London",
        at("2027-03-08T10:00:00Z"),
    );
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("\r\n"));
    let records: Vec<Vec<String>> = parse_records(&text).into_iter().map(|r| r.fields).collect();
    assert_eq!(records[0][1], "Title");
    // A formula is defused, quotes and line breaks survive.
    assert_eq!(records[1][1], "'=cmd|' /C calc'!A0");
    assert_eq!(records[1][10], "Line one\nline \"two\", with comma");
    assert_eq!(records[1][4], "Configuration defects");
    assert_eq!(records[1][8], "2027-03-08 09:00");
    assert_eq!(records[1][11], "Running");
    // The export names the zone of its times in the header; the import reads them in it.
    assert_eq!(records[0][8], "Reported at (Europe/London)");
    let plan = plan_import(
        text.as_bytes(),
        &Tz,
        "America/New_York",
        at("2027-03-09T09:00:00Z"),
    )
    .unwrap();
    assert!(plan.skipped.is_empty() && plan.check.is_empty());
    let issues = import_issues(&plan.rows, 7, "Ana", at("2027-03-09T09:00:00Z")).unwrap();
    let view = issues[0].view();
    assert_eq!(
        (view.number, view.reporter.as_str(), view.area.as_str()),
        (7, "Jo", "Quotes")
    );
    assert_eq!(view.reported_at, Some(at("2027-03-08T09:00:00Z")));
    assert_eq!(view.status(), Status::New);
}

#[test]
fn csv_import_skips_each_bad_row_and_refuses_broken_files() {
    use super::csv::plan_import;
    let plan = plan_import(b"title,Reported at,Other\nFirst,2027-03-08 09:30,x\n,2027-03-08,x\nThird,yesterday,x\nFourth,,\n", &Tz, "Europe/London", at("2027-03-09T09:00:00Z")).unwrap();
    assert_eq!(
        plan.rows
            .iter()
            .map(|r| r.title.as_str())
            .collect::<Vec<_>>(),
        ["First", "Fourth"]
    );
    assert_eq!(
        plan.skipped.iter().map(|e| e.0.row).collect::<Vec<_>>(),
        [3, 4]
    );
    assert_eq!(plan.skipped[0].1, "the title is empty");
    assert!(plan.skipped[1].1.contains("yesterday"));
    assert!(
        plan_import(b"Name,Area\nx,y\n", &Tz, "UTC", at("2027-03-09T09:00:00Z"))
            .unwrap_err()
            .contains("Title")
    );
    assert!(plan_import(b"", &Tz, "UTC", at("2027-03-09T09:00:00Z"))
        .unwrap_err()
        .contains("empty"));
}
