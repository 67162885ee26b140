//! `cargo xtask bench`: generation speed and memory, the compile time of the
//! generated code, and (through criterion) the runtime overhead of the
//! generated client and router against hand-written equivalents.
//!
//! Generation is measured on the release binary as a separate process per
//! run, so each run starts cold and its peak memory is its own. Every figure
//! is the median of several runs. Results are printed as a table and
//! written to `target/bench/results.md`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::stats::Stats;

/// Runs per measurement; the median is reported.
const RUNS: usize = 5;

struct Figures {
    name: String,
    parse_ms: f64,
    parse_rss_kib: f64,
    generate_ms: f64,
    load_ms: f64,
    resolve_ms: f64,
    emit_ms: f64,
    generate_rss_kib: f64,
    lines: f64,
    operations: f64,
    types: f64,
    check_clean_s: Option<f64>,
    check_crate_s: Option<f64>,
}

/// Entry point for `cargo xtask bench [--no-check] [--no-runtime] [CORPUS_DIR]`;
/// the corpus directory defaults to `../shared/corpus/specs`.
pub fn main(args: &[String]) -> Result<(), String> {
    let root = crate::project_root();
    let (mut check, mut runtime, mut corpus) = (true, true, None);
    for arg in args {
        match arg.as_str() {
            "--no-check" => check = false,
            "--no-runtime" => runtime = false,
            other if other.starts_with("--") => return Err(format!("unknown flag `{other}`")),
            other => corpus = Some(PathBuf::from(other)),
        }
    }
    let corpus = corpus.unwrap_or_else(|| root.join("../shared/corpus/specs"));
    let specs = [
        ("github", corpus.join("github_ghes-3.19.json")),
        ("stripe", corpus.join("stripe_api.json")),
        ("roundtable", root.join("spec/roundtable.yaml")),
    ];
    let binary = crate::build_release_cli()?;
    let work = root.join("target/bench");
    let mut all = Vec::new();
    for (name, spec) in &specs {
        if !spec.exists() {
            eprintln!("skipping {name}: {} not found", spec.display());
            continue;
        }
        eprintln!("measuring {name} ...");
        all.push(measure(&root, &binary, name, spec, &work, check)?);
    }
    let mut report = render(&all);
    if runtime {
        report.push_str(&crate::bench_runtime::run(&root)?);
    }
    print!("{report}");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let path = work.join("results.md");
    std::fs::write(&path, &report).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!("results written to {}", path.display());
    Ok(())
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

fn stats_of(command: &mut Command) -> Result<Stats, String> {
    let output = command
        .output()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(Stats::parse(&String::from_utf8_lossy(&output.stdout)))
}

fn measure(
    root: &Path,
    binary: &Path,
    name: &str,
    spec: &Path,
    work: &Path,
    check: bool,
) -> Result<Figures, String> {
    let out = work.join("crates").join(name);
    let mut parse = Vec::new();
    let mut generate = Vec::new();
    for _ in 0..RUNS {
        parse.push(stats_of(
            Command::new(binary)
                .arg("--parse-only")
                .arg("--spec")
                .arg(spec),
        )?);
        generate.push(stats_of(
            Command::new(binary)
                .arg("--spec")
                .arg(spec)
                .arg("--out")
                .arg(&out)
                .args(["--name", &format!("bench-{name}"), "--stats"]),
        )?);
    }
    let of = |runs: &[Stats], key: &str| median(runs.iter().map(|stats| stats.get(key)).collect());
    let (check_clean_s, check_crate_s) = if check {
        check_times(root, &out)?
    } else {
        (None, None)
    };
    Ok(Figures {
        name: name.to_string(),
        parse_ms: of(&parse, "parse_ms"),
        parse_rss_kib: of(&parse, "peak_rss_kib"),
        generate_ms: of(&generate, "total_ms"),
        load_ms: of(&generate, "load_ms"),
        resolve_ms: of(&generate, "resolve_ms"),
        emit_ms: of(&generate, "emit_ms"),
        generate_rss_kib: of(&generate, "peak_rss_kib"),
        lines: of(&generate, "lines"),
        operations: of(&generate, "operations"),
        types: of(&generate, "types"),
        check_clean_s,
        check_crate_s,
    })
}

/// `cargo check` of the generated crate from an empty target directory
/// (dependencies included), then again after touching the crate (the
/// crate's own check time, which is what a user pays on each spec change).
fn check_times(root: &Path, crate_dir: &Path) -> Result<(Option<f64>, Option<f64>), String> {
    let target: PathBuf = crate_dir.with_extension("target");
    let _ = std::fs::remove_dir_all(&target);
    let _ = std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock"));
    let run = || -> Result<f64, String> {
        let started = Instant::now();
        let status = Command::new(crate::cargo())
            .current_dir(crate_dir)
            .env("CARGO_TARGET_DIR", &target)
            .args(["check", "--all-features", "--quiet"])
            .status()
            .map_err(|e| format!("cannot run cargo check: {e}"))?;
        if !status.success() {
            return Err(format!("cargo check failed in {}", crate_dir.display()));
        }
        Ok(started.elapsed().as_secs_f64())
    };
    let clean = run()?;
    let lib = crate_dir.join("src/lib.rs");
    let contents = std::fs::read(&lib).map_err(|e| e.to_string())?;
    std::fs::write(&lib, contents).map_err(|e| e.to_string())?;
    let incremental = run()?;
    Ok((Some(clean), Some(incremental)))
}

fn render(all: &[Figures]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Generation (release build, median of {RUNS} runs)\n"
    );
    let _ = writeln!(
        out,
        "| spec | operations | types | bare parse ms | generate ms | ratio \
         | load / resolve / emit ms | peak MiB (parse / generate) | generated lines \
         | check from clean s | check of crate s |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|");
    for f in all {
        let ratio = if f.parse_ms > 0.0 {
            f.generate_ms / f.parse_ms
        } else {
            0.0
        };
        let secs = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.1}"));
        let _ = writeln!(
            out,
            "| {} | {:.0} | {:.0} | {:.1} | {:.1} | {:.2} | {:.1} / {:.1} / {:.1} \
             | {:.1} / {:.1} | {:.0} | {} | {} |",
            f.name,
            f.operations,
            f.types,
            f.parse_ms,
            f.generate_ms,
            ratio,
            f.load_ms,
            f.resolve_ms,
            f.emit_ms,
            f.parse_rss_kib / 1024.0,
            f.generate_rss_kib / 1024.0,
            f.lines,
            secs(f.check_clean_s),
            secs(f.check_crate_s),
        );
    }
    out
}
