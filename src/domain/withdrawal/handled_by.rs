//! Who handles an issue: one answer, with where it comes from, for every screen that says it
//! (the issue page and the queue's rows). What was recorded on the issue comes first; else the
//! withdrawal plan's level in the week the issue was reported (that week read in the charter's
//! time zone, as the plan's weeks are); else, in scope with no plan yet, the hypercare team.
use crate::domain::charter::Charter;
use crate::domain::triage::{IssueView, ZoneRules};

use super::WithdrawalPlan;

/// The answer and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandledBy {
    /// Recorded on the issue ("Who is working on it"), with what the plan says when that
    /// differs.
    Recorded {
        team: &'static str,
        planned: Option<&'static str>,
    },
    /// The withdrawal plan's level in the week it was reported.
    Planned(&'static str),
    /// In scope, and no withdrawal plan yet.
    HypercareTeam,
}

impl HandledBy {
    /// Who, in two or three words: the queue's "Handled by: …".
    pub fn who(&self) -> &'static str {
        match self {
            Self::Recorded { team, .. } => team,
            Self::Planned(team) => team,
            Self::HypercareTeam => "The hypercare team",
        }
    }

    /// Who, and where that comes from: the issue page's answer.
    pub fn explained(&self) -> String {
        match self {
            Self::Recorded {
                team,
                planned: Some(planned),
            } => format!(
                "{team}: recorded on the issue (the withdrawal plan gives it to the {})",
                planned.to_lowercase()
            ),
            Self::Recorded { team, .. } => format!("{team}: recorded on the issue"),
            Self::Planned(team) => {
                format!("{team}: by the withdrawal plan for the week it was reported")
            }
            Self::HypercareTeam => {
                "The hypercare team: in scope, and no withdrawal plan yet".to_owned()
            }
        }
    }
}

/// Who handles the issue seen as `view`; `None` unless it was triaged in scope (out of scope,
/// it is routed, not handled).
pub fn handled_by(
    view: &IssueView,
    charter: &Charter,
    plan: Option<&WithdrawalPlan>,
    rules: &dyn ZoneRules,
) -> Option<HandledBy> {
    if view.in_scope != Some(true) {
        return None;
    }
    let planned = plan.zip(view.clock_start()).map(|(plan, at)| {
        let reported_on = rules.to_local(&charter.calendar.time_zone, at).date();
        plan.handler(charter, reported_on, view.severity_id.as_deref())
            .name()
    });
    Some(match (view.worked_by, planned) {
        (Some(team), planned) => HandledBy::Recorded {
            team: team.name(),
            planned: planned.filter(|p| *p != team.name()),
        },
        (None, Some(planned)) => HandledBy::Planned(planned),
        (None, None) => HandledBy::HypercareTeam,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{self, at, triaged, Tz};
    use crate::domain::triage::Team;

    /// Four weeks from Monday 1 March 2027 in New York: week 2 (critical only) starts on
    /// Monday 8 March there.
    fn setting() -> (Charter, WithdrawalPlan) {
        let mut charter = fixtures::charter("Salesforce", "2027-03-01", "America/New_York");
        charter.duration_weeks = Some(4);
        let plan = WithdrawalPlan::generate(&charter);
        (charter, plan)
    }

    #[test]
    fn the_week_is_the_charters_not_the_viewers() {
        let (charter, plan) = setting();
        // Sunday 7 March, 22:00 in New York: still week 1 there, already Monday in UTC.
        let issue = triaged(&charter, 1, "minor", "2027-03-08T03:00:00Z");
        let answer = handled_by(&issue.view(), &charter, Some(&plan), &Tz);
        assert_eq!(answer, Some(HandledBy::Planned("Project team")));
        // Monday 8 March, 09:00 there: week 2, where a minor issue is the business team's.
        let issue = triaged(&charter, 2, "minor", "2027-03-08T14:00:00Z");
        let answer = handled_by(&issue.view(), &charter, Some(&plan), &Tz);
        assert_eq!(answer, Some(HandledBy::Planned("Business team")));
    }

    #[test]
    fn what_was_recorded_comes_first_and_says_what_the_plan_would_give() {
        let (charter, plan) = setting();
        let mut issue = triaged(&charter, 1, "minor", "2027-03-08T14:00:00Z");
        issue
            .worked_by(Team::ProjectTeam, "Ana", at("2027-03-08T15:00:00Z"))
            .expect("in scope");
        let answer = handled_by(&issue.view(), &charter, Some(&plan), &Tz).expect("in scope");
        assert_eq!(answer.who(), "Project team");
        assert_eq!(
            answer.explained(),
            "Project team: recorded on the issue (the withdrawal plan gives it to the business team)"
        );
        issue
            .worked_by(Team::BusinessTeam, "Ana", at("2027-03-08T16:00:00Z"))
            .expect("in scope");
        let answer = handled_by(&issue.view(), &charter, Some(&plan), &Tz).expect("in scope");
        assert_eq!(answer.explained(), "Business team: recorded on the issue");
    }

    #[test]
    fn without_a_plan_the_hypercare_team_and_out_of_scope_no_one() {
        let (charter, _) = setting();
        let issue = triaged(&charter, 1, "minor", "2027-03-08T14:00:00Z");
        let answer = handled_by(&issue.view(), &charter, None, &Tz);
        assert_eq!(answer, Some(HandledBy::HypercareTeam));
        let untriaged =
            crate::domain::triage::Issue::log(2, "Export", "Ana", at("2027-03-08T14:00:00Z"))
                .expect("a title");
        assert_eq!(handled_by(&untriaged.view(), &charter, None, &Tz), None);
    }
}
