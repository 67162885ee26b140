//! Response decoding: from a read response to a variant of the operation's
//! success or error enum.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::tokens::ident;
use crate::model::{Body, BodyEncoding, Operation, Response, StatusMatch, TypeExpr};

/// The tail of a method: pick the documented response by status, decode
/// it, or report the status as undocumented.
pub(super) fn responses(op: &Operation) -> TokenStream {
    if op.responses.is_empty() {
        return quote!(Err(response.unexpected()));
    }
    let runtime = quote!(runtime);
    let statuses = op.responses.iter().map(|response| match response.status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#runtime::StatusMatch::Code(#code))
        }
        StatusMatch::Range(digit) => {
            let digit = Literal::u8_unsuffixed(digit);
            quote!(#runtime::StatusMatch::Range(#digit))
        }
        StatusMatch::Default => quote!(#runtime::StatusMatch::Default),
    });
    let arms = op.responses.iter().enumerate().map(|(index, response)| {
        let value = variant(op, response);
        let result = if response.success {
            quote!(Ok(#value))
        } else {
            quote!(Err(response.documented(#value)))
        };
        let index = Literal::usize_unsuffixed(index);
        quote!(Some(#index) => #result,)
    });
    quote! {
        match response.pick(&[#(#statuses),*]) {
            #(#arms)*
            _ => Err(response.unexpected()),
        }
    }
}

/// The variant for `response`, shaped as `Response::variant` documents: a
/// range or `default` carries `status`; a body alone makes a tuple variant;
/// a body with headers or a status makes a struct variant; nothing makes a
/// unit variant.
fn variant(op: &Operation, response: &Response) -> TokenStream {
    let enum_name = if response.success {
        &op.success_type
    } else {
        &op.error_type
    };
    let enum_name = format_ident!("{}", enum_name);
    let variant = format_ident!("{}", response.variant);
    let path = quote!(super::models::#enum_name::#variant);
    let has_status = !matches!(response.status, StatusMatch::Code(_));
    let body = response.body.as_ref().map(body_expr);
    if response.headers.is_empty() && !has_status {
        return match body {
            Some(body) => quote!(#path(#body)),
            None => path,
        };
    }
    let body = body.map(|body| quote!(body: #body,));
    let headers = response.headers.iter().map(|header| {
        let field = ident(&header.name);
        let wire = &header.wire_name;
        if header.required {
            quote!(#field: response.required_header(#wire)?,)
        } else {
            quote!(#field: response.header(#wire)?,)
        }
    });
    let status = has_status.then(|| quote!(status: response.status_code(),));
    quote!(#path { #body #(#headers)* #status })
}

/// Decodes the body by its media type: JSON for JSON types, the raw bytes
/// for a binary schema, text otherwise. Form and multipart responses are
/// rare; they are read as text, which decodes only into string-like types.
fn body_expr(body: &Body) -> TokenStream {
    match (&body.encoding, &body.ty) {
        (BodyEncoding::Json, _) => quote!(response.json()?),
        (_, TypeExpr::Binary) => quote!(response.bytes()),
        _ => quote!(response.text()?),
    }
}
