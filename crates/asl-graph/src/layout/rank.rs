//! Phase 2, assign layers: longest path from the sources over the acyclic orientation,
//! honouring each edge's least length (labelled edges span two layers so their label
//! gets a layer of its own). Then two adjustments a flowchart wants:
//! - a node with more edges out than in (an unreachable state, a side entry) moves down
//!   next to its successors instead of hanging at the top;
//! - End goes below everything else, Start stays at the top.

use super::lgraph::LGraph;

pub fn run(g: &mut LGraph) {
    let n = g.real;
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for e in g.edges.iter().filter(|e| !e.self_loop) {
        let (a, b) = e.oriented();
        out[a].push((b, e.minlen));
        indeg[b] += 1;
    }

    // Kahn's algorithm, FIFO in index order: deterministic.
    let mut order = Vec::with_capacity(n);
    let mut remaining = indeg.clone();
    let mut queue: std::collections::VecDeque<usize> = (0..n).filter(|&v| remaining[v] == 0).collect();
    while let Some(v) = queue.pop_front() {
        order.push(v);
        for &(w, _) in &out[v] {
            remaining[w] -= 1;
            if remaining[w] == 0 {
                queue.push_back(w);
            }
        }
    }
    // Phase 1 made the orientation acyclic, so every node was ordered.
    debug_assert_eq!(order.len(), n);

    let mut rank = vec![0usize; n];
    for &v in &order {
        for &(w, len) in &out[v] {
            rank[w] = rank[w].max(rank[v] + len);
        }
    }

    // Sinks first, so a moved node's successors are already final.
    for &v in order.iter().rev() {
        if v == g.start || out[v].is_empty() || indeg[v] >= out[v].len() {
            continue;
        }
        let lowest = out[v].iter().map(|&(w, len)| rank[w].saturating_sub(len)).min().unwrap_or(rank[v]);
        rank[v] = rank[v].max(lowest);
    }

    let deepest = (0..n).filter(|&v| v != g.end).map(|v| rank[v]).max().unwrap_or(0);
    rank[g.end] = deepest + 1;
    let top = rank.iter().copied().min().unwrap_or(0);
    for (node, r) in g.nodes.iter_mut().zip(&rank) {
        node.layer = r - top;
    }
}
