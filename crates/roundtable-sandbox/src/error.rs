//! The errors of the domain layer, one per documented status.

use std::collections::BTreeMap;

/// Why an operation did not succeed. Each case maps to one HTTP status and
/// to the API's error body `{"error": message, "details": ...}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainError {
    /// 400: invalid for anyone. `details` maps a field to its problem.
    BadRequest {
        message: String,
        details: BTreeMap<String, String>,
    },
    /// 401: missing, malformed, expired or revoked token.
    Unauthorized(String),
    /// 403: a valid caller that is not allowed to do this.
    Forbidden(String),
    /// 404: no such resource in the caller's organization.
    NotFound(String),
    /// 409: a clash with the current state.
    Conflict(String),
    /// 500: the store failed.
    Internal(String),
}

impl DomainError {
    /// A 400 about one field.
    pub fn invalid_field(field: &str, problem: impl Into<String>) -> Self {
        let mut details = BTreeMap::new();
        details.insert(field.to_owned(), problem.into());
        DomainError::BadRequest {
            message: "invalid request".to_owned(),
            details,
        }
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            DomainError::BadRequest { .. } => 400,
            DomainError::Unauthorized(_) => 401,
            DomainError::Forbidden(_) => 403,
            DomainError::NotFound(_) => 404,
            DomainError::Conflict(_) => 409,
            DomainError::Internal(_) => 500,
        }
    }

    /// The human-readable message for the error body.
    pub fn message(&self) -> &str {
        match self {
            DomainError::BadRequest { message, .. } => message,
            DomainError::Unauthorized(message)
            | DomainError::Forbidden(message)
            | DomainError::NotFound(message)
            | DomainError::Conflict(message)
            | DomainError::Internal(message) => message,
        }
    }

    /// The `details` value for the error body, when there is one.
    pub fn details(&self) -> Option<serde_json::Value> {
        match self {
            DomainError::BadRequest { details, .. } if !details.is_empty() => Some(
                details
                    .iter()
                    .map(|(field, problem)| {
                        (field.clone(), serde_json::Value::from(problem.as_str()))
                    })
                    .collect::<serde_json::Map<_, _>>()
                    .into(),
            ),
            _ => None,
        }
    }
}

impl std::fmt::Display for DomainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status(), self.message())
    }
}

impl std::error::Error for DomainError {}

impl From<rusqlite::Error> for DomainError {
    fn from(error: rusqlite::Error) -> Self {
        DomainError::Internal(format!("store: {error}"))
    }
}

/// The result of a domain operation.
pub type DomainResult<T> = Result<T, DomainError>;
