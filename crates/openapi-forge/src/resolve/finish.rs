//! The last step: names for every type, boxes for cycles, types sorted by
//! name, and the shared error format.
//!
//! Type names are claimed in a fixed order so that the outcome is stable:
//! component schemas of the root document first (in key order), then the
//! per-operation types (by operation), then everything else in the order
//! the walk met it. A claimant whose names are all taken gets a number.

use std::collections::BTreeMap;

use super::operations::OperationTypes;
use super::{recursion, Ctx, Priority};
use crate::load::{pointer, Location};
use crate::model::{ErrorFormat, Operation, StatusMatch, TypeDef, TypeExpr, TypeId, TypeKind};
use crate::naming::Namespace;

pub fn finish(
    ctx: &mut Ctx,
    operations: Vec<(Operation, OperationTypes)>,
) -> (Vec<TypeDef>, Vec<Operation>, Option<ErrorFormat>) {
    for (id, message) in recursion::cut_endless_cycles(&mut ctx.types) {
        if let Some(location) = type_location(ctx, id) {
            ctx.warn(&location, message);
        }
    }
    recursion::break_cycles(&mut ctx.types);

    enum Claim {
        Type(usize),
        Operation(usize),
    }
    let mut claims: Vec<(Priority, usize, Claim)> = Vec::new();
    for (index, pending) in ctx.types.iter().enumerate() {
        claims.push((pending.priority, index, Claim::Type(index)));
    }
    for index in 0..operations.len() {
        claims.push((Priority::Operation, index, Claim::Operation(index)));
    }
    claims.sort_by_key(|(priority, seq, _)| (*priority, *seq));

    let mut space = Namespace::default();
    // Root component schemas by the name they claimed, to tell which one
    // holds a name another had to leave.
    let mut components: BTreeMap<String, String> = BTreeMap::new();
    let mut renames: Vec<(usize, String)> = Vec::new();
    let mut operations = operations;
    for (_, _, claim) in claims {
        match claim {
            Claim::Type(index) => {
                if let Some(pending) = ctx.types.get_mut(index) {
                    let name = space.claim_first_camel(&pending.candidates);
                    pending.def.name = name.clone();
                    if pending.priority != Priority::RootComponent {
                        continue;
                    }
                    let key = pointer::last_token(&pending.def.origin.pointer).unwrap_or_default();
                    let wanted = pending.candidates.first().cloned().unwrap_or_default();
                    if name != wanted {
                        let holder = match components.get(&wanted) {
                            Some(holder) => format!("the schema `{holder}`"),
                            None => "another type".to_string(),
                        };
                        let message = format!(
                            "the schema `{key}` is named `{name}` in Rust: {holder} converts to \
                             the same name and keeps `{wanted}`"
                        );
                        renames.push((index, message));
                    }
                    components.insert(name, key);
                }
            }
            Claim::Operation(index) => {
                if let Some((op, names)) = operations.get_mut(index) {
                    op.success_type = space.claim_first_camel(&names.success);
                    op.error_type = space.claim_first_camel(&names.error);
                    op.request_type = space.claim_first_camel(&names.request);
                }
            }
        }
    }

    for (index, message) in renames {
        if let Some(location) = type_location(ctx, index) {
            ctx.warn(&location, message);
        }
    }

    let mut order: Vec<usize> = (0..ctx.types.len()).collect();
    order.sort_by(|a, b| ctx.type_name(*a).cmp(ctx.type_name(*b)));
    let mut new_id = vec![0; ctx.types.len()];
    for (new, old) in order.iter().enumerate() {
        if let Some(slot) = new_id.get_mut(*old) {
            *slot = new;
        }
    }
    let pending = std::mem::take(&mut ctx.types);
    let mut slots: Vec<Option<TypeDef>> = pending.into_iter().map(|p| Some(p.def)).collect();
    let mut types: Vec<TypeDef> = order
        .iter()
        .filter_map(|old| slots.get_mut(*old).and_then(Option::take))
        .collect();
    for def in &mut types {
        remap_kind(&mut def.kind, &new_id);
    }
    let mut operations: Vec<Operation> = operations.into_iter().map(|(op, _)| op).collect();
    for op in &mut operations {
        remap_operation(op, &new_id);
    }
    let error_format = error_format(&types, &operations);
    (types, operations, error_format)
}

/// Where a provisional type was defined.
fn type_location(ctx: &Ctx, id: usize) -> Option<Location> {
    let origin = &ctx.types.get(id)?.def.origin;
    let doc = (0..ctx.docs.documents.len()).find(|&doc| ctx.docs.display(doc) == origin.file)?;
    Some(Location {
        doc,
        pointer: origin.pointer.clone(),
    })
}

fn remap(expr: &mut TypeExpr, new_id: &[usize]) {
    match expr {
        TypeExpr::Named(id) => {
            id.0 = new_id.get(id.0).copied().unwrap_or_default();
        }
        TypeExpr::Boxed(inner)
        | TypeExpr::Nullable(inner)
        | TypeExpr::Array(inner)
        | TypeExpr::Map(inner) => remap(inner, new_id),
        _ => {}
    }
}

fn remap_kind(kind: &mut TypeKind, new_id: &[usize]) {
    match kind {
        TypeKind::Struct(s) => {
            s.fields.iter_mut().for_each(|f| remap(&mut f.ty, new_id));
            if let Some(additional) = &mut s.additional {
                remap(additional, new_id);
            }
        }
        TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| remap(&mut v.ty, new_id)),
        TypeKind::Newtype(n) => remap(&mut n.inner, new_id),
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => {}
    }
}

fn remap_operation(op: &mut Operation, new_id: &[usize]) {
    op.params.iter_mut().for_each(|p| remap(&mut p.ty, new_id));
    if let Some(body) = &mut op.body {
        remap(&mut body.body.ty, new_id);
    }
    for response in &mut op.responses {
        if let Some(body) = &mut response.body {
            remap(&mut body.ty, new_id);
        }
        response
            .headers
            .iter_mut()
            .for_each(|h| remap(&mut h.ty, new_id));
    }
}

/// The error body most used by 4XX/5XX responses that has a message field.
fn error_format(types: &[TypeDef], operations: &[Operation]) -> Option<ErrorFormat> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for op in operations {
        for response in &op.responses {
            let error_status = match response.status {
                StatusMatch::Code(code) => (400..600).contains(&code),
                StatusMatch::Range(digit) => digit == 4 || digit == 5,
                StatusMatch::Default => !response.success,
            };
            if !error_status {
                continue;
            }
            if let Some(TypeExpr::Named(id)) = response.body.as_ref().map(|b| &b.ty) {
                *counts.entry(id.0).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().find_map(|(id, _)| format_of(types, id))
}

fn format_of(types: &[TypeDef], id: usize) -> Option<ErrorFormat> {
    let TypeKind::Struct(s) = &types.get(id)?.kind else {
        return None;
    };
    let is_text = |f: &&crate::model::Field| f.ty == TypeExpr::String;
    let preferred = ["error", "message", "title", "detail"];
    let message = preferred
        .iter()
        .find_map(|name| {
            s.fields
                .iter()
                .filter(is_text)
                .find(|f| f.required && f.wire_name == *name)
        })
        .or_else(|| s.fields.iter().filter(is_text).find(|f| f.required))
        .or_else(|| {
            preferred.iter().find_map(|name| {
                s.fields
                    .iter()
                    .filter(is_text)
                    .find(|f| f.wire_name == *name)
            })
        })?;
    let details = ["details", "detail", "errors"]
        .iter()
        .find_map(|name| {
            s.fields
                .iter()
                .find(|f| f.wire_name == *name && f.wire_name != message.wire_name)
        })
        .map(|f| f.wire_name.clone());
    Some(ErrorFormat {
        ty: TypeId(id),
        message_field: message.wire_name.clone(),
        details_field: details,
    })
}
