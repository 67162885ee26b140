//! Parameter serialization: OpenAPI styles over JSON values, percent-encoded.
//!
//! Every parameter value is first turned into a `serde_json::Value` with its
//! own `Serialize` impl, so that enums, dates and ids travel exactly as they
//! do in JSON bodies (a string enum as its listed value, a date-time as RFC
//! 3339). The style then decides how arrays and objects are spread. `null`
//! (a `None`) means the parameter is left out.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value;

/// Everything but the unreserved characters of RFC 3986 is escaped, so a
/// value never reads as a delimiter: `+` is `%2B` (a server would read a
/// raw `+` as a space), `/` is `%2F` inside a path segment.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Characters a cookie value may not hold raw (RFC 6265 `cookie-octet`),
/// plus `%` so that the escaping can be undone.
const COOKIE: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// A parameter's serialization style (`style` in the spec).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `simple`: comma-separated (path and header default).
    Simple,
    /// `form`: `name=value` (query and cookie default).
    Form,
    /// `matrix`: `;name=value`.
    Matrix,
    /// `label`: `.value`.
    Label,
    /// `spaceDelimited`: array items joined by spaces.
    SpaceDelimited,
    /// `pipeDelimited`: array items joined by `|`.
    PipeDelimited,
    /// `deepObject`: `name[key]=value`.
    DeepObject,
}

/// Percent-encodes `text` as one URL component.
pub(crate) fn encode(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// Escapes a cookie value.
pub(crate) fn encode_cookie(text: &str) -> String {
    utf8_percent_encode(text, COOKIE).to_string()
}

/// A scalar as text; arrays and objects nested where a scalar is expected
/// travel as JSON text.
pub(crate) fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::Array(_) | Value::Object(_) => value.to_string(),
    }
}

/// The `name=value` pairs of a query parameter, already percent-encoded.
pub(crate) fn query_pairs(name: &str, value: &Value, style: Style, explode: bool) -> Vec<String> {
    let key = encode(name);
    match value {
        Value::Null => Vec::new(),
        Value::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| encode(&scalar_text(v)))
                .collect();
            if items.is_empty() {
                return Vec::new();
            }
            match (style, explode) {
                (Style::SpaceDelimited, false) => vec![format!("{key}={}", items.join("%20"))],
                (Style::PipeDelimited, false) => vec![format!("{key}={}", items.join("|"))],
                (_, true) => items
                    .into_iter()
                    .map(|item| format!("{key}={item}"))
                    .collect(),
                (_, false) => vec![format!("{key}={}", items.join(","))],
            }
        }
        Value::Object(members) => match (style, explode) {
            (Style::DeepObject, _) => {
                let mut pairs = Vec::new();
                deep_object(&format!("{key}%5B"), members, &mut pairs);
                pairs
            }
            (_, true) => members
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{}={}", encode(k), encode(&scalar_text(v))))
                .collect(),
            (style, false) => {
                let separator = match style {
                    Style::SpaceDelimited => "%20",
                    Style::PipeDelimited => "|",
                    _ => ",",
                };
                let flat = flatten_members(members, separator, ",");
                vec![format!("{key}={flat}")]
            }
        },
        scalar => vec![format!("{key}={}", encode(&scalar_text(scalar)))],
    }
}

/// `prefix` is the encoded `name[` or `name[a][` reached so far.
fn deep_object(prefix: &str, members: &serde_json::Map<String, Value>, pairs: &mut Vec<String>) {
    for (member, value) in members {
        let key = format!("{prefix}{}%5D", encode(member));
        match value {
            Value::Null => {}
            Value::Object(inner) => deep_object(&format!("{key}%5B"), inner, pairs),
            Value::Array(items) => {
                for item in items.iter().filter(|v| !v.is_null()) {
                    pairs.push(format!("{key}={}", encode(&scalar_text(item))));
                }
            }
            scalar => pairs.push(format!("{key}={}", encode(&scalar_text(scalar)))),
        }
    }
}

/// `k,v,k,v` (or `k=v,k=v` with `pair` = `=`), each piece encoded.
fn flatten_members(members: &serde_json::Map<String, Value>, pair: &str, list: &str) -> String {
    members
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| format!("{}{pair}{}", encode(k), encode(&scalar_text(v))))
        .collect::<Vec<_>>()
        .join(list)
}

/// A path parameter as path text (percent-encoded, so it stays inside its
/// segment) in the `simple`, `label` or `matrix` style.
pub(crate) fn path_text(name: &str, value: &Value, style: Style, explode: bool) -> String {
    let items: Vec<String> = match value {
        Value::Array(items) => items.iter().map(|v| encode(&scalar_text(v))).collect(),
        _ => Vec::new(),
    };
    match (style, value) {
        (Style::Label, Value::Array(_)) => {
            format!(".{}", items.join(if explode { "." } else { "," }))
        }
        (Style::Label, Value::Object(members)) => {
            let pair = if explode { "=" } else { "," };
            format!(
                ".{}",
                flatten_members(members, pair, if explode { "." } else { "," })
            )
        }
        (Style::Label, scalar) => format!(".{}", encode(&scalar_text(scalar))),
        (Style::Matrix, Value::Array(_)) if explode => {
            let key = encode(name);
            items.iter().map(|item| format!(";{key}={item}")).collect()
        }
        (Style::Matrix, Value::Array(_)) => format!(";{}={}", encode(name), items.join(",")),
        (Style::Matrix, Value::Object(members)) if explode => {
            format!(";{}", flatten_members(members, "=", ";"))
        }
        (Style::Matrix, Value::Object(members)) => {
            format!(";{}={}", encode(name), flatten_members(members, ",", ","))
        }
        (Style::Matrix, scalar) => format!(";{}={}", encode(name), encode(&scalar_text(scalar))),
        (_, Value::Array(_)) => items.join(","),
        (_, Value::Object(members)) => {
            flatten_members(members, if explode { "=" } else { "," }, ",")
        }
        (_, scalar) => encode(&scalar_text(scalar)),
    }
}

/// A header parameter's text (`simple` style, not percent-encoded).
pub(crate) fn header_text(value: &Value, explode: bool) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Array(items) => Some(items.iter().map(scalar_text).collect::<Vec<_>>().join(",")),
        Value::Object(members) => Some(
            members
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{k}{}{}", if explode { "=" } else { "," }, scalar_text(v)))
                .collect::<Vec<_>>()
                .join(","),
        ),
        scalar => Some(scalar_text(scalar)),
    }
}

/// A cookie parameter's value (`form` style, arrays comma-joined), escaped.
pub(crate) fn cookie_text(value: &Value) -> Option<String> {
    header_text(value, false).map(|text| encode_cookie(&text))
}

/// A form-urlencoded body: each member of the object as a `form`-exploded
/// query parameter; nested objects as JSON text.
pub(crate) fn form_body(value: &Value) -> String {
    let pairs: Vec<String> = match value {
        Value::Object(members) => members
            .iter()
            .flat_map(|(name, member)| match member {
                Value::Object(_) => {
                    vec![format!("{}={}", encode(name), encode(&member.to_string()))]
                }
                _ => query_pairs(name, member, Style::Form, true),
            })
            .collect(),
        other => vec![encode(&scalar_text(other))],
    };
    pairs.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn query_styles() {
        let list = json!(["a b", "c,d", "+1"]);
        assert_eq!(
            query_pairs("k", &list, Style::Form, true),
            ["k=a%20b", "k=c%2Cd", "k=%2B1"]
        );
        assert_eq!(
            query_pairs("k", &list, Style::Form, false),
            ["k=a%20b,c%2Cd,%2B1"]
        );
        assert_eq!(
            query_pairs("k", &list, Style::SpaceDelimited, false),
            ["k=a%20b%20c%2Cd%20%2B1"]
        );
        assert_eq!(
            query_pairs("k", &list, Style::PipeDelimited, false),
            ["k=a%20b|c%2Cd|%2B1"]
        );
        let money = json!({"amount": "5.00", "currency": "EUR", "note": null});
        assert_eq!(
            query_pairs("minTotal", &money, Style::DeepObject, true),
            ["minTotal%5Bamount%5D=5.00", "minTotal%5Bcurrency%5D=EUR"]
        );
        assert_eq!(
            query_pairs("m", &money, Style::Form, true),
            ["amount=5.00", "currency=EUR"]
        );
        assert_eq!(
            query_pairs("m", &money, Style::Form, false),
            ["m=amount,5.00,currency,EUR"]
        );
        assert_eq!(
            query_pairs("finish", &json!(""), Style::Form, true),
            ["finish="]
        );
        assert!(query_pairs("finish", &Value::Null, Style::Form, true).is_empty());
    }

    #[test]
    fn path_styles() {
        let id = json!("a/b?c#d e\u{e9}");
        assert_eq!(
            path_text("id", &id, Style::Simple, false),
            "a%2Fb%3Fc%23d%20e%C3%A9"
        );
        let list = json!([3, 4]);
        assert_eq!(path_text("id", &list, Style::Simple, false), "3,4");
        assert_eq!(path_text("id", &list, Style::Label, true), ".3.4");
        assert_eq!(path_text("id", &list, Style::Matrix, true), ";id=3;id=4");
        assert_eq!(path_text("id", &list, Style::Matrix, false), ";id=3,4");
        let object = json!({"r": 1, "g": 2});
        assert_eq!(path_text("c", &object, Style::Simple, true), "r=1,g=2");
        assert_eq!(path_text("c", &object, Style::Simple, false), "r,1,g,2");
    }

    #[test]
    fn cookies_and_forms() {
        assert_eq!(cookie_text(&json!("a b;c")).as_deref(), Some("a%20b%3Bc"));
        assert_eq!(
            form_body(&json!({"a": "x y", "b": [1, 2], "c": null})),
            "a=x%20y&b=1&b=2"
        );
    }
}
