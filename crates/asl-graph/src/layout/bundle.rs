//! Which edges share a trunk (a [`Bundle`](super::lgraph::Bundle)): forward edges of one
//! kind into one node, when the topmost still has layers to cross after its own way (the
//! layer of its label) ends; members whose way ends right above the target join where
//! the trunk enters it. Catchers are the case that matters: a handler that many states
//! catch into sits below all of them, and one trunk of dummies instead of one chain per
//! catcher turns a quadratic number of dummies into a linear one, and many parallel
//! dashed tracks into one line.

use super::lgraph::LGraph;
use crate::graph::EdgeKind;

/// Edges of one class may share a trunk. Only catchers do: transitions of the main path
/// (Next, rules, Default) are few per target and read better as their own lines, and End
/// edges already meet at the End pill.
fn class(kind: EdgeKind) -> Option<u8> {
    match kind {
        EdgeKind::Catch(_) => Some(0),
        _ => None,
    }
}

/// The layer where an edge's own way ends and it joins a trunk: right below its source,
/// or below its label (which rides in the layer under the source).
pub fn join_layer(g: &LGraph, e: usize) -> usize {
    let edge = &g.edges[e];
    g.nodes[edge.from].layer + 1 + usize::from(edge.label.is_some())
}

/// Groups of at least two edges that may share a trunk, each sorted by join layer (then
/// edge index), the groups in order of target and class: deterministic.
pub fn candidates(g: &LGraph) -> Vec<Vec<usize>> {
    // One sort of (target, class, join layer, edge) instead of a map of lists: most
    // machines have few catchers, and this runs on every edit.
    let mut keyed: Vec<(usize, u8, usize, usize)> = Vec::new();
    for (i, e) in g.edges.iter().enumerate() {
        if e.self_loop || e.reversed {
            continue;
        }
        // A member whose way ends in the target's layer joins where the trunk enters.
        if let Some(class) = class(e.kind) {
            keyed.push((e.to, class, join_layer(g, i), i));
        }
    }
    keyed.sort_unstable();
    keyed
        .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .filter(|members| {
            // A trunk needs a layer to cross, and a second member to share it.
            members.len() > 1 && members[0].2 < g.nodes[members[0].0].layer
        })
        .map(|members| members.iter().map(|m| m.3).collect())
        .collect()
}
