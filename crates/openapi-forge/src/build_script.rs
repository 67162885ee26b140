//! Generating bindings from a `build.rs`.
//!
//! ```no_run
//! // In build.rs:
//! let settings = openapi_forge::Settings::new("spec/api.yaml");
//! if let Err(error) = openapi_forge::build_script::generate_into_out_dir(&settings) {
//!     panic!("{error}");
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
//! ```
//!
//! `bindings.rs` holds the three modules inline (`pub mod models { ... }`,
//! `client` and `server` behind the features of those names), because a file
//! pulled in with `include!` may not carry the inner attributes that the
//! separate module files start with. The separate files are written beside
//! it, byte for byte what `openapi-forge --out` writes, so a test can compare
//! them with checked-in output.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::{Diagnostics, Output, Settings};

/// Why a build script could not generate.
#[derive(Debug)]
pub enum BuildError {
    /// The description has errors.
    Spec(Diagnostics),
    /// `OUT_DIR` is unset (not running under cargo) or a write failed.
    Io(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Spec(diagnostics) => write!(f, "{diagnostics}"),
            BuildError::Io(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for BuildError {}

/// Generates the bindings into `$OUT_DIR`, prints `cargo:rerun-if-changed`
/// for every file of the description and `cargo:warning` for every warning.
pub fn generate_into_out_dir(settings: &Settings) -> Result<Output, BuildError> {
    let out_dir = std::env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| {
            BuildError::Io("OUT_DIR is not set; call this from a build script".into())
        })?;
    // Rerun on spec edits even when generation fails, so fixing the spec
    // triggers a new attempt.
    println!("cargo:rerun-if-changed={}", settings.spec.display());
    let output = crate::generate(settings).map_err(BuildError::Spec)?;
    for input in &output.inputs {
        println!("cargo:rerun-if-changed={}", input.display());
    }
    for warning in &output.warnings {
        let line = warning.to_string().replace('\n', " ");
        println!("cargo:warning={line}");
    }
    let mut bindings = String::new();
    for (module, feature) in [
        ("models", None),
        ("client", Some("client")),
        ("server", Some("server")),
    ] {
        let Some(file) = output.file(&format!("src/{module}.rs")) else {
            continue;
        };
        if let Some(feature) = feature {
            let _ = writeln!(bindings, "#[cfg(feature = \"{feature}\")]");
        }
        let _ = writeln!(bindings, "pub mod {module} {{\n{}\n}}", file.contents);
    }
    let write = |name: &str, contents: &str| {
        std::fs::write(out_dir.join(name), contents)
            .map_err(|error| BuildError::Io(format!("cannot write {name} in OUT_DIR: {error}")))
    };
    for file in &output.files {
        if let Some(name) = file.path.strip_prefix("src/") {
            write(name, &file.contents)?;
        }
    }
    write("bindings.rs", &bindings)?;
    Ok(output)
}
