//! `cargo xtask test`: every test of the workspace, with snapshots checked.
//!
//! Runs the workspace's tests through `cargo insta test --check
//! --unreferenced=reject`, so a changed snapshot fails instead of being
//! written, and a snapshot that no test produces any more fails too.
//! `cargo-insta` is installed under `target/tools` when it is not on the
//! `PATH`; the spec validator's Python environment is prepared first.

use std::path::PathBuf;
use std::process::Command;

/// The cargo-insta release the project is tested with.
const CARGO_INSTA_VERSION: &str = "1.49.0";

/// Entry point for `cargo xtask test [-- extra cargo test arguments]`.
pub fn main(args: &[String]) -> Result<(), String> {
    let root = crate::project_root();
    let python = crate::python::spec_validator_python()?;
    let insta = cargo_insta()?;
    let mut command = Command::new(&insta);
    command
        .current_dir(&root)
        .env("SPEC_VALIDATOR_PYTHON", &python)
        .args(["test", "--workspace", "--check", "--unreferenced=reject"])
        .args(args);
    let status = command
        .status()
        .map_err(|error| format!("cannot run cargo-insta: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("tests failed ({status})"))
    }
}

/// `cargo-insta` from `PATH`, or installed into `target/tools`.
fn cargo_insta() -> Result<PathBuf, String> {
    let on_path = Command::new("cargo-insta").arg("--version").output();
    if on_path.is_ok_and(|output| output.status.success()) {
        return Ok(PathBuf::from("cargo-insta"));
    }
    let tools = crate::project_root().join("target/tools");
    let installed = tools.join("bin/cargo-insta");
    if installed.exists() {
        return Ok(installed);
    }
    eprintln!(
        "installing cargo-insta {CARGO_INSTA_VERSION} into {}",
        tools.display()
    );
    let status = Command::new(crate::cargo())
        .args([
            "install",
            "cargo-insta",
            "--locked",
            "--version",
            CARGO_INSTA_VERSION,
            "--root",
        ])
        .arg(&tools)
        .status()
        .map_err(|error| format!("cannot run cargo install: {error}"))?;
    if !status.success() {
        return Err(format!("installing cargo-insta failed ({status})"));
    }
    Ok(installed)
}
