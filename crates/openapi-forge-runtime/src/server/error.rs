//! Rejections and the error format they are written in.

use std::collections::BTreeMap;

use axum::response::{IntoResponse, Response};
use http::{HeaderName, HeaderValue, StatusCode};

/// The body shape of the API's errors: which property holds the message and
/// which one holds details.
///
/// The spec declares it (`Api::error_format`); without one, rejections use
/// `{"error": ..., "details": ...}`. Only these two properties are written,
/// so an error schema with further required properties gets bodies that lack
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorFormat {
    /// The wire name of the message property.
    pub message: &'static str,
    /// The wire name of the details property, if the format has one.
    pub details: Option<&'static str>,
    /// Whether the details property is a string: details are then written
    /// as one text (`field: problem; ...`) rather than an object.
    pub details_as_text: bool,
}

impl Default for ErrorFormat {
    fn default() -> Self {
        ErrorFormat {
            message: "error",
            details: Some("details"),
            details_as_text: false,
        }
    }
}

/// A request refused before (or instead of) a declared response: a status, a
/// message and per-field problems.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    status: StatusCode,
    message: String,
    details: BTreeMap<String, String>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl Rejection {
    /// A rejection with `status` and `message`.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Rejection {
            status,
            message: message.into(),
            details: BTreeMap::new(),
            headers: Vec::new(),
        }
    }

    /// 400.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 401.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }

    /// 403.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    /// 404.
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "no such resource")
    }

    /// 500, without revealing the cause to the caller.
    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error")
    }

    /// 501: the operation has no implementation yet.
    pub fn not_implemented() -> Self {
        Self::new(StatusCode::NOT_IMPLEMENTED, "not implemented")
    }

    /// Adds a problem with one field; problems of one field are joined.
    pub fn detail(mut self, field: impl Into<String>, problem: impl Into<String>) -> Self {
        self.add_detail(field.into(), problem.into());
        self
    }

    pub(crate) fn add_detail(&mut self, field: String, problem: String) {
        self.details
            .entry(field)
            .and_modify(|known| {
                known.push_str("; ");
                known.push_str(&problem);
            })
            .or_insert(problem);
    }

    /// Adds a response header.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Problems by field.
    pub fn details(&self) -> &BTreeMap<String, String> {
        &self.details
    }

    /// The rejection's JSON body in `format`.
    pub fn body(&self, format: &ErrorFormat) -> serde_json::Value {
        let mut body = serde_json::Map::new();
        body.insert(format.message.to_owned(), self.message.clone().into());
        if let Some(details) = format.details.filter(|_| !self.details.is_empty()) {
            let value = if format.details_as_text {
                let items = self.details.iter().map(|(k, v)| format!("{k}: {v}"));
                serde_json::Value::String(items.collect::<Vec<_>>().join("; "))
            } else {
                let map = self
                    .details
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone().into()));
                serde_json::Value::Object(map.collect())
            };
            body.insert(details.to_owned(), value);
        }
        serde_json::Value::Object(body)
    }

    /// The response: status, headers and the body in `format`.
    pub fn render(&self, format: &ErrorFormat) -> Response {
        let body = self.body(format).to_string();
        let mut response = (
            self.status,
            [(
                http::header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body,
        )
            .into_response();
        for (name, value) in &self.headers {
            response.headers_mut().insert(name.clone(), value.clone());
        }
        response
    }
}

/// Why an implementer's method did not succeed: one of the operation's
/// documented errors, or a rejection in the API's error format (501 for
/// methods left unimplemented, 500, or any other status).
#[derive(Debug)]
pub enum Failure<E> {
    /// A documented error response.
    Declared(E),
    /// An undocumented answer in the error format.
    Rejected(Rejection),
}

impl<E> Failure<E> {
    /// 501, the answer of every method the implementer has not written.
    pub fn not_implemented() -> Self {
        Failure::Rejected(Rejection::not_implemented())
    }

    /// 500 with a generic message.
    pub fn internal() -> Self {
        Failure::Rejected(Rejection::internal())
    }
}

impl<E> From<E> for Failure<E> {
    fn from(error: E) -> Self {
        Failure::Declared(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_follow_the_format() {
        let rejection = Rejection::bad_request("invalid request")
            .detail("name", "is required")
            .detail("name", "must be short")
            .detail("limit", "must be at most 10");
        let object = rejection.body(&ErrorFormat::default());
        let expected = serde_json::json!({
            "error": "invalid request",
            "details": {"limit": "must be at most 10", "name": "is required; must be short"},
        });
        assert_eq!(object, expected);
        let text = ErrorFormat {
            message: "title",
            details: Some("detail"),
            details_as_text: true,
        };
        let expected = serde_json::json!({
            "title": "invalid request",
            "detail": "limit: must be at most 10; name: is required; must be short",
        });
        assert_eq!(rejection.body(&text), expected);
        let bare = ErrorFormat {
            message: "message",
            details: None,
            details_as_text: false,
        };
        assert_eq!(
            rejection.body(&bare),
            serde_json::json!({"message": "invalid request"})
        );
    }
}
