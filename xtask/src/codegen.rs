//! `cargo xtask codegen`: keeps `generated/` and the test fixture modules in
//! step with their descriptions.
//!
//! Two kinds of output are owned here:
//! - `generated/roundtable`: the crate for `spec/roundtable.yaml`;
//! - `generated/fixtures`: one module per fixture of `tests/fixtures` and
//!   per case of `tests/cases`, compiled together in the `forge-fixtures`
//!   crate so that one compilation covers them all.

use std::path::{Path, PathBuf};

use openapi_forge::crate_writer::{generate_crate, CrateRequest};
use openapi_forge::output_dir::{self, SyncReport};
use openapi_forge::{GeneratedFile, Settings};

/// The command named in every generated header.
pub const COMMAND: &str = "cargo xtask codegen";

/// Entry point for `cargo xtask codegen [...]`.
pub fn main(args: &[String]) -> Result<(), String> {
    let mut check = false;
    let (mut spec, mut out, mut name) = (None, None, None);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--check" => check = true,
            "--spec" => spec = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--name" => name = Some(value()?),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    match (spec, out) {
        (Some(spec), Some(out)) => custom(spec, out, name, check),
        (None, None) => {
            let outcome = run(check)?;
            print_warnings(&outcome.warnings);
            report(&outcome.sync, check, COMMAND)
        }
        _ => Err("--spec and --out go together".into()),
    }
}

/// What a run of the project's own codegen found.
pub struct Outcome {
    pub sync: SyncReport,
    pub warnings: Vec<openapi_forge::Diagnostic>,
}

/// Regenerates (or with `check`, compares) everything this workspace keeps
/// generated. Paths are relative to the project root.
pub fn run(check: bool) -> Result<Outcome, String> {
    let root = crate::project_root();
    std::env::set_current_dir(&root)
        .map_err(|error| format!("cannot enter {}: {error}", root.display()))?;
    let roundtable = generate_crate(&CrateRequest {
        spec: PathBuf::from("spec/roundtable.yaml"),
        out: PathBuf::from("generated/roundtable"),
        name: Some("roundtable".into()),
        runtime_dependency: "{ path = \"../../crates/openapi-forge-runtime\" }".into(),
        standalone: false,
        regenerate_command: COMMAND.into(),
        check,
    })
    .map_err(|error| format!("spec/roundtable.yaml:\n{error}"))?;
    let mut sync = roundtable.sync;
    let mut warnings = roundtable.warnings;
    let fixtures = fixture_files(&root)?;
    let generated_dir = Path::new("generated/fixtures/src");
    sync.merge(
        output_dir::sync(generated_dir, &fixtures.files, &|path| is_rust(path), check)
            .map_err(|error| format!("cannot write {}: {error}", generated_dir.display()))?,
    );
    warnings.extend(fixtures.warnings);
    Ok(Outcome { sync, warnings })
}

fn is_rust(path: &Path) -> bool {
    path.extension().is_some_and(|extension| extension == "rs")
}

struct Fixtures {
    files: Vec<GeneratedFile>,
    warnings: Vec<openapi_forge::Diagnostic>,
}

/// The module name of a fixture or case file: `tests/cases/01-enum.yaml`
/// becomes `case_01_enum`.
pub fn module_name(kind: &str, path: &Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let snake: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("{kind}_{snake}")
}

/// Every description under `tests/fixtures` and `tests/cases`, except the
/// companion files that others reach through `$ref` (named `*.common.*`).
pub fn fixture_specs(root: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let mut specs = Vec::new();
    for (dir, kind) in [("tests/fixtures", "fixture"), ("tests/cases", "case")] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let is_spec = file_name.ends_with(".yaml")
                || file_name.ends_with(".yml")
                || file_name.ends_with(".json");
            if is_spec && !file_name.contains(".common.") {
                specs.push((module_name(kind, &path), PathBuf::from(dir).join(file_name)));
            }
        }
    }
    specs.sort();
    Ok(specs)
}

fn fixture_files(root: &Path) -> Result<Fixtures, String> {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let mut failures = Vec::new();
    let specs = fixture_specs(root)?;
    for (module, spec) in &specs {
        let settings = Settings {
            spec: spec.clone(),
            regenerate_command: COMMAND.into(),
            manifest: None,
        };
        match openapi_forge::generate(&settings) {
            Ok(output) => {
                for file in output.files {
                    let name = match file.path.strip_prefix("src/") {
                        Some("lib.rs") => "mod.rs",
                        Some(name) => name,
                        None => continue,
                    };
                    files.push(GeneratedFile {
                        path: format!("{module}/{name}"),
                        contents: file.contents,
                    });
                }
                warnings.extend(output.warnings);
            }
            Err(diagnostics) => failures.push(format!("{}:\n{diagnostics}", spec.display())),
        }
    }
    if !failures.is_empty() {
        return Err(failures.join("\n\n"));
    }
    let mut index = format!(
        "// @generated by `{COMMAND}`; do not edit.\n\
         //! The bindings of every fixture (`tests/fixtures`) and case (`tests/cases`),\n\
         //! compiled together so that one compilation checks them all.\n\n\
         #![deny(warnings)]\n\n"
    );
    for (module, spec) in &specs {
        index.push_str(&format!(
            "#[doc = \"Bindings generated from `{}`.\"]\n",
            spec.display()
        ));
        // The modules are formatted by the generator; rustfmt would
        // reformat them differently and make `--check` fail.
        index.push_str(&format!("#[rustfmt::skip]\npub mod {module};\n"));
    }
    files.push(GeneratedFile {
        path: "lib.rs".into(),
        contents: index,
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Fixtures { files, warnings })
}

fn custom(spec: PathBuf, out: PathBuf, name: Option<String>, check: bool) -> Result<(), String> {
    let root = crate::project_root();
    let runtime = root.join("crates/openapi-forge-runtime");
    let runtime = runtime.canonicalize().unwrap_or(runtime);
    let regenerate_command = format!(
        "{COMMAND} --spec {} --out {}{}",
        spec.display(),
        out.display(),
        name.as_deref()
            .map(|n| format!(" --name {n}"))
            .unwrap_or_default()
    );
    let generated = generate_crate(&CrateRequest {
        spec,
        out,
        name,
        runtime_dependency: format!("{{ path = {:?} }}", runtime.display().to_string()),
        // Its own workspace root, so it builds where it is written, inside
        // this repository's tree or anywhere else.
        standalone: true,
        regenerate_command: regenerate_command.clone(),
        check,
    })
    .map_err(|error| error.to_string())?;
    print_warnings(&generated.warnings);
    report(&generated.sync, check, &regenerate_command)
}

fn print_warnings(warnings: &[openapi_forge::Diagnostic]) {
    for warning in warnings {
        eprintln!("{warning}");
    }
    if !warnings.is_empty() {
        let count = warnings.len();
        eprintln!("{count} warning(s): parts of the description the bindings approximate or skip");
    }
}

fn report(sync: &SyncReport, check: bool, command: &str) -> Result<(), String> {
    if check {
        if sync.is_stale() {
            let mut message = String::from("generated files are stale:\n");
            for path in &sync.changed {
                message.push_str(&format!("  changed: {}\n", path.display()));
            }
            for path in &sync.removed {
                message.push_str(&format!("  no longer generated: {}\n", path.display()));
            }
            message.push_str(&format!("run `{command}` and review the diff"));
            return Err(message);
        }
        eprintln!("generated files are up to date ({} files)", sync.unchanged);
        return Ok(());
    }
    for path in &sync.changed {
        eprintln!("wrote {}", path.display());
    }
    for path in &sync.removed {
        eprintln!("removed {}", path.display());
    }
    eprintln!(
        "{} written, {} removed, {} unchanged",
        sync.changed.len(),
        sync.removed.len(),
        sync.unchanged
    );
    Ok(())
}
