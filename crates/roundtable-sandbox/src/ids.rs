//! Random identifiers and secrets in the shapes the Roundtable API uses.

/// Lowercase letters and digits: the alphabet of every generated id.
const ALPHABET: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// `len` random characters from [`ALPHABET`].
///
/// Falls back to a time-seeded generator when the operating system has no
/// randomness to give, which only weakens API keys on such systems; the
/// sandbox is a development tool, not a place for real secrets.
pub fn random_text(len: usize) -> String {
    let mut bytes = vec![0u8; len];
    if getrandom::fill(&mut bytes).is_err() {
        fill_from_clock(&mut bytes);
    }
    bytes
        .iter()
        .map(|byte| char::from(ALPHABET[usize::from(*byte) % ALPHABET.len()]))
        .collect()
}

fn fill_from_clock(bytes: &mut [u8]) {
    let mut state = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_nanos() as u64)
        .unwrap_or(0x9e37_79b9_7f4a_7c15)
        | 1;
    for byte in bytes {
        // xorshift64: good enough spread for ids, never for cryptography.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        *byte = (state >> 24) as u8;
    }
}

/// A new workspace id: `ws_` and 12 lowercase letters or digits.
pub fn workspace_id() -> String {
    format!("ws_{}", random_text(12))
}

/// A new user id: `user_` and 12 lowercase letters or digits.
pub fn user_id() -> String {
    format!("user_{}", random_text(12))
}

/// A new organization id.
pub fn organization_id() -> String {
    format!("org_{}", random_text(12))
}

/// A new API key: `rt_sk_` and 32 lowercase letters or digits.
pub fn api_key() -> String {
    format!("rt_sk_{}", random_text(32))
}

/// A new fake Stripe checkout session id. `cs_test_` marks it as a test-mode
/// id, as Stripe does, and `sandbox_` as one no Stripe account has seen.
pub fn checkout_session_id() -> String {
    format!("cs_test_sandbox_{}", random_text(24))
}

/// A new fake Stripe customer id.
pub fn customer_id() -> String {
    format!("cus_sandbox_{}", random_text(14))
}

/// A new fake Stripe subscription id.
pub fn subscription_id() -> String {
    format!("sub_sandbox_{}", random_text(14))
}

/// Whether `id` has the shape of a workspace id.
pub fn is_workspace_id(id: &str) -> bool {
    id.strip_prefix("ws_")
        .is_some_and(|rest| rest.len() == 12 && rest.bytes().all(|byte| ALPHABET.contains(&byte)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_ids_have_the_documented_shape() {
        for _ in 0..100 {
            let id = workspace_id();
            assert!(is_workspace_id(&id), "{id}");
        }
    }

    #[test]
    fn odd_ids_are_not_workspace_ids() {
        for id in [
            "",
            "ws_",
            "ws_ABCDEFGHIJKL",
            "ws_abc",
            "ws_abcdefghijk/",
            "../",
            "ws_ééé",
        ] {
            assert!(!is_workspace_id(id), "{id}");
        }
    }

    #[test]
    fn keys_differ() {
        assert_ne!(api_key(), api_key());
        assert!(api_key().starts_with("rt_sk_"));
    }

    #[test]
    fn clock_fallback_fills_every_byte_position() {
        let mut bytes = [0u8; 64];
        fill_from_clock(&mut bytes);
        assert!(bytes.iter().any(|byte| *byte != 0));
    }
}
