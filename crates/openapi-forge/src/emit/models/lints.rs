//! Targeted lint allowances for generated enums.
//!
//! Two default clippy lints judge enum shapes that the spec, not the
//! generator, decides: `enum_variant_names` (every variant shares a word,
//! e.g. integer values `Value0`, `Value1`, `Value3`) and `large_enum_variant`
//! (one response carries a large struct, another nothing). Renaming the
//! spec's values or boxing every payload would make the bindings worse to
//! use, so an enum that would trip one of them gets an `allow` for exactly
//! that lint, and others get none.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, IntFormat, NumFormat, TypeExpr, TypeKind};

/// `#[allow(clippy::enum_variant_names)]` when clippy would flag `variants`
/// of enum `name`: at least three variants that all start or all end with
/// the same word, or a variant that starts or ends with the enum's name.
pub(super) fn allow_variant_names(name: &str, variants: &[&str]) -> TokenStream {
    if variant_names_flagged(name, variants) {
        quote!(#[allow(clippy::enum_variant_names)])
    } else {
        TokenStream::new()
    }
}

fn variant_names_flagged(name: &str, variants: &[&str]) -> bool {
    let enum_words = words(name);
    let mentions_enum = variants.iter().any(|variant| {
        let words = words(variant);
        !enum_words.is_empty()
            && words.len() > enum_words.len()
            && (words.starts_with(&enum_words) || words.ends_with(&enum_words))
    });
    if mentions_enum {
        return true;
    }
    if variants.len() < 3 {
        return false;
    }
    let split: Vec<Vec<String>> = variants.iter().map(|v| words(v)).collect();
    let shared = |pick: fn(&Vec<String>) -> Option<&String>| {
        let first = split.first().and_then(pick);
        // Clippy leaves a variant alone when the shared word is all of it.
        first.is_some() && split.iter().all(|w| w.len() > 1 && pick(w) == first)
    };
    shared(|w| w.first()) || shared(|w| w.last())
}

/// Camel-case words, the way clippy splits names (digits stay attached to
/// the word before them).
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in name.trim_start_matches("r#").chars() {
        match words.last_mut() {
            Some(word) if !c.is_uppercase() && c != '_' => word.push(c),
            _ if c == '_' => words.push(String::new()),
            _ => words.push(c.to_string()),
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

/// `#[allow(clippy::large_enum_variant)]` when the payloads' estimated sizes
/// differ by enough that clippy might flag the enum (its threshold is 200
/// bytes; the estimate leaves a margin).
pub(super) fn allow_large_variant(api: &Api, payloads: &[Vec<&TypeExpr>]) -> TokenStream {
    let mut sizes: Vec<usize> = payloads
        .iter()
        .map(|fields| fields.iter().map(|ty| size_of(api, ty, 0)).sum())
        .collect();
    sizes.sort_unstable();
    let largest = sizes.pop().unwrap_or(0);
    let second = sizes.pop().unwrap_or(0);
    if largest.saturating_sub(second) >= 150 {
        quote!(#[allow(clippy::large_enum_variant)])
    } else {
        TokenStream::new()
    }
}

/// A rough size in bytes of the Rust type for `expr`.
pub(super) fn size_of(api: &Api, expr: &TypeExpr, depth: usize) -> usize {
    // Named types only nest by value a finite number of times; the depth
    // limit guards against a model that says otherwise.
    if depth > 32 {
        return 0;
    }
    match expr {
        TypeExpr::Named(id) => match api.types.get(id.0).map(|def| &def.kind) {
            Some(TypeKind::Struct(strukt)) => {
                let fields: usize = strukt
                    .fields
                    .iter()
                    .map(|f| size_of(api, &f.ty, depth + 1) + usize::from(!f.required) * 8)
                    .sum();
                fields + if strukt.additional.is_some() { 24 } else { 0 }
            }
            Some(TypeKind::StringEnum(_)) => 24,
            Some(TypeKind::IntEnum(_)) => 1,
            Some(TypeKind::Union(union)) => {
                let largest = union
                    .variants
                    .iter()
                    .map(|v| size_of(api, &v.ty, depth + 1))
                    .max();
                largest.unwrap_or(0) + 8
            }
            Some(TypeKind::Newtype(newtype)) => size_of(api, &newtype.inner, depth + 1),
            None => 0,
        },
        TypeExpr::Nullable(inner) => size_of(api, inner, depth + 1) + 8,
        TypeExpr::Boxed(_) => 8,
        TypeExpr::Array(_) | TypeExpr::Map(_) | TypeExpr::String | TypeExpr::Base64 => 24,
        TypeExpr::Binary | TypeExpr::Any => 32,
        TypeExpr::DateTime => 12,
        TypeExpr::Date => 4,
        TypeExpr::Uuid => 16,
        TypeExpr::Integer(IntFormat::I32 | IntFormat::U32) | TypeExpr::Number(NumFormat::F32) => 4,
        TypeExpr::Integer(_) | TypeExpr::Number(_) => 8,
        TypeExpr::Boolean => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::{variant_names_flagged, words};

    #[test]
    fn splits_camel_case_like_clippy() {
        assert_eq!(words("Value10"), ["Value10"]);
        assert_eq!(words("InProgress"), ["In", "Progress"]);
        assert_eq!(words("r#Type_A"), ["Type", "A"]);
    }

    #[test]
    fn flags_shared_words_and_enum_names() {
        assert!(!variant_names_flagged(
            "Retries",
            &["Value0", "Value1", "Value3"]
        ));
        assert!(variant_names_flagged("Kind", &["TypeA", "TypeB", "TypeC"]));
        assert!(variant_names_flagged("Kind", &["AType", "BType", "CType"]));
        assert!(!variant_names_flagged("Kind", &["TypeA", "TypeB", "Other"]));
        assert!(variant_names_flagged("Status", &["StatusOk", "Failed"]));
        assert!(!variant_names_flagged("Status", &["Ok", "Failed"]));
    }
}
