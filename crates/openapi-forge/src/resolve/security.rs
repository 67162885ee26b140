//! Security schemes and requirements.
//!
//! Schemes map to what a request must carry: http `bearer`, `oauth2` and
//! `openIdConnect` send a bearer token, http `basic` sends credentials, and
//! `apiKey` sends a key in a header, query parameter or cookie. Other http
//! schemes are approximated as bearer tokens with a warning.

use serde_json::Value;

use super::values::str_field;
use super::Ctx;
use crate::load::Location;
use crate::model::{ParamLocation, SchemeId, SchemeKind, SecurityScheme};
use crate::naming::{self, Namespace};

/// `components/securitySchemes` of the root document, sorted by key.
pub fn schemes(ctx: &mut Ctx) -> Vec<SecurityScheme> {
    let Some(map) = ctx
        .docs
        .root()
        .pointer("/components/securitySchemes")
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    let base = Location {
        doc: 0,
        pointer: "/components/securitySchemes".into(),
    };
    let mut names = Namespace::default();
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        let at = base.key(key);
        let Some((_, value)) = ctx.follow(&at) else {
            continue;
        };
        let kind = match str_field(value, "type") {
            Some("http") => {
                let scheme = str_field(value, "scheme")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                match scheme.as_str() {
                    "bearer" => SchemeKind::Bearer,
                    "basic" => SchemeKind::Basic,
                    other => {
                        ctx.warn(
                            &at,
                            format!("http scheme `{other}` is approximated as a bearer token"),
                        );
                        SchemeKind::Bearer
                    }
                }
            }
            Some("oauth2") | Some("openIdConnect") => SchemeKind::Bearer,
            Some("apiKey") => {
                let location = match str_field(value, "in") {
                    Some("query") => ParamLocation::Query,
                    Some("cookie") => ParamLocation::Cookie,
                    Some("header") => ParamLocation::Header,
                    other => {
                        ctx.warn(
                            &at,
                            format!(
                                "apiKey location `{}` is unknown; sent as a header",
                                other.unwrap_or("")
                            ),
                        );
                        ParamLocation::Header
                    }
                };
                let name = str_field(value, "name").unwrap_or(key).to_string();
                SchemeKind::ApiKey { location, name }
            }
            other => {
                ctx.warn(
                    &at,
                    format!(
                        "security scheme type `{}` is approximated as a bearer token",
                        other.unwrap_or("")
                    ),
                );
                SchemeKind::Bearer
            }
        };
        out.push(SecurityScheme {
            key: key.clone(),
            name: names.claim_snake(&naming::snake(key, "scheme")),
            kind,
            description: value.get("description").and_then(super::values::prose),
        });
    }
    out
}

/// A `security` list: alternatives, each a set of schemes. An alternative
/// naming an unknown scheme is dropped with a warning.
pub fn requirements(
    ctx: &mut Ctx,
    schemes: &[SecurityScheme],
    location: &Location,
) -> Vec<Vec<SchemeId>> {
    let Some(list) = ctx.value(location).as_array() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (index, requirement) in list.iter().enumerate() {
        let Some(map) = requirement.as_object() else {
            continue;
        };
        let mut ids = Vec::with_capacity(map.len());
        let mut known = true;
        for key in map.keys() {
            match schemes.iter().position(|s| s.key == *key) {
                Some(id) => ids.push(SchemeId(id)),
                None => {
                    ctx.warn(
                        &location.index(index),
                        format!("security scheme `{key}` is not defined; requirement skipped"),
                    );
                    known = false;
                }
            }
        }
        if known && !out.contains(&ids) {
            out.push(ids);
        }
    }
    out
}
