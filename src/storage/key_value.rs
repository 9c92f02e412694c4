//! The one interface the rest of the app uses to reach browser storage.
use std::fmt;

/// Why a read or write failed, in terms a user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// Storage is switched off or blocked (private mode, blocked site data, sandboxed frame).
    Unavailable(String),
    /// The browser refused to store more (`QuotaExceededError`).
    Full,
    /// Anything else the browser reported.
    Failed(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unavailable(why) => write!(
                f,
                "This browser does not let Handrail store data ({why}). Allow site data for this page, or leave private browsing."
            ),
            Self::Full => f.write_str(
                "This browser's storage for Handrail is full, so the change was not saved.",
            ),
            Self::Failed(why) => write!(f, "The browser could not save the change ({why})."),
        }
    }
}

pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    /// Every key currently stored (by this app or any other script of the same origin).
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}

/// A borrowed store is a store: two repositories over one store are two tabs in tests.
impl<T: KeyValue + ?Sized> KeyValue for &T {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        (**self).keys()
    }
}
