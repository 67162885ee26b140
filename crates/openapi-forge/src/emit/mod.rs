//! Emission: from the [`Api`] model to formatted Rust source.
//!
//! Three emitters each own one output file (`models`, `client`, `server`);
//! this module holds what they share: how a [`TypeExpr`] is spelled, how
//! spec prose becomes rustdoc, and the final formatting step.

pub mod client;
mod docs;
pub mod models;
pub mod parallel;
pub mod server;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Api, IntFormat, NumFormat, TypeExpr};
use crate::settings::Manifest;

pub use docs::{code_span, doc_attrs, doc_text};

/// An emitter produced tokens that are not valid Rust: a bug of ours.
#[derive(Debug, Clone)]
pub struct EmitError {
    /// The module being emitted (`models`, `client`, ...).
    pub module: String,
    pub message: String,
}

/// Parses `tokens` as a file, formats it with prettyplease and puts `header`
/// on the first line.
pub fn format(header: &str, tokens: TokenStream) -> Result<String, EmitError> {
    let body = unparse("file", tokens)?;
    Ok(format!("{header}\n{body}"))
}

/// Parses the tokens of (a piece of) `module` and prints them with
/// prettyplease: the one place generated code is formatted.
pub(crate) fn unparse(module: &str, tokens: TokenStream) -> Result<String, EmitError> {
    let file: syn::File = syn::parse2(tokens).map_err(|error| EmitError {
        module: module.into(),
        message: error.to_string(),
    })?;
    Ok(prettyplease::unparse(&file))
}

/// Where the code that names a type stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Inside the models module itself.
    Models,
    /// In a sibling module (`client`, `server`): named types are reached
    /// through `super::models`.
    Sibling,
}

/// An identifier from a name the resolver decided (`Workspace`, `r#type`).
///
/// Never panics: a name that is not a valid identifier (which the resolver
/// does not produce) is repaired rather than passed to `Ident::new`, which
/// would panic.
pub fn ident(name: &str) -> Ident {
    let (raw, bare) = match name.strip_prefix("r#") {
        Some(bare) => (true, bare),
        None => (false, name),
    };
    let mut text: String = bare
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if text.is_empty() || text.starts_with(|c: char| c.is_ascii_digit()) {
        text.insert(0, '_');
    }
    if raw {
        if matches!(text.as_str(), "self" | "Self" | "super" | "crate" | "_") {
            text.push('_');
        } else {
            return Ident::new_raw(&text, Span::call_site());
        }
    }
    Ident::new(&text, Span::call_site())
}

/// The Rust spelling of a use of a type.
pub fn type_tokens(api: &Api, expr: &TypeExpr, scope: Scope) -> TokenStream {
    match expr {
        TypeExpr::Named(id) => {
            let name = ident(&api.ty(*id).name);
            match scope {
                Scope::Models => quote!(#name),
                Scope::Sibling => quote!(super::models::#name),
            }
        }
        TypeExpr::Boxed(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(::std::boxed::Box<#inner>)
        }
        TypeExpr::Nullable(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(::std::option::Option<#inner>)
        }
        TypeExpr::Array(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeExpr::Map(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        TypeExpr::String => quote!(::std::string::String),
        TypeExpr::DateTime => quote!(::openapi_forge_runtime::Timestamp),
        TypeExpr::Date => quote!(::chrono::NaiveDate),
        TypeExpr::Uuid => quote!(::uuid::Uuid),
        TypeExpr::Base64 => quote!(::openapi_forge_runtime::Base64),
        TypeExpr::Binary => quote!(::openapi_forge_runtime::bytes::Bytes),
        TypeExpr::Integer(IntFormat::I32) => quote!(i32),
        TypeExpr::Integer(IntFormat::I64) => quote!(i64),
        TypeExpr::Integer(IntFormat::U32) => quote!(u32),
        TypeExpr::Integer(IntFormat::U64) => quote!(u64),
        TypeExpr::Number(NumFormat::F32) => quote!(f32),
        TypeExpr::Number(NumFormat::F64) => quote!(f64),
        TypeExpr::Boolean => quote!(bool),
        TypeExpr::Any => quote!(::serde_json::Value),
    }
}

/// `lib.rs` of a generated crate: the three modules, the client and server
/// behind features of the same names.
///
/// The modules are marked `#[rustfmt::skip]`: they are already formatted by
/// prettyplease, and a `cargo fmt` of the consuming workspace would otherwise
/// rewrite them into different bytes and make freshness checks fail.
pub fn crate_root(api: &Api) -> TokenStream {
    let title = &api.title;
    let version = &api.version;
    let summary = format!(" Rust bindings for {title} (version {version}).");
    let description = api.description.as_deref().map(doc_text).unwrap_or_default();
    let description = description.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    quote! {
        #![doc = #summary]
        #![doc = ""]
        #(#description)*
        #![doc = ""]
        #![doc = " `models` holds the schema types and the per-operation response enums;"]
        #![doc = " `client` (feature `client`) a reqwest client; `server` (feature `server`)"]
        #![doc = " an axum router over a trait to implement."]
        #![deny(missing_docs)]

        #[rustfmt::skip]
        pub mod models;
        #[cfg(feature = "client")]
        #[rustfmt::skip]
        pub mod client;
        #[cfg(feature = "server")]
        #[rustfmt::skip]
        pub mod server;
    }
}

/// The `Cargo.toml` of a generated crate.
pub fn manifest(header: &str, api: &Api, manifest: &Manifest) -> String {
    let name = if manifest.crate_name.is_empty() {
        crate::crate_writer::default_crate_name(&api.title)
    } else {
        manifest.crate_name.clone()
    };
    let runtime = &manifest.runtime_dependency;
    let description =
        format!("Generated Rust bindings for {}", api.title).replace(['"', '\\'], "'");
    let workspace = if manifest.standalone {
        "\n[workspace]\n"
    } else {
        ""
    };
    format!(
        r#"{header}
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
description = "{description}"
publish = false

[features]
default = ["client", "server"]
client = ["openapi-forge-runtime/client"]
server = ["openapi-forge-runtime/server"]

[dependencies]
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std"] }}
openapi-forge-runtime = {runtime}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
uuid = {{ version = "1", features = ["serde"] }}
{workspace}"#
    )
}

/// A sentence naming the spec's `operationId` of an operation whose Rust
/// name was numbered because another operation converts to the same name.
pub(crate) fn renamed_operation_note(op: &crate::model::Operation) -> Option<String> {
    let renamed = !op.id_derived && crate::naming::snake(&op.id, "operation") != op.fn_name;
    renamed.then(|| {
        format!(
            "The spec's operation {}; numbered because another operation has the same Rust \
             name.",
            docs::code_span(&op.id)
        )
    })
}
