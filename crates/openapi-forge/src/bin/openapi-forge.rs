//! `openapi-forge`: generate a Rust crate from an OpenAPI 3.0 description.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

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
  -V, --version      print the version
  --stats            print timings, sizes and peak memory as one JSON line
  --parse-only       only parse FILE (no --out needed); with --stats, the
                     baseline that generation time is compared with
";

/// Parsed command line.
struct Args {
    request: CrateRequest,
    stats: bool,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--parse-only") {
        return parse_only(&args);
    }
    match parse(args) {
        Ok(Some(args)) => run(&args),
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

fn parse(args: Vec<String>) -> Result<Option<Args>, String> {
    let (mut spec, mut out, mut name, mut runtime, mut check) = (None, None, None, None, false);
    let mut stats = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--spec" => spec = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--name" => name = Some(value()?),
            "--runtime" => runtime = Some(value()?),
            "--check" => check = true,
            "--stats" => stats = true,
            "-h" | "--help" => return Ok(None),
            "-V" | "--version" => {
                println!("openapi-forge {}", env!("CARGO_PKG_VERSION"));
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let spec: PathBuf = spec.ok_or("--spec is required")?;
    let out: PathBuf = out.ok_or("--out is required")?;
    let regenerate_command = format!(
        "openapi-forge --spec {} --out {}{}",
        spec.display(),
        out.display(),
        name.as_deref()
            .map(|name| format!(" --name {name}"))
            .unwrap_or_default()
    );
    let request = CrateRequest {
        runtime_dependency: runtime.unwrap_or_else(default_runtime_dependency),
        spec,
        out,
        name,
        standalone: true,
        regenerate_command,
        check,
    };
    Ok(Some(Args { request, stats }))
}

fn run(args: &Args) -> ExitCode {
    let request = &args.request;
    let started = Instant::now();
    match generate_crate(request) {
        Ok(report) => {
            // The same approximation met in many places is reported once,
            // with a count; the numbers below are of distinct warnings.
            let warnings = openapi_forge::diagnostics::group(&report.warnings);
            if args.stats {
                let t = report.timings;
                println!(
                    "{{\"operations\":{},\"types\":{},\"lines\":{},\"warnings\":{},\
                     \"warning_places\":{},\"load_ms\":{:.3},\"resolve_ms\":{:.3},\
                     \"emit_ms\":{:.3},\"total_ms\":{:.3},\"peak_rss_kib\":{}}}",
                    report.operation_count,
                    report.type_count,
                    report.lines,
                    warnings.len(),
                    report.warnings.len(),
                    millis(t.load),
                    millis(t.resolve),
                    millis(t.emit),
                    millis(started.elapsed()),
                    peak_rss_kib()
                );
            }
            for warning in &warnings {
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
                "{} file(s) written, {} removed, {} unchanged, {} warning(s) in {} place(s)",
                report.sync.changed.len(),
                report.sync.removed.len(),
                report.sync.unchanged,
                warnings.len(),
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

/// `--parse-only`: the bare parse of the spec file into a JSON value.
fn parse_only(args: &[String]) -> ExitCode {
    let Some(spec) = args
        .iter()
        .position(|a| a == "--spec")
        .and_then(|i| args.get(i + 1))
    else {
        eprintln!("error: --spec is required\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let text = match std::fs::read_to_string(spec) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read {spec}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let parsed = if text.trim_start().starts_with('{') {
        serde_json::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string())
    } else {
        serde_norway::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string())
    };
    if let Err(error) = parsed {
        eprintln!("error: {spec}: {error}");
        return ExitCode::FAILURE;
    }
    println!(
        "{{\"parse_ms\":{:.3},\"peak_rss_kib\":{}}}",
        millis(started.elapsed()),
        peak_rss_kib()
    );
    ExitCode::SUCCESS
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The peak resident set size of this process (Linux `VmHWM`), or 0 where
/// the platform does not report it.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
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
