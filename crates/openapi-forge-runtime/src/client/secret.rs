//! Credentials, kept out of `Debug` output and logs.

use base64::Engine as _;

/// A secret string (token, password, API key). `Debug` and `Display` print
/// `[redacted]`; [`Secret::expose`] is the only way to read it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret text, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Secret {
        Secret(value.to_owned())
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

/// The credential of one security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
    /// `Authorization: Basic <base64 of user:password>`.
    Basic {
        /// The user name.
        user: String,
        /// The password.
        password: Secret,
    },
    /// An API key under `name` in a header, query parameter or cookie.
    ApiKey {
        /// Where the key travels.
        location: KeyLocation,
        /// The header, parameter or cookie name.
        name: &'static str,
        /// The key.
        value: Secret,
    },
}

impl Credential {
    /// An API key sent in the header `name`.
    pub fn header_key(name: &'static str, value: impl Into<Secret>) -> Credential {
        Credential::ApiKey {
            location: KeyLocation::Header,
            name,
            value: value.into(),
        }
    }

    /// An API key sent as the query parameter `name`.
    pub fn query_key(name: &'static str, value: impl Into<Secret>) -> Credential {
        Credential::ApiKey {
            location: KeyLocation::Query,
            name,
            value: value.into(),
        }
    }

    /// An API key sent as the cookie `name`.
    pub fn cookie_key(name: &'static str, value: impl Into<Secret>) -> Credential {
        Credential::ApiKey {
            location: KeyLocation::Cookie,
            name,
            value: value.into(),
        }
    }

    /// A bearer token.
    pub fn bearer(token: impl Into<Secret>) -> Credential {
        Credential::Bearer(token.into())
    }

    /// A user name and password for HTTP basic authentication.
    pub fn basic(user: impl Into<String>, password: impl Into<Secret>) -> Credential {
        Credential::Basic {
            user: user.into(),
            password: password.into(),
        }
    }

    /// The `Authorization` header value, for bearer and basic credentials.
    pub(crate) fn authorization(&self) -> Option<String> {
        match self {
            Credential::Bearer(token) => Some(format!("Bearer {}", token.expose())),
            Credential::Basic { user, password } => {
                let pair = format!("{user}:{}", password.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
                Some(format!("Basic {encoded}"))
            }
            Credential::ApiKey { .. } => None,
        }
    }
}
