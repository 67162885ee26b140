//! A read response, and the helpers generated code decodes it with.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{DecodeError, Error};

/// Which statuses a documented response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatch {
    /// Exactly this code.
    Code(u16),
    /// Every code with this leading digit (`4XX` is `Range(4)`).
    Range(u8),
    /// Every code not otherwise documented.
    Default,
}

/// A response whose body has been read completely.
#[derive(Debug, Clone)]
pub struct Response {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

/// How much of an undecodable body an error keeps.
const BODY_START: usize = 512;

impl Response {
    /// A response from its parts.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Response {
        Response {
            status,
            headers,
            body,
        }
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The status as a number, for the `status` field of range and
    /// `default` responses.
    pub fn status_code(&self) -> u16 {
        self.status.as_u16()
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The raw body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The index in `documented` of the response that covers this status:
    /// an exact code first, then a range, then `default`.
    pub fn pick(&self, documented: &[StatusMatch]) -> Option<usize> {
        let code = self.status.as_u16();
        let exact = documented
            .iter()
            .position(|m| *m == StatusMatch::Code(code));
        let range = || {
            let digit = u8::try_from(code / 100).ok()?;
            documented
                .iter()
                .position(|m| *m == StatusMatch::Range(digit))
        };
        let default = || documented.iter().position(|m| *m == StatusMatch::Default);
        exact.or_else(range).or_else(default)
    }

    /// The body as JSON.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        serde_json::from_slice(&self.body).map_err(|error| self.decode_error(error.to_string()))
    }

    /// The body as text: a string type takes it as it is; other types
    /// (enums, numbers) parse it like a JSON value.
    pub fn text<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        let text = std::str::from_utf8(&self.body)
            .map_err(|error| self.decode_error(format!("body is not UTF-8: {error}")))?;
        from_text(text).map_err(|message| self.decode_error(message))
    }

    /// The body as bytes.
    pub fn bytes(&self) -> Bytes {
        self.body.clone()
    }

    /// An optional response header, parsed like [`Response::text`]; a value
    /// that does not parse is an error, not `None`.
    pub fn header<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, DecodeError> {
        let Some(value) = self.headers.get(name) else {
            return Ok(None);
        };
        let text = value
            .to_str()
            .map_err(|_| self.decode_error(format!("header `{name}` is not visible ASCII")))?;
        from_text(text.trim())
            .map(Some)
            .map_err(|message| self.decode_error(format!("header `{name}`: {message}")))
    }

    /// A required response header.
    pub fn required_header<T: DeserializeOwned>(&self, name: &str) -> Result<T, DecodeError> {
        self.header(name)?
            .ok_or_else(|| self.decode_error(format!("required header `{name}` is missing")))
    }

    /// The error for a documented error response.
    pub fn documented<E>(&self, error: E) -> Error<E> {
        Error::Documented {
            status: self.status,
            error,
        }
    }

    /// The error for a documented error response whose variant holds the
    /// JSON body alone: `Err(response.error_json(Error::NotFound)?)`. The
    /// variant's constructor is the function applied to the decoded body,
    /// which keeps each decoding arm of a generated method one call.
    pub fn error_json<T, E>(&self, variant: impl FnOnce(T) -> E) -> Result<Error<E>, DecodeError>
    where
        T: DeserializeOwned,
    {
        Ok(self.documented(variant(self.json()?)))
    }

    /// The error for a status the operation does not document.
    pub fn unexpected<E>(self) -> Error<E> {
        Error::UnexpectedStatus {
            status: self.status,
            headers: self.headers,
            body: self.body,
        }
    }

    fn decode_error(&self, message: String) -> DecodeError {
        let end = self.body.len().min(BODY_START);
        let body_start = String::from_utf8_lossy(self.body.get(..end).unwrap_or_default());
        DecodeError {
            status: self.status,
            message,
            body_start: body_start.into_owned(),
        }
    }
}

/// Parses text into `T`: as a JSON string first (strings, string enums,
/// dates), then as JSON text (numbers, booleans, integer enums).
fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(Value::String(text.to_owned()))
        .or_else(|_| serde_json::from_str(text))
        .map_err(|error: serde_json::Error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &'static str) -> Response {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::IM_A_TEAPOT);
        Response::new(
            status,
            HeaderMap::new(),
            Bytes::from_static(body.as_bytes()),
        )
    }

    #[test]
    fn picks_exact_then_range_then_default() {
        let documented = [
            StatusMatch::Code(200),
            StatusMatch::Code(404),
            StatusMatch::Range(4),
            StatusMatch::Default,
        ];
        assert_eq!(response(404, "").pick(&documented), Some(1));
        assert_eq!(response(409, "").pick(&documented), Some(2));
        assert_eq!(response(503, "").pick(&documented), Some(3));
        assert_eq!(response(503, "").pick(&documented[..2]), None);
    }

    #[test]
    fn text_parses_strings_and_numbers() {
        assert_eq!(response(200, "12").text::<i64>().ok(), Some(12));
        assert_eq!(
            response(200, "12").text::<String>().ok().as_deref(),
            Some("12")
        );
        let error = response(200, "twelve").text::<i64>().err();
        assert_eq!(error.map(|e| e.body_start).as_deref(), Some("twelve"));
    }
}
