//! Where sync stands for one engagement, in the words of the status line.
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncStatus {
    /// Signing in or reading the database for the first time.
    Connecting,
    /// Everything sent and received at `at`.
    Synced { at: DateTime<Utc> },
    /// The browser is offline; `waiting` changes are kept here until it is back.
    Offline { waiting: usize },
    /// The browser is online but the database at `database` does not answer (the server is
    /// down, the address moved, or its CORS settings refuse this page); sync keeps trying.
    Unreachable { database: String, waiting: usize },
    /// Everything else is synced, but `count` changes cannot be sent, for `reason` (the
    /// server holds a version this browser cannot read, or it keeps answering with conflicts).
    NotSent { count: usize, reason: String },
    /// Another tab of this browser is syncing this engagement.
    OtherTab,
    /// The session ended or the password changed: sync waits for the password.
    SignInAgain,
    /// Sync cannot go on without someone acting on `reason`.
    Stopped(String),
}

impl SyncStatus {
    pub fn describe(&self, now: DateTime<Utc>) -> String {
        match self {
            Self::Connecting => "Connecting to the team database…".to_owned(),
            Self::Synced { at } => format!("Synced {}", ago(*at, now)),
            Self::Offline { waiting: 0 } => "Offline: nothing waiting".to_owned(),
            Self::Offline { waiting: 1 } => "Offline: 1 change waiting".to_owned(),
            Self::Offline { waiting } => format!("Offline: {waiting} changes waiting"),
            Self::Unreachable { database, waiting } => format!(
                "Can\u{2019}t reach the team database at {database}: {}, trying again",
                changes_waiting(*waiting)
            ),
            Self::NotSent { count: 1, reason } => format!("1 change cannot be sent: {reason}"),
            Self::NotSent { count, reason } => {
                format!("{count} changes cannot be sent: {reason}")
            }
            Self::OtherTab => "Synced by another tab of this browser".to_owned(),
            Self::SignInAgain => "Sign in again".to_owned(),
            Self::Stopped(reason) => format!("Sync stopped: {reason}"),
        }
    }

    /// The words for the header's badge: as [`Self::describe`], without the address and the
    /// reason, which the team sync card gives (a phone's header has no room for them).
    pub fn headline(&self, now: DateTime<Utc>) -> String {
        match self {
            Self::Unreachable { waiting, .. } => format!(
                "Can\u{2019}t reach the team database: {}",
                changes_waiting(*waiting)
            ),
            Self::NotSent { count: 1, .. } => "1 change cannot be sent".to_owned(),
            Self::NotSent { count, .. } => format!("{count} changes cannot be sent"),
            Self::Stopped(_) => "Sync stopped".to_owned(),
            other => other.describe(now),
        }
    }

    /// Whether someone has to act (sign in, fix the address or the membership).
    pub fn needs_attention(&self) -> bool {
        matches!(
            self,
            Self::SignInAgain | Self::Stopped(_) | Self::NotSent { .. }
        )
    }
}

fn changes_waiting(count: usize) -> String {
    match count {
        0 => "nothing waiting".to_owned(),
        1 => "1 change waiting".to_owned(),
        _ => format!("{count} changes waiting"),
    }
}

fn ago(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (now - at).num_minutes().max(0);
    match minutes {
        0 => "just now".to_owned(),
        1 => "1 min ago".to_owned(),
        2..=59 => format!("{minutes} min ago"),
        60..=119 => "1 hour ago".to_owned(),
        _ if minutes < 24 * 60 => format!("{} hours ago", minutes / 60),
        _ => format!("on {}", at.format("%-d %b")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::at;

    #[test]
    fn the_status_line_reads_like_a_person_wrote_it() {
        let now = at("2027-03-02T10:00:00Z");
        let synced = |s| SyncStatus::Synced { at: at(s) }.describe(now);
        assert_eq!(synced("2027-03-02T09:59:40Z"), "Synced just now");
        assert_eq!(synced("2027-03-02T09:58:00Z"), "Synced 2 min ago");
        assert_eq!(synced("2027-03-02T08:30:00Z"), "Synced 1 hour ago");
        assert_eq!(synced("2027-03-01T10:00:00Z"), "Synced on 1 Mar");
        assert_eq!(
            SyncStatus::Offline { waiting: 3 }.describe(now),
            "Offline: 3 changes waiting"
        );
        assert_eq!(
            SyncStatus::Unreachable {
                database: "https://couch.example.com/team".into(),
                waiting: 1
            }
            .describe(now),
            "Can\u{2019}t reach the team database at https://couch.example.com/team: 1 change waiting, trying again"
        );
        let unreachable = SyncStatus::Unreachable {
            database: "https://couch.example.com/team".into(),
            waiting: 2,
        };
        assert_eq!(
            unreachable.headline(now),
            "Can\u{2019}t reach the team database: 2 changes waiting"
        );
        assert_eq!(
            SyncStatus::Stopped("no access".into()).describe(now),
            "Sync stopped: no access"
        );
        assert!(SyncStatus::SignInAgain.needs_attention());
        assert!(!SyncStatus::OtherTab.needs_attention());
    }
}
