//! Reading a request's parameters and body into typed values.
//!
//! Every extraction records its problems instead of stopping at the first,
//! so one 400 lists everything wrong with a request.
//!
//! Known limits: a JSON body that does not fit its Rust type (a missing
//! field, a wrong type) reports only the first such problem, because serde
//! stops there; schema rules checked by `Validate` are all reported. An
//! object query parameter in `form` style with `explode: true` (each
//! property its own `name=value` pair) is read from every pair of the query,
//! so it suits only operations whose other parameters are not objects.
//! Segments holding several parameters are split after percent-decoding, so
//! an encoded separator (`%2E` for `.`) splits like a plain one.

use axum::body::Body;
use axum::extract::{FromRequestParts, RawPathParams};
use bytes::Bytes;
use http::request::Parts;
use http::{header, HeaderMap, StatusCode};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::de::DeserializeOwned;

use super::error::Rejection;
use super::multipart::{self, Part, Received};
use super::rules;
use super::strict::{api_terms, Strict};
use super::text::{from_text, Raw};
use crate::models::Rules;
use crate::models::Validate;

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

/// A parameter's serialization style (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `simple`: comma-separated lists.
    Simple,
    /// `form`: `name=value`, lists repeated (explode) or comma-separated.
    Form,
    /// `label`: `.value`.
    Label,
    /// `matrix`: `;name=value`.
    Matrix,
    /// `spaceDelimited` lists.
    SpaceDelimited,
    /// `pipeDelimited` lists.
    PipeDelimited,
    /// `deepObject`: `name[property]=value`.
    DeepObject,
}

/// What a parameter's schema is, as far as reading its text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A single value.
    Scalar,
    /// An array.
    Array,
    /// An object.
    Object,
}

/// One parameter of an operation, as the generated code declares it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Param {
    /// The name on the wire; problems are reported under it.
    pub name: &'static str,
    /// Where it travels.
    pub location: Location,
    /// Whether it must be present.
    pub required: bool,
    /// Its style; `None` for the location's default.
    pub style: Option<Style>,
    /// `explode`; `None` for the style's default.
    pub explode: Option<bool>,
    /// Scalar, array or object.
    pub shape: Shape,
    /// The schema's rules.
    pub rules: Rules,
}

impl Param {
    const fn new(name: &'static str, location: Location) -> Self {
        Param {
            name,
            location,
            required: false,
            style: None,
            explode: None,
            shape: Shape::Scalar,
            rules: Rules::NONE,
        }
    }

    /// A path parameter (always required).
    pub const fn path(name: &'static str) -> Self {
        Param {
            required: true,
            ..Self::new(name, Location::Path)
        }
    }

    /// A query parameter.
    pub const fn query(name: &'static str) -> Self {
        Self::new(name, Location::Query)
    }

    /// A header.
    pub const fn header(name: &'static str) -> Self {
        Self::new(name, Location::Header)
    }

    /// A cookie.
    pub const fn cookie(name: &'static str) -> Self {
        Self::new(name, Location::Cookie)
    }

    /// Marks it required.
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Sets style and explode.
    pub const fn style(mut self, style: Style, explode: bool) -> Self {
        self.style = Some(style);
        self.explode = Some(explode);
        self
    }

    /// Sets the shape.
    pub const fn shape(mut self, shape: Shape) -> Self {
        self.shape = shape;
        self
    }

    /// Sets the rules.
    pub const fn rules(mut self, rules: Rules) -> Self {
        self.rules = rules;
        self
    }

    fn effective_style(&self) -> Style {
        self.style.unwrap_or(match self.location {
            Location::Query | Location::Cookie => Style::Form,
            Location::Path | Location::Header => Style::Simple,
        })
    }

    fn effective_explode(&self) -> bool {
        self.explode
            .unwrap_or(self.effective_style() == Style::Form)
    }
}

/// A request, read and ready for extraction.
#[derive(Debug)]
pub struct Input {
    headers: HeaderMap,
    query: Vec<(String, String)>,
    cookies: Vec<(String, String)>,
    path: Vec<(String, String)>,
    body: Bytes,
    /// The parts of a `multipart/form-data` body, or why it is not one.
    parts: Option<Result<Vec<Received>, String>>,
    fatal: Option<Rejection>,
    problems: Rejection,
}

impl Input {
    /// Reads path captures, query, cookies and the body (at most `limit`
    /// bytes) of a request routed to `template`.
    pub async fn read(
        parts: &mut Parts,
        body: Body,
        template: &str,
        limit: usize,
    ) -> Result<Self, Rejection> {
        let too_large = || Rejection::new(StatusCode::PAYLOAD_TOO_LARGE, "request body too large");
        let declared = parts.headers.get(header::CONTENT_LENGTH);
        let declared = declared
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|length| length > limit as u64) {
            return Err(too_large());
        }
        let captures = RawPathParams::from_request_parts(parts, &())
            .await
            .map_err(|_| Rejection::bad_request("invalid path"))?;
        let captures = captures
            .iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let path = path_params(template, captures).ok_or_else(Rejection::not_found)?;
        let body = match Limited::new(body, limit).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(error) if error.is::<LengthLimitError>() => return Err(too_large()),
            Err(_) => return Err(Rejection::bad_request("could not read the request body")),
        };
        // Parts are read here because reading them is asynchronous and
        // extraction is not; only multipart requests pay for it.
        let content_type = parts.headers.get(header::CONTENT_TYPE);
        let content_type = content_type
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let parts_of_body = if media_type(content_type) == "multipart/form-data" {
            Some(multipart::read(content_type, body.clone()).await)
        } else {
            None
        };
        Ok(Input {
            parts: parts_of_body,
            query: query_pairs(parts.uri.query().unwrap_or_default()),
            cookies: cookie_pairs(&parts.headers),
            headers: parts.headers.clone(),
            path,
            body,
            fatal: None,
            problems: Rejection::bad_request("invalid request"),
        })
    }

    /// Records a problem with `field`.
    pub fn problem(&mut self, field: &str, problem: impl Into<String>) {
        self.problems.add_detail(field.to_owned(), problem.into());
    }

    /// The rejection for what was recorded, if anything was.
    pub fn into_rejection(self) -> Option<Rejection> {
        self.fatal
            .or_else(|| (!self.problems.details().is_empty()).then_some(self.problems))
    }

    fn fail(&mut self, rejection: Rejection) {
        self.fatal.get_or_insert(rejection);
    }

    /// A parameter: `None` after recording a problem, `Some(None)` when an
    /// optional one is absent.
    pub fn param<T: DeserializeOwned>(&mut self, param: &Param) -> Option<Option<T>> {
        let Some(raw) = self.raw_param(param) else {
            if param.required {
                self.problem(param.name, "is required");
                return None;
            }
            return Some(None);
        };
        let mut problems = Vec::new();
        match &raw {
            Raw::One(value) => rules::check_value(value, &param.rules, &mut problems),
            Raw::Many(items) => rules::check_items(items, &param.rules, &mut problems),
            Raw::Fields(_) => {}
        }
        let value = from_text::<T>(raw);
        if let Err(error) = &value {
            problems.push(error.clone());
        }
        if problems.is_empty() {
            return value.ok().map(Some);
        }
        for problem in problems {
            self.problem(param.name, problem);
        }
        None
    }

    /// A parameter of a schema type, also checked by its [`Validate`] impl
    /// (enum values, nested rules).
    pub fn checked_param<T: DeserializeOwned + Validate>(
        &mut self,
        param: &Param,
    ) -> Option<Option<T>> {
        let value = self.param::<T>(param)?;
        self.validate(value, param.name)
    }

    /// A JSON body of a schema type, also checked by its [`Validate`] impl;
    /// every violation is listed.
    pub fn checked_json<T: DeserializeOwned + Validate>(
        &mut self,
        required: bool,
    ) -> Option<Option<T>> {
        let value = self.json::<T>(required)?;
        self.validate(value, "")
    }

    fn validate<T: Validate>(&mut self, value: Option<T>, root: &str) -> Option<Option<T>> {
        let violations = value.violations(root);
        if violations.is_empty() {
            return Some(value);
        }
        for violation in violations.into_vec() {
            let path = if violation.path.is_empty() {
                "body".to_owned()
            } else {
                violation.path
            };
            self.problem(&path, violation.message);
        }
        None
    }

    /// The parameter's text, shaped; `None` when absent.
    fn raw_param(&self, param: &Param) -> Option<Raw> {
        let style = param.effective_style();
        let explode = param.effective_explode();
        let found = |pairs: &[(String, String)]| -> Vec<String> {
            pairs
                .iter()
                .filter(|(k, _)| k == param.name)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let text = match param.location {
            Location::Path => {
                let value = self.path.iter().find(|(k, _)| k == param.name)?.1.clone();
                strip_path_style(&value, style, param.name)
            }
            Location::Header => {
                let values = self.headers.get_all(param.name).iter();
                let values = values.filter_map(|v| v.to_str().ok()).collect::<Vec<_>>();
                if values.is_empty() {
                    return None;
                }
                values.join(",")
            }
            Location::Cookie => found(&self.cookies).into_iter().next()?,
            Location::Query if style == Style::DeepObject => {
                let prefix = format!("{}[", param.name);
                let fields = self.query.iter().filter_map(|(k, v)| {
                    let inner = k.strip_prefix(&prefix)?.strip_suffix(']')?;
                    Some((inner.to_owned(), v.clone()))
                });
                let fields = fields.collect::<Vec<_>>();
                return (!fields.is_empty()).then_some(Raw::Fields(fields));
            }
            Location::Query if param.shape == Shape::Object && explode && style == Style::Form => {
                // Each property is its own pair; the pairs carry no trace of
                // the parameter's name, so every pair of the query is offered.
                return (!self.query.is_empty()).then(|| Raw::Fields(self.query.clone()));
            }
            Location::Query => {
                let values = found(&self.query);
                if values.is_empty() {
                    return None;
                }
                if param.shape == Shape::Array && explode {
                    return Some(Raw::Many(values));
                }
                values.into_iter().next()?
            }
        };
        let delimiter = match style {
            Style::SpaceDelimited => ' ',
            Style::PipeDelimited => '|',
            Style::Label if explode => '.',
            Style::Matrix if explode => ';',
            _ => ',',
        };
        Some(match param.shape {
            Shape::Scalar => Raw::One(text),
            Shape::Array if text.is_empty() => Raw::Many(Vec::new()),
            Shape::Array => Raw::Many(text.split(delimiter).map(str::to_owned).collect()),
            Shape::Object => Raw::Fields(object_pairs(&text, explode)),
        })
    }

    /// The body as JSON. `None` after recording a problem, `Some(None)` when
    /// an optional body is absent.
    pub fn json<T: DeserializeOwned>(&mut self, required: bool) -> Option<Option<T>> {
        if !self.body_present(required)? {
            return Some(None);
        }
        if !self.content_type_is(|media| media == "application/json" || media.ends_with("+json")) {
            self.fail(unsupported("application/json"));
            return None;
        }
        // Tracking the path costs on every field, and is only needed to
        // name the field at fault: read without it, and read again with it
        // only when the body turns out to be wrong.
        let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
        if let Ok(value) = T::deserialize(Strict(&mut deserializer)) {
            if deserializer.end().is_ok() {
                return Some(Some(value));
            }
        }
        let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
        match serde_path_to_error::deserialize::<_, T>(Strict(&mut deserializer)) {
            Ok(value) => match deserializer.end() {
                Ok(()) => Some(Some(value)),
                Err(error) => {
                    self.fail(malformed_json(&error));
                    None
                }
            },
            Err(error) => {
                let inner = error.inner();
                if inner.is_syntax() || inner.is_eof() {
                    self.fail(malformed_json(inner));
                    return None;
                }
                let (field, problem) = json_problem(&error);
                self.problem(&field, problem);
                None
            }
        }
    }

    /// A `multipart/form-data` body whose properties are `declared`, also
    /// checked by its [`Validate`] impl; every problem is listed.
    pub fn multipart<T: DeserializeOwned + Validate>(
        &mut self,
        required: bool,
        declared: &[Part],
    ) -> Option<Option<T>> {
        let Some(object) = self.multipart_object(required, declared)? else {
            return Some(None);
        };
        let value = self.deserialize_value::<T>(object)?;
        self.validate(Some(value), "")
    }

    /// A `multipart/form-data` body that is not an object: the value of its
    /// one declared part. Its schema rules are not checked, because such a
    /// body has no type of its own to carry them.
    pub fn multipart_value<T: DeserializeOwned>(
        &mut self,
        required: bool,
        declared: &[Part],
    ) -> Option<Option<T>> {
        let Some(object) = self.multipart_object(required, declared)? else {
            return Some(None);
        };
        let name = declared.first().map(|part| part.name).unwrap_or_default();
        let value = object.get(name).cloned().unwrap_or_default();
        self.deserialize_value::<T>(value).map(Some)
    }

    /// The parts of a multipart body as one JSON object (see
    /// [`multipart::assemble`]).
    fn multipart_object(
        &mut self,
        required: bool,
        declared: &[Part],
    ) -> Option<Option<serde_json::Value>> {
        if !self.body_present(required)? {
            return Some(None);
        }
        let received = match self.parts.take() {
            Some(Ok(received)) => received,
            Some(Err(error)) => {
                let rejection = Rejection::bad_request("request body is not valid multipart");
                self.fail(rejection.detail("body", error));
                return None;
            }
            None => {
                self.fail(unsupported("multipart/form-data"));
                return None;
            }
        };
        match multipart::assemble(declared, &received) {
            Ok(object) => Some(Some(object)),
            Err(problems) => {
                for (field, problem) in problems {
                    self.problem(&field, problem);
                }
                None
            }
        }
    }

    /// `value` as a `T`; `None` after recording why it is not one.
    fn deserialize_value<T: DeserializeOwned>(&mut self, value: serde_json::Value) -> Option<T> {
        match serde_path_to_error::deserialize::<_, T>(Strict(value)) {
            Ok(value) => Some(value),
            Err(error) => {
                let (field, problem) = json_problem(&error);
                self.problem(&field, problem);
                None
            }
        }
    }

    /// The body as `application/x-www-form-urlencoded` fields.
    pub fn form<T: DeserializeOwned>(&mut self, required: bool) -> Option<Option<T>> {
        if !self.body_present(required)? {
            return Some(None);
        }
        if !self.content_type_is(|media| media == "application/x-www-form-urlencoded") {
            self.fail(unsupported("application/x-www-form-urlencoded"));
            return None;
        }
        let text = String::from_utf8_lossy(&self.body).into_owned();
        match from_text::<T>(Raw::Fields(query_pairs(&text))) {
            Ok(value) => Some(Some(value)),
            Err(error) => {
                self.problem("body", error);
                None
            }
        }
    }

    /// The body as text (`text/*`).
    pub fn text(&mut self, required: bool) -> Option<Option<String>> {
        if !self.body_present(required)? {
            return Some(None);
        }
        match String::from_utf8(self.body.to_vec()) {
            Ok(text) => Some(Some(text)),
            Err(_) => {
                self.problem("body", "is not UTF-8 text");
                None
            }
        }
    }

    /// The body's bytes, for binary media types.
    pub fn bytes(&mut self, required: bool) -> Option<Option<Bytes>> {
        if !self.body_present(required)? {
            return Some(None);
        }
        Some(Some(self.body.clone()))
    }

    /// The exact body bytes (`x-raw-body`), when the request's content type
    /// is the one the spec declares (`application/json` also accepts
    /// `+json` types; `type/*` and `*/*` accept what they cover).
    pub fn raw(&mut self, declared: &str) -> Option<Option<Bytes>> {
        if !self.body.is_empty() && !self.content_type_is(|media| covers(declared, media)) {
            self.fail(unsupported(declared));
            return None;
        }
        Some(Some(self.body.clone()))
    }

    /// Whether there is a body; `None` after recording that a required one is
    /// missing.
    fn body_present(&mut self, required: bool) -> Option<bool> {
        if !self.body.is_empty() {
            return Some(true);
        }
        if required {
            self.problem("body", "is required");
            return None;
        }
        Some(false)
    }

    fn content_type_is(&self, accept: impl Fn(&str) -> bool) -> bool {
        let value = self
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        value.is_some_and(|value| accept(&media_type(value)))
    }
}

/// Whether a request of media type `actual` (lowercase, no parameters)
/// fits the `declared` one.
fn covers(declared: &str, actual: &str) -> bool {
    let declared = media_type(declared);
    let json = |media: &str| media == "application/json" || media.ends_with("+json");
    match declared.split_once('/') {
        _ if declared == actual => true,
        Some(("*", "*")) => true,
        Some((kind, "*")) => actual.split_once('/').is_some_and(|(k, _)| k == kind),
        _ => json(&declared) && json(actual),
    }
}

/// The media type of a `Content-Type` value, without parameters, lowercase.
fn media_type(content_type: &str) -> String {
    let media = content_type.split(';').next().unwrap_or_default();
    media.trim().to_ascii_lowercase()
}

fn unsupported(expected: &str) -> Rejection {
    let message = format!("expected a `{expected}` request body");
    Rejection::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, message)
}

fn malformed_json(error: &serde_json::Error) -> Rejection {
    Rejection::bad_request("request body is not valid JSON").detail("body", error.to_string())
}

/// The field at fault and the problem, from a serde error with its path. A
/// missing field is reported under its own name rather than its parent's.
fn json_problem(error: &serde_path_to_error::Error<serde_json::Error>) -> (String, String) {
    let path = error.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let message = error.inner().to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or_default()
        .to_owned();
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        let field = if path.is_empty() {
            field.to_owned()
        } else {
            format!("{path}.{field}")
        };
        return (field, "is required".to_owned());
    }
    let field = if path.is_empty() {
        "body".to_owned()
    } else {
        path
    };
    (field, api_terms(&message))
}

/// A path value without its `label` or `matrix` prefix.
fn strip_path_style(value: &str, style: Style, name: &str) -> String {
    match style {
        Style::Label => value.strip_prefix('.').unwrap_or(value).to_owned(),
        Style::Matrix => {
            let prefix = format!(";{name}=");
            value.strip_prefix(&prefix).unwrap_or(value).to_owned()
        }
        _ => value.to_owned(),
    }
}

/// Object properties from `k,v,k,v` or, exploded, `k=v,k=v`.
fn object_pairs(text: &str, explode: bool) -> Vec<(String, String)> {
    if explode {
        let pairs = text.split(',').filter_map(|pair| pair.split_once('='));
        return pairs.map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
    }
    let items = text.split(',').collect::<Vec<_>>();
    let pairs = items.chunks(2).filter_map(|pair| match pair {
        [k, v] => Some(((*k).to_owned(), (*v).to_owned())),
        _ => None,
    });
    pairs.collect()
}

/// Percent-decoded `name=value` pairs of a query string or form body; `+`
/// is a space and a pair without `=` has an empty value.
pub(crate) fn query_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |text: &str| {
        let text = text.replace('+', " ");
        percent_encoding::percent_decode_str(&text)
            .decode_utf8_lossy()
            .into_owned()
    };
    let pairs = query.split('&').filter(|pair| !pair.is_empty());
    pairs
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// Cookies of every `Cookie` header, values percent-decoded and unquoted.
pub(crate) fn cookie_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    let headers = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok());
    let pairs = headers.flat_map(|value| value.split(';'));
    let pairs = pairs.filter_map(|pair| pair.trim().split_once('='));
    pairs
        .map(|(name, value)| {
            let value = value.trim().trim_matches('"');
            let value = percent_encoding::percent_decode_str(value).decode_utf8_lossy();
            (name.trim().to_owned(), value.into_owned())
        })
        .collect()
}

/// One piece of a path segment template.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Literal(&'a str),
    Param(&'a str),
}

/// Splits a segment template (`{name}.{ext}`) into pieces.
fn pieces(segment: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = segment;
    while !rest.is_empty() {
        match rest.find('{') {
            Some(0) => {
                let end = rest.find('}').unwrap_or(rest.len());
                pieces.push(Piece::Param(rest.get(1..end).unwrap_or_default()));
                rest = rest.get(end + 1..).unwrap_or_default();
            }
            Some(start) => {
                pieces.push(Piece::Literal(rest.get(..start).unwrap_or_default()));
                rest = rest.get(start..).unwrap_or_default();
            }
            None => {
                pieces.push(Piece::Literal(rest));
                rest = "";
            }
        }
    }
    pieces
}

/// Spec parameter names with their values, from the router's captures.
///
/// The router captures each templated segment whole, as `p0`, `p1`, ... (see
/// [`super::routes`]); a segment with several parameters or literal text
/// (`{name}.{ext}`) is split here. Splitting works from the right and cuts at
/// the last occurrence of each literal, so `my.report.csv` against
/// `{name}.{ext}` gives `my.report` and `csv`. `None` when a segment does not
/// fit its template (the path names no resource).
fn path_params(template: &str, captures: Vec<(String, String)>) -> Option<Vec<(String, String)>> {
    let templated = template.split('/').filter(|segment| segment.contains('{'));
    let mut params = Vec::new();
    for (index, segment) in templated.enumerate() {
        let name = format!("p{index}");
        let value = captures
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())?;
        split_segment(&pieces(segment), value, &mut params)?;
    }
    Some(params)
}

fn split_segment(pieces: &[Piece<'_>], value: &str, out: &mut Vec<(String, String)>) -> Option<()> {
    let mut rest = value;
    let mut found = Vec::new();
    for (index, piece) in pieces.iter().enumerate().rev() {
        match piece {
            Piece::Literal(literal) => rest = rest.strip_suffix(literal)?,
            Piece::Param(name) => {
                let before = index.checked_sub(1).and_then(|i| pieces.get(i));
                let start = match before {
                    Some(Piece::Literal(literal)) => rest.rfind(literal)? + literal.len(),
                    _ if index == 0 => 0,
                    _ => rest.len(),
                };
                found.push(((*name).to_owned(), rest.get(start..)?.to_owned()));
                rest = rest.get(..start)?;
            }
        }
    }
    if !rest.is_empty() {
        return None;
    }
    out.extend(found.into_iter().rev());
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn splits_composite_segments_at_the_last_literal() {
        let captures = pairs(&[("p0", "my.report.csv")]);
        let params = path_params("/files/{file-name}.{ext}", captures);
        assert_eq!(
            params,
            Some(pairs(&[("file-name", "my.report"), ("ext", "csv")]))
        );
        assert_eq!(
            path_params("/files/{a}.{b}", pairs(&[("p0", "nodot")])),
            None
        );
        let params = path_params("/v{major}/x", pairs(&[("p0", "v2")]));
        assert_eq!(params, Some(pairs(&[("major", "2")])));
    }

    fn input(query: &str) -> Input {
        Input {
            headers: HeaderMap::new(),
            query: query_pairs(query),
            cookies: Vec::new(),
            path: Vec::new(),
            body: Bytes::new(),
            parts: None,
            fatal: None,
            problems: Rejection::bad_request("invalid request"),
        }
    }

    #[test]
    fn reads_each_query_style() {
        use std::collections::BTreeMap;
        let mut input = input("color=red&size=L&ids=1|2&tags=a&tags=b&n=");
        let exploded = Param::query("filter").shape(Shape::Object);
        let fields: Option<Option<BTreeMap<String, String>>> = input.param(&exploded);
        assert_eq!(fields.flatten().map(|f| f.len()), Some(5));
        let piped = Param::query("ids")
            .shape(Shape::Array)
            .style(Style::PipeDelimited, false);
        assert_eq!(input.param::<Vec<u8>>(&piped), Some(Some(vec![1, 2])));
        let repeated = Param::query("tags").shape(Shape::Array);
        assert_eq!(
            input
                .param::<Vec<String>>(&repeated)
                .flatten()
                .map(|t| t.len()),
            Some(2)
        );
        assert_eq!(
            input.param::<String>(&Param::query("n")),
            Some(Some(String::new()))
        );
        assert_eq!(input.param::<String>(&Param::query("missing")), Some(None));
        assert_eq!(
            input.param::<String>(&Param::query("missing").required()),
            None
        );
        assert_eq!(input.param::<u8>(&Param::query("n")), None);
        let rejection = input.into_rejection().map(|r| r.details().clone());
        let fields = rejection.map(|details| details.into_keys().collect::<Vec<_>>());
        assert_eq!(fields, Some(vec!["missing".to_owned(), "n".to_owned()]));
    }

    #[test]
    fn decodes_query_pairs() {
        let parsed = query_pairs("finish=&a=1+2&f%5Bx%5D=%C3%A9&flag");
        assert_eq!(
            parsed,
            pairs(&[("finish", ""), ("a", "1 2"), ("f[x]", "é"), ("flag", "")])
        );
    }

    #[test]
    fn reads_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "session-id=abc; theme=\"dark\"".parse().unwrap(),
        );
        assert_eq!(
            cookie_pairs(&headers),
            pairs(&[("session-id", "abc"), ("theme", "dark")])
        );
    }
}
