//! Catchers into one handler share one trunk: each leaves its own source, joins the
//! trunk where its own way (its label) ends, and the trunk enters the handler once, so
//! the members' routes end with the same points and draw as one line.

use crate::{lay_out, machines};
use asl_graph::{crossings, Layout, LayoutEdge};
use asl_model::Format;
use std::path::Path;

fn catchers<'l>(l: &'l Layout, handler: &str) -> Vec<&'l LayoutEdge> {
    l.edges.iter().filter(|e| e.kind == "Catch" && e.to == handler).collect()
}

/// Where a route arrives: its last point and the x of the vertical piece into it.
/// Routes of one trunk arrive alike (their last segments overlap: the points differ
/// where members join at different heights, since collinear points are dropped).
fn arrival(e: &LayoutEdge) -> ([f64; 2], f64) {
    let n = e.points.len();
    (e.points[n - 1], e.points[n - 2][0])
}

/// Every catcher into the handler arrives on the one trunk, straight down.
#[track_caller]
fn assert_one_trunk(l: &Layout, handler: &str, at_least: usize) {
    let edges = catchers(l, handler);
    assert!(edges.len() >= at_least, "{} catchers into {handler}", edges.len());
    let first = arrival(edges[0]);
    assert_eq!(first.0[0], first.1, "the trunk enters {handler} from above");
    for e in &edges {
        assert_eq!(arrival(e), first, "{} -> {handler} does not end on the trunk: {:?}", e.from, e.points);
    }
}

#[test]
fn order_processing_catchers_enter_notify_failure_on_one_trunk() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/order-processing/order-processing.asl.json");
    let l = lay_out(&std::fs::read_to_string(path).expect("sample"), Format::Json, "order-processing");
    assert_one_trunk(&l, "/States/NotifyFailure", 5);
    // Members that join higher up share more than the arrival: drawn, the catchers'
    // vertical lines cover much less than their summed length.
    let mut verticals: Vec<(i64, f64, f64)> = catchers(&l, "/States/NotifyFailure")
        .iter()
        .flat_map(|e| e.points.windows(2))
        .filter(|w| w[0][0] == w[1][0])
        .map(|w| ((w[0][0] * 2.0) as i64, w[0][1].min(w[1][1]), w[0][1].max(w[1][1])))
        .collect();
    let summed: f64 = verticals.iter().map(|v| v.2 - v.1).sum();
    verticals.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut covered = 0.0;
    let mut run: Option<(i64, f64, f64)> = None;
    for v in verticals.into_iter().map(Some).chain([None]) {
        match (run, v) {
            (Some(r), Some(v)) if r.0 == v.0 && v.1 <= r.2 => run = Some((r.0, r.1, r.2.max(v.2))),
            (r, v) => {
                covered += r.map_or(0.0, |r| r.2 - r.1);
                run = v;
            }
        }
    }
    assert!(covered < 0.7 * summed, "the catchers' lines overlap little: {covered} of {summed}");
}

/// 200 Tasks catching into the final state, 1,000 states: one trunk beside the flow, no
/// crossings (each catcher used to get its own track: 2,780 px wide, 198 crossings).
#[test]
fn two_hundred_catchers_share_one_trunk() {
    let l = lay_out(&machines::catch_to_one_handler(200), Format::Json, "200 catchers");
    assert_one_trunk(&l, "/States/Done", 200);
    assert!(l.width < 600.0, "{} px wide", l.width);
    assert_eq!(crossings(&l), 0);
}
