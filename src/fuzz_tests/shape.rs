//! Structure-aware inputs: a valid record as JSON, edited at random places with values at and
//! past the domain's bounds (`domain::bounds`), with fields removed, types swapped, keys given
//! twice, lists grown, and the text cut or spliced. An input is its base and its list of
//! [`Edit`]s, so a failing one is shrunk by dropping edits and reported as the few that matter.
use std::fmt;

use serde_json::{Map, Value};

use super::dice::Dice;

/// The most a grown list may take, serialised, before `run::make` judges the input's size.
const GROW_BUDGET_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A value an edit puts in.
#[derive(Debug, Clone, PartialEq)]
pub enum Leaf {
    Json(Value),
    /// JSON text put in as written: what no `serde_json::Value` holds (a lone surrogate
    /// escape, a number past `u64` or `f64`).
    Raw(&'static str),
    /// A string of `unit` repeated `times` times.
    Long(&'static str, usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Set(Vec<Seg>, Leaf),
    Remove(Vec<Seg>),
    /// The list at the path made to hold this many items, its own items repeated.
    Grow(Vec<Seg>, usize),
    /// The object at the path given a second entry under an existing key.
    DupKey(Vec<Seg>, String, Leaf),
    /// An entry of the object at the path moved to another key.
    Rename(Vec<Seg>, String, String),
    /// The rendered text cut off at this many thousandths of its length.
    Cut(u32),
    /// This text put in at this many thousandths of the rendered text.
    Splice(u32, &'static str),
}

pub fn path_text(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if out.is_empty() => out.push_str(k),
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() {
        "(the whole value)".to_owned()
    } else {
        out
    }
}

impl fmt::Display for Leaf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json(Value::String(s)) if s.chars().count() > 60 => {
                write!(f, "a string of {} chars", s.chars().count())
            }
            Self::Json(v) => write!(f, "{v}"),
            Self::Raw(r) => write!(f, "{r} (raw JSON)"),
            Self::Long(unit, times) => write!(f, "{:?} \u{d7} {times}", unit),
        }
    }
}

impl fmt::Display for Edit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Set(p, leaf) => write!(f, "{} = {leaf}", path_text(p)),
            Self::Remove(p) => write!(f, "{} removed", path_text(p)),
            Self::Grow(p, n) => write!(f, "{} grown to {n} items", path_text(p)),
            Self::DupKey(p, k, leaf) => {
                write!(f, "{} given \"{k}\" twice (second = {leaf})", path_text(p))
            }
            Self::Rename(p, from, to) => {
                write!(f, "{} key \"{from}\" renamed \"{to}\"", path_text(p))
            }
            Self::Cut(m) => write!(f, "text cut at {}.{}%", m / 10, m % 10),
            Self::Splice(m, s) => write!(f, "{s:?} put in at {}.{}%", m / 10, m % 10),
        }
    }
}

/// What kind of value sits at a path of a base, which decides the values put there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Date,
    DateTime,
    /// A date and time as a CSV file writes it: `2027-03-08 09:30`.
    CsvTime,
    Time,
    Text,
    Number,
    Other,
    /// A list, and the length of its first item as JSON.
    List(usize),
    Object,
}

/// A base value and every path in it, with its kind.
pub struct Shape {
    pub name: &'static str,
    pub value: Value,
    pub paths: Vec<(Vec<Seg>, Kind)>,
}

/// Fields worth a visit more often than their share of the paths: the ones the domain does
/// arithmetic with, and the envelopes' own.
const FOCUS: [&str; 26] = [
    "duration_weeks",
    "number",
    "go_live",
    "reported_at",
    "new_end",
    "week",
    "revision",
    "schema",
    "version",
    "saved_at",
    "exported_at",
    "time_zone",
    "day_starts",
    "day_ends",
    "response_hours",
    "resolution_hours",
    "working_days",
    "holidays",
    "running_since",
    "started_at",
    "signed_at",
    "frozen_markdown",
    "extensions",
    "holds",
    "_id",
    "weeks",
];

impl Shape {
    pub fn new(name: &'static str, value: Value) -> Self {
        let mut paths = Vec::new();
        walk(&value, &mut Vec::new(), &mut paths);
        Self { name, value, paths }
    }

    fn of_kind(&self, dice: &mut Dice, want: impl Fn(Kind) -> bool) -> Option<&(Vec<Seg>, Kind)> {
        let found: Vec<&(Vec<Seg>, Kind)> = self.paths.iter().filter(|(_, k)| want(*k)).collect();
        (!found.is_empty()).then(|| *dice.pick(&found))
    }

    fn focused(&self, dice: &mut Dice) -> Option<&(Vec<Seg>, Kind)> {
        let key = *dice.pick(&FOCUS);
        let found: Vec<&(Vec<Seg>, Kind)> = self
            .paths
            .iter()
            .filter(|(p, _)| matches!(p.last(), Some(Seg::Key(k)) if k == key))
            .collect();
        (!found.is_empty()).then(|| *dice.pick(&found))
    }

    /// A few random edits of this shape.
    pub fn edits(&self, dice: &mut Dice) -> Vec<Edit> {
        let count = dice.few(6);
        (0..count).filter_map(|_| self.edit(dice)).collect()
    }

    pub fn edit(&self, dice: &mut Dice) -> Option<Edit> {
        let roll = dice.below(100);
        let (path, kind) = if roll < 25 {
            self.focused(dice).or_else(|| self.paths.first())?
        } else if roll < 50 {
            self.of_kind(dice, |k| {
                matches!(k, Kind::Date | Kind::DateTime | Kind::CsvTime | Kind::Time)
            })?
        } else if roll < 62 {
            self.of_kind(dice, |k| k == Kind::Number)?
        } else if roll < 72 {
            self.of_kind(dice, |k| k == Kind::Text)?
        } else if roll < 80 {
            self.of_kind(dice, |k| matches!(k, Kind::List(_)))?
        } else if roll < 86 {
            self.of_kind(dice, |k| k == Kind::Object)?
        } else if roll < 94 {
            let any = dice.below(self.paths.len());
            let (path, _) = &self.paths[any];
            return Some(if dice.chance(30) && !path.is_empty() {
                Edit::Remove(path.clone())
            } else {
                Edit::Set(path.clone(), type_swap(dice))
            });
        } else if roll < 97 {
            return Some(Edit::Cut(dice.below(1000) as u32));
        } else {
            return Some(Edit::Splice(dice.below(1000) as u32, dice.pick(&SPLICES)));
        };
        Some(edit_for(dice, path, *kind, self))
    }
}

fn edit_for(dice: &mut Dice, path: &[Seg], kind: Kind, shape: &Shape) -> Edit {
    let path = path.to_vec();
    if dice.chance(8) {
        return Edit::Set(path, type_swap(dice));
    }
    match kind {
        Kind::Date => Edit::Set(path, Leaf::Json(Value::String(date(dice)))),
        Kind::DateTime => Edit::Set(path, Leaf::Json(Value::String(date_time(dice)))),
        Kind::CsvTime => Edit::Set(path, Leaf::Json(Value::String(csv_time(dice)))),
        Kind::Time => Edit::Set(path, Leaf::Json(Value::String((*dice.pick(&TIMES)).into()))),
        Kind::Number => Edit::Set(path, number(dice)),
        Kind::Text => Edit::Set(path, text(dice)),
        Kind::List(item_len) => Edit::Grow(path, list_len(dice, item_len)),
        Kind::Object => {
            let keys: Vec<&String> = match lookup(&shape.value, &path) {
                Some(Value::Object(map)) => map.keys().collect(),
                _ => Vec::new(),
            };
            if keys.is_empty() {
                return Edit::Set(path, type_swap(dice));
            }
            let key = (*dice.pick(&keys)).clone();
            if dice.chance(50) {
                let mut child = path;
                child.push(Seg::Key(key));
                Edit::Remove(child)
            } else {
                let mut child = path.clone();
                child.push(Seg::Key(key.clone()));
                let child_kind = shape
                    .paths
                    .iter()
                    .find(|(p, _)| *p == child)
                    .map_or(Kind::Other, |(_, k)| *k);
                let leaf = match edit_for(dice, &child, child_kind, shape) {
                    Edit::Set(_, leaf) => leaf,
                    _ => type_swap(dice),
                };
                Edit::DupKey(path, key, leaf)
            }
        }
        Kind::Other => Edit::Set(path, type_swap(dice)),
    }
}

fn walk(value: &Value, path: &mut Vec<Seg>, out: &mut Vec<(Vec<Seg>, Kind)>) {
    let kind = match value {
        Value::String(s) => string_kind(s),
        Value::Number(_) => Kind::Number,
        Value::Array(items) => Kind::List(items.first().map_or(0, |i| i.to_string().len())),
        Value::Object(_) => Kind::Object,
        Value::Null | Value::Bool(_) => Kind::Other,
    };
    out.push((path.clone(), kind));
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                walk(item, path, out);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                path.push(Seg::Key(k.clone()));
                walk(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn digits(b: &[u8]) -> bool {
    b.iter().all(u8::is_ascii_digit)
}

fn string_kind(s: &str) -> Kind {
    let b = s.as_bytes();
    let date = b.len() >= 10
        && digits(&b[0..4])
        && b[4] == b'-'
        && digits(&b[5..7])
        && b[7] == b'-'
        && digits(&b[8..10]);
    if date && b.len() == 10 {
        Kind::Date
    } else if date && b.len() >= 16 && b[10] == b'T' && s.ends_with(['Z', '0']) {
        Kind::DateTime
    } else if date && b.len() >= 16 && (b[10] == b' ' || b[10] == b'T') {
        Kind::CsvTime
    } else if (b.len() == 5 || b.len() == 8) && digits(&b[0..2]) && b[2] == b':' && digits(&b[3..5])
    {
        Kind::Time
    } else {
        Kind::Text
    }
}

/// Dates at and past the bounds (1970 to 2200), at chrono's own limits (years ±262,143), and
/// a few that are not dates at all.
pub const DATES: [&str; 20] = [
    "1969-12-31",
    "1970-01-01",
    "2200-12-31",
    "2201-01-01",
    "-100000-01-01",
    "+262142-01-01",
    "0001-01-01",
    "9999-12-31",
    "+262143-12-31",
    "-262143-01-01",
    "+10000-01-01",
    "2027-02-29",
    "2024-02-29",
    "2027-03-28",
    "2027-10-31",
    "2027-03-01",
    "0202-03-01",
    "2027-13-01",
    "2027-3-1",
    "",
];

const TIMES_OF_DAY: [&str; 7] = [
    "T00:00:00Z",
    "T23:59:59Z",
    "T09:30:00+14:00",
    "T09:30:00-12:00",
    "T23:59:60Z",
    "T12:00:00.123456789Z",
    "T01:30:00+01:00",
];

pub const TIMES: [&str; 11] = [
    "00:00:00", "23:59:59", "24:00:00", "23:59:60", "12:00:00", "18:00:00", "08:00:00", "17:59:00",
    "12:00", "25:00:00", "",
];

fn date(dice: &mut Dice) -> String {
    (*dice.pick(&DATES)).to_owned()
}

fn date_time(dice: &mut Dice) -> String {
    let day = *dice.pick(&DATES);
    if dice.chance(5) {
        return day.to_owned();
    }
    format!("{day}{}", dice.pick(&TIMES_OF_DAY))
}

fn csv_time(dice: &mut Dice) -> String {
    let day = *dice.pick(&DATES);
    let time = *dice.pick(&[
        " 00:00",
        " 23:59",
        " 09:30:00",
        "T09:30",
        "T09:30:00Z",
        " 24:00",
        "",
    ]);
    format!("{day}{time}")
}

/// Numbers at and past every bound: 1..=999,999, weeks 1..=104, u32 and u64 limits.
pub fn number(dice: &mut Dice) -> Leaf {
    if dice.chance(12) {
        return Leaf::Raw(dice.pick(&RAW_NUMBERS));
    }
    let v: Value = match dice.below(25) {
        0 => 0.into(),
        1 => 1.into(),
        2 => 2.into(),
        3 => 8.into(),
        4 => 9.into(),
        5 => 104.into(),
        6 => 105.into(),
        7 => 999_999.into(),
        8 => 1_000_000.into(),
        9 => 100_000.into(),
        10 => 4_294_967_295u64.into(),
        11 => 4_294_967_296u64.into(),
        12 => i64::MAX.into(),
        13 => u64::MAX.into(),
        14 => (-1).into(),
        15 => i64::MIN.into(),
        16 => 0.5.into(),
        17 => (-0.0f64).into(),
        18 => 1e300.into(),
        19 => 8_640_000_000i64.into(),
        20 => 8_640_000_001i64.into(),
        21 => 65_535.into(),
        22 => 65_536.into(),
        23 => 2_147_483_647.into(),
        _ => 7.into(),
    };
    Leaf::Json(v)
}

const RAW_NUMBERS: [&str; 7] = [
    "18446744073709551616",
    "1e400",
    "-1e400",
    "1E2",
    "-0",
    "0.0000001",
    "100000e-5",
];

const STRINGS: [&str; 18] = [
    "",
    " ",
    "\r",
    "\r\n",
    "a\rb",
    "\u{0}\u{1}\u{7}\u{1b}[31m",
    "\u{202e}gnp.exe",
    "\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}",
    "\"},{\"a\":1",
    "#/s/AAAA",
    "\u{feff}",
    "Europe/Berlin",
    "Pacific/Kiritimati",
    "Mars/Olympus",
    "UTC",
    "../../x",
    "e\u{301}",
    "critical",
];

const LONG: [(&str, usize); 9] = [
    ("x", 100),
    ("x", 101),
    ("x", 10_000),
    ("x", 20_000),
    ("x", 20_001),
    ("\u{e9}", 20_001),
    ("\r", 20_001),
    ("e\u{301}", 10_001),
    ("\u{1f600}", 20_001),
];

const RAW_STRINGS: [&str; 5] = [
    "\"\\ud800\"",
    "\"\\udfff\"",
    "\"\\ud800\\u0041\"",
    "\"\\u0000\"",
    "\"x\\ud83d\"",
];

pub fn text(dice: &mut Dice) -> Leaf {
    match dice.below(10) {
        0..=4 => Leaf::Json(Value::String((*dice.pick(&STRINGS)).to_owned())),
        5..=7 => {
            let (unit, times) = *dice.pick(&LONG);
            Leaf::Long(unit, times)
        }
        8 if dice.chance(3) => Leaf::Long("x", 2_000_001),
        _ => Leaf::Raw(dice.pick(&RAW_STRINGS)),
    }
}

fn type_swap(dice: &mut Dice) -> Leaf {
    Leaf::Json(match dice.below(11) {
        0 => Value::Null,
        1 => true.into(),
        2 => false.into(),
        3 => 0.into(),
        4 => "".into(),
        5 => Value::Array(Vec::new()),
        6 => Value::Object(Map::new()),
        7 => "2027-03-01".into(),
        8 => 1.5.into(),
        9 => Value::Array(vec![Value::Null]),
        _ => serde_json::json!({"": null}),
    })
}

/// A list length: mostly small, sometimes past `bounds::MAX_ITEMS`, kept to a few MB of JSON.
fn list_len(dice: &mut Dice, item_len: usize) -> usize {
    let len = match dice.below(20) {
        0..=3 => 0,
        4..=7 => 1,
        8..=10 => 2,
        11..=13 => 100,
        14..=16 => 1_000,
        17 | 18 => 10_000,
        _ => 100_001,
    };
    let cap = (8 << 20) / item_len.max(1);
    if len == 100_001 && item_len <= 64 {
        len
    } else {
        len.min(cap.max(2))
    }
}

const SPLICES: [&str; 9] = [
    ",", "}", "]", "\"", "\\", "\u{0}", "{\"a\":", "\u{feff}", "\r",
];

fn lookup<'a>(value: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    let mut at = value;
    for seg in path {
        at = match (seg, at) {
            (Seg::Key(k), Value::Object(m)) => m.get(k)?,
            (Seg::Index(i), Value::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(at)
}

fn lookup_mut<'a>(value: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let mut at = value;
    for seg in path {
        at = match (seg, at) {
            (Seg::Key(k), Value::Object(m)) => m.get_mut(k)?,
            (Seg::Index(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(at)
}

/// Text swapped in after rendering: (placeholder as JSON, what replaces it).
#[derive(Default)]
pub struct Swaps(Vec<(String, String)>);

impl Swaps {
    fn leaf(&mut self, leaf: &Leaf) -> Value {
        match leaf {
            Leaf::Json(v) => v.clone(),
            Leaf::Long(unit, times) => Value::String(unit.repeat(*times)),
            Leaf::Raw(raw) => {
                let token = format!("\u{1}raw{}\u{1}", self.0.len());
                self.0
                    .push((Value::String(token.clone()).to_string(), (*raw).to_owned()));
                Value::String(token)
            }
        }
    }

    fn key(&mut self, key: &str) -> String {
        let token = format!("\u{1}dup{}\u{1}", self.0.len());
        self.0.push((
            Value::String(token.clone()).to_string(),
            Value::String(key.to_owned()).to_string(),
        ));
        token
    }

    /// The placeholders replaced by their text.
    pub fn apply(&self, mut text: String) -> String {
        for (from, to) in &self.0 {
            text = text.replacen(from.as_str(), to, 1);
        }
        text
    }

    /// As [`apply`], for text where the placeholders were not JSON-escaped (a CSV cell).
    pub fn apply_plain(&self, mut text: String) -> String {
        for (from, to) in &self.0 {
            let from: String = serde_json::from_str(from).unwrap_or_default();
            let to = serde_json::from_str::<String>(to).unwrap_or_else(|_| to.clone());
            text = text.replacen(from.as_str(), &to, 1);
        }
        text
    }
}

/// The base with the JSON edits applied (text edits are left for [`finish_text`]).
pub fn apply(base: &Value, edits: &[Edit], swaps: &mut Swaps) -> Value {
    let mut value = base.clone();
    for edit in edits {
        match edit {
            Edit::Set(path, leaf) => {
                let new = swaps.leaf(leaf);
                match path.split_last() {
                    None => value = new,
                    Some((last, parent)) => match (last, lookup_mut(&mut value, parent)) {
                        (Seg::Key(k), Some(Value::Object(m))) => {
                            m.insert(k.clone(), new);
                        }
                        (Seg::Index(i), Some(Value::Array(a))) if *i < a.len() => a[*i] = new,
                        _ => {}
                    },
                }
            }
            Edit::Remove(path) => {
                if let Some((last, parent)) = path.split_last() {
                    match (last, lookup_mut(&mut value, parent)) {
                        (Seg::Key(k), Some(Value::Object(m))) => {
                            m.remove(k);
                        }
                        (Seg::Index(i), Some(Value::Array(a))) if *i < a.len() => {
                            a.remove(*i);
                        }
                        _ => {}
                    }
                }
            }
            Edit::Grow(path, len) => {
                if let Some(Value::Array(a)) = lookup_mut(&mut value, path) {
                    if a.is_empty() {
                        a.extend(std::iter::repeat_n(Value::Null, (*len).min(100)));
                    } else if *len <= a.len() {
                        a.truncate(*len);
                    } else {
                        let items = a.clone();
                        // Copies of long items could outgrow the machine before `make` can
                        // drop the edit (a CSV row holding a megabyte, made 5,000 rows, was
                        // killed by the kernel): grow to at most GROW_BUDGET_BYTES.
                        let unit = serde_json::to_vec(&items).map_or(1, |v| v.len().max(1));
                        let len =
                            (*len).min((GROW_BUDGET_BYTES * items.len() / unit).max(items.len()));
                        a.reserve(len - a.len());
                        while a.len() < len {
                            let next = items[a.len() % items.len()].clone();
                            a.push(next);
                        }
                    }
                }
            }
            Edit::DupKey(path, key, leaf) => {
                let token = swaps.key(key);
                let new = swaps.leaf(leaf);
                if let Some(Value::Object(m)) = lookup_mut(&mut value, path) {
                    m.insert(token, new);
                }
            }
            Edit::Rename(path, from, to) => {
                if let Some(Value::Object(m)) = lookup_mut(&mut value, path) {
                    if let Some(v) = m.remove(from) {
                        m.insert(to.clone(), v);
                    }
                }
            }
            Edit::Cut(_) | Edit::Splice(..) => {}
        }
    }
    value
}

/// The text edits of `edits`, applied to rendered text.
pub fn finish_text(mut text: String, edits: &[Edit]) -> String {
    for edit in edits {
        match edit {
            Edit::Cut(m) => {
                let mut at = text.len() * *m as usize / 1000;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.truncate(at);
            }
            Edit::Splice(m, s) => {
                let mut at = text.len() * *m as usize / 1000;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.insert_str(at, s);
            }
            _ => {}
        }
    }
    text
}

/// The base with every edit, as JSON text.
pub fn render(base: &Value, edits: &[Edit]) -> String {
    let mut swaps = Swaps::default();
    let value = apply(base, edits, &mut swaps);
    finish_text(swaps.apply(value.to_string()), edits)
}

/// Random bytes: mostly text-like, sometimes anything.
pub fn raw_bytes(dice: &mut Dice, max: usize) -> Vec<u8> {
    let len = match dice.below(10) {
        0 => 0,
        1..=6 => dice.below(64),
        7 | 8 => dice.below(max.min(1024)),
        _ => dice.below(max),
    };
    let mode = dice.below(4);
    (0..len)
        .map(|_| match mode {
            0 => dice.next() as u8,
            1 => *dice.pick(b"{}[]\":,0123456789.-+eE truefalsnu\\/\n\r\tabcxyz"),
            2 => (32 + dice.below(95)) as u8,
            _ => *dice.pick(b"\"#/s%23%2F ABCDEFabcdef0123456789-_\n\r,.:;"),
        })
        .collect()
}

/// Tokens of JSON glued together at random: text that gets past the first few bytes of a
/// JSON reader more often than random bytes do.
pub fn json_soup(dice: &mut Dice) -> String {
    const TOKENS: [&str; 24] = [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"format\"",
        "\"handrail/backup\"",
        "\"handrail/engagement\"",
        "\"handrail/issue\"",
        "\"version\"",
        "\"schema\"",
        "\"engagements\"",
        "\"engagement\"",
        "1",
        "4",
        "-1",
        "null",
        "true",
        "\"2027-03-01T09:00:00Z\"",
        "\"exported_at\"",
        "\"revision\"",
        "\"saved_at\"",
        "\"\\ud800\"",
    ];
    let n = dice.below(40);
    (0..n).map(|_| *dice.pick(&TOKENS)).collect()
}

/// The dates at and past the bounds that every date field is swept with.
pub const BOUND_DATES: [&str; 8] = [
    "1969-12-31",
    "1970-01-01",
    "2200-12-31",
    "2201-01-01",
    "-100000-01-01",
    "+262142-01-01",
    "0001-01-01",
    "9999-12-31",
];

/// A path with its list positions blotted out: `issues[*].events[*].at`.
fn signature(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(_) => out.push_str("[*]"),
        }
    }
    out
}

/// Every field of the shape (the first of each `issues[*].…` kind) set to each value at and
/// past its bounds, one edit per case: dates to [`BOUND_DATES`], numbers to 0, 1, 999,999,
/// 1,000,000, 100,000, u32 and u64 limits, -1, 0.5 and a number past u64; texts empty, of
/// 100, 101, 10,000, 20,000 and 20,001 characters, a lone surrogate, control characters;
/// lists emptied and grown to 100,000 and 100,001 items (10,000 for big items); objects
/// without each of their fields.
pub fn bound_edits(shape: &Shape) -> Vec<Edit> {
    bound_edits_where(shape, |path| Some(signature(path)))
}

/// [`bound_edits`] of the paths `sign` names (`None` skips one); a path named like one before
/// it is skipped too.
pub fn bound_edits_where(shape: &Shape, sign: impl Fn(&[Seg]) -> Option<String>) -> Vec<Edit> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (path, kind) in &shape.paths {
        let Some(name) = sign(path) else {
            continue;
        };
        if !seen.insert((name, format!("{kind:?}"))) {
            continue;
        }
        let set = |leaf: Leaf| Edit::Set(path.clone(), leaf);
        let string = |s: String| set(Leaf::Json(Value::String(s)));
        match kind {
            Kind::Date => out.extend(BOUND_DATES.iter().map(|d| string((*d).to_owned()))),
            Kind::DateTime => {
                out.extend(BOUND_DATES.iter().map(|d| string(format!("{d}T00:00:00Z"))))
            }
            Kind::CsvTime => out.extend(BOUND_DATES.iter().map(|d| string(format!("{d} 09:30")))),
            Kind::Time => {
                out.extend(["00:00:00", "23:59:59", "24:00:00"].map(|t| string(t.to_owned())))
            }
            Kind::Number => {
                let numbers: [Value; 10] = [
                    0.into(),
                    1.into(),
                    999_999.into(),
                    1_000_000.into(),
                    100_000.into(),
                    4_294_967_295u64.into(),
                    u64::MAX.into(),
                    (-1).into(),
                    0.5.into(),
                    i64::MIN.into(),
                ];
                out.extend(numbers.into_iter().map(|n| set(Leaf::Json(n))));
                out.push(set(Leaf::Raw("18446744073709551616")));
            }
            Kind::Text => {
                out.push(string(String::new()));
                out.push(string("\r\u{0}\u{1b}".into()));
                out.push(set(Leaf::Long("x", 100)));
                out.push(set(Leaf::Long("x", 101)));
                out.push(set(Leaf::Long("x", 10_000)));
                out.push(set(Leaf::Long("\u{e9}", 20_000)));
                out.push(set(Leaf::Long("x", 20_001)));
                out.push(set(Leaf::Raw("\"\\ud800\"")));
            }
            Kind::List(item_len) => {
                out.push(Edit::Grow(path.clone(), 0));
                let big = if *item_len <= 64 {
                    100_001
                } else {
                    ((8 << 20) / item_len.max(&1)).min(10_000)
                };
                out.push(Edit::Grow(path.clone(), big));
            }
            Kind::Object | Kind::Other => {}
        }
        if let Some(Value::Object(map)) = lookup(&shape.value, path) {
            for key in map.keys() {
                let mut field = path.clone();
                field.push(Seg::Key(key.clone()));
                out.push(Edit::Remove(field));
            }
        }
    }
    out
}
