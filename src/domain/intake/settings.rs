//! How an engagement takes reports, as the team set it: the welcome and mailbox the report page
//! shows, and the team's keys. Kept in the engagement as JSON (`Engagement.intake`), read only
//! by intake's own screens, so its reader stays out of the app's first load.
//!
//! Keys are a list with ids, never replaced: a key made on each of two devices offline leaves
//! both after team sync merges them, and a report sealed with either still opens. The newest is
//! the one a new report link carries.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::invitation::{MAX_MAILBOX_CHARS, MAX_WELCOME_CHARS};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IntakeSettings {
    #[serde(default)]
    pub welcome: String,
    #[serde(default)]
    pub mailbox: String,
    #[serde(default)]
    pub keys: Vec<TeamKey>,
    /// The team database inbox reports go to, if the team set one up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbox: Option<super::inbox::InboxAccess>,
}

/// One key pair of the team, made in a team member's browser with WebCrypto. The private half
/// never leaves the team: it is in this engagement's record (its backups, and the team's sync
/// database), never in a share link or a report link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamKey {
    /// The public key's id (`wire::key_id`) in hex: the list's id for merges too.
    pub id: String,
    /// The public key, raw (uncompressed P-256 point), base64.
    pub public: String,
    /// The private key, PKCS #8, base64.
    pub private: String,
    pub made_at: DateTime<Utc>,
    #[serde(default)]
    pub made_by: String,
}

impl IntakeSettings {
    /// The settings kept in an engagement; `Err` says why they cannot be read.
    pub fn of(engagement: &crate::domain::Engagement) -> Result<Option<Self>, String> {
        match &engagement.intake {
            None => Ok(None),
            Some(value) => serde_json::from_value(value.clone())
                .map(Some)
                .map_err(|e| {
                    format!("The report settings of this engagement cannot be read ({e}).")
                }),
        }
    }

    pub fn keep_in(&self, engagement: &mut crate::domain::Engagement) {
        engagement.intake = serde_json::to_value(self)
            .ok()
            .filter(|v| *v != Value::Null);
    }

    /// The key a new report link carries: the newest.
    pub fn current_key(&self) -> Option<&TeamKey> {
        self.keys.iter().max_by_key(|k| (k.made_at, k.id.clone()))
    }

    pub fn key(&self, id: u32) -> Option<&TeamKey> {
        let id = format!("{id:08x}");
        self.keys.iter().find(|k| k.id == id)
    }

    /// What is wrong with the welcome and mailbox as typed.
    pub fn problems(welcome: &str, mailbox: &str) -> Vec<String> {
        let mut problems = Vec::new();
        if welcome.chars().count() > MAX_WELCOME_CHARS {
            problems.push(format!(
                "The welcome has {} characters; at most {MAX_WELCOME_CHARS} fit on the report page.",
                welcome.chars().count()
            ));
        }
        let mailbox = mailbox.trim();
        if mailbox.chars().count() > MAX_MAILBOX_CHARS {
            problems.push("The mailbox address is too long.".to_owned());
        } else if !mailbox.is_empty() && !looks_like_mail(mailbox) {
            problems.push(format!(
                "\u{201c}{mailbox}\u{201d} is not a mail address (name@example.com)."
            ));
        }
        problems
    }
}

/// Puts back into `merged` every team key any of `sides` has. Keys only ever grow: a merge
/// that saw one side without them (a copy of Handrail from before intake, which drops the
/// field it does not know when it saves, or a removal on one side) must not lose the key that
/// reports already in mailboxes were sealed for. Works on the JSON as stored, so the merge (in
/// the app's first load) carries no reader of the settings; a shape it does not know is left
/// alone.
pub fn keep_every_key<'a>(
    merged: &mut crate::domain::Engagement,
    sides: impl IntoIterator<Item = &'a crate::domain::Engagement>,
) {
    let keys_of = |intake: &Value| intake.get("keys").and_then(Value::as_array).cloned();
    let mut kept = match &merged.intake {
        None => Vec::new(),
        Some(intake) => match keys_of(intake) {
            Some(keys) => keys,
            None if intake.get("keys").is_none() && intake.is_object() => Vec::new(),
            None => return,
        },
    };
    let id = |key: &Value| key.get("id").and_then(Value::as_str).map(str::to_owned);
    let mut missing = false;
    let mut donor: Option<Value> = None;
    for side in sides {
        let Some(theirs) = side.intake.as_ref().and_then(keys_of) else {
            continue;
        };
        for key in theirs {
            if id(&key).is_some() && !kept.iter().any(|k| id(k) == id(&key)) {
                kept.push(key);
                missing = true;
                donor = donor.or_else(|| side.intake.clone());
            }
        }
    }
    if !missing {
        return;
    }
    let mut intake = merged
        .intake
        .take()
        .or(donor)
        .unwrap_or_else(|| Value::Object(Default::default()));
    if let Some(fields) = intake.as_object_mut() {
        fields.insert("keys".to_owned(), Value::Array(kept));
    }
    merged.intake = Some(intake);
}

/// One `@` with something on each side, a dot in the domain, and no spaces or characters that
/// would break a `mailto:` link.
pub fn looks_like_mail(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(|c| {
            c.is_whitespace() || matches!(c, '<' | '>' | '"' | ',' | ';' | '?' | '&' | '#')
        })
        && !domain.contains('@')
}
