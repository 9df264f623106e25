//! Where edges leave and enter a box. Edges leave through the bottom, side by side in
//! the order of where they head (for a Choice: in rule order, Default last), each as
//! close as it can to straight above its next hop, so the main path runs straight; they
//! enter through the top centre. A back edge whose channel is the box's neighbour (nothing
//! but edge lines between) attaches to the side facing it instead, on its own slot.

use super::dummies::LOOP_STEP;
use super::lgraph::LGraph;

const PORT_STEP: f64 = 10.0;
/// Least distance between two exits: distinct on the half-pixel grid.
const PORT_MIN: f64 = 2.0;
const CORNER: f64 = 6.0;
const SLOT_STEP: f64 = 8.0;

pub struct Ports {
    /// Bottom exit x per edge (NaN when the edge leaves by a side).
    pub exit_x: Vec<f64>,
    /// A back edge leaves its source by the side (towards its channel).
    pub exit_side: Vec<bool>,
    /// A back edge enters its target by the side.
    pub entry_side: Vec<bool>,
    /// Vertical offset from the centre line of a side attachment, per edge end.
    pub exit_dy: Vec<f64>,
    pub entry_dy: Vec<f64>,
    /// x of the vertical piece of a self-loop.
    pub loop_x: Vec<f64>,
    /// Left x of a self-loop's label.
    pub loop_label_x: Vec<f64>,
}

/// The least width of a box with `exits` edges leaving it, so each gets its own exit.
pub fn min_width(exits: usize) -> f64 {
    exits.saturating_sub(1) as f64 * PORT_MIN + 2.0 * CORNER
}

/// Nothing but edge lines between two nodes of one layer; `boxes[l][p]` counts the
/// boxes left of position `p` in layer `l`.
fn clear(g: &LGraph, boxes: &[Vec<usize>], a: usize, b: usize) -> bool {
    let l = g.nodes[a].layer;
    let (pa, pb) = (g.nodes[a].pos, g.nodes[b].pos);
    let (lo, hi) = (pa.min(pb), pa.max(pb));
    boxes[l][hi] == boxes[l][lo + 1]
}

pub fn run(g: &LGraph, lane_x: f64) -> Ports {
    let m = g.edges.len();
    let mut p = Ports {
        exit_x: vec![f64::NAN; m],
        exit_side: vec![false; m],
        entry_side: vec![false; m],
        exit_dy: vec![0.0; m],
        entry_dy: vec![0.0; m],
        loop_x: vec![0.0; m],
        loop_label_x: vec![0.0; m],
    };
    let boxes: Vec<Vec<usize>> = g
        .layers
        .iter()
        .map(|layer| {
            let mut acc = vec![0];
            for &v in layer {
                acc.push(acc[acc.len() - 1] + usize::from(g.nodes[v].is_box()));
            }
            acc
        })
        .collect();
    let mut slots = vec![[0usize; 2]; g.real];
    let mut slot = |v: usize, right: bool, h: f64| -> f64 {
        let k = &mut slots[v][usize::from(right)];
        // 0, -8, +8, -16, +16, ... clamped inside the box.
        let i = *k;
        *k += 1;
        let step = i.div_ceil(2) as f64 * SLOT_STEP;
        let dy = if i % 2 == 1 { -step } else { step };
        dy.clamp(-(h / 2.0 - 4.0).max(0.0), (h / 2.0 - 4.0).max(0.0))
    };
    let mut exits: Vec<Vec<(usize, f64)>> = vec![Vec::new(); g.real];
    let mut loops = vec![0usize; g.real];
    let mut loop_labels = vec![0.0f64; g.real];
    for (i, e) in g.edges.iter().enumerate() {
        let node = &g.nodes[e.from];
        let right = node.x + node.width / 2.0;
        if e.self_loop {
            loops[e.from] += 1;
            p.loop_x[i] = right + LOOP_STEP * loops[e.from] as f64;
            exits[e.from].push((i, f64::INFINITY));
            p.exit_dy[i] = slot(e.from, true, node.height);
            continue;
        }
        if e.lane {
            exits[e.from].push((i, lane_x));
            continue;
        }
        if !e.reversed {
            exits[e.from].push((i, g.nodes[e.chain[1]].x));
            continue;
        }
        let n = e.chain.len();
        let (beside_source, beside_target) = (e.chain[n - 2], e.chain[1]);
        let channel = g.nodes[beside_source].x;
        if !node.choice && clear(g, &boxes, e.from, beside_source) {
            p.exit_side[i] = true;
            p.exit_dy[i] = slot(e.from, channel > node.x, node.height);
        } else {
            exits[e.from].push((i, channel));
        }
        let target = &g.nodes[e.to];
        if clear(g, &boxes, e.to, beside_target) {
            p.entry_side[i] = true;
            p.entry_dy[i] = slot(e.to, g.nodes[beside_target].x > target.x, target.height);
        }
    }
    for (i, e) in g.edges.iter().enumerate() {
        if e.self_loop {
            let v = e.from;
            let right = g.nodes[v].x + g.nodes[v].width / 2.0;
            p.loop_label_x[i] = right + LOOP_STEP * loops[v] as f64 + 4.0 + loop_labels[v];
            loop_labels[v] += e.label.as_ref().map_or(0.0, |l| l.width + 4.0);
        }
    }

    for (v, list) in exits.iter_mut().enumerate() {
        if list.is_empty() {
            continue;
        }
        let node = &g.nodes[v];
        // Choice edges are in document order already (rules, then Default).
        if !node.choice {
            list.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        }
        // Each exit wants to sit right above where it heads (straight down when it
        // can), clamped to the bottom border; then neighbours are pushed apart to the
        // step, right then left; if the border is too short for that, spread evenly.
        let k = list.len();
        let (lo, hi) = (node.x - node.width / 2.0 + CORNER, node.x + node.width / 2.0 - CORNER);
        let room = (hi - lo).max(0.0);
        let step = if k > 1 { PORT_STEP.min(room / (k - 1) as f64) } else { 0.0 };
        let mut xs: Vec<f64> = list.iter().map(|&(_, x)| x.clamp(lo, hi)).collect();
        for j in 1..k {
            xs[j] = xs[j].max(xs[j - 1] + step);
        }
        if xs[k - 1] > hi {
            xs[k - 1] = hi;
            for j in (0..k - 1).rev() {
                xs[j] = xs[j].min(xs[j + 1] - step);
            }
        }
        if xs[0] < lo - 1e-9 {
            xs = (0..k).map(|j| lo + j as f64 * step).collect();
        }
        for (&(e, _), x) in list.iter().zip(xs) {
            p.exit_x[e] = x;
        }
    }
    p
}
