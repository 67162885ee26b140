//! The commands behind `cargo xtask`, as a library so tests can run them.

pub mod codegen;
pub mod python;
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
