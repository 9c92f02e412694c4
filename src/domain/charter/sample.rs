//! A realistic sample charter, so a facilitator can show a workshop what a finished one looks
//! like and let the room edit it rather than stare at empty fields.
use chrono::{Duration, NaiveDate};

use super::{Charter, DestinationContact, EscalationLevel, Holiday, RoutingDestination};

pub fn sample(system: &str, go_live: NaiveDate, time_zone: &str) -> Charter {
    let mut charter = Charter::new(system, go_live, time_zone);
    charter.calendar.day_starts = chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default();
    charter.calendar.day_ends = chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default();
    charter.calendar.holidays = vec![Holiday {
        id: String::new(),
        date: (go_live + Duration::days(18))
            .format("%Y-%m-%d")
            .to_string(),
        name: "Company day off".to_owned(),
    }];
    let level = |name: &str, role: &str, reach: &str, when: &str| EscalationLevel {
        id: String::new(),
        name: name.to_owned(),
        role: role.to_owned(),
        how_to_reach: reach.to_owned(),
        when: when.to_owned(),
    };
    charter.escalation = vec![
        level(
            "Priya Raman",
            "Hypercare lead",
            "+44 20 7946 0101, #hypercare channel",
            "A decision is beyond the support team, or a response target is at risk.",
        ),
        level(
            "Daniel Okafor",
            "Project manager",
            "+44 20 7946 0144",
            "A critical issue misses its resolution target, or needs budget or people.",
        ),
        level(
            "Marta Lindqvist",
            "Project sponsor, COO",
            "Through Daniel; direct line only for critical issues",
            "A critical issue threatens revenue or customers, or the teams disagree on scope.",
        ),
    ];
    let contact = |destination, contact: &str, reach: &str| DestinationContact {
        id: String::new(),
        destination,
        contact: contact.to_owned(),
        how_to_reach: reach.to_owned(),
    };
    charter.destinations = vec![
        contact(
            RoutingDestination::GovernanceCommittee,
            "CRM governance board, chaired by Tom Fischer",
            "Fortnightly on Tuesdays; agenda items to tom.fischer@example.com",
        ),
        contact(
            RoutingDestination::BusinessOwner,
            "Helen Ortiz, Head of Sales Operations",
            "helen.ortiz@example.com",
        ),
        contact(
            RoutingDestination::ImplementationPartner,
            "Brightpath Consulting, support desk",
            "support@brightpath.example, maintenance agreement BP-2231",
        ),
        contact(
            RoutingDestination::EnhancementBacklog,
            "Sam Lee, product owner",
            "Backlog board \u{201c}CRM release 2\u{201d}",
        ),
    ];
    charter
}

/// A whole engagement whose charter is the sample, approved as revision 1 on 20 Feb 2027 by
/// Daniel Okafor: the realistic document that share links are measured and tested with, natively
/// and in the browser. `created_at` also stamps the engagement's id, so two calls with different
/// instants give two different engagements.
pub fn approved_sample_engagement(
    created_at: chrono::DateTime<chrono::Utc>,
) -> Option<crate::domain::Engagement> {
    use crate::domain::{Engagement, EngagementForm, EngagementId};
    let form = EngagementForm {
        name: "Acme CRM rollout".into(),
        system: "Salesforce Sales Cloud".into(),
        go_live: "2027-03-01".into(),
    };
    let seed = created_at.timestamp().to_le_bytes();
    let mut engagement = Engagement::new(
        EngagementId::from_random_bytes(seed),
        form.parse([]).ok()?,
        created_at,
    );
    let go_live = NaiveDate::from_ymd_opt(2027, 3, 1)?;
    engagement
        .charter
        .start(sample("Salesforce Sales Cloud", go_live, "Europe/London"))
        .ok()?;
    engagement
        .charter
        .approve(&super::ApprovalForm {
            name: "Daniel Okafor".into(),
            role: "Project manager".into(),
            date: "2027-02-20".into(),
        })
        .ok()?;
    Some(engagement)
}
