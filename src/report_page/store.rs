//! What the report page keeps on the phone, in localStorage: the last report link's invitation
//! (so the page opens offline and after the link is gone), the draft being typed (so a locked
//! phone or a reload loses nothing), and the receipts of sent reports ("My reports").
//! Every write says whether it worked: a full or refused storage is told, never ignored.
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::domain::intake::report::ReportFields;
use crate::domain::intake::{Invitation, StatusNote};

const INVITATION: &str = "handrail-report:invitation";
const RECEIPTS: &str = "handrail-report:receipts";
/// Receipts kept at most: the oldest go first past this.
const MAX_RECEIPTS: usize = 200;

fn draft_key(engagement: &str) -> String {
    format!("handrail-report:draft:{engagement}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Why something typed or sent could not be kept on this phone.
pub const NOT_KEPT: &str = "This phone did not let the page keep it (private browsing, or its storage is full). What you typed stays on this screen until you leave it.";

fn write<T: Serialize>(key: &str, value: &T) -> Result<(), &'static str> {
    let text = serde_json::to_string(value).map_err(|_| NOT_KEPT)?;
    storage()
        .ok_or(NOT_KEPT)?
        .set_item(key, &text)
        .map_err(|_| NOT_KEPT)
}

pub fn invitation() -> Option<Invitation> {
    read(INVITATION)
}

pub fn keep_invitation(invitation: &Invitation) -> Result<(), &'static str> {
    write(INVITATION, invitation)
}

pub fn draft(engagement: &str) -> ReportFields {
    read(&draft_key(engagement)).unwrap_or_default()
}

pub fn keep_draft(engagement: &str, fields: &ReportFields) -> Result<(), &'static str> {
    write(&draft_key(engagement), fields)
}

pub fn forget_draft(engagement: &str) {
    if let Some(storage) = storage() {
        // Nothing is lost if this fails: the draft would only be offered again.
        let _ = storage.remove_item(&draft_key(engagement));
    }
}

/// A report as the reporter keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub id: String,
    pub engagement_name: String,
    pub title: String,
    #[serde(with = "chrono::serde::ts_seconds")]
    pub sent_at: chrono::DateTime<chrono::Utc>,
    /// The sealed report's link, to send again.
    pub link: String,
    #[serde(default)]
    pub mailbox: String,
    /// The latest status the team sent, if any.
    #[serde(default)]
    pub status: Option<StatusNote>,
    /// With a team inbox: whether the report reached it yet. `None`: sent by mail or chat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
}

/// Where a report sent to the team inbox stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Queued on the phone until the inbox can be reached.
    Waiting,
    Delivered,
    /// The inbox refused it, and why: it goes by mail or chat instead.
    Refused(String),
}

/// A sealed report waiting on the phone for the team inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    pub id: String,
    pub inbox: crate::domain::intake::inbox::InboxAccess,
    pub sealed: String,
}

const OUTBOX: &str = "handrail-report:outbox";

/// The reports waiting for the inbox, oldest first.
pub fn outbox() -> Vec<Outgoing> {
    read(OUTBOX).unwrap_or_default()
}

pub fn keep_outbox(outgoing: &[Outgoing]) -> Result<(), &'static str> {
    write(OUTBOX, &outgoing)
}

/// Records how a report's delivery went on its receipt.
pub fn set_delivery(id: &str, delivery: Delivery) -> Result<(), &'static str> {
    let mut all = stored_receipts()?;
    if let Some(slot) = all.iter_mut().find(|r| receipt_id(r) == Some(id)) {
        if let Ok(mut receipt) = serde_json::from_value::<Receipt>(slot.clone()) {
            receipt.delivery = Some(delivery);
            *slot = serde_json::to_value(&receipt).map_err(|_| NOT_KEPT)?;
        }
    }
    write(RECEIPTS, &all)
}

/// The receipts as stored, each as JSON: one this version cannot read (damaged, or written by
/// a later one) is kept as it is rather than dropped when the list is written back. `Err` when
/// the list itself cannot be read: then nothing is written over it.
fn stored_receipts() -> Result<Vec<serde_json::Value>, &'static str> {
    let Some(text) = storage().and_then(|s| s.get_item(RECEIPTS).ok().flatten()) else {
        return Ok(Vec::new());
    };
    serde_json::from_str(&text).map_err(|_| {
        "The list of reports sent from this phone is damaged, so this report's receipt was not added to it. Send the report now: its link below is its copy."
    })
}

/// The receipts this version can read, in the order they were sent.
pub fn receipts() -> Vec<Receipt> {
    stored_receipts()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|r| serde_json::from_value(r).ok())
        .collect()
}

fn receipt_id(value: &serde_json::Value) -> Option<&str> {
    value.get("id")?.as_str()
}

pub fn keep_receipt(receipt: Receipt) -> Result<(), &'static str> {
    let mut all = stored_receipts()?;
    all.retain(|r| receipt_id(r) != Some(receipt.id.as_str()));
    all.push(serde_json::to_value(&receipt).map_err(|_| NOT_KEPT)?);
    let over = all.len().saturating_sub(MAX_RECEIPTS);
    all.drain(..over);
    write(RECEIPTS, &all)
}

/// Puts a status on its receipt (unless the receipt has a later one); `Ok(false)` if this
/// phone has no receipt of that report.
pub fn apply_status(note: &StatusNote) -> Result<bool, &'static str> {
    let mut all = stored_receipts()?;
    let Some(slot) = all
        .iter_mut()
        .find(|r| receipt_id(r) == Some(note.report.as_str()))
    else {
        return Ok(false);
    };
    let Ok(mut receipt) = serde_json::from_value::<Receipt>(slot.clone()) else {
        return Ok(false);
    };
    if receipt.status.as_ref().is_none_or(|s| s.at <= note.at) {
        receipt.status = Some(note.clone());
        *slot = serde_json::to_value(&receipt).map_err(|_| NOT_KEPT)?;
    }
    write(RECEIPTS, &all).map(|()| true)
}
