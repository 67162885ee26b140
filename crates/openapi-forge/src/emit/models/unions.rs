//! `oneOf` / `anyOf` schemas as enums with one tuple variant per member.
//!
//! Untagged unions use serde's `untagged` (the first variant that accepts
//! the value wins). Tagged unions get hand-written serde impls over runtime
//! helpers: the variant structs keep their own tag property, so the union
//! reads the whole object, dispatches on the tag and writes the tag once.

use proc_macro2::TokenStream;
use quote::quote;

use super::{allow_deprecated, deprecated_attr, item_docs, lints, names_deprecated, rt, type_docs};
use crate::emit::{ident, type_tokens, Scope};
use crate::model::{Api, Tagging, TypeDef, Union, UnionVariant};

/// Whether the union's code names deprecated types.
pub(super) fn union_uses_deprecated(api: &Api, def: &TypeDef, union: &Union) -> bool {
    def.deprecated || union.variants.iter().any(|v| names_deprecated(api, &v.ty))
}

pub(super) fn emit(api: &Api, def: &TypeDef, union: &Union) -> TokenStream {
    let name = ident(&def.name);
    let deprecated = deprecated_attr(def.deprecated);
    let allow = allow_deprecated(union_uses_deprecated(api, def, union));
    let names: Vec<&str> = union.variants.iter().map(|v| v.name.as_str()).collect();
    let allow_names = lints::allow_variant_names(&def.name, &names);
    let payloads: Vec<Vec<_>> = union.variants.iter().map(|v| vec![&v.ty]).collect();
    let allow_large = lints::allow_large_variant(api, &payloads);
    let variants = union.variants.iter().map(|variant| {
        let docs = item_docs(&variant.docs, &variant_fallback(variant), &[]);
        let variant_name = ident(&variant.name);
        let ty = type_tokens(api, &variant.ty, Scope::Models);
        quote!(#docs #variant_name(#ty),)
    });
    match &union.tagging {
        Tagging::Untagged => {
            let docs = type_docs(
                def,
                &format!("One of several shapes (`{}`).", def.name),
                &[
                    "Reading tries the variants in order; the first that accepts the value wins."
                        .to_string(),
                ],
            );
            quote! {
                #docs
                #deprecated
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(untagged)]
                #allow #allow_names #allow_large
                pub enum #name {
                    #(#variants)*
                }
            }
        }
        Tagging::Tagged { property } => {
            let note = format!(
                "The `{property}` property names the variant; when writing, it is set to the \
                 variant's tag whatever the variant's own `{property}` field holds."
            );
            let docs = type_docs(
                def,
                &format!(
                    "One of several shapes (`{}`), told apart by `{property}`.",
                    def.name
                ),
                &[note],
            );
            let serde_impls = tagged_impls(def, union, property, &allow);
            quote! {
                #docs
                #deprecated
                #[derive(Debug, Clone, PartialEq)]
                #allow #allow_names #allow_large
                pub enum #name {
                    #(#variants)*
                }

                #serde_impls
            }
        }
    }
}

fn variant_fallback(variant: &UnionVariant) -> String {
    match &variant.tag {
        Some(tag) => format!(
            "The `{}` variant (tag {}).",
            variant.name,
            crate::emit::code_span(tag)
        ),
        None => format!("The `{}` variant.", variant.name),
    }
}

/// The tag value of a variant: the model's, or the variant's name when the
/// model has none (a tagged union whose member could not be given a tag).
fn tag_of(variant: &UnionVariant) -> &str {
    variant.tag.as_deref().unwrap_or(&variant.name)
}

fn tagged_impls(def: &TypeDef, union: &Union, property: &str, allow: &TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let rt = rt();
    let variants: Vec<_> = union.variants.iter().map(|v| ident(&v.name)).collect();
    let tags: Vec<&str> = union.variants.iter().map(tag_of).collect();
    // A tag listed twice would make an unreachable match arm; the first
    // variant with a tag reads it, every variant writes its own.
    let mut seen = std::collections::BTreeSet::new();
    let read_arms = union
        .variants
        .iter()
        .filter(|v| seen.insert(tag_of(v)))
        .map(|v| {
            let tag = tag_of(v);
            let variant = ident(&v.name);
            quote!(#tag => #rt::models::variant_from_value(value).map(Self::#variant),)
        });
    let known: Vec<&str> = {
        let mut seen = std::collections::BTreeSet::new();
        tags.iter().copied().filter(|t| seen.insert(*t)).collect()
    };
    let value = if union.variants.is_empty() {
        quote!(_value)
    } else {
        quote!(value)
    };
    let serialize_body = if variants.is_empty() {
        quote!(match *self {})
    } else {
        quote! {
            match self {
                #(Self::#variants(value) => {
                    #rt::models::serialize_tagged(serializer, #property, #tags, value)
                })*
            }
        }
    };
    quote! {
        #allow
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                #serialize_body
            }
        }

        #allow
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let (tag, #value) = #rt::models::deserialize_tagged(deserializer, #property)?;
                match tag.as_str() {
                    #(#read_arms)*
                    _ => ::std::result::Result::Err(#rt::models::unknown_tag(
                        #property,
                        &tag,
                        &[#(#known),*],
                    )),
                }
            }
        }
    }
}
