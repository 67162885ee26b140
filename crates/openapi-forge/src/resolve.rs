//! Resolution: from loaded documents to one named [`Api`].

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Documents;
use crate::model::Api;

/// A resolved API with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub api: Api,
    pub warnings: Vec<Diagnostic>,
}

/// Builds the API model.
pub fn resolve(documents: &Documents) -> Result<Resolved, Diagnostics> {
    let _ = documents;
    Err(Diagnostics::default())
}
