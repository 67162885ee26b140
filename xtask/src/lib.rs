//! The commands behind `cargo xtask`, as a library so tests can run them.

pub mod bench;
mod bench_runtime;
pub mod codegen;
pub mod corpus;
pub mod python;
pub mod stats;
pub mod test;

use std::path::{Path, PathBuf};

/// The workspace root: every command runs relative to it, so paths in
/// generated headers and diagnostics do not depend on where it was started.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The cargo that started us, or `cargo` from `PATH`.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Builds the release `openapi-forge` binary and returns its path.
pub fn build_release_cli() -> Result<PathBuf, String> {
    let root = project_root();
    let status = std::process::Command::new(cargo())
        .current_dir(&root)
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "openapi-forge",
            "--bin",
            "openapi-forge",
        ])
        .status()
        .map_err(|error| format!("cannot run cargo build: {error}"))?;
    if !status.success() {
        return Err(format!("building the release binary failed ({status})"));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    Ok(target.join("release/openapi-forge"))
}
