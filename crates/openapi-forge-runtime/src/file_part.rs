//! A file in a multipart body: bytes with the name and media type the sender
//! gives them.

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A binary part of a `multipart/form-data` body.
///
/// Clients send `filename` and `content_type` in the part's headers (a
/// missing content type falls back to the spec's `encoding`, then to
/// `application/octet-stream`); servers fill them from the received part.
/// In JSON (which multipart bodies never use on the wire) it is written as
/// the bytes in base64 text; it is read from that text or from an object
/// `{"bytes": base64, "filename": ..., "content_type": ...}`, which is how a
/// server hands a received part to the body's deserializer.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct FilePart {
    /// The content.
    pub bytes: Bytes,
    /// The file name of the part's `Content-Disposition`.
    pub filename: Option<String>,
    /// The part's `Content-Type`.
    pub content_type: Option<String>,
}

impl FilePart {
    /// A part holding `bytes`, without a file name or media type.
    pub fn new(bytes: impl Into<Bytes>) -> FilePart {
        FilePart {
            bytes: bytes.into(),
            filename: None,
            content_type: None,
        }
    }

    /// Sets the file name.
    pub fn with_filename(mut self, filename: impl Into<String>) -> FilePart {
        self.filename = Some(filename.into());
        self
    }

    /// Sets the media type.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> FilePart {
        self.content_type = Some(content_type.into());
        self
    }
}

impl std::fmt::Debug for FilePart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilePart")
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl From<Bytes> for FilePart {
    fn from(bytes: Bytes) -> FilePart {
        FilePart::new(bytes)
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> FilePart {
        FilePart::new(bytes)
    }
}

impl Serialize for FilePart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::Base64(self.bytes.to_vec()).serialize(serializer)
    }
}

/// The two JSON forms a file part is read from.
#[derive(Deserialize)]
#[serde(untagged, expecting = "base64 text or a file object")]
enum Wire {
    Text(crate::Base64),
    Object {
        bytes: crate::Base64,
        #[serde(default)]
        filename: Option<String>,
        #[serde(default)]
        content_type: Option<String>,
    },
}

impl<'de> Deserialize<'de> for FilePart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Wire::deserialize(deserializer)? {
            Wire::Text(crate::Base64(bytes)) => FilePart::new(bytes),
            Wire::Object {
                bytes: crate::Base64(bytes),
                filename,
                content_type,
            } => FilePart {
                bytes: bytes.into(),
                filename,
                content_type,
            },
        })
    }
}
