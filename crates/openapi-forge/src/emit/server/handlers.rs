//! The handlers, the security schemes they check and the router.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, prefixed, protection, Protection};
use crate::emit::doc_attrs;
use crate::model::{
    Api, ErrorFormat, Method, Operation, ParamLocation, SchemeId, SchemeKind, TypeExpr, TypeKind,
};

/// Scheme constants, one handler per operation, and `router`.
pub(super) fn emit(api: &Api) -> TokenStream {
    let used: BTreeSet<SchemeId> = api
        .operations
        .iter()
        .flat_map(|op| op.security.iter().flatten().copied())
        .collect();
    let schemes = used.iter().filter_map(|id| scheme_const(api, *id));
    let handlers = api.operations.iter().map(|op| handler(api, op));
    let format = match &api.error_format {
        Some(format) => {
            let message = &format.message_field;
            let details = match &format.details_field {
                Some(details) => quote!(Some(#details)),
                None => quote!(None),
            };
            let as_text = details_are_text(api, format);
            quote! {
                rt::ErrorFormat { message: #message, details: #details, details_as_text: #as_text }
            }
        }
        None => quote! {
            rt::ErrorFormat { message: "error", details: Some("details"), details_as_text: false }
        },
    };
    let versioning = api.versioning.as_ref().map(|versioning| {
        let prefix = &versioning.prefix;
        let aliases = &versioning.aliases;
        quote!(.versioning(#prefix, &[#(#aliases),*]))
    });
    let routes = api.operations.iter().map(|op| {
        let method = method(op.method);
        let path = &op.path;
        let handler = prefixed("handle_", &op.fn_name);
        quote!(.add(rt::Method::#method, #path, #handler::<S>))
    });
    let router_docs = doc_attrs(&router_docs(api));
    // Only handlers name the shared state; an API without operations has none.
    let shared_alias = (!api.operations.is_empty()).then(|| {
        quote!(
            type Shared<S> = ::std::sync::Arc<rt::Shared<Adapter<S>>>;
        )
    });
    quote! {
        /// How rejections are written: the spec's error format.
        const ERROR_FORMAT: rt::ErrorFormat = #format;

        #(#schemes)*

        #shared_alias

        #(#handlers)*

        #router_docs
        pub fn router<S: Api>(service: S) -> rt::Router {
            router_with(service, Config::default())
        }

        /// [`router`] with settings: the body limit and the metrics registry
        /// (keep a clone of `config.metrics` to render it).
        pub fn router_with<S: Api>(service: S, config: Config) -> rt::Router {
            let shared = rt::Shared::new(Adapter(service), ERROR_FORMAT, config);
            rt::Routes::new(shared)
                #versioning
                #(#routes)*
                .finish()
        }
    }
}

/// Whether the error format's details property is a string.
fn details_are_text(api: &Api, format: &ErrorFormat) -> bool {
    let Some(details) = &format.details_field else {
        return false;
    };
    let Some(def) = api.types.get(format.ty.0) else {
        return false;
    };
    match &def.kind {
        TypeKind::Struct(object) => object
            .fields
            .iter()
            .any(|field| field.wire_name == *details && field.ty == TypeExpr::String),
        _ => false,
    }
}

fn router_docs(api: &Api) -> String {
    let mut text = "An axum router serving every operation of the API through `service`.\n\n\
        Unknown paths answer 404 and known paths with another method 405 (with `Allow`),\n\
        in the API's error format; a panicking method answers 500 and the server keeps\n\
        serving. Requests are counted in `http_requests_total{method, path, status}`\n\
        by route template."
        .to_owned();
    if let Some(versioning) = &api.versioning {
        let aliases = versioning
            .aliases
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>();
        if !aliases.is_empty() {
            text.push_str(&format!(
                "\n\nOperations under `{}` are also served under {}\n\
                 (the alias replaces the prefix).",
                versioning.prefix,
                aliases.join(", ")
            ));
        }
    }
    text
}

fn method(method: Method) -> TokenStream {
    match method {
        Method::Get => quote!(GET),
        Method::Put => quote!(PUT),
        Method::Post => quote!(POST),
        Method::Delete => quote!(DELETE),
        Method::Options => quote!(OPTIONS),
        Method::Head => quote!(HEAD),
        Method::Patch => quote!(PATCH),
        Method::Trace => quote!(TRACE),
    }
}

/// The constant's name for a scheme.
fn scheme_name(api: &Api, id: SchemeId) -> proc_macro2::Ident {
    let name = api
        .security_schemes
        .get(id.0)
        .map_or("scheme", |scheme| scheme.name.as_str());
    ident(&format!(
        "SCHEME_{}",
        name.trim_start_matches("r#").to_uppercase()
    ))
}

/// `const SCHEME_X: rt::Scheme = ...;`, or nothing for a scheme the server
/// cannot check (an API key in the path), whose requirements then never
/// succeed.
fn scheme_const(api: &Api, id: SchemeId) -> Option<TokenStream> {
    let scheme = api.security_schemes.get(id.0)?;
    let key = &scheme.key;
    let value = match &scheme.kind {
        SchemeKind::Bearer => quote!(rt::Scheme::Bearer { key: #key }),
        SchemeKind::Basic => quote!(rt::Scheme::Basic { key: #key }),
        SchemeKind::ApiKey { location, name } => {
            let location = match location {
                ParamLocation::Header => quote!(Header),
                ParamLocation::Query => quote!(Query),
                ParamLocation::Cookie => quote!(Cookie),
                ParamLocation::Path => return None,
            };
            quote! {
                rt::Scheme::ApiKey { key: #key, location: rt::KeyLocation::#location, name: #name }
            }
        }
    };
    let docs = doc_attrs(&format!("The `{}` security scheme.", key.replace('`', "'")));
    let name = scheme_name(api, id);
    Some(quote! { #docs const #name: rt::Scheme = #value; })
}

fn checkable_scheme(api: &Api, id: SchemeId) -> bool {
    api.security_schemes.get(id.0).is_some_and(|scheme| {
        !matches!(
            scheme.kind,
            SchemeKind::ApiKey {
                location: ParamLocation::Path,
                ..
            }
        )
    })
}

fn handler(api: &Api, op: &Operation) -> TokenStream {
    let name = prefixed("handle_", &op.fn_name);
    let method = ident(&op.fn_name);
    let request = ident(&op.request_type);
    let id = &op.id;
    let template = &op.path;
    let alternatives = op.security.iter().filter_map(|requirement| {
        if !requirement.iter().all(|id| checkable_scheme(api, *id)) {
            return None;
        }
        let schemes = requirement.iter().map(|id| scheme_name(api, *id));
        Some(quote!(&[#(#schemes),*]))
    });
    let (access_type, access, call) = match protection(op) {
        Protection::Public => (
            quote!(rt::Public),
            quote!(rt::Public),
            quote!(|shared, request, ()| async move { shared.service.0.#method(request).await }),
        ),
        Protection::Optional => (
            quote!(rt::Optional),
            quote!(rt::Optional(&[#(#alternatives),*])),
            quote!(|shared, request, principal| async move {
                shared.service.0.#method(request, principal).await
            }),
        ),
        Protection::Required => (
            quote!(rt::Required),
            quote!(rt::Required(&[#(#alternatives),*])),
            quote!(|shared, request, principal| async move {
                shared.service.0.#method(request, principal).await
            }),
        ),
    };
    let docs = doc_attrs(&format!("Serves `{}`.", id.replace('`', "'")));
    quote! {
        #docs
        async fn #name<S: Api>(
            rt::State(shared): rt::State<Shared<S>>,
            request: rt::Request,
        ) -> rt::Response {
            static ENDPOINT: rt::Endpoint<#access_type> =
                rt::Endpoint { id: #id, template: #template, access: #access };
            rt::run(shared, request, &ENDPOINT, #request::extract, #call).await
        }
    }
}
