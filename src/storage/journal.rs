//! Several writes as one step: each key's previous text is noted before it is written, so a
//! failure part-way can put every key back exactly as it was.
use super::{KeyValue, StorageError};

#[derive(Debug, Default)]
pub struct Journal {
    /// Each written or removed key with what it held before (`None`: it did not exist).
    entries: Vec<(String, Option<String>)>,
    chars_delta: isize,
}

fn chars(text: &str) -> isize {
    text.encode_utf16().count() as isize
}

impl Journal {
    pub fn set(
        &mut self,
        store: &impl KeyValue,
        key: String,
        text: &str,
        before: Option<String>,
    ) -> Result<(), StorageError> {
        store.set(&key, text)?;
        let grown = match &before {
            Some(before) => chars(text) - chars(before),
            None => chars(text) + chars(&key),
        };
        self.chars_delta += grown;
        self.entries.push((key, before));
        Ok(())
    }

    pub fn remove(
        &mut self,
        store: &impl KeyValue,
        key: String,
        before: String,
    ) -> Result<(), StorageError> {
        store.remove(&key)?;
        self.chars_delta -= chars(&key) + chars(&before);
        self.entries.push((key, Some(before)));
        Ok(())
    }

    /// UTF-16 characters the journalled writes added to storage (keys included).
    pub fn chars_delta(&self) -> isize {
        self.chars_delta
    }

    /// Puts back every key, last write first. Best effort: putting back older (smaller or
    /// equal) text after a full-storage failure fits, since the failed write took no space.
    pub fn undo(self, store: &impl KeyValue) {
        for (key, before) in self.entries.into_iter().rev() {
            let _ = match before {
                Some(text) => store.set(&key, &text),
                None => store.remove(&key),
            };
        }
    }
}
