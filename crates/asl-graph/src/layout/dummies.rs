//! Phase 3, insert dummy nodes: an edge spanning several layers gets a dummy in each
//! layer it crosses, so later phases see only edges between neighbouring layers and
//! every long edge has a reserved vertical channel. A labelled edge's first dummy (the
//! layer right below its source) carries the label box. A back edge also gets a dummy
//! in the layer of each of its ends, beside the end: its channel runs up beside the
//! states it joins, and its label rides on the dummy beside its source.
//!
//! Dummies cost work in every later phase, so their number is capped (`dummy_budget`):
//! edges are served shortest first, and those left over run in lanes around the side.

use super::lgraph::{LGraph, LKind};
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
    let mut by_cost: Vec<usize> = (0..g.edges.len()).filter(|&e| !g.edges[e].self_loop).collect();
    by_cost.sort_by_key(|&e| span(g, e));
    let mut budget = opts.dummy_budget;
    for e in by_cost {
        let cost = span(g, e);
        if cost > budget {
            g.edges[e].lane = true;
        } else {
            budget -= cost;
        }
    }

    for e in 0..g.edges.len() {
        let edge = &g.edges[e];
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
        if g.edges[e].self_loop || g.edges[e].lane {
            continue;
        }
        let weight = g.edges[e].weight;
        for i in 1..g.edges[e].chain.len() {
            let (a, b) = (g.edges[e].chain[i - 1], g.edges[e].chain[i]);
            if g.nodes[b].layer != g.nodes[a].layer + 1 {
                continue; // a back edge's hop beside its end, within one layer
            }
            // Long edges run straight before short ones bend.
            let factor = match (g.nodes[a].is_real(), g.nodes[b].is_real()) {
                (false, false) => 8.0,
                (true, true) => 1.0,
                _ => 2.0,
            };
            g.nodes[a].down.push((b, weight * factor));
            g.nodes[b].up.push((a, weight * factor));
        }
    }

    let layers = g.nodes.iter().map(|n| n.layer + 1).max().unwrap_or(0);
    g.layers = vec![Vec::new(); layers];
}
