//! Rust names for spec names: case conversion, keyword escaping, collisions.
//!
//! Every Rust identifier the generator writes is decided here, so the rules
//! live in one place:
//!
//! - Type and variant names are UpperCamelCase; field, parameter and
//!   function names are snake_case.
//! - Only ASCII letters, digits and `_` survive; other characters split
//!   words (a non-ASCII letter becomes `U` and its code point in hex, so
//!   distinct values stay distinct).
//! - A name that would start with a digit gets a prefix: `_` for snake_case
//!   names, `Value` for enum variants and `Type` for type names.
//! - Keywords that can be raw identifiers become raw (`r#type`); `self`,
//!   `super`, `crate` and `Self`, which cannot, get a trailing `_`.
//! - Type names that would shadow a prelude item or a std type that
//!   generated code relies on (`Option`, `Result`, `Self`, `Box`, `Vec`,
//!   `String`, ...) get the suffix `Model` (`OptionModel`).
//! - Collisions after conversion are settled by [`Namespace`]: the first
//!   claimant (in the caller's stable order) keeps the name, later ones get
//!   a numeric suffix (`Name2`, `name_2`).

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of every Rust edition up to 2024, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names that generated code must not shadow.
const RESERVED_TYPES: &[&str] = &[
    "Self",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "Vec",
    "String",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Default",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Extend",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "TryFrom",
    "TryInto",
    "Debug",
    "Display",
    "Hash",
    "Serialize",
    "Deserialize",
    "Unpin",
];

/// Splits `raw` into ASCII words, spelling non-ASCII letters as code points.
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.push_str(&format!(" U{:04x} ", c as u32));
        } else {
            out.push(' ');
        }
    }
    out
}

/// Whether `name` is a keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Escapes a snake_case identifier that is a keyword.
fn escape_snake(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if is_keyword(&name) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A snake_case identifier for a field, parameter or function; `fallback`
/// when nothing usable is left of `raw`.
pub fn snake(raw: &str, fallback: &str) -> String {
    let mut name = ascii_words(raw).to_snake_case();
    if name.is_empty() {
        name = fallback.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    escape_snake(name)
}

/// An UpperCamelCase word sequence of `raw`, unescaped (may be empty or
/// start with a digit).
pub fn camel_words(raw: &str) -> String {
    ascii_words(raw).to_upper_camel_case()
}

/// An UpperCamelCase type name; `fallback` when nothing usable is left.
pub fn type_name(raw: &str, fallback: &str) -> String {
    let mut name = camel_words(raw);
    if name.is_empty() {
        name = fallback.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "Type");
    }
    if RESERVED_TYPES.contains(&name.as_str()) {
        name.push_str("Model");
    }
    name
}

/// An UpperCamelCase variant name (variants live in their enum's own
/// namespace, so only `Self` needs escaping).
pub fn variant_name(raw: &str, fallback: &str) -> String {
    let mut name = camel_words(raw);
    if name.is_empty() {
        name = fallback.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "Value");
    }
    if name == "Self" {
        name.push('_');
    }
    name
}

/// The Rust variant name of an integer enum value: `Minus1`, `Value0`.
pub fn int_variant_name(value: i64) -> String {
    if value < 0 {
        format!("Minus{}", value.unsigned_abs())
    } else {
        format!("Value{value}")
    }
}

/// Words for the punctuation that distinguishes otherwise equal enum values.
fn sign_words(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len() + 8);
    for (index, &c) in chars.iter().enumerate() {
        let next_digit = chars.get(index + 1).is_some_and(|n| n.is_ascii_digit());
        let prev_digit = index > 0 && chars.get(index - 1).is_some_and(|p| p.is_ascii_digit());
        match c {
            '+' => out.push_str(" plus "),
            '-' if next_digit && !prev_digit => out.push_str(" minus "),
            _ => out.push(c),
        }
    }
    out
}

/// Names the values of a string enum: distinct, valid variant names in the
/// values' order.
///
/// The base name is the UpperCamelCase of the value, with `+` and a leading
/// `-` before a digit spelled `Plus` / `Minus`, and `""` named `EmptyString`.
/// When several values share a base name the first keeps it and the others
/// get a suffix that says how they differ (`Upper`, `Underscored`,
/// `Dashed`, `Dotted`, `Spaced`, `Camel`, `Capitalized`, `Lower`), then a
/// number if still taken.
pub fn enum_variant_names(values: &[&str]) -> Vec<String> {
    let bases: Vec<String> = values
        .iter()
        .map(|value| {
            if value.is_empty() {
                "EmptyString".to_string()
            } else {
                variant_name(&sign_words(value), "Value")
            }
        })
        .collect();
    let mut space = Namespace::default();
    let mut names = Vec::with_capacity(values.len());
    for (index, base) in bases.iter().enumerate() {
        let first = bases.iter().position(|b| b == base) == Some(index);
        if first {
            names.push(space.claim_camel(base));
            continue;
        }
        let value = values.get(index).copied().unwrap_or_default();
        let suffix = if value.chars().any(|c| c.is_ascii_lowercase()) {
            if value.contains('_') {
                "Underscored"
            } else if value.contains('-') {
                "Dashed"
            } else if value.contains('.') {
                "Dotted"
            } else if value.contains(' ') {
                "Spaced"
            } else if value.chars().skip(1).any(|c| c.is_ascii_uppercase()) {
                "Camel"
            } else if value.starts_with(|c: char| c.is_ascii_uppercase()) {
                "Capitalized"
            } else {
                "Lower"
            }
        } else if value.chars().any(|c| c.is_ascii_uppercase()) {
            "Upper"
        } else {
            ""
        };
        names.push(space.claim_camel(&format!("{base}{suffix}")));
    }
    names
}

/// A set of taken names; claiming a taken name yields a numbered one.
///
/// Callers that claim for spec names (operations, properties, parameters,
/// headers) report numbered names through [`Claimed`]. Enum values and
/// union variants that collide are numbered without a warning.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    used: BTreeSet<String>,
    /// The spec name (as written in messages) each name was claimed for,
    /// by [`Namespace::claim_snake_for`].
    owners: BTreeMap<String, String>,
}

/// A name claimed for a spec name. When another spec name already held the
/// plain conversion, `renamed` tells which, so that the caller can report
/// the rename.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    /// The Rust name.
    pub name: String,
    /// When numbered because of a collision: the conversion that was
    /// taken, and the spec name that holds it (`None` when the generator
    /// reserved it for itself).
    pub renamed: Option<(String, Option<String>)>,
}

impl Claimed {
    /// The warning for a rename, naming both spec names and both Rust
    /// names; `what` is the kind of item (`property`, `operation`) and
    /// `spec_name` the item as claimed.
    pub fn rename_warning(&self, what: &str, spec_name: &str) -> Option<String> {
        let (taken, holder) = self.renamed.as_ref()?;
        let name = &self.name;
        Some(match holder {
            Some(holder) => format!(
                "{what} {spec_name} is named `{name}` in Rust: {holder} converts to the same \
                 name and keeps `{taken}`"
            ),
            None => format!(
                "{what} {spec_name} is named `{name}` in Rust: `{taken}` is used by the \
                 generated code itself"
            ),
        })
    }
}

impl Namespace {
    /// Marks `name` as taken without claiming it for anyone.
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_string());
    }

    /// Claims `base` (as [`Namespace::claim_snake`]) for `spec_name`.
    pub fn claim_snake_for(&mut self, base: &str, spec_name: &str) -> Claimed {
        let name = self.claim_snake(base);
        self.claimed(base, name, spec_name)
    }

    fn claimed(&mut self, base: &str, name: String, spec_name: &str) -> Claimed {
        self.owners.insert(name.clone(), spec_name.to_string());
        let renamed = (name != base).then(|| (base.to_string(), self.owners.get(base).cloned()));
        Claimed { name, renamed }
    }

    /// Claims the first free of `candidates`, else the first with a number
    /// (`Name2`, `Name3`, ...).
    pub fn claim_first_camel(&mut self, candidates: &[String]) -> String {
        for candidate in candidates {
            if !self.used.contains(candidate) {
                self.used.insert(candidate.clone());
                return candidate.clone();
            }
        }
        let base = candidates
            .first()
            .cloned()
            .unwrap_or_else(|| "Type".to_string());
        self.claim_camel(&base)
    }

    /// Claims `base`, or `base2`, `base3`, ... for UpperCamelCase names.
    pub fn claim_camel(&mut self, base: &str) -> String {
        self.claim_with(base, |base, n| format!("{base}{n}"))
    }

    /// Claims `base`, or `base_2`, `base_3`, ... for snake_case names (the
    /// number goes before a trailing `_` escape, and raw names stay raw).
    pub fn claim_snake(&mut self, base: &str) -> String {
        self.claim_with(base, |base, n| {
            let plain = base.strip_prefix("r#").unwrap_or(base);
            let plain = plain.strip_suffix('_').unwrap_or(plain);
            format!("{plain}_{n}")
        })
    }

    fn claim_with(&mut self, base: &str, numbered: impl Fn(&str, usize) -> String) -> String {
        if !self.used.contains(base) {
            self.used.insert(base.to_string());
            return base.to_string();
        }
        let mut n = 2;
        loop {
            let name = numbered(base, n);
            if !self.used.contains(&name) {
                self.used.insert(name.clone());
                return name;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(snake("type", "f"), "r#type");
        assert_eq!(snake("self", "f"), "self_");
        assert_eq!(snake("Self", "f"), "self_");
        assert_eq!(snake("crate", "f"), "crate_");
        assert_eq!(snake("super", "f"), "super_");
        assert_eq!(snake("match", "f"), "r#match");
        assert_eq!(snake("date.year", "f"), "date_year");
        assert_eq!(snake("day-of-month", "f"), "day_of_month");
        assert_eq!(snake("2fa", "f"), "_2fa");
        assert_eq!(snake("", "f"), "f");
        assert_eq!(snake("+", "value"), "value");
    }

    #[test]
    fn type_names_avoid_the_prelude() {
        assert_eq!(type_name("Option", "T"), "OptionModel");
        assert_eq!(type_name("Self", "T"), "SelfModel");
        assert_eq!(type_name("Result", "T"), "ResultModel");
        assert_eq!(type_name("workspace_status", "T"), "WorkspaceStatus");
        assert_eq!(type_name("3d-model", "T"), "Type3dModel");
        assert_eq!(type_name("", "T"), "T");
        assert_eq!(type_name("café", "T"), "CafU00e9");
    }

    #[test]
    fn enum_collisions_get_distinct_names() {
        let values = [
            "mean",
            "__mean__",
            "MEAN",
            "in-progress",
            "in_progress",
            "inProgress",
            "+1",
            "-1",
            "Etc/GMT+1",
            "Etc/GMT-1",
            "Etc/GMT",
        ];
        let names = enum_variant_names(&values);
        let unique: BTreeSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), values.len(), "{names:?}");
        assert_eq!(names[0], "Mean");
        assert_eq!(names[6], "Plus1");
        assert_eq!(names[7], "Minus1");
        assert_eq!(names[8], "EtcGmtPlus1");
        assert_eq!(names[9], "EtcGmtMinus1");
        assert_eq!(enum_variant_names(&["", "empty"]), ["EmptyString", "Empty"]);
        assert_eq!(enum_variant_names(&["self", "1"]), ["Self_", "Value1"]);
        assert_eq!(
            enum_variant_names(&["other", "Other"]),
            ["Other", "OtherCapitalized"]
        );
        assert_eq!(enum_variant_names(&["A", "a"]), ["A", "ALower"]);
    }

    #[test]
    fn numbered_claims() {
        let mut space = Namespace::default();
        assert_eq!(space.claim_snake("get"), "get");
        assert_eq!(space.claim_snake("get"), "get_2");
        assert_eq!(space.claim_snake("r#type"), "r#type");
        assert_eq!(space.claim_snake("r#type"), "type_2");
        assert_eq!(space.claim_snake("self_"), "self_");
        assert_eq!(space.claim_snake("self_"), "self_2");
        assert_eq!(space.claim_camel("Error"), "Error");
        assert_eq!(space.claim_camel("Error"), "Error2");
        assert_eq!(int_variant_name(-1), "Minus1");
        assert_eq!(int_variant_name(10), "Value10");
    }
}
