//! The invariants every layout must satisfy (issue #3), as a list of violations:
//! - no two boxes of one scope overlap (siblings: same parent), containers included;
//! - every child lies inside its container, below the title bar, with padding;
//! - every edge is orthogonal, starts on its source's border and ends on its target's
//!   (an entry edge starts under its container's title bar), and passes through no box
//!   other than its ends and their containers;
//! - no edge label covers a box (other than the containers around the edge);
//! - along non-back edges the target lies lower than the source;
//! - a Choice's edges leave in rule order with Default last;
//! - everything lies inside the layout's width and height.
//!
//! Box lookups go through a coarse grid so that 10,000-state layouts check quickly.

use asl_graph::{Layout, Rect};
use std::collections::BTreeMap;

/// Rounding to the half-pixel grid moves things by at most 0.5.
const TOL: f64 = 0.75;
/// Least padding between a container's border and its contents.
const PADDING: f64 = 8.0;
const CELL: f64 = 256.0;

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() - TOL && b.x < a.right() - TOL && a.y < b.bottom() - TOL && b.y < a.bottom() - TOL
}

fn on_border(p: [f64; 2], r: &Rect) -> bool {
    let inside =
        p[0] >= r.x - TOL && p[0] <= r.right() + TOL && p[1] >= r.y - TOL && p[1] <= r.bottom() + TOL;
    let on_edge = (p[0] - r.x).abs() <= TOL
        || (p[0] - r.right()).abs() <= TOL
        || (p[1] - r.y).abs() <= TOL
        || (p[1] - r.bottom()).abs() <= TOL;
    inside && on_edge
}

/// The segment enters the box's interior (shrunk by a pixel).
fn crosses(a: [f64; 2], b: [f64; 2], r: &Rect) -> bool {
    let (x1, x2) = (a[0].min(b[0]), a[0].max(b[0]));
    let (y1, y2) = (a[1].min(b[1]), a[1].max(b[1]));
    let (l, t, rr, bb) = (r.x + 1.0, r.y + 1.0, r.right() - 1.0, r.bottom() - 1.0);
    x1 < rr && x2 > l && y1 < bb && y2 > t
}

fn cells(r: &Rect) -> impl Iterator<Item = (i64, i64)> {
    let (cx1, cx2) = ((r.x / CELL).floor() as i64, (r.right() / CELL).floor() as i64);
    let (cy1, cy2) = ((r.y / CELL).floor() as i64, (r.bottom() / CELL).floor() as i64);
    (cx1..=cx2).flat_map(move |x| (cy1..=cy2).map(move |y| (x, y)))
}

pub fn violations(layout: &Layout) -> Vec<String> {
    let mut out = Vec::new();
    let index: BTreeMap<&str, usize> =
        layout.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let rects: Vec<Rect> = layout.nodes.iter().map(|n| n.rect()).collect();
    let parent: Vec<Option<usize>> =
        layout.nodes.iter().map(|n| n.parent.as_deref().and_then(|p| index.get(p).copied())).collect();
    let ancestors = |mut i: usize| {
        let mut a = vec![i];
        while let Some(p) = parent[i] {
            a.push(p);
            i = p;
        }
        a
    };

    // Bounds, and children inside containers.
    for (i, n) in layout.nodes.iter().enumerate() {
        let r = rects[i];
        if r.x < -TOL || r.y < -TOL || r.right() > layout.width + TOL || r.bottom() > layout.height + TOL {
            out.push(format!("{} lies outside the layout", n.id));
        }
        if r.width <= 0.0 || r.height <= 0.0 {
            out.push(format!("{} has no size", n.id));
        }
        match (n.parent.as_deref(), parent[i]) {
            (Some(p), None) => out.push(format!("{}: unknown parent {p}", n.id)),
            (_, Some(p)) => {
                let c = rects[p];
                let title = layout.nodes[p].title_height;
                let inside = r.x >= c.x + PADDING - TOL
                    && r.right() <= c.right() - PADDING + TOL
                    && r.y >= c.y + title + PADDING - TOL
                    && r.bottom() <= c.bottom() - PADDING + TOL;
                if !inside {
                    out.push(format!(
                        "{} is not inside its container {} with padding: {r:?} in {c:?}",
                        n.id, layout.nodes[p].id
                    ));
                }
                if !layout.nodes[p].container {
                    out.push(format!("{}'s parent {} is not a container", n.id, layout.nodes[p].id));
                }
            }
            _ => {}
        }
    }

    // Sibling overlaps, via the grid.
    let mut grid: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for (i, r) in rects.iter().enumerate() {
        for c in cells(r) {
            grid.entry(c).or_default().push(i);
        }
    }
    let mut reported = std::collections::BTreeSet::new();
    for list in grid.values() {
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                if parent[a] == parent[b] && overlaps(&rects[a], &rects[b]) && reported.insert((a, b)) {
                    out.push(format!("{} overlaps {}", layout.nodes[a].id, layout.nodes[b].id));
                }
            }
        }
    }

    // Edges.
    let mut rule_starts: BTreeMap<&str, Vec<(usize, f64)>> = BTreeMap::new();
    for e in &layout.edges {
        let name = format!("edge {} -> {} ({})", e.from, e.to, e.kind);
        let (Some(&s), Some(&t)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else {
            out.push(format!("{name}: unknown end"));
            continue;
        };
        let (Some(&first), Some(&last)) = (e.points.first(), e.points.last()) else {
            out.push(format!("{name}: no points"));
            continue;
        };
        if e.points.len() < 2 {
            out.push(format!("{name}: a single point"));
        }
        let entry = e.kind == "BranchStart" || e.kind == "IterationStart";
        if entry {
            let c = rects[s];
            let ok = (first[1] - (c.y + layout.nodes[s].title_height)).abs() <= TOL
                && first[0] > c.x
                && first[0] < c.right();
            if !ok {
                out.push(format!("{name}: does not start under the title bar of {}", e.from));
            }
        } else if !on_border(first, &rects[s]) {
            out.push(format!("{name}: starts at {first:?}, not on the border of {:?}", rects[s]));
        }
        if !on_border(last, &rects[t]) {
            out.push(format!("{name}: ends at {last:?}, not on the border of {:?}", rects[t]));
        }
        let mut allowed = ancestors(s);
        allowed.extend(ancestors(t));
        for w in e.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a[0] - b[0]).abs() > 1e-9 && (a[1] - b[1]).abs() > 1e-9 {
                out.push(format!("{name}: diagonal segment {a:?} -> {b:?}"));
            }
            let seg = Rect {
                x: a[0].min(b[0]),
                y: a[1].min(b[1]),
                width: (a[0] - b[0]).abs(),
                height: (a[1] - b[1]).abs(),
            };
            let mut seen = std::collections::BTreeSet::new();
            for c in cells(&seg) {
                for &i in grid.get(&c).map(Vec::as_slice).unwrap_or(&[]) {
                    if seen.insert(i) && crosses(a, b, &rects[i]) {
                        // Its own ends may only be touched, except a container it starts in.
                        let own = (i == s && !entry) || i == t;
                        if own || !allowed.contains(&i) {
                            out.push(format!(
                                "{name}: segment {a:?} -> {b:?} crosses {}",
                                layout.nodes[i].id
                            ));
                        }
                    }
                }
            }
        }
        for p in &e.points {
            if p[0] < -TOL || p[1] < -TOL || p[0] > layout.width + TOL || p[1] > layout.height + TOL {
                out.push(format!("{name}: point {p:?} lies outside the layout"));
            }
        }
        if let Some(b) = &e.label_box {
            if b.x < -TOL || b.y < -TOL || b.right() > layout.width + TOL || b.bottom() > layout.height + TOL
            {
                out.push(format!("{name}: label outside the layout"));
            }
            let around = &ancestors(s)[1..];
            let mut seen = std::collections::BTreeSet::new();
            for c in cells(b) {
                for &i in grid.get(&c).map(Vec::as_slice).unwrap_or(&[]) {
                    // A label may sit inside the containers around its edge, on no box.
                    if seen.insert(i) && !around.contains(&i) && overlaps(b, &rects[i]) {
                        out.push(format!("{name}: label covers {}", layout.nodes[i].id));
                    }
                }
            }
        }
        if !e.back && !entry && rects[t].y <= rects[s].y + TOL {
            out.push(format!("{name}: not a back edge, yet the target is not lower"));
        }
        if e.back && !e.points.is_empty() && e.from == e.to {
            continue; // a self-loop has no place in the rule order
        }
        match (e.kind, e.index) {
            ("ChoiceRule", Some(i)) => rule_starts.entry(e.from.as_str()).or_default().push((i, first[0])),
            ("Default", _) => rule_starts.entry(e.from.as_str()).or_default().push((usize::MAX, first[0])),
            _ => {}
        }
    }
    for (choice, mut starts) in rule_starts {
        starts.sort_by_key(|s| s.0);
        if starts.windows(2).any(|w| w[1].1 <= w[0].1) {
            out.push(format!("{choice}: rule edges do not leave in rule order: {starts:?}"));
        }
    }
    out
}

/// Panics with the first violations.
#[track_caller]
pub fn assert_valid(layout: &Layout, what: &str) {
    let v = violations(layout);
    assert!(v.is_empty(), "{what}: {} violations, first: {:#?}", v.len(), &v[..v.len().min(12)]);
}

/// Edge crossings by comparing every horizontal segment with every vertical one: the
/// reference for the library's sweep-line counter. Counted as places (distinct points),
/// since the edges of a bundle share their trunk's segments.
pub fn brute_crossings(layout: &Layout) -> usize {
    let mut h = Vec::new();
    let mut v = Vec::new();
    for e in &layout.edges {
        for w in e.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a[1] == b[1] && a[0] != b[0] {
                h.push((a[0].min(b[0]), a[0].max(b[0]), a[1]));
            } else if a[0] == b[0] && a[1] != b[1] {
                v.push((a[0], a[1].min(b[1]), a[1].max(b[1])));
            }
        }
    }
    let mut places = std::collections::BTreeSet::new();
    for h in &h {
        for v in v.iter().filter(|v| h.0 < v.0 && v.0 < h.1 && v.1 < h.2 && h.2 < v.2) {
            places.insert(((v.0 * 2.0) as i64, (h.2 * 2.0) as i64));
        }
    }
    places.len()
}
