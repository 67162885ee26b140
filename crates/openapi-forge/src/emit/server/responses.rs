//! Writing the shared success and error enums as HTTP responses.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
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

/// The field names of a response's headers in its variant; `body` and
/// `status` are taken by the variant itself.
fn header_field(name: &str) -> String {
    match name {
        "body" | "status" => format!("{name}_header"),
        name => name.to_owned(),
    }
}

fn arm(response: &Response) -> TokenStream {
    let variant = ident(&response.variant);
    let ranged = !matches!(response.status, StatusMatch::Code(_));
    let status = match response.status {
        StatusMatch::Code(code) => quote!(#code),
        StatusMatch::Range(_) | StatusMatch::Default => quote!(status),
    };
    let headers = response.headers.iter().map(|header| {
        let field = ident(&header_field(&header.name));
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
    let pattern = if response.headers.is_empty() && !ranged {
        match response.body {
            Some(_) => quote!(Self::#variant(body)),
            None => quote!(Self::#variant),
        }
    } else {
        let mut bindings = Vec::new();
        if response.body.is_some() {
            bindings.push(quote!(body));
        }
        for header in &response.headers {
            let field = ident(&header_field(&header.name));
            bindings.push(quote!(#field));
        }
        if ranged {
            bindings.push(quote!(status));
        }
        quote!(Self::#variant { #(#bindings),* })
    };
    let body = body.into_iter();
    quote! {
        #pattern => rt::Reply::new(#status) #(#headers)* #(#body)* .finish(),
    }
}
