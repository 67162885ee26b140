//! String enums (open, with a catch-all) and integer enums (closed, numbers
//! on the wire).
//!
//! Each enum gets its value table as a runtime trait impl; one runtime macro
//! call derives serde, `Display`, `FromStr` and `Validate` from it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{allow_deprecated, deprecated_attr, lints, rt, type_docs};
use crate::emit::{code_span, doc_attrs, ident};
use crate::model::{IntEnum, StringEnum, TypeDef};

pub(super) fn emit_string_enum(def: &TypeDef, list: &StringEnum) -> TokenStream {
    let name = ident(&def.name);
    let rt = rt();
    let docs = type_docs(def, &format!("The `{}` values.", def.name), &[]);
    let deprecated = deprecated_attr(def.deprecated);
    let allow_deprecated = allow_deprecated(def.deprecated);
    // A value listed twice would make an unreachable match arm.
    let mut seen = std::collections::BTreeSet::new();
    let variants: Vec<_> = list
        .variants
        .iter()
        .filter(|v| seen.insert(v.value.as_str()))
        .collect();
    // The resolver names the catch-all so that no listed value maps to it.
    let catch_all = if list.other_variant.is_empty() {
        "Other"
    } else {
        &list.other_variant
    };
    let other = ident(catch_all);
    let mut names: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    names.push(catch_all);
    let allow = lints::allow_variant_names(&def.name, &names);
    let decls = variants.iter().map(|v| {
        let docs = match v.value.as_str() {
            "" => doc_attrs("The empty string."),
            value => doc_attrs(&format!("{}.", code_span(value))),
        };
        let variant = ident(&v.name);
        quote!(#docs #variant,)
    });
    let values: Vec<&str> = variants.iter().map(|v| v.value.as_str()).collect();
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    quote! {
        #docs
        #deprecated
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #allow
        pub enum #name {
            #(#decls)*
            /// A value that the spec does not list, kept as received.
            #other(::std::string::String),
        }

        #allow_deprecated
        impl #rt::StringEnum for #name {
            const KNOWN: &'static [&'static str] = &[#(#values),*];

            fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::#other(value) => value,
                }
            }

            fn from_string(value: ::std::string::String) -> Self {
                match value.as_str() {
                    #(#values => Self::#idents,)*
                    _ => Self::#other(value),
                }
            }

            fn is_known(&self) -> bool {
                !::std::matches!(self, Self::#other(_))
            }
        }

        #rt::string_enum_impls!(#name);
    }
}

pub(super) fn emit_int_enum(def: &TypeDef, list: &IntEnum) -> TokenStream {
    let name = ident(&def.name);
    let rt = rt();
    let docs = type_docs(def, &format!("The `{}` values.", def.name), &[]);
    let deprecated = deprecated_attr(def.deprecated);
    let allow_deprecated = allow_deprecated(def.deprecated);
    let mut seen = std::collections::BTreeSet::new();
    let variants: Vec<_> = list
        .variants
        .iter()
        .filter(|(_, value)| seen.insert(*value))
        .collect();
    let names: Vec<&str> = variants.iter().map(|(name, _)| name.as_str()).collect();
    let allow = lints::allow_variant_names(&def.name, &names);
    let decls = variants.iter().map(|(variant, value)| {
        let docs = doc_attrs(&format!("`{value}`."));
        let variant = ident(variant);
        quote!(#docs #variant,)
    });
    let values: Vec<_> = variants
        .iter()
        .map(|(_, value)| int_literal(*value))
        .collect();
    let idents: Vec<_> = variants.iter().map(|(variant, _)| ident(variant)).collect();
    let value_body = if idents.is_empty() {
        quote!(match self {})
    } else {
        quote!(match self { #(Self::#idents => #values,)* })
    };
    quote! {
        #docs
        #deprecated
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #allow
        pub enum #name {
            #(#decls)*
        }

        #allow_deprecated
        impl #rt::IntEnum for #name {
            const KNOWN: &'static [i64] = &[#(#values),*];

            fn value(self) -> i64 {
                #value_body
            }

            fn from_value(value: i64) -> ::std::option::Option<Self> {
                match value {
                    #(#values => ::std::option::Option::Some(Self::#idents),)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        #rt::int_enum_impls!(#name);
    }
}

/// An `i64` literal usable in expressions and patterns: a minus sign and
/// an unsigned literal, since a negative literal token is not a pattern.
fn int_literal(value: i64) -> TokenStream {
    let magnitude = Literal::u64_unsuffixed(value.unsigned_abs());
    if value < 0 {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
    }
}
