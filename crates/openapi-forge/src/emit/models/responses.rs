//! The per-operation response enums: `<Op>Success` with the documented
//! success responses and `<Op>Error` with the documented error responses.
//!
//! Both are defined once here and shared by the client (which decodes into
//! them) and the server (which answers from them). The shape of each
//! variant follows [`variant_shape`], which the other emitters call too so
//! that all three agree on it.

use proc_macro2::TokenStream;
use quote::quote;

use super::{allow_deprecated, item_docs, lints, names_deprecated};
use crate::emit::{doc_attrs, ident, type_tokens, Scope};
use crate::model::{Api, Body, BodyEncoding, Docs, Operation, Response, StatusMatch, TypeExpr};

/// How a response's variant holds its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantShape {
    /// No body, no headers, one status: `Variant`.
    Unit,
    /// A body alone: `Variant(Body)`.
    Tuple,
    /// `Variant { body, <headers>, status }`, each part only when present.
    Struct {
        /// Whether a `body` field holds the body.
        body: bool,
        /// The field name of each of the response's headers, in order.
        /// A header whose field name would be `body` or `status` gets a
        /// `_header` suffix.
        headers: Vec<String>,
        /// Whether a `status: u16` field holds the status (ranges and
        /// `default`).
        status: bool,
    },
}

/// The shape of `response`'s variant in its operation's enum.
pub fn variant_shape(response: &Response) -> VariantShape {
    let status = !matches!(response.status, StatusMatch::Code(_));
    let body = response.body.is_some();
    if response.headers.is_empty() && !status {
        return if body {
            VariantShape::Tuple
        } else {
            VariantShape::Unit
        };
    }
    let headers = response
        .headers
        .iter()
        .map(|header| match header.name.as_str() {
            "body" | "status" => format!("{}_header", header.name),
            name => name.to_string(),
        })
        .collect();
    VariantShape::Struct {
        body,
        headers,
        status,
    }
}

/// The Rust type of a body: `Bytes` for binary media, `String` for text,
/// the schema's type otherwise.
pub fn body_type(api: &Api, body: &Body, scope: Scope) -> TokenStream {
    match body.encoding {
        BodyEncoding::Binary => quote!(::openapi_forge_runtime::bytes::Bytes),
        BodyEncoding::Text => quote!(::std::string::String),
        BodyEncoding::Json | BodyEncoding::FormUrlEncoded | BodyEncoding::Multipart(_) => {
            type_tokens(api, &body.ty, scope)
        }
    }
}

/// Both enums of `op`.
pub(super) fn emit(api: &Api, op: &Operation) -> TokenStream {
    let success: Vec<&Response> = op.responses.iter().filter(|r| r.success).collect();
    let errors: Vec<&Response> = op.responses.iter().filter(|r| !r.success).collect();
    let success_enum = emit_enum(api, op, &op.success_type, &success, false);
    let error_enum = emit_enum(api, op, &op.error_type, &errors, true);
    quote! {
        #success_enum
        #error_enum
    }
}

fn emit_enum(
    api: &Api,
    op: &Operation,
    name: &str,
    responses: &[&Response],
    error: bool,
) -> TokenStream {
    let enum_name = ident(name);
    let docs = enum_docs(op, responses.is_empty(), error);
    let uses_deprecated = responses.iter().any(|r| {
        r.body
            .as_ref()
            .is_some_and(|b| names_deprecated(api, &b.ty))
            || r.headers.iter().any(|h| names_deprecated(api, &h.ty))
    });
    let allow = allow_deprecated(uses_deprecated);
    let names: Vec<&str> = responses.iter().map(|r| r.variant.as_str()).collect();
    let allow_names = lints::allow_variant_names(name, &names);
    let payloads: Vec<Vec<&TypeExpr>> = responses
        .iter()
        .map(|r| {
            let mut payload: Vec<&TypeExpr> = r.body.iter().map(|b| &b.ty).collect();
            payload.extend(r.headers.iter().map(|h| &h.ty));
            payload
        })
        .collect();
    let allow_large = lints::allow_large_variant(api, &payloads);
    let variants = responses.iter().map(|r| emit_variant(api, r));
    let display = if error {
        error_impls(&enum_name, responses, &allow)
    } else {
        TokenStream::new()
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #allow #allow_names #allow_large
        pub enum #enum_name {
            #(#variants)*
        }

        #display
    }
}

fn enum_docs(op: &Operation, empty: bool, error: bool) -> TokenStream {
    let kind = if error { "Error" } else { "Success" };
    let mut text = format!(
        "{kind} responses of `{}` (`{} {}`).",
        op.id.replace('`', "'"),
        op.method.as_str(),
        op.path.replace('`', "'")
    );
    if let Some(summary) = op
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        text.push_str("\n\n");
        text.push_str(summary);
    }
    if empty {
        let what = if error { "error" } else { "success" };
        text.push_str(&format!(
            "\n\nThe operation documents no {what} response, so this enum has no values."
        ));
    }
    if op.deprecated {
        text.push_str("\n\nThe operation is deprecated.");
    }
    doc_attrs(&text)
}

/// How a status reads in docs and messages: `404`, `4XX`, `default`.
fn status_label(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(digit) => format!("{digit}XX"),
        StatusMatch::Default => "default".to_string(),
    }
}

fn emit_variant(api: &Api, response: &Response) -> TokenStream {
    let name = ident(&response.variant);
    let heading = match response.status {
        StatusMatch::Default => "Any other status.".to_string(),
        status => format!("Status `{}`.", status_label(status)),
    };
    let description = Docs {
        description: Some(response.description.clone()),
        ..Docs::default()
    };
    let docs = item_docs(
        &Docs {
            title: Some(heading.clone()),
            ..description
        },
        &heading,
        &[],
    );
    let body = response
        .body
        .as_ref()
        .map(|body| body_type(api, body, Scope::Models));
    match variant_shape(response) {
        VariantShape::Unit => quote!(#docs #name,),
        VariantShape::Tuple => quote!(#docs #name(#body),),
        VariantShape::Struct {
            body: has_body,
            headers,
            status,
        } => {
            let body_field = has_body.then(|| {
                quote!(/// The response body.
                body: #body,)
            });
            let header_fields = response
                .headers
                .iter()
                .zip(&headers)
                .map(|(header, field)| {
                    let field = ident(field);
                    let ty = type_tokens(api, &header.ty, Scope::Models);
                    let ty = if header.required {
                        ty
                    } else {
                        quote!(::std::option::Option<#ty>)
                    };
                    let fallback = format!("The `{}` header.", header.wire_name);
                    let docs = item_docs(&header.docs, &fallback, &[]);
                    quote!(#docs #field: #ty,)
                });
            let status_field = status.then(|| {
                quote!(/// The status code.
                status: u16,)
            });
            quote! {
                #docs
                #name {
                    #body_field
                    #(#header_fields)*
                    #status_field
                },
            }
        }
    }
}

/// `Display` (status and description) and `Error` for an error enum.
fn error_impls(
    name: &proc_macro2::Ident,
    responses: &[&Response],
    allow: &TokenStream,
) -> TokenStream {
    let arms = responses.iter().map(|response| {
        let variant = ident(&response.variant);
        let description = response.description.lines().next().unwrap_or("").trim();
        let description = if description.is_empty() {
            "no description"
        } else {
            description
        };
        let pattern = match variant_shape(response) {
            VariantShape::Unit => quote!(Self::#variant),
            VariantShape::Tuple => quote!(Self::#variant(..)),
            VariantShape::Struct { status: true, .. } => quote!(Self::#variant { status, .. }),
            VariantShape::Struct { .. } => quote!(Self::#variant { .. }),
        };
        match response.status {
            StatusMatch::Code(code) => {
                let message = format!("status {code}: {description}");
                quote!(#pattern => f.write_str(#message),)
            }
            _ => {
                let format = format!(
                    "status {{status}}: {}",
                    description.replace('{', "{{").replace('}', "}}")
                );
                quote!(#pattern => ::std::write!(f, #format),)
            }
        }
    });
    let (formatter, body) = if responses.is_empty() {
        (quote!(_f), quote!(match *self {}))
    } else {
        (quote!(f), quote!(match self { #(#arms)* }))
    };
    quote! {
        #allow
        impl ::std::fmt::Display for #name {
            fn fmt(&self, #formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #body
            }
        }

        #allow
        impl ::std::error::Error for #name {}
    }
}
