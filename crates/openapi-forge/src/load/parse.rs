//! Reading one file as YAML or JSON into a `serde_json::Value`.

use std::path::Path;

use serde_json::Value;

use super::Document;
use crate::diagnostics::{Diagnostic, Severity};

/// Reads and parses a file; a missing file or bad syntax is one diagnostic.
pub fn read(path: &Path, display: String) -> Result<Document, Box<Diagnostic>> {
    let source = match std::fs::read_to_string(path) {
        Ok(source) => source,
        Err(error) => {
            return Err(Box::new(Diagnostic {
                severity: Severity::Error,
                file: display,
                position: None,
                pointer: String::new(),
                message: format!("cannot read the file: {error}"),
                hint: Some(
                    "check the path; relative paths are taken from the working \
                            directory for the root file"
                        .into(),
                ),
            }))
        }
    };
    match parse(&source) {
        Ok(value) => Ok(Document {
            path: path.to_path_buf(),
            display,
            canonical: super::canonical(path),
            source,
            value,
        }),
        Err((message, position)) => Err(Box::new(Diagnostic {
            severity: Severity::Error,
            file: display,
            position,
            pointer: String::new(),
            message,
            hint: Some("the file must be valid YAML or JSON".into()),
        })),
    }
}

/// Whether the text looks like JSON (its first significant character opens
/// an object or array).
fn looks_like_json(source: &str) -> bool {
    source
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with(['{', '['])
}

/// Parses YAML or JSON; errors carry the parser's message and position.
pub fn parse(source: &str) -> Result<Value, (String, Option<(usize, usize)>)> {
    let text = source.trim_start_matches('\u{feff}');
    if looks_like_json(text) {
        match serde_json::from_str::<Value>(text) {
            Ok(value) => return Ok(value),
            Err(json_error) => {
                // Flow-style YAML also starts with `{`; accept it if it parses
                // as YAML, and report the JSON error otherwise.
                if let Ok(value) = parse_yaml(text) {
                    return Ok(value);
                }
                return Err((
                    format!("not valid JSON: {json_error}"),
                    Some((json_error.line(), json_error.column())),
                ));
            }
        }
    }
    parse_yaml(text)
}

fn parse_yaml(text: &str) -> Result<Value, (String, Option<(usize, usize)>)> {
    let mut yaml: serde_norway::Value = serde_norway::from_str(text).map_err(|error| {
        let position = error.location().map(|l| (l.line(), l.column()));
        (format!("not valid YAML: {error}"), position)
    })?;
    yaml.apply_merge()
        .map_err(|error| (format!("invalid YAML merge key: {error}"), None))?;
    Ok(convert(yaml))
}

/// Converts YAML to JSON: mapping keys become strings, tags are dropped.
fn convert(yaml: serde_norway::Value) -> Value {
    use serde_norway::Value as Y;
    match yaml {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                serde_json::Number::from_f64(f)
                    .map(Value::Number)
                    .unwrap_or(Value::String(n.to_string()))
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(convert).collect()),
        Y::Mapping(map) => {
            let mut object = serde_json::Map::with_capacity(map.len());
            for (key, value) in map {
                object.insert(key_text(key), convert(value));
            }
            Value::Object(object)
        }
        Y::Tagged(tagged) => convert(tagged.value),
    }
}

/// The text of a mapping key (`200:` is the number 200 in YAML).
fn key_text(key: serde_norway::Value) -> String {
    use serde_norway::Value as Y;
    match key {
        Y::String(s) => s,
        Y::Number(n) => n.to_string(),
        Y::Bool(b) => b.to_string(),
        Y::Null => "null".to_string(),
        Y::Tagged(tagged) => key_text(tagged.value),
        other => serde_norway::to_string(&other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_yaml_and_json() {
        let yaml = parse("a: 1\nresponses:\n  200:\n    x: y\n").unwrap_or_default();
        assert_eq!(yaml["responses"]["200"]["x"], "y");
        let json = parse("  {\"a\": [1, 2]}").unwrap_or_default();
        assert_eq!(json["a"][1], 2);
        let merged = parse("base: &b {x: 1}\nder:\n  <<: *b\n  y: 2\n").unwrap_or_default();
        assert_eq!(merged["der"]["x"], 1);
    }

    #[test]
    fn reports_positions() {
        let error = parse("a: [1, 2\nb: c\n").err();
        assert!(matches!(error, Some((_, Some(_)))), "{error:?}");
        let error = parse("{\"a\": [}").err();
        assert_eq!(error.and_then(|e| e.1), Some((1, 8)));
    }
}
