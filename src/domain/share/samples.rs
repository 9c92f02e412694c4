//! Realistic engagements for the share tests: the sample charter approved, its plan with a
//! filled-in handoff, and a signed exit review over a month of issues.

use crate::domain::charter::sample::approved_sample_engagement;
use crate::domain::exit::criteria::evaluate;
use crate::domain::exit::health::health;
use crate::domain::exit::review::{sign, Exception, ExitReview, Signature};
use crate::domain::triage::zone::Utc0;
use crate::domain::triage::{Issue, Status, Triage};
use crate::domain::withdrawal::WithdrawalPlan;
use crate::domain::Engagement;

pub use crate::domain::fixtures::at;

/// The sample charter, approved as revision 1 on 20 Feb 2027 by Daniel Okafor.
pub fn approved_sample() -> Engagement {
    let mut e = approved_sample_engagement(at("2027-02-01T09:00:00Z")).unwrap();
    e.updated_at = at("2027-02-20T15:30:00Z");
    e
}

/// The approved sample with its plan and a handoff the team has filled in.
pub fn with_plan() -> Engagement {
    let mut e = approved_sample();
    let charter = e.charter.in_force().unwrap().clone();
    let mut plan = WithdrawalPlan::generate(&charter);
    plan.setup_step = None;
    plan.handoff.owner_name = "Helen Ortiz".into();
    plan.handoff.owner_role = "Head of Sales Operations".into();
    let people = [
        ("Ravi Shah", "Admin runbook in Confluence, CRM space"),
        ("Ana Costa", "Change request form, weekly CAB on Thursdays"),
        ("Li Wei", "Weekly data quality dashboard, duplicate rules"),
        (
            "Ana Costa",
            "Report catalogue with owners and refresh dates",
        ),
        (
            "Service desk, team lead Joe Bloggs",
            "Tier 1 scripts in the knowledge base",
        ),
    ];
    for (r, (owner, process)) in plan.handoff.responsibilities.iter_mut().zip(people) {
        r.owner = owner.into();
        r.process = process.into();
        if let Some(first) = r.transfer.first_mut() {
            first.done = "2027-03-05".into();
        }
    }
    plan.handoff.escalation[0].who = "Brightpath Consulting".into();
    plan.handoff.escalation[0].how = "support@brightpath.example, agreement BP-2231".into();
    plan.handoff.escalation[1].who = "Salesforce Premier Support".into();
    plan.handoff.escalation[1].how = "Help portal, case severity per their guide".into();
    plan.hold(
        3,
        "Daniel Okafor",
        "A critical quoting defect came in on day 15",
        at("2027-03-15T10:00:00Z"),
    )
    .unwrap();
    e.withdrawal = Some(plan);
    e.updated_at = at("2027-03-15T10:00:00Z");
    e
}

/// A month of hypercare closed by a signed exit review.
pub fn with_signed_review() -> Engagement {
    let mut e = with_plan();
    let charter = e.charter.in_force().unwrap().clone();
    let titles = [
        (
            "Opportunity page misses the region field",
            "configuration-defects",
            "important",
            "2027-03-01T10:00:00Z",
        ),
        (
            "Saving a quote times out",
            "performance-issues",
            "critical",
            "2027-03-02T09:30:00Z",
        ),
        (
            "How do I log a call from Outlook?",
            "user-questions",
            "minor",
            "2027-03-02T14:00:00Z",
        ),
        (
            "Accounts imported without owners",
            "data-migration-corrections",
            "important",
            "2027-03-04T11:00:00Z",
        ),
        (
            "Pipeline report by product line",
            "new-report-development",
            "minor",
            "2027-03-08T16:00:00Z",
        ),
        (
            "Discount approvals go to the wrong queue",
            "configuration-defects",
            "critical",
            "2027-03-15T08:45:00Z",
        ),
        (
            "Nordic team wants its own stages",
            "process-variation-accommodation",
            "minor",
            "2027-03-17T13:00:00Z",
        ),
        (
            "Duplicate contacts after the import",
            "data-migration-corrections",
            "minor",
            "2027-03-22T09:00:00Z",
        ),
    ];
    for (i, (title, category, severity, when)) in titles.into_iter().enumerate() {
        let mut issue = Issue::log(i as u32 + 1, title, "Priya Raman", at(when)).unwrap();
        issue
            .triage(
                &charter,
                Triage::in_scope(category, severity),
                "Priya Raman",
                at(when),
            )
            .unwrap();
        if issue.view().status() != Status::Routed {
            let later = at(when) + chrono::Duration::hours(1);
            if i == 7 {
                issue
                    .transfer(
                        "Li Wei",
                        "Merge with the duplicate rules in April",
                        "",
                        later,
                    )
                    .unwrap();
            } else {
                issue
                    .set_status(Status::Resolved, "Fixed", "", later)
                    .unwrap();
            }
        }
        e.issues.push(issue);
    }
    let now = at("2027-03-29T16:00:00Z");
    let plan = e.withdrawal.clone();
    let criteria = evaluate(
        &e.issues,
        &charter,
        plan.as_ref(),
        &e.exit_criteria,
        &Utc0,
        now,
    );
    let figures = health(&e.issues, &charter, &Utc0, now);
    let review = ExitReview {
        exceptions: criteria
            .iter()
            .filter(|c| !c.met)
            .map(|c| Exception {
                id: String::new(),
                criterion: c.title.clone(),
                owner: "Helen Ortiz".into(),
                plan: "Reviewed at the first monthly service review".into(),
            })
            .collect(),
        targets: vec![(8, "2027-04-15".into())],
        project_signature: Signature {
            name: "Priya Raman".into(),
            role: "Hypercare lead".into(),
            date: "2027-03-29".into(),
            account: String::new(),
        },
        business_signature: Signature {
            name: "Helen Ortiz".into(),
            role: "Head of Sales Operations".into(),
            date: "2027-03-29".into(),
            account: String::new(),
        },
        ..ExitReview::default()
    };
    e.exit_review = Some(review);
    sign(&mut e, &charter, &figures, &criteria, &Utc0, now);
    e.updated_at = now;
    e
}
