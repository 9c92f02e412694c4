//! Exit-review figures that do not shift: exceptions keyed by a criterion's id, and one count
//! of hypercare weeks (extensions included) in the charter's zone.
use chrono::NaiveDate;

use super::criteria::{evaluate, CriteriaSettings, CRITERION_IDS};
use super::health::{hypercare_weeks, weekly_trend};
use super::review::{Exception, ExitReview};
use crate::domain::charter::sample::sample;
use crate::domain::fixtures::{at, Tz};
use crate::domain::triage::Issue;
use crate::domain::withdrawal::WithdrawalPlan;

fn go_live() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

#[test]
fn an_exception_belongs_to_its_criterion_whatever_the_threshold() {
    let c = sample("SAP", go_live(), "Europe/Berlin");
    let plan = WithdrawalPlan::generate(&c);
    let now = at("2026-03-20T12:00:00Z");
    let mut settings = CriteriaSettings::default();
    let before = evaluate(&[], &c, Some(&plan), &settings, &Tz, now);
    let ids: Vec<&str> = before.iter().map(|r| r.id).collect();
    assert_eq!(ids, CRITERION_IDS);
    let mut review = ExitReview::default();
    let transfer = before[4].id;
    review.exception_mut(transfer).owner = "Helen".into();
    review.exception_mut(transfer).plan = "Shadowing until May".into();
    settings.transfer_percent = 60;
    let after = evaluate(&[], &c, Some(&plan), &settings, &Tz, now);
    assert_ne!(
        before[4].title, after[4].title,
        "the title carries the threshold"
    );
    assert_eq!(
        review.exception_for(after[4].id).map(|e| e.owner.as_str()),
        Some("Helen")
    );
    assert_eq!(review.exceptions.len(), 1);
}

#[test]
fn an_exception_saved_under_an_old_title_is_found_and_rekeyed() {
    let mut review = ExitReview {
        exceptions: vec![Exception { id: String::new(),
            criterion: "Knowledge transfer at \u{201c}independent operation under observation\u{201d} for 80 % of responsibilities".into(),
            owner: "Helen".into(),
            plan: "Shadowing".into(),
        }],
        ..ExitReview::default()
    };
    assert!(review.exception_for("knowledge-transfer").is_some());
    review.exception_mut("knowledge-transfer").plan = "Shadowing until May".into();
    assert_eq!(review.exceptions.len(), 1);
    assert_eq!(review.exceptions[0].criterion, "knowledge-transfer");
}

#[test]
fn hypercare_weeks_include_extensions_and_issues_count_in_the_charter_zone() {
    let c = sample("SAP", go_live(), "Europe/Berlin");
    let mut plan = WithdrawalPlan::generate(&c);
    assert_eq!(hypercare_weeks(&c, Some(&plan)).len(), 4);
    let end = plan.end_date(&c).unwrap();
    plan.extend(
        &c,
        "M. Okafor",
        "Month-end close",
        end + chrono::Duration::days(14),
        at("2026-03-25T12:00:00Z"),
    )
    .unwrap();
    let weeks = hypercare_weeks(&c, Some(&plan));
    assert_eq!(weeks.len(), 6);
    assert_eq!(
        weeks.iter().map(|w| w.extension).collect::<Vec<_>>(),
        [false, false, false, false, true, true]
    );
    assert_eq!(
        weeks[4].starts,
        NaiveDate::from_ymd_opt(2026, 3, 30).unwrap()
    );
    // Sunday 8 Mar 23:30 UTC is Monday 9 Mar 00:30 in Berlin: week 2, not week 1.
    let issue = Issue::log(1, "Posting fails", "Ana", at("2026-03-08T23:30:00Z")).unwrap();
    let late = Issue::log(2, "Month-end report", "Ana", at("2026-04-07T09:00:00Z")).unwrap();
    let trend = weekly_trend(&[issue, late], &weeks, &Tz, "Europe/Berlin");
    assert_eq!(
        trend.iter().map(|t| t.opened).collect::<Vec<_>>(),
        [0, 1, 0, 0, 0, 1]
    );
    assert!(trend[5].extension);
}
