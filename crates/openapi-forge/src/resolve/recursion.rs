//! Breaking recursive types with boxes.
//!
//! A struct field, union variant or newtype that names a type directly (not
//! through an array or a map, which already allocate) embeds it; a cycle of
//! such embeddings has no finite size. Every direct reference between two
//! types of the same strongly connected component lies on such a cycle and
//! is boxed; references that leave the component are left alone.
//!
//! Before that, cycles that no value can ever end are cut. Deserializing a
//! union tries its variants on the same value, and a newtype reads its inner
//! type from the same value, so a union or newtype that reaches itself
//! through unions and newtypes only (`U: oneOf: [$ref U, string]`) would
//! recurse forever on any input. Such variants are dropped, and such
//! newtypes become any JSON value, each with a warning.

use super::Pending;
use crate::model::{TypeExpr, TypeKind};

/// Types named directly by `expr` (through `Nullable`, not through arrays,
/// maps or existing boxes).
fn direct(expr: &TypeExpr, out: &mut Vec<usize>) {
    match expr {
        TypeExpr::Named(id) => out.push(id.0),
        TypeExpr::Nullable(inner) => direct(inner, out),
        _ => {}
    }
}

fn edges(kind: &TypeKind) -> Vec<usize> {
    let mut out = Vec::new();
    match kind {
        TypeKind::Struct(s) => s.fields.iter().for_each(|f| direct(&f.ty, &mut out)),
        TypeKind::Union(u) => u.variants.iter().for_each(|v| direct(&v.ty, &mut out)),
        TypeKind::Newtype(n) => direct(&n.inner, &mut out),
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => {}
    }
    out
}

/// Strongly connected components (Tarjan, iterative): a component index per
/// node.
fn components(graph: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = graph.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, next edge to look at)
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            let targets = graph.get(node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&target) = targets.get(*edge) {
                *edge += 1;
                if target >= n {
                    continue;
                }
                if index[target] == UNSEEN {
                    index[target] = next_index;
                    low[target] = next_index;
                    next_index += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(index[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

fn box_expr(expr: &mut TypeExpr, cyclic: &dyn Fn(usize) -> bool) {
    match expr {
        TypeExpr::Named(id) if cyclic(id.0) => {
            let named = TypeExpr::Named(*id);
            *expr = TypeExpr::Boxed(Box::new(named));
        }
        TypeExpr::Nullable(inner) => box_expr(inner, cyclic),
        _ => {}
    }
}

/// Edges that deserialization follows without consuming any input: from a
/// union to its variants and from a newtype to its inner type.
fn transparent_edges(kind: &TypeKind) -> Vec<usize> {
    match kind {
        TypeKind::Union(_) | TypeKind::Newtype(_) => edges(kind),
        TypeKind::Struct(_) | TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => Vec::new(),
    }
}

/// Whether each type lies on a cycle of `graph`.
fn on_cycle(graph: &[Vec<usize>]) -> Vec<bool> {
    let component = components(graph);
    let mut size = vec![0usize; graph.len()];
    for &c in &component {
        if let Some(slot) = size.get_mut(c) {
            *slot += 1;
        }
    }
    (0..graph.len())
        .map(|node| {
            let own = component.get(node).copied();
            let big = own.and_then(|c| size.get(c)).is_some_and(|&n| n > 1);
            big || graph
                .get(node)
                .is_some_and(|targets| targets.contains(&node))
        })
        .collect()
}

/// Drops the union variants that close a cycle of transparent edges: with
/// `backward_only`, only those leading to a type with a lower or equal index.
fn drop_variants(types: &mut [Pending], backward_only: bool, notes: &mut Vec<(usize, String)>) {
    let graph: Vec<Vec<usize>> = types
        .iter()
        .map(|t| transparent_edges(&t.def.kind))
        .collect();
    let component = components(&graph);
    let cyclic = on_cycle(&graph);
    for (node, pending) in types.iter_mut().enumerate() {
        if !cyclic.get(node).copied().unwrap_or(false) {
            continue;
        }
        let TypeKind::Union(union) = &mut pending.def.kind else {
            continue;
        };
        let own = component.get(node).copied();
        union.variants.retain(|variant| {
            let mut targets = Vec::new();
            direct(&variant.ty, &mut targets);
            let closes = targets.iter().any(|&target| {
                component.get(target).copied() == own && (!backward_only || target <= node)
            });
            if !closes {
                return true;
            }
            let message = if targets.contains(&node) {
                format!(
                    "the variant `{}` is the union itself, which no value could ever end; \
                     it is left out",
                    variant.name
                )
            } else {
                format!(
                    "the variant `{}` leads back to this union through unions and newtypes \
                     only (no object or array in between), which no value could ever end; \
                     it is left out",
                    variant.name
                )
            };
            notes.push((node, message));
            false
        });
    }
}

/// Cuts cycles through unions and newtypes only; returns, for each cut, the
/// type it was made in and a warning message.
///
/// Variants are dropped in two rounds: first only those leading to a type
/// created no later than the union (which leaves the rest of the component
/// acyclic while keeping as many variants as it can), then any variant still
/// on such a cycle (a cycle closed by a newtype).
pub fn cut_endless_cycles(types: &mut [Pending]) -> Vec<(usize, String)> {
    let mut notes = Vec::new();
    drop_variants(types, true, &mut notes);
    drop_variants(types, false, &mut notes);
    // The second round dropped every union variant on such a cycle, so what
    // remains cyclic is made of newtypes only.
    let graph: Vec<Vec<usize>> = types
        .iter()
        .map(|t| transparent_edges(&t.def.kind))
        .collect();
    let cyclic = on_cycle(&graph);
    for (node, pending) in types.iter_mut().enumerate() {
        let emptied = matches!(&pending.def.kind, TypeKind::Union(u) if u.variants.is_empty());
        let endless = cyclic.get(node).copied().unwrap_or(false);
        if emptied {
            let message = "every variant of this union leads back to it, so no value fits; \
                           typed as any JSON value";
            notes.push((node, message.to_string()));
        } else if endless && matches!(pending.def.kind, TypeKind::Newtype(_)) {
            let message = "this schema is only a reference back to itself, which no value could \
                           ever end; typed as any JSON value";
            notes.push((node, message.to_string()));
        } else {
            continue;
        }
        pending.def.kind = TypeKind::Newtype(crate::model::Newtype {
            inner: TypeExpr::Any,
            constraints: Default::default(),
        });
    }
    notes
}

/// Boxes every direct reference that closes a cycle.
pub fn break_cycles(types: &mut [Pending]) {
    let graph: Vec<Vec<usize>> = types.iter().map(|t| edges(&t.def.kind)).collect();
    let component = components(&graph);
    for (node, pending) in types.iter_mut().enumerate() {
        let own = component.get(node).copied();
        let cyclic = |target: usize| component.get(target).copied() == own;
        match &mut pending.def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter_mut()
                .for_each(|f| box_expr(&mut f.ty, &cyclic)),
            TypeKind::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|v| box_expr(&mut v.ty, &cyclic)),
            TypeKind::Newtype(n) => box_expr(&mut n.inner, &cyclic),
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_components() {
        // 0 -> 1 -> 0, 2 -> 2, 3 -> 0
        let graph = vec![vec![1], vec![0], vec![2], vec![0]];
        let c = components(&graph);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[0], c[2]);
        assert_ne!(c[3], c[0]);
    }
}
