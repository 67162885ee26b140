//! Generating a whole crate into a directory: what the `openapi-forge`
//! binary and `cargo xtask codegen --spec` share.

use std::path::{Path, PathBuf};

use heck::ToKebabCase;

use crate::output_dir::{self, SyncReport};
use crate::settings::{Manifest, Settings};
use crate::Diagnostic;

/// A request to generate one crate.
#[derive(Debug, Clone)]
pub struct CrateRequest {
    pub spec: PathBuf,
    pub out: PathBuf,
    /// The package name; derived from the spec title when absent.
    pub name: Option<String>,
    /// The Cargo dependency of the runtime crate, as TOML.
    pub runtime_dependency: String,
    /// Whether the crate gets its own `[workspace]` table.
    pub standalone: bool,
    /// The command named in the `@generated` headers.
    pub regenerate_command: String,
    /// Write nothing; report what is stale.
    pub check: bool,
}

/// What generating a crate did.
#[derive(Debug)]
pub struct CrateReport {
    pub sync: SyncReport,
    pub warnings: Vec<Diagnostic>,
}

/// Why a crate could not be generated.
#[derive(Debug)]
pub enum CrateError {
    Spec(crate::Diagnostics),
    Io(std::io::Error),
}

impl std::fmt::Display for CrateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CrateError::Spec(diagnostics) => write!(f, "{diagnostics}"),
            CrateError::Io(error) => write!(f, "cannot write the generated crate: {error}"),
        }
    }
}

/// Generates the crate that `request` describes. Nothing is written when
/// the spec has errors, so a failed run never leaves partial output.
pub fn generate_crate(request: &CrateRequest) -> Result<CrateReport, CrateError> {
    let probe = crate::generate(&Settings::new(&request.spec)).map_err(CrateError::Spec)?;
    let name = match &request.name {
        Some(name) => name.clone(),
        None => default_crate_name(&probe),
    };
    let settings = Settings {
        spec: request.spec.clone(),
        regenerate_command: request.regenerate_command.clone(),
        manifest: Some(Manifest {
            crate_name: name,
            runtime_dependency: request.runtime_dependency.clone(),
            standalone: request.standalone,
        }),
    };
    let output = crate::generate(&settings).map_err(CrateError::Spec)?;
    let sync = output_dir::sync(&request.out, &output.files, &is_generated, request.check)
        .map_err(CrateError::Io)?;
    Ok(CrateReport { sync, warnings: output.warnings })
}

/// Files of a generated crate directory that the generator owns.
fn is_generated(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name == "Cargo.toml" || name.ends_with(".rs")
}

fn default_crate_name(output: &crate::Output) -> String {
    let title = output
        .file("src/lib.rs")
        .and_then(|lib| lib.contents.lines().find_map(|l| l.split("bindings for ").nth(1)))
        .map(|rest| rest.split(" (version").next().unwrap_or(rest).to_kebab_case())
        .unwrap_or_default();
    let cleaned: String =
        title.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    if cleaned.is_empty() || cleaned.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{cleaned}").trim_end_matches('-').to_string()
    } else {
        cleaned
    }
}
