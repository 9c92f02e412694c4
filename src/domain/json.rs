//! Going between domain types and JSON the way the stored records already do,
//! so the wasm holds each type's serde code once: records are written as text (so a value is
//! made by writing text and reading it back as a `Value`) and read from a `Value` (so a type
//! is read with `from_value`). Measured: `to_value` for the engagement added its serialiser a
//! second time, and reading through text its deserialiser (35 KB gzip).
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// `value` as JSON (`Null` if it cannot be written, which the domain's types never cause).
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// Reads a `T` from JSON.
pub fn from_json<T: DeserializeOwned>(value: &Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(value.clone())
}

/// Reads a `T` from JSON text the same way: text to `Value`, then `from_value`. Reading text
/// straight into `T` (`serde_json::from_str::<T>`) would add a second deserialiser for `T` and
/// everything in it.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str::<Value>(text).and_then(serde_json::from_value)
}
