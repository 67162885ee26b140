//! Helpers shared by the integration tests: locating spec files and running
//! the first two pipeline stages.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use openapi_forge::model::{Api, TypeDef, TypeKind};
use openapi_forge::resolve::Resolved;
use openapi_forge::Diagnostics;

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file under the repository root.
pub fn repo_file(relative: &str) -> PathBuf {
    repo_root().join(relative)
}

/// A file under this crate's `tests/` directory.
pub fn test_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(relative)
}

/// Loads and resolves a spec.
pub fn run(path: &Path) -> Result<Resolved, Diagnostics> {
    let documents = openapi_forge::load::load(path)?;
    openapi_forge::resolve::resolve(&documents)
}

/// Loads and resolves a spec that must succeed.
pub fn api(path: &Path) -> Api {
    match run(path) {
        Ok(resolved) => resolved.api,
        Err(diagnostics) => panic!("{} failed:\n{diagnostics}", path.display()),
    }
}

/// The named type called `name`.
pub fn ty<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    api.types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type {name}; types: {names:?}"))
}

/// The struct called `name`.
pub fn structure<'a>(api: &'a Api, name: &str) -> &'a openapi_forge::model::Struct {
    match &ty(api, name).kind {
        TypeKind::Struct(s) => s,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

/// The operation whose function is `fn_name`.
pub fn op<'a>(api: &'a Api, fn_name: &str) -> &'a openapi_forge::model::Operation {
    let names: Vec<&str> = api.operations.iter().map(|o| o.fn_name.as_str()).collect();
    api.operations
        .iter()
        .find(|o| o.fn_name == fn_name)
        .unwrap_or_else(|| panic!("no operation {fn_name}; operations: {names:?}"))
}

/// Every `*.yaml` / `*.json` in a directory, sorted, skipping companion
/// files (`name.common.yaml`) that are not specs on their own.
pub fn specs_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        (name.ends_with(".yaml") || name.ends_with(".json")) && !name.contains(".common.")
    });
    out.sort();
    out
}

/// Checks that every Rust name in the model is a valid identifier and
/// unique where it must be; returns the problems found.
pub fn name_problems(api: &Api) -> Vec<String> {
    use std::collections::BTreeSet;
    let mut problems = Vec::new();
    let mut check = |name: &str, what: &str| {
        if syn::parse_str::<syn::Ident>(name).is_err() {
            problems.push(format!("{what} `{name}` is not an identifier"));
        }
    };
    let unique = |names: Vec<&str>, what: &str, problems: &mut Vec<String>| {
        let set: BTreeSet<&str> = names.iter().copied().collect();
        if set.len() != names.len() {
            problems.push(format!("{what}: duplicate names in {names:?}"));
        }
    };
    let mut all_types: Vec<&str> = Vec::new();
    let mut nested: Vec<(Vec<&str>, String)> = Vec::new();
    for def in &api.types {
        check(&def.name, "type");
        all_types.push(&def.name);
        match &def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|f| check(&f.name, "field"));
                nested.push((
                    s.fields.iter().map(|f| f.name.as_str()).collect(),
                    def.name.clone(),
                ));
            }
            TypeKind::StringEnum(e) => {
                e.variants.iter().for_each(|v| check(&v.name, "variant"));
                check(&e.other_variant, "variant");
                let mut names: Vec<&str> = e.variants.iter().map(|v| v.name.as_str()).collect();
                names.push(&e.other_variant);
                nested.push((names, def.name.clone()));
            }
            TypeKind::IntEnum(e) => {
                e.variants.iter().for_each(|v| check(&v.0, "variant"));
                nested.push((
                    e.variants.iter().map(|v| v.0.as_str()).collect(),
                    def.name.clone(),
                ));
            }
            TypeKind::Union(u) => {
                u.variants.iter().for_each(|v| check(&v.name, "variant"));
                nested.push((
                    u.variants.iter().map(|v| v.name.as_str()).collect(),
                    def.name.clone(),
                ));
            }
            TypeKind::Newtype(_) => {}
        }
    }
    let mut fns = Vec::new();
    for op in &api.operations {
        check(&op.fn_name, "function");
        fns.push(op.fn_name.as_str());
        for name in [&op.success_type, &op.error_type, &op.request_type] {
            check(name, "type");
            all_types.push(name);
        }
        op.params.iter().for_each(|p| check(&p.name, "parameter"));
        nested.push((
            op.params.iter().map(|p| p.name.as_str()).collect(),
            op.fn_name.clone(),
        ));
        nested.push((
            op.responses.iter().map(|r| r.variant.as_str()).collect(),
            op.fn_name.clone(),
        ));
        for response in &op.responses {
            check(&response.variant, "variant");
            response
                .headers
                .iter()
                .for_each(|h| check(&h.name, "header"));
        }
    }
    for scheme in &api.security_schemes {
        check(&scheme.name, "scheme");
    }
    unique(all_types, "types", &mut problems);
    unique(fns, "functions", &mut problems);
    for (names, owner) in nested {
        unique(names, &owner, &mut problems);
    }
    problems
}
