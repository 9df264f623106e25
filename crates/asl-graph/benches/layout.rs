//! Layout of generated machines of 100, 1,000 and 5,000 states (chains, Choice diamonds,
//! Catch loops back to handlers, Parallel/Map nested two deep). Targets (issue #3):
//! 1,000 states <= 100 ms, 5,000 <= 1 s. Prints the edge crossings of the 1,000-state
//! machine's layout before the timings. Also: 200 Tasks catching into one handler far
//! below (1,000 states), a tangled machine, a 10,000-state chain.

#[path = "machines.rs"]
mod machines;

use asl_graph::{crossings, layout, Graph, LayoutOptions};
use asl_model::{Document, Format};

// Counts allocations and bytes per iteration, so memory growth shows beside the times.
#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    let doc = parse(1000);
    let g = Graph::from(&doc);
    let geometry = layout(&g, &LayoutOptions::default());
    eprintln!(
        "1,000-state machine ({} states, {} nodes, {} edges): {} edge crossings, {} x {} px",
        machines::count_states(doc.text()),
        g.node_count(),
        g.edge_count(),
        crossings(&geometry),
        geometry.width,
        geometry.height
    );
    let tangled = Graph::from(
        &Document::parse(machines::tangled(300, 7), Format::Json).unwrap_or_else(|e| panic!("{e}")),
    );
    let unordered = LayoutOptions { order_sweeps: 0, ..LayoutOptions::default() };
    eprintln!(
        "tangled 300-state machine: {} edge crossings ({} without crossing reduction)",
        crossings(&layout(&tangled, &LayoutOptions::default())),
        crossings(&layout(&tangled, &unordered))
    );
    divan::main();
}

fn parse(states: usize) -> Document {
    let text = machines::machine(states);
    Document::parse(text, Format::Json).unwrap_or_else(|e| panic!("generated machine: {e}"))
}

const SIZES: [usize; 3] = [100, 1000, 5000];

/// Graph and layout: what the app does after each edit.
#[divan::bench(args = SIZES, sample_count = 10)]
fn graph_and_layout(bencher: divan::Bencher, states: usize) {
    let doc = parse(states);
    let opts = LayoutOptions::default();
    bencher.bench(|| layout(&Graph::from(divan::black_box(&doc)), &opts));
}

/// Layout alone.
#[divan::bench(args = SIZES, sample_count = 10)]
fn layout_only(bencher: divan::Bencher, states: usize) {
    let g = Graph::from(&parse(states));
    let opts = LayoutOptions::default();
    bencher.bench(|| layout(divan::black_box(&g), &opts));
}

/// 300 states wired at random: cycles everywhere, wide layers.
#[divan::bench(sample_count = 10)]
fn tangled_300(bencher: divan::Bencher) {
    let doc =
        Document::parse(machines::tangled(300, 7), Format::Json).unwrap_or_else(|e| panic!("tangled: {e}"));
    let g = Graph::from(&doc);
    let opts = LayoutOptions::default();
    bencher.bench(|| layout(divan::black_box(&g), &opts));
}

/// 1,000 states where each of 200 Tasks catches into the one final state: the catchers
/// share one trunk of dummies into it.
#[divan::bench(sample_count = 10)]
fn catch_to_one_handler_1000(bencher: divan::Bencher) {
    let doc = Document::parse(machines::catch_to_one_handler(200), Format::Json)
        .unwrap_or_else(|e| panic!("catchers: {e}"));
    let g = Graph::from(&doc);
    let opts = LayoutOptions::default();
    bencher.bench(|| layout(divan::black_box(&g), &opts));
}

/// A 10,000-state chain: the deepest layering.
#[divan::bench(sample_count = 5)]
fn chain_10000(bencher: divan::Bencher) {
    let doc = Document::parse(machines::chain(10_000), Format::Json).unwrap_or_else(|e| panic!("chain: {e}"));
    let g = Graph::from(&doc);
    let opts = LayoutOptions::default();
    bencher.bench(|| layout(divan::black_box(&g), &opts));
}
