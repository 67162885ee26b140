//! Small spelling helpers of the client emitter: argument types.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{type_tokens, Scope};
use crate::model::{Api, TypeExpr};

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
