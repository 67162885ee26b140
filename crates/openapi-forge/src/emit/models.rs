//! Emits the `models` module: one Rust type per [`TypeDef`], the
//! per-operation success and error enums, and a `Validate` impl for every
//! named type.
//!
//! The mechanics that do not differ between specs (open string enums,
//! integer enums on the wire, tagged unions, nullable fields, validation
//! rules) live in the runtime crate; the code emitted here is the part that
//! does: the types, their wire names, and tables of values and rules.
//!
//! Generated code names everything by absolute path (`::std::option::Option`,
//! `::serde::Serialize`), because a spec may name its schemas `Option`,
//! `Result` or `String`.

mod enums;
mod lints;
mod responses;
mod structs;
mod unions;
mod validation;

use proc_macro2::TokenStream;
use quote::quote;

use super::{code_span, doc_attrs, ident};
use crate::model::{Api, Docs, TypeDef, TypeExpr, TypeKind};

pub use responses::{body_type, variant_shape, VariantShape};
pub use validation::{checkable, rules_tokens};

/// The `models` module of the bindings for `api`.
pub fn emit(api: &Api) -> TokenStream {
    let module_docs = module_docs(api);
    let types = emit_types(api, 0..api.types.len());
    let operations = emit_operations(api, 0..api.operations.len());
    quote! {
        #module_docs
        #types
        #operations
    }
}

/// The `models` module as pieces that format independently and join, in
/// order, into the same text as [`emit`]: the module docs, then the types
/// and the operations' response enums in runs of at most `chunk` items.
/// Large specs are emitted and formatted a piece per thread.
pub fn emit_parts(api: &Api, chunk: usize) -> Vec<Box<dyn Fn() -> TokenStream + Sync + '_>> {
    let chunk = chunk.max(1);
    let mut parts: Vec<Box<dyn Fn() -> TokenStream + Sync + '_>> =
        vec![Box::new(move || module_docs(api))];
    for start in (0..api.types.len()).step_by(chunk) {
        let end = (start + chunk).min(api.types.len());
        parts.push(Box::new(move || emit_types(api, start..end)));
    }
    for start in (0..api.operations.len()).step_by(chunk) {
        let end = (start + chunk).min(api.operations.len());
        parts.push(Box::new(move || emit_operations(api, start..end)));
    }
    parts
}

/// The items of the types in `range` of `api.types`.
fn emit_types(api: &Api, range: std::ops::Range<usize>) -> TokenStream {
    let types = api.types.get(range).unwrap_or_default();
    let types = types.iter().map(|def| emit_type(api, def));
    quote!(#(#types)*)
}

/// The response enums of the operations in `range` of `api.operations`.
fn emit_operations(api: &Api, range: std::ops::Range<usize>) -> TokenStream {
    let operations = api.operations.get(range).unwrap_or_default();
    let operations = operations.iter().map(|op| responses::emit(api, op));
    quote!(#(#operations)*)
}

fn emit_type(api: &Api, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let item = match &def.kind {
        TypeKind::Struct(strukt) => structs::emit_struct(api, def, strukt),
        TypeKind::Newtype(newtype) => structs::emit_newtype(api, def, newtype),
        TypeKind::StringEnum(list) => enums::emit_string_enum(def, list),
        TypeKind::IntEnum(list) => enums::emit_int_enum(def, list),
        TypeKind::Union(union) => unions::emit(api, def, union),
    };
    let validate = validation::emit(api, def, &name);
    quote! {
        #item
        #validate
    }
}

/// The inner docs of the module: what the types are and the conventions
/// every one of them follows, so that item docs need not repeat them.
fn module_docs(api: &Api) -> TokenStream {
    let text = format!(
        "Schema types of {title} and the response enums of its operations.\n\n{CONVENTIONS}",
        title = api.title.trim(),
    );
    let attrs = doc_attrs(&text);
    // `doc_attrs` gives outer attributes; the module docs are inner ones.
    let inner = attrs.into_iter().filter_map(|tree| match tree {
        proc_macro2::TokenTree::Group(group) => {
            let content = group.stream();
            Some(quote!(#![#content]))
        }
        _ => None,
    });
    quote!(#(#inner)*)
}

/// The conventions every generated type follows, stated once in the
/// module docs so that item docs need not repeat them.
const CONVENTIONS: &str = "\
Conventions shared by every type here:

- Unknown properties are ignored when reading, so newer servers keep working.
- An optional property is an `Option`; `None` is left out when writing. A `null`
  for an optional property that is not nullable is read as absent (`None`)
  rather than rejected, because real services send it.
- A required property that may be `null` is an `Option` whose key must be
  present; `None` is written as `null`.
- An optional property that may be `null` is an `Option<Option<T>>`: absent is
  `None`, `null` is `Some(None)`, and each is written back as it was read.
- A documented default is not filled in when reading: an absent value stays
  `None`, so a value sent back is exactly the value received.
- String enums are open: a value the spec does not list is kept in the
  catch-all variant and written back unchanged; `is_known` tells them apart
  and validation reports them.
- Integer enums are closed and travel as JSON numbers.
- `Validate` checks what serde cannot: lengths, patterns, bounds, item counts,
  uniqueness and unlisted enum values.";

/// The runtime crate, as generated code reaches it.
fn rt() -> TokenStream {
    quote!(::openapi_forge_runtime)
}

/// Doc attributes for a named type: as [`item_docs`], with a note naming the
/// spec's schema when the type's name was numbered for a collision.
fn type_docs(def: &TypeDef, fallback: &str, notes: &[String]) -> TokenStream {
    let mut notes = notes.to_vec();
    let key = crate::load::pointer::tokens(&def.origin.pointer);
    if let [components, schemas, key] = key.as_slice() {
        let plain = crate::naming::type_name(key, "Type");
        let numbered = def
            .name
            .strip_prefix(&plain)
            .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()));
        if components == "components" && schemas == "schemas" && numbered {
            notes.push(format!(
                "The spec's schema {}; numbered because another schema has the same Rust name.",
                code_span(key)
            ));
        }
    }
    item_docs(&def.docs, fallback, &notes)
}

/// Doc attributes for an item: its title and description, or `fallback`
/// when the spec gives neither, then `notes` as paragraphs and the example.
fn item_docs(docs: &Docs, fallback: &str, notes: &[String]) -> TokenStream {
    let mut parts: Vec<String> = Vec::new();
    let title = docs
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let description = docs
        .description
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    if let Some(title) = title {
        if description.is_none_or(|d| !d.starts_with(title)) {
            parts.push(title.to_string());
        }
    }
    if let Some(description) = description {
        parts.push(description.to_string());
    }
    if parts.is_empty() {
        parts.push(fallback.to_string());
    }
    parts.extend(notes.iter().cloned());
    if let Some(example) = &docs.example {
        parts.push(example_text(example));
    }
    doc_attrs(&parts.join("\n\n"))
}

/// "Example: `3`" for a scalar, a `text` block for anything larger.
fn example_text(example: &serde_json::Value) -> String {
    let compact = example.to_string();
    if !example.is_object() && !example.is_array() && compact.len() <= 80 {
        return format!("Example: {}", code_span(&compact));
    }
    let pretty = serde_json::to_string_pretty(example).unwrap_or(compact);
    format!("Example:\n\n```text\n{pretty}\n```")
}

/// `#[deprecated]` when the spec marks the item deprecated.
fn deprecated_attr(deprecated: bool) -> TokenStream {
    if deprecated {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    }
}

/// `#[allow(deprecated)]` for an item that names deprecated types or
/// fields: the spec's deprecations are for users of the bindings, and the
/// bindings themselves must still compile without warnings.
fn allow_deprecated(uses_deprecated: bool) -> TokenStream {
    if uses_deprecated {
        quote!(#[allow(deprecated)])
    } else {
        TokenStream::new()
    }
}

/// Whether `expr` names a deprecated type.
pub(crate) fn names_deprecated(api: &Api, expr: &TypeExpr) -> bool {
    let mut found = false;
    visit_named(expr, &mut |id| {
        found |= api.types.get(id.0).is_some_and(|def| def.deprecated)
    });
    found
}

/// Whether `expr` holds a named type anywhere (and so has something for
/// `Validate` to recurse into).
fn contains_named(expr: &TypeExpr) -> bool {
    let mut found = false;
    visit_named(expr, &mut |_| found = true);
    found
}

fn visit_named(expr: &TypeExpr, visit: &mut dyn FnMut(crate::model::TypeId)) {
    match expr {
        TypeExpr::Named(id) => visit(*id),
        TypeExpr::Boxed(inner)
        | TypeExpr::Nullable(inner)
        | TypeExpr::Array(inner)
        | TypeExpr::Map(inner) => visit_named(inner, visit),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
