//! Finding every `$ref` of the loaded documents and checking that each can
//! be followed.

use std::collections::{BTreeSet, HashSet};
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
    // References known to lead to a definition (or to a dangling target,
    // reported on its own), so that each chain is walked once.
    let mut ends: HashSet<Location> = HashSet::new();
    let mut too_long_reported = false;
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
            match chain_from(documents, &location, &mut ends) {
                Chain::Ends => {}
                Chain::Cycle(cycle) => {
                    let mut key = cycle.clone();
                    key.sort();
                    if cycles_reported.insert(key) {
                        let chain: Vec<String> = cycle
                            .iter()
                            .map(|l| format!("{}#{}", documents.display(l.doc), l.pointer))
                            .collect();
                        errors.push(documents.error(
                            &at,
                            format!(
                                "the reference `{reference}` never reaches a definition: the \
                                 references form a cycle ({})",
                                chain.join(" -> ")
                            ),
                            Some(
                                "make one of the references point to an actual schema or object"
                                    .into(),
                            ),
                        ));
                    }
                }
                Chain::TooLong if too_long_reported => {}
                Chain::TooLong => {
                    too_long_reported = true;
                    errors.push(documents.error(
                        &at,
                        format!(
                        "the reference `{reference}` starts a chain of more than {MAX_REF_CHAIN} \
                         references in a row, which is not followed"
                    ),
                        Some("point the references at the definition directly".into()),
                    ));
                }
            }
        }
    }
    errors
}

/// How many references in a row are followed: far more than any real
/// description chains, and a bound on the work a hostile one can cause.
pub(crate) const MAX_REF_CHAIN: usize = 10_000;

/// Where following references from a location leads.
enum Chain {
    /// To a definition (or a dangling target).
    Ends,
    /// Into a cycle, listed from where it closes.
    Cycle(Vec<Location>),
    /// Past [`MAX_REF_CHAIN`] references.
    TooLong,
}

/// Follows references from `start`, remembering in `ends` every location
/// found to lead to a definition.
fn chain_from(documents: &Documents, start: &Location, ends: &mut HashSet<Location>) -> Chain {
    let mut chain: Vec<Location> = Vec::new();
    let mut on_chain: HashSet<Location> = HashSet::new();
    let mut current = start.clone();
    loop {
        if ends.contains(&current) {
            break;
        }
        let next = documents
            .get(&current)
            .and_then(|value| value.get("$ref").and_then(Value::as_str))
            .and_then(|reference| documents.target(current.doc, reference));
        let Some(next) = next else {
            chain.push(current);
            break;
        };
        if chain.len() >= MAX_REF_CHAIN {
            // Reported once; later chains joining this one stop here.
            ends.extend(chain);
            return Chain::TooLong;
        }
        on_chain.insert(current.clone());
        chain.push(current);
        if on_chain.contains(&next) {
            let from = chain.iter().position(|l| *l == next).unwrap_or_default();
            return Chain::Cycle(chain.split_off(from));
        }
        current = next;
    }
    ends.extend(chain);
    Chain::Ends
}
