//! What hypercare covers and what it does not, and where out-of-scope requests go.
//! Defaults are the article's: stabilisation is in scope, scope completion is not.
use serde::{Deserialize, Serialize};

use crate::domain::keyed::keyed;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeCategory {
    /// Stable across renames, so issues filed under a category keep pointing at it.
    pub id: String,
    pub name: String,
    pub description: String,
    /// One example per line.
    pub examples: String,
    pub in_scope: bool,
    /// Where requests of an out-of-scope category are routed. Ignored for in-scope ones.
    pub destination: Option<RoutingDestination>,
}

/// The established post-go-live processes an out-of-scope request can be routed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutingDestination {
    GovernanceCommittee,
    BusinessOwner,
    ImplementationPartner,
    EnhancementBacklog,
}

keyed!(RoutingDestination {
    GovernanceCommittee => "governance_committee", "Governance committee";
    BusinessOwner => "business_owner", "Business owner";
    ImplementationPartner => "implementation_partner", "Implementation partner";
    EnhancementBacklog => "enhancement_backlog", "Enhancement backlog";
});

impl RoutingDestination {
    /// What the destination decides, in the article's words.
    pub fn decides(self) -> &'static str {
        match self {
            Self::GovernanceCommittee => "workflow changes",
            Self::BusinessOwner => "process decisions",
            Self::ImplementationPartner => "configuration changes",
            Self::EnhancementBacklog => "enhancements for a future release",
        }
    }
}

/// The named person (or board) behind a destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DestinationContact {
    /// Stable within its list, for merging and references (see `domain::item_id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub destination: RoutingDestination,
    pub contact: String,
    pub how_to_reach: String,
}

fn category(
    id: &str,
    name: &str,
    description: &str,
    examples: &[&str],
    destination: Option<RoutingDestination>,
) -> ScopeCategory {
    ScopeCategory {
        id: id.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        examples: examples.join("\n"),
        in_scope: destination.is_none(),
        destination,
    }
}

pub fn default_categories() -> Vec<ScopeCategory> {
    use RoutingDestination::*;
    vec![
        category("configuration-defects", "Configuration defects", "The system does not behave as it was configured and agreed, and testing did not catch it.", &["A page layout misses a field that was in the design", "An approval goes to the wrong queue"], None),
        category("performance-issues", "Performance issues", "Slowness or time-outs that appear under production load.", &["Saving an opportunity takes 20 seconds", "The nightly import runs into the working day"], None),
        category("user-questions", "User questions", "How to use functionality that exists and works.", &["Where do I find my team's open cases?", "How do I log a call?"], None),
        category("data-migration-corrections", "Data migration corrections", "Data that is wrong because of a migration error.", &["Accounts without their owners", "Duplicate contacts created by the import"], None),
        category("just-in-time-guidance", "Just-in-time guidance", "Guidance for users meeting the system in live operation for the first time.", &["A quick walkthrough at a team's first month-end", "A job aid for a rarely used screen"], None),
        category("new-workflow-design", "New workflow design", "Workflows that were not specified in the requirements.", &["Automatic follow-up tasks after every meeting"], Some(GovernanceCommittee)),
        category("new-report-development", "New report development", "Reports that were not defined in the reporting specification.", &["A pipeline report split by product line"], Some(EnhancementBacklog)),
        category("new-field-or-object-creation", "New field or object creation", "Fields or objects that were not in the data model.", &["A field for the customer's preferred language"], Some(ImplementationPartner)),
        category("business-logic-modification", "Business logic modification", "Changes to approval rules or business logic that were approved during design.", &["Discounts above 10 % should need two approvals"], Some(GovernanceCommittee)),
        category("process-variation-accommodation", "Process variation accommodation", "Process variations that were not identified during operational discovery.", &["The Nordic team quotes differently and wants its own stages"], Some(BusinessOwner)),
    ]
}

pub fn default_destinations() -> Vec<DestinationContact> {
    RoutingDestination::ALL
        .into_iter()
        .map(|destination| DestinationContact {
            id: String::new(),
            destination,
            contact: String::new(),
            how_to_reach: String::new(),
        })
        .collect()
}

/// An id for a new category that no existing one has.
pub fn new_category_id(existing: &[ScopeCategory]) -> String {
    (1..)
        .map(|n| format!("custom-{n}"))
        .find(|id| !existing.iter().any(|c| &c.id == id))
        .unwrap_or_default()
}
