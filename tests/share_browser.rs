//! Passphrase-protected share links in a real browser (WebCrypto in headless Chromium through
//! wasm-bindgen-test). Run by `scripts/test.sh`; natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, Utc};
use handrail::domain::charter::sample::approved_sample_engagement;
use handrail::domain::share::{ShareWhat, Snapshot};
use handrail::share::crypto::{lock, make_protected_link, unlock, ITERATIONS};
use handrail::share::{parse_link, LinkError, Payload};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const APP: &str = "https://handrail.example.org/app/";

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

fn approved_charter() -> Snapshot {
    let e = approved_sample_engagement(at("2027-02-01T09:00:00Z")).unwrap();
    Snapshot::of(
        &e,
        ShareWhat::CharterRevision(1),
        3,
        4,
        at("2027-02-20T16:00:00Z"),
    )
    .unwrap()
}

fn locked(link: &str) -> handrail::share::Locked {
    match parse_link(link).unwrap() {
        Payload::Locked(l) => l,
        Payload::Open(_) => panic!("the link is not encrypted"),
    }
}

#[wasm_bindgen_test]
async fn a_protected_link_opens_with_its_passphrase_only() {
    let snapshot = approved_charter();
    let link = make_protected_link(APP, &snapshot, "correct horse battery staple")
        .await
        .unwrap();
    assert!(link.len() <= 2000, "{} characters", link.len());
    let l = locked(&link);
    assert_eq!(l.iterations, ITERATIONS);
    assert!(ITERATIONS >= 600_000);
    assert_eq!(
        unlock(&l, "correct horse battery staple").await.unwrap(),
        snapshot
    );
    let wrong = unlock(&l, "Correct horse battery staple")
        .await
        .unwrap_err();
    assert_eq!(wrong, LinkError::WrongPassphrase);
    assert_eq!(
        wrong.to_string(),
        "That passphrase does not open this link."
    );
    // The plain snapshot is nowhere in the link.
    assert!(!link.contains("Okafor"));
}

#[wasm_bindgen_test]
async fn every_link_gets_a_fresh_salt_and_iv() {
    let snapshot = approved_charter();
    let a = lock(&snapshot, "pass").await.unwrap();
    let b = lock(&snapshot, "pass").await.unwrap();
    assert_ne!(a.salt, b.salt);
    assert_ne!(a.iv, b.iv);
    assert_ne!(a.ciphertext, b.ciphertext);
}

#[wasm_bindgen_test]
async fn a_tampered_ciphertext_does_not_open() {
    let snapshot = approved_charter();
    let mut l = lock(&snapshot, "pass").await.unwrap();
    // Changed past the CRC (re-made with the changed bytes): AES-GCM's tag still refuses it.
    l.ciphertext[10] ^= 1;
    let link = handrail::share::make_locked_link(APP, &l).unwrap();
    assert_eq!(
        unlock(&locked(&link), "pass").await,
        Err(LinkError::WrongPassphrase)
    );
    // The header's dictionary version is authenticated too.
    let mut l = lock(&snapshot, "pass").await.unwrap();
    l.dictionary = 2;
    assert!(unlock(&l, "pass").await.is_err());
}

#[wasm_bindgen_test]
async fn a_changed_character_in_a_protected_link_is_called_a_change() {
    let link = make_protected_link(APP, &approved_charter(), "pass")
        .await
        .unwrap();
    let mut bytes = link.clone().into_bytes();
    let i = link.len() - 50;
    bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
    assert_eq!(
        parse_link(&String::from_utf8(bytes).unwrap()),
        Err(LinkError::Tampered)
    );
}
