//! A report sealed for the hypercare team: the reporter's phone encrypts it with the team's
//! public key, so a forwarded mail or a chat history reveals nothing, and only a browser holding
//! the engagement's private key opens it.
//!
//! ECDH on P-256 between a one-time key of the phone and the team's key, SHA-256 of the shared
//! secret (with a label and both public keys) as an AES-256-GCM key, a random 12-byte IV. This is
//! the ECIES pattern with WebCrypto's own parts; nothing here is home-made cryptography beyond
//! how the parts are joined, which docs/intake.md sets out.
use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    AesGcmParams, CryptoKey, CryptoKeyPair, EcKeyGenParams, EcKeyImportParams, EcdhKeyDeriveParams,
};

use crate::domain::intake::wire::{key_id, SealedReport, IV_LEN};
use crate::domain::intake::Report;
use crate::share::bytes;
use crate::web_crypto::{call, random, subtle};

/// What the derived key is for, so the same secret can never make another feature's key.
const LABEL: &[u8] = b"handrail report v1";

fn ecdh() -> EcKeyImportParams {
    let params = EcKeyImportParams::new("ECDH");
    params.set_named_curve("P-256");
    params
}

fn bytes_of(value: JsValue) -> Vec<u8> {
    Uint8Array::new(&value.unchecked_into::<ArrayBuffer>()).to_vec()
}

/// A new key pair for an engagement: its public key raw, its private key as PKCS #8.
pub async fn make_team_key() -> Result<(Vec<u8>, Vec<u8>), String> {
    let pair = generate().await?;
    let public = bytes_of(call(subtle()?.export_key("raw", &pair.get_public_key())).await?);
    let private = bytes_of(call(subtle()?.export_key("pkcs8", &pair.get_private_key())).await?);
    Ok((public, private))
}

async fn generate() -> Result<CryptoKeyPair, String> {
    let params = EcKeyGenParams::new("ECDH", "P-256");
    let pair =
        call(subtle()?.generate_key_with_object(&params, true, &Array::of1(&"deriveBits".into())))
            .await?;
    Ok(pair.unchecked_into())
}

async fn import_public(raw: &[u8]) -> Result<CryptoKey, String> {
    let key = call(subtle()?.import_key_with_object(
        "raw",
        &Uint8Array::from(raw),
        &ecdh(),
        true,
        &Array::new(),
    ))
    .await?;
    Ok(key.unchecked_into())
}

/// The AES key two sides agree on: from one side's private key and the other's public key.
async fn agree(
    private: &CryptoKey,
    other: &CryptoKey,
    sender_raw: &[u8],
    team_raw: &[u8],
) -> Result<CryptoKey, String> {
    let shared = bytes_of(
        call(subtle()?.derive_bits_with_object(
            &EcdhKeyDeriveParams::new("ECDH", other),
            private,
            256,
        ))
        .await?,
    );
    let material = [LABEL, &shared, sender_raw, team_raw].concat();
    let digest =
        bytes_of(call(subtle()?.digest_with_str_and_u8_array("SHA-256", &material)).await?);
    let key = call(subtle()?.import_key_with_str(
        "raw",
        &Uint8Array::from(digest.as_slice()),
        "AES-GCM",
        false,
        &Array::of2(&"encrypt".into(), &"decrypt".into()),
    ))
    .await?;
    Ok(key.unchecked_into())
}

fn gcm(iv: &[u8], key_id: u32) -> AesGcmParams {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv));
    params.set_additional_data(&Uint8Array::from(
        SealedReport::additional_data(key_id).as_slice(),
    ));
    params
}

/// Seals `report` for the team key `team_public` (raw).
pub async fn seal(report: &Report, team_public: &[u8]) -> Result<SealedReport, String> {
    let team = import_public(team_public).await?;
    let sender = generate().await?;
    let sender_raw = bytes_of(call(subtle()?.export_key("raw", &sender.get_public_key())).await?);
    let key = agree(&sender.get_private_key(), &team, &sender_raw, team_public).await?;
    let iv = random::<IV_LEN>()?;
    let id = key_id(team_public);
    let json = serde_json::to_vec(report).map_err(|e| e.to_string())?;
    let ciphertext =
        call(subtle()?.encrypt_with_object_and_u8_array(&gcm(&iv, id), &key, &json)).await?;
    Ok(SealedReport {
        key_id: id,
        sender_key: sender_raw,
        iv: iv.to_vec(),
        ciphertext: bytes_of(ciphertext),
    })
}

/// Why a sealed report did not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The key fits but the seal does not: the report was changed, or made for another key
    /// with the same id (one in four billion).
    Seal,
    /// The browser refused (no WebCrypto, a damaged key).
    Browser(String),
    /// It opened, but what is inside is not a report.
    NotAReport(String),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Seal => f.write_str("This report's seal does not match the team's key: it was changed on the way, or sealed for another engagement."),
            Self::Browser(why) => write!(f, "This browser could not open the report ({why})."),
            Self::NotAReport(why) => write!(f, "This link opened, but holds no report Handrail can read ({why})."),
        }
    }
}

/// Opens a report sealed for the team key whose halves are `private` (PKCS #8) and `public`.
pub async fn open(
    sealed: &SealedReport,
    private: &[u8],
    public: &[u8],
) -> Result<Report, OpenError> {
    let browser = OpenError::Browser;
    let private = call(subtle().map_err(browser)?.import_key_with_object(
        "pkcs8",
        &Uint8Array::from(private),
        &ecdh(),
        false,
        &Array::of1(&"deriveBits".into()),
    ))
    .await
    .map_err(OpenError::Browser)?
    .unchecked_into::<CryptoKey>();
    // A sender key that is not a point on the curve is a damaged or crafted report.
    let sender = import_public(&sealed.sender_key)
        .await
        .map_err(|_| OpenError::Seal)?;
    let key = agree(&private, &sender, &sealed.sender_key, public)
        .await
        .map_err(OpenError::Browser)?;
    let promise = subtle()
        .map_err(OpenError::Browser)?
        .decrypt_with_object_and_u8_array(
            &gcm(&sealed.iv, sealed.key_id),
            &key,
            &sealed.ciphertext,
        );
    let plain = call(promise).await.map_err(|_| OpenError::Seal)?;
    serde_json::from_slice(&bytes_of(plain)).map_err(|e| OpenError::NotAReport(e.to_string()))
}

/// A new report id: 16 random bytes, URL-safe base64 (22 characters).
pub fn new_report_id() -> Result<String, String> {
    Ok(bytes::encode(&random::<16>()?))
}

/// Whether `team_public` (raw) is a key reports can be sealed for: a point on P-256.
pub async fn check_team_key(team_public: &[u8]) -> Result<(), String> {
    import_public(team_public).await.map(|_| ())
}
