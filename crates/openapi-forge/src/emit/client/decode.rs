//! Response decoding: from a read response to a variant of the operation's
//! success or error enum.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::ident;
use crate::emit::models::{variant_shape, VariantShape};
use crate::model::{Body, BodyEncoding, Operation, Response, StatusMatch};

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
        let json_only = variant_shape(response) == VariantShape::Tuple
            && response
                .body
                .as_ref()
                .is_some_and(|body| body.encoding == BodyEncoding::Json);
        let result = if json_only && !response.success {
            // The most common error shape: the variant's constructor is the
            // function that the runtime applies to the decoded body.
            let path = variant_path(op, response);
            quote!(Err(response.error_json(#path)?))
        } else {
            let value = variant(op, response);
            if response.success {
                quote!(Ok(#value))
            } else {
                quote!(Err(response.documented(#value)))
            }
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
    let path = variant_path(op, response);
    let body = response.body.as_ref().map(body_expr);
    match variant_shape(response) {
        VariantShape::Unit => path,
        VariantShape::Tuple => quote!(#path(#body)),
        VariantShape::Struct {
            body: has_body,
            headers,
            status,
        } => {
            let body = has_body.then(|| quote!(body: #body,));
            let headers = response
                .headers
                .iter()
                .zip(&headers)
                .map(|(header, field)| {
                    let field = ident(field);
                    let wire = &header.wire_name;
                    if header.required {
                        quote!(#field: response.required_header(#wire)?,)
                    } else {
                        quote!(#field: response.header(#wire)?,)
                    }
                });
            let status = status.then(|| quote!(status: response.status_code(),));
            quote!(#path { #body #(#headers)* #status })
        }
    }
}

/// `super::models::<Enum>::<Variant>` for `response`.
fn variant_path(op: &Operation, response: &Response) -> TokenStream {
    let enum_name = if response.success {
        &op.success_type
    } else {
        &op.error_type
    };
    let enum_name = ident(enum_name);
    let variant = ident(&response.variant);
    quote!(super::models::#enum_name::#variant)
}

/// Decodes the body by its media type, into the type the models emitter
/// gives it (`models::body_type`): JSON for JSON types, the raw bytes for
/// binary media, the text for `text/*`. Form and multipart responses are
/// rare; they are read as text, which decodes only into string-like types.
fn body_expr(body: &Body) -> TokenStream {
    match body.encoding {
        BodyEncoding::Json => quote!(response.json()?),
        BodyEncoding::Binary => quote!(response.bytes()),
        BodyEncoding::Text | BodyEncoding::FormUrlEncoded | BodyEncoding::Multipart(_) => {
            quote!(response.text()?)
        }
    }
}
