//! `openapi-forge`: generate a Rust crate from an OpenAPI 3.0 description.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use openapi_forge::crate_writer::{generate_crate, CrateRequest};

const USAGE: &str = "\
usage: openapi-forge --spec FILE --out DIR [--name NAME] [--runtime DEPENDENCY] [--check]

Generates a crate (models; the client behind feature `client`; the server
behind feature `server`) from the OpenAPI 3.0 description FILE into DIR.

  --spec FILE        root document of the description (YAML or JSON)
  --out DIR          directory of the generated crate (created if absent)
  --name NAME        package name (default: derived from the spec title)
  --runtime DEP      Cargo dependency of openapi-forge-runtime, as TOML
                     (default: the runtime sources this binary was built
                     beside, or version 0.1)
  --check            write nothing; fail when DIR is not up to date
";

fn main() -> ExitCode {
    match parse(std::env::args().skip(1).collect()) {
        Ok(Some(request)) => run(&request),
        Ok(None) => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse(args: Vec<String>) -> Result<Option<CrateRequest>, String> {
    let (mut spec, mut out, mut name, mut runtime, mut check) = (None, None, None, None, false);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--spec" => spec = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--name" => name = Some(value()?),
            "--runtime" => runtime = Some(value()?),
            "--check" => check = true,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let spec: PathBuf = spec.ok_or("--spec is required")?;
    let out: PathBuf = out.ok_or("--out is required")?;
    let regenerate_command =
        format!("openapi-forge --spec {} --out {}", spec.display(), out.display());
    Ok(Some(CrateRequest {
        runtime_dependency: runtime.unwrap_or_else(default_runtime_dependency),
        spec,
        out,
        name,
        standalone: true,
        regenerate_command,
        check,
    }))
}

fn run(request: &CrateRequest) -> ExitCode {
    match generate_crate(request) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{warning}");
            }
            if request.check && report.sync.is_stale() {
                for path in report.sync.changed.iter().chain(&report.sync.removed) {
                    eprintln!("stale: {}", path.display());
                }
                eprintln!("error: generated files are stale; rerun without --check");
                return ExitCode::FAILURE;
            }
            eprintln!(
                "{} file(s) written, {} removed, {} unchanged, {} warning(s)",
                report.sync.changed.len(),
                report.sync.removed.len(),
                report.sync.unchanged,
                report.warnings.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// A path dependency on the runtime sources next to this crate's sources
/// when they exist (a workspace or git install), else the published version.
fn default_runtime_dependency() -> String {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi-forge-runtime");
    match runtime.canonicalize() {
        Ok(path) => format!("{{ path = {:?} }}", path.display().to_string()),
        Err(_) => "\"0.1\"".into(),
    }
}
