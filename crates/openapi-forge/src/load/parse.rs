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
    if let Some(position) = too_deeply_nested(text) {
        let (line, column) = position;
        return Err((
            format!("not valid YAML: recursion limit exceeded at line {line} column {column}"),
            Some(position),
        ));
    }
    let mut yaml: serde_norway::Value = serde_norway::from_str(text).map_err(|error| {
        let position = error.location().map(|l| (l.line(), l.column()));
        (format!("not valid YAML: {error}"), position)
    })?;
    yaml.apply_merge()
        .map_err(|error| (format!("invalid YAML merge key: {error}"), None))?;
    Ok(convert(yaml))
}

/// How deep the YAML reader nests before it gives up (`recursion limit
/// exceeded`).
const YAML_RECURSION_LIMIT: usize = 128;

/// Flow collections (`[`, `{`) nested this deep are refused before the YAML
/// parser sees them: its scanner does work proportional to the nesting depth
/// for every token, so a file of a few hundred kilobytes of `[[[...` would
/// take minutes to reach the recursion limit that refuses it anyway.
const PATHOLOGICAL_FLOW_DEPTH: usize = 1000;

/// Where a recursion limit error belongs (the bracket past
/// [`YAML_RECURSION_LIMIT`], 1-based line and column) when the text nests
/// flow collections [`PATHOLOGICAL_FLOW_DEPTH`] deep; `None` otherwise.
///
/// One linear pass that knows just enough YAML to count brackets: quoted
/// scalars and comments are skipped, and outside flow collections a bracket
/// counts only where a value can start (so `pattern: ^[a-z]+$` does not).
/// Miscounting could only make a text look shallower or deeper by its
/// unbalanced brackets, far from the margin between the two limits.
fn too_deeply_nested(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut first_too_deep: Option<(usize, usize)> = None;
    let (mut line, mut column) = (1usize, 0usize);
    let mut quote: Option<char> = None;
    let mut in_comment = false;
    let mut escaped = false;
    let mut previous: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
            in_comment = false;
        }
        // Inside a flow collection a value may follow `[`, `{`, `,` or `:`
        // directly; in block context only after white space.
        let token_start =
            previous.is_none_or(|p| p.is_whitespace() || (depth > 0 && "[{,:".contains(p)));
        match quote {
            _ if in_comment => {}
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some('\'') if c == '\'' && chars.peek() == Some(&'\'') => {
                chars.next();
                column += 1;
            }
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None => match c {
                '#' if previous.is_none_or(char::is_whitespace) => in_comment = true,
                '"' | '\'' if token_start => quote = Some(c),
                '[' | '{' if depth > 0 || token_start => {
                    depth += 1;
                    if depth > YAML_RECURSION_LIMIT && first_too_deep.is_none() {
                        first_too_deep = Some((line, column));
                    }
                    if depth >= PATHOLOGICAL_FLOW_DEPTH {
                        return first_too_deep;
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        previous = Some(c);
    }
    None
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
    fn deep_nesting_fails_fast_at_the_limit() {
        let depth = 100_000;
        let deep = format!(
            "openapi: 3.0.3\nx: {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let start = std::time::Instant::now();
        let error = parse(&deep).err();
        assert!(start.elapsed().as_secs() < 1, "{:?}", start.elapsed());
        let (message, position) = error.unwrap_or_default();
        assert!(message.contains("recursion limit exceeded"), "{message}");
        assert_eq!(position, Some((2, 4 + YAML_RECURSION_LIMIT)));
        let json = format!("{{\"a\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
        let start = std::time::Instant::now();
        let (message, position) = parse(&json).err().unwrap_or_default();
        assert!(start.elapsed().as_secs() < 1, "{:?}", start.elapsed());
        assert!(message.contains("recursion limit exceeded"), "{message}");
        assert!(position.is_some());
    }

    #[test]
    fn brackets_in_text_are_not_nesting() {
        let many = "[".repeat(2 * PATHOLOGICAL_FLOW_DEPTH);
        let text = format!("a: ^{many}\nb: '{many}'\nc: \"{many}\"\n# {many}\nd: |\n  x{many}\n");
        assert!(too_deeply_nested(&text).is_none());
        assert!(parse(&text).is_ok());
    }

    #[test]
    fn reports_positions() {
        let error = parse("a: [1, 2\nb: c\n").err();
        assert!(matches!(error, Some((_, Some(_)))), "{error:?}");
        let error = parse("{\"a\": [}").err();
        assert_eq!(error.and_then(|e| e.1), Some((1, 8)));
    }
}
