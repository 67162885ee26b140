//! Generate typed Rust from OpenAPI 3.0 descriptions: serde models, an async
//! [reqwest] client and [axum] server stubs, over one resolved API model.
//!
//! The pipeline is `load` (YAML or JSON files joined by `$ref`s, with
//! positions for diagnostics) → `resolve` (one [`model::Api`], every name
//! decided) → `emit` (models, client, server; each through `syn`/`quote`
//! and `prettyplease`).
//!
//! ```no_run
//! let settings = openapi_forge::Settings::new("spec/roundtable.yaml");
//! match openapi_forge::generate(&settings) {
//!     Ok(output) => {
//!         for warning in &output.warnings {
//!             eprintln!("{warning}");
//!         }
//!         for file in &output.files {
//!             println!("{}: {} bytes", file.path, file.contents.len());
//!         }
//!     }
//!     Err(diagnostics) => eprintln!("{diagnostics}"),
//! }
//! ```
//!
//! [reqwest]: https://docs.rs/reqwest
//! [axum]: https://docs.rs/axum

pub mod build_script;
pub mod crate_writer;
pub mod diagnostics;
pub mod emit;
pub mod load;
pub mod model;
mod naming;
pub mod output_dir;
pub mod resolve;
pub mod settings;

pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use settings::{GeneratedFile, Manifest, Output, Settings, Timings};

/// Loads, resolves and emits the description that `settings` names.
///
/// Returns every generated file with the warnings about what the bindings
/// approximate or skip, or every error found by the first stage that failed.
pub fn generate(settings: &Settings) -> Result<Output, Diagnostics> {
    settings::run(settings)
}
