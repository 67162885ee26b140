//! Declared responses: status, headers and body as the spec documents them.

use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{HeaderName, HeaderValue, StatusCode};
use serde::Serialize;

/// A value of an operation's success or error enum, turned into its
/// documented response. The generated server implements it for each enum.
pub trait Respond {
    /// The response.
    fn respond(self) -> Response;
}

impl Respond for Response {
    fn respond(self) -> Response {
        self
    }
}

/// A response under construction.
///
/// A header or body that cannot be written (a value that is not valid in a
/// header, a body that does not serialize) turns the whole reply into a 500,
/// since sending part of a documented response would mislead the client.
#[derive(Debug)]
pub struct Reply {
    response: Result<Response, String>,
}

impl Reply {
    /// A reply with `status` and no body.
    pub fn new(status: u16) -> Self {
        let response = StatusCode::from_u16(status)
            .map(IntoResponse::into_response)
            .map_err(|_| format!("invalid status {status}"));
        Reply { response }
    }

    /// Adds header `name` with `value` written as text (strings as they
    /// are, other values as JSON); `None` values are left out.
    pub fn header<T: Serialize + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        let text = match serde_json::to_value(value) {
            Ok(serde_json::Value::Null) => return self,
            Ok(serde_json::Value::String(text)) => text,
            Ok(other) => other.to_string(),
            Err(error) => return self.fail(error.to_string()),
        };
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::try_from(text),
        ) {
            (Ok(name), Ok(value)) => {
                if let Ok(response) = &mut self.response {
                    response.headers_mut().append(name, value);
                }
                self
            }
            _ => self.fail(format!("header `{name}` cannot be written")),
        }
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(self, media_type: &str, body: &T) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.bytes(media_type, Bytes::from(bytes)),
            Err(error) => self.fail(error.to_string()),
        }
    }

    /// Sets a text body.
    pub fn text(self, media_type: &str, body: impl Into<String>) -> Self {
        self.bytes(media_type, Bytes::from(body.into()))
    }

    /// Sets a body of raw bytes.
    pub fn bytes(mut self, media_type: &str, body: Bytes) -> Self {
        let Ok(content_type) = HeaderValue::try_from(media_type) else {
            return self.fail(format!("invalid media type {media_type}"));
        };
        if let Ok(response) = &mut self.response {
            *response.body_mut() = axum::body::Body::from(body);
            response
                .headers_mut()
                .insert(http::header::CONTENT_TYPE, content_type);
        }
        self
    }

    fn fail(mut self, reason: String) -> Self {
        if self.response.is_ok() {
            self.response = Err(reason);
        }
        self
    }

    /// The response; a 500 when part of it could not be written.
    pub fn finish(self) -> Response {
        match self.response {
            Ok(response) => response,
            Err(reason) => {
                tracing::error!(%reason, "a declared response could not be written");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        self.finish()
    }
}
