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
    assert_eq!(open(&format!("{link}AAAA")), Err(LinkError::Damaged));
    assert_eq!(
        open("https://handrail.example.org/app/#/engagements"),
        Err(LinkError::NotALink)
    );
    assert_eq!(open("no link here"), Err(LinkError::NotALink));
    // Every message is plain words, different for each.
    let messages: std::collections::HashSet<String> = [
        LinkError::NotALink,
        LinkError::Truncated,
        LinkError::Damaged,
        LinkError::Tampered,
        LinkError::NewerVersion,
        LinkError::WrongPassphrase,
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(messages.len(), 6);
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
