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
    pub operation_count: usize,
    pub type_count: usize,
    /// Lines of generated Rust.
    pub lines: usize,
    pub timings: crate::Timings,
}

/// Why a crate could not be generated.
#[derive(Debug)]
pub enum CrateError {
    Spec(crate::Diagnostics),
    Io(std::io::Error),
    /// The package name is not one cargo accepts.
    InvalidName(String),
}

impl std::fmt::Display for CrateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CrateError::Spec(diagnostics) => write!(f, "{diagnostics}"),
            CrateError::Io(error) => write!(f, "cannot write the generated crate: {error}"),
            CrateError::InvalidName(name) => write!(
                f,
                "`{name}` is not a valid package name: use ASCII letters, digits, `-` and `_`, \
                 starting with a letter"
            ),
        }
    }
}

/// Generates the crate that `request` describes. Nothing is written when
/// the spec has errors, so a failed run never leaves partial output.
pub fn generate_crate(request: &CrateRequest) -> Result<CrateReport, CrateError> {
    if let Some(name) = &request.name {
        if !is_valid_package_name(name) {
            return Err(CrateError::InvalidName(name.clone()));
        }
    }
    let settings = Settings {
        spec: request.spec.clone(),
        regenerate_command: request.regenerate_command.clone(),
        manifest: Some(Manifest {
            crate_name: request.name.clone().unwrap_or_default(),
            runtime_dependency: request.runtime_dependency.clone(),
            standalone: request.standalone,
        }),
    };
    let output = crate::generate(&settings).map_err(CrateError::Spec)?;
    let sync = output_dir::sync(&request.out, &output.files, &is_generated, request.check)
        .map_err(CrateError::Io)?;
    let lines = output
        .files
        .iter()
        .filter(|file| file.path.ends_with(".rs"))
        .map(|file| file.contents.lines().count())
        .sum();
    Ok(CrateReport {
        sync,
        lines,
        operation_count: output.operation_count,
        type_count: output.type_count,
        timings: output.timings,
        warnings: output.warnings,
    })
}

/// Cargo's rule for package names, kept strict: ASCII alphanumerics, `-`
/// and `_`, starting with a letter.
fn is_valid_package_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Files of a generated crate directory that the generator owns.
fn is_generated(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name == "Cargo.toml" || name.ends_with(".rs")
}

/// A package name from an API title: `Roundtable API` becomes
/// `roundtable-api`; titles without usable characters become `api`.
pub(crate) fn default_crate_name(title: &str) -> String {
    let cleaned: String = title
        .to_kebab_case()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if cleaned.is_empty() || cleaned.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{cleaned}").trim_end_matches('-').to_string()
    } else {
        cleaned
    }
}
