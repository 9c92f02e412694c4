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

/// `Err` naming the first key that appears twice in one object of the JSON `text`, by its path
/// (`“engagement.name” appears twice`); `Err` with the parser's words when `text` is not JSON.
///
/// serde_json's `Value` keeps the last of two equal keys without a word, so one text could
/// mean one thing to Handrail and another to a tool that keeps the first: every door that reads
/// JSON from outside (a share link, a backup) refuses such text. A second walk of the text,
/// keeping only the keys of the objects it is in.
pub fn check_unique_keys(text: &str) -> Result<(), String> {
    let mut path = Vec::new();
    let mut duplicate = None;
    let mut reader = serde_json::Deserializer::from_str(text);
    let walked = serde::de::DeserializeSeed::deserialize(
        Keys {
            path: &mut path,
            duplicate: &mut duplicate,
        },
        &mut reader,
    )
    .and_then(|()| reader.end());
    match (walked, duplicate) {
        (_, Some(path)) => Err(format!("\u{201c}{path}\u{201d} appears twice")),
        (Err(e), None) => Err(e.to_string()),
        (Ok(()), None) => Ok(()),
    }
}

/// One value of the walk: where it is (`path`: keys, and `[i]` for list items) and where to
/// put the path of a repeated key.
struct Keys<'a> {
    path: &'a mut Vec<String>,
    duplicate: &'a mut Option<String>,
}

impl Keys<'_> {
    fn inner(&mut self) -> Keys<'_> {
        Keys {
            path: self.path,
            duplicate: self.duplicate,
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Keys<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Keys<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(mut self, mut items: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            self.path.push(format!("[{i}]"));
            let more = items.next_element_seed(self.inner())?.is_some();
            self.path.pop();
            if !more {
                return Ok(());
            }
            i += 1;
        }
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(mut self, mut fields: A) -> Result<(), A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = fields.next_key::<String>()? {
            self.path.push(key.clone());
            if !seen.insert(key) {
                let mut path = String::new();
                for segment in self.path.iter() {
                    if !path.is_empty() && !segment.starts_with('[') {
                        path.push('.');
                    }
                    path.push_str(segment);
                }
                *self.duplicate = Some(path);
                return Err(serde::de::Error::custom("a key appears twice"));
            }
            fields.next_value_seed(self.inner())?;
            self.path.pop();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::check_unique_keys;

    #[test]
    fn a_key_twice_in_one_object_is_named_by_its_path() {
        assert_eq!(
            check_unique_keys(r#"{"a": 1, "b": {"c": [1, {"d": 2}]}}"#),
            Ok(())
        );
        // The same key in different objects is no repetition.
        assert_eq!(
            check_unique_keys(r#"[{"a": 1}, {"a": 2, "b": {"a": 3}}]"#),
            Ok(())
        );
        assert_eq!(
            check_unique_keys(r#"{"name": "Acme", "system": "CRM", "name": "Other"}"#),
            Err("\u{201c}name\u{201d} appears twice".to_owned())
        );
        assert_eq!(
            check_unique_keys(
                r#"{"engagement": {"go_live": "2027-03-01"}, "document": {"charter": {"revision": {"approval": {}, "issues": [{}, {"at": 1, "at": 2}]}}}}"#
            ),
            Err("\u{201c}document.charter.revision.issues[1].at\u{201d} appears twice".to_owned())
        );
        // Equal once unescaped: the same key to every reader.
        assert!(check_unique_keys(r#"{"go_live": 1, "go\u005flive": 2}"#).is_err());
    }

    #[test]
    fn text_that_is_not_json_gets_the_parsers_words() {
        for text in ["", "{", r#"{"a": 1} x"#, "[1, 2,]", "{\"a\" 1}"] {
            let why = check_unique_keys(text).unwrap_err();
            assert!(why.contains("line 1"), "{text}: {why}");
        }
        assert_eq!(check_unique_keys("null"), Ok(()));
        assert_eq!(check_unique_keys(r#" "text" "#), Ok(()));
        assert_eq!(check_unique_keys("[-1, 2.5, true, {}]"), Ok(()));
    }
}
