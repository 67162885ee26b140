//! Lenient readers for loosely typed spec values.

use serde_json::Value;

use crate::model::{Constraints, Docs};

/// A string, or the text of a number or boolean (YAML reads `version: 1.0`
/// as a number).
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// Prose (a title, summary or description): the text, or `None` when it
/// is blank, so that emitters fall back to a sentence of their own instead
/// of emitting an empty doc comment.
pub fn prose(value: &Value) -> Option<String> {
    text(value).filter(|text| !text.trim().is_empty())
}

/// A string field of an object.
pub fn str_field<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// A boolean field, accepting `"true"` too; `false` when absent.
pub fn flag(value: &Value, key: &str) -> bool {
    match value.get(key) {
        Some(Value::Bool(flag)) => *flag,
        Some(Value::String(text)) => text == "true",
        _ => false,
    }
}

/// A non-negative integer, accepting integral floats and numeric strings.
pub fn count(value: &Value, key: &str) -> Option<u64> {
    match value.get(key)? {
        Value::Number(number) => number.as_u64().or_else(|| {
            number
                .as_f64()
                .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                .map(|f| f as u64)
        }),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// A number, accepting numeric strings.
pub fn number(value: &Value, key: &str) -> Option<f64> {
    match value.get(key)? {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// Title, description and example of a schema or other object.
pub fn docs(value: &Value) -> Docs {
    Docs {
        title: value
            .get("title")
            .or_else(|| value.get("summary"))
            .and_then(prose),
        description: value.get("description").and_then(prose),
        example: value.get("example").cloned(),
    }
}

/// The validation keywords of a schema.
pub fn constraints(value: &Value) -> Constraints {
    let mut constraints = Constraints {
        min_length: count(value, "minLength"),
        max_length: count(value, "maxLength"),
        pattern: str_field(value, "pattern").map(str::to_string),
        minimum: number(value, "minimum"),
        exclusive_minimum: flag(value, "exclusiveMinimum"),
        maximum: number(value, "maximum"),
        exclusive_maximum: flag(value, "exclusiveMaximum"),
        min_items: count(value, "minItems"),
        max_items: count(value, "maxItems"),
        unique_items: flag(value, "uniqueItems"),
        min_properties: count(value, "minProperties"),
        max_properties: count(value, "maxProperties"),
    };
    // The 3.1 spelling (`exclusiveMinimum: 5`) is read as a bound too.
    if let Some(Value::Number(bound)) = value.get("exclusiveMinimum") {
        constraints.minimum = bound.as_f64();
        constraints.exclusive_minimum = true;
    }
    if let Some(Value::Number(bound)) = value.get("exclusiveMaximum") {
        constraints.maximum = bound.as_f64();
        constraints.exclusive_maximum = true;
    }
    constraints
}
