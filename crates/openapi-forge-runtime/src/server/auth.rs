//! Authentication from an operation's security requirements.
//!
//! The runtime finds the credentials a requirement asks for (a bearer token,
//! basic credentials, an API key in a header, query parameter or cookie) and
//! refuses with 401 when none of the alternatives is present and well
//! formed; the implementer's [`Authenticate`] hook decides whether the
//! credentials are good and who the caller is.

use std::future::Future;

use http::request::Parts;
use http::{header, HeaderValue};

use super::error::Rejection;
use super::input::{cookie_pairs, query_pairs};

/// A credential value. Its `Debug` output never shows the value, so tokens
/// cannot reach logs by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value, for the code that checks it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Where an API key travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// One security scheme of the spec, as the server checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `Authorization: Bearer <token>`.
    Bearer {
        /// The key under `components/securitySchemes`.
        key: &'static str,
    },
    /// `Authorization: Basic <base64 of user:password>`.
    Basic {
        /// The key under `components/securitySchemes`.
        key: &'static str,
    },
    /// An API key.
    ApiKey {
        /// The key under `components/securitySchemes`.
        key: &'static str,
        /// Where the key travels.
        location: KeyLocation,
        /// The header, parameter or cookie name.
        name: &'static str,
    },
}

impl Scheme {
    /// The key under `components/securitySchemes`.
    pub fn key(&self) -> &'static str {
        match *self {
            Scheme::Bearer { key } | Scheme::Basic { key } | Scheme::ApiKey { key, .. } => key,
        }
    }

    /// The credential this scheme finds in a request, if present and well
    /// formed.
    fn find(&self, parts: &Parts) -> Option<Credential> {
        let (kind, secret) = match *self {
            Scheme::Bearer { .. } => {
                let token = authorization(parts, "bearer")?;
                (CredentialKind::Bearer, token)
            }
            Scheme::Basic { .. } => {
                use base64::Engine as _;
                let encoded = authorization(parts, "basic")?;
                let decoded = base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .ok()?;
                let text = String::from_utf8(decoded).ok()?;
                let (user, password) = text.split_once(':')?;
                (
                    CredentialKind::Basic {
                        user: user.to_owned(),
                    },
                    password.to_owned(),
                )
            }
            Scheme::ApiKey { location, name, .. } => {
                let value = match location {
                    KeyLocation::Header => parts
                        .headers
                        .get_all(name)
                        .iter()
                        .find_map(|value| value.to_str().ok())
                        .map(|value| value.trim().to_owned()),
                    KeyLocation::Query => query_pairs(parts.uri.query().unwrap_or_default())
                        .into_iter()
                        .find_map(|(key, value)| (key == name).then_some(value)),
                    KeyLocation::Cookie => cookie_pairs(&parts.headers)
                        .into_iter()
                        .find_map(|(key, value)| (key == name).then_some(value)),
                }?;
                (CredentialKind::ApiKey, value)
            }
        };
        (!secret.is_empty()).then(|| Credential {
            scheme: self.key(),
            kind,
            secret: Secret(secret),
        })
    }
}

/// The credentials after `Bearer`/`Basic` in the `Authorization` header.
fn authorization(parts: &Parts, scheme: &str) -> Option<String> {
    let value = parts
        .headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .trim();
    let (name, rest) = value.split_once(' ')?;
    name.eq_ignore_ascii_case(scheme)
        .then(|| rest.trim().to_owned())
}

/// What kind of credential was presented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialKind {
    /// A bearer token.
    Bearer,
    /// Basic credentials; the secret is the password.
    Basic {
        /// The user name.
        user: String,
    },
    /// An API key.
    ApiKey,
}

/// One credential found in a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    /// The key of the scheme under `components/securitySchemes`.
    pub scheme: &'static str,
    /// What kind of credential it is.
    pub kind: CredentialKind,
    /// The token, key or password.
    pub secret: Secret,
}

/// The credentials of the one security requirement a request satisfied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The `operationId` being called.
    pub operation: &'static str,
    /// One credential per scheme of the requirement.
    pub items: Vec<Credential>,
}

impl Credentials {
    /// The credential for the scheme with `key`.
    pub fn get(&self, key: &str) -> Option<&Credential> {
        self.items.iter().find(|item| item.scheme == key)
    }

    /// The first bearer token presented.
    pub fn bearer(&self) -> Option<&Secret> {
        self.items
            .iter()
            .find(|item| item.kind == CredentialKind::Bearer)
            .map(|item| &item.secret)
    }
}

/// Why credentials were not accepted: 401 (unknown, expired, revoked) or
/// 403 (valid, but not allowed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthError {
    forbidden: bool,
    message: String,
}

impl AuthError {
    /// 401: the credentials do not identify anyone.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        AuthError {
            forbidden: false,
            message: message.into(),
        }
    }

    /// 403: the caller is known but may not do this.
    pub fn forbidden(message: impl Into<String>) -> Self {
        AuthError {
            forbidden: true,
            message: message.into(),
        }
    }

    fn into_rejection(self, alternatives: &[&[Scheme]]) -> Rejection {
        if self.forbidden {
            Rejection::forbidden(self.message)
        } else {
            challenge(Rejection::unauthorized(self.message), alternatives)
        }
    }
}

/// Adds `WWW-Authenticate` to a 401 when a bearer or basic scheme would do.
fn challenge(rejection: Rejection, alternatives: &[&[Scheme]]) -> Rejection {
    let mut schemes = alternatives
        .iter()
        .flat_map(|requirement| requirement.iter());
    let challenge = schemes.find_map(|scheme| match scheme {
        Scheme::Bearer { .. } => Some("Bearer"),
        Scheme::Basic { .. } => Some("Basic"),
        Scheme::ApiKey { .. } => None,
    });
    match challenge {
        Some(value) => rejection.header(header::WWW_AUTHENTICATE, HeaderValue::from_static(value)),
        None => rejection,
    }
}

/// The implementer's authentication hook, reached through the generated
/// trait.
pub trait Authenticate: Send + Sync + 'static {
    /// Who the caller is, once authenticated.
    type Principal: Send + 'static;

    /// Checks `credentials` and names the caller.
    fn authenticate(
        &self,
        credentials: Credentials,
    ) -> impl Future<Output = Result<Self::Principal, AuthError>> + Send;
}

/// How an operation is protected, and what its method receives.
pub trait Access: Send + Sync + 'static {
    /// What the implementer's method receives about the caller.
    type Given<P: Send + 'static>: Send + 'static;

    /// Authenticates the request, or refuses it.
    fn authorize<A: Authenticate>(
        &self,
        service: &A,
        parts: &Parts,
        operation: &'static str,
    ) -> impl Future<Output = Result<Self::Given<A::Principal>, Rejection>> + Send;
}

/// Authentication is required: the caller satisfies one of the alternatives
/// (each a list of schemes that must all be present).
#[derive(Debug, Clone, Copy)]
pub struct Required(pub &'static [&'static [Scheme]]);

/// Authentication is optional (an alternative is empty): credentials that
/// are present must be good; without any the method receives `None`.
#[derive(Debug, Clone, Copy)]
pub struct Optional(pub &'static [&'static [Scheme]]);

/// No authentication (`security: []`); credentials are not looked at.
#[derive(Debug, Clone, Copy)]
pub struct Public;

/// The credentials of the first alternative whose schemes are all present.
///
/// Only that alternative is checked by the hook: a request that carries two
/// complete alternatives is judged on the first one the spec lists.
fn present(
    parts: &Parts,
    alternatives: &[&[Scheme]],
    operation: &'static str,
) -> Option<Credentials> {
    alternatives
        .iter()
        .filter(|requirement| !requirement.is_empty())
        .find_map(|requirement| {
            let items = requirement
                .iter()
                .map(|scheme| scheme.find(parts))
                .collect::<Option<_>>()?;
            Some(Credentials { operation, items })
        })
}

impl Access for Required {
    type Given<P: Send + 'static> = P;

    async fn authorize<A: Authenticate>(
        &self,
        service: &A,
        parts: &Parts,
        operation: &'static str,
    ) -> Result<A::Principal, Rejection> {
        let Some(credentials) = present(parts, self.0, operation) else {
            let rejection = Rejection::unauthorized("missing or malformed credentials");
            return Err(challenge(rejection, self.0));
        };
        service
            .authenticate(credentials)
            .await
            .map_err(|error| error.into_rejection(self.0))
    }
}

impl Access for Optional {
    type Given<P: Send + 'static> = Option<P>;

    async fn authorize<A: Authenticate>(
        &self,
        service: &A,
        parts: &Parts,
        operation: &'static str,
    ) -> Result<Option<A::Principal>, Rejection> {
        let Some(credentials) = present(parts, self.0, operation) else {
            return Ok(None);
        };
        let principal = service.authenticate(credentials).await;
        principal
            .map(Some)
            .map_err(|error| error.into_rejection(self.0))
    }
}

impl Access for Public {
    type Given<P: Send + 'static> = ();

    async fn authorize<A: Authenticate>(
        &self,
        _service: &A,
        _parts: &Parts,
        _operation: &'static str,
    ) -> Result<(), Rejection> {
        Ok(())
    }
}
