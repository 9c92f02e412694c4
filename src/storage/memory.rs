//! An in-memory [`KeyValue`] for tests, with an optional byte quota to rehearse a full disk.
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use super::{KeyValue, StorageError};

#[derive(Debug, Default)]
pub struct MemoryStore {
    items: RefCell<BTreeMap<String, String>>,
    /// Like localStorage, counts the UTF-16 code units of keys and values, times two bytes.
    quota_bytes: Cell<Option<usize>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_quota(bytes: usize) -> Self {
        let store = Self::default();
        store.quota_bytes.set(Some(bytes));
        store
    }

    fn used_bytes_without(&self, key: &str) -> usize {
        self.items
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| utf16_bytes(k) + utf16_bytes(v))
            .sum()
    }
}

fn utf16_bytes(text: &str) -> usize {
    text.encode_utf16().count() * 2
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.items.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if let Some(quota) = self.quota_bytes.get() {
            if self.used_bytes_without(key) + utf16_bytes(key) + utf16_bytes(value) > quota {
                return Err(StorageError::Full);
            }
        }
        self.items
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.items.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.items.borrow().keys().cloned().collect())
    }
}
