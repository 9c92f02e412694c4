use super::*;
use crate::domain::fixtures::{at, charter, triaged, Tz};
use crate::domain::triage::Status;

/// Go-live Monday 22 March 2027 in London: summer time starts on Sunday 28 March, and the
/// sample's company day off is Friday 9 April. Working hours 08:00-18:00, Monday to Friday.
/// No update cadence here: those warnings are tested in `update_clock_tests.rs`.
fn london() -> Charter {
    let mut c = charter("Salesforce", "2027-03-22", "Europe/London");
    for level in &mut c.severities {
        level.update_hours = None;
    }
    c
}

fn crossing_at(
    issues: &[Issue],
    c: &Charter,
    now: &str,
    clock: &str,
    breach: bool,
) -> Option<DateTime<Utc>> {
    watch(issues, c, &Tz, at(now))
        .crossed
        .iter()
        .find(|x| x.clock == clock && x.breach == breach)
        .map(|x| x.at)
}

#[test]
fn an_around_the_clock_target_warns_at_75_percent_and_at_the_breach() {
    let c = london();
    let issues = [triaged(&c, 1, "critical", "2027-03-23T09:00:00Z")];
    let early = watch(&issues, &c, &Tz, at("2027-03-23T10:29:00Z"));
    assert!(early.crossed.is_empty());
    assert_eq!(early.next, Some(at("2027-03-23T10:30:00Z")), "75 % of 2 h");
    let later = watch(&issues, &c, &Tz, at("2027-03-23T11:05:00Z"));
    let told: Vec<_> = later
        .crossed
        .iter()
        .map(|x| (x.clock, x.percent, x.at))
        .collect();
    assert_eq!(
        told,
        [
            ("response", 75, at("2027-03-23T10:30:00Z")),
            ("response", 100, at("2027-03-23T11:01:00Z")),
        ]
    );
}

#[test]
fn a_working_hours_target_warns_after_the_weekend_on_summer_time() {
    let c = london();
    // Friday 16:00 GMT: two working hours on Friday, then Monday from 08:00 BST (07:00 UTC).
    let issues = [triaged(&c, 1, "important", "2027-03-26T16:00:00Z")];
    assert_eq!(
        crossing_at(&issues, &c, "2027-03-29T12:00:00Z", "response", false),
        Some(at("2027-03-29T11:00:00Z")),
        "6 h of 8: 2 on Friday, 4 on Monday"
    );
    assert_eq!(
        crossing_at(&issues, &c, "2027-03-29T13:30:00Z", "response", true),
        Some(at("2027-03-29T13:01:00Z")),
        "breached once past the target, as the clock says"
    );
}

#[test]
fn a_holiday_does_not_count_towards_the_warning() {
    let c = london();
    // Thursday 8 April 16:00 BST; Friday 9 April is the company day off.
    let issues = [triaged(&c, 1, "important", "2027-04-08T15:00:00Z")];
    let w = watch(&issues, &c, &Tz, at("2027-04-09T17:00:00Z"));
    assert!(w.crossed.is_empty());
    assert_eq!(w.next, Some(at("2027-04-12T11:00:00Z")));
}

#[test]
fn a_paused_clock_never_warns_and_warns_where_it_resumes() {
    let c = london();
    let mut issue = triaged(&c, 1, "critical", "2027-03-23T09:00:00Z");
    issue
        .set_status(
            Status::WaitingOnVendor,
            "vendor ticket",
            "Ana",
            at("2027-03-23T10:00:00Z"),
        )
        .expect("waiting");
    let issues = [issue.clone()];
    // Waiting counts as the response (met) and pauses the resolution clock: nothing warns.
    let w = watch(&issues, &c, &Tz, at("2027-03-23T20:00:00Z"));
    assert_eq!((w.crossed.len(), w.next), (0, None));
    issue
        .set_status(
            Status::InProgress,
            "vendor answered",
            "Ana",
            at("2027-03-23T21:00:00Z"),
        )
        .expect("resumed");
    let w = watch(&[issue], &c, &Tz, at("2027-03-23T21:00:00Z"));
    // One hour used before the pause; 6 of 8 hours at 75 %: five more from 21:00.
    assert_eq!(w.next, Some(at("2027-03-24T02:00:00Z")));
}

#[test]
fn each_threshold_is_told_once_across_restarts_and_old_ones_are_summed_up() {
    let c = london();
    let issues = [
        triaged(&c, 1, "critical", "2027-03-23T09:00:00Z"),
        triaged(&c, 2, "critical", "2027-03-23T09:30:00Z"),
    ];
    let now = at("2027-03-23T11:02:00Z");
    let crossed = watch(&issues, &c, &Tz, now).crossed;
    let mut told = BTreeMap::new();
    let first = news(&crossed, &mut told, now, false);
    // #1 breached at 11:01 (fresh); its 75 % at 10:30 and #2's at 11:00 (fresh).
    assert_eq!(first.now.len(), 2, "{:?}", first.now);
    assert_eq!(first.while_away.len(), 1);
    assert_eq!(
        first.away_summary().as_deref(),
        Some("While you were away: 1 at risk.")
    );
    // A restart reads the ledger back: nothing is told twice.
    let stored = serde_json::to_string(&told).expect("a ledger");
    let mut read: BTreeMap<String, DateTime<Utc>> =
        serde_json::from_str(&stored).expect("read back");
    let again = news(&crossed, &mut read, now + Duration::minutes(1), true);
    assert_eq!(again, News::default());
}

#[test]
fn a_full_ledger_never_forgets_a_threshold_still_crossed() {
    let c = london();
    let issues: Vec<Issue> = (1..=1_300)
        .map(|n| triaged(&c, n, "critical", "2027-03-23T09:00:00Z"))
        .collect();
    let now = at("2027-03-23T18:00:00Z");
    let crossed = watch(&issues, &c, &Tz, now).crossed;
    assert!(crossed.len() > MAX_REMEMBERED, "{}", crossed.len());
    let mut told = BTreeMap::new();
    news(&crossed, &mut told, now, false);
    let again = news(&crossed, &mut told, now + Duration::seconds(20), true);
    assert_eq!(again, News::default(), "nothing is told twice");
}

#[test]
fn a_re_rated_issue_is_warned_for_its_new_targets_at_once() {
    let c = london();
    let mut issue = triaged(&c, 1, "minor", "2027-03-23T09:00:00Z");
    let now = at("2027-03-23T13:00:00Z");
    let mut told = BTreeMap::new();
    news(
        &watch(&[issue.clone()], &c, &Tz, now).crossed,
        &mut told,
        now,
        false,
    );
    let critical = crate::domain::triage::Triage::in_scope("configuration-defects", "critical");
    issue.triage(&c, critical, "Ana", now).expect("re-rated");
    let later = now + Duration::seconds(20);
    let fresh = news(
        &watch(&[issue], &c, &Tz, later).crossed,
        &mut told,
        later,
        true,
    );
    // Four hours in, the critical 2 h response is long breached: told now, not as "away".
    assert!(
        fresh.now.iter().any(|x| x.breach && x.clock == "response"),
        "{fresh:?}"
    );
    assert!(fresh.while_away.is_empty());
}

#[test]
fn whom_to_call_follows_the_escalation_path() {
    let c = london();
    let first = whom_to_call(&c, false).expect("a first level");
    let second = whom_to_call(&c, true).expect("a second level");
    assert_ne!(first, second);
}

/// Ana's two devices each note the crossing they noticed; `first` is what each holds once
/// team sync has merged their copies of the issue.
fn two_devices_noting(laptop_at: &str, phone_at: &str) -> (Issue, String, String, Crossing) {
    let c = london();
    let issue = triaged(&c, 1, "critical", "2027-03-23T09:00:00Z");
    let now = at("2027-03-23T10:31:00Z");
    let crossing = watch(std::slice::from_ref(&issue), &c, &Tz, now).crossed[0].clone();
    let note = |tab: &str, device_at: &str| {
        let mut copy = issue.clone();
        let id = copy.record_warned(&crossing, tab, "ana", at(device_at));
        (copy, id)
    };
    let (laptop, laptop_id) = note("laptop-tab", laptop_at);
    let (phone, phone_id) = note("phone-tab", phone_at);
    let merged = crate::domain::sync::merge_issue(&laptop, &phone);
    assert_eq!(
        merged,
        crate::domain::sync::merge_issue(&phone, &laptop),
        "both devices hold the same log"
    );
    (merged, laptop_id, phone_id, crossing)
}

#[test]
fn a_person_on_two_devices_is_told_by_the_first_warning_only() {
    let (merged, laptop, phone, crossing) =
        two_devices_noting("2027-03-23T10:30:05Z", "2027-03-23T10:30:12Z");
    assert_ne!(laptop, phone);
    let issues = [merged];
    let first = first_warnings(&issues, "ana");
    assert_eq!(first.get(crossing.key.as_str()), Some(&laptop.as_str()));
    // Bob was not warned by Ana's events: he is told on his own.
    assert!(first_warnings(&issues, "bob").is_empty());
}

#[test]
fn two_warnings_of_one_instant_agree_on_the_smaller_id() {
    let (merged, laptop, phone, crossing) =
        two_devices_noting("2027-03-23T10:30:05Z", "2027-03-23T10:30:05Z");
    assert_ne!(
        laptop, phone,
        "two tabs write two events, even in one instant"
    );
    let warnings = merged
        .events
        .iter()
        .filter(|e| matches!(e.change, Change::Warned { .. }))
        .count();
    assert_eq!(warnings, 2, "both notes are kept");
    let issues = [merged];
    let first = first_warnings(&issues, "ana");
    assert_eq!(
        first.get(crossing.key.as_str()).copied(),
        Some(laptop.as_str().min(phone.as_str()))
    );
}

#[test]
fn a_warning_noted_in_the_history_changes_nothing_else() {
    let c = london();
    let issue = triaged(&c, 1, "critical", "2027-03-23T09:00:00Z");
    let now = at("2027-03-23T10:31:00Z");
    let before = watch(std::slice::from_ref(&issue), &c, &Tz, now);
    let mut noted = issue.clone();
    let crossing = &before.crossed[0];
    noted.record_warned(crossing, "tab", "ana", now);
    assert_eq!(noted.view(), issue.view());
    assert_eq!(
        watch(&[noted], &c, &Tz, now),
        before,
        "the clocks and crossings are the same"
    );
}
