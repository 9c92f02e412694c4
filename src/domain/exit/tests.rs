use super::criteria::{evaluate, CriteriaSettings};
use super::health::{health, hypercare_weeks, weekly_trend};
use crate::domain::charter::Charter;
use crate::domain::fixtures::{self, at};
use crate::domain::triage::zone::Utc0;
use crate::domain::triage::{Issue, Status, Triage};
use crate::domain::withdrawal::WithdrawalPlan;

fn charter() -> Charter {
    // Mon-Fri 08:00-18:00 UTC, critical 2 h / 8 h 24x7, important 8 h / 24 h, minor 24 h / 40 h.
    fixtures::charter("Salesforce", "2027-03-01", "UTC")
}

fn triaged(n: u32, severity: &str, reported: &str) -> Issue {
    fixtures::triaged(&charter(), n, severity, reported)
}

#[test]
fn criteria_follow_the_data() {
    let c = charter();
    let mut plan = WithdrawalPlan::generate(&c);
    let now = at("2027-03-26T12:00:00Z");
    let mut critical = triaged(1, "critical", "2027-03-10T09:00:00Z");
    critical
        .set_status(Status::InProgress, "", "", at("2027-03-10T10:00:00Z"))
        .unwrap();
    let mut important = triaged(2, "important", "2027-03-11T09:00:00Z");
    important
        .set_status(Status::InProgress, "", "", at("2027-03-12T12:00:00Z"))
        .unwrap(); // 13 working hours: missed
    let untriaged = Issue::log(3, "Something", "", at("2027-03-20T09:00:00Z")).unwrap();
    let issues = vec![critical.clone(), important.clone(), untriaged];
    let results = evaluate(
        &issues,
        &c,
        Some(&plan),
        &CriteriaSettings::default(),
        &Utc0,
        now,
    );
    let met: Vec<bool> = results.iter().map(|r| r.met).collect();
    assert_eq!(met, [false, false, true, false, false, false, false]);
    assert!(results[0].evidence.contains("#1"));
    assert_eq!(results[1].evidence, "1 of 2 met (50 %).");
    assert!(results[2].evidence.starts_with("Last one reported"));
    assert!(results[6]
        .evidence
        .contains("1 issue is not triaged yet: #3"));

    // Resolve and transfer, own the handoff: criteria come true.
    critical
        .set_status(Status::Resolved, "", "", at("2027-03-10T12:00:00Z"))
        .unwrap();
    important
        .transfer("Helen", "Fix in April", "", at("2027-03-20T09:00:00Z"))
        .unwrap();
    for r in &mut plan.handoff.responsibilities {
        r.owner = "Sam".into();
        r.process = "Runbook".into();
        for stage in 0..3 {
            r.transfer[stage].done = "2027-03-20".into();
        }
    }
    let issues = vec![critical, important];
    let settings = CriteriaSettings {
        response_percent: 50,
        ..CriteriaSettings::default()
    };
    let results = evaluate(&issues, &c, Some(&plan), &settings, &Utc0, now);
    assert!(results.iter().all(|r| r.met), "{results:#?}");
    // The boundary: exactly 50 % meets a 50 % threshold, not a 51 % one.
    let strict = CriteriaSettings {
        response_percent: 51,
        ..CriteriaSettings::default()
    };
    assert!(!evaluate(&issues, &c, Some(&plan), &strict, &Utc0, now)[1].met);
    // A new critical issue un-meets the quiet-period and open-critical criteria.
    let mut more = issues.clone();
    more.push(triaged(4, "critical", "2027-03-26T09:00:00Z"));
    let results = evaluate(&more, &c, Some(&plan), &settings, &Utc0, now);
    assert!(!results[0].met && !results[2].met);
}

#[test]
fn health_counts_compliance_and_medians() {
    let c = charter();
    let now = at("2027-03-26T12:00:00Z");
    let mut a = triaged(1, "important", "2027-03-08T09:00:00Z");
    a.set_status(Status::InProgress, "", "", at("2027-03-08T10:00:00Z"))
        .unwrap();
    a.set_status(Status::Resolved, "", "", at("2027-03-08T13:00:00Z"))
        .unwrap();
    let mut b = triaged(2, "important", "2027-03-09T09:00:00Z");
    b.set_status(Status::InProgress, "", "", at("2027-03-09T12:00:00Z"))
        .unwrap();
    b.set_status(Status::Resolved, "", "", at("2027-03-09T17:00:00Z"))
        .unwrap();
    let mut routed = Issue::log(3, "Report", "", at("2027-03-09T09:00:00Z")).unwrap();
    routed
        .triage(
            &c,
            Triage::out_of_scope("new-report-development"),
            "",
            at("2027-03-09T09:00:00Z"),
        )
        .unwrap();
    let h = health(&[a.clone(), b.clone(), routed.clone()], &c, &Utc0, now);
    assert_eq!(
        (h.total, h.in_scope, h.out_of_scope, h.open_in_scope),
        (3, 2, 1, 0)
    );
    assert_eq!(h.scope_pressure(), Some(33));
    let important = &h.by_severity[1];
    assert_eq!(
        (
            important.count,
            important.response_met,
            important.response_due
        ),
        (2, 2, 2)
    );
    assert_eq!(important.median_response, Some(120)); // 60 and 180 minutes
    assert_eq!(important.median_resolution, Some(360)); // 240 and 480 minutes
    assert_eq!(h.by_category.get("Configuration defects"), Some(&2));
    assert_eq!(
        h.updates_missed().as_deref(),
        Some("Critical: none missed"),
        "only the levels with a cadence are counted"
    );
    let weeks = hypercare_weeks(&c, None);
    assert_eq!(weeks.len(), 4);
    let trend = weekly_trend(&[a, b, routed], &weeks, &Utc0, "UTC");
    assert_eq!(
        (
            trend[1].opened,
            trend[1].resolved,
            trend[1].in_scope,
            trend[1].out_of_scope
        ),
        (3, 2, 2, 1)
    );
}

#[test]
fn signing_needs_exceptions_targets_and_two_different_people() {
    use super::review::{markdown, Exception, ExitReview, ReviewDocument, Signature};
    let c = charter();
    let now = at("2027-03-26T12:00:00Z");
    let mut transferred = triaged(1, "minor", "2027-03-10T09:00:00Z");
    transferred
        .transfer("Helen", "Fix in April", "", at("2027-03-20T09:00:00Z"))
        .unwrap();
    let open_critical = triaged(2, "critical", "2027-03-25T09:00:00Z");
    let issues = vec![transferred, open_critical];
    let criteria = evaluate(&issues, &c, None, &CriteriaSettings::default(), &Utc0, now);
    let mut review = ExitReview::default();
    let fields: Vec<String> = review
        .problems(&criteria, &issues)
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert!(fields.contains(&"exception-0-owner".to_owned()));
    assert!(fields.contains(&"target-1".to_owned()));
    assert!(fields.contains(&"sign-project-name".to_owned()));
    for (i, criterion) in criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| c.mandatory && !c.met)
    {
        let _ = i;
        review.exceptions.push(Exception {
            id: String::new(),
            criterion: criterion.title.clone(),
            owner: "Helen".into(),
            plan: "Weekly review".into(),
        });
    }
    review.targets.push((1, "2027-04-15".into()));
    let person = Signature {
        name: "Priya".into(),
        role: "Hypercare lead".into(),
        date: "2027-03-28".into(),
        account: String::new(),
    };
    review.project_signature = person.clone();
    review.business_signature = person;
    assert_eq!(
        review.problems(&criteria, &issues).len(),
        1,
        "same person twice"
    );
    review.business_signature = Signature {
        name: "Helen Ortiz".into(),
        role: "Head of Sales Ops".into(),
        date: "2027-03-28".into(),
        account: String::new(),
    };
    assert!(review.problems(&criteria, &issues).is_empty());
    let h = health(&issues, &c, &Utc0, now);
    let md = markdown(
        &ReviewDocument {
            name: "Acme",
            charter: &c,
            issues: &issues,
            plan: None,
            health: &h,
            criteria: &criteria,
            review: &review,
        },
        &Utc0,
    );
    for needle in [
        "# Hypercare exit review: Acme",
        "## Issues transferred to the business team (1)",
        "owner Helen, plan: Fix in April, target 2027-04-15",
        "| Critical | 1 | 1 |",
        "[not met] No open critical issue",
        "  - Exception: owner Helen",
        "- Business team: Helen Ortiz",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in {md}");
    }
}

#[test]
fn the_review_counts_updates_to_the_business_that_were_missed() {
    let c = charter();
    // Critical: an update every 2 hours around the clock. Answered 09:00, updated at 10:30,
    // then nothing until it was resolved at 15:00: the ones due at 12:30 and 14:30 missed.
    let mut issue = triaged(1, "critical", "2027-03-08T09:00:00Z");
    issue
        .set_status(Status::InProgress, "", "", at("2027-03-08T09:00:00Z"))
        .unwrap();
    issue
        .record_business_update("Workaround sent", "Ana", at("2027-03-08T10:30:00Z"))
        .unwrap();
    issue
        .set_status(Status::Resolved, "", "", at("2027-03-08T15:00:00Z"))
        .unwrap();
    let h = health(&[issue], &c, &Utc0, at("2027-03-26T12:00:00Z"));
    assert_eq!(h.by_severity[0].updates_missed, Some(2));
    assert_eq!(h.updates_missed().as_deref(), Some("Critical: 2 missed"));
}
