//! Persistence. A small key/value interface ([`KeyValue`]) with a localStorage implementation
//! for the browser and an in-memory one for tests; a versioned record format ([`record`]), an
//! engagement stored as a head and one record per issue ([`split`]); and
//! the engagement repository that reads and writes records without ever overwriting data it
//! could not read or data another tab saved in the meantime.
pub mod backup;
mod journal;
pub mod key_value;
pub mod local;
pub mod memory;
pub mod meta;
pub mod record;
pub mod replace;
pub mod repository;
pub mod split;
pub mod staged;
pub mod sync_ledger;
mod whole;

pub use key_value::{KeyValue, StorageError};
pub use memory::MemoryStore;
pub use record::{Record, Unreadable, SCHEMA_VERSION};
pub use repository::{Base, EngagementRepository, Loaded, SaveError, Saved, UnreadableRecord};
