//! The runtime half of `cargo xtask bench`: criterion benchmarks of the
//! generated client and router against hand-written equivalents, reported
//! as ratios (generated / hand-written) of criterion's median estimates.

use std::fmt::Write as _;
use std::path::Path;

/// The benchmark groups of `forge-bench`'s `overhead` bench and what each
/// measures.
const GROUPS: [(&str, &str); 4] = [
    ("client_list", "client: list 100 workspaces"),
    ("client_create", "client: create a workspace"),
    ("server_list", "router: list 100 workspaces"),
    ("server_create", "router: create a workspace"),
];

/// Runs the criterion benchmarks and renders their ratios. Returns an
/// empty section when the benchmark crate is not part of the workspace.
pub fn run(root: &Path) -> Result<String, String> {
    if !root.join("crates/forge-bench/Cargo.toml").exists() {
        return Ok(String::new());
    }
    let status = std::process::Command::new(crate::cargo())
        .current_dir(root)
        .args([
            "bench",
            "-p",
            "forge-bench",
            "--bench",
            "overhead",
            "--",
            "--noplot",
        ])
        // Criterion's own report goes to stderr, so that stdout is the table.
        .stdout(std::process::Stdio::from(std::io::stderr()))
        .status()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !status.success() {
        return Err(format!("cargo bench failed ({status})"));
    }
    let criterion = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("criterion");
    let mut out = String::from(
        "\n## Runtime overhead (criterion median per call)\n\n\
         | operation | generated µs | hand-written µs | ratio |\n|---|---:|---:|---:|\n",
    );
    for (group, label) in GROUPS {
        let generated = median_ns(&criterion, group, "generated")?;
        let handwritten = median_ns(&criterion, group, "handwritten")?;
        let ratio = if handwritten > 0.0 {
            generated / handwritten
        } else {
            0.0
        };
        let _ = writeln!(
            out,
            "| {label} | {:.1} | {:.1} | {ratio:.2} |",
            generated / 1000.0,
            handwritten / 1000.0
        );
    }
    Ok(out)
}

/// Criterion's median estimate of `group/bench`, in nanoseconds.
fn median_ns(criterion: &Path, group: &str, bench: &str) -> Result<f64, String> {
    let path = criterion.join(group).join(bench).join("new/estimates.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    json.pointer("/median/point_estimate")
        .and_then(serde_json::Value::as_f64)
        .ok_or_else(|| format!("{}: no median estimate", path.display()))
}
