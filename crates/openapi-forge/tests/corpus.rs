//! Loads and resolves every real-world spec of the corpus directory.
//!
//! The corpus lives outside the repository: set `OPENAPI_FORGE_CORPUS` to
//! its directory (by default `../../../shared/corpus/specs` from this crate
//! is tried). Without it, the handful of real descriptions kept in
//! `tests/corpus` is used. The GitHub spec
//! (11 MB) is skipped to keep the test fast; `cargo xtask corpus` covers it.

mod common;

use std::path::PathBuf;

fn corpus_dir() -> Option<PathBuf> {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = match std::env::var_os("OPENAPI_FORGE_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => crate_dir.join("../../../shared/corpus/specs"),
    };
    if dir.is_dir() {
        return Some(dir);
    }
    // Without the full corpus, the handful kept in the repository still
    // runs, so this test always checks real descriptions.
    let kept = crate_dir.join("../../tests/corpus");
    println!(
        "corpus directory {} not found; using {}",
        dir.display(),
        kept.display()
    );
    kept.is_dir().then_some(kept)
}

#[test]
fn corpus_specs_resolve() {
    let Some(dir) = corpus_dir() else {
        println!("corpus directory not found; set OPENAPI_FORGE_CORPUS to run this test");
        return;
    };
    let mut failures = Vec::new();
    for spec in common::specs_in(&dir) {
        let name = spec
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if name.starts_with("github_") {
            continue;
        }
        let is_30 = std::fs::read_to_string(&spec).is_ok_and(|text| {
            let head: String = text.chars().take(4096).collect();
            head.contains("\"openapi\": \"3.0")
                || head.contains("openapi: 3.0")
                || head.contains("openapi: '3.0")
                || head.contains("openapi: \"3.0")
        });
        let started = std::time::Instant::now();
        match common::run(&spec) {
            Ok(resolved) => {
                let problems = common::name_problems(&resolved.api);
                if !problems.is_empty() {
                    println!("{name}: {problems:?}");
                    failures.push(name.clone());
                }
                println!(
                    "{name}: {} types, {} operations, {} warnings in {:?}",
                    resolved.api.types.len(),
                    resolved.api.operations.len(),
                    resolved.warnings.len(),
                    started.elapsed()
                )
            }
            Err(diagnostics) => {
                let first = diagnostics
                    .0
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                println!("{name}: {} errors; first:\n{first}", diagnostics.0.len());
                if is_30 {
                    failures.push(name);
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "OpenAPI 3.0 specs failed: {failures:?}"
    );
}
