//! A realistic sample charter, so a facilitator can show a workshop what a finished one looks
//! like and let the room edit it rather than stare at empty fields.
use chrono::{Duration, NaiveDate};

use super::{
    Charter, CharterStep, DestinationContact, EscalationLevel, Holiday, RoutingDestination,
};

/// The sample's invented people, contacts and days: marked as sample text wherever they still
/// stand (`invented`), so that no one approves, prints or shares a charter that sends people
/// to someone who does not exist.
const INVENTED: [&str; 15] = [
    LEAD,
    "+44 20 7946 0101, #hypercare channel",
    "Daniel Okafor",
    "+44 20 7946 0144",
    "Marta Lindqvist",
    "Through Daniel; direct line only for critical issues",
    "CRM governance board, chaired by Tom Fischer",
    "Fortnightly on Tuesdays; agenda items to tom.fischer@example.com",
    "Helen Ortiz, Head of Sales Operations",
    "helen.ortiz@example.com",
    "Brightpath Consulting, support desk",
    "support@brightpath.example, maintenance agreement BP-2231",
    "Sam Lee, product owner",
    "Backlog board \u{201c}CRM release 2\u{201d}",
    HOLIDAY,
];
const LEAD: &str = "Priya Raman";
const HOLIDAY: &str = "Company day off";

/// A value of the charter that is still the sample's invented text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invented {
    /// The id of its input in the charter wizard.
    pub field: String,
    pub step: CharterStep,
    /// Where it is and what it says: "Escalation level 1: Priya Raman".
    pub label: String,
}

/// Whether `text` is one of the sample's invented values.
pub fn is_invented(text: &str) -> bool {
    INVENTED.contains(&text.trim())
}

/// Every value of `charter` that is still the sample's invented text, in wizard order.
pub fn invented(charter: &Charter) -> Vec<Invented> {
    let mut found = Vec::new();
    let mut note = |field: String, step, place: String, text: &str| {
        if is_invented(text) {
            found.push(Invented {
                field,
                step,
                label: format!("{place}: {}", text.trim()),
            });
        }
    };
    for (i, holiday) in charter.calendar.holidays.iter().enumerate() {
        let place = format!("Holiday on {}", holiday.date);
        note(
            format!("holiday-{i}-name"),
            CharterStep::Basics,
            place,
            &holiday.name,
        );
    }
    for (i, level) in charter.escalation.iter().enumerate() {
        let place = format!("Escalation level {}", i + 1);
        note(
            format!("escalation-{i}-name"),
            CharterStep::Escalation,
            place.clone(),
            &level.name,
        );
        note(
            format!("escalation-{i}-reach"),
            CharterStep::Escalation,
            place,
            &level.how_to_reach,
        );
    }
    for contact in &charter.destinations {
        let (key, place) = (contact.destination.key(), contact.destination.name());
        let field = |part: &str| format!("destination-{key}-{part}");
        note(
            field("contact"),
            CharterStep::Routing,
            place.to_owned(),
            &contact.contact,
        );
        note(
            field("reach"),
            CharterStep::Routing,
            place.to_owned(),
            &contact.how_to_reach,
        );
    }
    found
}

/// What a charter with invented values still in it says about them, on screen, in print and
/// in its Markdown; `None` once every one was replaced.
pub fn notice(charter: &Charter) -> Option<String> {
    let found = invented(charter);
    (!found.is_empty()).then(|| {
        let labels: Vec<&str> = found.iter().map(|i| i.label.as_str()).collect();
        format!(
            "Sample text: this charter still holds people, contacts and days invented for the sample ({}). Replace them before it is approved or shared.",
            labels.join("; ")
        )
    })
}

pub fn sample(system: &str, go_live: NaiveDate, time_zone: &str) -> Charter {
    let mut charter = Charter::new(system, go_live, time_zone);
    charter.calendar.day_starts = chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default();
    charter.calendar.day_ends = chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default();
    // A holiday in week 3, on a working day (a holiday at a weekend would change nothing).
    let holiday = (18..25)
        .map(|days| go_live + Duration::days(days))
        .find(|date| charter.calendar.is_working_day(*date))
        .unwrap_or(go_live + Duration::days(18));
    charter.calendar.holidays = vec![Holiday {
        id: String::new(),
        date: holiday.format("%Y-%m-%d").to_string(),
        name: HOLIDAY.to_owned(),
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
            LEAD,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::date;

    #[test]
    fn the_sample_holiday_falls_on_a_working_day_whatever_the_go_live_weekday() {
        for day in 1..=7 {
            let go_live = date("2027-03-01") + Duration::days(day);
            let charter = sample("Salesforce", go_live, "Europe/London");
            let holiday = charter.calendar.holidays[0].parsed_date().expect("a date");
            let mut weekdays_only = charter.calendar.clone();
            weekdays_only.holidays.clear();
            assert!(
                weekdays_only.is_working_day(holiday),
                "{go_live}: {holiday}"
            );
            assert!((18..25).contains(&(holiday - go_live).num_days()));
        }
    }

    #[test]
    fn invented_values_are_marked_until_changed() {
        let mut charter = sample("Salesforce", date("2027-03-01"), "Europe/London");
        let found = invented(&charter);
        assert_eq!(found.len(), 15, "{found:?}");
        assert_eq!(found[0].label, "Holiday on 2027-03-19: Company day off");
        assert_eq!(found[1].field, "escalation-0-name");
        assert_eq!(found[1].label, "Escalation level 1: Priya Raman");
        charter.escalation[0].name = "Aiko Tanaka".into();
        charter.calendar.holidays[0].name = "Founders\u{2019} day".into();
        let found = invented(&charter);
        assert_eq!(found.len(), 13);
        assert!(found.iter().all(|i| i.field != "escalation-0-name"));
        // A role such as "Hypercare lead" is not invented: it is what the sample teaches.
        assert!(!is_invented("Hypercare lead"));
        assert!(invented(&crate::domain::charter::Charter::new(
            "X",
            date("2027-03-01"),
            "UTC"
        ))
        .is_empty());
    }
}
