//! Counting edge crossings, in O(E log E) both ways:
//! - between two neighbouring layers of the working graph (for crossing reduction), by
//!   counting inversions with a Fenwick tree (Barth, Jünger, Mutzel);
//! - in a finished [`Layout`], geometrically: routes are orthogonal, so a crossing is a
//!   horizontal segment of one edge strictly crossing a vertical segment of another; a
//!   sweep over x with a Fenwick tree over y finds them all.

use super::output::Layout;

/// Fenwick tree of counts.
struct Counts(Vec<usize>);

impl Counts {
    fn new(n: usize) -> Self {
        Counts(vec![0; n + 1])
    }

    fn add(&mut self, i: usize, d: isize) {
        let mut i = i + 1;
        while i < self.0.len() {
            self.0[i] = self.0[i].wrapping_add_signed(d);
            i += i & i.wrapping_neg();
        }
    }

    /// Sum of counts at indices `< i`.
    fn prefix(&self, i: usize) -> usize {
        let mut i = i.min(self.0.len() - 1);
        let mut s = 0;
        while i > 0 {
            s += self.0[i];
            i -= i & i.wrapping_neg();
        }
        s
    }
}

/// Crossings between segments `(upper position, lower position)` of two layers; `width`
/// is the number of positions in the lower layer. Sorts `pairs`.
pub fn bilayer_crossings(pairs: &mut [(usize, usize)], width: usize) -> usize {
    pairs.sort_unstable();
    let mut tree = Counts::new(width);
    let mut crossings = 0;
    for (seen, &(_, lower)) in pairs.iter().enumerate() {
        // Earlier segments start further left; those ending further right cross this one.
        crossings += seen - tree.prefix(lower + 1);
        tree.add(lower, 1);
    }
    crossings
}

/// The number of places where two edges of a layout cross (segments that merely touch
/// or overlap do not count; a line crossing a trunk that several edges share crosses
/// once).
pub fn crossings(layout: &Layout) -> usize {
    // Coordinates sit on a half-pixel grid: doubled, they are exact integers.
    let key = |v: f64| (v * 2.0).round() as i64;
    let mut horizontal: Vec<(i64, i64, i64)> = Vec::new(); // (x1, x2, y)
    let mut vertical: Vec<(i64, i64, i64)> = Vec::new(); // (x, y1, y2)
    for e in &layout.edges {
        for w in e.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (ax, ay, bx, by) = (key(a[0]), key(a[1]), key(b[0]), key(b[1]));
            if ay == by && ax != bx {
                horizontal.push((ax.min(bx), ax.max(bx), ay));
            } else if ax == bx && ay != by {
                vertical.push((ax, ay.min(by), ay.max(by)));
            }
        }
    }
    // Edges of a bundle share their trunk's segments: one line, and a crossing with it is
    // one place. Collinear segments that overlap become one (touching ones stay apart,
    // so a crossing at their common end still does not count).
    let horizontal = merge(horizontal.into_iter().map(|(x1, x2, y)| (y, x1, x2)).collect());
    let horizontal: Vec<(i64, i64, i64)> = horizontal.into_iter().map(|(y, x1, x2)| (x1, x2, y)).collect();
    let vertical = merge(vertical);
    let mut ys: Vec<i64> = horizontal.iter().map(|h| h.2).collect();
    ys.sort_unstable();
    ys.dedup();
    let slot = |y: i64| ys.partition_point(|&v| v < y);

    // Events at one x: removals, then queries, then insertions, so that only strict
    // interior crossings count.
    #[derive(PartialEq, Eq, PartialOrd, Ord)]
    enum Event {
        Remove(usize),
        Query(i64, i64),
        Insert(usize),
    }
    let mut events: Vec<(i64, Event)> = Vec::with_capacity(2 * horizontal.len() + vertical.len());
    for h in &horizontal {
        let s = slot(h.2);
        events.push((h.0, Event::Insert(s)));
        events.push((h.1, Event::Remove(s)));
    }
    for v in &vertical {
        events.push((v.0, Event::Query(v.1, v.2)));
    }
    events.sort_unstable();
    let mut tree = Counts::new(ys.len());
    let mut total = 0;
    for (x, event) in events {
        let _ = x;
        match event {
            Event::Insert(s) => tree.add(s, 1),
            Event::Remove(s) => tree.add(s, -1),
            Event::Query(y1, y2) => {
                let (lo, hi) = (ys.partition_point(|&v| v <= y1), ys.partition_point(|&v| v < y2));
                if hi > lo {
                    total += tree.prefix(hi) - tree.prefix(lo);
                }
            }
        }
    }
    total
}

/// Collinear intervals `(line, from, to)` merged where they overlap; sorted.
fn merge(mut segments: Vec<(i64, i64, i64)>) -> Vec<(i64, i64, i64)> {
    segments.sort_unstable();
    let mut out: Vec<(i64, i64, i64)> = Vec::with_capacity(segments.len());
    for s in segments {
        match out.last_mut() {
            Some(last) if last.0 == s.0 && s.1 < last.2 => last.2 = last.2.max(s.2),
            _ => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_inversions() {
        assert_eq!(bilayer_crossings(&mut [(0, 1), (1, 0)], 2), 1);
        assert_eq!(bilayer_crossings(&mut [(0, 0), (1, 1)], 2), 0);
        assert_eq!(bilayer_crossings(&mut [(0, 2), (1, 1), (2, 0)], 3), 3);
        // Shared ends do not cross.
        assert_eq!(bilayer_crossings(&mut [(0, 0), (0, 1), (1, 1)], 2), 0);
    }

    #[test]
    fn overlapping_collinear_segments_are_one_line() {
        assert_eq!(merge(vec![(0, 5, 9), (0, 0, 6), (1, 0, 2)]), [(0, 0, 9), (1, 0, 2)]);
        // Touching is not overlapping: a crossing at the common end counts for neither.
        assert_eq!(merge(vec![(0, 0, 5), (0, 5, 9)]), [(0, 0, 5), (0, 5, 9)]);
    }
}
