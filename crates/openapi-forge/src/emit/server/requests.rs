//! Per-operation request structs and how each is read from a request.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, signature};
use crate::emit::client::{part_kind, PartKind};
use crate::emit::models::{names_deprecated, rules_tokens};
use crate::emit::{doc_attrs, type_tokens, Scope};
use crate::model::{
    Api, BodyEncoding, MultipartPart, Operation, ParamLocation, ParamStyle, Parameter, TypeExpr,
    TypeKind,
};

/// The request struct of `op` and its private `extract` function.
pub(super) fn emit(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.request_type);
    let docs = doc_attrs(&format!(
        "The inputs of `{}` ({}).",
        op.id.replace('`', "'"),
        signature(op)
    ));
    let mut fields = Vec::new();
    let mut reads = Vec::new();
    let mut inits = Vec::new();
    // A spec may deprecate a type that an operation still takes; the
    // deprecation is for code that names the type, and the request type
    // itself must still compile without warnings.
    let uses_deprecated = op.params.iter().any(|p| names_deprecated(api, &p.ty))
        || op
            .body
            .as_ref()
            .is_some_and(|body| !op.raw_body && names_deprecated(api, &body.body.ty));
    let allow = uses_deprecated.then(|| quote!(#[allow(deprecated)]));
    for param in &op.params {
        let field = ident(&param.name);
        let ty = type_tokens(api, &param.ty, Scope::Sibling);
        let ty = if param.required {
            ty
        } else {
            quote!(::std::option::Option<#ty>)
        };
        let docs = param_docs(param);
        fields.push(quote! { #docs pub #field: #ty, });
        let spec = param_spec(api, param);
        let method = if checkable(&param.ty) {
            quote!(checked_param)
        } else {
            quote!(param)
        };
        reads.push(quote! { let #field = input.#method(&#spec); });
        inits.push(if param.required {
            quote!(#field: #field??)
        } else {
            quote!(#field: #field?)
        });
    }
    if let Some(body) = &op.body {
        let field = ident(body_field(op));
        let (ty, read) = if op.raw_body {
            let media_type = &body.body.media_type;
            (
                quote!(::openapi_forge_runtime::bytes::Bytes),
                quote!(input.raw(#media_type)),
            )
        } else {
            let required = body.required;
            match &body.body.encoding {
                BodyEncoding::Json => {
                    let ty = type_tokens(api, &body.body.ty, Scope::Sibling);
                    let method = if checkable(&body.body.ty) {
                        quote!(checked_json)
                    } else {
                        quote!(json)
                    };
                    (ty, quote!(input.#method(#required)))
                }
                BodyEncoding::FormUrlEncoded => (
                    type_tokens(api, &body.body.ty, Scope::Sibling),
                    quote!(input.form(#required)),
                ),
                BodyEncoding::Text => {
                    (quote!(::std::string::String), quote!(input.text(#required)))
                }
                BodyEncoding::Multipart(parts) => {
                    let ty = type_tokens(api, &body.body.ty, Scope::Sibling);
                    match multipart_parts(api, &body.body.ty, parts) {
                        Some(declared) => (
                            ty,
                            quote! {{
                                static PARTS: &[rt::Part] = &[#(#declared),*];
                                input.multipart(#required, PARTS)
                            }},
                        ),
                        // A multipart body that is not an object has no parts
                        // to name; the client sends it as one JSON part called
                        // `body`, read here as such.
                        None => (
                            ty,
                            quote! {{
                                static PARTS: &[rt::Part] =
                                    &[rt::Part::new("body", rt::PartKind::Json)];
                                input.multipart_value(#required, PARTS)
                            }},
                        ),
                    }
                }
                BodyEncoding::Binary => (
                    quote!(::openapi_forge_runtime::bytes::Bytes),
                    quote!(input.bytes(#required)),
                ),
            }
        };
        let required = body.required || op.raw_body;
        let ty = if required {
            ty
        } else {
            quote!(::std::option::Option<#ty>)
        };
        let text = match (&body.docs.title, &body.docs.description) {
            (_, Some(description)) => description.clone(),
            (Some(title), None) => title.clone(),
            (None, None) if op.raw_body => "The exact bytes of the request body.".to_owned(),
            (None, None) => "The request body.".to_owned(),
        };
        let docs = doc_attrs(&text);
        fields.push(quote! { #docs pub #field: #ty, });
        reads.push(quote! { let #field = #read; });
        inits.push(if required {
            quote!(#field: #field??)
        } else {
            quote!(#field: #field?)
        });
    }
    let input = if reads.is_empty() {
        quote!(_input)
    } else {
        quote!(input)
    };
    quote! {
        #docs
        #[derive(Debug, Clone)]
        #allow
        pub struct #name {
            #(#fields)*
        }

        #allow
        impl #name {
            /// Reads the inputs, recording every problem; `None` when any.
            fn extract(#input: &mut rt::Input) -> ::std::option::Option<Self> {
                #(#reads)*
                Some(Self { #(#inits),* })
            }
        }
    }
}

/// The runtime's description of each property of a multipart body struct;
/// `None` when the body is not a struct.
fn multipart_parts(api: &Api, ty: &TypeExpr, parts: &[MultipartPart]) -> Option<Vec<TokenStream>> {
    let TypeExpr::Named(id) = ty else {
        return None;
    };
    let Some(TypeKind::Struct(strukt)) = api.types.get(id.0).map(|def| &def.kind) else {
        return None;
    };
    let declared = strukt.fields.iter().enumerate().map(|(index, field)| {
        let content_type = parts
            .iter()
            .find(|part| part.field == index)
            .and_then(|part| part.content_type.as_deref());
        let (item, array) = match strip_nullable(&field.ty) {
            TypeExpr::Array(item) => (strip_nullable(item), true),
            other => (other, false),
        };
        let kind = match part_kind(api, item, content_type) {
            PartKind::File => quote!(File),
            PartKind::Json => quote!(Json),
            PartKind::Text if text_like(api, item) => quote!(Text),
            PartKind::Text => quote!(Scalar),
        };
        let name = &field.wire_name;
        let array = array.then(|| quote!(.array()));
        let required = field.required.then(|| quote!(.required()));
        quote!(rt::Part::new(#name, rt::PartKind::#kind) #array #required)
    });
    Some(declared.collect())
}

fn strip_nullable(ty: &TypeExpr) -> &TypeExpr {
    match ty {
        TypeExpr::Nullable(inner) | TypeExpr::Boxed(inner) => strip_nullable(inner),
        other => other,
    }
}

/// Whether a text part's value is a JSON string (rather than a number or a
/// boolean written as text).
fn text_like(api: &Api, ty: &TypeExpr) -> bool {
    match ty {
        TypeExpr::Integer(_) | TypeExpr::Number(_) | TypeExpr::Boolean => false,
        TypeExpr::Named(id) => match api.types.get(id.0).map(|def| &def.kind) {
            Some(TypeKind::IntEnum(_)) => false,
            Some(TypeKind::Newtype(newtype)) => text_like(api, &newtype.inner),
            _ => true,
        },
        _ => true,
    }
}

/// The body's field name: `body`, unless a parameter already took it.
pub(super) fn body_field(op: &Operation) -> &'static str {
    if op.params.iter().any(|param| param.name == "body") {
        "request_body"
    } else {
        "body"
    }
}

fn param_docs(param: &Parameter) -> TokenStream {
    let place = match param.location {
        ParamLocation::Path => "path parameter",
        ParamLocation::Query => "query parameter",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    };
    let wire = format!("The `{}` {place}.", param.wire_name.replace('`', "'"));
    let text = match (&param.docs.title, &param.docs.description) {
        (_, Some(description)) => format!("{}\n\n{wire}", description.trim()),
        (Some(title), None) => format!("{}\n\n{wire}", title.trim()),
        (None, None) => wire,
    };
    doc_attrs(&text)
}

/// Whether the type holds a named type, whose `Validate` impl the models
/// emit (enum values, nested rules).
fn checkable(ty: &TypeExpr) -> bool {
    match ty {
        TypeExpr::Named(_) => true,
        TypeExpr::Boxed(inner)
        | TypeExpr::Nullable(inner)
        | TypeExpr::Array(inner)
        | TypeExpr::Map(inner) => checkable(inner),
        _ => false,
    }
}

/// `rt::Param::query("limit").rules(...)` for one parameter.
fn param_spec(api: &Api, param: &Parameter) -> TokenStream {
    let wire = &param.wire_name;
    let mut spec = match param.location {
        ParamLocation::Path => quote!(rt::Param::path(#wire)),
        ParamLocation::Query => quote!(rt::Param::query(#wire)),
        ParamLocation::Header => quote!(rt::Param::header(#wire)),
        ParamLocation::Cookie => quote!(rt::Param::cookie(#wire)),
    };
    if param.required && param.location != ParamLocation::Path {
        spec.extend(quote!(.required()));
    }
    let (default_style, default_explode) = match param.location {
        ParamLocation::Query | ParamLocation::Cookie => (ParamStyle::Form, true),
        ParamLocation::Path | ParamLocation::Header => (ParamStyle::Simple, false),
    };
    let default_explode = if param.style == default_style {
        default_explode
    } else {
        param.style == ParamStyle::Form
    };
    if param.style != default_style || param.explode != default_explode {
        let style = match param.style {
            ParamStyle::Simple => quote!(Simple),
            ParamStyle::Form => quote!(Form),
            ParamStyle::Matrix => quote!(Matrix),
            ParamStyle::Label => quote!(Label),
            ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
            ParamStyle::PipeDelimited => quote!(PipeDelimited),
            ParamStyle::DeepObject => quote!(DeepObject),
        };
        let explode = param.explode;
        spec.extend(quote!(.style(rt::Style::#style, #explode)));
    }
    match shape(api, &param.ty) {
        Shape::Scalar => {}
        Shape::Array => spec.extend(quote!(.shape(rt::Shape::Array))),
        Shape::Object => spec.extend(quote!(.shape(rt::Shape::Object))),
    }
    if !param.constraints.is_empty() {
        let rules = rules_tokens(&param.constraints);
        spec.extend(quote!(.rules(#rules)));
    }
    spec
}

enum Shape {
    Scalar,
    Array,
    Object,
}

fn shape(api: &Api, ty: &TypeExpr) -> Shape {
    match ty {
        TypeExpr::Boxed(inner) | TypeExpr::Nullable(inner) => shape(api, inner),
        TypeExpr::Array(_) => Shape::Array,
        TypeExpr::Map(_) => Shape::Object,
        TypeExpr::Named(id) => match &api.ty(*id).kind {
            TypeKind::Struct(_) => Shape::Object,
            TypeKind::Newtype(newtype) => shape(api, &newtype.inner),
            _ => Shape::Scalar,
        },
        _ => Shape::Scalar,
    }
}
