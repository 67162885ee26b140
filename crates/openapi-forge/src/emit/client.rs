//! Emits the `client` module.

use proc_macro2::TokenStream;

use crate::model::Api;

/// The `client` module of the bindings for `api`.
pub fn emit(_api: &Api) -> TokenStream {
    TokenStream::new()
}
