//! Writing the shared success and error enums as HTTP responses.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::ident;
use crate::emit::models::{variant_shape, VariantShape};
use crate::model::{BodyEncoding, Operation, Response, StatusMatch};

/// `impl rt::Respond` for the operation's success and error enums.
pub(super) fn emit(op: &Operation) -> TokenStream {
    let success = respond_impl(&op.success_type, op.responses.iter().filter(|r| r.success));
    let error = respond_impl(&op.error_type, op.responses.iter().filter(|r| !r.success));
    quote! { #success #error }
}

fn respond_impl<'a>(name: &str, responses: impl Iterator<Item = &'a Response>) -> TokenStream {
    let name = ident(name);
    let arms = responses.map(arm).collect::<Vec<_>>();
    let body = if arms.is_empty() {
        quote!(match self {})
    } else {
        quote!(match self { #(#arms)* })
    };
    quote! {
        impl rt::Respond for super::models::#name {
            fn respond(self) -> rt::Response {
                #body
            }
        }
    }
}

fn arm(response: &Response) -> TokenStream {
    let variant = ident(&response.variant);
    let status = match response.status {
        StatusMatch::Code(code) => quote!(#code),
        StatusMatch::Range(_) | StatusMatch::Default => quote!(status),
    };
    let fields = match variant_shape(response) {
        VariantShape::Struct { headers, .. } => headers,
        VariantShape::Unit | VariantShape::Tuple => Vec::new(),
    };
    let headers = response.headers.iter().zip(fields).map(|(header, field)| {
        let field = ident(&field);
        let wire = &header.wire_name;
        quote!(.header(#wire, &#field))
    });
    let body = response.body.as_ref().map(|body| {
        let media = &body.media_type;
        match body.encoding {
            BodyEncoding::Text => quote!(.text(#media, body)),
            BodyEncoding::Binary => quote!(.bytes(#media, body)),
            // Form and multipart response bodies are rare; they are written as
            // JSON, which is an approximation of their wire format.
            BodyEncoding::Json | BodyEncoding::FormUrlEncoded | BodyEncoding::Multipart(_) => {
                quote!(.json(#media, &body))
            }
        }
    });
    // The variant's shape is the models emitter's decision; follow it.
    let pattern = match variant_shape(response) {
        VariantShape::Unit => quote!(Self::#variant),
        VariantShape::Tuple => quote!(Self::#variant(body)),
        VariantShape::Struct {
            body,
            headers,
            status,
        } => {
            let body = body.then(|| quote!(body));
            let headers = headers.iter().map(|name| ident(name));
            let status = status.then(|| quote!(status));
            let bindings = body
                .into_iter()
                .chain(headers.map(|h| quote!(#h)))
                .chain(status);
            quote!(Self::#variant { #(#bindings),* })
        }
    };
    let body = body.into_iter();
    quote! {
        #pattern => rt::Reply::new(#status) #(#headers)* #(#body)* .finish(),
    }
}
