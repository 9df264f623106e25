//! Phase 6, route edges and place layers vertically. Every route is orthogonal: it
//! leaves a box, runs vertically through the channels its dummies reserved in each
//! layer, and changes channel only on a horizontal track in the gap between two layers
//! (where no box is). The members of a bundle share its trunk's route from where they
//! join it, so their lines overlap exactly. Back edges run up their own channel beside the states they join;
//! edges over the dummy budget run in lanes right of everything. So no route crosses a
//! box. Gaps grow to fit their tracks; then the y of every layer, box and point follows.

use super::lgraph::{LGraph, LKind};
use super::options::LayoutOptions;
use super::output::{Point, Rect};
use super::ports::{self, Ports};
use super::tracks::{self, Segment};
use crate::graph::{EdgeId, NodeId};

/// How far from the top centre an arriving line may enter straight.
const ENTRY_NEAR: f64 = 16.0;
/// A line this close to its dummy's channel stays where it is rather than jog: a kink
/// of a pixel or two reads as a drawing error. Channels are at least `edge_gap` apart
/// and boxes further, so lines stay distinct and clear of boxes.
const JOG_SNAP: f64 = 4.0;

/// A y not yet known while routes are planned.
#[derive(Clone, Copy, Debug)]
enum Y {
    Top(usize),
    Bottom(usize),
    /// Centre line of a box plus an offset.
    Mid(usize, f64),
    Track(usize),
}

pub struct RoutedEdge {
    pub id: EdgeId,
    pub points: Vec<Point>,
    pub label: Option<Rect>,
    pub back: bool,
}

/// A scope laid out in its own coordinates (top-left of its content at 0,0).
pub struct Routed {
    pub width: f64,
    pub height: f64,
    pub boxes: Vec<(NodeId, Rect)>,
    pub edges: Vec<RoutedEdge>,
}

struct Planner<'g> {
    g: &'g LGraph,
    ports: Ports,
    segments: Vec<Segment>,
}

/// A bundle's trunk, routed once: its members end with a suffix of these points, so they
/// share its tracks and overlap exactly.
struct Trunk {
    points: Vec<(f64, Y)>,
    /// Per trunk dummy, and then for the target: the x of the line through its layer
    /// (for the target: where the line enters), and where in `points` the part below
    /// that layer (the arrival) starts.
    line_x: Vec<f64>,
    below: Vec<usize>,
}

impl Planner<'_> {
    fn track(&mut self, gap: usize, x1: f64, x2: f64, up1: bool, up2: bool, edge: usize) -> Y {
        self.segments.push(Segment { gap, x1, x2, up1, up2, edge, track: 0 });
        Y::Track(self.segments.len() - 1)
    }

    fn top_x(&self, v: usize) -> f64 {
        self.g.nodes[v].x
    }

    /// Where a line arriving from above at `from` enters `v`: straight down when that
    /// lands near the top centre (no jog just before the arrow), else at the centre,
    /// where the other arrivals meet.
    fn entry_x(&self, v: usize, from: f64) -> f64 {
        let n = &self.g.nodes[v];
        let near = (n.width / 2.0 - 6.0).min(ENTRY_NEAR);
        if (from - n.x).abs() <= near {
            from
        } else {
            n.x
        }
    }

    fn side_x(&self, v: usize, toward: f64) -> f64 {
        let n = &self.g.nodes[v];
        if toward > n.x {
            n.x + n.width / 2.0
        } else {
            n.x - n.width / 2.0
        }
    }

    fn forward(&mut self, i: usize) -> Vec<(f64, Y)> {
        let chain = self.g.edges[i].chain.clone();
        let (u, v) = (chain[0], chain[chain.len() - 1]);
        let mut cur = self.ports.exit_x[i];
        let mut pts = vec![(cur, Y::Bottom(u))];
        for j in 1..chain.len() {
            let next = if j + 1 == chain.len() {
                self.entry_x(v, cur)
            } else {
                let x = self.g.nodes[chain[j]].x;
                if (x - cur).abs() <= JOG_SNAP {
                    cur
                } else {
                    x
                }
            };
            if (next - cur).abs() > 0.5 {
                let y = self.track(self.g.nodes[chain[j - 1]].layer + 1, cur, next, true, false, i);
                pts.push((cur, y));
                pts.push((next, y));
                cur = next;
            }
        }
        pts.push((cur, Y::Top(v)));
        pts
    }

    /// Down the trunk from its top dummy into the target, changing channel on the track
    /// above a layer as `forward` does; the segments carry the first member's index.
    fn trunk(&mut self, b: usize) -> Trunk {
        let bundle = &self.g.bundles[b];
        let (first, t) = (bundle.edges[0], bundle.target);
        let mut cur = self.g.nodes[bundle.trunk[0]].x;
        let mut t_points = Vec::new();
        let (mut line_x, mut below) = (vec![cur], vec![0]);
        for w in bundle.trunk.windows(2) {
            let x = self.g.nodes[w[1]].x;
            if (x - cur).abs() > JOG_SNAP {
                let y = self.track(self.g.nodes[w[1]].layer, cur, x, true, false, first);
                t_points.extend([(cur, y), (x, y)]);
                cur = x;
            }
            line_x.push(cur);
            below.push(t_points.len());
        }
        let x = self.entry_x(t, cur);
        if (x - cur).abs() > 0.5 {
            let y = self.track(self.g.nodes[t].layer, cur, x, true, false, first);
            t_points.extend([(cur, y), (x, y)]);
            cur = x;
        }
        line_x.push(cur);
        below.push(t_points.len());
        t_points.push((cur, Y::Top(t)));
        Trunk { points: t_points, line_x, below }
    }

    /// A bundle member: its own way (exit, label) as in `forward`, then across to the
    /// trunk on the track above its join layer, then the trunk's points.
    fn member(&mut self, i: usize, trunk: &Trunk) -> Vec<(f64, Y)> {
        let Some((b, k)) = self.g.edges[i].bundle else { return self.forward(i) };
        let chain = &self.g.edges[i].chain;
        // The chain's node where this edge joins: a trunk dummy, or the target.
        let own = chain.len() - 1 - (self.g.bundles[b].trunk.len() - k);
        let mut cur = self.ports.exit_x[i];
        let mut pts = vec![(cur, Y::Bottom(chain[0]))];
        for j in 1..=own {
            // The join itself must land on the trunk's line exactly: no snapping there.
            let next = if j == own { trunk.line_x[k] } else { self.g.nodes[chain[j]].x };
            let next = if j < own && (next - cur).abs() <= JOG_SNAP { cur } else { next };
            // At the join even half a pixel needs its jog: the trunk's points follow.
            if (next - cur).abs() > 0.5 || (j == own && next != cur) {
                let y = self.track(self.g.nodes[chain[j - 1]].layer + 1, cur, next, true, false, i);
                pts.push((cur, y));
                pts.push((next, y));
                cur = next;
            }
        }
        pts.extend_from_slice(&trunk.points[trunk.below[k]..]);
        pts
    }

    fn back(&mut self, i: usize) -> Vec<(f64, Y)> {
        let e = &self.g.edges[i];
        let chain = e.chain.clone();
        let (t, s) = (e.to, e.from);
        let n = chain.len();
        let beside_source = chain[n - 2];
        let mut cur = self.g.nodes[beside_source].x;
        let mut pts = Vec::new();
        if self.ports.exit_side[i] {
            let dy = self.ports.exit_dy[i];
            pts.push((self.side_x(s, cur), Y::Mid(s, dy)));
            pts.push((cur, Y::Mid(s, dy)));
        } else {
            let port = self.ports.exit_x[i];
            let y = self.track(self.g.nodes[s].layer + 1, port, cur, true, true, i);
            pts.extend([(port, Y::Bottom(s)), (port, y), (cur, y)]);
        }
        // Up the channel, changing column on the track above each layer.
        for j in (2..n - 1).rev() {
            let next = self.g.nodes[chain[j - 1]].x;
            if (next - cur).abs() > 0.5 {
                let y = self.track(self.g.nodes[chain[j]].layer, cur, next, false, true, i);
                pts.push((cur, y));
                pts.push((next, y));
                cur = next;
            }
        }
        if self.ports.entry_side[i] {
            let dy = self.ports.entry_dy[i];
            pts.push((cur, Y::Mid(t, dy)));
            pts.push((self.side_x(t, cur), Y::Mid(t, dy)));
        } else {
            let x = self.top_x(t);
            let y = self.track(self.g.nodes[t].layer, cur, x, false, false, i);
            pts.extend([(cur, y), (x, y), (x, Y::Top(t))]);
        }
        pts
    }

    fn self_loop(&mut self, i: usize) -> Vec<(f64, Y)> {
        let v = self.g.edges[i].from;
        let (port, lx, dy) = (self.ports.exit_x[i], self.ports.loop_x[i], self.ports.exit_dy[i]);
        let right = self.g.nodes[v].x + self.g.nodes[v].width / 2.0;
        let y = self.track(self.g.nodes[v].layer + 1, port, lx, true, true, i);
        vec![(port, Y::Bottom(v)), (port, y), (lx, y), (lx, Y::Mid(v, dy)), (right, Y::Mid(v, dy))]
    }

    fn lane(&mut self, i: usize, lane: f64) -> Vec<(f64, Y)> {
        let e = &self.g.edges[i];
        let (s, t) = (e.from, e.to);
        let (gap1, gap2) = (self.g.nodes[s].layer + 1, self.g.nodes[t].layer);
        let down = gap2 >= gap1;
        let port = self.ports.exit_x[i];
        let x = self.top_x(t);
        let y1 = self.track(gap1, port, lane, true, !down, i);
        let y2 = self.track(gap2, lane, x, down, false, i);
        vec![(port, Y::Bottom(s)), (port, y1), (lane, y1), (lane, y2), (x, y2), (x, Y::Top(t))]
    }
}

pub fn run(g: &LGraph, opts: &LayoutOptions) -> Routed {
    let content_right = g.nodes.iter().map(|v| v.x + v.width / 2.0 + v.reserve).fold(0.0, f64::max);
    let lanes: Vec<usize> = (0..g.edges.len()).filter(|&i| g.edges[i].lane).collect();
    let lane_x = |k: usize| content_right + opts.edge_gap * (k + 1) as f64;
    let ports = ports::run(g, lane_x(lanes.len()));
    let mut planner = Planner { g, ports, segments: Vec::new() };
    let trunks: Vec<Trunk> = (0..g.bundles.len()).map(|b| planner.trunk(b)).collect();
    let mut plans = Vec::with_capacity(g.edges.len());
    for (i, e) in g.edges.iter().enumerate() {
        let plan = if let Some((b, _)) = e.bundle {
            planner.member(i, &trunks[b])
        } else if e.self_loop {
            planner.self_loop(i)
        } else if e.lane {
            let k = lanes.partition_point(|&l| l < i);
            planner.lane(i, lane_x(k))
        } else if e.reversed {
            planner.back(i)
        } else {
            planner.forward(i)
        };
        plans.push(plan);
    }
    let Planner { ports, mut segments, .. } = planner;

    // Tracks per gap (gap l lies above layer l; gap L below the last layer).
    let layers = g.layers.len();
    let mut by_gap: Vec<Vec<usize>> = vec![Vec::new(); layers + 1];
    for (i, s) in segments.iter().enumerate() {
        by_gap[s.gap.min(layers)].push(i);
    }
    let used: Vec<usize> =
        by_gap.iter().map(|ids| tracks::assign(&mut segments, ids, opts.track_gap / 2.0)).collect();

    // Vertical placement: bands (layers) and gaps alternate.
    let band: Vec<f64> =
        g.layers.iter().map(|l| l.iter().map(|&v| g.nodes[v].height).fold(0.0, f64::max)).collect();
    let mut gap_top = vec![0.0; layers + 1];
    let mut gap_h = vec![0.0; layers + 1];
    let mut band_top = vec![0.0; layers];
    let mut y = 0.0;
    for l in 0..=layers {
        let needed = if used[l] > 0 { (used[l] + 1) as f64 * opts.track_gap } else { 0.0 };
        gap_h[l] = if l == 0 || l == layers { needed } else { needed.max(opts.layer_gap) };
        gap_top[l] = y;
        y += gap_h[l];
        if l < layers {
            band_top[l] = y;
            y += band[l];
        }
    }
    let height = y;
    let track_y = |s: &Segment| {
        let l = s.gap.min(layers);
        let spread = used[l].saturating_sub(1) as f64 * opts.track_gap;
        gap_top[l] + (gap_h[l] - spread) / 2.0 + s.track as f64 * opts.track_gap
    };
    let top = |v: usize| band_top[g.nodes[v].layer] + (band[g.nodes[v].layer] - g.nodes[v].height) / 2.0;
    let resolve = |y: Y| match y {
        Y::Top(v) => top(v),
        Y::Bottom(v) => top(v) + g.nodes[v].height,
        Y::Mid(v, dy) => top(v) + g.nodes[v].height / 2.0 + dy,
        Y::Track(s) => track_y(&segments[s]),
    };

    let mut width = content_right;
    let mut edges = Vec::with_capacity(g.edges.len());
    for (i, (e, plan)) in g.edges.iter().zip(plans).enumerate() {
        let points = simplify(plan.into_iter().map(|(x, y)| [x, resolve(y)]).collect());
        let label = e.label.as_ref().map(|l| {
            let (x, y) = match (e.label_node, e.self_loop) {
                (Some(d), _) => {
                    let n = &g.nodes[d];
                    let band_mid = band_top[n.layer] + band[n.layer] / 2.0;
                    (n.x - l.width / 2.0, band_mid - l.height / 2.0)
                }
                (None, true) => {
                    (ports.loop_label_x[i], top(e.from) + g.nodes[e.from].height / 2.0 - l.height / 2.0)
                }
                // A lane edge: beside the lane, level with its first track.
                (None, false) => {
                    (points.get(2).map_or(0.0, |p| p[0]) + 4.0, points.get(2).map_or(0.0, |p| p[1]) + 2.0)
                }
            };
            Rect { x, y, width: l.width, height: l.height }
        });
        if let Some(r) = &label {
            width = f64::max(width, r.right());
        }
        for p in &points {
            width = width.max(p[0]);
        }
        edges.push(RoutedEdge { id: e.id, points, label, back: e.reversed || e.self_loop });
    }
    let boxes = (0..g.real)
        .filter_map(|v| match g.nodes[v].kind {
            LKind::Real(id) => {
                let n = &g.nodes[v];
                Some((id, Rect { x: n.x - n.width / 2.0, y: top(v), width: n.width, height: n.height }))
            }
            _ => None,
        })
        .collect();
    Routed { width, height, boxes, edges }
}

/// Drops repeated points and the middle of three points on one line.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.last().is_some_and(|q| (q[0] - p[0]).abs() < 1e-6 && (q[1] - p[1]).abs() < 1e-6) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let colinear = ((a[0] - b[0]).abs() < 1e-6 && (b[0] - p[0]).abs() < 1e-6)
                || ((a[1] - b[1]).abs() < 1e-6 && (b[1] - p[1]).abs() < 1e-6);
            if colinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}
