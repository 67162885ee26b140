//! Resolution: from loaded documents to one named [`Api`].
//!
//! The resolver walks the documents' JSON directly rather than a typed
//! OpenAPI model, so that real-world specs with unknown keywords, odd formats
//! or loosely typed values still resolve: what does not fit is approximated
//! and reported as a warning.
//!
//! It runs in three steps: component schemas of the root document (in key
//! order), then operations (by path, then method), each creating named types
//! as it meets them, with provisional ids in creation order; then
//! [`finish`] decides every type name, breaks recursive cycles with boxes and
//! sorts the types by name.

mod finish;
mod keywords;
mod operations;
mod recursion;
mod schema;
mod security;
mod unions;
mod values;

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Documents, Location};
use crate::model::{Api, Docs, Server, TypeDef, TypeExpr, TypeKind, Versioning};

/// A resolved API with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub api: Api,
    pub warnings: Vec<Diagnostic>,
}

/// Builds the API model.
pub fn resolve(documents: &Documents) -> Result<Resolved, Diagnostics> {
    let mut ctx = Ctx::new(documents);
    let root = documents.root();
    let info = root.get("info");
    let text = |key: &str| info.and_then(|i| i.get(key)).and_then(values::text);
    let title = info
        .and_then(|i| i.get("title"))
        .and_then(values::prose)
        .unwrap_or_else(|| "API".to_string());
    let version = text("version").unwrap_or_default();
    let description = info
        .and_then(|i| i.get("description"))
        .and_then(values::prose);
    let servers = servers(root);
    let versioning = versioning(root);

    schema::resolve_components(&mut ctx);
    let security_schemes = security::schemes(&mut ctx);
    let operations = operations::resolve(&mut ctx, &security_schemes, versioning.as_ref());

    if !ctx.errors.is_empty() {
        let mut errors = ctx.errors;
        errors.sort();
        errors.dedup();
        return Err(Diagnostics(errors));
    }
    let (types, operations, error_format) = finish::finish(&mut ctx, operations);
    let mut warnings = ctx.warnings;
    warnings.sort();
    warnings.dedup();
    let api = Api {
        title,
        version,
        description,
        servers,
        versioning,
        types,
        operations,
        security_schemes,
        error_format,
    };
    Ok(Resolved { api, warnings })
}

/// The use of a schema: its type, and whether `null` is allowed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shape {
    pub ty: TypeExpr,
    pub nullable: bool,
}

impl Shape {
    pub fn new(ty: TypeExpr) -> Shape {
        Shape {
            ty,
            nullable: false,
        }
    }

    /// The type with `null` folded in, for places without their own
    /// nullability (array items, map values, parameters).
    pub fn folded(self) -> TypeExpr {
        if self.nullable {
            TypeExpr::Nullable(Box::new(self.ty))
        } else {
            self.ty
        }
    }
}

/// How early a type claims its name: lower claims first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Priority {
    /// Component schemas of the root document.
    RootComponent,
    /// Per-operation types (success, error, request).
    Operation,
    /// Component schemas of other files, and inline schemas.
    Other,
}

/// A type while the API is being resolved: the final name is decided later.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub def: TypeDef,
    /// Names to try in order before numbering the first.
    pub candidates: Vec<String>,
    pub priority: Priority,
}

/// Resolution state.
pub(crate) struct Ctx<'a> {
    pub docs: &'a Documents,
    pub types: Vec<Pending>,
    /// Schema locations already resolved to a named type.
    pub memo: HashMap<Location, Shape>,
    /// Schema locations being resolved, to stop unnamed recursion.
    pub active: HashSet<Location>,
    pub warnings: Vec<Diagnostic>,
    pub errors: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    fn new(docs: &'a Documents) -> Ctx<'a> {
        Ctx {
            docs,
            types: Vec::new(),
            memo: HashMap::new(),
            active: HashSet::new(),
            warnings: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// The value at a location (`Null` when absent).
    pub fn value(&self, location: &Location) -> &'a Value {
        self.docs.get(location).unwrap_or(&Value::Null)
    }

    /// Records an approximation.
    pub fn warn(&mut self, location: &Location, message: impl Into<String>) {
        let warning = self.docs.warning(location, message.into());
        self.warnings.push(warning);
    }

    /// Records an error that stops generation.
    pub fn error(&mut self, location: &Location, message: impl Into<String>, hint: &str) {
        let error = self
            .docs
            .error(location, message.into(), Some(hint.to_string()));
        self.errors.push(error);
    }

    /// Follows `$ref`s from a location to the node they reach.
    pub fn follow(&mut self, location: &Location) -> Option<(Location, &'a Value)> {
        let docs = self.docs;
        let found = docs.follow(location);
        if found.is_none() {
            self.error(
                location,
                "this reference cannot be followed",
                "check that the reference points to an existing definition",
            );
        }
        found
    }

    /// Adds a named type with a placeholder kind; returns its provisional
    /// id.
    pub fn add_type(
        &mut self,
        origin: &Location,
        candidates: Vec<String>,
        priority: Priority,
    ) -> usize {
        let name = candidates
            .first()
            .cloned()
            .unwrap_or_else(|| "Type".to_string());
        let def = TypeDef {
            name,
            origin: crate::model::Origin {
                file: self.docs.display(origin.doc).to_string(),
                pointer: origin.pointer.clone(),
            },
            docs: Docs::default(),
            deprecated: false,
            kind: TypeKind::Newtype(crate::model::Newtype {
                inner: TypeExpr::Any,
                constraints: Default::default(),
            }),
        };
        self.types.push(Pending {
            def,
            candidates,
            priority,
        });
        self.types.len() - 1
    }

    /// The desired (not yet final) name of a provisional type.
    pub fn type_name(&self, id: usize) -> &str {
        self.types
            .get(id)
            .map(|t| t.def.name.as_str())
            .unwrap_or("Type")
    }
}

/// Server URLs with their variables replaced by the defaults.
fn servers(root: &Value) -> Vec<Server> {
    let Some(list) = root.get("servers").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|server| {
            let mut url = server.get("url").and_then(Value::as_str)?.to_string();
            if let Some(variables) = server.get("variables").and_then(Value::as_object) {
                for (name, variable) in variables {
                    if let Some(default) = variable.get("default").and_then(values::text) {
                        url = url.replace(&format!("{{{name}}}"), &default);
                    }
                }
            }
            let description = server.get("description").and_then(values::prose);
            Some(Server { url, description })
        })
        .collect()
}

/// The `x-versioning` root extension.
fn versioning(root: &Value) -> Option<Versioning> {
    let ext = root.get("x-versioning")?;
    let prefix = ext
        .get("prefix")
        .and_then(Value::as_str)?
        .trim_end_matches('/')
        .to_string();
    let current = ext
        .get("current")
        .and_then(values::text)
        .unwrap_or_default();
    let aliases = ext
        .get("aliases")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .map(|alias| alias.trim_end_matches('/').to_string())
                .collect()
        })
        .unwrap_or_default();
    Some(Versioning {
        current,
        prefix,
        aliases,
    })
}
