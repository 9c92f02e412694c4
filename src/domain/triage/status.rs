//! Where an issue stands and who works on it: the words the queue, the clocks and the withdrawal
//! signals read, each stored by its key.
use serde::{Deserialize, Serialize};

use crate::domain::keyed::keyed;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    Triaged,
    InProgress,
    WaitingOnReporter,
    WaitingOnVendor,
    Resolved,
    Reopened,
    /// Handed to the business team with an owner and a resolution plan.
    Transferred,
    /// Out of scope, sent to its destination.
    Routed,
}

keyed!(Status {
    New => "new", "New";
    Triaged => "triaged", "Triaged";
    InProgress => "in_progress", "In progress";
    WaitingOnReporter => "waiting_on_reporter", "Waiting on reporter";
    WaitingOnVendor => "waiting_on_vendor", "Waiting on vendor";
    Resolved => "resolved", "Resolved";
    Reopened => "reopened", "Reopened";
    Transferred => "transferred", "Transferred to business";
    Routed => "routed", "Passed on (out of scope)";
});

impl Status {
    /// Waiting statuses stop the clocks.
    pub fn pauses_clocks(self) -> bool {
        matches!(self, Self::WaitingOnReporter | Self::WaitingOnVendor)
    }

    /// Resolution is over (for now: a reopen starts it again).
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Resolved | Self::Transferred | Self::Routed)
    }

    /// The team has responded once the issue is being worked on, waited on or closed.
    pub fn counts_as_response(self) -> bool {
        !matches!(self, Self::New | Self::Triaged | Self::Reopened)
    }

    /// Statuses a person can move an in-scope issue to by hand (transfer has its own action).
    pub fn manual_choices() -> [Self; 5] {
        [
            Self::InProgress,
            Self::WaitingOnReporter,
            Self::WaitingOnVendor,
            Self::Resolved,
            Self::Reopened,
        ]
    }
}

/// Who actually works on an issue, whatever the plan says: the evidence for the withdrawal
/// plan's dependency signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Team {
    ProjectTeam,
    BusinessTeam,
}

keyed!(Team {
    ProjectTeam => "project_team", "Project team";
    BusinessTeam => "business_team", "Business team";
});
