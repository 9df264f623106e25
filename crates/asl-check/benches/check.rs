//! Parse + validate on generated machines of 1,000 and 5,000 states.
//! Target (issue #2): 5,000 states parsed and validated in <= 20 ms.

mod machines;

use asl_model::{Document, Format};

fn main() {
    for size in [1_000, 5_000] {
        let text = machines::machine(size);
        let doc = Document::parse(text.as_str(), Format::Json).expect("generated machine parses");
        let errors = asl_check::check(&doc);
        assert!(errors.is_empty(), "generated machine has diagnostics: {errors:#?}");
        eprintln!("machine of {size}: {} states, {} KiB", machines::count_states(&text), text.len() / 1024);
        // ASL_BENCH_DUMP=DIR writes the machines out, to profile `asl validate` on them.
        if let Some(dir) = std::env::var_os("ASL_BENCH_DUMP") {
            let _ =
                std::fs::write(std::path::Path::new(&dir).join(format!("machine-{size}.asl.json")), &text);
        }
    }
    divan::main();
}

#[divan::bench(args = [1_000, 5_000], sample_count = 30)]
fn parse_and_check(bencher: divan::Bencher, size: usize) {
    let text = machines::machine(size);
    // The document is returned, not dropped: freeing it is not part of reading and
    // checking (an editor keeps it), and divan drops return values outside the timing.
    bencher.bench(|| {
        let doc = Document::parse(divan::black_box(text.as_str()), Format::Json).expect("parses");
        let diagnostics = asl_check::check(&doc);
        (doc, diagnostics)
    });
}

#[divan::bench(args = [1_000, 5_000], sample_count = 30)]
fn parse_only(bencher: divan::Bencher, size: usize) {
    let text = machines::machine(size);
    bencher.bench(|| Document::parse(divan::black_box(text.as_str()), Format::Json).expect("parses"));
}

#[divan::bench(args = [5_000], sample_count = 30)]
fn jsonc_parser_alone(bencher: divan::Bencher, size: usize) {
    let text = machines::machine(size);
    let opts = jsonc_parser::ParseOptions::default();
    let collect = jsonc_parser::CollectOptions::default();
    bencher.bench(|| {
        jsonc_parser::parse_to_ast(divan::black_box(text.as_str()), &collect, &opts).expect("parses")
    });
}

#[divan::bench(args = [5_000], sample_count = 30)]
fn serde_json_alone(bencher: divan::Bencher, size: usize) {
    let text = machines::machine(size);
    bencher.bench(|| {
        serde_json::from_str::<serde_json::Value>(divan::black_box(text.as_str())).expect("parses")
    });
}

#[divan::bench(args = [5_000], sample_count = 30)]
fn tree_alone(bencher: divan::Bencher, size: usize) {
    let text = machines::machine(size);
    bencher.bench(|| asl_model::syntax::read_json(divan::black_box(text.as_str())).expect("parses"));
}
