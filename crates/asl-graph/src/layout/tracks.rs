//! Horizontal edge segments in the gap between two layers, each on its own track
//! (a y in the gap) wherever they overlap in x, stacked in an order that avoids needless
//! crossings with the vertical pieces at their ends.

/// One horizontal piece of a route, from `x1` to `x2` (drawing direction).
#[derive(Clone, Debug)]
pub struct Segment {
    pub gap: usize,
    pub x1: f64,
    pub x2: f64,
    /// Whether the vertical piece at `x1` (`x2`) lies above the track (else below).
    pub up1: bool,
    pub up2: bool,
    /// For a stable order.
    pub edge: usize,
    pub track: usize,
}

impl Segment {
    /// Sort key: segments whose both ends rise go on top (narrow first: a wide one
    /// above a narrow one would cross its ends), then the ordinary ones (one end from
    /// above, one below; right-going above left-going, each fanned so that they nest
    /// without crossing), then those whose both ends descend (wide first).
    fn key(&self) -> (u8, f64, f64) {
        let width = (self.x2 - self.x1).abs();
        match (self.up1, self.up2) {
            (true, true) => (0, width, self.x1.min(self.x2)),
            (false, false) => (3, -width, self.x1.min(self.x2)),
            _ => {
                let (a, b) = if self.up1 { (self.x1, self.x2) } else { (self.x2, self.x1) };
                if b >= a {
                    (1, -a, -b)
                } else {
                    (2, a, b)
                }
            }
        }
    }
}

/// Assigns tracks to the segments of one gap; returns how many tracks it uses.
pub fn assign(segments: &mut [Segment], ids: &[usize], clearance: f64) -> usize {
    if ids.is_empty() {
        return 0;
    }
    let mut order = ids.to_vec();
    order.sort_by(|&a, &b| {
        let (ka, kb) = (segments[a].key(), segments[b].key());
        ka.0.cmp(&kb.0)
            .then(ka.1.total_cmp(&kb.1))
            .then(ka.2.total_cmp(&kb.2))
            .then(segments[a].edge.cmp(&segments[b].edge))
            .then(a.cmp(&b))
    });
    // Coordinate-compressed interval ends; a segment needs a track below every earlier
    // one it overlaps (ends within `clearance` count as overlapping).
    let span = |s: &Segment| (s.x1.min(s.x2) - clearance, s.x1.max(s.x2) + clearance);
    let mut xs: Vec<f64> = Vec::with_capacity(2 * ids.len());
    for &i in ids {
        let (lo, hi) = span(&segments[i]);
        xs.push(lo);
        xs.push(hi);
    }
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let mut tree = MaxTree::new(xs.len());
    let mut used = 0;
    for i in order {
        let (lo, hi) = span(&segments[i]);
        let (l, r) = (xs.partition_point(|&v| v < lo), xs.partition_point(|&v| v <= hi) - 1);
        let track = tree.max(l, r).map_or(0, |t| t + 1);
        tree.assign(l, r, track);
        segments[i].track = track;
        used = used.max(track + 1);
    }
    used
}

/// Range maximum with range assignment (the assigned value always exceeds what it
/// covers, so assignment is the same as raising).
struct MaxTree {
    n: usize,
    max: Vec<Option<usize>>,
    lazy: Vec<Option<usize>>,
}

impl MaxTree {
    fn new(n: usize) -> Self {
        MaxTree { n, max: vec![None; 4 * n.max(1)], lazy: vec![None; 4 * n.max(1)] }
    }

    fn max(&mut self, l: usize, r: usize) -> Option<usize> {
        self.query(1, 0, self.n - 1, l, r)
    }

    fn assign(&mut self, l: usize, r: usize, v: usize) {
        self.update(1, 0, self.n - 1, l, r, v)
    }

    fn push(&mut self, node: usize) {
        if let Some(v) = self.lazy[node].take() {
            for c in [2 * node, 2 * node + 1] {
                self.max[c] = Some(v);
                self.lazy[c] = Some(v);
            }
        }
    }

    // Recursion depth is log2(n): fine.
    fn query(&mut self, node: usize, lo: usize, hi: usize, l: usize, r: usize) -> Option<usize> {
        if r < lo || hi < l {
            return None;
        }
        if l <= lo && hi <= r {
            return self.max[node];
        }
        self.push(node);
        let mid = (lo + hi) / 2;
        let a = self.query(2 * node, lo, mid, l, r);
        let b = self.query(2 * node + 1, mid + 1, hi, l, r);
        a.max(b)
    }

    fn update(&mut self, node: usize, lo: usize, hi: usize, l: usize, r: usize, v: usize) {
        if r < lo || hi < l {
            return;
        }
        if l <= lo && hi <= r {
            self.max[node] = Some(v);
            self.lazy[node] = Some(v);
            return;
        }
        self.push(node);
        let mid = (lo + hi) / 2;
        self.update(2 * node, lo, mid, l, r, v);
        self.update(2 * node + 1, mid + 1, hi, l, r, v);
        self.max[node] = self.max[2 * node].max(self.max[2 * node + 1]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(x1: f64, x2: f64, up1: bool, up2: bool, edge: usize) -> Segment {
        Segment { gap: 0, x1, x2, up1, up2, edge, track: 0 }
    }

    #[test]
    fn overlapping_segments_get_separate_tracks_in_crossing_free_order() {
        // Two right-going segments: the one starting further right goes on top.
        let mut s = vec![
            seg(0.0, 100.0, true, false, 0),
            seg(50.0, 150.0, true, false, 1),
            seg(300.0, 400.0, true, false, 2),
        ];
        assert_eq!(assign(&mut s, &[0, 1, 2], 4.0), 2);
        assert_eq!((s[0].track, s[1].track, s[2].track), (1, 0, 0));
    }
}
