use super::problems::problems_in;
use super::*;
use crate::domain::fixtures::date;

fn complete() -> Charter {
    sample::sample(
        "Salesforce Sales Cloud",
        date("2027-03-01"),
        "Europe/London",
    )
}

fn approval() -> ApprovalForm {
    ApprovalForm {
        name: "Marta Lindqvist".into(),
        role: "Project sponsor".into(),
        date: "2027-02-20".into(),
    }
}

#[test]
fn the_end_date_counts_the_go_live_day_as_day_one() {
    let mut charter = complete();
    assert_eq!(charter.end_date(), Some(date("2027-03-28")));
    charter.duration_weeks = Some(2);
    assert_eq!(charter.end_date(), Some(date("2027-03-14")));
    charter.duration_weeks = Some(9);
    assert_eq!(charter.end_date(), None);
    charter.duration_weeks = Some(4);
    charter.go_live = "2027-02-30".into();
    assert_eq!(charter.end_date(), None);
}

#[test]
fn the_sample_charter_has_no_open_problems() {
    assert_eq!(problems(&complete()), vec![]);
}

#[test]
fn a_new_charter_has_defaults_from_the_article_and_asks_for_names() {
    let charter = Charter::new("SAP", date("2027-03-01"), "Europe/Berlin");
    assert_eq!(charter.duration_weeks, Some(4));
    let targets: Vec<_> = charter
        .severities
        .iter()
        .map(|s| (s.name.as_str(), s.response_hours))
        .collect();
    assert_eq!(
        targets,
        [
            ("Critical", Some(2)),
            ("Important", Some(8)),
            ("Minor", Some(24))
        ]
    );
    assert_eq!(charter.in_scope().count(), 5);
    assert_eq!(charter.out_of_scope().count(), 5);
    let open = problems(&charter);
    assert!(open
        .iter()
        .all(|p| matches!(p.step, CharterStep::Escalation | CharterStep::Routing)));
    assert!(open.iter().any(|p| p.field == "escalation-0-name"));
    assert!(open
        .iter()
        .any(|p| p.field == "destination-governance_committee-contact"));
}

#[test]
fn durations_outside_two_to_four_weeks_need_a_reason_and_outside_one_to_eight_are_refused() {
    let mut charter = complete();
    for weeks in [2, 3, 4] {
        charter.duration_weeks = Some(weeks);
        assert!(problems_in(&charter, CharterStep::Basics).is_empty());
    }
    charter.duration_weeks = Some(6);
    let open = problems_in(&charter, CharterStep::Basics);
    assert_eq!(open[0].field, "charter-duration-reason");
    charter.duration_reason = "A large SAP programme across three plants".into();
    assert!(problems_in(&charter, CharterStep::Basics).is_empty());
    for weeks in [0, 9, 52] {
        charter.duration_weeks = Some(weeks);
        assert_eq!(
            problems_in(&charter, CharterStep::Basics)[0].field,
            "charter-duration"
        );
    }
    charter.duration_weeks = None;
    assert_eq!(
        problems_in(&charter, CharterStep::Basics)[0].field,
        "charter-duration"
    );
}

#[test]
fn calendar_problems_point_at_their_fields() {
    let mut charter = complete();
    charter.calendar.working_days = [false; 7];
    charter.calendar.day_ends = charter.calendar.day_starts;
    charter.calendar.holidays.push(Holiday {
        id: String::new(),
        date: String::new(),
        name: String::new(),
    });
    let fields: Vec<_> = problems_in(&charter, CharterStep::Basics)
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(
        fields,
        [
            "charter-day-0",
            "charter-day-ends",
            "holiday-1-date",
            "holiday-1-name"
        ]
    );
}

#[test]
fn scope_needs_both_sides_and_distinct_named_categories() {
    let mut charter = complete();
    charter.categories.retain(|c| c.in_scope);
    assert_eq!(
        problems_in(&charter, CharterStep::Scope)[0].field,
        "scope-add-out"
    );
    let mut charter = complete();
    charter.categories[1].name = charter.categories[0].name.to_uppercase();
    charter.categories[2].description.clear();
    let fields: Vec<_> = problems_in(&charter, CharterStep::Scope)
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(
        fields,
        [
            "category-performance-issues-name",
            "category-user-questions-description"
        ]
    );
}

#[test]
fn service_levels_need_a_response_target_and_a_sensible_resolution() {
    let mut charter = complete();
    charter.severities[0].response_hours = None;
    charter.severities[1].resolution_hours = Some(4);
    let fields: Vec<_> = problems_in(&charter, CharterStep::ServiceLevels)
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(
        fields,
        [
            "severity-critical-response",
            "severity-important-resolution"
        ]
    );
}

#[test]
fn every_out_of_scope_category_is_routed_to_a_named_contact() {
    let mut charter = complete();
    let index = charter.categories.iter().position(|c| !c.in_scope).unwrap();
    charter.categories[index].destination = None;
    charter.destinations[1].contact.clear();
    let open = problems_in(&charter, CharterStep::Routing);
    assert_eq!(
        open[0].field,
        format!("route-{}", charter.categories[index].id)
    );
    assert_eq!(open[1].field, "destination-business_owner-contact");
    // A destination nobody routes to needs no contact.
    let mut charter = complete();
    for category in &mut charter.categories {
        if category.destination == Some(RoutingDestination::BusinessOwner) {
            category.destination = Some(RoutingDestination::GovernanceCommittee);
        }
    }
    charter.destinations[1].contact.clear();
    assert!(problems_in(&charter, CharterStep::Routing).is_empty());
}

#[test]
fn approval_is_refused_while_problems_are_open_and_freezes_the_charter() {
    let mut file = CharterFile::default();
    let mut draft = complete();
    draft.escalation[0].name.clear();
    file.start(draft).unwrap();
    assert_eq!(file.status(), CharterStatus::Draft);
    match file.approve(&approval()) {
        Err(CharterError::OpenProblems(open)) => assert_eq!(open[0].field, "escalation-0-name"),
        other => panic!("{other:?}"),
    }
    assert_eq!(file.status(), CharterStatus::Draft);
    file.draft.as_mut().unwrap().charter.escalation[0].name = "Priya Raman".into();
    let incomplete = ApprovalForm {
        name: " ".into(),
        ..approval()
    };
    assert!(matches!(
        file.approve(&incomplete),
        Err(CharterError::Approval {
            name: Some(_),
            role: None,
            date: None
        })
    ));
    assert_eq!(file.approve(&approval()), Ok(1));
    assert_eq!(file.status(), CharterStatus::Approved { revision: 1 });
    assert!(file.draft.is_none());
    assert_eq!(file.latest().unwrap().approval.name, "Marta Lindqvist");
}

#[test]
fn revising_needs_a_reason_and_keeps_earlier_revisions() {
    let mut file = CharterFile::default();
    file.start(complete()).unwrap();
    file.approve(&approval()).unwrap();
    assert_eq!(file.revise("  "), Err(CharterError::ReasonRequired));
    file.revise("Go-live moved by a week").unwrap();
    assert_eq!(file.status(), CharterStatus::Revising { approved: 1 });
    assert_eq!(file.in_force().unwrap().go_live, "2027-03-01");
    file.draft.as_mut().unwrap().charter.go_live = "2027-03-08".into();
    // The approved revision is untouched by the draft.
    assert_eq!(file.revisions[0].charter.go_live, "2027-03-01");
    assert_eq!(file.approve(&approval()), Ok(2));
    assert_eq!(file.revisions.len(), 2);
    assert_eq!(
        file.revisions[1].reason.as_deref(),
        Some("Go-live moved by a week")
    );
    assert_eq!(file.in_force().unwrap().go_live, "2027-03-08");
    // Abandoning a revision leaves the approved one in force.
    file.revise("Try a shorter period").unwrap();
    file.abandon_revision().unwrap();
    assert_eq!(file.status(), CharterStatus::Approved { revision: 2 });
}

#[test]
fn markdown_holds_every_section_and_the_approval() {
    let mut file = CharterFile::default();
    file.start(complete()).unwrap();
    let draft_md = markdown::render(
        "Acme CRM",
        &file.draft.as_ref().unwrap().charter,
        "Draft",
        None,
        None,
    );
    assert!(draft_md.contains("Not approved yet."));
    assert!(draft_md.contains("Signature: ____"));
    file.approve(&approval()).unwrap();
    let revision = file.latest().unwrap();
    let md = markdown::render(
        "Acme CRM",
        &revision.charter,
        "Approved, revision 1",
        Some(&revision.approval),
        None,
    );
    for needle in [
        "# Hypercare charter: Acme CRM",
        "**Status:** Approved, revision 1",
        "- **Go-live:** Mon 1 Mar 2027",
        "- **Duration:** 4 weeks, ending Sun 28 Mar 2027 (fixed)",
        "- **Working hours:** Monday to Friday, 08:00-18:00 (Europe/London)",
        "- **Configuration defects**: ",
        "| New workflow design | Workflows that were not specified in the requirements. | Governance committee |",
        "| Critical | ",
        "| 2 hours | 8 hours | around the clock |",
        "1. **Priya Raman**, Hypercare lead",
        "- **Business owner** (process decisions): Helen Ortiz, Head of Sales Operations",
        "Approved by Marta Lindqvist, Project sponsor, on Sat 20 Feb 2027.",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }
}

#[test]
fn markdown_table_cells_cannot_break_the_table() {
    let mut charter = complete();
    let index = charter.categories.iter().position(|c| !c.in_scope).unwrap();
    charter.categories[index].description = "A | B\nC".into();
    let md = markdown::render("X", &charter, "Draft", None, None);
    assert!(md.contains("A \\| B C"));
}

#[test]
fn steps_are_ordered_and_indexed() {
    assert_eq!(CharterStep::from_index(0), Some(CharterStep::Basics));
    assert_eq!(CharterStep::Review.index(), 5);
    assert!(CharterStep::Scope < CharterStep::Routing);
    assert_eq!(CharterStep::from_index(6), None);
}

#[test]
fn the_engagement_and_its_charter_draft_agree_on_system_and_go_live() {
    use crate::domain::{Engagement, EngagementForm, EngagementId};
    let now = chrono::Utc::now();
    let form = EngagementForm {
        name: "Acme".into(),
        system: "SAP".into(),
        go_live: "2027-03-01".into(),
    };
    let mut engagement = Engagement::new(
        EngagementId::from_random_bytes([1; 8]),
        form.parse([]).unwrap(),
        now,
    );
    engagement
        .charter
        .start(Charter::new("SAP", date("2027-03-01"), "UTC"))
        .unwrap();
    // Editing the charter's basics moves the engagement once the values are valid…
    let edited = engagement
        .edit_charter_draft(now, |d| {
            d.charter.go_live = "2027-03-08".into();
            d.charter.system = "SAP S/4HANA".into();
        })
        .unwrap();
    assert_eq!(edited.details.go_live, date("2027-03-08"));
    assert_eq!(edited.details.system, "SAP S/4HANA");
    // …but an unfinished date leaves the engagement's last valid one.
    let half = edited
        .edit_charter_draft(now, |d| d.charter.go_live = "2027-0".into())
        .unwrap();
    assert_eq!(half.details.go_live, date("2027-03-08"));
    // Editing the engagement's details moves the draft.
    let details = EngagementForm {
        name: "Acme".into(),
        system: "SAP ECC".into(),
        go_live: "2027-04-01".into(),
    };
    let moved = edited.with_details(details.parse([]).unwrap(), now);
    assert_eq!(
        moved.charter.draft.as_ref().unwrap().charter.go_live,
        "2027-04-01"
    );
    assert_eq!(
        moved.charter.draft.as_ref().unwrap().charter.system,
        "SAP ECC"
    );
}

#[test]
fn the_charter_says_the_update_cadence_only_when_it_has_one() {
    let mut charter = crate::domain::charter::sample::sample(
        "Salesforce",
        "2027-03-01".parse().expect("a date"),
        "Europe/London",
    );
    let md = markdown::render("X", &charter, "Draft", None, None);
    assert!(
        md.contains("Keeping the business informed: while an issue is open, an update from the first response on, Critical: every 2 hours."),
        "{md}"
    );
    for level in &mut charter.severities {
        level.update_hours = None;
    }
    let md = markdown::render("X", &charter, "Draft", None, None);
    assert!(!md.contains("Keeping the business informed"), "{md}");
}

#[test]
fn markdown_shows_the_severity_matrix_only_when_the_charter_grades_it_its_own_way() {
    use crate::domain::triage::classify::{set_matrix_cell, Level};
    let mut charter = complete();
    let plain = markdown::render("Acme CRM", &charter, "Draft", None, None);
    assert!(!plain.contains("as this charter grades it"));
    set_matrix_cell(&mut charter, Level::Medium, Level::Medium, "critical");
    let md = markdown::render("Acme CRM", &charter, "Draft", None, None);
    assert!(
        md.contains("Severity by impact (rows) and urgency (columns), as this charter grades it")
    );
    assert!(md.contains("| Impact | High | Medium | Low |"));
    assert!(
        md.contains("| Medium | Important | Critical | Minor |"),
        "{md}"
    );
}
