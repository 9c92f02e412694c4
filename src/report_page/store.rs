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
}

pub fn receipts() -> Vec<Receipt> {
    read(RECEIPTS).unwrap_or_default()
}

pub fn keep_receipt(receipt: Receipt) -> Result<(), &'static str> {
    let mut all = receipts();
    all.retain(|r| r.id != receipt.id);
    all.push(receipt);
    let over = all.len().saturating_sub(MAX_RECEIPTS);
    all.drain(..over);
    write(RECEIPTS, &all)
}

/// Puts a status on its receipt (unless the receipt has a later one); `Ok(false)` if this
/// phone has no receipt of that report.
pub fn apply_status(note: &StatusNote) -> Result<bool, &'static str> {
    let mut all = receipts();
    let Some(receipt) = all.iter_mut().find(|r| r.id == note.report) else {
        return Ok(false);
    };
    if receipt.status.as_ref().is_none_or(|s| s.at <= note.at) {
        receipt.status = Some(note.clone());
    }
    write(RECEIPTS, &all).map(|()| true)
}
