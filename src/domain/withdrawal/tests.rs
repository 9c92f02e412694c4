use chrono::{DateTime, Utc};

use super::ics;
use super::plan::{Cadence, Handler, PlanError, SupportLevel, WithdrawalPlan};
use crate::domain::charter::Charter;
use crate::domain::fixtures::{self, at, date};

fn now() -> DateTime<Utc> {
    at("2027-03-01T08:00:00Z")
}

fn charter(weeks: u32) -> Charter {
    let mut c = fixtures::charter("Salesforce", "2027-03-01", "Europe/London");
    c.duration_weeks = Some(weeks);
    c
}

#[test]
fn plans_for_one_to_eight_weeks_start_full_and_end_with_escalation_only() {
    use SupportLevel::*;
    let levels = |w| {
        WithdrawalPlan::generate(&charter(w))
            .weeks
            .iter()
            .map(|x| x.level)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        levels(4),
        [FullSupport, CriticalOnly, Advisory, EscalationOnly]
    );
    assert_eq!(levels(3), [FullSupport, CriticalOnly, EscalationOnly]);
    assert_eq!(levels(2), [FullSupport, CriticalOnly]);
    assert_eq!(levels(1), [FullSupport]);
    assert_eq!(
        levels(6),
        [
            FullSupport,
            CriticalOnly,
            CriticalOnly,
            Advisory,
            Advisory,
            EscalationOnly
        ]
    );
    for w in 1..=8 {
        let plan = WithdrawalPlan::generate(&charter(w));
        assert_eq!(plan.weeks.len(), w as usize);
        assert_eq!(plan.weeks[0].cadence, Cadence::Daily);
    }
    let plan = WithdrawalPlan::generate(&charter(4));
    assert_eq!(plan.weeks[1].project_severities, ["critical"]);
    assert_eq!(plan.weeks[3].cadence, Cadence::Weekly);
}

#[test]
fn dates_fall_in_weeks_and_nothing_after_the_end() {
    let c = charter(4);
    let plan = WithdrawalPlan::generate(&c);
    assert_eq!(plan.week_of(&c, date("2027-02-28")), None);
    assert_eq!(plan.week_of(&c, date("2027-03-01")), Some(1));
    assert_eq!(plan.week_of(&c, date("2027-03-07")), Some(1));
    assert_eq!(plan.week_of(&c, date("2027-03-08")), Some(2));
    assert_eq!(plan.week_of(&c, date("2027-03-28")), Some(4));
    assert_eq!(plan.week_of(&c, date("2027-03-29")), None);
}

#[test]
fn the_week_decides_who_handles_an_issue() {
    let c = charter(4);
    let plan = WithdrawalPlan::generate(&c);
    assert_eq!(
        plan.handler(&c, date("2027-03-02"), Some("minor")),
        Handler::ProjectTeam
    );
    assert_eq!(
        plan.handler(&c, date("2027-03-09"), Some("critical")),
        Handler::ProjectTeam
    );
    assert_eq!(
        plan.handler(&c, date("2027-03-09"), Some("minor")),
        Handler::BusinessTeam
    );
    assert_eq!(
        plan.handler(&c, date("2027-03-16"), Some("critical")),
        Handler::BusinessTeamAdvised
    );
    assert_eq!(
        plan.handler(&c, date("2027-03-23"), Some("critical")),
        Handler::BusinessTeam
    );
    assert_eq!(
        plan.handler(&c, date("2027-04-05"), Some("critical")),
        Handler::BusinessOwnership
    );
}

#[test]
fn extensions_and_holds_are_recorded_decisions() {
    let c = charter(4);
    let mut plan = WithdrawalPlan::generate(&c);
    assert_eq!(
        plan.extend(&c, "", "More time", date("2027-04-04"), now()),
        Err(PlanError::NameRequired)
    );
    assert_eq!(
        plan.extend(&c, "Marta", " ", date("2027-04-04"), now()),
        Err(PlanError::ReasonRequired)
    );
    assert_eq!(
        plan.extend(&c, "Marta", "Month-end close", date("2027-03-20"), now()),
        Err(PlanError::NotLater)
    );
    plan.extend(
        &c,
        "Marta",
        "Month-end close in week 5",
        date("2027-04-04"),
        now(),
    )
    .unwrap();
    assert_eq!(plan.end_date(&c), Some(date("2027-04-04")));
    // Extra days count as the last planned week.
    assert_eq!(plan.week_of(&c, date("2027-04-02")), Some(4));
    // A hold keeps week 3 at week 2's level: critical still with the project team.
    plan.hold(3, "Daniel", "New critical pricing issue on day 15", now())
        .unwrap();
    assert_eq!(plan.level_in(3), Some(SupportLevel::CriticalOnly));
    assert_eq!(
        plan.handler(&c, date("2027-03-16"), Some("critical")),
        Handler::ProjectTeam
    );
    assert_eq!(
        plan.hold(1, "Daniel", "x", now()),
        Err(PlanError::UnknownWeek)
    );
}

#[test]
fn the_calendar_file_is_valid_icalendar() {
    let c = charter(4);
    let plan = WithdrawalPlan::generate(&c);
    let text = ics::export(
        "q3m7xkd2pa",
        "Acme CRM, wave 2; EMEA",
        &plan,
        &c,
        &[],
        now(),
    );
    assert!(text.lines().all(|l| l.len() <= 76), "lines are folded");
    assert!(text.contains("\r\n"));
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none());
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    let summaries: Vec<String> = calendar.events.iter().map(|e| prop(e, "SUMMARY")).collect();
    assert!(summaries
        .iter()
        .any(|s| s.contains("hypercare week 2\\, Critical only")));
    assert!(summaries
        .iter()
        .any(|s| s.ends_with("hypercare exit review")));
    // Week 1 daily (7), week 2 every other day (4), weeks 3 and 4 weekly (1 each), plus the
    // four weeks and the exit review.
    let check_ins = summaries.iter().filter(|s| s.ends_with("check-in")).count();
    assert_eq!(check_ins, 7 + 4 + 1 + 1);
    assert_eq!(calendar.events.len(), check_ins + 4 + 1);
    for event in &calendar.events {
        for required in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"] {
            assert!(!prop(event, required).is_empty(), "{required}");
        }
    }
    let exit = calendar
        .events
        .iter()
        .find(|e| prop(e, "SUMMARY").ends_with("exit review"))
        .unwrap();
    assert_eq!(prop(exit, "DTSTART"), "20270328");
}

/// The export's physical lines, split where a calendar app may split them: at CRLF, and at a
/// lone CR or LF, which many readers also take as a line end.
fn physical_lines(text: &str) -> Vec<&str> {
    text.split("\r\n")
        .flat_map(|l| l.split(['\r', '\n']))
        .collect()
}

#[test]
fn a_line_break_in_a_name_or_goal_cannot_start_a_property() {
    // A name from a backup or a share link: each kind of line break, then what would be a new
    // property if the break were written as it is.
    let name = "Acme\rEND:VCALENDAR\r\nBEGIN:VEVENT\nX-INJECTED:1\n\rDTSTART:19000101";
    let c = charter(4);
    let mut plan = WithdrawalPlan::generate(&c);
    plan.weeks[0].business_goal = "Own it\rSUMMARY:Phished".into();
    let text = ics::export("q3m7xkd2pa", name, &plan, &c, &[], now());
    let plain = ics::export(
        "q3m7xkd2pa",
        "Acme",
        &WithdrawalPlan::generate(&c),
        &c,
        &[],
        now(),
    );
    let unfolded = |t: &str| physical_lines(&t.replace("\r\n ", "")).len();
    assert_eq!(unfolded(&text), unfolded(&plain));
    assert!(!text.contains("\nX-INJECTED") && !text.contains("\rEND"));
    // Read as a reader that ends lines at a lone CR would: still one calendar, the same
    // events, and the whole name inside each summary.
    let read = physical_lines(&text).join("\n");
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(read.as_bytes()));
    let calendar = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none());
    let escaped = "Acme\\nEND:VCALENDAR\\nBEGIN:VEVENT\\nX-INJECTED:1\\n\\nDTSTART:19000101";
    assert_eq!(calendar.events.len(), 18);
    for event in &calendar.events {
        let names: Vec<&str> = event.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "UID",
                "DTSTAMP",
                "DTSTART",
                "DTEND",
                "SUMMARY",
                "DESCRIPTION",
                "TRANSP"
            ]
        );
        let summary = event.properties[4].value.as_deref().unwrap_or_default();
        assert!(
            summary.starts_with(&format!("{escaped}: hypercare")),
            "{summary}"
        );
    }
    let description = calendar.events[0].properties[5].value.clone().unwrap();
    assert!(
        description.ends_with("Own it\\nSUMMARY:Phished"),
        "{description}"
    );
}

#[test]
fn folding_never_splits_a_character_or_an_escape() {
    let c = charter(1);
    let plan = WithdrawalPlan::generate(&c);
    // Every position of the fold against escapes and two- and three-byte characters.
    for pad in 0..80 {
        let name = format!("{}é,;\\€\né,,,;;;€€€{}", "x".repeat(pad), ",é".repeat(40));
        let text = ics::export("q3m7xkd2pa", &name, &plan, &c, &[], now());
        let lines: Vec<&str> = text.split("\r\n").collect();
        for line in &lines {
            assert!(line.len() <= 75, "{line}");
            let backslashes = line.len() - line.trim_end_matches('\\').len();
            assert!(
                backslashes % 2 == 0,
                "an escape split at the end of {line:?}"
            );
        }
        // Unfolded, the summary is the name escaped, whole.
        let unfolded = text.replace("\r\n ", "");
        let escaped = name
            .replace('\\', "\\\\")
            .replace(',', "\\,")
            .replace(';', "\\;")
            .replace('\n', "\\n");
        assert!(unfolded.contains(&format!("SUMMARY:{escaped}: hypercare week 1")));
    }
}

#[test]
fn readiness_lists_what_is_missing_until_the_handoff_is_complete() {
    use super::handoff::KtStage;
    let c = charter(4);
    let mut plan = WithdrawalPlan::generate(&c);
    let h = &mut plan.handoff;
    assert_eq!(h.responsibilities.len(), 5);
    // Knowledge transfer is planned along the weeks: independent by the end date.
    assert_eq!(h.responsibilities[0].transfer[3].planned, "2027-03-28");
    assert_eq!(h.responsibilities[0].transfer[0].planned, "2027-03-07");
    let gaps = h.gaps(date("2027-03-01"));
    assert_eq!(gaps[0].field, "handoff-owner-name");
    assert!(gaps.iter().any(|g| g.field == "resp-user-support-owner"));
    h.owner_name = "Helen Ortiz".into();
    h.owner_role = "Project manager".into();
    assert!(h
        .gaps(date("2027-03-01"))
        .iter()
        .any(|g| g.message.contains("not the project manager")));
    h.owner_role = "Head of Sales Operations".into();
    for r in &mut h.responsibilities {
        r.owner = "Sam and Alex".into();
        r.process = "Runbook in the CRM wiki".into();
    }
    assert!(h
        .gaps(date("2027-03-01"))
        .iter()
        .any(|g| g.message.contains("one owner, not several")));
    for r in &mut h.responsibilities {
        r.owner = "Sam Lee".into();
    }
    for channel in &mut h.escalation {
        channel.who = "Brightpath support".into();
        channel.how = "support@brightpath.example".into();
    }
    assert_eq!(h.gaps(date("2027-03-01")), vec![]);
    // A planned stage that passed without being done is behind.
    let behind = h.gaps(date("2027-03-10"));
    assert!(behind
        .iter()
        .any(|g| g.message.contains("documentation review is behind plan")));
    h.responsibilities[0].transfer[0].done = "2027-03-05".into();
    assert_eq!(
        h.responsibilities[0].stage_reached(),
        Some(KtStage::DocumentationReview)
    );
}

#[test]
fn dependency_signals_count_who_did_the_business_teams_work() {
    use super::signals::{warnings, week_signals};
    use crate::domain::triage::{Issue, Team, Triage};
    let c = charter(4);
    let plan = WithdrawalPlan::generate(&c);
    let issue = |n: u32, reported: &str, severity: &str, team: Option<Team>| {
        let mut i = Issue::log(n, "Something", "", at(reported)).unwrap();
        i.triage(
            &c,
            Triage::in_scope("configuration-defects", severity),
            "",
            at(reported),
        )
        .unwrap();
        if let Some(team) = team {
            i.worked_by(team, "", at(reported)).unwrap();
        }
        i
    };
    let issues = vec![
        // Week 2: minor issues belong to the business team; the project team took two of three.
        issue(1, "2027-03-09T10:00:00Z", "minor", Some(Team::ProjectTeam)),
        issue(2, "2027-03-09T11:00:00Z", "minor", Some(Team::ProjectTeam)),
        issue(3, "2027-03-10T10:00:00Z", "minor", Some(Team::BusinessTeam)),
        issue(
            4,
            "2027-03-10T10:00:00Z",
            "critical",
            Some(Team::ProjectTeam),
        ),
        // Week 3 (advisory): everything is the business team's; the project team took both.
        issue(
            5,
            "2027-03-16T10:00:00Z",
            "important",
            Some(Team::ProjectTeam),
        ),
        issue(6, "2027-03-17T10:00:00Z", "minor", Some(Team::ProjectTeam)),
    ];
    let signals = week_signals(&issues, &plan, &c, |t| t.date_naive());
    assert_eq!(
        (
            signals[1].reported,
            signals[1].for_business,
            signals[1].project_on_business,
            signals[1].business_worked
        ),
        (4, 3, 2, 1)
    );
    assert_eq!(
        (signals[2].for_business, signals[2].project_on_business),
        (2, 2)
    );
    let found = warnings(&signals);
    assert!(found[0].starts_with("Week 2: the project team worked on 2 of the 3"));
    assert!(found.last().unwrap().contains("becoming permanent"));
    // Healthy: the business team does its share, no warnings.
    let healthy = vec![
        issue(7, "2027-03-09T10:00:00Z", "minor", Some(Team::BusinessTeam)),
        issue(8, "2027-03-16T10:00:00Z", "minor", Some(Team::BusinessTeam)),
    ];
    assert!(warnings(&week_signals(&healthy, &plan, &c, |t| t.date_naive())).is_empty());
}

#[test]
fn open_critical_issues_come_with_an_alarm_at_their_due_time() {
    let c = charter(4);
    let plan = WithdrawalPlan::generate(&c);
    // Critical (2 h to respond, around the clock), reported 09:00 UTC: due at 11:00 UTC.
    let critical = fixtures::triaged(&c, 1, "critical", "2027-03-02T09:00:00Z");
    // Important issues get none; a critical one past its target neither.
    let important = fixtures::triaged(&c, 2, "important", "2027-03-02T09:00:00Z");
    let late = fixtures::triaged(&c, 3, "critical", "2027-03-01T09:00:00Z");
    let now = at("2027-03-02T10:00:00Z");
    let alarms = ics::due_alarms(
        "q3m7xkd2pa",
        &[critical, important, late],
        &c,
        &fixtures::Tz,
        now,
    );
    assert_eq!(alarms.len(), 1, "{alarms:?}");
    assert_eq!(alarms[0].at, at("2027-03-02T11:00:00Z"));
    assert_eq!(
        alarms[0].summary,
        "#1 Quotes do not save: first response due"
    );
    let text = ics::export("q3m7xkd2pa", "Acme", &plan, &c, &alarms, now);
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser.next().expect("one calendar").expect("parses");
    let timed: Vec<_> = calendar
        .events
        .iter()
        .filter(|e| {
            e.properties
                .iter()
                .any(|p| p.value.as_deref() == Some("20270302T110000Z"))
        })
        .collect();
    assert_eq!(timed.len(), 1, "an event at the due instant, in UTC");
    assert_eq!(timed[0].alarms.len(), 1, "with an alarm");
    let trigger = timed[0].alarms[0]
        .properties
        .iter()
        .find(|p| p.name == "TRIGGER")
        .and_then(|p| p.value.clone());
    assert_eq!(trigger.as_deref(), Some("PT0M"));
}
