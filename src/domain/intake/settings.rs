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
