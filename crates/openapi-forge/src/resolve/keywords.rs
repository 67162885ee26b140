//! Checks that a schema is an object and that its keywords have values of
//! the kind the OpenAPI specification gives them.
//!
//! The resolver reads values leniently (`minLength: "3"` is 3), so only a
//! value it cannot read at all is reported: it would otherwise be ignored
//! without a word, and the schema typed more loosely than its author meant.

use serde_json::Value;

use super::values::{count, number};
use super::Ctx;
use crate::load::Location;

/// What a keyword's value must be.
#[derive(Clone, Copy)]
enum Kind {
    /// A JSON object (a map of schemas, or an object of its own).
    Object,
    /// A schema: an object.
    Schema,
    /// A schema or a boolean.
    SchemaOrBool,
    /// A list of schemas.
    Schemas,
    /// A list of strings.
    Strings,
    /// Any list.
    List,
    /// A string.
    Text,
    /// A string or a list of strings.
    TypeName,
    /// A boolean.
    Flag,
    /// A boolean or a number (3.0 and 3.1 spellings of the exclusive bounds).
    FlagOrNumber,
    /// A non-negative integer.
    Count,
    /// A number.
    Number,
}

const KEYWORDS: &[(&str, Kind)] = &[
    ("properties", Kind::Object),
    ("discriminator", Kind::Object),
    ("externalDocs", Kind::Object),
    ("xml", Kind::Object),
    ("items", Kind::Schema),
    ("not", Kind::Schema),
    ("additionalProperties", Kind::SchemaOrBool),
    ("allOf", Kind::Schemas),
    ("oneOf", Kind::Schemas),
    ("anyOf", Kind::Schemas),
    ("required", Kind::Strings),
    ("enum", Kind::List),
    ("type", Kind::TypeName),
    ("format", Kind::Text),
    ("pattern", Kind::Text),
    ("nullable", Kind::Flag),
    ("readOnly", Kind::Flag),
    ("writeOnly", Kind::Flag),
    ("deprecated", Kind::Flag),
    ("uniqueItems", Kind::Flag),
    ("exclusiveMinimum", Kind::FlagOrNumber),
    ("exclusiveMaximum", Kind::FlagOrNumber),
    ("minLength", Kind::Count),
    ("maxLength", Kind::Count),
    ("minItems", Kind::Count),
    ("maxItems", Kind::Count),
    ("minProperties", Kind::Count),
    ("maxProperties", Kind::Count),
    ("minimum", Kind::Number),
    ("maximum", Kind::Number),
    ("multipleOf", Kind::Number),
];

/// Warns when the value at `location` (where a schema is expected) is not
/// an object, or when one of its keywords has a value that cannot be read.
/// Returns whether it is an object.
pub fn check_schema(ctx: &mut Ctx, location: &Location, value: &Value) -> bool {
    let Value::Object(map) = value else {
        ctx.warn(location, not_a_schema(value, "typed as any JSON value"));
        return false;
    };
    for (keyword, kind) in KEYWORDS {
        let Some(found) = map.get(*keyword) else {
            continue;
        };
        if let (Kind::Schemas, Value::Array(members)) = (kind, found) {
            for (index, member) in members.iter().enumerate() {
                if !member.is_object() {
                    let outcome = if *keyword == "allOf" {
                        "it is ignored"
                    } else {
                        "typed as any JSON value"
                    };
                    let at = location.key(keyword).index(index);
                    ctx.warn(&at, not_a_schema(member, outcome));
                }
            }
        }
        if !fits(value, keyword, found, *kind) {
            ctx.warn(
                &location.key(keyword),
                format!(
                    "`{keyword}` must be {}, not {}; it is ignored",
                    expected(*kind),
                    describe(found)
                ),
            );
        }
    }
    true
}

fn not_a_schema(value: &Value, outcome: &str) -> String {
    format!(
        "not a schema ({}, where a schema object is expected); {outcome}",
        describe(value)
    )
}

fn fits(schema: &Value, keyword: &str, found: &Value, kind: Kind) -> bool {
    let flag =
        |v: &Value| matches!(v, Value::Bool(_)) || matches!(v.as_str(), Some("true" | "false"));
    match kind {
        Kind::Object | Kind::Schema => found.is_object(),
        Kind::SchemaOrBool => found.is_object() || found.is_boolean(),
        Kind::Schemas => found.is_array(),
        Kind::Strings => found
            .as_array()
            .is_some_and(|list| list.iter().all(Value::is_string)),
        Kind::List => found.is_array(),
        Kind::Text => found.is_string(),
        Kind::TypeName => {
            found.is_string()
                || found
                    .as_array()
                    .is_some_and(|list| list.iter().all(Value::is_string))
        }
        Kind::Flag => flag(found),
        Kind::FlagOrNumber => flag(found) || found.is_number(),
        Kind::Count => count(schema, keyword).is_some(),
        Kind::Number => number(schema, keyword).is_some(),
    }
}

fn expected(kind: Kind) -> &'static str {
    match kind {
        Kind::Object => "an object",
        Kind::Schema => "a schema object",
        Kind::SchemaOrBool => "a schema object or a boolean",
        Kind::Schemas => "a list of schemas",
        Kind::Strings => "a list of strings",
        Kind::List => "a list",
        Kind::Text => "a string",
        Kind::TypeName => "a type name",
        Kind::Flag => "a boolean",
        Kind::FlagOrNumber => "a boolean or a number",
        Kind::Count => "a non-negative integer",
        Kind::Number => "a number",
    }
}

/// A JSON value's kind, with short scalars quoted, for messages.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(flag) => format!("the boolean `{flag}`"),
        Value::Number(number) => format!("the number `{number}`"),
        Value::String(text) if text.chars().count() <= 40 => format!("the string `{text}`"),
        Value::String(_) => "a string".to_string(),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}
