//! Emits the `client` module: a `Client` with one async method per
//! operation, and a `ClientBuilder` for its settings.
//!
//! The generated code only describes; the runtime's `client` module does the
//! work. Each method declares its operation as a constant, hands its
//! arguments to a request builder, sends it and maps the documented statuses
//! to the variants of the operation's success and error enums (defined with
//! the models).
//!
//! Settings live on `ClientBuilder` rather than on `Client`, so that no
//! operation name can clash with them. `Client` itself only adds `new`
//! (when the spec names an absolute server URL), `with_base_url` and
//! `builder`; one of those is left out if an operation takes its name.
//!
//! Arguments are positional: path parameters in path order, then the other
//! required parameters, then optional ones as `Option`s, then the body. A
//! method with more than seven arguments (counting `self`) carries a
//! targeted `#[allow(clippy::too_many_arguments)]`: a per-operation params
//! struct would double the generated types for the rare operation that
//! needs it.
//!
//! Header parameters named `Accept`, `Content-Type` or `Authorization`
//! (which OpenAPI says to ignore) are sent as given when the model still
//! lists them; the resolver is where they would be dropped.

mod decode;
mod operation;
mod tokens;

pub(crate) use operation::{part_kind, PartKind};

#[cfg(test)]
mod tests;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{doc_attrs, ident};
use crate::model::{Api, ParamLocation, SchemeKind, SecurityScheme};

/// The `client` module of the bindings for `api`.
pub fn emit(api: &Api) -> TokenStream {
    let taken: Vec<&str> = api
        .operations
        .iter()
        .map(|op| op.fn_name.as_str())
        .collect();
    let default_url = default_base_url(api);
    let module_doc = format!(" An async HTTP client for {}, over reqwest.", api.title);
    let constants = constants(api, default_url.as_deref());
    let constructors = constructors(default_url.is_some(), &taken);
    let builder = builder(api, default_url.is_some());
    let methods = api.operations.iter().map(|op| operation::method(api, op));
    let default_impl = (default_url.is_some() && !taken.contains(&"new")).then(|| {
        quote! {
            impl ::std::default::Default for Client {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let title_doc = format!(" A client for {}.", api.title);
    quote! {
        #![doc = #module_doc]
        #![doc = ""]
        #![doc = " Build a [`Client`] with [`Client::builder`] (credentials, a custom"]
        #![doc = " `reqwest::Client`, a hook) and call one method per operation; each"]
        #![doc = " returns the operation's success enum, or an"]
        #![doc = " [`Error`](runtime::Error) holding its error enum."]

        use ::openapi_forge_runtime::client as runtime;

        #[doc = #title_doc]
        #[doc = ""]
        #[doc = " Cloning is cheap: clones share the connection pool."]
        #[derive(Debug, Clone)]
        pub struct Client {
            core: runtime::ClientCore,
        }

        impl Client {
            #constants
            #constructors
            #(#methods)*
        }

        #default_impl

        #builder
    }
}

/// The first server URL, when it is absolute (a relative one cannot be a
/// base URL on its own).
fn default_base_url(api: &Api) -> Option<String> {
    let url = &api.servers.first()?.url;
    (url.starts_with("http://") || url.starts_with("https://")).then(|| url.clone())
}

fn constants(api: &Api, default_url: Option<&str>) -> TokenStream {
    let url = default_url.map(|url| {
        let doc = format!(" The default base URL: the spec's first server, `{url}`.");
        quote! {
            #[doc = #doc]
            pub const DEFAULT_BASE_URL: &'static str = #url;
        }
    });
    let versioning = api.versioning.as_ref().map(|versioning| {
        let prefix = &versioning.prefix;
        let aliases = &versioning.aliases;
        let prefix_doc = format!(
            " The path prefix of version `{}`, used unless an alias is chosen.",
            versioning.current
        );
        quote! {
            #[doc = #prefix_doc]
            pub const VERSIONED_PREFIX: &'static str = #prefix;
            #[doc = " Prefixes that also serve the current version; see"]
            #[doc = " [`ClientBuilder::use_alias`]."]
            pub const ALIASES: &'static [&'static str] = &[#(#aliases),*];
        }
    });
    quote!(#url #versioning)
}

fn constructors(has_default: bool, taken: &[&str]) -> TokenStream {
    let free = |name: &str| !taken.contains(&name);
    let new = (has_default && free("new")).then(|| {
        quote! {
            /// A client for [`Client::DEFAULT_BASE_URL`] with default settings.
            pub fn new() -> Self {
                ClientBuilder::new(Self::DEFAULT_BASE_URL).build()
            }
        }
    });
    let with_base_url = free("with_base_url").then(|| {
        let into_string = quote!(impl ::std::convert::Into<::std::string::String>);
        quote! {
            /// A client for `base_url` (scheme, host and any path prefix in
            /// front of the spec's paths) with default settings.
            pub fn with_base_url(base_url: #into_string) -> Self {
                ClientBuilder::new(base_url).build()
            }
        }
    });
    let builder = free("builder").then(|| {
        if has_default {
            quote! {
                /// A builder for [`Client::DEFAULT_BASE_URL`].
                pub fn builder() -> ClientBuilder {
                    ClientBuilder::new(Self::DEFAULT_BASE_URL)
                }
            }
        } else {
            quote! {
                /// A builder for `base_url` (the spec names no absolute server).
                pub fn builder(
                    base_url: impl ::std::convert::Into<::std::string::String>,
                ) -> ClientBuilder {
                    ClientBuilder::new(base_url)
                }
            }
        }
    });
    quote!(#new #with_base_url #builder)
}

fn builder(api: &Api, has_default: bool) -> TokenStream {
    let alias = api.versioning.as_ref().map(|versioning| {
        let example = versioning.aliases.first().map_or("/api", String::as_str);
        let prefix = &versioning.prefix;
        let doc = [
            format!(" Sends the versioned operations under `alias` (e.g. `{example}`, one of"),
            format!(" [`Client::ALIASES`]) instead of `{prefix}`; the others keep their"),
            " paths.".to_owned(),
        ];
        let into_string = quote!(impl ::std::convert::Into<::std::string::String>);
        quote! {
            #(#[doc = #doc])*
            pub fn use_alias(mut self, alias: #into_string) -> Self {
                self.core.set_alias(Some(alias.into()));
                self
            }

            /// Sends the versioned operations under [`Client::VERSIONED_PREFIX`] (the default).
            pub fn use_versioned_prefix(mut self) -> Self {
                self.core.set_alias(None);
                self
            }
        }
    });
    let new_core = quote!(runtime::ClientCore::new(base_url));
    let core = match &api.versioning {
        Some(versioning) => {
            let prefix = &versioning.prefix;
            quote! {
                let mut core = #new_core;
                core.set_versioned_prefix(#prefix);
            }
        }
        None => quote!(let core = #new_core;),
    };
    let schemes = api.security_schemes.iter().map(scheme_setter);
    let new_doc = if has_default {
        " A builder for `base_url`; [`Client::builder`] starts from the default."
    } else {
        " A builder for `base_url`."
    };
    quote! {
        /// Settings for a [`Client`]: base URL, credentials, the
        /// `reqwest::Client` to use, a hook.
        ///
        /// `ClientBuilder::from(client)` turns a client back into a builder,
        /// e.g. to replace an expired token.
        #[derive(Debug, Clone)]
        pub struct ClientBuilder {
            core: runtime::ClientCore,
        }

        impl ClientBuilder {
            #[doc = #new_doc]
            pub fn new(base_url: impl ::std::convert::Into<::std::string::String>) -> Self {
                #core
                ClientBuilder { core }
            }

            /// Uses `http` for every request: timeouts, proxies, TLS and
            /// default headers are configured there.
            pub fn http_client(mut self, http: ::openapi_forge_runtime::reqwest::Client) -> Self {
                self.core.set_http_client(http);
                self
            }

            /// Installs a hook that sees every request before it is sent
            /// and every response.
            pub fn hook(mut self, hook: impl runtime::Hook + 'static) -> Self {
                self.core.set_hook(::std::sync::Arc::new(hook));
                self
            }

            #alias
            #(#schemes)*

            /// The client.
            pub fn build(self) -> Client {
                Client { core: self.core }
            }
        }

        impl ::std::convert::From<Client> for ClientBuilder {
            fn from(client: Client) -> Self {
                ClientBuilder { core: client.core }
            }
        }
    }
}

/// `with_<scheme>`: stores the credential of one security scheme.
fn scheme_setter(scheme: &SecurityScheme) -> TokenStream {
    let method = ident(&format!("with_{}", scheme.name));
    let key = &scheme.name;
    let runtime = quote!(runtime);
    let mut doc = match &scheme.kind {
        SchemeKind::Bearer => format!("Sends `token` as a bearer token (scheme `{}`)", scheme.key),
        SchemeKind::Basic => format!("Sends HTTP basic credentials (scheme `{}`)", scheme.key),
        SchemeKind::ApiKey { location, name } => {
            let place = match location {
                ParamLocation::Header => "header",
                ParamLocation::Query => "query parameter",
                ParamLocation::Cookie => "cookie",
                ParamLocation::Path => "path parameter",
            };
            format!(
                "Sends `key` in the {place} `{name}` (scheme `{}`)",
                scheme.key
            )
        }
    };
    doc.push_str("\nto the operations that require it; it never reaches logs or `Debug` output.");
    let description = scheme.description.as_deref().map(doc_attrs);
    let (params, credential) = match &scheme.kind {
        SchemeKind::Bearer => (
            quote!(token: impl ::std::convert::Into<#runtime::Secret>),
            quote!(#runtime::Credential::bearer(token)),
        ),
        SchemeKind::Basic => (
            quote! {
                user: impl ::std::convert::Into<::std::string::String>,
                password: impl ::std::convert::Into<#runtime::Secret>
            },
            quote!(#runtime::Credential::basic(user, password)),
        ),
        SchemeKind::ApiKey { location, name } => {
            let constructor = match location {
                ParamLocation::Query => quote!(query_key),
                ParamLocation::Cookie => quote!(cookie_key),
                // A key "in: path" is not valid OpenAPI; a header is the
                // closest place that still authenticates.
                ParamLocation::Header | ParamLocation::Path => quote!(header_key),
            };
            (
                quote!(key: impl ::std::convert::Into<#runtime::Secret>),
                quote!(#runtime::Credential::#constructor(#name, key)),
            )
        }
    };
    let doc = doc.lines().map(|line| format!(" {line}"));
    let description = description.map(|attrs| quote!(#[doc = ""] #attrs));
    quote! {
        #(#[doc = #doc])*
        #description
        pub fn #method(mut self, #params) -> Self {
            self.core.set_credential(#key, #credential);
            self
        }
    }
}
