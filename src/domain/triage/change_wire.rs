//! How a `Change` is read from its stored form: `{"type": "classified", "category_id": …}`.
//!
//! The stored form is serde's internally tagged enum, and it stays so (records, backups and
//! team sync documents all carry it). Only the reading is written out here: serde's derive for
//! internally tagged enums buffers every event into a generic tree first and was the largest
//! function in the wasm. Reading into one flat struct and building the variant from it is the
//! same rules for a fraction of the code: unknown fields are ignored, a missing one is an error
//! that names it.
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::issue::{Change, TicketField};
use super::status::{Status, Team};
use crate::domain::charter::RoutingDestination;

/// Every field any kind of change has, all optional; `kind` says which ones must be there.
#[derive(Deserialize)]
pub(super) struct ChangeWire {
    #[serde(rename = "type")]
    kind: String,
    title: Option<String>,
    description: Option<String>,
    reporter: Option<String>,
    reported_at: Option<DateTime<Utc>>,
    area: Option<String>,
    category_id: Option<String>,
    in_scope: Option<bool>,
    rationale: Option<String>,
    severity_id: Option<String>,
    destination: Option<RoutingDestination>,
    overridden: Option<bool>,
    status: Option<Status>,
    owner: Option<String>,
    plan: Option<String>,
    team: Option<Team>,
    from: Option<u32>,
    to: Option<u32>,
    key: Option<String>,
    system: Option<String>,
    fields: Option<Vec<TicketField>>,
    text: Option<String>,
    clock: Option<String>,
    breach: Option<bool>,
    tab: Option<String>,
}

/// Why a stored change could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeWireError(String);

impl std::fmt::Display for ChangeWireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A required field, or an error naming it and the kind of change it belongs to.
fn required<T>(value: Option<T>, field: &str, kind: &str) -> Result<T, ChangeWireError> {
    value.ok_or_else(|| ChangeWireError(format!("missing field `{field}` in a `{kind}` change")))
}

/// `Change::$variant` with each named field taken from the wire, or an error naming the one
/// that is missing.
macro_rules! variant {
    ($wire:ident, $kind:ident, $variant:ident { $($field:ident),* }) => {
        Change::$variant { $($field: required($wire.$field, stringify!($field), $kind)?),* }
    };
}

impl TryFrom<ChangeWire> for Change {
    type Error = ChangeWireError;

    fn try_from(w: ChangeWire) -> Result<Self, Self::Error> {
        let k = w.kind.as_str();
        Ok(match k {
            "logged" => variant!(w, k, Logged { title }),
            "described" => variant!(
                w,
                k,
                Described {
                    title,
                    description,
                    reporter,
                    reported_at,
                    area
                }
            ),
            "classified" => variant!(
                w,
                k,
                Classified {
                    category_id,
                    in_scope,
                    rationale
                }
            ),
            "severity" => variant!(w, k, Severity { severity_id }),
            "routed" => variant!(
                w,
                k,
                Routed {
                    destination,
                    overridden
                }
            ),
            "status" => variant!(w, k, Status { status }),
            "transferred" => variant!(w, k, Transferred { owner, plan }),
            "worked_by" => variant!(w, k, WorkedBy { team }),
            "renumbered" => variant!(w, k, Renumbered { from, to }),
            "ticket" => variant!(
                w,
                k,
                Ticket {
                    key,
                    system,
                    fields
                }
            ),
            "business_update" => variant!(w, k, BusinessUpdate { text }),
            "warned" => variant!(
                w,
                k,
                Warned {
                    key,
                    clock,
                    breach,
                    tab
                }
            ),
            other => return Err(ChangeWireError(format!("unknown kind of change `{other}`"))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::at;

    fn every_kind() -> Vec<Change> {
        vec![
            Change::Logged {
                title: "Quote PDF blank".into(),
            },
            Change::Described {
                title: "Quote PDF blank".into(),
                description: "Since go-live".into(),
                reporter: "Jo".into(),
                reported_at: at("2027-03-02T09:30:00Z"),
                area: "Quotes".into(),
            },
            Change::Classified {
                category_id: "configuration-defects".into(),
                in_scope: true,
                rationale: "A setting".into(),
            },
            Change::Severity {
                severity_id: "critical".into(),
            },
            Change::Routed {
                destination: RoutingDestination::EnhancementBacklog,
                overridden: false,
            },
            Change::Status {
                status: Status::WaitingOnVendor,
            },
            Change::Transferred {
                owner: "Sam".into(),
                plan: "Weekly".into(),
            },
            Change::WorkedBy {
                team: Team::BusinessTeam,
            },
            Change::Renumbered { from: 4, to: 7 },
            Change::Ticket {
                key: "INC0010042".into(),
                system: "ServiceNow".into(),
                fields: vec![TicketField {
                    name: "State".into(),
                    value: "In Progress".into(),
                }],
            },
            Change::BusinessUpdate {
                text: "Fix in test; next update at 14:00".into(),
            },
            Change::Warned {
                key: "e1:response:75:critical:120".into(),
                clock: "response".into(),
                breach: false,
                tab: "4f1c2a".into(),
            },
        ]
    }

    #[test]
    fn every_kind_of_change_reads_back_as_written() {
        for change in every_kind() {
            let json = serde_json::to_value(&change).unwrap();
            assert!(
                json.get("type").is_some(),
                "stored internally tagged: {json}"
            );
            let back: Change = serde_json::from_value(json).unwrap();
            assert_eq!(back, change);
        }
    }

    #[test]
    fn unknown_fields_are_ignored_and_a_missing_or_unknown_one_is_named() {
        let extra = serde_json::json!({"type": "logged", "title": "A", "later_field": 1});
        assert_eq!(
            serde_json::from_value::<Change>(extra).unwrap(),
            Change::Logged { title: "A".into() }
        );
        let missing = serde_json::json!({"type": "routed", "destination": "enhancement_backlog"});
        let error = serde_json::from_value::<Change>(missing)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("`overridden`") && error.contains("`routed`"),
            "{error}"
        );
        let unknown = serde_json::json!({"type": "teleported"});
        let error = serde_json::from_value::<Change>(unknown)
            .unwrap_err()
            .to_string();
        assert!(error.contains("`teleported`"), "{error}");
        let untyped = serde_json::json!({"title": "A"});
        assert!(serde_json::from_value::<Change>(untyped).is_err());
    }
}
