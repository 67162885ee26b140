//! Small spelling helpers of the client emitter: identifiers and argument
//! types.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::{type_tokens, Scope};
use crate::model::{Api, TypeExpr};

/// An identifier from a name the resolver decided (`job_id`, `r#type`).
///
/// The resolver only hands out valid names; anything else is spelled with
/// `_` in place of the offending characters rather than aborting, so that
/// the failure shows up as a readable name instead of a panic.
pub(super) fn ident(name: &str) -> Ident {
    let (raw, text) = match name.strip_prefix("r#") {
        Some(rest) => (true, rest),
        None => (false, name),
    };
    let mut clean: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if clean.is_empty() || clean.starts_with(|c: char| c.is_ascii_digit()) {
        clean.insert(0, '_');
    }
    if clean == "_" {
        clean.push('_');
    }
    let cannot_be_raw = matches!(clean.as_str(), "self" | "Self" | "super" | "crate");
    if raw && !cannot_be_raw {
        Ident::new_raw(&clean, Span::call_site())
    } else if cannot_be_raw {
        Ident::new(&format!("{clean}_"), Span::call_site())
    } else {
        Ident::new(&clean, Span::call_site())
    }
}

/// The type without a top-level `Nullable` (a null parameter or body is
/// sent as an absent one).
pub(super) fn strip_nullable(ty: &TypeExpr) -> (&TypeExpr, bool) {
    match ty {
        TypeExpr::Nullable(inner) => (strip_nullable(inner).0, true),
        other => (other, false),
    }
}

/// How a method takes a value of `ty`: strings as `&str`, arrays as
/// slices, other values by reference when `by_ref` (bodies) or by value
/// (parameters).
pub(super) fn argument_type(api: &Api, ty: &TypeExpr, by_ref: bool) -> TokenStream {
    match ty {
        TypeExpr::String => quote!(&str),
        TypeExpr::Array(item) => {
            let item = type_tokens(api, item, Scope::Sibling);
            quote!(&[#item])
        }
        other => {
            let ty = type_tokens(api, other, Scope::Sibling);
            if by_ref {
                quote!(&#ty)
            } else {
                quote!(#ty)
            }
        }
    }
}

/// Whether naming `ty` touches a deprecated type, which would warn in
/// generated code.
pub(super) fn uses_deprecated(api: &Api, ty: &TypeExpr) -> bool {
    match ty {
        TypeExpr::Named(id) => api.types.get(id.0).is_some_and(|def| def.deprecated),
        TypeExpr::Boxed(inner)
        | TypeExpr::Nullable(inner)
        | TypeExpr::Array(inner)
        | TypeExpr::Map(inner) => uses_deprecated(api, inner),
        _ => false,
    }
}
