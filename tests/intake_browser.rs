//! Sealed reports in a real browser (WebCrypto in headless Chromium through wasm-bindgen-test):
//! a report sealed for a team key opens with that key only, and a changed byte is caught by the
//! seal. Run by `scripts/test.sh`; natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use chrono::DateTime;
use handrail::domain::intake::report::ReportFields;
use handrail::domain::intake::wire::SealedReport;
use handrail::domain::intake::Report;
use handrail::intake::seal::{make_team_key, new_report_id, open, seal, OpenError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn report() -> Report {
    Report {
        id: new_report_id().unwrap(),
        engagement: "acme".to_owned(),
        sent_at: DateTime::parse_from_rfc3339("2027-03-08T09:15:00Z")
            .unwrap()
            .to_utc(),
        fields: ReportFields {
            what: "Quotes do not save \u{2013} Kalkulation läuft nicht".to_owned(),
            name: "Ben".to_owned(),
            ..ReportFields::default()
        },
        phone_clock: None,
    }
}

#[wasm_bindgen_test]
async fn a_sealed_report_opens_with_the_team_key_and_reads_the_same() {
    let (public, private) = make_team_key().await.unwrap();
    assert_eq!(public.len(), 65);
    let report = report();
    let sealed = seal(&report, &public).await.unwrap();
    let travelled = SealedReport::from_payload(&sealed.to_payload()).unwrap();
    assert_eq!(open(&travelled, &private, &public).await.unwrap(), report);
    let json = serde_json::to_string(&report).unwrap();
    assert!(!sealed.to_payload().contains("Quotes"));
    assert_eq!(
        sealed.ciphertext.len(),
        json.len() + 16,
        "the tag and nothing else is added"
    );
}

#[wasm_bindgen_test]
async fn another_key_or_a_changed_byte_does_not_open_it() {
    let (public, _) = make_team_key().await.unwrap();
    let (other_public, other_private) = make_team_key().await.unwrap();
    let sealed = seal(&report(), &public).await.unwrap();
    assert_eq!(
        open(&sealed, &other_private, &other_public).await,
        Err(OpenError::Seal)
    );

    let (public, private) = make_team_key().await.unwrap();
    let mut changed = seal(&report(), &public).await.unwrap();
    changed.ciphertext[3] ^= 1;
    assert_eq!(
        open(&changed, &private, &public).await,
        Err(OpenError::Seal)
    );
    let mut moved = seal(&report(), &public).await.unwrap();
    moved.key_id ^= 1;
    assert_eq!(
        open(&moved, &private, &public).await,
        Err(OpenError::Seal),
        "the key id is sealed too"
    );
    let mut off_curve = seal(&report(), &public).await.unwrap();
    off_curve.sender_key[10] ^= 0xff;
    assert_eq!(
        open(&off_curve, &private, &public).await,
        Err(OpenError::Seal)
    );
}
