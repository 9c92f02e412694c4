//! Facts about the user's data as a whole, kept under one key (`handrail:meta`): when the last
//! full backup was downloaded and until when the backup reminder is snoozed.
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{KeyValue, StorageError};

pub const META_KEY: &str = "handrail:meta";
/// Changes older than this that are in no backup file earn a reminder.
pub const REMIND_AFTER_DAYS: i64 = 3;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    #[serde(default)]
    pub last_backup_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub reminder_snoozed_until: Option<DateTime<Utc>>,
    /// How the person using this browser signs the changes they make to issues.
    #[serde(default)]
    pub your_name: String,
}

impl Meta {
    /// Unreadable meta only costs a reminder, so it is read leniently.
    pub fn load(store: &impl KeyValue) -> Meta {
        store
            .get(META_KEY)
            .ok()
            .flatten()
            .and_then(|raw| crate::domain::json::from_text(&raw).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, store: &impl KeyValue) -> Result<(), StorageError> {
        store.set(META_KEY, &serde_json::to_string(self).unwrap_or_default())
    }
}

/// Whether to remind the user to download a backup, and for how many days changes have been
/// only in this browser. `saves` are the save times of the engagements held now.
pub fn backup_reminder(saves: &[DateTime<Utc>], meta: &Meta, now: DateTime<Utc>) -> Option<i64> {
    if meta.reminder_snoozed_until.is_some_and(|until| now < until) {
        return None;
    }
    let oldest_unbacked = saves
        .iter()
        .filter(|saved| meta.last_backup_at.is_none_or(|backup| **saved > backup))
        .min()?;
    let days = (now - *oldest_unbacked).num_days();
    (days >= REMIND_AFTER_DAYS).then_some(days)
}

/// "Remind me later": quiet for a day.
pub fn snooze(meta: &Meta, now: DateTime<Utc>) -> Meta {
    Meta {
        reminder_snoozed_until: Some(now + Duration::days(1)),
        ..meta.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStore;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn no_reminder_for_recent_changes_or_an_empty_browser() {
        let now = at("2027-03-10T12:00:00Z");
        assert_eq!(backup_reminder(&[], &Meta::default(), now), None);
        assert_eq!(
            backup_reminder(&[at("2027-03-08T12:00:00Z")], &Meta::default(), now),
            None
        );
    }

    #[test]
    fn changes_older_than_three_days_without_a_backup_are_reminded() {
        let now = at("2027-03-10T12:00:00Z");
        let saves = [at("2027-03-09T12:00:00Z"), at("2027-03-05T12:00:00Z")];
        assert_eq!(backup_reminder(&saves, &Meta::default(), now), Some(5));
        // A backup after those changes silences it…
        let backed_up = Meta {
            last_backup_at: Some(at("2027-03-09T13:00:00Z")),
            ..Meta::default()
        };
        assert_eq!(backup_reminder(&saves, &backed_up, now), None);
        // …until a change after the backup is itself three days old.
        let later = at("2027-03-13T14:00:00Z");
        let saves = [at("2027-03-10T09:00:00Z")];
        assert_eq!(backup_reminder(&saves, &backed_up, later), Some(3));
    }

    #[test]
    fn snoozing_silences_for_a_day() {
        let now = at("2027-03-10T12:00:00Z");
        let saves = [at("2027-03-01T12:00:00Z")];
        let snoozed = snooze(&Meta::default(), now);
        assert_eq!(
            backup_reminder(&saves, &snoozed, at("2027-03-11T11:00:00Z")),
            None
        );
        assert_eq!(
            backup_reminder(&saves, &snoozed, at("2027-03-11T13:00:00Z")),
            Some(10)
        );
    }

    #[test]
    fn meta_round_trips_and_damage_is_forgiven() {
        let store = MemoryStore::new();
        let meta = Meta {
            last_backup_at: Some(at("2027-03-10T12:00:00Z")),
            reminder_snoozed_until: None,
            your_name: "Priya".into(),
        };
        meta.save(&store).unwrap();
        assert_eq!(Meta::load(&store), meta);
        store.set(META_KEY, "{broken").unwrap();
        assert_eq!(Meta::load(&store), Meta::default());
    }
}
