//! Share links end to end, natively: every document kind round trips, the sample's links are
//! short, and what mail systems do to links is undone.
use super::bytes;
use super::payload::{self, Payload};
use super::*;
use crate::domain::share::samples::{at, with_signed_review};
use crate::domain::share::{ShareWhat, Snapshot};

const APP: &str = "https://handrail.example.org/app/";

fn snapshot(what: ShareWhat) -> Snapshot {
    Snapshot::of(
        &with_signed_review(),
        what,
        3,
        42,
        at("2027-03-29T17:00:00Z"),
    )
    .unwrap()
}

fn open(text: &str) -> Result<Snapshot, LinkError> {
    match parse_link(text)? {
        Payload::Open(s) => Ok(*s),
        Payload::Locked(_) => panic!("not encrypted"),
    }
}

fn charter_link() -> String {
    make_link(APP, &snapshot(ShareWhat::CharterRevision(1))).unwrap()
}

#[test]
fn every_document_kind_round_trips_and_the_links_are_short() {
    for (what, name) in [
        (
            ShareWhat::CharterRevision(1),
            "sample charter (approved revision 1)",
        ),
        (
            ShareWhat::Plan,
            "sample plan with handoff (and its charter)",
        ),
        (ShareWhat::ExitReview, "sample signed exit review"),
    ] {
        let s = snapshot(what);
        let link = make_link(APP, &s).unwrap();
        let json = serde_json::to_vec(&s).unwrap().len();
        println!(
            "share link, {name}: {} characters ({} JSON bytes; the app URL is {} of them)",
            link.len(),
            json,
            APP.len()
        );
        assert!(link.starts_with("https://handrail.example.org/app/#/s/"));
        assert!(link.len() <= MAX_LINK_LEN);
        assert_eq!(open(&link).unwrap(), s);
    }
    assert!(charter_link().len() <= 2000, "{}", charter_link().len());
}

#[test]
fn the_dictionary_makes_links_much_shorter() {
    let s = snapshot(ShareWhat::CharterRevision(1));
    let json = serde_json::to_vec(&s).unwrap();
    let with = deflate::compress(&json, dictionary::get(1).unwrap()).len();
    let without = deflate::compress(&json, b"").len();
    println!("sample charter: {} JSON bytes, deflated {without} bytes without the dictionary, {with} with it", json.len());
    assert!(with * 3 < without * 2, "with {with}, without {without}");
}

#[test]
fn a_link_made_on_any_page_of_the_app_points_at_the_app() {
    let s = snapshot(ShareWhat::CharterRevision(1));
    let from_page = make_link("https://x.example/app/#/engagements/abc/charter", &s).unwrap();
    assert!(from_page.starts_with("https://x.example/app/#/s/"));
    assert!(is_share_fragment("#/s/AQ"));
    assert!(is_share_fragment("/s/AQ"));
    assert!(!is_share_fragment("#/engagements"));
}

#[test]
fn links_survive_what_mail_and_chat_do_to_them() {
    let link = charter_link();
    let expected = open(&link).unwrap();
    let encoded = link
        .replace(':', "%3A")
        .replace('/', "%2F")
        .replace('#', "%23");
    let (head, tail) = link.split_at(link.len() / 2);
    let (a, rest) = tail.split_at(tail.len() / 3);
    let (b, c) = rest.split_at(rest.len() / 2);
    let cases = [
        format!("https://eur01.safelinks.protection.outlook.com/?url={encoded}&data=05%7C02%7Cx&reserved=0"),
        format!(
            "https://urldefense.example/v3/?u={}&d=abc",
            encoded.replace('%', "%25")
        ),
        link.replacen('#', "%23", 1),
        format!("Here is the approved charter: {link}."),
        format!("(see {link})"),
        format!("[the charter]({link})"),
        format!("[{link}]"),
        format!("<{link}>"),
        format!("\u{201c}{link}\u{201d}"),
        format!("'{link}',"),
        format!("\"{link}\""),
        format!("  {link}  \n"),
        format!("{head}\n{a}\r\n{b} \n  {c}"),
        format!("<{head}\n{tail}>"),
        format!("Please read {link} before Tuesday and approve it."),
        format!("{head}\n{tail} thanks, Daniel"),
        link.replacen("https://handrail.example.org/app/", "", 1),
        link.replacen("https://handrail.example.org/app/#", "", 1),
    ];
    for text in cases {
        assert_eq!(open(&text).as_ref(), Ok(&expected), "{text}");
    }
}

#[test]
fn damaged_cut_and_changed_links_say_which() {
    let link = charter_link();
    let cut = &link[..link.len() - 40];
    assert_eq!(open(cut), Err(LinkError::Truncated));
    assert_eq!(
        open(&link[..link.find("#/s/").unwrap() + 6]),
        Err(LinkError::Truncated)
    );
    assert_eq!(open("https://x.example/#/s/"), Err(LinkError::Truncated));
    // One character changed in the middle.
    let mut changed = link.clone().into_bytes();
    let i = link.len() - 300;
    changed[i] = if changed[i] == b'A' { b'B' } else { b'A' };
    assert_eq!(
        open(&String::from_utf8(changed).unwrap()),
        Err(LinkError::Tampered)
    );
    // Characters glued to the end that no sentence would leave.
    assert_eq!(
        open(&format!("{link}AAAA")),
        Err(LinkError::Damaged(Damage::ExtraData))
    );
    assert_eq!(
        open("https://handrail.example.org/app/#/engagements"),
        Err(LinkError::NotALink)
    );
    assert_eq!(open("no link here"), Err(LinkError::NotALink));
    // Every message is plain words, different for each.
    let messages: std::collections::HashSet<String> = [
        LinkError::NotALink,
        LinkError::NotHandrail,
        LinkError::Truncated,
        LinkError::Damaged(Damage::ExtraData),
        LinkError::Damaged(Damage::Lock),
        LinkError::Damaged(Damage::Content),
        LinkError::Tampered,
        LinkError::NewerVersion,
        LinkError::WrongPassphrase,
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(messages.len(), 9);
    assert_eq!(
        LinkError::WrongPassphrase.to_string(),
        "That passphrase does not open this link."
    );
}

/// Re-frames payload bytes with a valid CRC, as a newer Handrail would write them.
fn reframed(mut bytes: Vec<u8>) -> String {
    let body_len = bytes.len() - 4;
    bytes.truncate(body_len);
    let crc = bytes::crc32(&bytes);
    bytes.extend_from_slice(&crc.to_be_bytes());
    format!("{APP}#/s/{}", bytes::encode(&bytes))
}

#[test]
fn links_from_a_newer_handrail_are_refused_politely() {
    let bytes = payload::open_bytes(&snapshot(ShareWhat::CharterRevision(1))).unwrap();
    for (index, value) in [(0, 2), (1, 0b10), (2, 2)] {
        let mut newer = bytes.clone();
        newer[index] = value;
        let error = open(&reframed(newer)).unwrap_err();
        assert_eq!(error, LinkError::NewerVersion, "byte {index}");
        assert!(error.to_string().contains("made by a newer Handrail"));
    }
    // A newer format version may change everything after its first byte.
    assert_eq!(
        open(&format!("{APP}#/s/{}", bytes::encode(&[9, 1, 2]))),
        Err(LinkError::NewerVersion)
    );
    // A snapshot of a newer engagement schema, in a format this version reads.
    let mut s = snapshot(ShareWhat::CharterRevision(1));
    s.schema = crate::storage::record::SCHEMA_VERSION + 1;
    let link = make_link(APP, &s).unwrap();
    assert_eq!(open(&link), Err(LinkError::NewerVersion));
}

#[test]
fn an_encrypted_payload_is_read_up_to_its_ciphertext() {
    let locked = Locked {
        dictionary: 1,
        iterations: 600_000,
        salt: [7; 16],
        iv: [3; 12],
        ciphertext: (0..100).collect(),
    };
    let link = make_locked_link(APP, &locked).unwrap();
    assert_eq!(parse_link(&link), Ok(Payload::Locked(locked.clone())));
    assert_eq!(
        parse_link(&format!("{link}. Passphrase by phone.")),
        Ok(Payload::Locked(locked))
    );
    assert_eq!(
        parse_link(&link[..link.len() - 10]),
        Err(LinkError::Truncated)
    );
}

#[test]
fn a_document_too_big_for_a_link_gets_a_clear_error_with_its_length() {
    let mut e = with_signed_review();
    if let Some(r) = e.exit_review.as_mut() {
        // Text that deflate cannot shrink much: numbered, varied lines.
        r.frozen_markdown = (0..2000u32)
            .map(|n| format!("- #{n} {:x}\n", n.wrapping_mul(2_654_435_761)))
            .collect();
    }
    let s = Snapshot::of(&e, ShareWhat::ExitReview, 3, 1, at("2027-03-29T17:00:00Z")).unwrap();
    match make_link(APP, &s) {
        Err(LinkError::TooLong { length }) => {
            assert!(length > MAX_LINK_LEN);
            assert!(LinkError::TooLong { length }
                .to_string()
                .contains(&length.to_string()));
        }
        other => panic!("expected TooLong, got {other:?}"),
    }
}

/// A plain link to payload bytes `1, 0, 1, length` framing `content`, with its CRC: what a
/// crafted (or faulty) tool could make.
fn framed(flags: u8, content: &[u8]) -> String {
    let mut bytes = vec![1, flags, 1];
    bytes.extend_from_slice(&u16::try_from(content.len()).unwrap().to_be_bytes());
    bytes.extend_from_slice(content);
    let crc = bytes::crc32(&bytes);
    bytes.extend_from_slice(&crc.to_be_bytes());
    format!("{APP}#/s/{}", bytes::encode(&bytes))
}

/// A plain link carrying `json` as its snapshot.
fn link_of_json(json: &str) -> String {
    framed(
        0,
        &deflate::compress(json.as_bytes(), dictionary::get(1).unwrap()),
    )
}

fn link_of_bytes(bytes: &[u8]) -> String {
    format!("{APP}#/s/{}", bytes::encode(bytes))
}

#[test]
fn random_text_is_not_a_handrail_link_and_never_a_newer_one() {
    let random = [
        "Hello-this-is-not-a-link_at-all",
        "aGVsbG8gd29ybGQ",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzzz",
        "AAAAAAAAAAAAAAAA",
        "ZZZZ",
    ];
    for text in random {
        let error = open(&format!("{APP}#/s/{text}")).unwrap_err();
        assert_eq!(error, LinkError::NotHandrail, "{text}");
        let message = error.to_string();
        assert!(
            message.starts_with("This is not a Handrail link"),
            "{message}"
        );
        assert!(
            !message.contains("newer") && !message.contains("characters"),
            "{message}"
        );
    }
    // A format version a later Handrail could write, but flags or a dictionary no Handrail has.
    for bytes in [
        [2, 0xff, 1, 0, 0],
        [5, 0, 0, 0, 0],
        [9, 0, 200, 0, 0],
        [10, 0, 1, 0, 0],
    ] {
        assert_eq!(
            open(&link_of_bytes(&bytes)),
            Err(LinkError::NotHandrail),
            "{bytes:?}"
        );
    }
    // A header no Handrail writes in format 1: dictionary 0, or a flag byte of eight flags.
    let bytes = payload::open_bytes(&snapshot(ShareWhat::CharterRevision(1))).unwrap();
    for (index, value) in [(2, 0), (1, 0x80), (2, 0xfe)] {
        let mut odd = bytes.clone();
        odd[index] = value;
        assert_eq!(
            open(&reframed(odd)),
            Err(LinkError::NotHandrail),
            "byte {index}"
        );
    }
}

#[test]
fn a_link_whose_checksum_holds_says_what_inside_is_wrong() {
    // Characters glued to its end: more data than the header's length.
    let link = charter_link();
    let error = open(&format!("{link}AAAA")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "This link is damaged: it has extra data at its end. Ask for the link again."
    );
    // Content that is not deflate, or deflates to text that is not a snapshot's JSON.
    for link in [
        framed(0, &[0xff; 12]),
        link_of_json("not JSON"),
        link_of_json(r#"{"schema": 3}"#),
        link_of_json(r#"{"schema": 0, "engagement": {}}"#),
    ] {
        let error = open(&link).unwrap_err();
        assert_eq!(error, LinkError::Damaged(Damage::Content), "{link}");
        assert!(error.to_string().contains("its content does not unpack"));
    }
    // A lock with no room for its salt, IV and tag, or with an iteration count no Handrail asks.
    let short = [0, 9, 0x27, 0xc0, 1, 2, 3];
    let mut none = vec![0; 4 + 16 + 12 + 16];
    assert_eq!(
        parse_link(&framed(1, &short)),
        Err(LinkError::Damaged(Damage::Lock))
    );
    assert_eq!(
        parse_link(&framed(1, &none)),
        Err(LinkError::Damaged(Damage::Lock))
    );
    none[..4].copy_from_slice(&20_000_000u32.to_be_bytes());
    let error = parse_link(&framed(1, &none)).unwrap_err();
    assert_eq!(error, LinkError::Damaged(Damage::Lock));
    assert!(error.to_string().contains("passphrase lock"), "{error}");
    // None of them blames characters the link does not have.
    for error in [Damage::ExtraData, Damage::Lock, Damage::Content] {
        assert!(!LinkError::Damaged(error).to_string().contains("characters"));
    }
}

#[test]
fn a_changed_link_is_not_called_untrustworthy_only_changed() {
    let message = LinkError::Tampered.to_string();
    assert!(message.contains("changed after it was made"), "{message}");
    assert!(!message.contains("trust"), "{message}");
}

#[test]
fn values_outside_the_bounds_are_refused_at_the_link_and_named() {
    let far = |change: &dyn Fn(&mut crate::domain::Engagement), what: ShareWhat| {
        let mut e = with_signed_review();
        change(&mut e);
        let s = Snapshot::of(&e, what, 3, 42, at("2027-03-29T17:00:00Z")).unwrap();
        open(&make_link(APP, &s).unwrap()).unwrap_err().to_string()
    };
    let year = |y| chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
    assert_eq!(
        far(&|e| e.details.go_live = year(262_142), ShareWhat::CharterRevision(1)),
        "This link holds a value Handrail does not accept: \u{201c}go_live\u{201d} is in the year 262142; Handrail accepts dates from 1970 to 2200. Ask whoever sent it to check the engagement."
    );
    let message = far(
        &|e| e.charter.revisions[0].approval.date = year(9999),
        ShareWhat::CharterRevision(1),
    );
    assert!(
        message.contains("\u{201c}charter.revisions[0].approval.date\u{201d} is in the year 9999"),
        "{message}"
    );
    let message = far(
        &|e| e.withdrawal.as_mut().unwrap().holds[0].week = 500,
        ShareWhat::Plan,
    );
    assert!(
        message.contains("\u{201c}withdrawal.holds[0].week\u{201d} is 500"),
        "{message}"
    );
    let message = far(
        &|e| e.charter.revisions[0].charter.duration_weeks = Some(100_000),
        ShareWhat::Plan,
    );
    assert!(
        message.contains("charter.revisions[0].charter.duration_weeks"),
        "{message}"
    );
    let message = far(
        &|e| {
            let review = e.exit_review.as_mut().unwrap();
            review.signed_at = Some(at("2027-03-29T17:00:00Z") + chrono::Duration::days(365 * 300));
        },
        ShareWhat::ExitReview,
    );
    assert!(
        message.contains("\u{201c}exit_review.signed_at\u{201d} is in the year 2327"),
        "{message}"
    );
    let message = far(&|e| e.details.name = "x".repeat(500), ShareWhat::ExitReview);
    assert!(
        message.contains("\u{201c}name\u{201d} is longer than 100 characters"),
        "{message}"
    );
    // The snapshot's own times too.
    let mut s = snapshot(ShareWhat::CharterRevision(1));
    s.source.updated_at = at("2027-03-29T17:00:00Z") + chrono::Duration::days(366 * 1000);
    let message = open(&make_link(APP, &s).unwrap()).unwrap_err().to_string();
    assert!(
        message.contains("\u{201c}source.updated_at\u{201d}"),
        "{message}"
    );
}

#[test]
fn a_key_written_twice_is_refused_rather_than_the_last_one_kept() {
    let s = snapshot(ShareWhat::CharterRevision(1));
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(open(&link_of_json(&json)), Ok(s));
    // A second go-live that serde_json's Value would quietly keep over the first.
    let twice = json.replacen("\"go_live\":", "\"go_live\":\"2027-03-01\",\"go_live\":", 1);
    let error = open(&link_of_json(&twice)).unwrap_err();
    assert_eq!(
        error,
        LinkError::NotAccepted("\u{201c}engagement.go_live\u{201d} appears twice".to_owned())
    );
    assert!(error.to_string().starts_with("This link holds a value Handrail does not accept: \u{201c}engagement.go_live\u{201d} appears twice."));
}

#[test]
fn pasted_text_far_longer_than_a_link_is_refused_before_it_is_read() {
    let link = charter_link();
    // A link in a long message, broken over lines, still opens.
    let wrapped: String = link
        .as_bytes()
        .chunks(70)
        .map(|line| format!("{}\r\n", std::str::from_utf8(line).unwrap()))
        .collect();
    let text = format!(
        "{}\n{wrapped}\n{}",
        "Hello, ".repeat(200),
        "Regards. ".repeat(200)
    );
    assert!(text.len() < MAX_PASTED_LEN);
    assert!(open(&text).is_ok());
    // Past the bound, nothing is decoded: even a real link in it is not looked for.
    let long = format!("{link} {}", "x".repeat(MAX_PASTED_LEN));
    let length = long.chars().count();
    assert_eq!(parse_link(&long), Err(LinkError::TextTooLong { length }));
    assert_eq!(
        LinkError::TextTooLong { length: 12_345 }.to_string(),
        "This is 12345 characters long; a Handrail link has at most 8000. Copy only the link."
    );
    // Characters, not bytes: curly quotes around a link at the bound are fine.
    let quotes = format!("{}{link}", "\u{201c}".repeat(MAX_PASTED_LEN - link.len()));
    assert!(quotes.len() > MAX_PASTED_LEN);
    assert_ne!(
        parse_link(&quotes).err(),
        Some(LinkError::TextTooLong {
            length: quotes.chars().count()
        })
    );
}

#[test]
fn an_issued_steering_report_round_trips_read_only() {
    use crate::domain::fixtures::Tz;
    use crate::domain::share::{apply, ApplyRefusal, ShareError};
    use crate::domain::steering::{compile, period, PeriodChoice, Sources, SteeringFile};
    let mut e = with_signed_review();
    let now = at("2027-03-29T17:00:00Z");
    let charter = e.charter.in_force().expect("approved").clone();
    let week = period(
        PeriodChoice::Week { number: 2 },
        &charter,
        e.withdrawal.as_ref(),
        &Tz,
    )
    .expect("week 2");
    let sources = Sources {
        name: e.name(),
        issues: &e.issues,
        charter: &charter,
        plan: e.withdrawal.as_ref(),
        criteria: &e.exit_criteria,
        rules: &Tz,
    };
    let figures = compile(&sources, &week, now);
    let mut file = SteeringFile::default();
    file.prepare(week.choice, "ana", now);
    file.issue(figures, "ana", now);
    file.keep_in(&mut e.steering);
    let s = Snapshot::of(&e, ShareWhat::SteeringReport(1), 3, 42, now).unwrap();
    let link = make_link(APP, &s).unwrap();
    println!(
        "share link, sample steering report: {} characters",
        link.len()
    );
    assert!(link.len() <= MAX_LINK_LEN);
    assert_eq!(open(&link).unwrap(), s);
    assert_eq!(s.title(), format!("Steering report 1: {}", e.name()));
    assert_eq!(
        Snapshot::of(&e, ShareWhat::SteeringReport(2), 3, 42, now),
        Err(ShareError::NoSteeringReport(2))
    );
    assert_eq!(apply(&s, None, &[], now), Err(ApplyRefusal::ReadOnly));
}
