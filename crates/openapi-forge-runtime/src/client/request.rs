//! The request builder every generated method goes through.

use bytes::Bytes;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, COOKIE};
use serde::Serialize;
use serde_json::Value;
use tracing::Instrument as _;

use super::query::{self, Style};
use super::secret::KeyLocation;
use super::{ClientCore, Credential, Multipart, Operation, Response, SendError};

/// One request under construction: path pieces, parameters and a body,
/// in the order a generated method supplies them.
///
/// Methods never fail on their own: the first problem (a value that does
/// not serialize, a header value with a line break) is kept and returned by
/// [`RequestBuilder::send`] before anything goes on the wire.
#[derive(Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct RequestBuilder<'a> {
    core: &'a ClientCore,
    operation: &'a Operation,
    path: String,
    query: Vec<String>,
    headers: Vec<(HeaderName, HeaderValue)>,
    cookies: Vec<String>,
    body: Option<Body>,
    error: Option<String>,
}

#[derive(Debug)]
enum Body {
    Bytes { content_type: String, bytes: Bytes },
    Multipart(Multipart),
}

impl<'a> RequestBuilder<'a> {
    pub(crate) fn new(core: &'a ClientCore, operation: &'a Operation) -> RequestBuilder<'a> {
        RequestBuilder {
            core,
            operation,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            error: None,
        }
    }

    /// Appends literal path text from the template, as written.
    pub fn path(mut self, literal: &str) -> Self {
        self.path.push_str(literal);
        self
    }

    /// Appends a path parameter in the `simple` style, percent-encoded so
    /// that `/`, `?`, `#`, spaces and non-ASCII stay inside the segment.
    pub fn path_param<T: Serialize + ?Sized>(self, value: &T) -> Self {
        self.path_param_styled("", value, Style::Simple, false)
    }

    /// Appends a path parameter in the given style (`label`, `matrix`).
    pub fn path_param_styled<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
    ) -> Self {
        if let Some(value) = self.serialize_value(name, value) {
            let text = query::path_text(name, &value, style, explode);
            self.path.push_str(&text);
        }
        self
    }

    /// Adds a query parameter; `None` adds nothing, an empty string adds
    /// `name=`.
    pub fn query<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
    ) -> Self {
        if let Some(value) = self.serialize_value(name, value) {
            self.query
                .extend(query::query_pairs(name, &value, style, explode));
        }
        self
    }

    /// Adds a header parameter (`simple` style); `None` adds nothing.
    pub fn header<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        let Some(text) = self
            .serialize_value(name, value)
            .and_then(|v| query::header_text(&v, false))
        else {
            return self;
        };
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&text),
        ) {
            (Ok(name), Ok(value)) => self.headers.push((name, value)),
            _ => self.fail(format!(
                "header parameter `{name}` is not a valid header value"
            )),
        }
        self
    }

    /// Adds a cookie parameter; all cookies travel in one `Cookie` header.
    pub fn cookie<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        if let Some(text) = self
            .serialize_value(name, value)
            .and_then(|v| query::cookie_text(&v))
        {
            self.cookies.push(format!("{name}={text}"));
        }
        self
    }

    /// A JSON body (`application/json` or a `+json` type).
    pub fn json<T: Serialize + ?Sized>(mut self, content_type: &str, body: &T) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.set_body(content_type, bytes.into()),
            Err(error) => self.fail(format!("body does not serialize: {error}")),
        }
        self
    }

    /// An `application/x-www-form-urlencoded` body: each property as a
    /// form-exploded field.
    pub fn form<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        if let Some(value) = self.serialize_value("body", body) {
            let text = query::form_body(&value);
            self.set_body("application/x-www-form-urlencoded", text.into());
        }
        self
    }

    /// A text body; strings travel as they are, other values as JSON text.
    pub fn text<T: Serialize + ?Sized>(mut self, content_type: &str, body: &T) -> Self {
        if let Some(value) = self.serialize_value("body", body) {
            self.set_body(content_type, query::scalar_text(&value).into());
        }
        self
    }

    /// A binary body.
    pub fn binary(mut self, content_type: &str, body: impl Into<Bytes>) -> Self {
        self.set_body(content_type, body.into());
        self
    }

    /// A `multipart/form-data` body.
    pub fn multipart(mut self, body: Multipart) -> Self {
        self.body = Some(Body::Multipart(body));
        self
    }

    /// Applies `then` to the value when there is one: how generated code
    /// passes an optional body.
    pub fn maybe<T>(self, value: Option<T>, then: impl FnOnce(Self, T) -> Self) -> Self {
        match value {
            Some(value) => then(self, value),
            None => self,
        }
    }

    fn set_body(&mut self, content_type: &str, bytes: Bytes) {
        self.body = Some(Body::Bytes {
            content_type: content_type.to_owned(),
            bytes,
        });
    }

    fn fail(&mut self, message: String) {
        self.error.get_or_insert(message);
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Option<Value> {
        match serde_json::to_value(value) {
            Ok(Value::Null) => None,
            Ok(value) => Some(value),
            Err(error) => {
                self.fail(format!("parameter `{name}` does not serialize: {error}"));
                None
            }
        }
    }

    /// Applies the credentials, sends the request (through the hook, in a
    /// tracing span) and reads the whole response.
    ///
    /// The body is read into memory before decoding; large downloads are
    /// not streamed.
    pub async fn send(self) -> Result<Response, SendError> {
        let operation = *self.operation;
        let span = tracing::info_span!(
            "openapi_call",
            operation = operation.id,
            method = operation.method.as_str(),
            path = operation.path,
            status = tracing::field::Empty,
        );
        let core = self.core;
        let (request, key_in_url) = self.build()?;
        let hook = core.hook.clone();
        let http = core.http.clone();
        async move {
            let mut request = request;
            if let Some(hook) = &hook {
                hook.on_request(&operation, &mut request);
            }
            let hide_url = |error: reqwest::Error| {
                SendError::Transport(if key_in_url {
                    error.without_url()
                } else {
                    error
                })
            };
            let response = http.execute(request).await.map_err(hide_url)?;
            let status = response.status();
            tracing::Span::current().record("status", status.as_u16());
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(hide_url)?;
            let response = Response::new(status, headers, body);
            if let Some(hook) = &hook {
                hook.on_response(&operation, &response);
            }
            tracing::debug!(status = status.as_u16(), "response received");
            Ok(response)
        }
        .instrument(span)
        .await
    }

    /// The reqwest request, and whether a credential travels in its URL.
    fn build(mut self) -> Result<(reqwest::Request, bool), SendError> {
        let mut key_in_url = false;
        let mut key_cookies = 0;
        let mut authorization = None;
        for credential in self.core.credentials_for(self.operation) {
            match credential {
                Credential::ApiKey {
                    location: KeyLocation::Header,
                    name,
                    value,
                } => {
                    match (
                        HeaderName::from_bytes(name.as_bytes()),
                        sensitive(value.expose()),
                    ) {
                        (Ok(name), Some(value)) => self.headers.push((name, value)),
                        _ => self.fail(format!("the API key for header `{name}` is invalid")),
                    }
                }
                Credential::ApiKey {
                    location: KeyLocation::Query,
                    name,
                    value,
                } => {
                    key_in_url = true;
                    self.query.push(format!(
                        "{}={}",
                        query::encode(name),
                        query::encode(value.expose())
                    ));
                }
                Credential::ApiKey {
                    location: KeyLocation::Cookie,
                    name,
                    value,
                } => {
                    // Credentials lead the `Cookie` header, before parameters.
                    let value = query::encode_cookie(value.expose());
                    self.cookies.insert(key_cookies, format!("{name}={value}"));
                    key_cookies += 1;
                }
                other => authorization = other.authorization(),
            }
        }
        if let Some(error) = self.error {
            return Err(SendError::Build(error));
        }
        let path = self.core.routed_path(self.operation, self.path);
        if path.split('/').any(is_dot_segment) {
            let message = "a path parameter is `.` or `..`, which URLs cannot carry";
            return Err(SendError::Build(message.to_owned()));
        }
        let mut url = format!("{}{path}", self.core.base_url);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&self.query.join("&"));
        }
        let url = reqwest::Url::parse(&url).map_err(|error| {
            let base = &self.core.base_url;
            SendError::Build(format!("invalid URL under base URL {base:?}: {error}"))
        })?;
        let mut builder = self
            .core
            .http
            .request(self.operation.method.to_reqwest(), url);
        for (name, value) in self.headers {
            builder = builder.header(name, value);
        }
        if let Some(authorization) = authorization {
            let value = sensitive(&authorization)
                .ok_or_else(|| SendError::Build("the credential is not a valid header".into()))?;
            builder = builder.header(AUTHORIZATION, value);
        }
        if !self.cookies.is_empty() {
            let value = sensitive(&self.cookies.join("; "))
                .ok_or_else(|| SendError::Build("a cookie is not a valid header".into()))?;
            builder = builder.header(COOKIE, value);
        }
        match self.body {
            Some(Body::Bytes {
                content_type,
                bytes,
            }) => {
                let value = HeaderValue::from_str(&content_type).map_err(|_| {
                    SendError::Build(format!("invalid body media type {content_type:?}"))
                })?;
                builder = builder.header(CONTENT_TYPE, value).body(bytes);
            }
            Some(Body::Multipart(body)) => {
                builder = builder.multipart(body.into_form().map_err(SendError::Build)?);
            }
            None => {}
        }
        let request = builder
            .build()
            .map_err(|error| SendError::Build(error.to_string()))?;
        Ok((request, key_in_url))
    }
}

/// A header value that reqwest keeps out of its `Debug` output.
fn sensitive(text: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(text).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// Whether a segment would be read as `.` or `..` and dropped by URL
/// normalization (`%2e` counts as a dot there).
fn is_dot_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "." | ".." | "%2e" | ".%2e" | "%2e." | "%2e%2e"
    )
}
