//! The triage helpers: guided questions that suggest a category from the charter, and the
//! impact x urgency matrix that suggests a severity.
use serde::{Deserialize, Serialize};

use crate::domain::charter::service_levels::MatrixCell;
use crate::domain::charter::{Charter, ScopeCategory};
use crate::domain::keyed::keyed;

/// The guided question "what is this?", in the reporter's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Symptom {
    /// The system behaves differently from what was configured and agreed.
    BehavesDifferently,
    Slow,
    HowToQuestion,
    WrongMigratedData,
    NeedsGuidance,
    /// Asks for something that was never specified...
    NewWorkflow,
    NewReport,
    NewField,
    ChangeRules,
    ProcessVariation,
}

keyed!(Symptom {
    BehavesDifferently => "behaves_differently";
    Slow => "slow";
    HowToQuestion => "how_to";
    WrongMigratedData => "migrated_data";
    NeedsGuidance => "guidance";
    NewWorkflow => "new_workflow";
    NewReport => "new_report";
    NewField => "new_field";
    ChangeRules => "change_rules";
    ProcessVariation => "process_variation";
});

impl Symptom {
    pub fn question(self) -> &'static str {
        match self {
            Self::BehavesDifferently => {
                "The system behaves differently from what was configured and agreed"
            }
            Self::Slow => "It is slow or times out",
            Self::HowToQuestion => "It is a question about how to use it",
            Self::WrongMigratedData => "Migrated data is wrong",
            Self::NeedsGuidance => "Users need guidance for a first-time task",
            Self::NewWorkflow => "It asks for a workflow that was never specified",
            Self::NewReport => "It asks for a report that was never specified",
            Self::NewField => "It asks for a field or object that is not in the data model",
            Self::ChangeRules => {
                "It asks to change approval rules or business logic agreed in design"
            }
            Self::ProcessVariation => "It asks to support a process variation nobody raised before",
        }
    }

    /// The default charter category this symptom belongs to.
    fn default_category(self) -> &'static str {
        match self {
            Self::BehavesDifferently => "configuration-defects",
            Self::Slow => "performance-issues",
            Self::HowToQuestion => "user-questions",
            Self::WrongMigratedData => "data-migration-corrections",
            Self::NeedsGuidance => "just-in-time-guidance",
            Self::NewWorkflow => "new-workflow-design",
            Self::NewReport => "new-report-development",
            Self::NewField => "new-field-or-object-creation",
            Self::ChangeRules => "business-logic-modification",
            Self::ProcessVariation => "process-variation-accommodation",
        }
    }

    pub fn is_scope_request(self) -> bool {
        self.index() >= 5
    }

    fn index(self) -> usize {
        Self::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or_default()
    }
}

/// The charter category to suggest: the default one if the charter still has it, otherwise the
/// first category on the same side of the scope line (teams rename and add categories).
pub fn suggest_category(charter: &Charter, symptom: Symptom) -> Option<&ScopeCategory> {
    charter
        .categories
        .iter()
        .find(|c| c.id == symptom.default_category())
        .or_else(|| {
            charter
                .categories
                .iter()
                .find(|c| c.in_scope != symptom.is_scope_request())
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    High,
    Medium,
    Low,
}

impl Level {
    pub const ALL: [Self; 3] = [Self::High, Self::Medium, Self::Low];

    pub fn name(self) -> &'static str {
        match self {
            Self::High => "High",
            Self::Medium => "Medium",
            Self::Low => "Low",
        }
    }

    /// As in field ids: `matrix-high-low`.
    pub fn key(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
        }
    }
}

/// The input id of the matrix cell `impact` x `urgency` in the charter wizard.
pub fn matrix_field(impact: Level, urgency: Level) -> String {
    format!("matrix-{}-{}", impact.key(), urgency.key())
}

/// Impact x urgency, as in the common ITSM matrix: priority 1 (high/high) to 4. A workaround
/// caps impact at medium. The priorities are graded over the charter's levels, most severe
/// first: with three levels, priority 1 is the first, 2 and 3 the second (medium x medium
/// included, so the middle of the matrix is not under-classified), 4 the third.
pub fn suggest_severity(
    charter: &Charter,
    impact: Level,
    urgency: Level,
    workaround: bool,
) -> Option<&str> {
    let impact = if workaround {
        impact.max(Level::Medium)
    } else {
        impact
    };
    // The charter's own grading of the cell, while it names one of its levels.
    let adjusted = charter
        .severity_matrix
        .iter()
        .find(|c| c.impact == impact && c.urgency == urgency)
        .map(|c| c.severity.as_str())
        .filter(|id| charter.severity(id).is_some());
    adjusted.or_else(|| graded(charter, impact, urgency))
}

/// The default grading: the common ITSM matrix's priorities over the charter's levels.
fn graded(charter: &Charter, impact: Level, urgency: Level) -> Option<&str> {
    let priority = match (impact, urgency) {
        (Level::High, Level::High) => 1,
        (Level::High, Level::Medium) | (Level::Medium, Level::High) => 2,
        (Level::High, Level::Low) | (Level::Medium, Level::Medium) | (Level::Low, Level::High) => 3,
        _ => 4,
    };
    let levels = &charter.severities;
    if levels.is_empty() {
        return None;
    }
    // Priorities 1..4 onto the levels, rounded: (p - 1) x (levels - 1) / 3.
    let index = ((priority - 1) * (levels.len() - 1) * 2 + 3) / 6;
    levels
        .get(index.min(levels.len() - 1))
        .map(|s| s.id.as_str())
}

/// The whole matrix for this charter, as the triage step shows it: per impact, the severity
/// each urgency suggests (without a workaround).
/// Grades the cell `impact` x `urgency` as severity `id`: kept as the charter's own only where
/// it differs from the default grading, so the default stays the default.
pub fn set_matrix_cell(charter: &mut Charter, impact: Level, urgency: Level, id: &str) {
    charter
        .severity_matrix
        .retain(|c| !(c.impact == impact && c.urgency == urgency));
    if graded(charter, impact, urgency) != Some(id) {
        charter.severity_matrix.push(MatrixCell {
            impact,
            urgency,
            severity: id.to_owned(),
        });
    }
}

pub fn severity_matrix(charter: &Charter) -> Vec<(Level, Vec<(Level, String)>)> {
    Level::ALL
        .iter()
        .map(|&impact| {
            let row = Level::ALL
                .iter()
                .map(|&urgency| {
                    let id = suggest_severity(charter, impact, urgency, false).unwrap_or_default();
                    (urgency, id.to_owned())
                })
                .collect();
            (impact, row)
        })
        .collect()
}

/// The guided question whose answer is this charter category, in the reporter's words.
pub fn question_for(category_id: &str) -> Option<&'static str> {
    Symptom::ALL
        .iter()
        .find(|s| s.default_category() == category_id)
        .map(|s| s.question())
}
