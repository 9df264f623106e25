//! Phase 5, assign x coordinates. Each layer in turn is placed optimally given its
//! neighbours' positions: minimise Σ w·|x(v) − x(u)| over its segments subject to the
//! order and the least spacing between neighbours. With absolute (not squared) distances
//! the optimum puts a node exactly above its heaviest neighbour, so the main path and
//! long edges (heavy segments) come out straight, where a mean would bend them; a node
//! between two equal pulls is centred (a Choice over two branches).
//!
//! One layer is solved exactly by pool-adjacent-violators on `x(v) − offset(v)` (offset =
//! the spacing to the layer's left end), a block's value being the weighted median of
//! its members' targets. Sweeps go down, up, ..., then one pass over both neighbours.
//! Layers wider than `MEDIAN_LIMIT` use weighted means (merging stays O(1)).

use super::lgraph::LGraph;
use super::options::LayoutOptions;

const ROUNDS: usize = 4;
const MEDIAN_LIMIT: usize = 500;

#[derive(Clone, Copy, PartialEq)]
enum Pull {
    Up,
    Down,
    Both,
}

pub fn run(g: &mut LGraph, opts: &LayoutOptions) {
    let mut s = Scratch::default();
    for l in 0..g.layers.len() {
        offsets(g, l, opts, &mut s.offsets);
        let half = s.offsets.last().copied().unwrap_or(0.0) / 2.0;
        for (i, &v) in g.layers[l].iter().enumerate() {
            g.nodes[v].x = s.offsets[i] - half;
        }
    }
    let n = g.layers.len();
    // Each round is two sweeps; big scopes get fewer rounds (`sweep_budget`).
    let work = g.nodes.len() + g.nodes.iter().map(|v| v.up.len()).sum::<usize>() + 1;
    let rounds = ROUNDS.min(opts.sweep_budget / (2 * work)).max(1);
    for _ in 0..rounds {
        for l in 1..n {
            place(g, l, Pull::Up, opts, &mut s);
        }
        for l in (0..n.saturating_sub(1)).rev() {
            place(g, l, Pull::Down, opts, &mut s);
        }
    }
    for l in 0..n {
        place(g, l, Pull::Both, opts, &mut s);
    }
    straighten(g, opts);
    let left = g.nodes.iter().map(|v| v.x - v.width / 2.0).fold(f64::INFINITY, f64::min);
    if left.is_finite() {
        for v in &mut g.nodes {
            v.x -= left;
        }
    }
}

/// Long edges as straight as their neighbours allow: each edge's dummies, split into the
/// longest runs that one x can serve without crowding a neighbour, move to that x (the
/// median of the run, clamped). Removes the small jogs the per-layer optimum leaves.
/// O(dummies); longest edges first, each move keeping the current spacing valid.
fn straighten(g: &mut LGraph, opts: &LayoutOptions) {
    let mut edges: Vec<usize> = (0..g.edges.len()).filter(|&e| g.edges[e].chain.len() > 3).collect();
    edges.sort_by_key(|&e| std::cmp::Reverse(g.edges[e].chain.len()));
    // A bundle's trunk is straightened once, with its topmost member (the longest
    // chain); the others only up to where they join it.
    let mut done = vec![false; g.nodes.len()];
    for e in edges {
        let chain = &g.edges[e].chain;
        let dummies: Vec<usize> =
            chain[1..chain.len() - 1].iter().copied().take_while(|&d| !done[d]).collect();
        for &d in &dummies {
            done[d] = true;
        }
        let mut start = 0;
        let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
        for i in 0..=dummies.len() {
            let (l, h) = if i < dummies.len() {
                room(g, dummies[i], opts)
            } else {
                (f64::INFINITY, f64::NEG_INFINITY)
            };
            if l.max(lo) <= h.min(hi) {
                lo = l.max(lo);
                hi = h.min(hi);
                continue;
            }
            let run = &dummies[start..i];
            if run.len() > 1 {
                let mut xs: Vec<f64> = run.iter().map(|&d| g.nodes[d].x).collect();
                xs.sort_by(f64::total_cmp);
                let x = xs[xs.len() / 2].clamp(lo, hi);
                for &d in run {
                    g.nodes[d].x = x;
                }
            }
            start = i;
            (lo, hi) = (l, h);
        }
    }
}

/// The x range a node may take without crowding its layer neighbours.
fn room(g: &LGraph, v: usize, opts: &LayoutOptions) -> (f64, f64) {
    let layer = &g.layers[g.nodes[v].layer];
    let p = g.nodes[v].pos;
    let lo = if p > 0 {
        g.nodes[layer[p - 1]].x + separation(g, layer[p - 1], v, opts)
    } else {
        f64::NEG_INFINITY
    };
    let hi = layer.get(p + 1).map_or(f64::INFINITY, |&b| g.nodes[b].x - separation(g, v, b, opts));
    (lo, hi)
}

/// Least distance between the centres of two neighbours in a layer.
pub fn separation(g: &LGraph, a: usize, b: usize, opts: &LayoutOptions) -> f64 {
    let (na, nb) = (&g.nodes[a], &g.nodes[b]);
    let gap = if na.is_real() && nb.is_real() { opts.node_gap } else { opts.edge_gap };
    na.width / 2.0 + na.reserve + gap + nb.width / 2.0
}

fn offsets(g: &LGraph, l: usize, opts: &LayoutOptions, out: &mut Vec<f64>) {
    let layer = &g.layers[l];
    out.clear();
    let mut acc = 0.0;
    for (i, &v) in layer.iter().enumerate() {
        if i > 0 {
            acc += separation(g, layer[i - 1], v, opts);
        }
        out.push(acc);
    }
}

/// A run of neighbours placed together; its items are `items[start..]` up to the next
/// block's start (blocks and their items are contiguous, in layer order).
struct Block {
    first: usize,
    start: usize,
    sum: f64,
    weight: f64,
    value: f64,
}

/// Buffers reused across layers and sweeps: placement allocates nothing per node.
#[derive(Default)]
struct Scratch {
    offsets: Vec<f64>,
    items: Vec<(f64, f64)>,
    merged: Vec<(f64, f64)>,
    blocks: Vec<Block>,
}

fn place(g: &mut LGraph, l: usize, pull: Pull, opts: &LayoutOptions, s: &mut Scratch) {
    let layer = &g.layers[l];
    if layer.is_empty() {
        return;
    }
    offsets(g, l, opts, &mut s.offsets);
    let median = layer.len() <= MEDIAN_LIMIT;
    s.items.clear();
    s.blocks.clear();
    for (i, &v) in layer.iter().enumerate() {
        let node = &g.nodes[v];
        let off = s.offsets[i];
        let start = s.items.len();
        if pull != Pull::Down {
            s.items.extend(node.up.iter().map(|&(u, w)| (g.nodes[u].x - off, w)));
        }
        if pull != Pull::Up {
            s.items.extend(node.down.iter().map(|&(u, w)| (g.nodes[u].x - off, w)));
        }
        if let Some(a) = node.anchor {
            s.items.push((g.nodes[a].x - off, 0.5));
        }
        if s.items.len() == start {
            // Free nodes keep their place but yield to anyone with a reason to move.
            s.items.push((node.x - off, 0.001));
        }
        s.items[start..].sort_by(|a, b| a.0.total_cmp(&b.0));
        let (sum, weight) = s.items[start..].iter().fold((0.0, 0.0), |(t, u), &(x, w)| (t + x * w, u + w));
        let v = value(&s.items[start..], sum, weight, median);
        s.blocks.push(Block { first: i, start, sum, weight, value: v });
        while s.blocks.len() >= 2 && s.blocks[s.blocks.len() - 2].value > s.blocks[s.blocks.len() - 1].value {
            let Some(top) = s.blocks.pop() else { break };
            let Some(below) = s.blocks.last_mut() else { break };
            below.sum += top.sum;
            below.weight += top.weight;
            if median {
                // The two blocks' items are adjacent sorted runs: merge them in place.
                let (a, b) = s.items[below.start..].split_at(top.start - below.start);
                merge(a, b, &mut s.merged);
                s.items[below.start..].copy_from_slice(&s.merged);
            }
            below.value = value(&s.items[below.start..], below.sum, below.weight, median);
        }
    }
    for (b, block) in s.blocks.iter().enumerate() {
        let end = s.blocks.get(b + 1).map_or(layer.len(), |n| n.first);
        for i in block.first..end {
            let v = g.layers[l][i];
            g.nodes[v].x = block.value + s.offsets[i];
        }
    }
}

fn value(items: &[(f64, f64)], sum: f64, weight: f64, median: bool) -> f64 {
    if !median || items.is_empty() {
        return if weight > 0.0 { sum / weight } else { 0.0 };
    }
    // Weighted median; when the halves balance exactly, the middle of the tie interval.
    let half = weight / 2.0;
    let mut acc = 0.0;
    for (k, &(x, w)) in items.iter().enumerate() {
        acc += w;
        if acc >= half - 1e-9 * weight {
            if (acc - half).abs() <= 1e-9 * weight {
                if let Some(&(next, _)) = items.get(k + 1) {
                    return (x + next) / 2.0;
                }
            }
            return x;
        }
    }
    items.last().map_or(0.0, |i| i.0)
}

fn merge(a: &[(f64, f64)], b: &[(f64, f64)], out: &mut Vec<(f64, f64)>) {
    out.clear();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].0 <= b[j].0 {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}
