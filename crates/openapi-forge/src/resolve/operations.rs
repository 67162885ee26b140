//! Operations: names, parameters, bodies, responses and security.
//!
//! Operations are ordered by path, then method. Function names come from
//! `operationId` in snake_case; an operation without one gets a name derived
//! from its method and path (`get_accounts_account_id`). Explicit names are
//! claimed first, so a derived name never takes one that a spec author
//! chose; a derived name that is taken gets a number (`get_accounts_2`).

use serde_json::Value;

use super::schema::schema;
use super::security;
use super::values::{self, flag, str_field};
use super::{Ctx, Shape};
use crate::load::Location;
use crate::model::{
    Body, BodyEncoding, Method, MultipartPart, Operation, ParamLocation, ParamStyle, Parameter,
    PathPart, RequestBody, Response, ResponseHeader, SecurityScheme, StatusMatch, TypeExpr,
    TypeKind, Versioning,
};
use crate::naming::{self, Namespace};

const METHODS: &[(&str, Method)] = &[
    ("get", Method::Get),
    ("put", Method::Put),
    ("post", Method::Post),
    ("delete", Method::Delete),
    ("options", Method::Options),
    ("head", Method::Head),
    ("patch", Method::Patch),
    ("trace", Method::Trace),
];

/// An operation found in `paths`, before it is resolved.
struct Found {
    path: String,
    method: Method,
    /// The path item (after following a `$ref`).
    item: Location,
    /// The operation object.
    at: Location,
    explicit_id: Option<String>,
}

/// The per-operation type names each operation asks for, claimed when the
/// names of all types are decided.
#[derive(Debug, Clone)]
pub struct OperationTypes {
    pub success: Vec<String>,
    pub error: Vec<String>,
    pub request: Vec<String>,
}

/// Every operation of the root document, sorted by path then method, with
/// the candidate names of its per-operation types.
pub fn resolve(
    ctx: &mut Ctx,
    schemes: &[SecurityScheme],
    versioning: Option<&Versioning>,
) -> Vec<(Operation, OperationTypes)> {
    let found = find(ctx);
    let names = fn_names(ctx, &found);
    let mut out = Vec::with_capacity(found.len());
    for (op, (id, fn_name, derived)) in found.iter().zip(names) {
        out.push(operation(
            ctx, op, id, fn_name, derived, schemes, versioning,
        ));
    }
    out
}

fn find(ctx: &mut Ctx) -> Vec<Found> {
    let Some(paths) = ctx.docs.root().get("paths").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = paths.keys().filter(|k| !k.starts_with("x-")).collect();
    keys.sort();
    let base = Location {
        doc: 0,
        pointer: "/paths".into(),
    };
    let mut found = Vec::new();
    for path in keys {
        let Some((item, item_value)) = ctx.follow(&base.key(path)) else {
            continue;
        };
        for (key, method) in METHODS {
            let Some(op) = item_value.get(*key) else {
                continue;
            };
            if !op.is_object() {
                continue;
            }
            let explicit_id = op
                .get("operationId")
                .and_then(values::text)
                .filter(|id| !naming::snake(id, "").is_empty());
            found.push(Found {
                path: path.clone(),
                method: *method,
                at: item.key(key),
                item: item.clone(),
                explicit_id,
            });
        }
    }
    found
}

/// `(id, fn_name, derived)` per operation: explicit ids claim first.
fn fn_names(ctx: &mut Ctx, found: &[Found]) -> Vec<(String, String, bool)> {
    let mut space = Namespace::default();
    let mut names: Vec<Option<(String, String, bool)>> = vec![None; found.len()];
    for (index, op) in found.iter().enumerate() {
        if let Some(id) = &op.explicit_id {
            let spec_name = format!("`{id}`");
            let claimed = space.claim_snake_for(&naming::snake(id, "operation"), &spec_name);
            if let Some(warning) = claimed.rename_warning("operationId", &spec_name) {
                ctx.warn(&op.at.key("operationId"), warning);
            }
            names[index] = Some((id.clone(), claimed.name, false));
        }
    }
    for (index, op) in found.iter().enumerate() {
        if names[index].is_none() {
            let spec_name = format!("`{} {}`", op.method.as_str(), op.path);
            let claimed = space.claim_snake_for(&derived_name(op.method, &op.path), &spec_name);
            if let Some(warning) = claimed.rename_warning("operation", &spec_name) {
                ctx.warn(&op.at, warning);
            }
            names[index] = Some((claimed.name.clone(), claimed.name, true));
        }
    }
    names.into_iter().map(Option::unwrap_or_default).collect()
}

/// `get /accounts/{accountId}/statement.csv` → `get_accounts_account_id_statement_csv`;
/// `get /` → `get_root`.
fn derived_name(method: Method, path: &str) -> String {
    let method = method.as_str().to_ascii_lowercase();
    let words = naming::snake(path, "");
    let words = words
        .strip_prefix("r#")
        .unwrap_or(&words)
        .trim_start_matches('_');
    if words.is_empty() {
        format!("{method}_root")
    } else {
        format!("{method}_{words}")
    }
}

/// The PascalCase stem of per-operation type names, from the function name.
fn type_stem(fn_name: &str) -> String {
    let plain = fn_name.strip_prefix("r#").unwrap_or(fn_name);
    let stem = naming::camel_words(plain);
    if stem.is_empty() {
        "Operation".to_string()
    } else if stem.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Op{stem}")
    } else {
        stem
    }
}

fn operation(
    ctx: &mut Ctx,
    found: &Found,
    id: String,
    fn_name: String,
    id_derived: bool,
    schemes: &[SecurityScheme],
    versioning: Option<&Versioning>,
) -> (Operation, OperationTypes) {
    let value = ctx.value(&found.at);
    let stem = type_stem(&fn_name);
    let mut params = parameters(ctx, found, &stem);
    let segments = segments(ctx, found, &mut params);
    let body = value
        .get("requestBody")
        .and_then(|_| request_body(ctx, found, &stem));
    let responses = responses(ctx, &found.at.key("responses"), &stem);
    let security_at = if value.get("security").is_some() {
        found.at.key("security")
    } else {
        Location {
            doc: 0,
            pointer: "/security".into(),
        }
    };
    let security = security::requirements(ctx, schemes, &security_at);
    if value.get("callbacks").is_some() {
        ctx.warn(&found.at.key("callbacks"), "callbacks are not generated");
    }
    let versioned = versioning.is_some_and(|v| under_prefix(&found.path, &v.prefix));
    let provisional = match value.get("x-provisional") {
        Some(Value::Bool(true)) => Some(String::new()),
        Some(Value::String(reason)) => Some(reason.clone()),
        _ => None,
    };
    let tags = value
        .get("tags")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(values::text).collect())
        .unwrap_or_default();
    let types = OperationTypes {
        success: vec![format!("{stem}Success"), format!("{stem}SuccessResponse")],
        error: vec![format!("{stem}Error"), format!("{stem}Failure")],
        request: vec![
            format!("{stem}Request"),
            format!("{stem}Params"),
            format!("{stem}Input"),
        ],
    };
    let operation = Operation {
        id,
        id_derived,
        fn_name,
        type_stem: stem,
        success_type: String::new(),
        error_type: String::new(),
        request_type: String::new(),
        method: found.method,
        path: found.path.clone(),
        segments,
        versioned,
        summary: value.get("summary").and_then(values::prose),
        description: value.get("description").and_then(values::prose),
        tags,
        deprecated: flag(value, "deprecated"),
        provisional,
        params,
        body,
        responses,
        security,
        raw_body: value.get("x-raw-body") == Some(&Value::Bool(true)),
        origin: crate::model::Origin {
            file: ctx.docs.display(found.at.doc).to_string(),
            pointer: found.at.pointer.clone(),
        },
    };
    (operation, types)
}

/// The key of a location `/components/<section>/<key>`.
fn component_key(location: &Location, section: &str) -> Option<String> {
    let tokens = crate::load::pointer::tokens(&location.pointer);
    match tokens.as_slice() {
        [components, found, key] if components == "components" && found == section => {
            Some(key.clone())
        }
        _ => None,
    }
}

fn under_prefix(path: &str, prefix: &str) -> bool {
    !prefix.is_empty()
        && path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Path-level and operation-level parameters, merged by name and location
/// (the operation's win), in spec order.
fn parameters(ctx: &mut Ctx, found: &Found, stem: &str) -> Vec<Parameter> {
    let mut entries: Vec<(ParamLocation, String, Location)> = Vec::new();
    for list_at in [found.item.key("parameters"), found.at.key("parameters")] {
        let count = ctx.value(&list_at).as_array().map_or(0, Vec::len);
        for index in 0..count {
            let at = list_at.index(index);
            let Some((target, value)) = ctx.follow(&at) else {
                continue;
            };
            let Some(wire) = str_field(value, "name") else {
                ctx.warn(&at, "a parameter without a name is skipped");
                continue;
            };
            let location = match str_field(value, "in") {
                Some("path") => ParamLocation::Path,
                Some("query") => ParamLocation::Query,
                Some("header") => ParamLocation::Header,
                Some("cookie") => ParamLocation::Cookie,
                other => {
                    ctx.warn(
                        &at,
                        format!(
                            "parameter location `{}` is unknown; skipped",
                            other.unwrap_or("")
                        ),
                    );
                    continue;
                }
            };
            if location == ParamLocation::Header
                && ["accept", "content-type", "authorization"]
                    .contains(&wire.to_ascii_lowercase().as_str())
            {
                ctx.warn(
                    &at,
                    format!("header parameter `{wire}` is ignored, as OpenAPI says"),
                );
                continue;
            }
            match entries
                .iter_mut()
                .find(|(l, w, _)| *l == location && w == wire)
            {
                Some(entry) => entry.2 = target,
                None => entries.push((location, wire.to_string(), target)),
            }
        }
    }
    let mut names = Namespace::default();
    names.reserve("body");
    let mut out = Vec::with_capacity(entries.len());
    for (location, wire, at) in entries {
        out.push(parameter(ctx, &at, location, &wire, stem, &mut names));
    }
    out
}

fn parameter(
    ctx: &mut Ctx,
    at: &Location,
    location: ParamLocation,
    wire: &str,
    stem: &str,
    names: &mut Namespace,
) -> Parameter {
    let value = ctx.value(at);
    let hint = match component_key(at, "parameters") {
        Some(key) => naming::type_name(&key, "Param"),
        None => format!("{stem}{}", naming::type_name(wire, "Param")),
    };
    let (shape, schema_value) = if value.get("schema").is_some() {
        let schema_at = at.key("schema");
        let (_, schema_value) = ctx
            .follow(&schema_at)
            .unwrap_or((schema_at.clone(), &Value::Null));
        (schema(ctx, &schema_at, &hint), schema_value)
    } else if let Some((media, _)) = value
        .get("content")
        .and_then(Value::as_object)
        .and_then(|c| c.iter().next())
    {
        ctx.warn(
            at,
            "a parameter with `content` is read as its schema, not as encoded text",
        );
        let schema_at = at.key("content").key(media).key("schema");
        (schema(ctx, &schema_at, &hint), ctx.value(&schema_at))
    } else {
        ctx.warn(at, "a parameter without a schema is typed as a string");
        (Shape::new(TypeExpr::String), &Value::Null)
    };
    let default_style = match location {
        ParamLocation::Query | ParamLocation::Cookie => ParamStyle::Form,
        ParamLocation::Path | ParamLocation::Header => ParamStyle::Simple,
    };
    let style = match str_field(value, "style") {
        Some("simple") => ParamStyle::Simple,
        Some("form") => ParamStyle::Form,
        Some("matrix") => ParamStyle::Matrix,
        Some("label") => ParamStyle::Label,
        Some("spaceDelimited") => ParamStyle::SpaceDelimited,
        Some("pipeDelimited") => ParamStyle::PipeDelimited,
        Some("deepObject") => ParamStyle::DeepObject,
        Some(other) => {
            ctx.warn(
                at,
                format!("parameter style `{other}` is unknown; the default is used"),
            );
            default_style
        }
        None => default_style,
    };
    let explode = match value.get("explode") {
        Some(Value::Bool(explode)) => *explode,
        _ => style == ParamStyle::Form,
    };
    let mut constraints = values::constraints(schema_value);
    if constraints.is_empty() {
        constraints = values::constraints(ctx.value(&at.key("schema")));
    }
    let spec_name = format!("`{wire}` (in {})", format!("{location:?}").to_lowercase());
    let claimed = names.claim_snake_for(&naming::snake(wire, "param"), &spec_name);
    if let Some(warning) = claimed.rename_warning("parameter", &spec_name) {
        ctx.warn(at, warning);
    }
    Parameter {
        name: claimed.name,
        wire_name: wire.to_string(),
        location,
        required: location == ParamLocation::Path || flag(value, "required"),
        ty: shape.folded(),
        style,
        explode,
        docs: values::docs(value),
        deprecated: flag(value, "deprecated"),
        constraints,
    }
}

/// Splits the path template; a `{name}` without a declared path parameter
/// gets a string parameter (with a warning), and declared path parameters
/// missing from the template are dropped.
fn segments(ctx: &mut Ctx, found: &Found, params: &mut Vec<Parameter>) -> Vec<PathPart> {
    let mut parts = Vec::new();
    let mut used: Vec<String> = Vec::new();
    let mut rest = found.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| c + open) else {
            break;
        };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_string()));
        }
        let wire = &rest[open + 1..close];
        used.push(wire.to_string());
        parts.push(PathPart::Param(usize::MAX));
        if let Some(PathPart::Param(slot)) = parts.last_mut() {
            *slot = used.len() - 1;
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_string()));
    }
    // Path parameters not in the template cannot be sent; drop them.
    let before = params.len();
    params.retain(|p| p.location != ParamLocation::Path || used.contains(&p.wire_name));
    if params.len() != before {
        ctx.warn(
            &found.at,
            "path parameters that the path template does not use are ignored",
        );
    }
    let mut names = Namespace::default();
    names.reserve("body");
    for param in params.iter() {
        names.reserve(&param.name);
    }
    let mut index_of = Vec::with_capacity(used.len());
    for wire in &used {
        let existing = params
            .iter()
            .position(|p| p.location == ParamLocation::Path && p.wire_name == *wire);
        let index = match existing {
            Some(index) => index,
            None => {
                ctx.warn(
                    &found.at,
                    format!("path parameter `{wire}` is not declared; typed as a string"),
                );
                params.push(Parameter {
                    name: names.claim_snake(&naming::snake(wire, "param")),
                    wire_name: wire.clone(),
                    location: ParamLocation::Path,
                    required: true,
                    ty: TypeExpr::String,
                    style: ParamStyle::Simple,
                    explode: false,
                    docs: Default::default(),
                    deprecated: false,
                    constraints: Default::default(),
                });
                params.len() - 1
            }
        };
        index_of.push(index);
    }
    for part in &mut parts {
        if let PathPart::Param(slot) = part {
            *slot = index_of.get(*slot).copied().unwrap_or_default();
        }
    }
    parts
}

/// How a media type is encoded, or `None` for one the bindings skip.
fn encoding_of(media: &str) -> Option<(u8, BodyEncoding)> {
    let essence = media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" {
        return Some((0, BodyEncoding::Json));
    }
    if essence.ends_with("+json") || essence.ends_with("/json") || essence == "application/*" {
        return Some((1, BodyEncoding::Json));
    }
    if essence == "application/x-www-form-urlencoded" {
        return Some((2, BodyEncoding::FormUrlEncoded));
    }
    if essence == "multipart/form-data" || essence == "multipart/mixed" {
        return Some((3, BodyEncoding::Multipart(Vec::new())));
    }
    if essence.starts_with("text/") {
        return Some((5, BodyEncoding::Text));
    }
    let binary = essence == "application/octet-stream"
        || essence == "*/*"
        || essence.starts_with("image/")
        || essence.starts_with("audio/")
        || essence.starts_with("video/")
        || essence == "application/pdf"
        || essence == "application/zip"
        || essence == "application/gzip"
        || essence == "application/x-tar";
    binary.then_some((4, BodyEncoding::Binary))
}

/// Picks the media type the bindings use from a `content` map and resolves
/// its schema; warns about the others when none fits.
fn body(ctx: &mut Ctx, content_at: &Location, hint: &str) -> Option<Body> {
    let content = ctx.value(content_at).as_object()?;
    let mut best: Option<(u8, &String, BodyEncoding)> = None;
    for media in content.keys() {
        if let Some((rank, encoding)) = encoding_of(media) {
            if best.as_ref().is_none_or(|(r, _, _)| rank < *r) {
                best = Some((rank, media, encoding));
            }
        }
    }
    let Some((_, media, encoding)) = best else {
        if !content.is_empty() {
            let listed: Vec<&str> = content.keys().map(String::as_str).collect();
            ctx.warn(
                content_at,
                format!("media types {listed:?} are not supported; the body is skipped"),
            );
        }
        return None;
    };
    let skipped: Vec<&str> = content
        .keys()
        .filter(|m| *m != media)
        .map(String::as_str)
        .collect();
    if !skipped.is_empty() {
        ctx.warn(
            content_at,
            format!("only `{media}` is generated; also listed and skipped: {skipped:?}"),
        );
    }
    let media_at = content_at.key(media);
    let schema_at = media_at.key("schema");
    let has_schema = ctx.value(&schema_at).is_object();
    if let Some(found) = ctx.docs.get(&schema_at).filter(|_| !has_schema) {
        super::keywords::check_schema(ctx, &schema_at, found);
    }
    let (ty, encoding) = match encoding {
        BodyEncoding::Binary => (TypeExpr::Binary, BodyEncoding::Binary),
        BodyEncoding::Text => {
            let ty = if has_schema {
                schema(ctx, &schema_at, hint).folded()
            } else {
                TypeExpr::String
            };
            let ty = match ty {
                TypeExpr::Binary => TypeExpr::Binary,
                _ => TypeExpr::String,
            };
            (ty, BodyEncoding::Text)
        }
        BodyEncoding::Multipart(_) => {
            let ty = if has_schema {
                schema(ctx, &schema_at, hint).ty
            } else {
                TypeExpr::Any
            };
            let parts = multipart_parts(ctx, &media_at, &ty);
            (ty, BodyEncoding::Multipart(parts))
        }
        other => {
            let ty = if has_schema {
                schema(ctx, &schema_at, hint).folded()
            } else {
                TypeExpr::Any
            };
            (ty, other)
        }
    };
    Some(Body {
        media_type: media.clone(),
        encoding,
        ty,
    })
}

fn multipart_parts(ctx: &mut Ctx, media_at: &Location, ty: &TypeExpr) -> Vec<MultipartPart> {
    let fields: Vec<String> = match ty {
        TypeExpr::Named(id) => match ctx.types.get(id.0).map(|t| &t.def.kind) {
            Some(TypeKind::Struct(s)) => s.fields.iter().map(|f| f.wire_name.clone()).collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    if fields.is_empty() {
        ctx.warn(
            media_at,
            "a multipart body that is not an object with properties has no parts",
        );
    }
    let encoding = ctx.value(&media_at.key("encoding"));
    fields
        .iter()
        .enumerate()
        .map(|(field, wire)| MultipartPart {
            field,
            content_type: encoding
                .get(wire)
                .and_then(|e| str_field(e, "contentType"))
                .map(str::to_string),
        })
        .collect()
}

fn request_body(ctx: &mut Ctx, found: &Found, stem: &str) -> Option<RequestBody> {
    let at = found.at.key("requestBody");
    let (target, value) = ctx.follow(&at)?;
    let hint = match component_key(&target, "requestBodies") {
        Some(key) => naming::type_name(&key, "RequestBody"),
        None => format!("{stem}RequestBody"),
    };
    let body = body(ctx, &target.key("content"), &hint)?;
    Some(RequestBody {
        required: flag(value, "required"),
        docs: values::docs(value),
        body,
    })
}

/// The enum variant for a status.
fn variant_for(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => match code {
            200 => "Ok".into(),
            201 => "Created".into(),
            202 => "Accepted".into(),
            203 => "NonAuthoritativeInformation".into(),
            204 => "NoContent".into(),
            205 => "ResetContent".into(),
            206 => "PartialContent".into(),
            301 => "MovedPermanently".into(),
            302 => "Found".into(),
            303 => "SeeOther".into(),
            304 => "NotModified".into(),
            307 => "TemporaryRedirect".into(),
            308 => "PermanentRedirect".into(),
            400 => "BadRequest".into(),
            401 => "Unauthorized".into(),
            402 => "PaymentRequired".into(),
            403 => "Forbidden".into(),
            404 => "NotFound".into(),
            405 => "MethodNotAllowed".into(),
            406 => "NotAcceptable".into(),
            408 => "RequestTimeout".into(),
            409 => "Conflict".into(),
            410 => "Gone".into(),
            412 => "PreconditionFailed".into(),
            413 => "PayloadTooLarge".into(),
            415 => "UnsupportedMediaType".into(),
            422 => "UnprocessableEntity".into(),
            423 => "Locked".into(),
            428 => "PreconditionRequired".into(),
            429 => "TooManyRequests".into(),
            500 => "InternalServerError".into(),
            501 => "NotImplemented".into(),
            502 => "BadGateway".into(),
            503 => "ServiceUnavailable".into(),
            504 => "GatewayTimeout".into(),
            other => format!("Status{other}"),
        },
        StatusMatch::Range(digit) => format!("Status{digit}xx"),
        StatusMatch::Default => "Default".into(),
    }
}

fn parse_status(key: &str) -> Option<StatusMatch> {
    if key == "default" {
        return Some(StatusMatch::Default);
    }
    let bytes = key.as_bytes();
    if bytes.len() == 3 && key.get(1..).is_some_and(|r| r.eq_ignore_ascii_case("xx")) {
        let digit = bytes.first().copied().filter(u8::is_ascii_digit)? - b'0';
        return (1..=5)
            .contains(&digit)
            .then_some(StatusMatch::Range(digit));
    }
    let code: u16 = key.parse().ok()?;
    (100..=599)
        .contains(&code)
        .then_some(StatusMatch::Code(code))
}

fn responses(ctx: &mut Ctx, at: &Location, stem: &str) -> Vec<Response> {
    let Some(map) = ctx.value(at).as_object() else {
        return Vec::new();
    };
    let mut statuses: Vec<(StatusMatch, String)> = Vec::new();
    for key in map.keys() {
        if key.starts_with("x-") {
            continue;
        }
        match parse_status(key) {
            Some(status) => statuses.push((status, key.clone())),
            None => ctx.warn(
                &at.key(key),
                format!("response key `{key}` is not a status; skipped"),
            ),
        }
    }
    statuses.sort();
    statuses.dedup_by(|a, b| a.0 == b.0);
    let any_2xx = statuses.iter().any(|(status, _)| is_2xx(*status));
    let mut variants = Namespace::default();
    let mut first_success = true;
    let mut out = Vec::with_capacity(statuses.len());
    for (status, key) in statuses {
        let Some((target, value)) = ctx.follow(&at.key(&key)) else {
            continue;
        };
        let variant = variants.claim_camel(&variant_for(status));
        let success = is_2xx(status) || (status == StatusMatch::Default && !any_2xx);
        // An inline body of a shared component response is named after the
        // component, not after the first operation that uses it.
        let hint = if let Some(key) = component_key(&target, "responses") {
            let name = naming::type_name(&key, "Response");
            if name.ends_with("Response") {
                name
            } else {
                format!("{name}Response")
            }
        } else if success && first_success {
            format!("{stem}Response")
        } else {
            format!("{stem}{variant}Response")
        };
        let body = body(ctx, &target.key("content"), &hint);
        if success && body.is_some() {
            first_success = false;
        }
        if value.get("links").is_some() {
            ctx.warn(&target.key("links"), "response links are not generated");
        }
        let headers = headers(ctx, &target.key("headers"), &format!("{stem}{variant}"));
        out.push(Response {
            status,
            variant,
            description: value
                .get("description")
                .and_then(values::text)
                .unwrap_or_default(),
            body,
            headers,
            success,
        });
    }
    out
}

fn is_2xx(status: StatusMatch) -> bool {
    match status {
        StatusMatch::Code(code) => (200..300).contains(&code),
        StatusMatch::Range(digit) => digit == 2,
        StatusMatch::Default => false,
    }
}

fn headers(ctx: &mut Ctx, at: &Location, stem: &str) -> Vec<ResponseHeader> {
    let Some(map) = ctx.value(at).as_object() else {
        return Vec::new();
    };
    let mut names = Namespace::default();
    names.reserve("body");
    names.reserve("status");
    let mut out = Vec::with_capacity(map.len());
    for wire in map.keys() {
        if wire.eq_ignore_ascii_case("content-type") {
            continue;
        }
        let Some((target, value)) = ctx.follow(&at.key(wire)) else {
            continue;
        };
        let hint = format!("{stem}{}", naming::type_name(wire, "Header"));
        let ty = if value.get("schema").is_some() {
            schema(ctx, &target.key("schema"), &hint).folded()
        } else {
            TypeExpr::String
        };
        let spec_name = format!("`{wire}`");
        let claimed = names.claim_snake_for(&naming::snake(wire, "header"), &spec_name);
        if let Some(warning) = claimed.rename_warning("header", &spec_name) {
            ctx.warn(&at.key(wire), warning);
        }
        out.push(ResponseHeader {
            name: claimed.name,
            wire_name: wire.clone(),
            required: flag(value, "required"),
            ty,
            docs: values::docs(value),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_names_from_method_and_path() {
        assert_eq!(derived_name(Method::Get, "/"), "get_root");
        assert_eq!(derived_name(Method::Get, "/accounts"), "get_accounts");
        assert_eq!(
            derived_name(Method::Get, "/accounts/{accountId}/statement.csv"),
            "get_accounts_account_id_statement_csv"
        );
    }

    #[test]
    fn stems_are_camel_case() {
        assert_eq!(type_stem("r#match"), "Match");
        assert_eq!(type_stem("get_model"), "GetModel");
        assert_eq!(type_stem("self_"), "Self");
        assert_eq!(type_stem("_2fa"), "Op2fa");
    }

    #[test]
    fn parses_statuses() {
        assert_eq!(parse_status("200"), Some(StatusMatch::Code(200)));
        assert_eq!(parse_status("4XX"), Some(StatusMatch::Range(4)));
        assert_eq!(parse_status("5xx"), Some(StatusMatch::Range(5)));
        assert_eq!(parse_status("default"), Some(StatusMatch::Default));
        assert_eq!(parse_status("abc"), None);
        assert_eq!(variant_for(StatusMatch::Code(418)), "Status418");
        assert_eq!(variant_for(StatusMatch::Range(4)), "Status4xx");
    }
}
