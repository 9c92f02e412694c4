//! The crashes and data losses issue 28 found, each tried against the code behind the doors:
//! what the bounds let through must never overflow, loop for ages or wrap round.
use super::bounds::MAX_NUMBER;
use super::exit::health::hypercare_weeks;
use super::fixtures::{self, at};
use super::triage::{Issue, TriageError};
use super::{Engagement, EngagementForm, EngagementId};

#[test]
fn a_typed_duration_of_100000_weeks_gives_the_planned_weeks_not_a_crash() {
    for typed in [100_000, 99_999_999, u32::MAX] {
        let mut charter = fixtures::charter("SAP", "2027-03-01", "UTC");
        charter.duration_weeks = Some(typed);
        assert_eq!(charter.end_date(), None);
        let weeks = hypercare_weeks(&charter, None);
        assert_eq!(
            weeks.len(),
            4,
            "a duration outside 1-8 weeks counts as the default"
        );
    }
}

#[test]
fn hypercare_weeks_stop_at_the_calendars_end() {
    let mut charter = fixtures::charter("SAP", "2027-03-01", "UTC");
    charter.go_live = "2200-12-01".into();
    let weeks = hypercare_weeks(&charter, None);
    assert!(weeks.len() <= 4);
    // A go-live past the bounds is no go-live at all: nothing to count from.
    charter.go_live = "+262142-01-01".into();
    assert!(hypercare_weeks(&charter, None).is_empty());
}

#[test]
fn issue_numbers_stop_before_they_could_wrap() {
    let engagement = |number: u32| {
        let form = EngagementForm {
            name: "Acme".into(),
            system: "SAP".into(),
            go_live: "2027-03-01".into(),
        };
        let details = form.parse([]).unwrap();
        let mut e = Engagement::new(
            EngagementId::from_random_bytes([1; 8]),
            details,
            at("2027-03-01T09:00:00Z"),
        );
        e.issues = vec![Issue::log(number, "Last", "Ana", at("2027-03-02T09:00:00Z")).unwrap()];
        e
    };
    assert_eq!(engagement(41).next_issue_number(), Ok(42));
    assert_eq!(
        engagement(MAX_NUMBER as u32).next_issue_number(),
        Err(TriageError::NumbersExhausted)
    );
    assert_eq!(
        engagement(u32::MAX).next_issue_number(),
        Err(TriageError::NumbersExhausted)
    );
}

#[test]
fn a_reported_time_outside_the_bounds_is_refused_at_the_form() {
    let now = at("2027-03-02T09:00:00Z");
    assert_eq!(
        super::triage::issue::check_reported_at(at("1969-12-31T23:59:00Z"), now),
        Err(TriageError::ReportedOutOfBounds)
    );
    assert_eq!(
        super::triage::issue::check_reported_at(at("1970-01-01T00:00:00Z"), now),
        Ok(())
    );
}
