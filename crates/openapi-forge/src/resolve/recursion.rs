//! Breaking recursive types with boxes.
//!
//! A struct field, union variant or newtype that names a type directly (not
//! through an array or a map, which already allocate) embeds it; a cycle of
//! such embeddings has no finite size. Every direct reference between two
//! types of the same strongly connected component lies on such a cycle and
//! is boxed; references that leave the component are left alone.

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
