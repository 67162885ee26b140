//! `impl Validate` for every named type.
//!
//! Each impl checks the constraints of the type's own fields with the
//! runtime's `check` and a `Rules` table, and recurses with `Validate` into
//! every field, item and map value that holds a named type. String and
//! integer enums get theirs from the runtime macros in `enums`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::structs::{additional_field_name, struct_uses_deprecated};
use super::unions::union_uses_deprecated;
use super::{allow_deprecated, contains_named, names_deprecated, rt};
use crate::emit::ident;
use crate::model::{Api, Constraints, TypeDef, TypeExpr, TypeKind};

/// The impl for `def`, or nothing for enums (the runtime macros give them
/// theirs).
pub(super) fn emit(api: &Api, def: &TypeDef, name: &Ident) -> TokenStream {
    let rt = rt();
    let (checks, uses_deprecated) = match &def.kind {
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => return TokenStream::new(),
        TypeKind::Struct(strukt) => {
            let mut checks: Vec<TokenStream> = Vec::new();
            for field in &strukt.fields {
                let member = ident(&field.name);
                let wire = &field.wire_name;
                let value = quote!(&self.#member);
                let path = quote!(&path.field(#wire));
                checks.extend(checks_for(&field.ty, &field.constraints, &value, &path));
            }
            if let Some(ty) = &strukt.additional {
                if contains_named(ty) {
                    let member = ident(&additional_field_name(strukt));
                    checks.push(quote!(#rt::Validate::validate(&self.#member, path, violations);));
                }
            }
            (checks, struct_uses_deprecated(api, def, strukt))
        }
        TypeKind::Newtype(newtype) => {
            let checks = checks_for(
                &newtype.inner,
                &newtype.constraints,
                &quote!(&self.0),
                &quote!(path),
            );
            (
                checks,
                def.deprecated || names_deprecated(api, &newtype.inner),
            )
        }
        TypeKind::Union(union) => {
            let arms: Vec<TokenStream> = union
                .variants
                .iter()
                .map(|variant| {
                    let name = ident(&variant.name);
                    if contains_named(&variant.ty) {
                        let call = quote!(#rt::Validate::validate(value, path, violations));
                        quote!(Self::#name(value) => #call,)
                    } else {
                        quote!(Self::#name(_) => {})
                    }
                })
                .collect();
            let checks = if union
                .variants
                .iter()
                .any(|variant| contains_named(&variant.ty))
            {
                vec![quote!(match self { #(#arms)* })]
            } else {
                Vec::new()
            };
            (checks, union_uses_deprecated(api, def, union))
        }
    };
    let allow = allow_deprecated(uses_deprecated);
    if checks.is_empty() {
        return quote!(#allow impl #rt::Validate for #name {});
    }
    quote! {
        #allow
        impl #rt::Validate for #name {
            fn validate(
                &self,
                path: &#rt::models::Path<'_>,
                violations: &mut #rt::Violations,
            ) {
                #(#checks)*
            }
        }
    }
}

/// The statements that validate one value of type `ty` with `constraints`:
/// a rules check when the value's kind has rules to check, and recursion
/// when it holds named types.
fn checks_for(
    ty: &TypeExpr,
    constraints: &Constraints,
    value: &TokenStream,
    path: &TokenStream,
) -> Vec<TokenStream> {
    let rt = rt();
    let mut checks = Vec::new();
    if !constraints.is_empty() && checkable(ty) {
        let rules = rules_tokens(constraints);
        checks.push(quote!(#rt::models::check(#value, &#rules, #path, violations);));
    }
    if contains_named(ty) {
        checks.push(quote!(#rt::Validate::validate(#value, #path, violations);));
    }
    checks
}

/// Whether the runtime can check rules on the Rust type of `expr`. Named
/// types check their own rules; dates, UUIDs and bytes have no rules that
/// the runtime checks (their format is checked by serde).
///
/// Known shortcoming: rules written on a property next to a `$ref` (through
/// `allOf`) are not checked, since the named type only checks its own.
pub fn checkable(expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::String
        | TypeExpr::Integer(_)
        | TypeExpr::Number(_)
        | TypeExpr::Array(_)
        | TypeExpr::Map(_)
        | TypeExpr::Any => true,
        TypeExpr::Nullable(inner) | TypeExpr::Boxed(inner) => checkable(inner),
        TypeExpr::Named(_)
        | TypeExpr::DateTime
        | TypeExpr::Date
        | TypeExpr::Uuid
        | TypeExpr::Base64
        | TypeExpr::Binary
        | TypeExpr::Boolean => false,
    }
}

/// A `Rules { .., ..Rules::NONE }` expression with the set constraints.
///
/// Known shortcoming: a bound that happens to be close to a mathematical
/// constant (`3.14`) is written as a literal, which clippy's
/// `approx_constant` lint flags in the generated crate.
pub fn rules_tokens(constraints: &Constraints) -> TokenStream {
    let rt = rt();
    let mut fields: Vec<TokenStream> = Vec::new();
    let mut count = |name: &str, value: Option<u64>| {
        if let Some(value) = value {
            let name = ident(name);
            let value = proc_macro2::Literal::u64_unsuffixed(value);
            fields.push(quote!(#name: ::std::option::Option::Some(#value)));
        }
    };
    count("min_length", constraints.min_length);
    count("max_length", constraints.max_length);
    count("min_items", constraints.min_items);
    count("max_items", constraints.max_items);
    count("min_properties", constraints.min_properties);
    count("max_properties", constraints.max_properties);
    if let Some(pattern) = &constraints.pattern {
        fields.push(quote!(pattern: ::std::option::Option::Some(#pattern)));
    }
    for (name, bound) in [
        ("minimum", constraints.minimum),
        ("maximum", constraints.maximum),
    ] {
        if let Some(bound) = bound.filter(|b| b.is_finite()) {
            let name = ident(name);
            let magnitude = proc_macro2::Literal::f64_unsuffixed(bound.abs());
            let literal = if bound < 0.0 {
                quote!(-#magnitude)
            } else {
                quote!(#magnitude)
            };
            fields.push(quote!(#name: ::std::option::Option::Some(#literal)));
        }
    }
    if constraints.exclusive_minimum {
        fields.push(quote!(exclusive_minimum: true));
    }
    if constraints.exclusive_maximum {
        fields.push(quote!(exclusive_maximum: true));
    }
    if constraints.unique_items {
        fields.push(quote!(unique_items: true));
    }
    quote!(#rt::models::Rules { #(#fields,)* ..#rt::models::Rules::NONE })
}
