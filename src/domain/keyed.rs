//! One way to write the enums that are stored by a key and shown by a name: each variant's key
//! (what localStorage, links and CSV hold; never change one) and name (what people read) are
//! listed once, and `ALL`, `key`, `name` and `from_key` follow from that list.

/// `keyed!(Cadence { Daily => "daily", "Daily"; ... })` gives `Cadence::ALL` in the listed
/// order, `key()`, `name()` and `from_key()`. Without names (`Symptom { Slow => "slow"; ... }`)
/// only `ALL`, `key()` and `from_key()`.
macro_rules! keyed {
    ($type:ident { $($variant:ident => $key:literal, $name:literal;)+ }) => {
        keyed!($type { $($variant => $key;)+ });

        impl $type {
            /// What people read.
            pub fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)+
                }
            }
        }
    };
    ($type:ident { $($variant:ident => $key:literal;)+ }) => {
        impl $type {
            pub const ALL: [Self; [$($key),+].len()] = [$(Self::$variant),+];

            /// What is stored and put in links; stable across releases.
            pub fn key(self) -> &'static str {
                match self {
                    $(Self::$variant => $key,)+
                }
            }

            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|x| x.key() == key)
            }
        }
    };
}

pub(crate) use keyed;

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use crate::domain::charter::RoutingDestination;
    use crate::domain::triage::classify::Symptom;
    use crate::domain::triage::queue::Scope;
    use crate::domain::triage::{ClockState, Status, Team};
    use crate::domain::withdrawal::plan::{Cadence, SupportLevel};

    /// Every key reads back as its variant, keys are distinct and no key or name is blank.
    fn round_trips<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        key: fn(T) -> &'static str,
        from_key: fn(&str) -> Option<T>,
    ) {
        let keys: HashSet<&str> = all.iter().map(|&x| key(x)).collect();
        assert_eq!(keys.len(), all.len(), "distinct keys");
        for &x in all {
            assert!(!key(x).is_empty());
            assert_eq!(from_key(key(x)), Some(x));
        }
        assert_eq!(from_key("no-such-key"), None);
    }

    #[test]
    fn every_keyed_enum_reads_its_keys_back() {
        round_trips(&Status::ALL, Status::key, Status::from_key);
        round_trips(&Team::ALL, Team::key, Team::from_key);
        round_trips(&Scope::ALL, Scope::key, Scope::from_key);
        round_trips(&ClockState::ALL, ClockState::key, ClockState::from_key);
        round_trips(&Symptom::ALL, Symptom::key, Symptom::from_key);
        round_trips(
            &RoutingDestination::ALL,
            RoutingDestination::key,
            RoutingDestination::from_key,
        );
        round_trips(
            &SupportLevel::ALL,
            SupportLevel::key,
            SupportLevel::from_key,
        );
        round_trips(&Cadence::ALL, Cadence::key, Cadence::from_key);
    }

    #[test]
    fn keys_and_names_stay_as_stored_and_shown() {
        // Keys are in localStorage and links; a rename would orphan them.
        assert_eq!(Status::WaitingOnReporter.key(), "waiting_on_reporter");
        assert_eq!(Status::Transferred.name(), "Transferred to business");
        assert_eq!(Scope::InScope.key(), "in");
        assert_eq!(Scope::Untriaged.name(), "Not triaged yet");
        assert_eq!(Team::BusinessTeam.key(), "business_team");
        assert_eq!(Symptom::HowToQuestion.key(), "how_to");
        assert_eq!(Cadence::EveryOtherDay.name(), "Every other day");
        assert_eq!(
            Status::ALL.map(Status::key)[..3],
            ["new", "triaged", "in_progress"]
        );
    }
}
