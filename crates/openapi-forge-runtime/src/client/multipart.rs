//! `multipart/form-data` bodies, one call per property of the body object.

use bytes::Bytes;
use serde::Serialize;
use serde_json::Value;

use super::query::scalar_text;
use crate::FilePart;

/// A multipart body under construction. Absent values (`None`) add no part;
/// arrays add one part per element, in order.
#[derive(Debug, Default)]
pub struct Multipart {
    parts: Vec<Part>,
    error: Option<String>,
}

#[derive(Debug)]
struct Part {
    name: String,
    bytes: Bytes,
    filename: Option<String>,
    content_type: Option<String>,
}

/// Values that travel as binary parts: [`Bytes`], [`FilePart`], and
/// `Option`s, `Vec`s and `Box`es of them.
pub trait FileParts {
    /// Each file of the value, in order.
    fn file_parts(&self) -> Vec<FilePart>;
}

impl FileParts for FilePart {
    fn file_parts(&self) -> Vec<FilePart> {
        vec![self.clone()]
    }
}

impl FileParts for Bytes {
    fn file_parts(&self) -> Vec<FilePart> {
        vec![FilePart::new(self.clone())]
    }
}

impl<T: FileParts> FileParts for Option<T> {
    fn file_parts(&self) -> Vec<FilePart> {
        self.as_ref().map(FileParts::file_parts).unwrap_or_default()
    }
}

impl<T: FileParts> FileParts for Vec<T> {
    fn file_parts(&self) -> Vec<FilePart> {
        self.iter().flat_map(FileParts::file_parts).collect()
    }
}

impl<T: FileParts + ?Sized> FileParts for Box<T> {
    fn file_parts(&self) -> Vec<FilePart> {
        (**self).file_parts()
    }
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Multipart {
        Multipart::default()
    }

    /// Adds binary parts. The caller's file name and media type win; the
    /// spec's `encoding` media type (the first one it lists) is the
    /// fallback, then `application/octet-stream`.
    pub fn file<F: FileParts + ?Sized>(
        mut self,
        name: &str,
        value: &F,
        content_type: Option<&str>,
    ) -> Multipart {
        for file in value.file_parts() {
            let fallback = content_type.and_then(|listed| listed.split(',').next());
            let content_type = file
                .content_type
                .or_else(|| fallback.map(|t| t.trim().to_owned()))
                .unwrap_or_else(|| "application/octet-stream".to_owned());
            self.parts.push(Part {
                name: name.to_owned(),
                bytes: file.bytes,
                filename: file.filename,
                content_type: Some(content_type),
            });
        }
        self
    }

    /// Adds text parts: strings as they are, numbers and booleans as
    /// written in JSON, objects as JSON text.
    pub fn text<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Multipart {
        self.values(name, value, |value| (Bytes::from(scalar_text(value)), None))
    }

    /// Adds parts holding JSON text, with `Content-Type: application/json`
    /// (or the media type the spec's `encoding` gives).
    pub fn json<T: Serialize + ?Sized>(
        self,
        name: &str,
        value: &T,
        content_type: Option<&str>,
    ) -> Multipart {
        let content_type = content_type.unwrap_or("application/json").to_owned();
        self.values(name, value, move |value| {
            (Bytes::from(value.to_string()), Some(content_type.clone()))
        })
    }

    fn values<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        part: impl Fn(&Value) -> (Bytes, Option<String>),
    ) -> Multipart {
        let value = match serde_json::to_value(value) {
            Ok(value) => value,
            Err(error) => {
                self.error
                    .get_or_insert(format!("multipart part `{name}`: {error}"));
                return self;
            }
        };
        let items = match value {
            Value::Null => Vec::new(),
            Value::Array(items) => items,
            other => vec![other],
        };
        for item in items.iter().filter(|item| !item.is_null()) {
            let (bytes, content_type) = part(item);
            self.parts.push(Part {
                name: name.to_owned(),
                bytes,
                filename: None,
                content_type,
            });
        }
        self
    }

    /// The reqwest form, or why a part could not be built.
    pub(crate) fn into_form(self) -> Result<reqwest::multipart::Form, String> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let mut form = reqwest::multipart::Form::new();
        for part in self.parts {
            let mut body = reqwest::multipart::Part::stream_with_length(
                reqwest::Body::from(part.bytes.clone()),
                part.bytes.len() as u64,
            );
            if let Some(filename) = part.filename {
                body = body.file_name(filename);
            }
            if let Some(content_type) = part.content_type {
                body = body.mime_str(&content_type).map_err(|error| {
                    format!(
                        "multipart part `{}`: media type {content_type:?}: {error}",
                        part.name
                    )
                })?;
            }
            form = form.part(part.name, body);
        }
        Ok(form)
    }
}
