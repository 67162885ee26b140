//! One client method per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::decode;
use super::tokens::{argument_type, strip_nullable, uses_deprecated};
use crate::emit::{doc_attrs, ident};
use crate::model::{
    Api, BodyEncoding, Method, MultipartPart, Operation, ParamLocation, ParamStyle, Parameter,
    PathPart, RequestBody, TypeExpr, TypeKind,
};

/// Clippy's default limit on function arguments, `self` included.
const CLIPPY_ARGUMENT_LIMIT: usize = 7;

/// The async method for `op`.
pub(super) fn method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.fn_name);
    let ordered = ordered_params(op);
    let body_name = body_name(op);
    let mut arguments: Vec<TokenStream> = ordered
        .iter()
        .map(|param| {
            let name = ident(&param.name);
            let ty = param_type(api, param);
            quote!(#name: #ty)
        })
        .collect();
    if let Some(body) = &op.body {
        let ty = body_type(api, body);
        arguments.push(quote!(#body_name: #ty));
    }
    let too_many = (arguments.len() + 1 > CLIPPY_ARGUMENT_LIMIT)
        .then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let allow_deprecated = touches_deprecated(api, op).then(|| quote!(#[allow(deprecated)]));
    let docs = method_docs(op, &ordered);
    let constant = operation_constant(api, op);
    let path_calls = path_calls(op);
    let param_calls = ordered
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .map(|p| {
            let name = &p.wire_name;
            let value = ident(&p.name);
            let runtime = quote!(runtime);
            match p.location {
                ParamLocation::Query => {
                    let style = style_tokens(p.style);
                    let explode = p.explode;
                    quote!(.query(#name, &#value, #runtime::Style::#style, #explode))
                }
                ParamLocation::Header => quote!(.header(#name, &#value)),
                ParamLocation::Cookie => quote!(.cookie(#name, &#value)),
                ParamLocation::Path => quote!(),
            }
        });
    let body_call = op
        .body
        .as_ref()
        .map(|body| body_call(api, body, &body_name));
    let success = ident(&op.success_type);
    let error = ident(&op.error_type);
    let decode = decode::responses(op);
    quote! {
        #docs
        #deprecated
        #allow_deprecated
        #too_many
        pub async fn #name(&self, #(#arguments),*) -> Result<
            super::models::#success,
            runtime::Error<super::models::#error>,
        > {
            #constant
            let response = self
                .core
                .request(&OPERATION)
                #(#path_calls)*
                #(#param_calls)*
                #body_call
                .send()
                .await?;
            #decode
        }
    }
}

/// Path parameters in path order, then required, then optional ones.
fn ordered_params(op: &Operation) -> Vec<&Parameter> {
    let mut path: Vec<&Parameter> = op
        .segments
        .iter()
        .filter_map(|part| match part {
            PathPart::Param(index) => op.params.get(*index),
            PathPart::Literal(_) => None,
        })
        .collect();
    for param in op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
    {
        if !path.iter().any(|seen| std::ptr::eq(*seen, param)) {
            path.push(param);
        }
    }
    let others = op
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path);
    let required = others.clone().filter(|p| is_required(p));
    let optional = others.filter(|p| !is_required(p));
    path.into_iter().chain(required).chain(optional).collect()
}

/// Whether the argument is a plain value rather than an `Option`.
fn is_required(param: &Parameter) -> bool {
    let (_, nullable) = strip_nullable(&param.ty);
    (param.required || param.location == ParamLocation::Path) && !nullable
}

fn param_type(api: &Api, param: &Parameter) -> TokenStream {
    let (ty, _) = strip_nullable(&param.ty);
    let ty = argument_type(api, ty, false);
    if is_required(param) {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

/// `body`, unless a parameter already has that name.
fn body_name(op: &Operation) -> proc_macro2::Ident {
    let taken = |name: &str| op.params.iter().any(|p| p.name == name);
    let name = ["body", "request_body", "body_"]
        .into_iter()
        .find(|n| !taken(n))
        .unwrap_or("body__");
    ident(name)
}

fn body_type(api: &Api, body: &RequestBody) -> TokenStream {
    let (ty, nullable) = strip_nullable(&body.body.ty);
    // Binary and text bodies take the types `models::body_type` gives them.
    let ty = match &body.body.encoding {
        BodyEncoding::Binary => quote! {
            impl ::std::convert::Into<::openapi_forge_runtime::bytes::Bytes>
        },
        BodyEncoding::Text => quote!(&str),
        _ => argument_type(api, ty, true),
    };
    if body.required && !nullable {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

fn body_call(api: &Api, body: &RequestBody, name: &proc_macro2::Ident) -> TokenStream {
    let media = &body.body.media_type;
    let (ty, nullable) = strip_nullable(&body.body.ty);
    let call = match (&body.body.encoding, ty) {
        (BodyEncoding::Json, _) => quote!(json(#media, #name)),
        (BodyEncoding::FormUrlEncoded, _) => quote!(form(#name)),
        (BodyEncoding::Binary, _) => quote!(binary(#media, #name)),
        (BodyEncoding::Text, _) => quote!(text(#media, #name)),
        (BodyEncoding::Multipart(parts), _) => {
            let form = multipart(api, ty, parts, name);
            quote!(multipart(#form))
        }
    };
    if body.required && !nullable {
        quote!(.#call)
    } else {
        quote!(.maybe(#name, |request, #name| request.#call))
    }
}

/// The runtime `Multipart` for a body of type `ty`: one call per property.
fn multipart(
    api: &Api,
    ty: &TypeExpr,
    parts: &[MultipartPart],
    name: &proc_macro2::Ident,
) -> TokenStream {
    let runtime = quote!(runtime);
    let fields = match ty {
        TypeExpr::Named(id) => match api.types.get(id.0).map(|def| &def.kind) {
            Some(TypeKind::Struct(fields)) => Some(&fields.fields),
            _ => None,
        },
        _ => None,
    };
    let Some(fields) = fields else {
        // A multipart body that is not an object has no parts to name; it
        // travels as one JSON part called `body`.
        return quote!(#runtime::Multipart::new().json("body", #name, None));
    };
    let calls = fields.iter().enumerate().map(|(index, field)| {
        let content_type = parts
            .iter()
            .find(|part| part.field == index)
            .and_then(|part| part.content_type.as_deref());
        let wire = &field.wire_name;
        let member = ident(&field.name);
        let value = quote!(&#name.#member);
        let content_type_tokens = match content_type {
            Some(ct) => quote!(Some(#ct)),
            None => quote!(None),
        };
        match part_kind(api, &field.ty, content_type) {
            PartKind::File => quote!(.file(#wire, #value, #content_type_tokens)),
            PartKind::Json => quote!(.json(#wire, #value, #content_type_tokens)),
            PartKind::Text => quote!(.text(#wire, #value)),
        }
    });
    quote!(#runtime::Multipart::new() #(#calls)*)
}

/// How one multipart property travels; the server reads what the client writes.
pub(crate) enum PartKind {
    File,
    Json,
    Text,
}

/// Binary values are files; objects, maps and unions (or anything the
/// spec's `encoding` declares JSON) are JSON parts; the rest is text.
pub(crate) fn part_kind(api: &Api, ty: &TypeExpr, content_type: Option<&str>) -> PartKind {
    let declared_json = content_type.is_some_and(|ct| {
        let ct = ct.trim().to_ascii_lowercase();
        ct.starts_with("application/json") || ct.contains("+json")
    });
    match ty {
        TypeExpr::Binary => PartKind::File,
        TypeExpr::Boxed(inner) | TypeExpr::Nullable(inner) | TypeExpr::Array(inner) => {
            match part_kind(api, inner, content_type) {
                PartKind::Text if declared_json => PartKind::Json,
                kind => kind,
            }
        }
        _ if declared_json => PartKind::Json,
        TypeExpr::Map(_) | TypeExpr::Any => PartKind::Json,
        TypeExpr::Named(id) => match api.types.get(id.0).map(|def| &def.kind) {
            Some(TypeKind::StringEnum(_) | TypeKind::IntEnum(_)) => PartKind::Text,
            Some(TypeKind::Newtype(newtype)) => part_kind(api, &newtype.inner, content_type),
            _ => PartKind::Json,
        },
        _ => PartKind::Text,
    }
}

fn path_calls(op: &Operation) -> Vec<TokenStream> {
    op.segments
        .iter()
        .filter_map(|part| match part {
            PathPart::Literal(text) => Some(quote!(.path(#text))),
            PathPart::Param(index) => {
                let param = op.params.get(*index)?;
                let value = ident(&param.name);
                if param.style == ParamStyle::Simple && !param.explode {
                    Some(quote!(.path_param(&#value)))
                } else {
                    let wire = &param.wire_name;
                    let style = style_tokens(param.style);
                    let explode = param.explode;
                    Some(quote! {
                        .path_param_styled(
                            #wire,
                            &#value,
                            runtime::Style::#style,
                            #explode,
                        )
                    })
                }
            }
        })
        .collect()
}

fn style_tokens(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::Simple => quote!(Simple),
        ParamStyle::Form => quote!(Form),
        ParamStyle::Matrix => quote!(Matrix),
        ParamStyle::Label => quote!(Label),
        ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(PipeDelimited),
        ParamStyle::DeepObject => quote!(DeepObject),
    }
}

fn operation_constant(api: &Api, op: &Operation) -> TokenStream {
    let id = &op.id;
    let method = match op.method {
        Method::Get => quote!(Get),
        Method::Put => quote!(Put),
        Method::Post => quote!(Post),
        Method::Delete => quote!(Delete),
        Method::Options => quote!(Options),
        Method::Head => quote!(Head),
        Method::Patch => quote!(Patch),
        Method::Trace => quote!(Trace),
    };
    let path = &op.path;
    let versioned = op.versioned;
    let alternatives = op.security.iter().map(|alternative| {
        let names = alternative
            .iter()
            .filter_map(|id| api.security_schemes.get(id.0))
            .map(|scheme| scheme.name.as_str());
        quote!(&[#(#names),*])
    });
    quote! {
        const OPERATION: runtime::Operation =
            runtime::Operation {
                id: #id,
                method: runtime::Method::#method,
                path: #path,
                versioned: #versioned,
                security: &[#(#alternatives),*],
            };
    }
}

/// Whether the method names a deprecated type or field, which needs a
/// targeted `allow(deprecated)` to stay warning-free.
fn touches_deprecated(api: &Api, op: &Operation) -> bool {
    let params = op.params.iter().any(|p| uses_deprecated(api, &p.ty));
    let body = op.body.as_ref().is_some_and(|body| {
        uses_deprecated(api, &body.body.ty)
            || match (&body.body.encoding, strip_nullable(&body.body.ty).0) {
                (BodyEncoding::Multipart(_), TypeExpr::Named(id)) => {
                    match api.types.get(id.0).map(|def| &def.kind) {
                        Some(TypeKind::Struct(fields)) => fields
                            .fields
                            .iter()
                            .any(|f| f.deprecated || uses_deprecated(api, &f.ty)),
                        _ => false,
                    }
                }
                _ => false,
            }
    });
    let responses = op.responses.iter().any(|response| {
        response
            .body
            .as_ref()
            .is_some_and(|body| uses_deprecated(api, &body.ty))
            || response.headers.iter().any(|h| uses_deprecated(api, &h.ty))
    });
    op.deprecated || params || body || responses
}

fn method_docs(op: &Operation, params: &[&Parameter]) -> TokenStream {
    let mut text = String::new();
    match &op.summary {
        Some(summary) => text.push_str(summary.trim()),
        None => text.push_str(&format!("Calls the `{}` operation.", op.id)),
    }
    if let Some(note) = crate::emit::renamed_operation_note(op) {
        text.push_str("\n\n");
        text.push_str(&note);
    }
    if let Some(description) = &op.description {
        text.push_str("\n\n");
        text.push_str(description.trim());
    }
    text.push_str(&format!("\n\n`{} {}`", op.method.as_str(), op.path));
    if op.id_derived {
        text.push_str(
            "\n\nThe spec gives this operation no `operationId`; its name is derived from \
             the method and the path.",
        );
    }
    if let Some(reason) = &op.provisional {
        text.push_str("\n\n**Provisional:** this operation may change or go away");
        if reason.trim().is_empty() {
            text.push('.');
        } else {
            text.push_str(&format!(": {}", reason.trim()));
        }
    }
    let documented: Vec<String> = params
        .iter()
        .filter_map(|param| {
            let docs = param
                .docs
                .description
                .as_deref()
                .or(param.docs.title.as_deref())?;
            let text = docs.split_whitespace().collect::<Vec<_>>().join(" ");
            Some(format!(
                "- `{}`: {text}",
                param.name.trim_start_matches("r#")
            ))
        })
        .collect();
    if !documented.is_empty() {
        text.push_str("\n\n# Parameters\n\n");
        text.push_str(&documented.join("\n"));
    }
    doc_attrs(&text)
}
