use super::figures::{as_of, compile, Sources};
use super::markdown::{escape, markdown};
use super::period::{choices, period, PeriodChoice};
use super::rating::Rating;
use super::*;
use crate::domain::charter::Charter;
use crate::domain::exit::criteria::CriteriaSettings;
use crate::domain::fixtures::{at, charter, date, triaged, Tz};
use crate::domain::triage::{Issue, Status};
use crate::domain::withdrawal::WithdrawalPlan;

/// Go-live Monday 22 March 2027 in London: week 1 crosses the change to summer time (28 March).
fn london() -> Charter {
    charter("Salesforce", "2027-03-22", "Europe/London")
}

fn sources<'a>(
    charter: &'a Charter,
    plan: Option<&'a WithdrawalPlan>,
    issues: &'a [Issue],
    criteria: &'a CriteriaSettings,
) -> Sources<'a> {
    Sources {
        name: "Acme CRM rollout",
        issues,
        charter,
        plan,
        criteria,
        rules: &Tz,
    }
}

fn resolved(mut issue: Issue, when: &str) -> Issue {
    issue
        .set_status(Status::Resolved, "fixed", "Ana", at(when))
        .expect("an in-scope issue can be resolved");
    issue
}

#[test]
fn a_week_is_seven_local_days_in_the_charters_zone_across_daylight_saving() {
    let c = london();
    let week = period(PeriodChoice::Week { number: 1 }, &c, None, &Tz).expect("week 1");
    assert_eq!(week.start, at("2027-03-22T00:00:00Z"), "midnight GMT");
    assert_eq!(
        week.end,
        at("2027-03-28T23:00:00Z"),
        "midnight BST, after the change"
    );
    assert_eq!(week.label, "Week 1: Mon 22 Mar 2027 to Sun 28 Mar 2027");
    let day = period(
        PeriodChoice::Day {
            date: date("2027-03-29"),
        },
        &c,
        None,
        &Tz,
    )
    .expect("a day");
    assert_eq!(
        (day.start, day.end),
        (at("2027-03-28T23:00:00Z"), at("2027-03-29T23:00:00Z"))
    );
}

#[test]
fn the_first_and_last_weeks_and_an_extension_week_are_periods() {
    let c = london();
    let mut plan = WithdrawalPlan::generate(&c);
    let weeks = c.duration_weeks.unwrap_or(4);
    assert!(period(PeriodChoice::Week { number: 0 }, &c, Some(&plan), &Tz).is_none());
    assert!(period(PeriodChoice::Week { number: weeks }, &c, Some(&plan), &Tz).is_some());
    assert!(period(
        PeriodChoice::Week { number: weeks + 1 },
        &c,
        Some(&plan),
        &Tz
    )
    .is_none());
    let end = plan.end_date(&c).expect("an end");
    plan.extend(
        &c,
        "Priya",
        "Month-end close",
        end + chrono::Days::new(7),
        at("2027-04-10T09:00:00Z"),
    )
    .expect("extended");
    let extra = period(
        PeriodChoice::Week { number: weeks + 1 },
        &c,
        Some(&plan),
        &Tz,
    )
    .expect("the extension week");
    assert!(extra.extension);
    assert!(extra.label.contains("(extension)"), "{}", extra.label);
    let offered = choices(&c, Some(&plan), date("2027-04-30"));
    assert_eq!(
        offered[0],
        PeriodChoice::Day {
            date: date("2027-04-30")
        }
    );
    assert_eq!(
        offered[1],
        PeriodChoice::Week { number: weeks + 1 },
        "latest week first"
    );
}

#[test]
fn counts_keep_their_issue_numbers_and_take_the_data_as_it_stood_at_the_end() {
    let c = london();
    let criteria = CriteriaSettings::default();
    // Week 2 runs from Mon 29 March 00:00 BST (28 March 23:00 UTC).
    let issues = vec![
        resolved(
            triaged(&c, 1, "critical", "2027-03-23T09:00:00Z"),
            "2027-03-30T10:00:00Z",
        ),
        triaged(&c, 2, "minor", "2027-03-29T08:00:00Z"),
        // Resolved after week 2 ended: open at the end of week 2.
        resolved(
            triaged(&c, 3, "important", "2027-03-30T09:00:00Z"),
            "2027-04-06T09:00:00Z",
        ),
        // Logged after the week: not counted at all.
        triaged(&c, 4, "minor", "2027-04-06T09:00:00Z"),
    ];
    let week = period(PeriodChoice::Week { number: 2 }, &c, None, &Tz).expect("week 2");
    let f = compile(
        &sources(&c, None, &issues, &criteria),
        &week,
        at("2027-04-20T09:00:00Z"),
    );
    assert_eq!(f.total.opened, [2, 3]);
    assert_eq!(f.total.resolved, [1]);
    assert_eq!(f.total.open, [2, 3]);
    let critical = f
        .by_severity
        .iter()
        .find(|r| r.name == "Critical")
        .expect("a row");
    assert_eq!(
        (
            critical.opened.len(),
            critical.resolved.len(),
            critical.open.len()
        ),
        (0, 1, 0)
    );
    assert_eq!(as_of(&issues, at("2027-03-29T09:00:00Z")).len(), 2);
}

#[test]
fn a_second_report_shows_the_change_against_the_first() {
    let c = london();
    let criteria = CriteriaSettings::default();
    let mut issues = vec![triaged(&c, 1, "critical", "2027-03-23T09:00:00Z")];
    let mut file = SteeringFile::default();
    let week1 = period(PeriodChoice::Week { number: 1 }, &c, None, &Tz).expect("week 1");
    file.prepare(week1.choice, "ana", at("2027-03-29T08:00:00Z"));
    let first = compile(
        &sources(&c, None, &issues, &criteria),
        &week1,
        at("2027-03-29T08:00:00Z"),
    );
    assert_eq!(
        file.issue(first, "ana", at("2027-03-29T08:00:00Z")),
        Some(1)
    );
    issues.push(triaged(&c, 2, "critical", "2027-03-30T09:00:00Z"));
    issues.push(triaged(&c, 3, "critical", "2027-03-31T09:00:00Z"));
    issues[0] = resolved(issues[0].clone(), "2027-03-30T12:00:00Z");
    let week2 = period(PeriodChoice::Week { number: 2 }, &c, None, &Tz).expect("week 2");
    file.prepare(week2.choice, "ana", at("2027-04-05T08:00:00Z"));
    let second = compile(
        &sources(&c, None, &issues, &criteria),
        &week2,
        at("2027-04-05T08:00:00Z"),
    );
    assert_eq!(
        file.issue(second, "ana", at("2027-04-05T08:00:00Z")),
        Some(2)
    );
    let issued = file
        .by_number(2)
        .and_then(|r| r.issued.as_ref())
        .expect("issued");
    let critical = &issued.figures.by_severity[0];
    // Week 1: 1 opened, 0 resolved, 1 open. Week 2: 2 opened, 1 resolved, 2 open.
    assert_eq!(critical.change, Some([1, 1, 1]));
    assert_eq!(issued.figures.compared_with, Some(1));
    assert!(
        issued
            .frozen_markdown
            .contains("| Critical | 2 (+1) | 1 (+1) | 2 (+1) |"),
        "{}",
        issued.frozen_markdown
    );
    // The first report, issued before, never changes.
    let first = file
        .by_number(1)
        .and_then(|r| r.issued.as_ref())
        .expect("issued");
    assert_eq!(first.figures.total.open, [1]);
}

#[test]
fn status_rules_give_a_colour_and_a_reason() {
    let c = london();
    let criteria = CriteriaSettings::default();
    let issues = vec![triaged(&c, 1, "critical", "2027-03-23T09:00:00Z")];
    let week = period(PeriodChoice::Week { number: 1 }, &c, None, &Tz).expect("week 1");
    let f = compile(
        &sources(&c, None, &issues, &criteria),
        &week,
        at("2027-03-29T08:00:00Z"),
    );
    let area = |name: &str| f.areas.iter().find(|a| a.area == name).expect("an area");
    assert_eq!(area("Stability").rating, Rating::Red);
    assert!(
        area("Stability").reason.contains("1 Critical issue open"),
        "{}",
        area("Stability").reason
    );
    // A critical issue untouched for days breached both its targets within the week.
    assert_eq!(area("Service levels").rating, Rating::Red);
    assert_eq!(area("Scope").rating, Rating::Green);
    assert_eq!(area("Handoff").rating, Rating::Amber, "no plan yet");
    let quiet = compile(
        &sources(&c, None, &[], &criteria),
        &week,
        at("2027-03-29T08:00:00Z"),
    );
    let rating = |name: &str| {
        quiet
            .areas
            .iter()
            .find(|a| a.area == name)
            .map(|a| a.rating)
    };
    assert_eq!(rating("Stability"), Some(Rating::Green));
    assert_eq!(rating("Service levels"), Some(Rating::Green));
}

#[test]
fn typed_text_never_becomes_markup() {
    assert_eq!(escape("*urgent* <b>"), "\\*urgent\\* \\<b\\>");
    assert_eq!(escape("- not a list"), "\\- not a list");
    assert_eq!(escape("1. not a list"), "1\\. not a list");
    assert_eq!(escape("[link](javascript:x)"), "\\[link\\](javascript:x)");
    let c = london();
    let criteria = CriteriaSettings::default();
    let week = period(PeriodChoice::Week { number: 1 }, &c, None, &Tz).expect("week 1");
    let f = compile(
        &sources(&c, None, &[], &criteria),
        &week,
        at("2027-03-29T08:00:00Z"),
    );
    let md = markdown(&f, "# Budget\n\nApprove | extend", "", None);
    assert!(md.contains("\\# Budget\n\nApprove \\| extend"), "{md}");
    assert!(md.contains("## Risks\n\nNone recorded."));
}
