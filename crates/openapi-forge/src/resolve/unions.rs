//! `oneOf` / `anyOf` to unions: tagging and variant names.
//!
//! A union is tagged when it has a `discriminator` (tags from its `mapping`,
//! else the schema names) or when every variant has one property that is a
//! one-value string enum (the values are the tags). Otherwise it is
//! untagged: the first variant that accepts a value wins, which for `anyOf`
//! is an approximation and is warned about.
//!
//! Known shortcomings: a discriminator on a base schema that its subtypes
//! extend through `allOf` (without a `oneOf` listing them) is not turned
//! into a union; the base stays a plain struct. When several mapping keys
//! lead to one schema, only the first key is a tag of that variant.

use serde_json::Value;

use super::schema::{component_key, is_nullable, properties_of, schema, type_of};
use super::values::{self, str_field};
use super::{Ctx, Shape};
use crate::load::{pointer, Location};
use crate::model::{Tagging, TypeExpr, Union, UnionVariant};
use crate::naming::{self, Namespace};

/// A member of the union: where it is written and where it leads.
struct Member {
    at: Location,
    target: Location,
}

pub fn union(ctx: &mut Ctx, location: &Location, value: &Value, name: &str) -> Union {
    let key = if value.get("oneOf").is_some() {
        "oneOf"
    } else {
        "anyOf"
    };
    let count = value.get(key).and_then(Value::as_array).map_or(0, Vec::len);
    let mut members = Vec::new();
    for index in 0..count {
        let at = location.key(key).index(index);
        let Some((target, target_value)) = ctx.follow(&at) else {
            continue;
        };
        if is_null_only(target_value) {
            continue;
        }
        members.push(Member { at, target });
    }
    let tags = tags(ctx, location, value, &members);
    let tagging = match &tags {
        Some((property, _)) => Tagging::Tagged {
            property: property.clone(),
        },
        None => {
            if key == "anyOf" {
                ctx.warn(
                    location,
                    "`anyOf` is generated as an untagged union: a value decodes as the first \
                     matching variant only",
                );
            }
            Tagging::Untagged
        }
    };
    let mut names = Namespace::default();
    let mut variants = Vec::with_capacity(members.len());
    for (index, member) in members.iter().enumerate() {
        let tag = tags.as_ref().and_then(|(_, tags)| tags.get(index).cloned());
        let own = ctx.value(&member.at);
        let target_value = ctx.value(&member.target);
        let label = if own.get("$ref").is_some() {
            let key = component_key(&member.target)
                .or_else(|| pointer::last_token(&member.target.pointer))
                .unwrap_or_default();
            naming::variant_name(&key, "Variant")
        } else if let Some(tag) = &tag {
            naming::variant_name(tag, "Variant")
        } else if let Some(title) = str_field(target_value, "title") {
            naming::variant_name(title, "Variant")
        } else {
            type_label(target_value)
        };
        let variant_name = names.claim_camel(&label);
        let shape: Shape = schema(ctx, &member.at, &format!("{name}{variant_name}"));
        variants.push(UnionVariant {
            name: variant_name,
            tag,
            ty: shape.folded(),
            docs: values::docs(own),
        });
    }
    let mut tagging = tagging;
    if matches!(tagging, Tagging::Tagged { .. })
        && variants
            .iter()
            .any(|v| !matches!(v.ty, TypeExpr::Named(_) | TypeExpr::Boxed(_)))
    {
        ctx.warn(
            location,
            "a tagged union with a non-object variant is generated untagged",
        );
        tagging = Tagging::Untagged;
        for variant in &mut variants {
            variant.tag = None;
        }
    }
    Union { tagging, variants }
}

/// A member that admits only `null` (the union's nullability, not a
/// variant).
fn is_null_only(value: &Value) -> bool {
    type_of(value) == Some("null")
        || (value
            .as_object()
            .is_some_and(|m| m.keys().all(|k| k == "nullable"))
            && is_nullable(value))
        || value
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|l| !l.is_empty() && l.iter().all(Value::is_null))
}

/// A variant name from the kind of an inline schema: `String`, `Integer`,
/// `StringArray`, `Object`.
fn type_label(value: &Value) -> String {
    // An enum member is named after its value when it has one
    // (`EmptyString` for Stripe's `enum: [""]` idiom), else as an enum.
    if let Some(list) = value.get("enum").and_then(Value::as_array) {
        let texts: Vec<String> = list.iter().filter_map(values::text).collect();
        return match texts.as_slice() {
            [only] => naming::enum_variant_names(&[only.as_str()]).remove(0),
            _ => "Enum".into(),
        };
    }
    match type_of(value) {
        Some("string") => match str_field(value, "format") {
            Some("date-time") => "DateTime".into(),
            Some("date") => "Date".into(),
            Some("uuid") => "Uuid".into(),
            Some("binary") | Some("byte") => "Bytes".into(),
            _ => "String".into(),
        },
        Some("integer") => "Integer".into(),
        Some("number") => "Number".into(),
        Some("boolean") => "Boolean".into(),
        Some("array") => {
            let items = value.get("items").unwrap_or(&Value::Null);
            let inner = if items.get("$ref").is_some() {
                items
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.rsplit('/').next())
                    .map(|n| naming::variant_name(n, "Item"))
                    .unwrap_or_default()
            } else {
                type_label(items)
            };
            format!("{inner}Array")
        }
        Some("object") => "Object".into(),
        _ if value.get("properties").is_some() => "Object".into(),
        _ => "Value".into(),
    }
}

/// The tag property and each member's tag, when the union is tagged.
fn tags(
    ctx: &mut Ctx,
    location: &Location,
    value: &Value,
    members: &[Member],
) -> Option<(String, Vec<String>)> {
    if let Some(discriminator) = value.get("discriminator") {
        if let Some(property) = str_field(discriminator, "propertyName") {
            let tags = discriminator_tags(ctx, location, discriminator, property, members);
            return Some((property.to_string(), tags));
        }
    }
    enum_tags(ctx, members)
}

/// Tags from a discriminator: the mapping key whose schema is the member,
/// else the member's schema name, else the member's one-value enum.
fn discriminator_tags(
    ctx: &mut Ctx,
    location: &Location,
    discriminator: &Value,
    property: &str,
    members: &[Member],
) -> Vec<String> {
    let mut mapping: Vec<(String, Location)> = Vec::new();
    if let Some(map) = discriminator.get("mapping").and_then(Value::as_object) {
        for (tag, target) in map {
            let Some(target) = target.as_str() else {
                continue;
            };
            let reference = if target.contains('#') || target.contains('/') {
                target.to_string()
            } else {
                format!("#/components/schemas/{target}")
            };
            let found = ctx
                .docs
                .target(location.doc, &reference)
                .and_then(|l| ctx.docs.follow(&l));
            match found {
                Some((resolved, _)) => mapping.push((tag.clone(), resolved)),
                None => ctx.warn(
                    &location.key("discriminator").key("mapping").key(tag),
                    format!("discriminator mapping `{tag}` leads nowhere and is ignored"),
                ),
            }
        }
    }
    let mut tags = Vec::with_capacity(members.len());
    for member in members {
        let keys: Vec<&str> = mapping
            .iter()
            .filter(|(_, target)| *target == member.target)
            .map(|(tag, _)| tag.as_str())
            .collect();
        if keys.len() > 1 {
            ctx.warn(
                &member.at,
                format!(
                    "discriminator values {keys:?} lead to the same variant; only `{}` is \
                     generated",
                    keys.first().copied().unwrap_or_default()
                ),
            );
        }
        if let Some((tag, _)) = mapping.iter().find(|(_, target)| *target == member.target) {
            tags.push(tag.clone());
            continue;
        }
        if let Some(key) = component_key(&member.target) {
            tags.push(key);
            continue;
        }
        match one_value_enum(ctx, &member.at, property) {
            Some(tag) => tags.push(tag),
            None => {
                ctx.warn(
                    &member.at,
                    "an inline variant of a discriminated union has no tag value",
                );
                tags.push(pointer::last_token(&member.at.pointer).unwrap_or_default());
            }
        }
    }
    tags
}

/// The single value of `property` in a member, when it is a one-value
/// string enum.
fn one_value_enum(ctx: &mut Ctx, member: &Location, property: &str) -> Option<String> {
    let properties = properties_of(ctx, member);
    let (_, at) = properties.iter().find(|(wire, _)| wire == property)?;
    let (_, value) = ctx.docs.follow(at)?;
    match value.get("enum").and_then(Value::as_array)?.as_slice() {
        [Value::String(tag)] => Some(tag.clone()),
        _ => None,
    }
}

/// A property that is a one-value string enum in every member, with
/// distinct values.
fn enum_tags(ctx: &mut Ctx, members: &[Member]) -> Option<(String, Vec<String>)> {
    let first = members.first()?;
    if members.len() < 2 {
        return None;
    }
    let candidates: Vec<String> = properties_of(ctx, &first.at)
        .into_iter()
        .map(|(wire, _)| wire)
        .collect();
    for property in candidates {
        let mut tags = Vec::with_capacity(members.len());
        for member in members {
            match one_value_enum(ctx, &member.at, &property) {
                Some(tag) if !tags.contains(&tag) => tags.push(tag),
                _ => break,
            }
        }
        if tags.len() == members.len() {
            return Some((property, tags));
        }
    }
    None
}
