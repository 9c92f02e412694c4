//! CSV import at the door: the file's encoding, its shape row by row, and the domain's bounds.
use chrono::{DateTime, Datelike, Utc};

use super::csv::{check_room, parse_records, plan_import, ImportPlan, MAX_IMPORT_ROWS};
use super::encoding::Encoding;
use super::zone::ZoneRules;
use crate::domain::bounds;
use crate::domain::fixtures::{at, Tz};

fn now() -> DateTime<Utc> {
    at("2027-03-09T09:00:00Z")
}

fn plan(bytes: &[u8]) -> ImportPlan {
    plan_import(bytes, &Tz, "Europe/Berlin", now()).unwrap()
}

fn titles(plan: &ImportPlan) -> Vec<&str> {
    plan.rows.iter().map(|r| r.title.as_str()).collect()
}

/// Each skipped row as the preview lists it.
fn skipped(plan: &ImportPlan) -> Vec<String> {
    plan.skipped
        .iter()
        .map(|(at, message)| format!("{at}: {message}"))
        .collect()
}

#[test]
fn a_windows_1252_file_keeps_its_accents_and_names_its_encoding() {
    // "Café crème" as Excel saves it on a Western European Windows, with a curly quote.
    let plan = plan(b"Title,Area\r\nCaf\xe9 cr\xe8me,Ventes \x96 \x93Nord\x94\r\n");
    assert_eq!(titles(&plan), ["Caf\u{e9} cr\u{e8}me"]);
    assert_eq!(plan.rows[0].area, "Ventes \u{2013} \u{201c}Nord\u{201d}");
    assert_eq!(plan.encoding, Encoding::Windows1252);
    assert_eq!(plan.encoding.name(), "Windows-1252 (Western European)");
    // UTF-16 with its mark, as "Unicode text"; UTF-8 with or without one.
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            "Title\r\nCaf\u{e9}\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let read = self::plan(&utf16);
    assert_eq!(
        (titles(&read), read.encoding),
        (vec!["Caf\u{e9}"], Encoding::Utf16Le)
    );
    let read = self::plan("\u{feff}Title\nCaf\u{e9}\n".as_bytes());
    assert_eq!(
        (titles(&read), read.encoding),
        (vec!["Caf\u{e9}"], Encoding::Utf8)
    );
}

#[test]
fn a_row_with_another_number_of_fields_than_the_header_is_skipped_on_its_row() {
    let text = "Title,Description,Area\n\
                Login fails,Users cannot log in,Sales\n\
                Printer jams,Tray 2, paper,Office\n\
                Quote \"PDF\" wrong,VAT,Finance\n\
                \"Report slow,Takes ages,Finance\n\
                Export fails,Nothing happens,Ops\n\
                Search slow,\"9am\",Sales\n\
                Last one,fine,Ops\n";
    let plan = plan(text.as_bytes());
    assert_eq!(
        titles(&plan),
        ["Login fails", "Quote \"PDF\" wrong", "Last one"]
    );
    // A stray quote on line 5 joins three lines: the row says where the quote opened, and
    // the next row names both its row and its line.
    assert_eq!(
        skipped(&plan),
        [
            "Row 3: 4 fields where the first row has 3",
            "Row 5: 2 fields where the first row has 3; a quoted field runs from line 5 to line 7: check its quotes",
        ]
    );
    assert_eq!(plan.rows[2].row, 6);
}

#[test]
fn a_quote_that_never_closes_is_named_by_the_line_it_opens_on() {
    let plan = plan(b"Title,Area\nOne,x\n\"Two,y\nThree,z\nFour,w\n");
    assert_eq!(titles(&plan), ["One"]);
    assert_eq!(
        skipped(&plan),
        ["Row 3: a quote opens on line 3 and never closes: the rest of the file, to line 5, is one field"]
    );
    // In the header, nothing can be read.
    let refused = plan_import(b"Title,\"Area\nx,y\n", &Tz, "UTC", now()).unwrap_err();
    assert_eq!(
        refused,
        "Row 1: a quote opens on line 1 and never closes: the rest of the file, to line 2, is one field."
    );
}

#[test]
fn a_quoted_field_over_many_lines_is_imported_but_shown_for_checking() {
    let long = vec!["step"; 25].join("\n");
    let text = format!("Title,Description\nA,\"{long}\"\nB,\"two\nlines\"\nC,c\n");
    let plan = plan(text.as_bytes());
    assert_eq!(titles(&plan), ["A", "B", "C"]);
    assert!(plan.skipped.is_empty());
    let checks: Vec<String> = plan
        .check
        .iter()
        .map(|(at, m)| format!("{at}: {m}"))
        .collect();
    assert_eq!(
        checks,
        ["Row 2: a quoted field runs from line 2 to line 26: check its quotes"]
    );
    assert_eq!(plan.rows[2].row, 4);
}

#[test]
fn rows_end_at_any_line_break_and_blank_rows_count_but_are_not_rows_to_import() {
    // Old Mac files end rows with a lone CR; spreadsheets write rows of empty cells.
    let plan = plan(b"Title,Area\rA,x\r\r,\rB,y\r\n,,\r\nC,z");
    assert_eq!(titles(&plan), ["A", "B", "C"]);
    assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
    assert_eq!(
        plan.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
        [2, 5, 7]
    );
    let records = parse_records("a,\"b\r\nc\"\r\nd\n");
    assert_eq!(records[0].fields, ["a", "b\r\nc"]);
    assert_eq!(records[0].spans, Some((1, 2)));
    assert_eq!((records[1].row, records[1].line), (2, 3));
}

/// Zone rules that fail a test when asked about a time far outside the domain's years (a few
/// hours either side is a zone's offset): the import must refuse such a time before any zone
/// arithmetic, which takes ages on it in the browser.
struct Bounded;

impl ZoneRules for Bounded {
    fn offset_seconds(&self, zone: &str, at: DateTime<Utc>) -> i32 {
        let years = bounds::EARLIEST_YEAR - 1..=bounds::LATEST_YEAR + 1;
        assert!(years.contains(&at.year()), "asked about {at}");
        Tz.offset_seconds(zone, at)
    }

    fn abbreviation(&self, zone: &str, at: DateTime<Utc>) -> String {
        Tz.abbreviation(zone, at)
    }
}

#[test]
fn reported_times_outside_the_domains_years_are_refused_on_their_row() {
    let text = "Title,Reported at\n\
                Ancient,-100000-01-01\n\
                Far,+262142-01-01 09:00\n\
                Before,1969-12-31 23:00\n\
                Midnight,1970-01-01 00:30\n\
                Later,2201-01-01\n\
                First,1970-01-01 09:00\n\
                Utc,2027-03-08T09:30Z\n";
    let plan = plan_import(text.as_bytes(), &Bounded, "Europe/Berlin", now()).unwrap();
    assert_eq!(titles(&plan), ["First", "Utc"]);
    assert_eq!(
        skipped(&plan),
        [
            "Row 2: the reported time \u{201c}-100000-01-01\u{201d} is outside 1970\u{2013}2200",
            "Row 3: the reported time \u{201c}+262142-01-01 09:00\u{201d} is outside 1970\u{2013}2200",
            "Row 4: the reported time \u{201c}1969-12-31 23:00\u{201d} is outside 1970\u{2013}2200",
            // 00:30 in Berlin is still 1969 in UTC.
            "Row 5: the reported time \u{201c}1970-01-01 00:30\u{201d} is outside 1970\u{2013}2200",
            "Row 6: the reported time \u{201c}2201-01-01\u{201d} is outside 1970\u{2013}2200",
        ]
    );
    // A time that ends in Z is in UTC, whatever the zone.
    assert_eq!(plan.rows[1].reported_at, Some(at("2027-03-08T09:30:00Z")));
}

#[test]
fn texts_longer_than_the_domain_keeps_are_refused_not_cut() {
    let long = "\u{e9}".repeat(bounds::MAX_TEXT_CHARS + 1);
    let fits = "\u{e9}".repeat(bounds::MAX_TEXT_CHARS);
    let text = format!(
        "Title,Description,Reported by\n\"{long}\",d,r\nLong description,{long},\"{long}\"\nFits,{fits},r\n"
    );
    let plan = plan(text.as_bytes());
    assert_eq!(titles(&plan), ["Fits"]);
    assert_eq!(
        plan.rows[0].description.chars().count(),
        bounds::MAX_TEXT_CHARS
    );
    assert_eq!(
        skipped(&plan),
        [
            "Row 2: \u{201c}Title\u{201d} has 20001 characters; Handrail keeps at most 20000",
            "Row 3: \u{201c}Description\u{201d} has 20001 characters; Handrail keeps at most 20000; \u{201c}Reported by\u{201d} has 20001 characters; Handrail keeps at most 20000",
        ]
    );
}

#[test]
fn an_import_is_capped_and_keeps_the_engagement_within_its_bounds() {
    let rows = |n: usize| format!("Title\n{}", "An issue\n".repeat(n));
    assert_eq!(
        plan(rows(MAX_IMPORT_ROWS).as_bytes()).rows.len(),
        MAX_IMPORT_ROWS
    );
    let refused = plan_import(rows(MAX_IMPORT_ROWS + 1).as_bytes(), &Tz, "UTC", now()).unwrap_err();
    assert_eq!(
        refused,
        "The file has 5001 rows; at most 5000 can be imported at once: split it into smaller files."
    );
    // Numbers and counts stay where every other door accepts them.
    assert_eq!(check_room(99_000, 99_001, 1000), Ok(()));
    assert_eq!(
        check_room(99_001, 99_002, 1000),
        Err("the engagement would hold 100001 issues; Handrail keeps at most 100000".into())
    );
    assert_eq!(check_room(3, 999_998, 2), Ok(()));
    assert_eq!(
        check_room(3, 999_998, 3),
        Err(
            "the issues would be numbered up to 1000000; Handrail numbers them up to 999999".into()
        )
    );
}
