//! Object schemas as structs, and other named schemas as newtypes.

use proc_macro2::TokenStream;
use quote::quote;

use super::{allow_deprecated, deprecated_attr, item_docs, names_deprecated, type_docs};
use crate::emit::{code_span, ident, type_tokens, Scope};
use crate::model::{Api, BodyEncoding, Field, Newtype, Struct, TypeDef, TypeExpr};

/// The name of the flattened map of additional properties: `base`, or
/// `base` with a number when a property already has that name.
pub(super) fn additional_field_name(strukt: &Struct) -> String {
    let base = "additional_properties";
    let taken = |name: &str| {
        strukt
            .fields
            .iter()
            .any(|f| f.name.trim_start_matches("r#") == name)
    };
    let mut candidate = base.to_string();
    let mut n = 2;
    while taken(&candidate) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    candidate
}

/// Whether the struct's own code touches deprecated items.
pub(super) fn struct_uses_deprecated(api: &Api, def: &TypeDef, strukt: &Struct) -> bool {
    def.deprecated
        || strukt
            .fields
            .iter()
            .any(|f| f.deprecated || names_deprecated(api, &f.ty))
        || strukt
            .additional
            .as_ref()
            .is_some_and(|ty| names_deprecated(api, ty))
}

pub(super) fn emit_struct(api: &Api, def: &TypeDef, strukt: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_docs(def, &format!("The `{}` object.", def.name), &[]);
    let deprecated = deprecated_attr(def.deprecated);
    let allow = allow_deprecated(struct_uses_deprecated(api, def, strukt));
    let files = is_multipart_body(api, def);
    let fields = strukt
        .fields
        .iter()
        .map(|field| emit_field(api, field, files));
    let additional = strukt.additional.as_ref().map(|ty| {
        let field = ident(&additional_field_name(strukt));
        let ty = type_tokens(api, ty, Scope::Models);
        quote! {
            /// Properties not listed in the schema, by name.
            #[serde(flatten)]
            pub #field: ::std::collections::BTreeMap<::std::string::String, #ty>,
        }
    });
    // A struct whose keys may all be absent has an obvious empty value,
    // handy for PATCH bodies.
    let default = if strukt.fields.iter().all(|f| !f.required) {
        quote!(, Default)
    } else {
        TokenStream::new()
    };
    quote! {
        #docs
        #deprecated
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize #default)]
        #allow
        pub struct #name {
            #(#fields)*
            #additional
        }
    }
}

/// Whether some operation takes `def` as its `multipart/form-data` body.
fn is_multipart_body(api: &Api, def: &TypeDef) -> bool {
    api.operations
        .iter()
        .filter_map(|op| op.body.as_ref())
        .any(|body| {
            matches!(body.body.encoding, BodyEncoding::Multipart(_))
                && matches!(&body.body.ty, TypeExpr::Named(id)
                if api.types.get(id.0).is_some_and(|found| std::ptr::eq(found, def)))
        })
}

/// The Rust type of a field; in a multipart body a binary value is a
/// `FilePart`, so the part's file name and media type travel with its bytes.
fn field_type(api: &Api, ty: &TypeExpr, files: bool) -> TokenStream {
    match ty {
        TypeExpr::Binary if files => quote!(::openapi_forge_runtime::FilePart),
        TypeExpr::Array(inner) if files => {
            let inner = field_type(api, inner, files);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeExpr::Nullable(inner) if files => {
            let inner = field_type(api, inner, files);
            quote!(::std::option::Option<#inner>)
        }
        _ => type_tokens(api, ty, Scope::Models),
    }
}

fn emit_field(api: &Api, field: &Field, files: bool) -> TokenStream {
    let name = ident(&field.name);
    let inner = field_type(api, &field.ty, files);
    let mut serde_args: Vec<TokenStream> = Vec::new();
    if field.name.trim_start_matches("r#") != field.wire_name {
        let wire = &field.wire_name;
        serde_args.push(quote!(rename = #wire));
    }
    let ty = match (field.required, field.nullable) {
        (true, false) => inner,
        (true, true) => {
            let path = "::openapi_forge_runtime::models::nullable::required";
            serde_args.push(quote!(deserialize_with = #path));
            quote!(::std::option::Option<#inner>)
        }
        (false, false) => {
            serde_args.push(quote!(default));
            serde_args.push(quote!(
                skip_serializing_if = "::std::option::Option::is_none"
            ));
            quote!(::std::option::Option<#inner>)
        }
        (false, true) => {
            let path = "::openapi_forge_runtime::models::nullable::double_option";
            serde_args.push(quote!(default));
            serde_args.push(quote!(
                skip_serializing_if = "::std::option::Option::is_none"
            ));
            serde_args.push(quote!(deserialize_with = #path));
            quote!(::std::option::Option<::std::option::Option<#inner>>)
        }
    };
    let serde = if serde_args.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#serde_args),*)])
    };
    let docs = item_docs(
        &field.docs,
        &format!("The `{}` property.", field.wire_name),
        &field_notes(field),
    );
    let deprecated = deprecated_attr(field.deprecated);
    quote! {
        #docs
        #deprecated
        #serde
        pub #name: #ty,
    }
}

/// What a field's docs add to the spec's prose: nullability that the type
/// spells, the default, and read/write direction.
fn field_notes(field: &Field) -> Vec<String> {
    let mut notes = Vec::new();
    if crate::naming::snake(&field.wire_name, "field") != field.name {
        notes.push(format!(
            "{} in the spec; numbered because another property has the same Rust name.",
            code_span(&field.wire_name)
        ));
    }
    if field.required && field.nullable {
        notes.push("Required, and may be `null` (`None`).".to_string());
    }
    if !field.required && field.nullable {
        notes.push("May be absent (`None`) or `null` (`Some(None)`).".to_string());
    }
    if let Some(default) = &field.default {
        notes.push(format!(
            "Defaults to {} when absent (not filled in when reading).",
            code_span(&default.to_string())
        ));
    }
    if field.read_only {
        notes.push("Read-only: set by the server; requests should leave it out.".to_string());
    }
    if field.write_only {
        notes.push("Write-only: sent in requests, never returned.".to_string());
    }
    notes
}

pub(super) fn emit_newtype(api: &Api, def: &TypeDef, newtype: &Newtype) -> TokenStream {
    let name = ident(&def.name);
    let inner = type_tokens(api, &newtype.inner, Scope::Models);
    let docs = type_docs(def, &format!("The `{}` schema.", def.name), &[]);
    let deprecated = deprecated_attr(def.deprecated);
    let allow = allow_deprecated(def.deprecated || names_deprecated(api, &newtype.inner));
    let default = match newtype.inner {
        TypeExpr::Array(_) | TypeExpr::Map(_) | TypeExpr::String => {
            quote!(, Default)
        }
        _ => TokenStream::new(),
    };
    quote! {
        #docs
        #deprecated
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize #default)]
        #[serde(transparent)]
        #allow
        pub struct #name(pub #inner);

        #allow
        impl ::std::ops::Deref for #name {
            type Target = #inner;

            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        #allow
        impl ::std::ops::DerefMut for #name {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.0
            }
        }

        #allow
        impl ::std::convert::From<#inner> for #name {
            fn from(value: #inner) -> Self {
                Self(value)
            }
        }
    }
}
