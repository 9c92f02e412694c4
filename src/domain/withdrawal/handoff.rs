//! The ownership handoff: a named business owner (a permanent role), every responsibility with
//! one named owner and a documented process, knowledge transfer from documentation review to
//! independent operation, and the escalation path after hypercare.
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::plan::WithdrawalPlan;
use crate::domain::charter::Charter;

/// The knowledge-transfer ladder, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KtStage {
    DocumentationReview,
    ShadowSupport,
    ObservedOperation,
    Independent,
}

impl KtStage {
    pub const ALL: [Self; 4] = [
        Self::DocumentationReview,
        Self::ShadowSupport,
        Self::ObservedOperation,
        Self::Independent,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::DocumentationReview => "Documentation review",
            Self::ShadowSupport => "Shadow support",
            Self::ObservedOperation => "Independent operation under observation",
            Self::Independent => "Independent",
        }
    }

    pub fn index(self) -> usize {
        Self::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageDates {
    /// `YYYY-MM-DD` as typed, or empty.
    pub planned: String,
    pub done: String,
}

fn date(text: &str) -> Option<NaiveDate> {
    crate::domain::bounds::parse_date(text)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responsibility {
    pub id: String,
    pub area: String,
    pub description: String,
    /// Exactly one named person.
    pub owner: String,
    /// The documented process, or where it is documented.
    pub process: String,
    /// One entry per [`KtStage`], in order.
    pub transfer: Vec<StageDates>,
}

impl Responsibility {
    /// The highest stage completed.
    pub fn stage_reached(&self) -> Option<KtStage> {
        KtStage::ALL
            .iter()
            .rev()
            .find(|s| {
                self.transfer
                    .get(s.index())
                    .is_some_and(|d| date(&d.done).is_some())
            })
            .copied()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportChannel {
    pub name: String,
    pub who: String,
    pub how: String,
    pub when: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handoff {
    pub owner_name: String,
    pub owner_role: String,
    pub responsibilities: Vec<Responsibility>,
    pub escalation: Vec<SupportChannel>,
}

/// Something still missing before the business team can own the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The input to fix it in.
    pub field: String,
    pub message: String,
}

impl Handoff {
    /// The article's five responsibilities and two escalation channels, with knowledge
    /// transfer planned along the withdrawal weeks (one stage per week, independent by the end).
    pub fn default_for(plan: &WithdrawalPlan, charter: &Charter) -> Self {
        let go_live = charter.go_live_date();
        let end = plan.end_date(charter);
        let planned = |stage: usize| -> String {
            let (Some(start), Some(end)) = (go_live, end) else {
                return String::new();
            };
            let span = (end - start).num_days() + 1;
            let day = ((stage as i64 + 1) * span / 4).min(span) - 1;
            (start + Duration::days(day.max(0)))
                .format("%Y-%m-%d")
                .to_string()
        };
        let responsibility = |id: &str, area: &str, description: &str| Responsibility {
            id: id.to_owned(),
            area: area.to_owned(),
            description: description.to_owned(),
            owner: String::new(),
            process: String::new(),
            transfer: (0..4)
                .map(|i| StageDates {
                    planned: planned(i),
                    done: String::new(),
                })
                .collect(),
        };
        Self {
            owner_name: String::new(),
            owner_role: String::new(),
            responsibilities: vec![
                responsibility("system-administration", "System administration", "Who manages users, roles and permissions."),
                responsibility("configuration-changes", "Configuration changes", "Who approves and implements changes to objects, fields and workflows."),
                responsibility("data-quality", "Data quality", "Who monitors data quality and remediates issues."),
                responsibility("report-maintenance", "Report maintenance", "Who keeps reports accurate as the system evolves."),
                responsibility("user-support", "User support", "Who gives first-line support for user questions and issues."),
            ],
            escalation: vec![
                SupportChannel { name: "Implementation partner".to_owned(), who: String::new(), how: String::new(), when: "Configuration problems the business team cannot solve, under the maintenance agreement.".to_owned() },
                SupportChannel { name: "Vendor platform support".to_owned(), who: String::new(), how: String::new(), when: "Platform outages, defects in the product itself, licensing.".to_owned() },
            ],
        }
    }

    /// What is still missing, in the order a facilitator would go through it.
    pub fn gaps(&self, today: NaiveDate) -> Vec<Gap> {
        let mut gaps = Vec::new();
        let mut add = |field: String, message: String| gaps.push(Gap { field, message });
        if self.owner_name.trim().is_empty() {
            add(
                "handoff-owner-name".to_owned(),
                "Name the business owner of the system after hypercare".to_owned(),
            );
        }
        if self.owner_role.trim().is_empty() {
            add(
                "handoff-owner-role".to_owned(),
                "Give the business owner\u{2019}s permanent role".to_owned(),
            );
        } else if self.owner_role.to_lowercase().contains("project manager") {
            add(
                "handoff-owner-role".to_owned(),
                "The business owner is a permanent business role, not the project manager"
                    .to_owned(),
            );
        }
        for r in &self.responsibilities {
            let owner = r.owner.trim();
            if owner.is_empty() {
                add(
                    format!("resp-{}-owner", r.id),
                    format!("{}: name its owner", r.area),
                );
            } else if owner.contains(" and ")
                || owner.contains(',')
                || owner.contains('/')
                || owner.contains('&')
            {
                add(
                    format!("resp-{}-owner", r.id),
                    format!("{}: name one owner, not several", r.area),
                );
            }
            if r.process.trim().is_empty() {
                add(
                    format!("resp-{}-process", r.id),
                    format!("{}: document the process", r.area),
                );
            }
            for stage in KtStage::ALL {
                let Some(dates) = r.transfer.get(stage.index()) else {
                    continue;
                };
                let behind =
                    date(&dates.planned).is_some_and(|p| p < today) && date(&dates.done).is_none();
                if behind {
                    add(
                        format!("resp-{}-kt-{}-done", r.id, stage.index()),
                        format!("{}: {} is behind plan", r.area, stage.name().to_lowercase()),
                    );
                }
            }
        }
        for (i, channel) in self.escalation.iter().enumerate() {
            if channel.who.trim().is_empty() || channel.how.trim().is_empty() {
                add(
                    format!("channel-{i}-who"),
                    format!("{}: say who it is and how to engage them", channel.name),
                );
            }
        }
        gaps
    }
}
