//! The triage wizard's answers before they are applied, and what still stops them, step by step.
//! The rules live here rather than in the view, so they are tested natively and the wizard only
//! shows them: each problem names the input it is about (its id in the wizard).
use chrono::{DateTime, Utc};

use super::issue::{check_reported_at, Change, Triage};
use crate::domain::charter::{Charter, RoutingDestination};

/// The wizard's four steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TriageStep {
    Describe,
    Classify,
    /// The severity of an in-scope issue, or the routing of an out-of-scope request.
    Confirm,
}

impl TriageStep {
    pub const ALL: [Self; 3] = [Self::Describe, Self::Classify, Self::Confirm];

    /// The step at a position in the wizard; anything past the end is the last.
    pub fn at(index: usize) -> Self {
        Self::ALL.get(index).copied().unwrap_or(Self::Confirm)
    }
}

/// One thing to fix before the issue can be triaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub step: TriageStep,
    /// The id of the input the problem is about.
    pub field: &'static str,
    pub message: String,
}

/// What the triage wizard holds: the description, then the classification.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TriageForm {
    pub title: String,
    pub description: String,
    pub reporter: String,
    /// When it was reported, read from what was typed; `None` when that is not a time.
    pub reported_at: Option<DateTime<Utc>>,
    pub area: String,
    /// Empty until a category is chosen.
    pub category_id: String,
    pub rationale: String,
    /// Empty until a severity is chosen.
    pub severity_id: String,
    /// Where an out-of-scope request goes instead of the charter's destination, if anywhere.
    pub route_override: Option<RoutingDestination>,
    pub route_reason: String,
}

impl TriageForm {
    /// Whether the chosen category is in scope; `None` while no charter category is chosen.
    pub fn in_scope(&self, charter: &Charter) -> Option<bool> {
        category_in_scope(charter, &self.category_id)
    }

    /// The description as an issue change, once the reported time is known.
    pub fn described(&self) -> Option<Change> {
        Some(Change::Described {
            title: self.title.clone(),
            description: self.description.clone(),
            reporter: self.reporter.clone(),
            reported_at: self.reported_at?,
            area: self.area.clone(),
        })
    }

    /// The classification to apply: a severity only for an in-scope category (an out-of-scope
    /// request has none), and the override with its reason when one is chosen.
    pub fn triage(&self, charter: &Charter) -> Triage<'_> {
        Triage {
            category_id: &self.category_id,
            rationale: &self.rationale,
            severity_id: (self.in_scope(charter) == Some(true))
                .then_some(self.severity_id.as_str()),
            route_override: self.route_override.map(|d| (d, self.route_reason.as_str())),
        }
    }
}

/// Whether the charter category `category_id` is in scope; `None` when there is no such category.
pub fn category_in_scope(charter: &Charter, category_id: &str) -> Option<bool> {
    charter
        .categories
        .iter()
        .find(|c| c.id == category_id)
        .map(|c| c.in_scope)
}

/// Every open problem, in step order. `now` is the device's clock: a report cannot come from
/// the future.
pub fn problems(form: &TriageForm, charter: &Charter, now: DateTime<Utc>) -> Vec<Problem> {
    TriageStep::ALL
        .into_iter()
        .flat_map(|step| problems_in(form, charter, step, now))
        .collect()
}

/// The problems of one step.
pub fn problems_in(
    form: &TriageForm,
    charter: &Charter,
    step: TriageStep,
    now: DateTime<Utc>,
) -> Vec<Problem> {
    let mut found = Vec::new();
    let mut add = |field: &'static str, message: String| {
        found.push(Problem {
            step,
            field,
            message,
        })
    };
    let in_scope = form.in_scope(charter);
    match step {
        TriageStep::Describe => {
            if form.title.trim().is_empty() {
                add("issue-title", "Give the issue a title".to_owned());
            }
            match form.reported_at {
                None => add("issue-reported", "Enter when it was reported".to_owned()),
                Some(at) => {
                    if let Err(error) = check_reported_at(at, now) {
                        add("issue-reported", error.to_string());
                    }
                }
            }
        }
        TriageStep::Classify => {
            if in_scope.is_none() {
                add(
                    "issue-category",
                    "Choose a category from the charter".to_owned(),
                );
            }
        }
        TriageStep::Confirm => {
            if in_scope == Some(true)
                && !charter.severities.iter().any(|s| s.id == form.severity_id)
            {
                add("issue-severity", "Choose a severity".to_owned());
            }
            if in_scope == Some(false)
                && form.route_override.is_some()
                && form.route_reason.trim().is_empty()
            {
                add(
                    "issue-route-reason",
                    "Say why this request goes elsewhere than the charter says".to_owned(),
                );
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{self, at};
    use crate::domain::triage::Issue;

    fn charter() -> Charter {
        fixtures::charter("Salesforce", "2027-03-01", "Europe/London")
    }

    fn now() -> DateTime<Utc> {
        at("2027-03-08T12:00:00Z")
    }

    fn described() -> TriageForm {
        TriageForm {
            title: "Quotes do not save".into(),
            reported_at: Some(at("2027-03-08T09:00:00Z")),
            ..TriageForm::default()
        }
    }

    fn fields(problems: &[Problem]) -> Vec<&'static str> {
        problems.iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_blank_form_needs_a_title_a_time_and_a_category() {
        let found = problems(&TriageForm::default(), &charter(), now());
        assert_eq!(
            fields(&found),
            ["issue-title", "issue-reported", "issue-category"]
        );
        assert_eq!(found[1].message, "Enter when it was reported");
        assert_eq!(found[2].step, TriageStep::Classify);
    }

    #[test]
    fn a_report_from_the_future_is_refused_beside_its_field() {
        let form = TriageForm {
            reported_at: Some(at("2027-03-08T12:06:00Z")),
            ..described()
        };
        let found = problems_in(&form, &charter(), TriageStep::Describe, now());
        assert_eq!(fields(&found), ["issue-reported"]);
        assert!(found[0].message.contains("in the future"));
        // Within the clock-drift tolerance it is accepted.
        let form = TriageForm {
            reported_at: Some(at("2027-03-08T12:04:00Z")),
            ..described()
        };
        assert!(problems_in(&form, &charter(), TriageStep::Describe, now()).is_empty());
    }

    #[test]
    fn in_scope_needs_a_charter_severity_out_of_scope_needs_none() {
        let c = charter();
        let mut form = TriageForm {
            category_id: "configuration-defects".into(),
            severity_id: "no-such-severity".into(),
            ..described()
        };
        assert_eq!(fields(&problems(&form, &c, now())), ["issue-severity"]);
        form.severity_id = c.severities[0].id.clone();
        assert!(problems(&form, &c, now()).is_empty());
        form.category_id = "new-report-development".into();
        form.severity_id.clear();
        assert!(problems(&form, &c, now()).is_empty());
        assert_eq!(form.triage(&c).severity_id, None);
    }

    #[test]
    fn overriding_the_route_needs_a_reason() {
        let c = charter();
        let mut form = TriageForm {
            category_id: "new-report-development".into(),
            route_override: Some(RoutingDestination::BusinessOwner),
            route_reason: "  ".into(),
            ..described()
        };
        let found = problems_in(&form, &c, TriageStep::Confirm, now());
        assert_eq!(fields(&found), ["issue-route-reason"]);
        form.route_reason = "A process decision".into();
        assert!(problems(&form, &c, now()).is_empty());
    }

    #[test]
    fn a_form_without_problems_triages_the_issue() {
        let c = charter();
        let form = TriageForm {
            category_id: "configuration-defects".into(),
            severity_id: c.severities[0].id.clone(),
            rationale: "Save button errors since go-live".into(),
            ..described()
        };
        assert!(problems(&form, &c, now()).is_empty());
        let mut issue = Issue::log(1, "Quotes", "Ana", at("2027-03-08T09:00:00Z")).unwrap();
        issue
            .describe(form.described().unwrap(), "Ana", now())
            .unwrap();
        issue.triage(&c, form.triage(&c), "Ana", now()).unwrap();
        let view = issue.view();
        assert_eq!(view.title, "Quotes do not save");
        assert_eq!(view.in_scope, Some(true));
        assert_eq!(
            view.severity_id.as_deref(),
            Some(c.severities[0].id.as_str())
        );
        assert_eq!(view.rationale, "Save button errors since go-live");
    }
}
