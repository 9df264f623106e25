//! The layout on every corpus file and sample, on bad and huge input, with invariants
//! checked (see `layout/check.rs`) and determinism asserted; catchers sharing a trunk
//! (`layout/bundles.rs`); the diagrams drawn from it
//! (`layout/goldens.rs`, goldens in `goldens/`).

#[path = "layout/bad_input.rs"]
mod bad_input;
#[path = "layout/bundles.rs"]
mod bundles;
#[path = "layout/check.rs"]
mod check;
#[path = "layout/corpus.rs"]
mod corpus;
#[path = "layout/goldens.rs"]
mod goldens;
#[path = "layout/graph.rs"]
mod graph;
#[path = "../benches/machines.rs"]
mod machines;

use asl_graph::{layout, Graph, Layout, LayoutOptions};
use asl_model::{Document, Format};

/// Parses, builds the graph, lays out, checks the invariants and that a second run from
/// a fresh parse gives byte-identical JSON.
#[track_caller]
pub fn lay_out(text: &str, format: Format, what: &str) -> Layout {
    let doc = Document::parse(text, format).unwrap_or_else(|e| panic!("{what}: {e}"));
    let opts = LayoutOptions::default();
    let first = layout(&Graph::from(&doc), &opts);
    check::assert_valid(&first, what);
    assert_eq!(
        asl_graph::crossings(&first),
        check::brute_crossings(&first),
        "{what}: crossing counts differ"
    );
    let again = Document::parse(text, format).unwrap_or_else(|e| panic!("{what}: {e}"));
    let second = layout(&Graph::from(&again), &opts);
    assert_eq!(first.to_json(), second.to_json(), "{what}: two runs differ");
    first
}
