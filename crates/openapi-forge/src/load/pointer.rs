//! JSON pointers and `$ref` strings.

use serde_json::Value;

/// Appends one reference token to a pointer, escaping `~` and `/`.
pub fn push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            _ => out.push(c),
        }
    }
    out
}

/// Appends an array index to a pointer.
pub fn push_index(pointer: &str, index: usize) -> String {
    format!("{pointer}/{index}")
}

/// The unescaped reference tokens of a pointer (`""` has none).
pub fn tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .strip_prefix('/')
        .unwrap_or(pointer)
        .split('/')
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The last reference token of a pointer.
pub fn last_token(pointer: &str) -> Option<String> {
    tokens(pointer).pop()
}

/// The value at `pointer` inside `root`.
pub fn get<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    if !pointer.starts_with('/') {
        return None;
    }
    root.pointer(pointer)
}

/// A `$ref` split into its file part and its JSON pointer fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefTarget {
    /// The relative file, or `None` for a reference into the same document.
    pub file: Option<String>,
    /// The fragment, percent-decoded (`""` for the whole document).
    pub pointer: String,
}

/// Why a `$ref` string cannot be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefError {
    /// `http://...` and other URLs.
    Remote,
    /// A fragment that is not a JSON pointer (`#Foo`).
    BadFragment,
}

/// Splits a `$ref` string.
pub fn parse_ref(reference: &str) -> Result<RefTarget, RefError> {
    let (file, fragment) = match reference.split_once('#') {
        Some((file, fragment)) => (file, fragment),
        None => (reference, ""),
    };
    if file.contains("://") || file.starts_with("//") {
        return Err(RefError::Remote);
    }
    let pointer = percent_decode(fragment);
    if !pointer.is_empty() && !pointer.starts_with('/') {
        return Err(RefError::BadFragment);
    }
    let file = if file.is_empty() {
        None
    } else {
        Some(percent_decode(file))
    };
    Ok(RefTarget { file, pointer })
}

/// Decodes `%XX` escapes; invalid escapes stay as written.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes.get(index).copied().unwrap_or_default();
        if byte == b'%' {
            let hex = text
                .get(index + 1..index + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(decoded) = hex {
                out.push(decoded);
                index += 3;
                continue;
            }
        }
        out.push(byte);
        index += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_round_trip() {
        let pointer = push("/paths", "/users/{id}");
        assert_eq!(pointer, "/paths/~1users~1{id}");
        assert_eq!(tokens(&pointer), ["paths", "/users/{id}"]);
        assert_eq!(
            last_token("/components/schemas/A~0B"),
            Some("A~B".to_string())
        );
    }

    #[test]
    fn refs_split() {
        let target = parse_ref("./common.yaml#/components/schemas/Money").ok();
        assert_eq!(
            target,
            Some(RefTarget {
                file: Some("./common.yaml".into()),
                pointer: "/components/schemas/Money".into()
            })
        );
        let local = parse_ref("#/paths/~1a%7Bb%7D").ok();
        assert_eq!(local.map(|t| t.pointer), Some("/paths/~1a{b}".to_string()));
        assert_eq!(parse_ref("https://x.test/a.yaml#/b"), Err(RefError::Remote));
        assert_eq!(parse_ref("#Foo"), Err(RefError::BadFragment));
    }
}
