//! Emits the `server` module: one trait for the whole API, a request struct
//! per operation, the responses of the shared success and error enums, and
//! an axum router whose handlers are thin calls into the runtime.
//!
//! The generated code only declares what differs per spec (names, types,
//! parameter rules, security requirements, routes); reading requests,
//! authentication, validation, rejections and metrics live in
//! `openapi_forge_runtime::server`.

mod handlers;
mod requests;
mod responses;
mod service;
#[cfg(test)]
mod tests;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::ident;
use crate::model::{Api, Operation};

/// The `server` module of the bindings for `api`.
pub fn emit(api: &Api) -> TokenStream {
    let docs = module_docs(api);
    let service = service::emit(api);
    let requests = api.operations.iter().map(|op| requests::emit(api, op));
    let responses = api.operations.iter().map(responses::emit);
    let handlers = handlers::emit(api);
    quote! {
        #docs

        use ::openapi_forge_runtime::server as rt;

        pub use ::openapi_forge_runtime::server::{
            AuthError, Config, Credential, CredentialKind, Credentials, Failure, Metrics,
            Rejection, Secret,
        };

        #service
        #(#requests)*
        #(#responses)*
        #handlers
    }
}

fn module_docs(api: &Api) -> TokenStream {
    let title = api.title.replace('`', "'");
    let text = format!(
        "The server side of {title}: implement [`Api`] and serve [`router`].\n\n\
         The whole API is one trait rather than one per tag, because a service usually\n\
         owns shared state (a database pool, configuration, clients of other services)\n\
         that every operation needs: one implementer type holds it, with no type per tag\n\
         and no generic plumbing between them.\n\n\
         Every method has a default answer, 501 in the API's error format, so a partial\n\
         implementation compiles and serves. Requests are authenticated (through\n\
         `Api::authenticate` where the operation requires it) and validated against\n\
         the spec before a method runs; every rejection is written in the API's error\n\
         format."
    );
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    quote!(#(#lines)*)
}

/// An identifier made of a prefix and a resolver name (`handle_get_job`).
fn prefixed(prefix: &str, name: &str) -> Ident {
    // A name that starts with a digit comes with a leading underscore,
    // which must not double the prefix's own; the naming stage adds a
    // leading underscore only there, so the trimmed names stay distinct.
    let name = name.trim_start_matches("r#").trim_start_matches('_');
    ident(&format!("{prefix}{name}"))
}

/// How an operation is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Protection {
    /// `security: []` or none at all.
    Public,
    /// Some alternative is empty: credentials are optional.
    Optional,
    /// Credentials are required.
    Required,
}

fn protection(op: &Operation) -> Protection {
    if op.security.is_empty() {
        Protection::Public
    } else if op.security.iter().any(Vec::is_empty) {
        Protection::Optional
    } else {
        Protection::Required
    }
}

/// Whether any operation authenticates, so the trait needs a principal.
fn authenticates(api: &Api) -> bool {
    api.operations
        .iter()
        .any(|op| protection(op) != Protection::Public)
}

/// `GET /path` in backticks, for docs.
fn signature(op: &Operation) -> String {
    format!("`{} {}`", op.method.as_str(), op.path.replace('`', "'"))
}
