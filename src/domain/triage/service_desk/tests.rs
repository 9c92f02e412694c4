//! Service-desk exports as the tools write them: ServiceNow lists exported with field names
//! and with labels, Jira's "all fields" export with repeated columns and its own date format,
//! a byte-order mark, quoted multi-line descriptions; and a day's re-import.
use chrono::{DateTime, Utc};

use super::apply::apply;
use super::columns::{
    guess_severity, priority_rank, Mapping, ServiceDeskSettings, Source, Target, TicketState,
};
use super::plan::{known_tickets, read_export, DeskPlan, Planner, RowPlan};
use super::times::{read_local, read_time, Reading};
use crate::domain::fixtures::{at, charter, Tz};
use crate::domain::triage::{Change, Issue, Status, Triage};

/// A ServiceNow incident list, Export > CSV, with field names as headers (the default for
/// exports through the URL) and a byte-order mark.
const SERVICENOW: &str = "\u{feff}\"number\",\"short_description\",\"description\",\"opened_at\",\"sys_updated_on\",\"resolved_at\",\"caller_id\",\"assigned_to\",\"priority\",\"state\",\"category\",\"cmdb_ci\"\r\n\
\"INC0010001\",\"Quote PDF prints blank\",\"Since go-live the quote PDF is empty.\r\nSeen on every quote.\",\"2027-03-01 09:15:00\",\"2027-03-01 10:00:00\",\"\",\"Jo Miller\",\"Sam Lee\",\"2 - High\",\"In Progress\",\"Software\",\"CRM\"\r\n\
\"INC0010002\",\"Cannot find the new discount field\",\"Where is it?\",\"2027-03-01 11:00:00\",\"2027-03-01 11:30:00\",\"\",\"Ana Ruiz\",\"\",\"4 - Low\",\"New\",\"Inquiry / Help\",\"CRM\"\r\n\
\"INC0010003\",\"Need a new margin report\",\"For the sales director\",\"2027-03-02 08:00:00\",\"2027-03-02 08:05:00\",\"\",\"Lee Chen\",\"\",\"3 - Moderate\",\"On Hold\",\"Request\",\"\"\r\n";

/// The same list exported with labels, as the list's context menu does.
const SERVICENOW_LABELS: &str = "Number,Opened,Short description,Caller,Priority,State,Category,Assignment group,Assigned to,Updated,Updated by\n\
INC0020001,2027-03-01 09:15:00,Order sync fails,Jo Miller,1 - Critical,New,Software,CRM Support,,2027-03-01 09:20:00,system\n";

/// Jira Service Management, Export > CSV (all fields): several "Labels" and "Comment" columns,
/// dates in the exporting user's format.
const JIRA: &str = "Summary,Issue key,Issue id,Issue Type,Status,Priority,Resolution,Assignee,Reporter,Created,Updated,Resolved,Description,Labels,Labels,Comment,Comment\n\
Quote PDF blank,HC-12,10012,Bug,Waiting for customer,High,,Sam Lee,Jo Miller,04/Mar/27 9:15 AM,05/Mar/27 2:30 PM,,\"Steps:\n1. Open a quote\n2. Print\",crm,quotes,\"05/Mar/27 10:00 AM;jo;Still blank, \"\"urgent\"\"\",\n\
Add a field for the region,HC-13,10013,Story,Open,Lowest,,,Ana Ruiz,04/Mar/27 4:00 PM,04/Mar/27 4:00 PM,,,,,,\n";

const NOW: &str = "2027-03-06T12:00:00Z";

fn settings(bytes: &[u8], zone: &str) -> (super::Export, ServiceDeskSettings) {
    let export = read_export(bytes).expect("a readable export");
    let settings = ServiceDeskSettings {
        source: export.source,
        mapping: Mapping::defaults(export.source, &export.header),
        zone: zone.to_owned(),
        ..ServiceDeskSettings::default()
    };
    (export, settings)
}

fn plan(bytes: &[u8], zone: &str, issues: &[Issue]) -> (ServiceDeskSettings, DeskPlan) {
    let (export, settings) = settings(bytes, zone);
    let known = known_tickets(issues);
    let plan = Planner::new(&export, &settings, &known, &Tz, at(NOW)).plan_all();
    (settings, plan)
}

fn new_rows(plan: &DeskPlan) -> Vec<&super::plan::TicketRow> {
    plan.rows
        .iter()
        .filter_map(|r| match r {
            RowPlan::New(row) => Some(row),
            _ => None,
        })
        .collect()
}

#[test]
fn each_tool_is_recognised_from_its_header_and_its_columns_mapped() {
    let (export, s) = settings(SERVICENOW.as_bytes(), "Europe/Berlin");
    assert_eq!(export.source, Source::ServiceNow);
    assert_eq!(s.mapping.header(Target::Title), Some("short_description"));
    assert_eq!(s.mapping.header(Target::Updated), Some("sys_updated_on"));
    let (export, s) = settings(SERVICENOW_LABELS.as_bytes(), "Europe/Berlin");
    assert_eq!(export.source, Source::ServiceNow);
    assert_eq!(s.mapping.header(Target::Title), Some("Short description"));
    assert_eq!(s.mapping.header(Target::Reported), Some("Opened"));
    assert_eq!(s.mapping.header(Target::Reporter), Some("Caller"));
    let (export, s) = settings(JIRA.as_bytes(), "Europe/Berlin");
    assert_eq!(export.source, Source::Jira);
    assert_eq!(s.mapping.header(Target::Key), Some("Issue key"));
    assert_eq!(s.mapping.header(Target::State), Some("Status"));
    assert_eq!(s.mapping.header(Target::Category), Some("Issue Type"));
    let (export, s) = settings(b"Ref,Headline\nA-1,Broken\n", "UTC");
    assert_eq!(export.source, Source::Other);
    assert_eq!(
        s.mapping.problems(&export.header),
        [
            "choose the column that holds the \u{201c}Ticket key\u{201d}",
            "choose the column that holds the \u{201c}Title\u{201d}"
        ]
    );
}

#[test]
fn a_servicenow_export_previews_every_row_as_new_with_its_times_in_the_files_zone() {
    let (_, plan) = plan(SERVICENOW.as_bytes(), "Europe/Berlin", &[]);
    let rows = new_rows(&plan);
    assert_eq!(plan.counts().new, 3);
    assert_eq!(rows[0].key, "INC0010001");
    assert_eq!(
        rows[0].description,
        "Since go-live the quote PDF is empty.\r\nSeen on every quote."
    );
    // 09:15 in Berlin in winter is 08:15 UTC.
    assert_eq!(rows[0].reported_at, Some(at("2027-03-01T08:15:00Z")));
    assert_eq!(rows[0].priority, "2 - High");
    // Empty cells are not kept; every other column is, by its header.
    assert!(rows[0].fields.iter().all(|f| !f.value.is_empty()));
    assert_eq!(
        rows[0].fields.len(),
        10,
        "every column with a value but the key"
    );
    assert!(!rows[2].fields.iter().any(|f| f.name == "cmdb_ci"));
}

#[test]
fn a_jira_export_keeps_repeated_columns_and_reads_its_dates() {
    let (_, plan) = plan(JIRA.as_bytes(), "Europe/London", &[]);
    let rows = new_rows(&plan);
    assert_eq!(rows.len(), 2, "{:?}", plan.rows);
    assert_eq!(rows[0].reported_at, Some(at("2027-03-04T09:15:00Z")));
    assert_eq!(rows[0].updated_at, Some(at("2027-03-05T14:30:00Z")));
    let labels: Vec<&str> = rows[0]
        .fields
        .iter()
        .filter(|f| f.name == "Labels")
        .map(|f| f.value.as_str())
        .collect();
    assert_eq!(labels, ["crm", "quotes"]);
    assert!(rows[0]
        .fields
        .iter()
        .any(|f| f.name == "Comment" && f.value.ends_with("Still blank, \"urgent\"")));
    assert_eq!(rows[0].description, "Steps:\n1. Open a quote\n2. Print");
}

#[test]
fn bad_rows_are_refused_in_words_and_the_others_still_import() {
    let file = "Number,Short description,Opened\n\
INC1,Fine,2027-03-01 09:00:00\n\
INC2,,2027-03-01 09:00:00\n\
,No key,2027-03-01 09:00:00\n\
INC3,Bad date,yesterday\n\
INC4,From the future,2027-04-01 09:00:00\n\
INC1,Twice,2027-03-01 09:00:00\n\
INC5,Too,many,fields\n\
INC6,Skipped hour,2027-03-28 02:30:00\n";
    let (_, plan) = plan(file.as_bytes(), "Europe/Berlin", &[]);
    let refused: Vec<(usize, String)> = plan
        .rows
        .iter()
        .filter_map(|r| match r {
            RowPlan::Refused { place, why, .. } => Some((place.row, why.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(plan.counts().new, 1);
    let why = |row: usize| {
        refused
            .iter()
            .find(|(r, _)| *r == row)
            .map(|(_, w)| w.as_str())
            .unwrap()
    };
    assert_eq!(why(3), "its title is empty");
    assert!(why(4).starts_with("it has no ticket key"));
    assert_eq!(why(5), "\u{201c}Opened\u{201d} (yesterday) is not a time like 2026-03-04 09:15:00 or 04/Mar/26 9:15 AM");
    assert!(
        why(6).contains("is in the future in Europe/Berlin"),
        "{}",
        why(6)
    );
    assert_eq!(
        why(7),
        "the ticket INC1 is also on row 2: only the first row of a ticket is read"
    );
    assert_eq!(why(8), "4 fields where the first row has 3");
    assert!(
        why(9).contains("does not exist in Europe/Berlin"),
        "{}",
        why(9)
    );
}

#[test]
fn daylight_saving_gaps_and_repeats_are_said_not_guessed() {
    let zone = "Europe/Berlin";
    let local = |t: &str| super::times::parse_local(t).unwrap();
    assert_eq!(
        read_local(&Tz, zone, local("2027-03-28 02:30")),
        Reading::Never
    );
    assert_eq!(
        read_local(&Tz, zone, local("2027-10-31 02:30")),
        Reading::Twice(at("2027-10-31T00:30:00Z"), at("2027-10-31T01:30:00Z"))
    );
    assert_eq!(
        read_local(&Tz, zone, local("2027-10-31 03:30")),
        Reading::Once(at("2027-10-31T02:30:00Z"))
    );
    let twice = read_time("2027-10-31 02:30:00", "Opened", &Tz, zone).unwrap();
    assert_eq!(twice.at, at("2027-10-31T00:30:00Z"));
    assert!(twice.note.unwrap().contains("happened twice"));
    // Around the clock in UTC, nothing is skipped or repeated.
    assert_eq!(
        read_local(&Tz, "UTC", local("2027-03-28 02:30")),
        Reading::Once(at("2027-03-28T02:30:00Z"))
    );
    assert!(read_time("31/Feb/27 9:00 AM", "Created", &Tz, zone).is_err());
    assert!(read_time("01/Jan/1800 9:00 AM", "Created", &Tz, zone).is_err());
}

#[test]
fn priorities_and_states_have_sensible_defaults() {
    assert_eq!(priority_rank("1 - Critical"), Some(1));
    assert_eq!(priority_rank("5 - Planning"), Some(5));
    assert_eq!(priority_rank("Highest"), Some(1));
    assert_eq!(priority_rank("Lowest"), Some(5));
    assert_eq!(priority_rank("Low"), Some(4));
    assert_eq!(priority_rank("Medium"), Some(3));
    assert_eq!(priority_rank("whenever"), None);
    let c = charter("CRM", "2027-03-01", "Europe/Berlin");
    assert_eq!(guess_severity("1 - Critical", &c.severities), "critical");
    assert_eq!(guess_severity("High", &c.severities), "important");
    assert_eq!(guess_severity("5 - Planning", &c.severities), "minor");
    assert_eq!(TicketState::guess("In Progress"), TicketState::InProgress);
    assert_eq!(
        TicketState::guess("On Hold"),
        TicketState::WaitingOnReporter
    );
    assert_eq!(
        TicketState::guess("Waiting for customer"),
        TicketState::WaitingOnReporter
    );
    assert_eq!(
        TicketState::guess("Waiting for vendor"),
        TicketState::WaitingOnVendor
    );
    assert_eq!(TicketState::guess("Canceled"), TicketState::Resolved);
    assert_eq!(TicketState::guess("Done"), TicketState::Resolved);
    assert_eq!(TicketState::guess("New"), TicketState::Open);
    let mut s = ServiceDeskSettings::default();
    s.states.push(super::columns::ValueChoice {
        value: "New".into(),
        means: TicketState::InProgress,
    });
    assert_eq!(s.state_means("New"), TicketState::InProgress);
}

#[test]
fn a_ticket_links_back_to_the_service_desk() {
    let mut s = ServiceDeskSettings {
        source: Source::Jira,
        address: "https://acme.atlassian.net/".into(),
        ..ServiceDeskSettings::default()
    };
    assert_eq!(
        s.ticket_link("HC-12").unwrap(),
        "https://acme.atlassian.net/browse/HC-12"
    );
    s.source = Source::ServiceNow;
    s.address = "https://acme.service-now.com".into();
    assert_eq!(
        s.ticket_link("INC001").unwrap(),
        "https://acme.service-now.com/nav_to.do?uri=task.do?sysparm_query=number=INC001"
    );
    s.address = "https://desk.example/t/{key}".into();
    assert_eq!(
        s.ticket_link("A\"><b>1").unwrap(),
        "https://desk.example/t/Ab1"
    );
    s.address = "javascript:alert(1)".into();
    assert_eq!(s.ticket_link("A"), None);
}

fn import(
    bytes: &[u8],
    zone: &str,
    issues: &mut Vec<Issue>,
    now: DateTime<Utc>,
) -> (DeskPlan, super::apply::Applied) {
    let (export, settings) = settings(bytes, zone);
    let known = known_tickets(issues);
    let plan = Planner::new(&export, &settings, &known, &Tz, now).plan_all();
    let c = charter("CRM", "2027-03-01", zone);
    let first = issues.iter().map(|i| i.number).max().unwrap_or(0) + 1;
    let applied = apply(&plan.rows, issues, first, &settings, Some(&c), "Ana", now).unwrap();
    (plan, applied)
}

#[test]
fn a_daily_reimport_follows_the_service_desk_and_keeps_handrails_triage() {
    let zone = "Europe/Berlin";
    let mut issues = Vec::new();
    let (_, applied) = import(
        SERVICENOW.as_bytes(),
        zone,
        &mut issues,
        at("2027-03-02T12:00:00Z"),
    );
    assert_eq!(applied.added, 3);
    let first = issues[0].view();
    assert_eq!(first.ticket.as_ref().unwrap().key, "INC0010001");
    assert_eq!(first.reported_at, Some(at("2027-03-01T08:15:00Z")));
    assert_eq!(
        first.status(),
        Status::New,
        "untriaged until the team triages it"
    );
    // The team triages the first in scope and edits its title in Handrail.
    let c = charter("CRM", "2027-03-01", zone);
    issues[0]
        .triage(
            &c,
            Triage::in_scope("configuration-defects", "minor"),
            "Ana",
            at("2027-03-02T13:00:00Z"),
        )
        .unwrap();
    // The same file again: the ticket's state now reaches the triaged issue, once.
    let (plan, applied) = import(
        SERVICENOW.as_bytes(),
        zone,
        &mut issues,
        at("2027-03-03T08:00:00Z"),
    );
    assert_eq!(
        (plan.counts().unchanged, applied.added, applied.updated),
        (2, 0, 1)
    );
    assert_eq!(issues[0].view().status(), Status::InProgress);
    let before = issues.clone();
    let (plan, _) = import(
        SERVICENOW.as_bytes(),
        zone,
        &mut issues,
        at("2027-03-03T08:30:00Z"),
    );
    assert_eq!(plan.counts().unchanged, 3);
    assert_eq!(issues, before);
    // Next morning: the first re-prioritised and resolved, the second unchanged, a new one.
    let next = SERVICENOW
        .replace("\"2 - High\",\"In Progress\"", "\"1 - Critical\",\"Resolved\"")
        .replace(
            "\"2027-03-01 10:00:00\",\"\"",
            "\"2027-03-03 07:30:00\",\"2027-03-03 07:00:00\"",
        )
        + "\"INC0010004\",\"Invoice totals off by a cent\",\"\",\"2027-03-03 06:00:00\",\"2027-03-03 06:00:00\",\"\",\"Kim\",\"\",\"3 - Moderate\",\"New\",\"Software\",\"ERP\"\r\n";
    let (plan, applied) = import(
        next.as_bytes(),
        zone,
        &mut issues,
        at("2027-03-03T09:00:00Z"),
    );
    assert_eq!(
        (applied.added, applied.updated, plan.counts().unchanged),
        (1, 1, 2)
    );
    let RowPlan::Updated { changes, .. } = &plan.rows[0] else {
        panic!("{:?}", plan.rows[0])
    };
    assert!(
        changes.contains(&"priority: 2 - High \u{2192} 1 - Critical".to_owned()),
        "{changes:?}"
    );
    let view = issues[0].view();
    assert_eq!(view.status(), Status::Resolved);
    assert_eq!(view.severity_id.as_deref(), Some("critical"));
    assert_eq!(
        view.category_id.as_deref(),
        Some("configuration-defects"),
        "triage kept"
    );
    // The events are at the ticket's times, in time order.
    let resolved = issues[0]
        .events
        .iter()
        .find(|e| {
            e.change
                == Change::Status {
                    status: Status::Resolved,
                }
        })
        .unwrap();
    assert_eq!(resolved.at, at("2027-03-03T06:00:00Z"));
    assert!(resolved.why.starts_with("In ServiceNow: "));
    assert!(issues[0].events.windows(2).all(|w| w[0].at <= w[1].at));
    assert_eq!(issues.len(), 4);
    assert_eq!(issues[3].number, 4);
    // The queue finds an issue by its ticket key.
    let rows = crate::domain::triage::queue::rows(&issues, Some(&c), &Tz, at(NOW));
    let filter = crate::domain::triage::queue::Filter {
        text: "inc0010004".into(),
        ..Default::default()
    };
    let found: Vec<u32> = filter.apply(&rows).iter().map(|r| r.view.number).collect();
    assert_eq!(found, [4]);
    // The untriaged one that went on hold only records the ticket: no status without triage.
    let on_hold = SERVICENOW.replace("\"On Hold\"", "\"In Progress\"");
    import(
        on_hold.as_bytes(),
        zone,
        &mut issues,
        at("2027-03-03T10:00:00Z"),
    );
    assert_eq!(issues[2].view().status(), Status::New);
    assert_eq!(
        issues[2].view().ticket.unwrap().field("state"),
        Some("In Progress")
    );
}

#[test]
fn a_title_changed_in_handrail_stays_unless_the_ticket_changes_it() {
    let zone = "Europe/Berlin";
    let mut issues = Vec::new();
    import(
        SERVICENOW.as_bytes(),
        zone,
        &mut issues,
        at("2027-03-02T12:00:00Z"),
    );
    let view = issues[1].view();
    let edited = match issues[1].events[1].change.clone() {
        Change::Described { .. } => Change::Described {
            title: "Discount field not visible".into(),
            description: view.description.clone(),
            reporter: view.reporter.clone(),
            reported_at: view.reported_at.unwrap(),
            area: view.area.clone(),
        },
        other => panic!("{other:?}"),
    };
    issues[1]
        .describe(edited, "Ana", at("2027-03-02T12:30:00Z"))
        .unwrap();
    // The ticket's description changes; the title Handrail gave stays.
    let next = SERVICENOW.replace("\"Where is it?\"", "\"Where is it? On the order screen.\"");
    import(
        next.as_bytes(),
        zone,
        &mut issues,
        at("2027-03-03T12:00:00Z"),
    );
    let view = issues[1].view();
    assert_eq!(view.title, "Discount field not visible");
    assert_eq!(view.description, "Where is it? On the order screen.");
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Cells made of what breaks CSV readers: quotes, commas, line ends of every kind, a BOM,
    /// dates near the bounds and in both tools' formats, long runs of one character.
    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 ]{0,12}",
            Just("\"".to_owned()),
            Just("\"\"".to_owned()),
            Just(",".to_owned()),
            Just("\r".to_owned()),
            Just("\n".to_owned()),
            Just("\r\n".to_owned()),
            Just("\u{feff}".to_owned()),
            Just("2027-03-28 02:30:00".to_owned()),
            Just("04/Mar/27 9:15 AM".to_owned()),
            Just("+262142-01-01 00:00".to_owned()),
            Just("INC0010001".to_owned()),
            "\\PC{0,8}",
        ]
    }

    fn file() -> impl Strategy<Value = String> {
        let header = prop_oneof![
            Just("Number,Short description,Opened,Updated,Priority,State".to_owned()),
            Just("Summary,Issue key,Created,Updated,Status,Priority,Labels,Labels".to_owned()),
            Just("a,b,c".to_owned()),
        ];
        let body = prop::collection::vec(prop::collection::vec(cell(), 0..10), 0..12);
        (header, body).prop_map(|(header, rows)| {
            let mut text = header;
            for row in rows {
                text.push('\n');
                text.push_str(&row.concat());
            }
            text
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text, and any bytes, read and plan without a panic, and a second import of
        /// what the first imported changes nothing.
        #[test]
        fn any_export_reads_plans_and_reimports_without_a_panic(text in file(), bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            for input in [text.as_bytes(), &bytes[..]] {
                let Ok(export) = read_export(input) else { continue };
                let settings = ServiceDeskSettings {
                    source: export.source,
                    mapping: Mapping::defaults(export.source, &export.header),
                    zone: "Europe/Berlin".into(),
                    ..ServiceDeskSettings::default()
                };
                let now = at(NOW);
                let mut issues = Vec::new();
                let known = known_tickets(&issues);
                let plan = Planner::new(&export, &settings, &known, &Tz, now).plan_all();
                prop_assert_eq!(plan.rows.len(), export.records.len());
                let c = charter("CRM", "2027-03-01", "Europe/Berlin");
                apply(&plan.rows, &mut issues, 1, &settings, Some(&c), "Ana", now).unwrap();
                let known = known_tickets(&issues);
                let again = Planner::new(&export, &settings, &known, &Tz, now).plan_all();
                prop_assert_eq!(again.counts().new + again.counts().updated, 0);
                let before = issues.clone();
                apply(&again.rows, &mut issues, 1000, &settings, Some(&c), "Ana", now).unwrap();
                prop_assert_eq!(issues, before);
            }
        }
    }
}

/// A ticket resolved in the service desk before the team triaged the issue here: the
/// resolution lands just after the triage, so the issue is resolved, not triaged again.
#[test]
fn a_resolution_from_before_the_triage_lands_after_it() {
    let zone = "Europe/Berlin";
    let mut issues = Vec::new();
    import(
        SERVICENOW.as_bytes(),
        zone,
        &mut issues,
        at("2027-03-02T12:00:00Z"),
    );
    let c = charter("CRM", "2027-03-01", zone);
    let triaged_at = at("2027-03-04T10:00:00Z");
    issues[0]
        .triage(
            &c,
            Triage::in_scope("configuration-defects", "minor"),
            "Ana",
            triaged_at,
        )
        .unwrap();
    let next = SERVICENOW
        .replace("\"In Progress\"", "\"Resolved\"")
        .replace(
            "\"2027-03-01 10:00:00\",\"\"",
            "\"2027-03-03 07:30:00\",\"2027-03-03 07:00:00\"",
        );
    import(
        next.as_bytes(),
        zone,
        &mut issues,
        at("2027-03-05T09:00:00Z"),
    );
    let view = issues[0].view();
    assert_eq!(view.status(), Status::Resolved);
    let resolved = issues[0]
        .events
        .iter()
        .find(|e| {
            e.change
                == Change::Status {
                    status: Status::Resolved,
                }
        })
        .unwrap();
    assert_eq!(resolved.at, triaged_at + chrono::Duration::milliseconds(1));
}

/// The team's own later word stands: a handed-off issue is not resolved by a file, a status
/// set here after the ticket's change is not overwritten, and a ticket two devices imported
/// before syncing is followed by one issue, the other named.
#[test]
fn the_teams_later_word_and_handoffs_stand() {
    let zone = "Europe/Berlin";
    let c = charter("CRM", "2027-03-01", zone);
    let mut issues = Vec::new();
    import(
        SERVICENOW.as_bytes(),
        zone,
        &mut issues,
        at("2027-03-02T12:00:00Z"),
    );
    for issue in issues.iter_mut().take(2) {
        issue
            .triage(
                &c,
                Triage::in_scope("configuration-defects", "minor"),
                "Ana",
                at("2027-03-02T13:00:00Z"),
            )
            .unwrap();
    }
    issues[0]
        .transfer(
            "Sales ops",
            "Weekly fixes",
            "Ana",
            at("2027-03-02T14:00:00Z"),
        )
        .unwrap();
    // After the ticket's change (07:30 Berlin on the 3rd), the team waits on a vendor.
    issues[1]
        .set_status(
            Status::WaitingOnVendor,
            "Asked the vendor",
            "Ana",
            at("2027-03-03T08:00:00Z"),
        )
        .unwrap();
    // A copy of the third issue's ticket, as a second device's import would have made it.
    let mut twin = issues[2].clone();
    twin.number = 9;
    issues.push(twin);
    let next = SERVICENOW
        .replace("\"In Progress\"", "\"Resolved\"")
        .replace("\"New\",\"Inquiry", "\"Waiting for support\",\"Inquiry")
        .replace("\"2027-03-01 11:30:00\"", "\"2027-03-03 07:30:00\"")
        .replace("\"On Hold\"", "\"In Progress\"");
    let (plan, _) = import(
        next.as_bytes(),
        zone,
        &mut issues,
        at("2027-03-03T09:00:00Z"),
    );
    assert_eq!(issues[0].view().status(), Status::Transferred);
    assert_eq!(issues[1].view().status(), Status::WaitingOnVendor);
    assert!(
        plan.check
            .iter()
            .any(|(_, note)| note.contains("is on #3 and also on #9")),
        "{:?}",
        plan.check
    );
    assert_eq!(
        issues[2].view().ticket.unwrap().field("state"),
        Some("In Progress")
    );
    assert_eq!(
        issues[3].view().ticket.unwrap().field("state"),
        Some("On Hold")
    );
    assert_eq!(
        TicketState::guess("Waiting for support"),
        TicketState::InProgress
    );
}
