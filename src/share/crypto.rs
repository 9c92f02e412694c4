//! "Protect with a passphrase": the snapshot is encrypted in the browser with WebCrypto, so a
//! link that sits in chat histories tells nothing to whoever finds it without the passphrase.
//!
//! AES-256-GCM with a key from PBKDF2-SHA-256 (600,000 iterations, OWASP's 2023 figure), a
//! fresh random 16-byte salt and 12-byte IV per link. The link carries the iteration count, so
//! a later version can raise it and still open today's links.
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::web_crypto;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, AesKeyGenParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

use super::payload::{self, Locked, IV_LEN, SALT_LEN};
use super::{dictionary, LinkError};
use crate::domain::share::Snapshot;

pub const ITERATIONS: u32 = 600_000;

fn subtle() -> Result<SubtleCrypto, LinkError> {
    web_crypto::subtle().map_err(LinkError::Crypto)
}

fn random<const N: usize>() -> Result<[u8; N], LinkError> {
    web_crypto::random().map_err(LinkError::Crypto)
}

async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, LinkError> {
    web_crypto::call(promise).await.map_err(LinkError::Crypto)
}

async fn derive_key(
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, LinkError> {
    let subtle = subtle()?;
    let material = call(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(passphrase.as_bytes()),
        "PBKDF2",
        false,
        &Array::of1(&"deriveKey".into()),
    ))
    .await?;
    let material: CryptoKey = material.unchecked_into();
    let params =
        Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
    let key = call(subtle.derive_key_with_object_and_object(
        &params,
        &material,
        &AesKeyGenParams::new("AES-GCM", 256),
        false,
        &Array::of2(&"encrypt".into(), &"decrypt".into()),
    ))
    .await?;
    Ok(key.unchecked_into())
}

fn gcm(iv: &[u8], additional_data: &[u8]) -> AesGcmParams {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv));
    params.set_additional_data(&Uint8Array::from(additional_data));
    params
}

/// Encrypts a snapshot with a passphrase (takes about a second: that is the point of PBKDF2).
pub async fn lock(snapshot: &Snapshot, passphrase: &str) -> Result<Locked, LinkError> {
    let salt = random::<SALT_LEN>()?;
    let iv = random::<IV_LEN>()?;
    let key = derive_key(passphrase, &salt, ITERATIONS).await?;
    let mut locked = Locked {
        dictionary: dictionary::CURRENT,
        iterations: ITERATIONS,
        salt,
        iv,
        ciphertext: Vec::new(),
    };
    let sealed = payload::seal(snapshot);
    let out = call(subtle()?.encrypt_with_object_and_u8_array(
        &gcm(&iv, &locked.additional_data()),
        &key,
        &sealed,
    ))
    .await?;
    locked.ciphertext = Uint8Array::new(&out).to_vec();
    Ok(locked)
}

/// A passphrase-protected link to `snapshot` on the copy of Handrail at `app_url`.
pub async fn make_protected_link(
    app_url: &str,
    snapshot: &Snapshot,
    passphrase: &str,
) -> Result<String, LinkError> {
    super::make_locked_link(app_url, &lock(snapshot, passphrase).await?)
}

/// Decrypts a locked link. The link's CRC was checked when it was parsed, so a refusal here
/// means the passphrase is wrong.
pub async fn unlock(locked: &Locked, passphrase: &str) -> Result<Snapshot, LinkError> {
    // `payload::read` refuses these already; a `Locked` made otherwise is checked here too.
    if !(1..=payload::MAX_ITERATIONS).contains(&locked.iterations) {
        return Err(LinkError::Damaged(super::Damage::Lock));
    }
    let key = derive_key(passphrase, &locked.salt, locked.iterations).await?;
    let promise = subtle()?.decrypt_with_object_and_u8_array(
        &gcm(&locked.iv, &locked.additional_data()),
        &key,
        &locked.ciphertext,
    );
    let plain = JsFuture::from(promise.map_err(|e| LinkError::Crypto(web_crypto::reason(e)))?)
        .await
        .map_err(|_| LinkError::WrongPassphrase)?;
    payload::unseal(&Uint8Array::new(&plain).to_vec(), locked.dictionary)
}
