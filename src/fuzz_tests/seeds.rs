//! The valid engagements the structure-aware inputs start from: the share samples (an approved
//! charter with its plan, a signed review over a month of issues), a living hypercare with
//! every kind of issue event, an extension, a hold, a workshop under way and an unsigned
//! review, a charter still in draft, and an engagement with nothing yet.
use std::sync::OnceLock;

use chrono::{DateTime, Utc};

use crate::domain::charter::sample::sample;
use crate::domain::charter::{CharterDraft, CharterStep};
use crate::domain::exit::review::{Exception, ExitReview};
use crate::domain::fixtures::{at, date};
use crate::domain::share::samples;
use crate::domain::triage::{Change, Issue, Status, Team, Triage};
use crate::domain::workshop::{AgendaKind, DecisionForm, DotVote, Workshop};
use crate::domain::{Engagement, EngagementDetails, EngagementId};
use crate::storage::Record;

pub struct Seeds {
    /// Unfrozen, with a plan, issues of every kind, a workshop and an unsigned review.
    pub living: Engagement,
    /// The signed exit review sample: frozen.
    pub signed: Engagement,
    /// A charter in draft, no revision yet.
    pub draft: Engagement,
    /// Details only.
    pub bare: Engagement,
}

impl Seeds {
    pub fn all(&self) -> [(&'static str, &Engagement); 4] {
        [
            ("living", &self.living),
            ("signed", &self.signed),
            ("draft", &self.draft),
            ("bare", &self.bare),
        ]
    }

    pub fn record(&self, e: &Engagement) -> Record {
        Record {
            engagement: e.clone(),
            revision: 7,
            saved_at: at("2027-03-20T12:00:00Z"),
        }
    }
}

pub fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut signed = samples::with_signed_review();
        signed.id = EngagementId::from_random_bytes([2; 8]);
        Seeds {
            living: living(),
            signed,
            draft: draft(),
            bare: bare(),
        }
    })
}

fn t(text: &str) -> DateTime<Utc> {
    at(text)
}

fn living() -> Engagement {
    let mut e = samples::with_plan();
    e.id = EngagementId::from_random_bytes([1; 8]);
    let charter = e.charter.in_force().cloned().expect("the sample charter");
    let by = "Priya Raman";
    let mut issues = Vec::new();

    // Reported earlier than logged, in scope, waiting on the reporter (a paused clock).
    let mut i =
        Issue::log(1, "Quotes do not save", by, t("2027-03-02T09:00:00Z")).expect("an issue");
    i.describe(
        Change::Described {
            title: "Quotes do not save".into(),
            description: "Saving a quote with 40 lines times out.".into(),
            reporter: "Ana Costa".into(),
            reported_at: t("2027-03-02T08:15:00Z"),
            area: "Sales".into(),
        },
        by,
        t("2027-03-02T09:05:00Z"),
    )
    .expect("a description");
    i.triage(
        &charter,
        Triage::in_scope("configuration-defects", "critical"),
        by,
        t("2027-03-02T09:10:00Z"),
    )
    .expect("a triage");
    i.set_status(Status::InProgress, "", by, t("2027-03-02T10:00:00Z"))
        .expect("a status");
    i.set_status(
        Status::WaitingOnReporter,
        "Asked for the quote number",
        by,
        t("2027-03-02T11:00:00Z"),
    )
    .expect("a status");
    i.worked_by(Team::BusinessTeam, by, t("2027-03-02T11:05:00Z"))
        .expect("a team");
    issues.push(i);

    // Out of scope, routed.
    let mut i = Issue::log(
        2,
        "A new approval step for discounts",
        by,
        t("2027-03-03T14:00:00Z"),
    )
    .expect("an issue");
    i.triage(
        &charter,
        Triage::out_of_scope("new-workflow-design").because("Not in the design"),
        by,
        t("2027-03-03T14:30:00Z"),
    )
    .expect("a triage");
    issues.push(i);

    // Resolved, reopened, resolved again, with a severity change.
    let mut i = Issue::log(
        3,
        "Report totals are off by one day",
        by,
        t("2027-03-04T16:50:00Z"),
    )
    .expect("an issue");
    i.triage(
        &charter,
        Triage::in_scope("configuration-defects", "minor"),
        by,
        t("2027-03-05T08:00:00Z"),
    )
    .expect("a triage");
    i.set_severity(
        &charter,
        "important",
        "Finance closes on it",
        by,
        t("2027-03-05T09:00:00Z"),
    )
    .expect("a severity");
    i.set_status(
        Status::Resolved,
        "Time zone of the report fixed",
        by,
        t("2027-03-08T12:00:00Z"),
    )
    .expect("a status");
    i.set_status(
        Status::Reopened,
        "Still off for March",
        by,
        t("2027-03-09T09:00:00Z"),
    )
    .expect("a status");
    i.set_status(Status::WaitingOnVendor, "", by, t("2027-03-09T10:00:00Z"))
        .expect("a status");
    issues.push(i);

    // Transferred to the business team.
    let mut i =
        Issue::log(4, "Duplicate contacts", by, t("2027-03-08T09:00:00Z")).expect("an issue");
    i.triage(
        &charter,
        Triage::in_scope("data-migration-corrections", "minor"),
        by,
        t("2027-03-08T09:30:00Z"),
    )
    .expect("a triage");
    i.transfer(
        "Li Wei",
        "Merge with the duplicate rules",
        by,
        t("2027-03-08T10:00:00Z"),
    )
    .expect("a transfer");
    issues.push(i);

    // Logged only, renumbered by team sync.
    let mut i =
        Issue::log(7, "Login page is slow", "Ravi", t("2027-03-09T07:59:00Z")).expect("an issue");
    i.renumber(5, "Ravi", t("2027-03-09T08:30:00Z"));
    issues.push(i);
    e.issues = issues;

    let plan = e.withdrawal.as_mut().expect("the sample plan");
    plan.extend(
        &charter,
        "Daniel Okafor",
        "The quoting defect",
        date("2027-04-09"),
        t("2027-03-20T10:00:00Z"),
    )
    .expect("an extension");

    let mut w = Workshop::new(
        1,
        AgendaKind::TriageStandUp,
        "Priya Raman",
        t("2027-03-10T08:55:00Z"),
    );
    w.start(t("2027-03-10T09:00:00Z")).expect("a start");
    let _ = w.set_notes(0, "Two new criticals overnight");
    w.record_decision(
        &DecisionForm {
            text: "Issue 1 stays critical".into(),
            recorded_by: "Priya Raman".into(),
            ..Default::default()
        },
        t("2027-03-10T09:04:00Z"),
    )
    .expect("a decision");
    if let Some(category) = charter.categories.first() {
        if let Ok(mut vote) = DotVote::scope_in_or_out(category, 0) {
            let _ = vote.record_ballot("Ana", &[2, 1]);
            let _ = vote.reveal(t("2027-03-10T09:06:00Z"));
            w.votes.push(vote);
        }
    }
    w.next(t("2027-03-10T09:07:00Z")).expect("a next step");
    e.workshops.push(w);
    let mut w = Workshop::new(
        2,
        AgendaKind::ExitReview,
        "Priya Raman",
        t("2027-03-28T13:00:00Z"),
    );
    w.start(t("2027-03-28T13:00:00Z")).expect("a start");
    w.pause(t("2027-03-28T13:10:00Z")).expect("a pause");
    e.workshops.push(w);

    e.exit_review = Some(ExitReview {
        exceptions: vec![Exception {
            id: String::new(),
            criterion: "no-open-critical".into(),
            owner: "Helen Ortiz".into(),
            plan: "Vendor fix in April".into(),
        }],
        targets: vec![(1, "2027-04-15".into())],
        ..ExitReview::default()
    });
    e.updated_at = t("2027-03-28T13:10:00Z");
    e.updated_by = "priya".into();
    // As saved: every list item with its id (the signed sample keeps the empty ids of data
    // stored before ids existed).
    e.ensure_item_ids("priya");
    e
}

fn draft() -> Engagement {
    let details = EngagementDetails {
        name: "Contoso Dynamics 365 Sales".into(),
        system: "Dynamics 365".into(),
        go_live: date("2027-05-03"),
    };
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([3; 8]),
        details,
        t("2027-04-01T09:00:00Z"),
    );
    e.charter.draft = Some(CharterDraft {
        charter: sample("Dynamics 365", date("2027-05-03"), "America/New_York"),
        step: CharterStep::ALL[2],
        furthest: CharterStep::ALL[3],
        reason: None,
    });
    let mut i = Issue::log(
        1,
        "Cannot find the new lead form",
        "Sam",
        t("2027-04-02T15:00:00Z"),
    )
    .expect("an issue");
    i.describe(
        Change::Described {
            title: "Cannot find the new lead form".into(),
            description: String::new(),
            reporter: "Sam".into(),
            reported_at: t("2027-04-02T14:00:00Z"),
            area: String::new(),
        },
        "Sam",
        t("2027-04-02T15:01:00Z"),
    )
    .expect("a description");
    e.issues.push(i);
    e
}

fn bare() -> Engagement {
    let details = EngagementDetails {
        name: "Fabrikam SAP S/4HANA".into(),
        system: "SAP".into(),
        go_live: date("2028-01-03"),
    };
    Engagement::new(
        EngagementId::from_random_bytes([4; 8]),
        details,
        t("2027-11-01T09:00:00Z"),
    )
}
