//! What workshops leave in the engagement: the decisions taken about an issue or a scope
//! category, wherever in the engagement's workshops they were taken, so that the issue and
//! the charter can show the rulings made about them in the room.
use super::decision::{Decision, Topic};
use super::Workshop;

/// A decision with the workshop and step it was taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionAt<'a> {
    pub workshop: &'a Workshop,
    pub decision: &'a Decision,
}

impl DecisionAt<'_> {
    /// "Daily stand-up 3, step “New issues”".
    pub fn place(&self) -> String {
        let step = self
            .workshop
            .steps
            .get(self.decision.step)
            .map_or("", |s| s.title());
        format!(
            "{} {}, step \u{201c}{step}\u{201d}",
            self.workshop.title(),
            self.workshop.number
        )
    }
}

/// Every decision whose topic `about` accepts, oldest first.
fn decisions_where<'a>(
    workshops: &'a [Workshop],
    about: impl Fn(&Topic) -> bool,
) -> Vec<DecisionAt<'a>> {
    let mut found: Vec<DecisionAt> = workshops
        .iter()
        .flat_map(|workshop| {
            workshop
                .decisions
                .iter()
                .filter(|d| d.topic.as_ref().is_some_and(&about))
                .map(move |decision| DecisionAt { workshop, decision })
        })
        .collect();
    found.sort_by_key(|d| d.decision.recorded_at);
    found
}

/// The decisions taken about issue `number`.
pub fn about_issue(workshops: &[Workshop], number: u32) -> Vec<DecisionAt<'_>> {
    decisions_where(
        workshops,
        |t| matches!(t, Topic::Issue { number: n, .. } if *n == number),
    )
}

/// The decisions taken about the scope category with id `id`.
pub fn about_category<'a>(workshops: &'a [Workshop], id: &str) -> Vec<DecisionAt<'a>> {
    decisions_where(
        workshops,
        |t| matches!(t, Topic::ScopeCategory { id: c, .. } if c == id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::at;
    use crate::domain::workshop::{AgendaKind, DecisionForm};

    fn decided(workshop: &mut Workshop, text: &str, topic: Topic, when: &str) {
        let form = DecisionForm {
            text: text.to_owned(),
            topic: Some(topic),
            recorded_by: "Priya".to_owned(),
            vote: None,
        };
        workshop
            .record_decision(&form, at(when))
            .expect("a decision");
    }

    #[test]
    fn decisions_about_an_issue_or_a_category_are_found_in_every_workshop_oldest_first() {
        let issue = |number| Topic::Issue {
            number,
            title: "Slow quotes".into(),
        };
        let category = Topic::ScopeCategory {
            id: "reports".into(),
            name: "New reports".into(),
        };
        let mut standup = Workshop::new(
            1,
            AgendaKind::TriageStandUp,
            "Priya",
            at("2027-03-02T08:00:00Z"),
        );
        let mut later = Workshop::new(
            2,
            AgendaKind::TriageStandUp,
            "Priya",
            at("2027-03-03T08:00:00Z"),
        );
        decided(
            &mut later,
            "Fix it in the next release",
            issue(12),
            "2027-03-03T08:20:00Z",
        );
        decided(
            &mut standup,
            "Critical until the patch",
            issue(12),
            "2027-03-02T08:10:00Z",
        );
        decided(
            &mut standup,
            "Out of scope: to the backlog",
            category.clone(),
            "2027-03-02T08:15:00Z",
        );
        decided(
            &mut standup,
            "Not this one",
            issue(7),
            "2027-03-02T08:16:00Z",
        );
        let workshops = [standup, later];

        let found = about_issue(&workshops, 12);
        let texts: Vec<&str> = found.iter().map(|d| d.decision.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Critical until the patch", "Fix it in the next release"]
        );
        assert!(
            found[0]
                .place()
                .starts_with("Daily triage stand-up 1, step"),
            "{}",
            found[0].place()
        );
        assert_eq!(about_category(&workshops, "reports").len(), 1);
        assert!(about_category(&workshops, "fields").is_empty());
        assert!(about_issue(&workshops, 99).is_empty());
    }
}
