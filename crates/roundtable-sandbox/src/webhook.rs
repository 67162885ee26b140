//! Stripe webhook signatures, checked the way Stripe documents them.
//!
//! The `Stripe-Signature` header reads `t=<unix seconds>,v1=<hex>[,v1=<hex>...]`
//! (other schemes such as `v0` may appear and are ignored). Each `v1` is an
//! HMAC-SHA256, keyed with the endpoint's secret, over `"{t}.{raw body}"`.
//! A request passes when one `v1` matches, compared in constant time, and
//! `t` is no more than [`TOLERANCE_SECONDS`] old. Like Stripe's own
//! libraries, a timestamp from the future is not refused.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How old a signature's timestamp may be, in seconds.
pub const TOLERANCE_SECONDS: i64 = 300;

type HmacSha256 = Hmac<Sha256>;

/// Why a signature was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureError {
    /// No `Stripe-Signature` header.
    Missing,
    /// The header has no usable `t=` or no `v1=`.
    Malformed,
    /// `t` is older than the tolerance.
    Stale,
    /// No `v1` matches the body.
    Mismatch,
}

impl SignatureError {
    /// A sentence for the error body.
    pub fn message(self) -> &'static str {
        match self {
            SignatureError::Missing => "missing Stripe-Signature header",
            SignatureError::Malformed => "malformed Stripe-Signature header",
            SignatureError::Stale => "Stripe-Signature timestamp is outside the tolerance",
            SignatureError::Mismatch => "no Stripe-Signature signature matches the payload",
        }
    }
}

fn mac(secret: &str, timestamp: &str, body: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length, so this cannot fail; the fallback
    // keeps the function total without a panic path.
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| <HmacSha256 as hmac::digest::KeyInit>::new(&Default::default()));
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// Checks `header` against `body` and `secret` at `now` (Unix seconds).
pub fn verify(
    header: Option<&str>,
    body: &[u8],
    secret: &str,
    now: i64,
) -> Result<(), SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?;
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for item in header.split(',') {
        let Some((key, value)) = item.trim().split_once('=') else {
            continue;
        };
        match key {
            "t" => timestamp = Some(value),
            "v1" => signatures.push(value),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    let seconds: i64 = timestamp.parse().map_err(|_| SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    let matched = signatures.iter().any(|signature| {
        hex::decode(signature)
            .map(|bytes| mac(secret, timestamp, body).verify_slice(&bytes).is_ok())
            .unwrap_or(false)
    });
    if !matched {
        return Err(SignatureError::Mismatch);
    }
    if seconds < now.saturating_sub(TOLERANCE_SECONDS) {
        return Err(SignatureError::Stale);
    }
    Ok(())
}

/// The `Stripe-Signature` header Stripe would send for `body` at `timestamp`.
/// For tests and for scripts that play Stripe against the sandbox.
pub fn sign(body: &[u8], secret: &str, timestamp: i64) -> String {
    let timestamp = timestamp.to_string();
    let digest = mac(secret, &timestamp, body).finalize().into_bytes();
    format!("t={timestamp},v1={}", hex::encode(digest))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test";
    const NOW: i64 = 1_780_000_000;

    #[test]
    fn a_fresh_signature_passes() {
        let body = br#"{"id":"evt_1"}"#;
        let header = sign(body, SECRET, NOW - 10);
        assert_eq!(verify(Some(&header), body, SECRET, NOW), Ok(()));
    }

    #[test]
    fn a_known_vector_matches() {
        // Computed independently with: printf '1.{}' | openssl dgst -sha256 -hmac key
        assert_eq!(
            sign(b"{}", "key", 1),
            "t=1,v1=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224"
        );
    }

    #[test]
    fn any_matching_v1_passes_and_other_schemes_are_ignored() {
        let body = b"payload";
        let good = sign(body, SECRET, NOW);
        let good_hex = good.split("v1=").nth(1).unwrap();
        let header = format!("t={NOW},v0=abc,v1={},v1={good_hex}", "00".repeat(32));
        assert_eq!(verify(Some(&header), body, SECRET, NOW), Ok(()));
    }

    #[test]
    fn a_changed_body_fails() {
        let header = sign(b"payload", SECRET, NOW);
        assert_eq!(
            verify(Some(&header), b"payload ", SECRET, NOW),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn another_secret_fails() {
        let header = sign(b"payload", "whsec_other", NOW);
        assert_eq!(
            verify(Some(&header), b"payload", SECRET, NOW),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn a_stale_timestamp_fails_even_when_signed() {
        let header = sign(b"payload", SECRET, NOW - TOLERANCE_SECONDS - 1);
        assert_eq!(
            verify(Some(&header), b"payload", SECRET, NOW),
            Err(SignatureError::Stale)
        );
        let edge = sign(b"payload", SECRET, NOW - TOLERANCE_SECONDS);
        assert_eq!(verify(Some(&edge), b"payload", SECRET, NOW), Ok(()));
    }

    #[test]
    fn malformed_headers_fail() {
        for header in [
            "",
            "garbage",
            "t=abc,v1=00",
            "v1=00",
            "t=1",
            "t=,v1=",
            "t=1;v1=00",
        ] {
            let result = verify(Some(header), b"x", SECRET, NOW);
            assert!(
                matches!(result, Err(SignatureError::Malformed)),
                "{header:?}: {result:?}"
            );
        }
        assert_eq!(
            verify(None, b"x", SECRET, NOW),
            Err(SignatureError::Missing)
        );
        let not_hex = format!("t={NOW},v1=zz");
        assert_eq!(
            verify(Some(&not_hex), b"x", SECRET, NOW),
            Err(SignatureError::Mismatch)
        );
    }
}
