//! Phase 3, insert dummy nodes: an edge spanning several layers gets a dummy in each
//! layer it crosses, so later phases see only edges between neighbouring layers and
//! every long edge has a reserved vertical channel. A labelled edge's first dummy (the
//! layer right below its source) carries the label box. A back edge also gets a dummy
//! in the layer of each of its ends, beside the end: its channel runs up beside the
//! states it joins, and its label rides on the dummy beside its source.
//!
//! Catchers into one handler share a trunk (see `bundle`): one dummy per layer for all
//! of them, each member keeping only its label's dummy of its own.
//!
//! Dummies cost work in every later phase, so their number is capped (`dummy_budget`):
//! edges (a bundle counting as one, with its trunk and labels) are served cheapest first,
//! and those left over run in lanes around the side.

use super::bundle;
use super::lgraph::{Bundle, LGraph, LKind};
use super::options::LayoutOptions;

/// Horizontal room of one self-loop beside its node.
pub const LOOP_STEP: f64 = 10.0;

pub fn run(g: &mut LGraph, opts: &LayoutOptions) {
    let span = |g: &LGraph, e: usize| {
        let (t, b) = g.edges[e].oriented();
        let (lt, lb) = (g.nodes[t].layer, g.nodes[b].layer);
        // Ranking puts every lower end strictly below its upper end; saturating anyway,
        // so that a broken invariant costs a bent edge, not a panic.
        if g.edges[e].reversed {
            (lb + 1).saturating_sub(lt)
        } else {
            lb.saturating_sub(lt + 1)
        }
    };
    let candidates = bundle::candidates(g);
    let mut grouped = vec![false; g.edges.len()];
    for &e in candidates.iter().flatten() {
        grouped[e] = true;
    }
    // (cost, lone edge or candidate bundle); lone edges first, in index order, so the
    // stable sort serves equal costs in a fixed order.
    let mut units: Vec<(usize, Result<usize, usize>)> = (0..g.edges.len())
        .filter(|&e| !g.edges[e].self_loop && !grouped[e])
        .map(|e| (span(g, e), Ok(e)))
        .collect();
    for (c, members) in candidates.iter().enumerate() {
        let target = g.nodes[g.edges[members[0]].to].layer;
        let trunk = target - bundle::join_layer(g, members[0]);
        let labels = members.iter().filter(|&&e| g.edges[e].label.is_some()).count();
        units.push((trunk + labels, Err(c)));
    }
    units.sort_by_key(|u| u.0);
    let mut budget = opts.dummy_budget;
    let mut kept = Vec::new();
    for (cost, unit) in units {
        let fits = cost <= budget;
        if fits {
            budget -= cost;
        }
        match unit {
            Ok(e) => g.edges[e].lane = !fits,
            Err(c) if fits => kept.push(c),
            Err(c) => candidates[c].iter().for_each(|&e| g.edges[e].lane = true),
        }
    }
    kept.sort_unstable();
    // The budget spent is the number of dummies about to be added: one allocation for
    // them all (doubling through 80,000 nodes copied and freed megabytes of them).
    g.nodes.reserve_exact(opts.dummy_budget - budget);
    for c in kept {
        add_bundle(g, &candidates[c]);
    }

    for e in 0..g.edges.len() {
        let edge = &g.edges[e];
        if edge.bundle.is_some() {
            continue;
        }
        if edge.self_loop {
            let v = edge.from;
            let label = edge.label.as_ref().map_or(0.0, |l| l.width + 4.0);
            g.nodes[v].reserve += LOOP_STEP + label;
            g.edges[e].chain = vec![v];
            continue;
        }
        let (t, b) = edge.oriented();
        if edge.lane {
            g.edges[e].chain = vec![t, b];
            continue;
        }
        let (lt, lb) = (g.nodes[t].layer, g.nodes[b].layer);
        let reversed = edge.reversed;
        let (first, last, label_layer) =
            if reversed { (lt, lb, lb) } else { (lt + 1, lb.saturating_sub(1), lt + 1) };
        let label = edge.label.as_ref().map(|l| (l.width, l.height));
        let mut chain = Vec::with_capacity((last + 3).saturating_sub(first));
        chain.push(t);
        let mut label_node = None;
        for layer in first..=last {
            let d = match label {
                Some((w, h)) if layer == label_layer => {
                    let d = g.add_dummy(LKind::Label, layer, w, h);
                    label_node = Some(d);
                    d
                }
                _ => g.add_dummy(LKind::Dummy, layer, 0.0, 0.0),
            };
            if reversed && layer == lt {
                g.nodes[d].anchor = Some(t);
            }
            if reversed && layer == lb {
                g.nodes[d].anchor = Some(b);
            }
            chain.push(d);
        }
        chain.push(b);
        g.edges[e].chain = chain;
        g.edges[e].label_node = label_node;
    }

    for e in 0..g.edges.len() {
        let edge = &g.edges[e];
        if edge.self_loop || edge.lane {
            continue;
        }
        // A bundle member links only its own way into the trunk; the trunk once, below.
        let own = match edge.bundle {
            Some((b, k)) => edge.chain.len() - 1 - (g.bundles[b].trunk.len() - k),
            None => edge.chain.len() - 1,
        };
        let weight = edge.weight;
        for i in 1..=own {
            let (a, b) = (g.edges[e].chain[i - 1], g.edges[e].chain[i]);
            link(g, a, b, weight);
        }
    }
    for b in 0..g.bundles.len() {
        let bundle = &g.bundles[b];
        // A trunk segment weighs as the edges it carries, and half an edge more: heavier
        // than any one edge joining it, so that the joins bend towards the trunk (with
        // equal weights a member's label, which sits beside the trunk and heads where it
        // heads, splits the difference with it, and the trunk drifts sideways by half a
        // gap at every join); and where many edges have joined, the trunk stays straight.
        // Into the target it weighs one and a half edges only: weighted by the count it
        // would drag the handler under the trunk and bend the handler's own path (a final
        // state that 200 Tasks catch into left the main line for the trunk's).
        let weight = g.edges[bundle.edges[0]].weight;
        let mut carried = vec![0usize; bundle.trunk.len() + 1];
        for &e in &bundle.edges {
            if let Some((_, k)) = g.edges[e].bundle {
                carried[k] += 1;
            }
        }
        let mut ends = Vec::with_capacity(bundle.trunk.len());
        let mut through = 0;
        for (k, &a) in bundle.trunk.iter().enumerate() {
            through += carried[k];
            ends.push(match bundle.trunk.get(k + 1) {
                Some(&next) => (a, next, weight * (through as f64 + 0.5)),
                None => (a, bundle.target, weight * 1.5),
            });
        }
        for (a, b, w) in ends {
            link(g, a, b, w);
        }
    }

    let layers = g.nodes.iter().map(|n| n.layer + 1).max().unwrap_or(0);
    g.layers = vec![Vec::new(); layers];
}

/// The segment between neighbouring nodes of a chain, in both adjacency lists.
fn link(g: &mut LGraph, a: usize, b: usize, weight: f64) {
    if g.nodes[b].layer != g.nodes[a].layer + 1 {
        return; // a back edge's hop beside its end, within one layer
    }
    // Long edges run straight before short ones bend.
    let factor = match (g.nodes[a].is_real(), g.nodes[b].is_real()) {
        (false, false) => 8.0,
        (true, true) => 1.0,
        _ => 2.0,
    };
    // Most nodes have one neighbour each way: room for one, not the four a first push
    // reserves (two lists per dummy, tens of thousands of dummies).
    let push = |list: &mut Vec<(usize, f64)>, other: usize| {
        if list.capacity() == 0 {
            list.reserve_exact(1);
        }
        list.push((other, weight * factor));
    };
    push(&mut g.nodes[a].down, b);
    push(&mut g.nodes[b].up, a);
}

/// Creates the trunk of a bundle and its members' chains: source, label dummy (if any),
/// then the trunk from the member's join layer down, then the target.
fn add_bundle(g: &mut LGraph, members: &[usize]) {
    let target = g.edges[members[0]].to;
    let top = bundle::join_layer(g, members[0]);
    let trunk: Vec<usize> =
        (top..g.nodes[target].layer).map(|layer| g.add_dummy(LKind::Dummy, layer, 0.0, 0.0)).collect();
    let b = g.bundles.len();
    for &e in members {
        let from = g.edges[e].from;
        let mut chain = vec![from];
        if let Some((w, h)) = g.edges[e].label.as_ref().map(|l| (l.width, l.height)) {
            let d = g.add_dummy(LKind::Label, g.nodes[from].layer + 1, w, h);
            g.edges[e].label_node = Some(d);
            chain.push(d);
        }
        // k == trunk.len(): the member joins in the target's layer, where the trunk
        // enters the target.
        let k = bundle::join_layer(g, e) - top;
        chain.extend_from_slice(&trunk[k..]);
        chain.push(target);
        g.edges[e].chain = chain;
        g.edges[e].bundle = Some((b, k));
    }
    g.bundles.push(Bundle { target, trunk, edges: members.to_vec() });
}
