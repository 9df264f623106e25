//! graph + layout: every document that parses lays out with the geometry invariants the
//! layout tests assert (asl-graph's tests/layout/check.rs, shared as is), the same
//! crossing count as the brute-force reference, and the same result twice.
#![no_main]

use asl_fuzz::FORMATS;
use asl_graph::{layout, Graph, LayoutOptions};
use asl_model::Document;
use libfuzzer_sys::fuzz_target;

#[path = "../../crates/asl-graph/tests/layout/check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in FORMATS {
        let Ok(doc) = Document::parse(text, format) else { continue };
        // Thousands of states are a benchmark's job, not a fuzzer's: they only slow it.
        if doc.machine().states.len() > 200 {
            continue;
        }
        let opts = LayoutOptions::default();
        let first = layout(&Graph::from(&doc), &opts);
        check::assert_valid(&first, "fuzz input");
        assert_eq!(asl_graph::crossings(&first), check::brute_crossings(&first), "crossing counts differ");
        let second = layout(&Graph::from(&doc), &opts);
        assert_eq!(first.to_json(), second.to_json(), "two runs differ");
    }
});
