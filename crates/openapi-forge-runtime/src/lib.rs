//! Support code shared by every crate that openapi-forge generates.
//!
//! Generated code is the part that differs per description; everything that
//! does not (serde helpers for models, the client's error type and parameter
//! encoding, the server's rejections, authentication and metrics) is written
//! once here, by hand, and tested. Keeping it out of generated files keeps
//! them small and quick to compile.
//!
//! Features: `client` (reqwest) and `server` (axum); the model helpers are
//! always present.

mod file_part;
pub mod models;

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "server")]
pub mod server;

pub use bytes;
pub use file_part::FilePart;
pub use models::{Base64, IntEnum, StringEnum, Timestamp, Validate, Violation, Violations};
pub use serde_json;

#[cfg(feature = "client")]
pub use reqwest;

#[cfg(feature = "server")]
pub use axum;
#[cfg(feature = "server")]
pub use http;
