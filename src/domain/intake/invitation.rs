//! What a report link tells the reporter's page: which engagement it reports to, where a report
//! goes, the team's welcome, what hypercare fixes and what it routes elsewhere (from the approved
//! charter, so a request for a new report is expected to be routed), and the key reports are
//! sealed with. It travels in the link's fragment; the report page keeps a copy for offline use.
use serde::{Deserialize, Serialize};

use super::wire::{self, WireError, KIND_INVITATION, PUBLIC_KEY_LEN};
use crate::domain::charter::Charter;
use crate::share::{bytes, deflate};

/// The most an invitation's JSON may inflate to: a crafted link cannot fill the phone's memory.
const MAX_INVITATION_BYTES: usize = 32_000;

/// Bounds the report page holds a link to, so a crafted one cannot fill its screen or storage.
const MAX_NAME_CHARS: usize = 200;
pub const MAX_WELCOME_CHARS: usize = 500;
pub const MAX_MAILBOX_CHARS: usize = 200;
const MAX_CATEGORIES: usize = 40;
const MAX_CATEGORY_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Invitation {
    #[serde(rename = "e")]
    pub engagement: String,
    /// The engagement's name: "Acme CRM go-live".
    #[serde(rename = "n")]
    pub name: String,
    #[serde(rename = "w", default, skip_serializing_if = "String::is_empty")]
    pub welcome: String,
    /// The hypercare mailbox a report is mailed to.
    #[serde(rename = "m", default, skip_serializing_if = "String::is_empty")]
    pub mailbox: String,
    /// What hypercare fixes: the in-scope categories' names.
    #[serde(rename = "f", default)]
    pub fixes: Vec<String>,
    /// What it logs and routes instead: each out-of-scope category with where it goes.
    #[serde(rename = "o", default)]
    pub routes: Vec<(String, String)>,
    /// The last day of hypercare, in words ("Friday 26 March 2027"): the report page shows it
    /// as it is, so it carries no date parser or formatter (it must stay small).
    #[serde(rename = "d", default, skip_serializing_if = "String::is_empty")]
    pub ends: String,
    /// The team's public key (uncompressed P-256 point), base64.
    #[serde(rename = "k")]
    pub key: String,
    /// The team database inbox, when the team has one: reports then go straight in.
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    pub inbox: Option<super::inbox::InboxAccess>,
}

impl Invitation {
    /// The invitation for an engagement's approved charter, with the team's newest key.
    pub fn new(
        engagement: &crate::domain::Engagement,
        charter: &Charter,
        welcome: &str,
        mailbox: &str,
        public_key: &[u8],
    ) -> Self {
        let fixes = charter
            .categories
            .iter()
            .filter(|c| c.in_scope)
            .map(|c| c.name.clone())
            .collect();
        let routes = charter
            .categories
            .iter()
            .filter(|c| !c.in_scope)
            .map(|c| {
                let goes_to = c
                    .destination
                    .map(|d| d.name())
                    .unwrap_or("the project lead");
                (c.name.clone(), goes_to.to_owned())
            })
            .collect();
        Self {
            engagement: engagement.id.as_str().to_owned(),
            name: engagement.name().to_owned(),
            welcome: welcome.trim().to_owned(),
            mailbox: mailbox.trim().to_owned(),
            fixes,
            routes,
            ends: charter
                .end_date()
                .map(|d| d.format("%A %-d %B %Y").to_string())
                .unwrap_or_default(),
            key: bytes::encode(public_key),
            inbox: None,
        }
    }

    /// The link's payload: the JSON, raw-deflated. The charter's scope makes it the longest part
    /// of the link, and a shorter link is a QR code with bigger modules, which a phone reads
    /// from further away on a projector or a printout.
    pub fn to_payload(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        wire::encode(KIND_INVITATION, &deflate::compress(&json, &[]))
    }

    /// Reads a report link's invitation, holding it to the bounds a Handrail-made one keeps.
    pub fn from_payload(payload: &str) -> Result<Self, WireError> {
        let body = wire::decode(KIND_INVITATION, payload)?;
        // Within the bounds below, an invitation's JSON is far smaller than this.
        let json = deflate::decompress(&body, &[], MAX_INVITATION_BYTES)
            .map_err(|_| WireError::Unreadable("its content is damaged".to_owned()))?;
        let invitation: Self =
            serde_json::from_slice(&json).map_err(|e| WireError::Unreadable(e.to_string()))?;
        invitation.check().map_err(WireError::Unreadable)?;
        Ok(invitation)
    }

    /// The team's public key as bytes.
    pub fn public_key(&self) -> Option<Vec<u8>> {
        bytes::decode(&self.key).filter(|k| k.len() == PUBLIC_KEY_LEN && k[0] == 4)
    }

    /// Whether the invitation keeps the bounds the report page holds links to; `Err` says
    /// which, in words that finish "…: " on either side.
    pub fn check(&self) -> Result<(), String> {
        let too_long = |text: &str, max: usize| text.chars().count() > max;
        if self.engagement.is_empty() || too_long(&self.engagement, 100) {
            return Err("it names no engagement".to_owned());
        }
        if self.name.trim().is_empty() || too_long(&self.name, MAX_NAME_CHARS) {
            return Err("its engagement name is empty or too long".to_owned());
        }
        if too_long(&self.welcome, MAX_WELCOME_CHARS)
            || too_long(&self.mailbox, MAX_MAILBOX_CHARS)
            || too_long(&self.ends, 40)
        {
            return Err("its welcome or mailbox is too long".to_owned());
        }
        let categories = self
            .fixes
            .iter()
            .chain(self.routes.iter().flat_map(|(a, b)| [a, b]));
        if self.fixes.len() + self.routes.len() > MAX_CATEGORIES
            || categories.clone().any(|c| too_long(c, MAX_CATEGORY_CHARS))
        {
            return Err("it lists too many or too long categories".to_owned());
        }
        if !self.mailbox.is_empty() && !super::settings::looks_like_mail(&self.mailbox) {
            return Err("its mailbox is not a mail address".to_owned());
        }
        if let Some(problem) = self.inbox.as_ref().and_then(|i| i.problem()) {
            return Err(problem);
        }
        if self.public_key().is_none() {
            return Err("its key is not a key".to_owned());
        }
        Ok(())
    }
}
