//! Client support: everything a generated reqwest client shares.
//!
//! A generated `Client` wraps one [`ClientCore`] (base URL, `reqwest::Client`,
//! credentials, path alias, hook) and has one short method per operation. Each
//! method describes its [`Operation`] as a constant, feeds its arguments into a
//! [`RequestBuilder`] (which owns all wire encoding), sends it, and picks the
//! documented response with [`Response::pick`] before decoding the body and
//! headers with the helpers on [`Response`]. Failures come back as [`Error`].
//!
//! Secrets ([`Secret`]) never reach `Debug` output or logs; each call runs in
//! a `tracing` span that names the operation, method, path template and
//! status only.

mod error;
mod hook;
mod multipart;
mod query;
mod request;
mod response;
mod secret;

use std::collections::BTreeMap;
use std::sync::Arc;

pub use error::{DecodeError, Error, SendError};
pub use hook::Hook;
pub use multipart::{FileParts, Multipart};
pub use query::Style;
pub use request::RequestBuilder;
pub use response::{Response, StatusMatch};
pub use secret::{Credential, KeyLocation, Secret};

/// An HTTP method of an operation, usable in constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
}

impl Method {
    /// The method as reqwest spells it.
    pub fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Put => reqwest::Method::PUT,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
            Method::Options => reqwest::Method::OPTIONS,
            Method::Head => reqwest::Method::HEAD,
            Method::Patch => reqwest::Method::PATCH,
            Method::Trace => reqwest::Method::TRACE,
        }
    }

    /// The upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

/// What a generated method knows about its operation, as a constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The `operationId` (or the derived id).
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template as the spec writes it, for spans and hooks.
    pub path: &'static str,
    /// Whether the path lies under the versioned prefix, so that an alias
    /// chosen with [`ClientCore::set_alias`] replaces that prefix.
    pub versioned: bool,
    /// Alternatives of security scheme names: the first alternative whose
    /// schemes all have a credential is applied. Empty means none is sent.
    pub security: &'static [&'static [&'static str]],
}

/// The state a generated `Client` holds: where to send requests, with which
/// `reqwest::Client`, which credentials and which path prefix.
///
/// Cloning is cheap: `reqwest::Client` and the hook are shared.
#[derive(Clone)]
pub struct ClientCore {
    base_url: String,
    http: reqwest::Client,
    credentials: BTreeMap<&'static str, Credential>,
    versioned_prefix: Option<&'static str>,
    alias: Option<String>,
    hook: Option<Arc<dyn Hook>>,
}

impl std::fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCore")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("versioned_prefix", &self.versioned_prefix)
            .field("alias", &self.alias)
            .field("hook", &self.hook.as_ref().map(|_| "..."))
            .finish_non_exhaustive()
    }
}

impl ClientCore {
    /// A core that sends to `base_url` (scheme, host and an optional path
    /// prefix; a trailing `/` is ignored) with a default `reqwest::Client`.
    pub fn new(base_url: impl Into<String>) -> ClientCore {
        let mut base_url = base_url.into();
        while base_url.ends_with('/') {
            base_url.pop();
        }
        ClientCore {
            base_url,
            http: reqwest::Client::new(),
            credentials: BTreeMap::new(),
            versioned_prefix: None,
            alias: None,
            hook: None,
        }
    }

    /// The base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The `reqwest::Client` requests go through.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.http
    }

    /// Replaces the `reqwest::Client` (for timeouts, proxies, TLS settings).
    pub fn set_http_client(&mut self, http: reqwest::Client) {
        self.http = http;
    }

    /// Declares the versioned path prefix of the API (`/api/v1`).
    pub fn set_versioned_prefix(&mut self, prefix: &'static str) {
        self.versioned_prefix = Some(prefix);
    }

    /// Sends versioned operations under `alias` (`/api`) instead of the
    /// versioned prefix; `None` goes back to the prefix.
    pub fn set_alias(&mut self, alias: Option<String>) {
        self.alias = alias.map(|mut alias| {
            while alias.ends_with('/') {
                alias.pop();
            }
            alias
        });
    }

    /// The alias in use, if any.
    pub fn alias(&self) -> Option<&str> {
        self.alias.as_deref()
    }

    /// Stores the credential of the security scheme `scheme`.
    pub fn set_credential(&mut self, scheme: &'static str, credential: Credential) {
        self.credentials.insert(scheme, credential);
    }

    /// Forgets the credential of `scheme`.
    pub fn clear_credential(&mut self, scheme: &str) {
        self.credentials.remove(scheme);
    }

    /// Installs a hook that sees every request before it is sent and every
    /// response after its body is read.
    pub fn set_hook(&mut self, hook: Arc<dyn Hook>) {
        self.hook = Some(hook);
    }

    /// Starts a request for `operation`.
    pub fn request<'a>(&'a self, operation: &'a Operation) -> RequestBuilder<'a> {
        RequestBuilder::new(self, operation)
    }

    /// The credentials to send for `operation`: those of the first
    /// alternative whose schemes are all configured.
    fn credentials_for(&self, operation: &Operation) -> Vec<&Credential> {
        operation
            .security
            .iter()
            .filter(|alternative| !alternative.is_empty())
            .find(|alternative| alternative.iter().all(|s| self.credentials.contains_key(s)))
            .map(|alternative| {
                alternative
                    .iter()
                    .filter_map(|s| self.credentials.get(s))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The path after the alias swap, for a path built from `operation`.
    fn routed_path(&self, operation: &Operation, path: String) -> String {
        match (
            operation.versioned,
            self.versioned_prefix,
            self.alias.as_deref(),
        ) {
            (true, Some(prefix), Some(alias)) => match path.strip_prefix(prefix) {
                Some(rest) if rest.is_empty() || rest.starts_with('/') => {
                    format!("{alias}{rest}")
                }
                _ => path,
            },
            _ => path,
        }
    }
}
