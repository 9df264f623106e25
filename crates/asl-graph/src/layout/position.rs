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

use super::lgraph::{LGraph, LNode};
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
    let mut p = Placer::new(g, opts);
    for l in 0..g.layers.len() {
        let (first, end) = (p.at[l], p.at[l + 1]);
        let half = if end > first { p.off[end - 1] / 2.0 } else { 0.0 };
        for k in first..end {
            p.xs[k] = p.off[k] - half;
        }
    }
    let n = g.layers.len();
    // Each round is two sweeps; big scopes get fewer rounds (`sweep_budget`).
    let work = g.nodes.len() + g.nodes.iter().map(|v| v.up.len()).sum::<usize>() + 1;
    let rounds = ROUNDS.min(opts.sweep_budget / (2 * work)).max(1);
    for _ in 0..rounds {
        for l in 1..n {
            p.place(l, Pull::Up);
        }
        for l in (0..n.saturating_sub(1)).rev() {
            p.place(l, Pull::Down);
        }
    }
    for l in 0..n {
        p.place(l, Pull::Both);
    }
    for (&v, &x) in p.node.iter().zip(&p.xs) {
        g.nodes[v].x = x;
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

/// A run of neighbours placed together; its items are `items[start..]` up to the next
/// block's start (blocks and their items are contiguous, in layer order).
struct Block {
    first: usize,
    start: usize,
    sum: f64,
    weight: f64,
    value: f64,
}

/// The placement's working state, flat and numbered in layer order (layer `l` is
/// `at[l]..at[l + 1]`), so the sweeps (the bulk of a big layout's time) read contiguous
/// memory instead of `LNode`s scattered by creation order.
struct Placer {
    /// Node of each slot, and each layer's first slot.
    node: Vec<usize>,
    at: Vec<usize>,
    xs: Vec<f64>,
    /// Each slot's offset from its layer's left end (fixed while placing: widths are).
    off: Vec<f64>,
    anchor: Vec<Option<usize>>,
    /// Neighbours (slot, weight) above / below of slot `k`: `up[up_at[k]..up_at[k + 1]]`.
    up_at: Vec<usize>,
    up: Vec<(usize, f64)>,
    down_at: Vec<usize>,
    down: Vec<(usize, f64)>,
    /// Per layer, the tick of its last change and of its last placement per pull: a layer
    /// whose inputs (itself and its neighbour layers) have not changed since the same
    /// placement ran would come out the same, so it is skipped (sweeps converge early).
    tick: u64,
    changed: Vec<u64>,
    placed: Vec<[u64; 3]>,
    items: Vec<(f64, f64)>,
    merged: Vec<(f64, f64)>,
    blocks: Vec<Block>,
}

impl Placer {
    fn new(g: &LGraph, opts: &LayoutOptions) -> Placer {
        let node: Vec<usize> = g.layers.iter().flatten().copied().collect();
        let mut slot = vec![0; g.nodes.len()];
        for (k, &v) in node.iter().enumerate() {
            slot[v] = k;
        }
        let mut at = vec![0];
        let mut off = Vec::with_capacity(node.len());
        for layer in &g.layers {
            let mut acc = 0.0;
            for (i, &v) in layer.iter().enumerate() {
                if i > 0 {
                    acc += separation(g, layer[i - 1], v, opts);
                }
                off.push(acc);
            }
            at.push(off.len());
        }
        let flat = |pick: fn(&LNode) -> &Vec<(usize, f64)>| {
            let mut at = Vec::with_capacity(node.len() + 1);
            let mut all = Vec::new();
            for &v in &node {
                at.push(all.len());
                all.extend(pick(&g.nodes[v]).iter().map(|&(u, w)| (slot[u], w)));
            }
            at.push(all.len());
            (at, all)
        };
        let (up_at, up) = flat(|v| &v.up);
        let (down_at, down) = flat(|v| &v.down);
        Placer {
            xs: node.iter().map(|&v| g.nodes[v].x).collect(),
            anchor: node.iter().map(|&v| g.nodes[v].anchor.map(|a| slot[a])).collect(),
            node,
            at,
            off,
            up_at,
            up,
            down_at,
            down,
            tick: 0,
            changed: vec![0; g.layers.len()],
            placed: vec![[0; 3]; g.layers.len()],
            items: Vec::new(),
            merged: Vec::new(),
            blocks: Vec::new(),
        }
    }

    /// Places layer `l` optimally given the layers its `pull` looks at.
    fn place(&mut self, l: usize, pull: Pull) {
        let (first, end) = (self.at[l], self.at[l + 1]);
        if first == end {
            return;
        }
        let last = self.placed[l][pull as usize];
        let (lo, hi) = (l.saturating_sub(1), (l + 1).min(self.changed.len() - 1));
        if last > 0 && self.changed[lo..=hi].iter().all(|&c| c < last) {
            return;
        }
        self.tick += 1;
        self.placed[l][pull as usize] = self.tick;
        let median = end - first <= MEDIAN_LIMIT;
        let Placer { xs, off, items, blocks, merged, .. } = self;
        items.clear();
        blocks.clear();
        for k in first..end {
            let o = off[k];
            let start = items.len();
            if pull != Pull::Down {
                let ups = &self.up[self.up_at[k]..self.up_at[k + 1]];
                items.extend(ups.iter().map(|&(u, w)| (xs[u] - o, w)));
            }
            if pull != Pull::Up {
                let downs = &self.down[self.down_at[k]..self.down_at[k + 1]];
                items.extend(downs.iter().map(|&(u, w)| (xs[u] - o, w)));
            }
            if let Some(a) = self.anchor[k] {
                items.push((xs[a] - o, 0.5));
            }
            if items.len() == start {
                // Free nodes keep their place but yield to anyone with a reason to move.
                items.push((xs[k] - o, 0.001));
            }
            if items.len() - start > 1 {
                items[start..].sort_by(|a, b| a.0.total_cmp(&b.0));
            }
            let (sum, weight) = items[start..].iter().fold((0.0, 0.0), |(t, u), &(x, w)| (t + x * w, u + w));
            let v = value(&items[start..], sum, weight, median);
            blocks.push(Block { first: k, start, sum, weight, value: v });
            while blocks.len() >= 2 && blocks[blocks.len() - 2].value > blocks[blocks.len() - 1].value {
                let Some(top) = blocks.pop() else { break };
                let Some(below) = blocks.last_mut() else { break };
                below.sum += top.sum;
                below.weight += top.weight;
                if median {
                    // The two blocks' items are adjacent sorted runs: merge them in place.
                    let (a, b) = items[below.start..].split_at(top.start - below.start);
                    merge(a, b, merged);
                    items[below.start..].copy_from_slice(merged);
                }
                below.value = value(&items[below.start..], below.sum, below.weight, median);
            }
        }
        let mut moved = false;
        for (b, block) in blocks.iter().enumerate() {
            let stop = blocks.get(b + 1).map_or(end, |n| n.first);
            for k in block.first..stop {
                let x = block.value + off[k];
                moved |= x.to_bits() != xs[k].to_bits();
                xs[k] = x;
            }
        }
        if moved {
            self.changed[l] = self.tick;
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
