//! What the screens compute from an engagement once a door has let it in: the list row, the
//! overview (health, hypercare weeks, weekly trend, exit criteria), the triage queue and every
//! issue's SLA clocks at a few "now"s, the stand-up's alerts, the withdrawal plan (made if
//! there is none, its calendar export, timeline, signals and handoff gaps), the charter and
//! exit-review Markdown, the workshops' records, the share links of each document, and the
//! team database's documents. Arithmetic the views do themselves (the timeline, the overview's
//! phase line) is repeated here, since the views cannot run natively.
use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::run::stage;
use crate::domain::charter::markdown as charter_markdown;
use crate::domain::engagement::{list_order, slug};
use crate::domain::exit::criteria::evaluate;
use crate::domain::exit::health::{health, hypercare_weeks, weekly_trend};
use crate::domain::exit::review::{markdown as review_markdown, sign, ReviewDocument};
use crate::domain::share::{compare, ShareWhat, Snapshot};
use crate::domain::triage::clock::clocks;
use crate::domain::triage::queue::{self, Filter};
use crate::domain::triage::zone::zoned_time;
use crate::domain::triage::ZoneRules;
use crate::domain::withdrawal::handoff::Handoff;
use crate::domain::withdrawal::signals::{warnings, week_signals};
use crate::domain::withdrawal::{ics, WithdrawalPlan};
use crate::domain::workshop::markdown::{render as workshop_markdown, LocalTime};
use crate::domain::workshop::{exit_meeting, presentation, standup};
use crate::domain::{Engagement, GoLivePhase};
use crate::storage::SCHEMA_VERSION;

/// Zone rules from the IANA database; like the browser, an unknown zone counts as UTC. (A
/// name longer than any zone's is not looked up at all: the browser's rules key a cache by the
/// name, and looking up a 20,000-character name a million times would measure the harness.)
pub struct Zones;

impl ZoneRules for Zones {
    fn offset_seconds(&self, zone: &str, at: DateTime<Utc>) -> i32 {
        use chrono::{Offset, TimeZone};
        if super::run::cancelled() {
            std::panic::panic_any(super::run::CANCELLED);
        }
        if zone.len() > 64 {
            return 0;
        }
        match zone.parse::<chrono_tz::Tz>() {
            Ok(tz) => tz
                .offset_from_utc_datetime(&at.naive_utc())
                .fix()
                .local_minus_utc(),
            Err(_) => 0,
        }
    }
}

/// The charter's longest duration and two years of extensions.
const MAX_CHART_WEEKS: usize = 8 + crate::domain::bounds::MAX_WEEK as usize;

/// The "now"s the screens are computed at: during hypercare, before it, and years after.
pub fn nows() -> [DateTime<Utc>; 3] {
    let at = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.to_utc())
            .unwrap_or_default()
    };
    [
        at("2027-03-10T10:00:00Z"),
        at("2027-01-15T23:30:00Z"),
        at("2031-06-01T12:00:00Z"),
    ]
}

/// Every screen's computations on `e`, as stored with `revision` and `saved_at`.
pub fn screens(e: &Engagement, revision: u64, saved_at: DateTime<Utc>) {
    let zones = &Zones;
    let nows = nows();
    let today = nows[0].date_naive();

    stage("engagement list");
    let _ = GoLivePhase::on(e.details.go_live, today).describe();
    let _ = slug(e.name());
    let _ = list_order(e, e);
    let _ = crate::ui::format::long_date(e.details.go_live);
    let _ = crate::ui::format::short_local_time(saved_at);
    let _ = crate::ui::format::local_time(e.updated_at);
    let _ = e.next_issue_number();
    let _ = e.next_workshop_number();
    let _ = e.is_frozen();

    stage("charter document");
    let file = &e.charter;
    let _ = file.status().describe();
    for r in file.revisions.iter().take(3) {
        let _ = charter_markdown::render(
            e.name(),
            &r.charter,
            &format!("Approved, revision {}", r.number),
            Some(&r.approval),
            r.reason.as_deref(),
        );
    }
    if let Some(d) = &file.draft {
        stage("charter wizard: problems");
        let _ = crate::domain::charter::problems(&d.charter);
        stage("charter document");
        let _ = charter_markdown::render(
            e.name(),
            &d.charter,
            "Draft, not approved",
            None,
            d.reason.as_deref(),
        );
    }

    let Some(charter) = file.in_force() else {
        stage("triage queue (no charter)");
        for now in nows {
            let rows = queue::rows(&e.issues, None, zones, now);
            let _ = Filter::default().apply(&rows);
        }
        share_and_sync(e, revision, saved_at);
        return;
    };
    let zone = charter.calendar.time_zone.as_str();
    let plan = e.withdrawal.as_ref();

    for now in nows {
        let today = now.date_naive();

        stage("overview: health");
        let h = health(&e.issues, charter, zones, now);
        let _ = h.scope_pressure();
        stage("overview: hypercare_weeks");
        let weeks = hypercare_weeks(charter, plan);
        // The overview draws a bar per week (`ui::pages::week_chart`), which the harness cannot
        // render: more weeks than a hypercare can have (the charter's 8 and two years of
        // extensions, `bounds::MAX_WEEK`) is a finding of its own.
        assert!(
            weeks.len() <= MAX_CHART_WEEKS,
            "harness check: the overview would draw {} week bars (a hypercare has at most {MAX_CHART_WEEKS})",
            weeks.len()
        );
        stage("overview: weekly_trend");
        let _ = weekly_trend(&e.issues, &weeks, zones, zone);
        stage("overview: exit criteria");
        let criteria = evaluate(&e.issues, charter, plan, &e.exit_criteria, zones, now);
        stage("overview: phase");
        overview_phase(charter, plan, today);

        stage("triage queue");
        let rows = queue::rows(&e.issues, Some(charter), zones, now);
        let filter = Filter::default();
        let _ = filter.apply(&rows);
        let _ = filter.counts(&rows);
        for row in &rows {
            if let Some(clock) = row.headline_clock() {
                let _ = clock.describe(&charter.calendar);
            }
            stage("triage queue: handled by");
            let handled =
                crate::domain::withdrawal::handled_by::handled_by(&row.view, charter, plan, &Zones);
            let _ = handled.map(|h| h.explained());
            stage("triage queue");
        }
        stage("issue page: SLA clocks");
        for issue in &e.issues {
            if let Some((response, resolution)) = clocks(issue, charter, zones, now) {
                for clock in [response, resolution] {
                    let _ = clock.describe(&charter.calendar);
                    if let Some(due) = clock.due {
                        let _ = zoned_time(zones, zone, due);
                    }
                }
            }
        }
        stage("stand-up: clock alerts");
        let _ = standup::clock_alerts(&e.issues, charter, zones, now);
        let _ = standup::alert_blocks(&e.issues, charter, zones, now);
        let _ = standup::untriaged_blocks(&e.issues);
        let _ = presentation::scope_blocks(charter);

        if let Some(p) = plan {
            stage("plan: handoff gaps");
            let _ = p.handoff.gaps(today);
            let _ = exit_meeting::handoff_blocks(Some(&p.handoff), today);
            for r in &p.handoff.responsibilities {
                let _ = r.stage_reached();
            }
        }

        if let Some(review) = &e.exit_review {
            let as_of = review.signed_at.unwrap_or(now);
            stage("exit review: health");
            let h = health(&e.issues, charter, zones, as_of);
            stage("exit review: criteria");
            let criteria = evaluate(&e.issues, charter, plan, &e.exit_criteria, zones, as_of);
            stage("exit review: problems");
            let _ = review.problems(&criteria, &e.issues);
            let _ = exit_meeting::criteria_blocks(&criteria);
            let _ = exit_meeting::exception_blocks(&criteria, Some(review));
            let _ = exit_meeting::signature_blocks(Some(review));
            stage("exit review: markdown");
            let _ = review_markdown(
                &ReviewDocument {
                    name: e.name(),
                    charter,
                    issues: &e.issues,
                    plan,
                    health: &h,
                    criteria: &criteria,
                    review,
                },
                zones,
            );
            if !review.is_signed() {
                stage("exit review: sign");
                let mut signed = e.clone();
                sign(&mut signed, charter, &h, &criteria, zones, now);
            }
        }
        let _ = criteria;

        for w in e.workshops.iter().take(4) {
            stage("workshop: timer");
            let _ = w.state();
            let _ = w.countdown(now);
            let _ = w.plan_delta(now);
            let _ = w.step_times(now);
            let _ = w.total_spent_ms(now);
            stage("workshop: markdown");
            let local = LocalTime {
                zone: zones,
                time_zone: zone,
            };
            let _ = workshop_markdown(w, e.name(), &local, now);
        }
    }

    match plan {
        Some(p) => plan_screens(e, p, charter),
        None => {
            stage("plan: create");
            let made = WithdrawalPlan::generate(charter);
            plan_screens(e, &made, charter);
        }
    }

    stage("csv export");
    let _ = crate::domain::triage::csv::export(&e.issues, Some(charter), zones, zone, nows[0]);

    share_and_sync(e, revision, saved_at);
}

/// The overview's first line, as `ui::pages::dashboard` works it out.
fn overview_phase(
    charter: &crate::domain::charter::Charter,
    plan: Option<&WithdrawalPlan>,
    today: NaiveDate,
) {
    let go_live = charter.go_live_date();
    let end = plan
        .and_then(|p| p.end_date(charter))
        .or_else(|| charter.end_date());
    match (go_live, end) {
        (Some(start), _) if today < start => {
            let _ = (start - today).num_days();
            let _ = crate::ui::format::long_date(start);
        }
        (Some(start), Some(end)) if today <= end => {
            let _ = (today - start).num_days() + 1;
            let _ = (end - start).num_days() + 1;
            let week = plan.and_then(|p| {
                p.week_of(charter, today)
                    .and_then(|w| p.level_in(w).map(|l| (w, l)))
            });
            let _ = week.map(|(_, l)| l.meaning());
            let _ = crate::ui::format::long_date(end);
        }
        (_, Some(end)) => {
            let _ = crate::ui::format::long_date(end);
        }
        _ => {}
    }
}

fn plan_screens(e: &Engagement, p: &WithdrawalPlan, charter: &crate::domain::charter::Charter) {
    stage("plan: handoff defaults");
    let _ = Handoff::default_for(p, charter);
    stage("plan: calendar export (.ics)");
    let alarms = ics::due_alarms(e.id.as_str(), &e.issues, charter, &Zones, nows()[0]);
    let _ = ics::export(e.id.as_str(), e.name(), p, charter, &alarms, nows()[0]);
    stage("plan: timeline");
    timeline(p, charter, nows()[0].date_naive());
    stage("plan: signals");
    let signals = week_signals(&e.issues, p, charter, |t| t.date_naive());
    let _ = warnings(&signals);
}

/// The timeline's arithmetic, as `ui::plan::timeline` does it.
fn timeline(plan: &WithdrawalPlan, charter: &crate::domain::charter::Charter, now: NaiveDate) {
    let Some(go_live) = charter.go_live_date() else {
        return;
    };
    let planned_end = charter.end_date().unwrap_or(go_live);
    let end = plan.end_date(charter).unwrap_or(planned_end);
    let total_days = ((end - go_live).num_days() + 1).max(1) as f64;
    let x = |date: NaiveDate| {
        let at = (date - go_live).num_days() as f64 / total_days * 1000.0;
        (at.round() as i32).clamp(0, 1000)
    };
    for w in 1..=plan.weeks.len() as u32 {
        let Some(start) = plan.week_start(charter, w) else {
            continue;
        };
        if plan.level_in(w).is_none() {
            continue;
        }
        let next = start + Duration::days(7);
        let _ = (x(start), x(next.min(planned_end + Duration::days(1))));
    }
    if end > planned_end {
        let _ = x(planned_end + Duration::days(1));
    }
    if now >= go_live && now <= end {
        let _ = x(now);
    }
    let _ = crate::ui::format::long_date(go_live);
    let _ = crate::ui::format::long_date(end);
}

/// The share dialog's links (made and read back) and what team sync sends.
fn share_and_sync(e: &Engagement, revision: u64, saved_at: DateTime<Utc>) {
    let mut what = vec![
        ShareWhat::CharterDraft,
        ShareWhat::Plan,
        ShareWhat::ExitReview,
    ];
    what.extend(
        e.charter
            .revisions
            .iter()
            .take(2)
            .map(|r| ShareWhat::CharterRevision(r.number)),
    );
    for w in what {
        stage("share: snapshot");
        let Ok(snapshot) = Snapshot::of(e, w, SCHEMA_VERSION, revision, saved_at) else {
            continue;
        };
        let _ = snapshot.provenance();
        let _ = snapshot.title();
        let _ = snapshot.page_title();
        let _ = compare(&snapshot, e);
        stage("share: make link");
        if let Ok(link) = crate::share::make_link("https://handrail.example/app/", &snapshot) {
            stage("share: read own link");
            let _ = crate::share::parse_link(&link);
        }
    }
    stage("team sync: documents sent");
    let mut head = e.clone();
    let _ = crate::sync::docs::digest(&crate::sync::docs::head_body(&mut head));
    for issue in e.issues.iter().take(50) {
        let _ = crate::sync::docs::digest(&crate::sync::docs::issue_body(&e.id, issue));
    }
}
