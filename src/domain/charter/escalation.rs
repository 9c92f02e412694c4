//! The escalation path for issues beyond the hypercare team's authority.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationLevel {
    /// Stable within its list, for merging and references (see `domain::item_id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub name: String,
    pub role: String,
    /// Phone, e-mail, chat channel.
    pub how_to_reach: String,
    /// The trigger: "a critical issue is not resolved within 4 hours".
    pub when: String,
}

/// Three empty levels with the usual triggers, to be named by the team.
pub fn default_escalation() -> Vec<EscalationLevel> {
    let level = |role: &str, when: &str| EscalationLevel {
        id: String::new(),
        name: String::new(),
        role: role.to_owned(),
        how_to_reach: String::new(),
        when: when.to_owned(),
    };
    vec![
        level(
            "Hypercare lead",
            "An issue needs a decision the support team cannot take, or a target is at risk.",
        ),
        level(
            "Project manager",
            "A critical issue is not resolved within its target, or needs budget or people.",
        ),
        level(
            "Project sponsor",
            "A critical issue threatens the business, or the teams disagree on scope.",
        ),
    ]
}
