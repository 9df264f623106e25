//! Phase 4, order within layers: a depth-first initial order (a state's successors in
//! document order, so Choice targets start out in rule order), then weighted barycenter
//! sweeps down and up, keeping the best order seen by crossing count. Constraints hold
//! after every sweep:
//! - the first hops of a Choice's edges (its label boxes) stay in rule order, Default
//!   last: they keep their sorted slots but are dealt into them in rule order;
//! - a back edge's dummy in an end's layer stays right after that end, so its channel
//!   hugs the state it loops to.
//!
//! Each sweep costs O(V + E) plus the sort of each layer; the number of sweeps is capped
//! by `order_sweeps` and by `sweep_budget`, so big scopes get fewer.

use super::crossings::bilayer_crossings;
use super::lgraph::LGraph;
use super::options::LayoutOptions;

pub fn run(g: &mut LGraph, opts: &LayoutOptions) {
    initial(g);
    g.index_positions();
    let groups = choice_groups(g);
    let mut anchored: Vec<Vec<usize>> = vec![Vec::new(); g.nodes.len()];
    for v in g.real..g.nodes.len() {
        if let Some(a) = g.nodes[v].anchor {
            anchored[a].push(v);
        }
    }

    let work = g.nodes.len() + g.nodes.iter().map(|n| n.down.len()).sum::<usize>() + 1;
    let sweeps = opts.order_sweeps.min((opts.sweep_budget / work).max(1));
    let mut best = g.layers.clone();
    let mut best_crossings = count(g);
    let mut stale = 0;
    for sweep in 0..sweeps {
        if best_crossings == 0 {
            break;
        }
        let down = sweep % 2 == 0;
        let layers: Vec<usize> = if down {
            (1..g.layers.len()).collect()
        } else {
            (0..g.layers.len().saturating_sub(1)).rev().collect()
        };
        for l in layers {
            sort_layer(g, l, down, &anchored, &groups[l]);
        }
        let c = count(g);
        if c < best_crossings {
            best_crossings = c;
            best.clone_from(&g.layers);
            stale = 0;
        } else {
            stale += 1;
            if stale >= 3 {
                break;
            }
        }
    }
    g.layers = best;
    g.index_positions();
}

/// Depth-first from Start along edges in document order; anchored dummies right after
/// their node; then whatever is left, in index order.
fn initial(g: &mut LGraph) {
    let mut anchored: Vec<Vec<usize>> = vec![Vec::new(); g.real];
    for v in g.real..g.nodes.len() {
        if let Some(a) = g.nodes[v].anchor {
            anchored[a].push(v);
        }
    }
    let mut seen = vec![false; g.nodes.len()];
    let mut stack = Vec::new();
    let roots: Vec<usize> = std::iter::once(g.start).chain(0..g.nodes.len()).collect();
    for root in roots {
        stack.push(root);
        while let Some(v) = stack.pop() {
            if seen[v] {
                continue;
            }
            seen[v] = true;
            g.layers[g.nodes[v].layer].push(v);
            let mut next: Vec<usize> = g.nodes[v].down.iter().map(|&(w, _)| w).collect();
            if v < g.real {
                for &a in &anchored[v] {
                    if !seen[a] {
                        seen[a] = true;
                        g.layers[g.nodes[a].layer].push(a);
                        next.extend(g.nodes[a].down.iter().map(|&(w, _)| w));
                    }
                }
            }
            stack.extend(next.into_iter().rev());
        }
    }
}

/// Per layer, the groups of nodes that must keep a given left-to-right order.
fn choice_groups(g: &LGraph) -> Vec<Vec<Vec<usize>>> {
    let mut groups = vec![Vec::new(); g.layers.len()];
    let mut first_hops: Vec<Vec<usize>> = vec![Vec::new(); g.real];
    // Edges are in document order: a Choice's rules by index, then its Default.
    for e in g.edges.iter().filter(|e| g.nodes[e.from].choice && !e.reversed && !e.self_loop && !e.lane) {
        if let Some(&hop) = e.chain.get(1) {
            first_hops[e.from].push(hop);
        }
    }
    for (v, hops) in first_hops.into_iter().enumerate() {
        let mut seen = std::collections::BTreeSet::new();
        let group: Vec<usize> = hops.into_iter().filter(|&h| seen.insert(h)).collect();
        if group.len() > 1 {
            groups[g.nodes[v].layer + 1].push(group);
        }
    }
    groups
}

fn sort_layer(g: &mut LGraph, l: usize, down: bool, anchored: &[Vec<usize>], groups: &[Vec<usize>]) {
    let layer = std::mem::take(&mut g.layers[l]);
    let mut keys: Vec<(f64, u8, usize, usize)> = Vec::with_capacity(layer.len());
    let mut key_of = vec![0.0; layer.len()];
    for (i, &v) in layer.iter().enumerate() {
        let n = &g.nodes[v];
        let nbrs = if down { &n.up } else { &n.down };
        let (mut sum, mut total) = (0.0, 0.0);
        for &(u, w) in nbrs {
            sum += w * g.nodes[u].pos as f64;
            total += w;
        }
        key_of[i] = if total > 0.0 { sum / total } else { n.pos as f64 };
    }
    for (i, &v) in layer.iter().enumerate() {
        match g.nodes[v].anchor {
            // An anchored dummy sorts right after its node (same key, later tie rank).
            Some(a) if g.nodes[a].layer == l => {
                let rank = anchored[a].iter().position(|&x| x == v).unwrap_or(0) as u8;
                keys.push((key_of[g.nodes[a].pos], 1 + rank.min(200), g.nodes[a].pos, v));
            }
            _ => keys.push((key_of[i], 0, g.nodes[v].pos, v)),
        }
    }
    keys.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    let mut layer: Vec<usize> = keys.into_iter().map(|k| k.3).collect();
    for (p, &v) in layer.iter().enumerate() {
        g.nodes[v].pos = p;
    }
    for group in groups {
        let mut slots: Vec<usize> = group.iter().map(|&v| g.nodes[v].pos).collect();
        slots.sort_unstable();
        for (&v, &slot) in group.iter().zip(&slots) {
            layer[slot] = v;
            g.nodes[v].pos = slot;
        }
    }
    g.layers[l] = layer;
}

fn count(g: &LGraph) -> usize {
    let mut total = 0;
    let mut pairs = Vec::new();
    for l in 0..g.layers.len().saturating_sub(1) {
        pairs.clear();
        for &v in &g.layers[l] {
            for &(w, _) in &g.nodes[v].down {
                pairs.push((g.nodes[v].pos, g.nodes[w].pos));
            }
        }
        total += bilayer_crossings(&mut pairs, g.layers[l + 1].len());
    }
    total
}
