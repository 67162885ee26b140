//! `deserialize_with` helpers for properties that may be `null`.
//!
//! OpenAPI separates two questions that serde's `Option` merges: may the key
//! be missing (`required`), and may the value be `null` (`nullable`).
//! Generated structs answer them like this:
//!
//! | required | nullable | Rust type           | serde attributes                  |
//! |----------|----------|---------------------|-----------------------------------|
//! | yes      | no       | `T`                 | none                              |
//! | yes      | yes      | `Option<T>`         | `deserialize_with` = [`required`] |
//! | no       | no       | `Option<T>`         | `default`, `skip_serializing_if`  |
//! | no       | yes      | `Option<Option<T>>` | both, and [`double_option`]       |
//!
//! A required nullable key that is missing is an error (serde reports a
//! missing field for any field read through `deserialize_with` that has no
//! `default`), and `None` is written back as `null`. An optional nullable key
//! keeps three states: absent (`None`), `null` (`Some(None)`) and a value
//! (`Some(Some(v))`), and each is written back as it was read.

use serde::{Deserialize, Deserializer};

/// Reads a key that must be present but may be `null`.
///
/// Used as `#[serde(deserialize_with = "...::nullable::required")]` on an
/// `Option<T>` field without `default`, so that a missing key is rejected
/// rather than read as `None`.
pub fn required<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer)
}

/// Reads a key that may be absent or `null`: `null` becomes `Some(None)`.
///
/// Serde only calls this when the key is present; with `#[serde(default)]`
/// an absent key stays `None`.
pub fn double_option<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Ticket {
        #[serde(deserialize_with = "super::required")]
        assignee: Option<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "super::double_option"
        )]
        reviewer: Option<Option<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        watcher: Option<String>,
    }

    fn round_trip(json: &str) -> String {
        let ticket: Ticket = serde_json::from_str(json).expect(json);
        serde_json::to_string(&ticket).expect("serializes")
    }

    #[test]
    fn required_nullable_keeps_null_and_rejects_missing() {
        assert_eq!(round_trip(r#"{"assignee":null}"#), r#"{"assignee":null}"#);
        assert_eq!(round_trip(r#"{"assignee":"a"}"#), r#"{"assignee":"a"}"#);
        let missing = serde_json::from_str::<Ticket>("{}").unwrap_err();
        assert!(
            missing.to_string().contains("missing field `assignee`"),
            "{missing}"
        );
    }

    #[test]
    fn optional_nullable_keeps_three_states() {
        for json in [
            r#"{"assignee":null}"#,
            r#"{"assignee":null,"reviewer":null}"#,
            r#"{"assignee":null,"reviewer":"r"}"#,
        ] {
            assert_eq!(round_trip(json), json);
        }
    }

    #[test]
    fn optional_non_nullable_reads_null_as_absent() {
        let json = r#"{"assignee":null,"watcher":null}"#;
        assert_eq!(round_trip(json), r#"{"assignee":null}"#);
    }
}
