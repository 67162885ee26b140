//! The `Api` trait and the adapter that lets the runtime call it.

use proc_macro2::TokenStream;
use quote::quote;

use super::{authenticates, ident, protection, signature, Protection};
use crate::emit::doc_attrs;
use crate::model::{Api, Operation};

/// The trait, with a default (501) body for every method, and the private
/// adapter implementing the runtime's `Authenticate` for it.
pub(super) fn emit(api: &Api) -> TokenStream {
    let methods = api.operations.iter().map(method);
    let title = api.title.replace('`', "'");
    let trait_docs = doc_attrs(&format!(
        "The operations of {title}, one method each.\n\n\
         Implement the methods you serve; the others answer 501. Each receives the\n\
         operation's validated inputs (and the caller, where the operation is\n\
         authenticated) and returns one of its documented responses, or a `Failure`\n\
         for an answer in the error format."
    ));
    let (principal, authenticate, adapter_auth) = if authenticates(api) {
        (
            quote! {
                /// Who the caller is, as [`Api::authenticate`] found out; given to
                /// every authenticated method.
                type Principal: Send + 'static;

                /// Checks the credentials of a request to an authenticated
                /// operation and names the caller. Runs before the request is
                /// parsed; credentials that are missing or malformed were already
                /// refused with 401. The default refuses everything.
                fn authenticate(
                    &self,
                    credentials: Credentials,
                ) -> impl ::std::future::Future<
                    Output = ::std::result::Result<Self::Principal, AuthError>,
                > + Send {
                    let _ = credentials;
                    async { Err(AuthError::unauthorized("authentication is not implemented")) }
                }
            },
            quote!(S::Principal),
            quote!(self.0.authenticate(credentials)),
        )
    } else {
        let refuse = quote! {
            let _ = credentials;
            async { Err(AuthError::unauthorized("no operation is authenticated")) }
        };
        (TokenStream::new(), quote!(()), refuse)
    };
    quote! {
        #trait_docs
        pub trait Api: Send + Sync + 'static {
            #principal
            #(#methods)*
        }

        /// Lets the runtime reach the implementer's hook.
        struct Adapter<S>(S);

        impl<S: Api> rt::Authenticate for Adapter<S> {
            type Principal = #authenticate;

            fn authenticate(
                &self,
                credentials: Credentials,
            ) -> impl ::std::future::Future<
                Output = ::std::result::Result<Self::Principal, AuthError>,
            > + Send {
                #adapter_auth
            }
        }
    }
}

fn method(op: &Operation) -> TokenStream {
    let name = ident(&op.fn_name);
    let request = ident(&op.request_type);
    let success = ident(&op.success_type);
    let error = ident(&op.error_type);
    let docs = doc_attrs(&method_docs(op));
    let (param, unused) = match protection(op) {
        Protection::Public => (TokenStream::new(), quote!(request)),
        Protection::Optional => (
            quote!(principal: ::std::option::Option<Self::Principal>,),
            quote!((request, principal)),
        ),
        Protection::Required => (
            quote!(principal: Self::Principal,),
            quote!((request, principal)),
        ),
    };
    quote! {
        #docs
        fn #name(
            &self,
            request: #request,
            #param
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                super::models::#success,
                Failure<super::models::#error>,
            >,
        > + Send {
            let _ = #unused;
            async { Err(Failure::not_implemented()) }
        }
    }
}

fn method_docs(op: &Operation) -> String {
    let mut text = match op
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(summary) => format!("{summary}\n\n{}.", signature(op)),
        None => format!("{}.", signature(op)),
    };
    if let Some(note) = crate::emit::renamed_operation_note(op) {
        text.push_str("\n\n");
        text.push_str(&note);
    }
    if let Some(description) = op.description.as_deref().filter(|d| !d.trim().is_empty()) {
        text.push_str("\n\n");
        text.push_str(description.trim());
    }
    match protection(op) {
        Protection::Public => {}
        Protection::Optional => text.push_str(
            "\n\nAuthentication is optional: `principal` is `None` for anonymous callers.",
        ),
        Protection::Required => {}
    }
    if let Some(reason) = &op.provisional {
        text.push_str("\n\nProvisional: this operation may change.");
        if !reason.trim().is_empty() {
            text.push(' ');
            text.push_str(reason.trim());
        }
    }
    if op.deprecated {
        text.push_str("\n\nDeprecated by the spec.");
    }
    text
}
