//! Schemas to types: named types for components, objects, enums and unions;
//! plain type expressions for primitives, arrays and maps.
//!
//! Every schema location that becomes a named type is remembered, so a
//! schema reached from several places (a `$ref`, a path-level parameter,
//! an `allOf` base) is one type. Wrappers that only add `nullable` around a
//! single reference (`allOf: [$ref]`, `oneOf: [$ref, {nullable: true}]`) are
//! seen through: they use the referenced type, never a copy.
//!
//! An inline schema is named after the first place that reaches it (for a
//! path-level parameter shared by several operations, the first operation
//! in path and method order); later uses share that type and its name.

use std::collections::BTreeSet;

use serde_json::Value;

use super::values::{self, flag, str_field};
use super::{keywords, unions, Ctx, Priority, Shape};
use crate::load::{pointer, Location};
use crate::model::{
    EnumVariant, Field, IntEnum, IntFormat, Newtype, NumFormat, StringEnum, Struct, TypeExpr,
    TypeId, TypeKind,
};
use crate::naming::{self, Namespace};

/// Resolves every component schema of the root document, in key order, so
/// that each becomes a named type even when nothing uses it.
pub fn resolve_components(ctx: &mut Ctx) {
    let Some(schemas) = ctx
        .docs
        .root()
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return;
    };
    let base = Location {
        doc: 0,
        pointer: "/components/schemas".to_string(),
    };
    for key in schemas.keys() {
        component(ctx, &base.key(key));
    }
}

/// The key of a component schema location (`/components/schemas/<key>`).
pub fn component_key(location: &Location) -> Option<String> {
    let tokens = pointer::tokens(&location.pointer);
    match tokens.as_slice() {
        [components, schemas, key] if components == "components" && schemas == "schemas" => {
            Some(key.clone())
        }
        _ => None,
    }
}

/// The use of the schema at `location`, following references; `hint` names
/// a type created for an inline object, enum or union.
pub fn schema(ctx: &mut Ctx, location: &Location, hint: &str) -> Shape {
    let value = ctx.value(location);
    if value.get("$ref").is_some() {
        let Some((target, _)) = ctx.follow(location) else {
            return Shape::new(TypeExpr::Any);
        };
        // OpenAPI 3.0 ignores siblings of `$ref`, but `nullable: true` next
        // to one is common and clearly meant.
        let mut shape = at_target(ctx, &target);
        shape.nullable |= flag(value, "nullable");
        return shape;
    }
    inline(ctx, location, value, hint)
}

/// The use of a schema that a reference reaches.
fn at_target(ctx: &mut Ctx, target: &Location) -> Shape {
    if component_key(target).is_some() {
        return component(ctx, target);
    }
    // A reference to a whole file is named after the file.
    let last = pointer::last_token(&target.pointer).unwrap_or_else(|| {
        let path = ctx
            .docs
            .documents
            .get(target.doc)
            .map(|d| d.path.clone())
            .unwrap_or_default();
        path.file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default()
    });
    let hint = naming::type_name(&last, "Type");
    let value = ctx.value(target);
    inline(ctx, target, value, &hint)
}

/// The names a component schema tries: its key, and for a component of
/// another file also the key prefixed with the file's name (`CommonError`).
fn component_candidates(ctx: &Ctx, location: &Location, key: &str) -> (Vec<String>, Priority) {
    let name = naming::type_name(key, "Type");
    if location.doc == 0 {
        return (vec![name], Priority::RootComponent);
    }
    let file = ctx
        .docs
        .documents
        .get(location.doc)
        .map(|d| d.path.clone())
        .unwrap_or_default();
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    // `19-external-ref.common.yaml` is prefixed `Common`: the last dotted
    // part of the stem is the most specific.
    let prefix = stem.rsplit('.').next().unwrap_or_default();
    let prefixed = naming::type_name(&format!("{prefix} {key}"), "Type");
    (vec![name, prefixed], Priority::Other)
}

/// A component schema as a named type.
pub fn component(ctx: &mut Ctx, location: &Location) -> Shape {
    if let Some(shape) = ctx.memo.get(location) {
        return shape.clone();
    }
    let key = component_key(location).unwrap_or_default();
    let (candidates, priority) = component_candidates(ctx, location, &key);
    let value = ctx.value(location);
    let id = ctx.add_type(location, candidates, priority);
    let shape = Shape {
        ty: TypeExpr::Named(TypeId(id)),
        nullable: is_nullable(value),
    };
    ctx.memo.insert(location.clone(), shape.clone());
    // Inline types inside are named from the key itself, without the
    // suffix that a reserved name gets (`Option` → `OptionLabel`, not
    // `OptionModelLabel`).
    let name = match naming::camel_words(&key) {
        words if words.is_empty() => ctx.type_name(id).to_string(),
        words if words.starts_with(|c: char| c.is_ascii_digit()) => format!("Type{words}"),
        words => words,
    };
    let kind = if value.get("$ref").is_some() {
        let inner = schema(ctx, location, &name);
        TypeKind::Newtype(Newtype {
            inner: inner.ty,
            constraints: Default::default(),
        })
    } else {
        keywords::check_schema(ctx, location, value);
        note_ignored(ctx, location, value);
        match classify(ctx, location, value) {
            Class::Named(named) => build(ctx, location, value, &name, named),
            Class::Wrapper(member, nullable) => {
                if nullable {
                    if let Some(memo) = ctx.memo.get_mut(location) {
                        memo.nullable = true;
                    }
                }
                let inner = schema(ctx, &member, &name);
                TypeKind::Newtype(Newtype {
                    inner: inner.ty,
                    constraints: Default::default(),
                })
            }
            Class::Plain => {
                let inner = plain(ctx, location, value, &name);
                TypeKind::Newtype(Newtype {
                    inner: inner.ty,
                    constraints: values::constraints(value),
                })
            }
        }
    };
    finish_type(ctx, id, value, kind);
    ctx.memo.get(location).cloned().unwrap_or(shape)
}

fn finish_type(ctx: &mut Ctx, id: usize, value: &Value, kind: TypeKind) {
    if let Some(pending) = ctx.types.get_mut(id) {
        pending.def.kind = kind;
        pending.def.docs = values::docs(value);
        pending.def.deprecated = flag(value, "deprecated");
    }
}

/// What a schema becomes.
enum Class {
    /// A named type of its own.
    Named(NamedKind),
    /// Another schema, maybe made nullable (`allOf` / `oneOf` / `anyOf`
    /// with a single real member).
    Wrapper(Location, bool),
    /// A primitive, array or map.
    Plain,
}

#[derive(Debug, Clone, Copy)]
enum NamedKind {
    Struct,
    StringEnum,
    IntEnum,
    Union,
}

/// Keys that do not change what values a member of `allOf` accepts.
fn is_trivial(value: &Value) -> bool {
    const ANNOTATIONS: &[&str] = &[
        "nullable",
        "description",
        "title",
        "readOnly",
        "writeOnly",
        "deprecated",
        "default",
        "example",
        "externalDocs",
    ];
    match value.as_object() {
        Some(map) => map
            .keys()
            .all(|k| ANNOTATIONS.contains(&k.as_str()) || k.starts_with("x-")),
        None => true,
    }
}

/// A member of `oneOf` / `anyOf` that only admits `null`.
fn is_null_member(value: &Value) -> bool {
    (is_trivial(value) && flag(value, "nullable"))
        || str_field(value, "type") == Some("null")
        || value
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|list| !list.is_empty() && list.iter().all(Value::is_null))
}

/// Whether a schema admits `null`: `nullable: true`, `null` in its enum,
/// `null` in a list of types, or a `oneOf` / `anyOf` member that is `null`.
pub fn is_nullable(value: &Value) -> bool {
    let null_member = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(|l| l.iter().any(is_null_member))
    };
    flag(value, "nullable")
        || null_member("oneOf")
        || null_member("anyOf")
        || value
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|l| l.iter().any(Value::is_null))
        || value
            .get("type")
            .and_then(Value::as_array)
            .is_some_and(|l| l.iter().any(|t| t.as_str() == Some("null")))
}

/// The schema's `type`, reading a list of types (3.1 style) as its first
/// non-null entry.
pub fn type_of(value: &Value) -> Option<&str> {
    match value.get("type")? {
        Value::String(ty) => Some(ty.as_str()),
        Value::Array(list) => list.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    }
}

fn has_properties(value: &Value) -> bool {
    value
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty())
}

fn classify(ctx: &mut Ctx, location: &Location, value: &Value) -> Class {
    if let Some(members) = value.get("allOf").and_then(Value::as_array) {
        let real: Vec<usize> = (0..members.len())
            .filter(|&i| members.get(i).is_some_and(|m| !is_trivial(m)))
            .collect();
        let plain_outer = !has_properties(value)
            && value.get("additionalProperties").is_none()
            && value.get("oneOf").is_none()
            && value.get("anyOf").is_none();
        if plain_outer {
            if let [only] = real.as_slice() {
                let nullable = is_nullable(value) || members.iter().any(|m| flag(m, "nullable"));
                return Class::Wrapper(location.key("allOf").index(*only), nullable);
            }
        }
        if !real.is_empty() || has_properties(value) {
            return Class::Named(NamedKind::Struct);
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(members) = value.get(key).and_then(Value::as_array) {
            let real: Vec<usize> = (0..members.len())
                .filter(|&i| members.get(i).is_some_and(|m| !is_null_member(m)))
                .collect();
            let nullable = is_nullable(value) || real.len() < members.len();
            if let [only] = real.as_slice() {
                if !has_properties(value) {
                    return Class::Wrapper(location.key(key).index(*only), nullable);
                }
            }
            if real.len() > 1 {
                if has_properties(value) {
                    ctx.warn(
                        location,
                        format!("properties next to `{key}` are ignored; the union is generated"),
                    );
                }
                return Class::Named(NamedKind::Union);
            }
        }
    }
    if let Some(list) = value.get("enum").and_then(Value::as_array) {
        let items: Vec<&Value> = list.iter().filter(|v| !v.is_null()).collect();
        if !items.is_empty() {
            let ty = type_of(value);
            if ty == Some("string") || (ty.is_none() && items.iter().all(|v| v.is_string())) {
                return Class::Named(NamedKind::StringEnum);
            }
            if matches!(ty, Some("integer") | None) && items.iter().all(|v| v.as_i64().is_some()) {
                return Class::Named(NamedKind::IntEnum);
            }
        }
    }
    if has_properties(value) && matches!(type_of(value), None | Some("object")) {
        return Class::Named(NamedKind::Struct);
    }
    Class::Plain
}

/// A schema that is not behind a reference.
fn inline(ctx: &mut Ctx, location: &Location, value: &Value, hint: &str) -> Shape {
    if let Some(shape) = ctx.memo.get(location) {
        return shape.clone();
    }
    // An absent schema (a parameter without one) is any JSON value without
    // a word; a present one that is not an object is reported.
    if ctx.docs.get(location).is_some() && !keywords::check_schema(ctx, location, value) {
        return Shape::new(TypeExpr::Any);
    }
    if !ctx.active.insert(location.clone()) {
        ctx.warn(
            location,
            "a schema contains itself without a named type; typed as any JSON",
        );
        return Shape::new(TypeExpr::Any);
    }
    note_ignored(ctx, location, value);
    let shape = match classify(ctx, location, value) {
        Class::Wrapper(member, nullable) => {
            let mut shape = schema(ctx, &member, hint);
            shape.nullable |= nullable;
            shape
        }
        Class::Plain => plain(ctx, location, value, hint),
        Class::Named(named) => {
            let id = ctx.add_type(location, vec![hint.to_string()], Priority::Other);
            let shape = Shape {
                ty: TypeExpr::Named(TypeId(id)),
                nullable: is_nullable(value),
            };
            ctx.memo.insert(location.clone(), shape.clone());
            let kind = build(ctx, location, value, hint, named);
            finish_type(ctx, id, value, kind);
            shape
        }
    };
    ctx.active.remove(location);
    shape
}

/// Warns about schema keywords the bindings ignore.
fn note_ignored(ctx: &mut Ctx, location: &Location, value: &Value) {
    if value.get("not").is_some() {
        ctx.warn(location, "`not` is not enforced by the bindings");
    }
    if value.get("xml").is_some() {
        ctx.warn(
            location,
            "`xml` is ignored: the bindings read and write JSON",
        );
    }
}

fn build(
    ctx: &mut Ctx,
    location: &Location,
    value: &Value,
    name: &str,
    kind: NamedKind,
) -> TypeKind {
    match kind {
        NamedKind::Struct => TypeKind::Struct(object(ctx, location, value, name)),
        NamedKind::StringEnum => TypeKind::StringEnum(string_enum(ctx, location, value)),
        NamedKind::IntEnum => TypeKind::IntEnum(int_enum(ctx, location, value)),
        NamedKind::Union => TypeKind::Union(unions::union(ctx, location, value, name)),
    }
}

/// A primitive, array or map.
fn plain(ctx: &mut Ctx, location: &Location, value: &Value, hint: &str) -> Shape {
    let nullable = is_nullable(value);
    let format = str_field(value, "format").unwrap_or_default();
    let ty = match type_of(value) {
        Some("array") => array(ctx, location, value, hint),
        Some("object") => map(ctx, location, value, hint),
        Some("string") => match format {
            "date-time" => TypeExpr::DateTime,
            "date" => TypeExpr::Date,
            "uuid" => TypeExpr::Uuid,
            "byte" => TypeExpr::Base64,
            "binary" => TypeExpr::Binary,
            _ => TypeExpr::String,
        },
        Some("integer") => TypeExpr::Integer(int_format(format)),
        Some("number") => TypeExpr::Number(match format {
            "float" => NumFormat::F32,
            _ => NumFormat::F64,
        }),
        Some("boolean") => TypeExpr::Boolean,
        Some("file") => TypeExpr::Binary,
        Some(other) => {
            if other != "null" {
                ctx.warn(
                    location,
                    format!("unknown schema type `{other}`; typed as any JSON"),
                );
            }
            TypeExpr::Any
        }
        None if value.get("items").is_some() => array(ctx, location, value, hint),
        None if value.get("properties").is_some()
            || value.get("additionalProperties").is_some() =>
        {
            map(ctx, location, value, hint)
        }
        None => TypeExpr::Any,
    };
    if value
        .get("enum")
        .and_then(Value::as_array)
        .is_some_and(|l| l.iter().any(|v| !v.is_null()))
    {
        ctx.warn(
            location,
            "an enum that is neither all strings nor all integers is typed as its base type",
        );
    }
    Shape { ty, nullable }
}

fn int_format(format: &str) -> IntFormat {
    match format {
        "int32" => IntFormat::I32,
        "uint32" => IntFormat::U32,
        "uint64" => IntFormat::U64,
        _ => IntFormat::I64,
    }
}

fn array(ctx: &mut Ctx, location: &Location, value: &Value, hint: &str) -> TypeExpr {
    if value.get("items").is_none_or(|items| !items.is_object()) {
        return TypeExpr::Array(Box::new(TypeExpr::Any));
    }
    let item = schema(ctx, &location.key("items"), &format!("{hint}Item"));
    TypeExpr::Array(Box::new(item.folded()))
}

fn map(ctx: &mut Ctx, location: &Location, value: &Value, hint: &str) -> TypeExpr {
    match value.get("additionalProperties") {
        Some(Value::Object(_)) => {
            let item = schema(
                ctx,
                &location.key("additionalProperties"),
                &format!("{hint}Value"),
            );
            TypeExpr::Map(Box::new(item.folded()))
        }
        _ => TypeExpr::Map(Box::new(TypeExpr::Any)),
    }
}

/// How deep `allOf` members of members are followed: far beyond any real
/// spec, and a bound on the work a hostile one can cause.
const MAX_ALL_OF_DEPTH: usize = 64;

/// Properties gathered from a schema and its `allOf` members.
#[derive(Default)]
struct Collected {
    /// `(wire name, schema location)`, in order; a later member redefining
    /// a property replaces its schema in place.
    properties: Vec<(String, Location)>,
    required: BTreeSet<String>,
    /// `additionalProperties` of the schema and its members: `None` for
    /// `true`, the location of a schema otherwise.
    additional: Vec<Option<Location>>,
}

/// Gathers the properties of the schema at `location` and of its `allOf`
/// members; `within` holds the schemas whose members are being gathered, so
/// that a member leading back to one of them is skipped rather than followed
/// forever.
fn collect(
    ctx: &mut Ctx,
    location: &Location,
    value: &Value,
    out: &mut Collected,
    within: &mut Vec<Location>,
) {
    if let Some(members) = value.get("allOf").and_then(Value::as_array) {
        within.push(location.clone());
        for index in 0..members.len() {
            let member = location.key("allOf").index(index);
            let Some((target, target_value)) = ctx.follow(&member) else {
                continue;
            };
            if !target_value.is_object() {
                // Reported by the keyword checks of the schema holding it.
                continue;
            }
            if within.contains(&target) {
                ctx.warn(
                    &member,
                    "this `allOf` member refers back to a schema that contains it; it adds \
                     nothing and is ignored",
                );
                continue;
            }
            if within.len() > MAX_ALL_OF_DEPTH {
                ctx.warn(
                    &member,
                    format!(
                        "`allOf` members nested deeper than {MAX_ALL_OF_DEPTH} levels are \
                         not followed; their properties are left out"
                    ),
                );
                continue;
            }
            if target_value.get("oneOf").is_some() || target_value.get("anyOf").is_some() {
                ctx.warn(
                    &member,
                    "a union inside `allOf` is approximated by its common properties",
                );
            }
            if !is_trivial(target_value) && !matches!(type_of(target_value), None | Some("object"))
            {
                ctx.warn(&member, "a non-object member of `allOf` is ignored");
            }
            collect(ctx, &target, target_value, out, within);
        }
        within.pop();
    }
    if let Some(properties) = value.get("properties").and_then(Value::as_object) {
        let base = location.key("properties");
        for key in properties.keys() {
            let at = base.key(key);
            match out.properties.iter_mut().find(|(wire, _)| wire == key) {
                Some(entry) => entry.1 = at,
                None => out.properties.push((key.clone(), at)),
            }
        }
    }
    if let Some(required) = value.get("required").and_then(Value::as_array) {
        out.required.extend(
            required
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string),
        );
    }
    match value.get("additionalProperties") {
        Some(Value::Bool(true)) => out.additional.push(None),
        Some(Value::Object(map)) if map.is_empty() => out.additional.push(None),
        Some(Value::Object(_)) => out
            .additional
            .push(Some(location.key("additionalProperties"))),
        _ => {}
    }
}

/// The properties of an object schema (with its `allOf` members), for
/// unions that look for a tag property.
pub fn properties_of(ctx: &mut Ctx, location: &Location) -> Vec<(String, Location)> {
    let Some((target, value)) = ctx.follow(location) else {
        return Vec::new();
    };
    let mut out = Collected::default();
    collect(ctx, &target, value, &mut out, &mut Vec::new());
    out.properties
}

fn object(ctx: &mut Ctx, location: &Location, value: &Value, name: &str) -> Struct {
    let mut collected = Collected::default();
    collect(ctx, location, value, &mut collected, &mut Vec::new());
    let mut names = Namespace::default();
    if !collected.additional.is_empty() {
        // The name the models emitter gives the catch-all map.
        names.reserve("additional_properties");
    }
    let mut fields = Vec::with_capacity(collected.properties.len());
    for (wire, at) in &collected.properties {
        let required = collected.required.contains(wire);
        fields.push(field(ctx, name, wire, at, required, &mut names));
    }
    let additional = match collected.additional.as_slice() {
        [] => None,
        [Some(at)] => Some(schema(ctx, at, &format!("{name}Value")).folded()),
        _ => Some(TypeExpr::Any),
    };
    Struct { fields, additional }
}

fn field(
    ctx: &mut Ctx,
    parent: &str,
    wire: &str,
    location: &Location,
    required: bool,
    names: &mut Namespace,
) -> Field {
    let value = ctx.value(location);
    let words = naming::camel_words(wire);
    let hint = if words.is_empty() {
        format!("{parent}Field")
    } else {
        format!("{parent}{words}")
    };
    let shape = schema(ctx, location, &hint);
    let spec_name = format!("`{wire}`");
    let claimed = names.claim_snake_for(&naming::snake(wire, "field"), &spec_name);
    if let Some(warning) = claimed.rename_warning("property", &spec_name) {
        ctx.warn(location, warning);
    }
    Field {
        name: claimed.name,
        wire_name: wire.to_string(),
        docs: values::docs(value),
        ty: shape.ty,
        required,
        nullable: shape.nullable,
        read_only: flag(value, "readOnly"),
        write_only: flag(value, "writeOnly"),
        deprecated: flag(value, "deprecated"),
        default: value.get("default").cloned(),
        constraints: values::constraints(value),
    }
}

fn string_enum(ctx: &mut Ctx, location: &Location, value: &Value) -> StringEnum {
    let mut wire: Vec<String> = Vec::new();
    let mut coerced = false;
    for item in value
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = match item {
            Value::String(text) => text.clone(),
            Value::Null => continue,
            Value::Number(_) | Value::Bool(_) => {
                coerced = true;
                values::text(item).unwrap_or_default()
            }
            _ => {
                ctx.warn(location, "a non-scalar enum value is skipped");
                continue;
            }
        };
        if !wire.contains(&text) {
            wire.push(text);
        }
    }
    if coerced {
        ctx.warn(
            location,
            "numbers or booleans in a string enum are read as their text",
        );
    }
    let refs: Vec<&str> = wire.iter().map(String::as_str).collect();
    let names = naming::enum_variant_names(&refs);
    let mut space = Namespace::default();
    for name in &names {
        space.reserve(name);
    }
    let other_variant =
        space.claim_first_camel(&["Other".into(), "Unknown".into(), "OtherValue".into()]);
    let variants = names
        .into_iter()
        .zip(wire)
        .map(|(name, value)| EnumVariant { name, value })
        .collect();
    StringEnum {
        variants,
        other_variant,
    }
}

fn int_enum(ctx: &mut Ctx, location: &Location, value: &Value) -> IntEnum {
    let mut variants: Vec<(String, i64)> = Vec::new();
    for item in value
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(number) = item.as_i64() else {
            if !item.is_null() {
                ctx.warn(location, "an integer enum value out of range is skipped");
            }
            continue;
        };
        if !variants.iter().any(|(_, v)| *v == number) {
            variants.push((naming::int_variant_name(number), number));
        }
    }
    let format = int_format(str_field(value, "format").unwrap_or_default());
    let fits = |min: i64, max: i64| variants.iter().all(|(_, v)| *v >= min && *v <= max);
    let format = match format {
        IntFormat::I32 if !fits(i32::MIN.into(), i32::MAX.into()) => IntFormat::I64,
        IntFormat::U32 if !fits(0, u32::MAX.into()) => IntFormat::I64,
        IntFormat::U64 if !fits(0, i64::MAX) => IntFormat::I64,
        other => other,
    };
    IntEnum { format, variants }
}
