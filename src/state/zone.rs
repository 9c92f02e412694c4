//! Time-zone rules answered by the browser's `Intl`, which knows every IANA zone. Offsets are
//! cached per zone and hour: clocks for a thousand issues ask for the same few offsets again
//! and again, and `Intl` calls are slow by comparison.
use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use wasm_bindgen::JsValue;

use crate::domain::triage::ZoneRules;

thread_local! {
    static NAMES: RefCell<HashMap<(String, i64), String>> = RefCell::new(HashMap::new());
    static FORMATS: RefCell<HashMap<String, Option<js_sys::Intl::DateTimeFormat>>> = RefCell::new(HashMap::new());
    static OFFSETS: RefCell<HashMap<(String, i64), i32>> = RefCell::new(HashMap::new());
}

pub struct BrowserZones;

fn format_for(zone: &str) -> Option<js_sys::Intl::DateTimeFormat> {
    FORMATS.with(|formats| {
        formats
            .borrow_mut()
            .entry(zone.to_owned())
            .or_insert_with(|| {
                let options = js_sys::Object::new();
                let set =
                    |k: &str, v: &str| js_sys::Reflect::set(&options, &k.into(), &v.into()).ok();
                set("timeZone", zone);
                set("hourCycle", "h23");
                for part in ["year", "month", "day", "hour", "minute", "second"] {
                    set(part, "numeric");
                }
                // An unknown zone makes the constructor throw; then the zone counts as UTC.
                let locales = js_sys::Array::of1(&JsValue::from_str("en-US"));
                let construct = js_sys::Reflect::construct(
                    &js_sys::Reflect::get(
                        &js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?,
                        &"DateTimeFormat".into(),
                    )
                    .ok()?
                    .into(),
                    &js_sys::Array::of2(&locales, &options),
                );
                construct.ok().map(wasm_bindgen::JsCast::unchecked_into)
            })
            .clone()
    })
}

fn offset_uncached(zone: &str, at: DateTime<Utc>) -> i32 {
    let Some(format) = format_for(zone) else {
        return 0;
    };
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let parts = format.format_to_parts(&date);
    let mut values = [0i64; 6];
    for part in parts.iter() {
        let kind = js_sys::Reflect::get(&part, &"type".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let value = js_sys::Reflect::get(&part, &"value".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let index = match kind.as_str() {
            "year" => 0,
            "month" => 1,
            "day" => 2,
            "hour" => 3,
            "minute" => 4,
            "second" => 5,
            _ => continue,
        };
        values[index] = value.parse().unwrap_or(0);
    }
    let local = NaiveDate::from_ymd_opt(values[0] as i32, values[1] as u32, values[2] as u32)
        .and_then(|d| d.and_hms_opt(values[3] as u32 % 24, values[4] as u32, values[5] as u32));
    local.map_or(0, |local| (local - at.naive_utc()).num_seconds() as i32)
}

/// The zone's short name as `Intl` gives it in `locale`, if it is a real abbreviation rather
/// than an offset ("GMT+2").
fn intl_abbreviation(locale: &str, zone: &str, at: DateTime<Utc>) -> Option<String> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"timeZone".into(), &zone.into()).ok()?;
    js_sys::Reflect::set(&options, &"timeZoneName".into(), &"short".into()).ok()?;
    let locales = js_sys::Array::of1(&JsValue::from_str(locale));
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor = js_sys::Reflect::get(&intl, &"DateTimeFormat".into()).ok()?;
    // An unknown zone makes the constructor throw: then there is no name to give.
    let format: js_sys::Intl::DateTimeFormat = wasm_bindgen::JsCast::unchecked_into(
        js_sys::Reflect::construct(&constructor.into(), &js_sys::Array::of2(&locales, &options))
            .ok()?,
    );
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let parts = format.format_to_parts(&date);
    let name = parts.iter().find_map(|part| {
        let kind = js_sys::Reflect::get(&part, &"type".into())
            .ok()?
            .as_string()?;
        (kind == "timeZoneName")
            .then(|| {
                js_sys::Reflect::get(&part, &"value".into())
                    .ok()?
                    .as_string()
            })
            .flatten()
    })?;
    let is_offset = ["GMT+", "GMT-", "UTC+", "UTC-"]
        .iter()
        .any(|p| name.starts_with(p));
    (!is_offset).then_some(name)
}

impl ZoneRules for BrowserZones {
    /// American English names American zones ("EST"), British English European ones ("CEST");
    /// any other zone is named by its offset.
    fn abbreviation(&self, zone: &str, at: DateTime<Utc>) -> String {
        let key = (zone.to_owned(), at.timestamp().div_euclid(3600));
        if let Some(name) = NAMES.with(|n| n.borrow().get(&key).cloned()) {
            return name;
        }
        let name = intl_abbreviation("en-US", zone, at)
            .or_else(|| intl_abbreviation("en-GB", zone, at))
            .unwrap_or_else(|| {
                crate::domain::triage::zone::offset_name(self.offset_seconds(zone, at))
            });
        NAMES.with(|n| n.borrow_mut().insert(key, name.clone()));
        name
    }

    fn offset_seconds(&self, zone: &str, at: DateTime<Utc>) -> i32 {
        let hour = at.timestamp().div_euclid(3600);
        let key = (zone.to_owned(), hour);
        if let Some(offset) = OFFSETS.with(|o| o.borrow().get(&key).copied()) {
            return offset;
        }
        // Offsets change on the hour (or half hour) at most: cache the hour's start.
        let offset = offset_uncached(zone, DateTime::from_timestamp(hour * 3600, 0).unwrap_or(at));
        OFFSETS.with(|o| o.borrow_mut().insert(key, offset));
        offset
    }
}
