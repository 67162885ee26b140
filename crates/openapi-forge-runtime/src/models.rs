//! Support for generated models: serde helpers, open string enums, closed
//! integer enums, tagged unions and request validation.
//!
//! Generated `models` modules reach everything here through
//! `::openapi_forge_runtime::models::...` (the most used names are also
//! re-exported at the crate root). Names and signatures in this module are
//! part of the contract with generated code, so they change only together
//! with the generator.

mod base64;
mod enums;
pub mod nullable;
mod timestamp;
mod unions;
mod validate;

pub use self::base64::Base64;
#[doc(hidden)]
pub use enums::int_serde;
pub use enums::{IntEnum, StringEnum, UnknownValue};
pub use timestamp::Timestamp;
pub use unions::{deserialize_tagged, serialize_tagged, unknown_tag, variant_from_value};
pub use validate::{check, Checkable, Path, Rules, Validate, Violation, Violations};
