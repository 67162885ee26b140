//! Finding every `$ref` of the loaded documents and checking that each can
//! be followed.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

use super::pointer::{self, RefError};
use super::{join, Documents, Location};
use crate::diagnostics::Diagnostic;

/// Every `$ref` string in a document, with the location of its object.
fn collect(value: &Value, path: &mut Vec<String>, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                out.push((pointer_of(path), reference.clone()));
            }
            for (key, child) in map {
                // Examples and extensions hold arbitrary JSON, not references.
                // (A property may be called `example`, so names under
                // `properties` are always walked.)
                let in_properties = path.last().is_some_and(|p| p == "properties");
                let opaque = !in_properties
                    && (key == "example" || key == "examples" || key.starts_with("x-"));
                if !opaque && matches!(child, Value::Object(_) | Value::Array(_)) {
                    path.push(key.clone());
                    collect(child, path, out);
                    path.pop();
                }
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                if matches!(child, Value::Object(_) | Value::Array(_)) {
                    path.push(index.to_string());
                    collect(child, path, out);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

fn pointer_of(path: &[String]) -> String {
    let mut out = String::new();
    for token in path {
        out = pointer::push(&out, token);
    }
    out
}

fn all_refs(documents: &Documents, doc: usize) -> Vec<(Location, String)> {
    let mut out = Vec::new();
    if let Some(document) = documents.documents.get(doc) {
        collect(&document.value, &mut Vec::new(), &mut out);
    }
    out.into_iter()
        .map(|(pointer, reference)| (Location { doc, pointer }, reference))
        .collect()
}

/// The relative files that document `doc` refers to, each once, with the
/// first referring location (pointing at the `$ref` key).
pub fn external_files(documents: &Documents, doc: usize) -> Vec<(String, Location)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (location, reference) in all_refs(documents, doc) {
        if let Ok(target) = pointer::parse_ref(&reference) {
            if let Some(file) = target.file {
                if seen.insert(file.clone()) {
                    out.push((file, location.key("$ref")));
                }
            }
        }
    }
    out
}

/// Checks every reference of every document: remote or malformed refs,
/// dangling targets and cycles of references that never reach a value.
pub fn check(documents: &Documents, failed: &BTreeSet<PathBuf>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut cycles_reported: BTreeSet<Vec<Location>> = BTreeSet::new();
    for doc in 0..documents.documents.len() {
        for (location, reference) in all_refs(documents, doc) {
            let at = location.key("$ref");
            let target = match pointer::parse_ref(&reference) {
                Ok(target) => target,
                Err(RefError::Remote) => {
                    errors.push(
                        documents.error(
                            &at,
                            format!("remote reference `{reference}` is not supported"),
                            Some(
                                "download the file next to the spec and refer to it by a \
                              relative path"
                                    .into(),
                            ),
                        ),
                    );
                    continue;
                }
                Err(RefError::BadFragment) => {
                    errors.push(
                        documents.error(
                            &at,
                            format!(
                                "reference `{reference}` has a fragment that is not a JSON \
                                 pointer"
                            ),
                            Some(
                                "write references as `#/components/schemas/Name` or \
                              `file.yaml#/components/schemas/Name`"
                                    .into(),
                            ),
                        ),
                    );
                    continue;
                }
            };
            if let Some(file) = &target.file {
                let base = documents
                    .documents
                    .get(doc)
                    .map(|d| d.path.clone())
                    .unwrap_or_default();
                if failed.contains(&join(&base, file)) {
                    continue;
                }
            }
            let Some(target_location) = documents.target(doc, &reference) else {
                continue;
            };
            if documents.get(&target_location).is_none() {
                errors.push(documents.error(
                    &at,
                    format!("dangling reference `{reference}`: nothing is defined there"),
                    Some(format!(
                        "define `{}` in `{}`, or fix the reference",
                        if target_location.pointer.is_empty() {
                            "/"
                        } else {
                            &target_location.pointer
                        },
                        documents.display(target_location.doc)
                    )),
                ));
                continue;
            }
            if let Some(cycle) = ref_cycle(documents, &location) {
                let mut key = cycle.clone();
                key.sort();
                if cycles_reported.insert(key) {
                    let chain: Vec<String> = cycle
                        .iter()
                        .map(|l| format!("{}#{}", documents.display(l.doc), l.pointer))
                        .collect();
                    errors.push(
                        documents.error(
                            &at,
                            format!(
                                "the reference `{reference}` never reaches a definition: the \
                             references form a cycle ({})",
                                chain.join(" -> ")
                            ),
                            Some(
                                "make one of the references point to an actual schema or \
                              object"
                                    .into(),
                            ),
                        ),
                    );
                }
            }
        }
    }
    errors
}

/// The cycle that following references from `start` runs into, if any.
fn ref_cycle(documents: &Documents, start: &Location) -> Option<Vec<Location>> {
    let mut chain: Vec<Location> = vec![start.clone()];
    let mut current = start.clone();
    loop {
        let value = documents.get(&current)?;
        let reference = value.get("$ref").and_then(Value::as_str)?;
        let next = documents.target(current.doc, reference)?;
        if let Some(index) = chain.iter().position(|l| *l == next) {
            return Some(chain.split_off(index));
        }
        if chain.len() > 256 {
            return Some(chain);
        }
        chain.push(next.clone());
        current = next;
    }
}
