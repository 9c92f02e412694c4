//! The stand-up's and the exit review's projector content: the same issues the triage queue's
//! clock filter finds, times in the charter's zone, met or not in words.
use super::*;
use crate::domain::exit::criteria::CriterionResult;
use crate::domain::exit::review::{Exception, ExitReview, Signature};
use crate::domain::fixtures::{self, Tz};
use crate::domain::triage::form::TriageForm;
use crate::domain::triage::{Issue, Status, Team, Triage};
use crate::domain::withdrawal::handoff::Handoff;
use crate::domain::withdrawal::signals::week_signals;
use crate::domain::withdrawal::WithdrawalPlan;
use crate::domain::workshop::exit_meeting::{
    criteria_blocks, exception_blocks, handoff_blocks, signature_blocks,
};
use crate::domain::workshop::presentation::Block;
use crate::domain::workshop::standup::{
    alert_blocks, clock_alerts, signal_blocks, support_blocks, triage_blocks, untriaged_blocks,
    MOST_ISSUES_SHOWN,
};

fn berlin() -> Charter {
    fixtures::charter("Salesforce", "2027-03-01", "Europe/Berlin")
}

/// A critical issue (2 h to first response, around the clock) reported at `reported`.
fn critical(charter: &Charter, number: u32, reported: &str) -> Issue {
    fixtures::triaged(charter, number, "critical", reported)
}

fn table_rows(blocks: &[Block]) -> Vec<Vec<String>> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

fn facts(blocks: &[Block]) -> Vec<(String, String)> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Facts(f) => Some(f.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

#[test]
fn breached_issues_come_first_then_at_risk_ones_and_history_is_left_out() {
    let charter = berlin();
    let now = fixtures::at("2027-03-02T10:30:00Z");
    // 2 h 30 m without a response: breached.
    let breached = critical(&charter, 1, "2027-03-02T08:00:00Z");
    // 95 of 120 minutes used: at risk (past 75 %).
    let at_risk = critical(&charter, 2, "2027-03-02T08:55:00Z");
    // 20 minutes in: fine.
    let fine = critical(&charter, 3, "2027-03-02T10:10:00Z");
    // Breached, then resolved: a missed target is history, not a stand-up item.
    let mut resolved = critical(&charter, 4, "2027-03-02T07:00:00Z");
    resolved
        .set_status(
            Status::Resolved,
            "",
            "Ana",
            fixtures::at("2027-03-02T10:00:00Z"),
        )
        .unwrap();
    let issues = vec![fine, at_risk, resolved, breached];
    let (b, r) = clock_alerts(&issues, &charter, &Tz, now);
    assert_eq!(b.iter().map(|a| a.number).collect::<Vec<_>>(), vec![1]);
    assert_eq!(r.iter().map(|a| a.number).collect::<Vec<_>>(), vec![2]);
    assert_eq!(b[0].severity, "Critical");
    assert_eq!(b[0].clock, "First response");
}

#[test]
fn due_times_show_in_the_charter_zone_with_its_abbreviation() {
    let charter = berlin();
    let issues = vec![critical(&charter, 1, "2027-03-02T08:00:00Z")];
    let blocks = alert_blocks(&issues, &charter, &Tz, fixtures::at("2027-03-02T10:30:00Z"));
    assert_eq!(blocks[0], Block::Heading("\u{2716} Breached: 1".to_owned()));
    let rows = table_rows(&blocks);
    assert_eq!(rows[0][0], "#1 Quotes do not save");
    assert_eq!(rows[0][1], "Critical");
    // Due 10:00 UTC is 11:00 in Berlin in March (CET, before daylight saving).
    assert_eq!(
        rows[0][2],
        "First response was due Tue 2 Mar 2027, 11:00 CET"
    );
    // Nothing at risk: an empty list, which the projector words as "None.".
    assert!(blocks.contains(&Block::Heading("\u{26a0} At risk: 0".to_owned())));
    assert_eq!(blocks.last(), Some(&Block::List(Vec::new())));
}

#[test]
fn a_long_list_is_cut_to_what_fits_and_the_rest_counted() {
    let charter = berlin();
    let issues: Vec<Issue> = (1..=MOST_ISSUES_SHOWN as u32 + 2)
        .map(|n| critical(&charter, n, "2027-03-02T07:00:00Z"))
        .collect();
    let blocks = alert_blocks(&issues, &charter, &Tz, fixtures::at("2027-03-02T10:30:00Z"));
    assert_eq!(table_rows(&blocks).len(), MOST_ISSUES_SHOWN);
    assert!(blocks.contains(&Block::Text("And 2 more: see the triage queue.".to_owned())));
}

#[test]
fn the_issue_being_triaged_shows_scope_and_severity_or_destination() {
    let charter = berlin();
    let mut form = TriageForm {
        title: " Invoices print blank ".to_owned(),
        ..TriageForm::default()
    };
    let shown = facts(&triage_blocks(7, &form, &charter));
    assert_eq!(shown[0].1, "#7 Invoices print blank");
    assert_eq!(shown[2].1, "Not decided yet");

    form.category_id = "configuration-defects".to_owned();
    form.severity_id = "important".to_owned();
    let shown = facts(&triage_blocks(7, &form, &charter));
    assert_eq!(shown[1].1, "Configuration defects");
    assert!(shown[2].1.starts_with("In scope"));
    assert_eq!(shown[3], ("Severity".to_owned(), "Important".to_owned()));

    form.category_id = "new-report-development".to_owned();
    let shown = facts(&triage_blocks(7, &form, &charter));
    assert!(shown[2].1.starts_with("Out of scope"));
    assert_eq!(
        shown[3],
        ("Routed to".to_owned(), "Enhancement backlog".to_owned())
    );
    form.route_override = Some(crate::domain::charter::RoutingDestination::GovernanceCommittee);
    let shown = facts(&triage_blocks(7, &form, &charter));
    assert_eq!(shown[3].1, "Governance committee");
}

#[test]
fn only_untriaged_issues_wait_for_the_stand_up() {
    let charter = berlin();
    let waiting = Issue::log(
        2,
        "Cannot log in",
        "Ben",
        fixtures::at("2027-03-02T08:00:00Z"),
    )
    .unwrap();
    let issues = vec![critical(&charter, 1, "2027-03-02T08:00:00Z"), waiting];
    let blocks = untriaged_blocks(&issues);
    assert_eq!(blocks[1], Block::List(vec!["#2 Cannot log in".to_owned()]));
}

#[test]
fn today_shows_the_plans_week_level_and_the_held_level() {
    let charter = berlin();
    let mut plan = WithdrawalPlan::generate(&charter);
    let week2 = fixtures::date("2027-03-09");
    let shown = facts(&support_blocks(Some(&plan), &charter, week2));
    assert_eq!(shown[0].1, "2 of 4");
    assert_eq!(shown[1].1, "Critical only");
    assert!(shown.contains(&("Project team handles".to_owned(), "Critical".to_owned())));

    plan.hold(
        3,
        "Priya",
        "A new critical issue",
        fixtures::at("2027-03-15T09:00:00Z"),
    )
    .unwrap();
    let shown = facts(&support_blocks(
        Some(&plan),
        &charter,
        fixtures::date("2027-03-16"),
    ));
    assert_eq!(
        shown[1].1,
        "Critical only (held at last week\u{2019}s level)"
    );

    let before = support_blocks(Some(&plan), &charter, fixtures::date("2027-02-20"));
    assert!(matches!(&before[0], Block::Text(t) if t.contains("not started")));
    let none = support_blocks(None, &charter, week2);
    assert!(matches!(&none[0], Block::Text(t) if t.contains("No withdrawal plan")));
}

#[test]
fn dependency_signals_show_the_weeks_so_far_and_the_plans_warnings() {
    let charter = berlin();
    let plan = WithdrawalPlan::generate(&charter);
    // Week 2 gives important issues to the business team; the project team worked both.
    let mut issues = Vec::new();
    for n in 1..=2 {
        let mut issue = fixtures::triaged(&charter, n, "important", "2027-03-09T09:00:00Z");
        issue
            .worked_by(
                Team::ProjectTeam,
                "Ana",
                fixtures::at("2027-03-09T10:00:00Z"),
            )
            .unwrap();
        issues.push(issue);
    }
    let signals = week_signals(&issues, &plan, &charter, |t| t.date_naive());
    let blocks = signal_blocks(&signals, Some(2));
    let rows = table_rows(&blocks);
    assert_eq!(rows.len(), 2, "weeks 1 and 2, not the weeks to come");
    assert_eq!(rows[1], vec!["Week\u{a0}2", "2", "0", "2"]);
    assert!(
        matches!(blocks.last(), Some(Block::List(w)) if w[0].starts_with("Week 2: the project team worked on 2 of the 2"))
    );
    let quiet = signal_blocks(
        &week_signals(&[], &plan, &charter, |t| t.date_naive()),
        Some(1),
    );
    assert!(matches!(quiet.last(), Some(Block::Text(t)) if t.starts_with("\u{2714} No warning")));
}

fn criterion(id: &'static str, met: bool) -> CriterionResult {
    CriterionResult {
        id,
        title: format!("Criterion {id}"),
        met,
        mandatory: true,
        evidence: format!("Evidence for {id}"),
    }
}

#[test]
fn criteria_say_met_or_not_met_in_words() {
    let blocks = criteria_blocks(&[criterion("a", true), criterion("b", false)]);
    assert_eq!(blocks[0], Block::Heading("1 of 2 criteria met".to_owned()));
    let rows = table_rows(&blocks);
    assert_eq!(rows[0], vec!["\u{2714}\u{a0}Met", "Criterion a"]);
    // The evidence is shown under the criteria the room has to discuss.
    assert_eq!(
        rows[1],
        vec![
            "\u{2716}\u{a0}Not\u{a0}met",
            "Criterion b\nEvidence: Evidence for b"
        ]
    );
}

#[test]
fn exceptions_list_each_unmet_criterion_with_its_owner_and_plan() {
    let criteria = [
        criterion("a", true),
        criterion("b", false),
        criterion("c", false),
    ];
    let review = ExitReview {
        exceptions: vec![Exception {
            id: String::new(),
            criterion: "b".to_owned(),
            owner: "Lena Vogt".to_owned(),
            plan: "Fix by Friday".to_owned(),
        }],
        ..ExitReview::default()
    };
    let rows = table_rows(&exception_blocks(&criteria, Some(&review)));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0], vec!["Criterion b", "Lena Vogt", "Fix by Friday"]);
    assert_eq!(rows[1][1], "\u{2716}\u{a0}Missing");
    let all_met = exception_blocks(&[criterion("a", true)], None);
    assert!(matches!(&all_met[0], Block::Text(t) if t.contains("no exception is needed")));
}

#[test]
fn handoff_readiness_names_owners_stages_and_gaps() {
    let charter = berlin();
    let plan = WithdrawalPlan::generate(&charter);
    let mut handoff = Handoff::default_for(&plan, &charter);
    handoff.owner_name = "Lena Vogt".to_owned();
    handoff.owner_role = "Head of Sales Operations".to_owned();
    handoff.responsibilities[0].owner = "Tom Berg".to_owned();
    handoff.responsibilities[0].transfer[0].done = "2027-03-05".to_owned();
    let blocks = handoff_blocks(Some(&handoff), fixtures::date("2027-03-02"));
    assert_eq!(facts(&blocks)[0].1, "Lena Vogt, Head of Sales Operations");
    let rows = table_rows(&blocks);
    assert_eq!(
        rows[0],
        vec!["System administration", "Tom Berg", "Documentation review"]
    );
    assert_eq!(rows[1][1], "\u{2716}\u{a0}Missing");
    assert_eq!(rows[1][2], "Not started");
    // Four gaps at most on the projector, the rest counted.
    let gaps = blocks
        .iter()
        .find_map(|b| match b {
            Block::List(g) => Some(g.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(gaps.len(), 4);
    assert_eq!(gaps[0], "System administration: document the process");
    assert!(
        matches!(blocks.last(), Some(Block::Text(t)) if t.starts_with("And ") && t.ends_with(" more: see the handoff in the plan."))
    );
}

#[test]
fn signatures_say_who_signed_and_who_still_has_to() {
    let mut review = ExitReview {
        project_signature: Signature {
            name: "Priya Raman".to_owned(),
            role: "Project lead".to_owned(),
            date: "2027-03-29".to_owned(),
            account: String::new(),
        },
        ..ExitReview::default()
    };
    let shown = facts(&signature_blocks(Some(&review)));
    assert_eq!(
        shown[0].1,
        "\u{2716} Still to sign: Priya Raman, Project lead"
    );
    assert_eq!(shown[1].1, "\u{2716} Still to sign: nobody named yet");
    review.signed_at = Some(fixtures::at("2027-03-29T15:00:00Z"));
    let shown = facts(&signature_blocks(Some(&review)));
    assert_eq!(
        shown[0].1,
        "\u{2714} Signed by Priya Raman, Project lead on 2027-03-29"
    );
}

#[test]
fn out_of_scope_requests_raise_no_clock_alert() {
    let charter = berlin();
    let mut issue = Issue::log(
        9,
        "A report by region",
        "Ana",
        fixtures::at("2027-03-02T08:00:00Z"),
    )
    .unwrap();
    issue
        .triage(
            &charter,
            Triage::out_of_scope("new-report-development"),
            "Ana",
            fixtures::at("2027-03-02T08:05:00Z"),
        )
        .unwrap();
    let (b, r) = clock_alerts(
        &[issue],
        &charter,
        &Tz,
        fixtures::at("2027-03-09T08:00:00Z"),
    );
    assert!(
        b.is_empty() && r.is_empty(),
        "out-of-scope requests have no SLA clocks"
    );
}
