//! Emits the `models` module.

use proc_macro2::TokenStream;

use crate::model::Api;

/// The `models` module of the bindings for `api`.
pub fn emit(_api: &Api) -> TokenStream {
    TokenStream::new()
}
