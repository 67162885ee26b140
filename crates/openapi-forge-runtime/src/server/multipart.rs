//! Reading `multipart/form-data` bodies into a body struct.
//!
//! The parts are read once, when the request is, into memory (the body is
//! already held whole under the configured limit). The generated code then
//! describes its body struct with a static list of [`Part`]s, and the parts
//! are assembled into a JSON object that the struct deserializes from, so
//! multipart bodies share serde's and `Validate`'s rules with JSON bodies.
//!
//! Known limits: a file travels through that JSON object as base64 text, so
//! its bytes are copied and encoded once on the way to the handler; parts
//! the body struct does not name are ignored, as unknown JSON properties are.

use axum::body::Body;
use bytes::Bytes;
use serde_json::{Map, Value};

/// How one property of a multipart body travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// Text taken as it is (strings, string enums, dates).
    Text,
    /// Text holding a number or a boolean.
    Scalar,
    /// A part whose content is JSON (objects, maps, or `encoding` says so).
    Json,
    /// A file: bytes with the part's file name and media type.
    File,
}

/// One property of a multipart body struct, as the generated code declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// The part's name on the wire.
    pub name: &'static str,
    /// How its content is read.
    pub kind: PartKind,
    /// Whether the property is an array, one part per item.
    pub array: bool,
    /// Whether the body must have it.
    pub required: bool,
}

impl Part {
    /// An optional, single part.
    pub const fn new(name: &'static str, kind: PartKind) -> Part {
        Part {
            name,
            kind,
            array: false,
            required: false,
        }
    }

    /// Marks it an array.
    pub const fn array(mut self) -> Part {
        self.array = true;
        self
    }

    /// Marks it required.
    pub const fn required(mut self) -> Part {
        self.required = true;
        self
    }
}

/// A part as received.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    bytes: Bytes,
}

/// The parts of a body sent with `content_type`; the error is the reason
/// the body is not valid multipart.
pub(crate) async fn read(content_type: &str, body: Bytes) -> Result<Vec<Received>, String> {
    let boundary = multer::parse_boundary(content_type).map_err(|error| error.to_string())?;
    let mut multipart = multer::Multipart::new(Body::from(body).into_data_stream(), boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|error| error.to_string())?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string);
        let bytes = field.bytes().await.map_err(|error| error.to_string())?;
        parts.push(Received {
            name,
            filename,
            content_type,
            bytes,
        });
    }
    Ok(parts)
}

/// The JSON object the body struct deserializes from, or every problem
/// found on the way (field name, problem).
pub(crate) fn assemble(
    declared: &[Part],
    received: &[Received],
) -> Result<Value, Vec<(String, String)>> {
    let mut object = Map::new();
    let mut problems = Vec::new();
    for part in declared {
        let mut values = Vec::new();
        for found in received.iter().filter(|found| found.name == part.name) {
            match value(part.kind, found) {
                Ok(value) => values.push(value),
                Err(problem) => problems.push((part.name.to_owned(), problem)),
            }
        }
        // A part named but not sent is absent; a sent part that could not
        // be read is reported above and left out here.
        if received.iter().all(|found| found.name != part.name) {
            if part.required {
                problems.push((part.name.to_owned(), "is required".to_owned()));
            }
            continue;
        }
        let value = if part.array {
            Value::Array(values)
        } else {
            // One part is expected; when a sender repeats it, the first wins,
            // as for a repeated query parameter.
            match values.into_iter().next() {
                Some(value) => value,
                None => continue,
            }
        };
        object.insert(part.name.to_owned(), value);
    }
    if problems.is_empty() {
        Ok(Value::Object(object))
    } else {
        Err(problems)
    }
}

fn value(kind: PartKind, part: &Received) -> Result<Value, String> {
    let text = || std::str::from_utf8(&part.bytes).map_err(|_| "is not UTF-8 text".to_owned());
    match kind {
        PartKind::Text => Ok(Value::String(text()?.to_owned())),
        PartKind::Scalar => {
            let text = text()?.trim();
            // Text that is no JSON scalar stays text, so that deserializing
            // reports it against the property's type.
            Ok(serde_json::from_str::<Value>(text)
                .ok()
                .filter(|value| !value.is_object() && !value.is_array())
                .unwrap_or_else(|| Value::String(text.to_owned())))
        }
        PartKind::Json => serde_json::from_slice(&part.bytes)
            .map_err(|error| format!("is not valid JSON: {error}")),
        PartKind::File => {
            let bytes = serde_json::to_value(crate::Base64(part.bytes.to_vec()))
                .map_err(|error| error.to_string())?;
            let mut file = Map::new();
            file.insert("bytes".to_owned(), bytes);
            if let Some(filename) = &part.filename {
                file.insert("filename".to_owned(), Value::String(filename.clone()));
            }
            if let Some(content_type) = &part.content_type {
                let content_type = Value::String(content_type.clone());
                file.insert("content_type".to_owned(), content_type);
            }
            Ok(Value::Object(file))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(name: &str, bytes: &'static [u8]) -> Received {
        Received {
            name: name.to_owned(),
            filename: None,
            content_type: None,
            bytes: Bytes::from_static(bytes),
        }
    }

    #[test]
    fn assembles_scalars_arrays_and_files() {
        let declared = [
            Part::new("count", PartKind::Scalar),
            Part::new("word", PartKind::Scalar),
            Part::new("ids", PartKind::Text).array(),
            Part::new("doc", PartKind::File).required(),
        ];
        let received = [
            part("count", b" 3 "),
            part("word", b"three"),
            part("ids", b"1"),
            part("ids", b"2"),
            part("doc", b"hi"),
            part("unknown", b"ignored"),
        ];
        let object = assemble(&declared, &received).ok();
        let expected = serde_json::json!({
            "count": 3,
            "word": "three",
            "ids": ["1", "2"],
            "doc": {"bytes": "aGk="},
        });
        assert_eq!(object, Some(expected));
        let file: Option<crate::FilePart> = object
            .and_then(|object| object.get("doc").cloned())
            .and_then(|doc| serde_json::from_value(doc).ok());
        assert_eq!(file, Some(crate::FilePart::new(b"hi".to_vec())));
    }

    #[test]
    fn reports_every_missing_or_unreadable_part() {
        let declared = [
            Part::new("a", PartKind::Json).required(),
            Part::new("b", PartKind::Text).required(),
            Part::new("c", PartKind::Json),
        ];
        let problems = assemble(&declared, &[part("c", b"{")]).err();
        let fields = problems.map(|problems| {
            problems
                .into_iter()
                .map(|(field, _)| field)
                .collect::<Vec<_>>()
        });
        let expected = ["a", "b", "c"].map(str::to_owned).to_vec();
        assert_eq!(fields, Some(expected));
    }
}
