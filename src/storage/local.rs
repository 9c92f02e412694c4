//! [`KeyValue`] over the browser's `localStorage`.
//!
//! Written on `web_sys` rather than `gloo-storage` on purpose: gloo's `LocalStorage::raw()`
//! panics when storage is blocked (and with `panic = "abort"` that kills the app), and its
//! errors do not tell a full quota apart from other failures. Here every failure is a value.
use wasm_bindgen::JsCast;
use web_sys::Storage;

use super::{KeyValue, StorageError};

pub struct LocalStore {
    storage: Storage,
}

impl LocalStore {
    /// Opens `localStorage`, or says why it cannot be used. Merely touching
    /// `window.localStorage` throws a `SecurityError` when site data is blocked.
    pub fn open() -> Result<Self, StorageError> {
        let window =
            web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".to_owned()))?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(Self { storage }),
            Ok(None) => Err(StorageError::Unavailable(
                "localStorage is missing".to_owned(),
            )),
            Err(error) => Err(StorageError::Unavailable(describe(&error))),
        }
    }
}

/// Turns a thrown `DOMException` into our error. Browsers name the quota error differently
/// (Firefox used `NS_ERROR_DOM_QUOTA_REACHED`), and old ones only set code 22.
fn classify(error: wasm_bindgen::JsValue) -> StorageError {
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        let name = exception.name();
        if name == "QuotaExceededError"
            || name == "NS_ERROR_DOM_QUOTA_REACHED"
            || exception.code() == 22
        {
            return StorageError::Full;
        }
        if name == "SecurityError" {
            return StorageError::Unavailable(exception.message());
        }
    }
    StorageError::Failed(describe(&error))
}

fn describe(error: &wasm_bindgen::JsValue) -> String {
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", exception.name(), exception.message());
    }
    error
        .as_string()
        .unwrap_or_else(|| "unknown error".to_owned())
}

impl KeyValue for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage.get_item(key).map_err(classify)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage.set_item(key, value).map_err(classify)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage.remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let length = self.storage.length().map_err(classify)?;
        let mut keys = Vec::with_capacity(length as usize);
        for index in 0..length {
            if let Some(key) = self.storage.key(index).map_err(classify)? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}
