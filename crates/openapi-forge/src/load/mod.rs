//! Loading: files to JSON documents, with positions for diagnostics.
//!
//! The root file is read first, then every file that a relative-file `$ref`
//! reaches, each resolved against the directory of the file that refers to
//! it. YAML and JSON are told apart by content. Once every file is read, all
//! `$ref`s are checked: each must reach an existing node, and a chain of
//! references must end in something other than a reference.
//!
//! Only OpenAPI 3.0.x root documents are accepted; Swagger 2.0 and OpenAPI
//! 3.1 are refused with one message each.

mod parse;
pub mod pointer;
mod position;
mod refs;

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};

/// Every document of a description: the root and the files its `$ref`s reach.
#[derive(Debug, Clone)]
pub struct Documents {
    /// Documents in load order; the root first.
    pub documents: Vec<Document>,
}

/// One parsed file.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path, lexically normalized (relative paths stay relative).
    pub path: PathBuf,
    /// The path as shown in diagnostics.
    pub display: String,
    /// The path resolved on disk, which identifies the file however it was
    /// reached (falls back to `path`).
    pub canonical: PathBuf,
    pub source: String,
    pub value: serde_json::Value,
}

/// A node of some document: the document's index and a JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub doc: usize,
    pub pointer: String,
}

impl Location {
    /// The location of the child `token` (an object key).
    pub fn key(&self, token: &str) -> Location {
        Location {
            doc: self.doc,
            pointer: pointer::push(&self.pointer, token),
        }
    }

    /// The location of the child at `index` (an array item).
    pub fn index(&self, index: usize) -> Location {
        Location {
            doc: self.doc,
            pointer: pointer::push_index(&self.pointer, index),
        }
    }
}

impl Documents {
    /// Every file read, for `rerun-if-changed`.
    pub fn files(&self) -> Vec<PathBuf> {
        self.documents.iter().map(|d| d.path.clone()).collect()
    }

    /// The root document's value (`Null` if there is none).
    pub fn root(&self) -> &Value {
        self.documents
            .first()
            .map(|d| &d.value)
            .unwrap_or(&Value::Null)
    }

    /// The value at a location.
    pub fn get(&self, location: &Location) -> Option<&Value> {
        let document = self.documents.get(location.doc)?;
        pointer::get(&document.value, &location.pointer)
    }

    /// The shown name of a document.
    pub fn display(&self, doc: usize) -> &str {
        self.documents
            .get(doc)
            .map(|d| d.display.as_str())
            .unwrap_or("")
    }

    /// The 1-based line and column of a location, found by re-reading the
    /// source (slow on large files: use for diagnostics only).
    pub fn position(&self, location: &Location) -> Option<(usize, usize)> {
        let document = self.documents.get(location.doc)?;
        position::find(&document.source, &location.pointer)
    }

    /// An error at a location, with its position.
    pub fn error(&self, location: &Location, message: String, hint: Option<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: self.display(location.doc).to_string(),
            position: self.position(location),
            pointer: location.pointer.clone(),
            message,
            hint,
        }
    }

    /// A warning at a location, without a position (warnings stay cheap).
    pub fn warning(&self, location: &Location, message: String) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            file: self.display(location.doc).to_string(),
            position: None,
            pointer: location.pointer.clone(),
            message,
            hint: None,
        }
    }

    /// The document a `$ref` written in document `from` points into, with
    /// the pointer; `None` when the reference cannot be followed.
    pub fn target(&self, from: usize, reference: &str) -> Option<Location> {
        let target = pointer::parse_ref(reference).ok()?;
        let doc = match &target.file {
            None => from,
            Some(file) => {
                let base = self.documents.get(from)?;
                let path = canonical(&join(&base.path, file));
                self.documents.iter().position(|d| d.canonical == path)?
            }
        };
        Some(Location {
            doc,
            pointer: target.pointer,
        })
    }

    /// Follows `$ref`s from `location` until a node that is not a reference;
    /// `None` for a dangling reference, a cycle or a chain too long to follow
    /// (the loader has reported all three already, so the bound only keeps
    /// this walk finite).
    pub fn follow(&self, location: &Location) -> Option<(Location, &Value)> {
        let mut current = location.clone();
        for _ in 0..=refs::MAX_REF_CHAIN {
            let value = self.get(&current)?;
            match value.get("$ref").and_then(Value::as_str) {
                Some(reference) => current = self.target(current.doc, reference)?,
                None => return Some((current, value)),
            }
        }
        None
    }
}

/// Joins a relative `file` to the directory of `referrer` and normalizes it.
pub(crate) fn join(referrer: &Path, file: &str) -> PathBuf {
    let dir = referrer.parent().unwrap_or_else(|| Path::new(""));
    normalize(&dir.join(file))
}

/// The path resolved on disk, or `path` itself when it does not exist.
pub(crate) fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Removes `.` and resolvable `..` components without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir) | Some(Component::Prefix(_)) => {}
                _ => out.push(component),
            },
            other => out.push(other),
        }
    }
    out.iter().collect()
}

/// Reads `root` and every file it references.
pub fn load(root: &Path) -> Result<Documents, Diagnostics> {
    let root_path = normalize(root);
    let display = root.display().to_string();
    let document = match parse::read(&root_path, display) {
        Ok(document) => document,
        Err(diagnostic) => return Err(Diagnostics(vec![*diagnostic])),
    };
    if let Some(diagnostic) = check_version(&document) {
        return Err(Diagnostics(vec![diagnostic]));
    }
    let mut documents = Documents {
        documents: vec![document],
    };
    let mut errors: Vec<Diagnostic> = Vec::new();
    // Files that failed to load, so that each is reported once per referrer.
    let mut failed: BTreeSet<PathBuf> = BTreeSet::new();
    let mut next = 0;
    while next < documents.documents.len() {
        let files = refs::external_files(&documents, next);
        for (file, location) in files {
            let path = documents
                .documents
                .get(next)
                .map(|d| join(&d.path, &file))
                .unwrap_or_default();
            let key = canonical(&path);
            if documents.documents.iter().any(|d| d.canonical == key) {
                continue;
            }
            let display = path.display().to_string();
            match parse::read(&path, display.clone()) {
                Ok(document) => documents.documents.push(document),
                Err(diagnostic) => {
                    let referrer = documents.error(
                        &location,
                        format!(
                            "cannot load `{display}`, referred to here: {}",
                            diagnostic.message
                        ),
                        Some(format!(
                            "the path is resolved against the directory of `{}`",
                            documents.display(location.doc)
                        )),
                    );
                    errors.push(referrer);
                    if failed.insert(path) && diagnostic.position.is_some() {
                        // A file that exists but does not parse: also point
                        // into the file itself.
                        errors.push(*diagnostic);
                    }
                }
            }
        }
        next += 1;
    }
    errors.extend(refs::check(&documents, &failed));
    if errors.is_empty() {
        Ok(documents)
    } else {
        errors.sort();
        errors.dedup();
        Err(Diagnostics(errors))
    }
}

/// Refuses root documents that are not OpenAPI 3.0.x.
fn check_version(document: &Document) -> Option<Diagnostic> {
    let error = |pointer: &str, message: String, hint: &str| Diagnostic {
        severity: Severity::Error,
        file: document.display.clone(),
        position: position::find(&document.source, pointer),
        pointer: pointer.to_string(),
        message,
        hint: Some(hint.to_string()),
    };
    let Some(object) = document.value.as_object() else {
        return Some(error(
            "",
            "the document is not an object: an OpenAPI description is a mapping at the top \
             level"
                .into(),
            "check that this is the OpenAPI description and not another YAML or JSON file",
        ));
    };
    if object.contains_key("swagger") {
        return Some(error(
            "/swagger",
            "this is a Swagger 2.0 description; openapi-forge reads OpenAPI 3.0.x only".into(),
            "convert it to OpenAPI 3.0 first, e.g. with swagger2openapi \
             (`npx swagger2openapi spec.yaml -o openapi.yaml`)",
        ));
    }
    let version = match object.get("openapi") {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Number(number)) => number.to_string(),
        Some(_) => String::new(),
        None => {
            return Some(error(
                "",
                "the document has no `openapi` version field".into(),
                "an OpenAPI 3.0 description starts with `openapi: 3.0.3` (or another 3.0.x)",
            ))
        }
    };
    if version.starts_with("3.0") {
        return None;
    }
    let hint = if version.starts_with("3.1") {
        "OpenAPI 3.1 is not supported; only 3.0.x is. A description that uses no 3.1 \
         feature can declare `openapi: 3.0.3`; otherwise convert it to 3.0"
    } else {
        "openapi-forge reads OpenAPI 3.0.x descriptions only"
    };
    Some(error(
        "/openapi",
        format!("unsupported OpenAPI version `{version}`"),
        hint,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_to_the_referrer() {
        let joined = join(Path::new("specs/api/root.yaml"), "./common.yaml");
        assert_eq!(joined, PathBuf::from("specs/api/common.yaml"));
        let joined = join(Path::new("specs/api/root.yaml"), "../shared/x.yaml");
        assert_eq!(joined, PathBuf::from("specs/shared/x.yaml"));
        let joined = join(Path::new("root.yaml"), "x.yaml");
        assert_eq!(joined, PathBuf::from("x.yaml"));
    }
}
