//! Interpreter workloads (issue #4), on the virtual clock with mocks:
//! - a 10,000-state Pass chain with Parameters/ResultPath edits (target <= 30 ms);
//! - a counter loop Pass -> Choice -> Pass(`States.MathAdd`) for 100,000 iterations, as an
//!   express execution keeping no history or records (target >= 1,000,000 transitions/s);
//! - an inline Map over 10,000 items running Pass + Choice + Pass (target <= 100 ms).
//!
//! - (issue #5) a Distributed Map over the sample's 100,000-row CSV read with ItemReader
//!   from a local folder, one child execution per row, results written by ResultWriter
//!   (target <= 1 s; memory bounded: rows are read as children start, results go to the
//!   files, children keep no history);
//! - (issue #5) the 100,000-iteration counter loop written in JSONata (target >= 300,000
//!   transitions/s).
//!
//! Allocations are counted (divan's AllocProfiler), so peak memory shows beside the times.

use asl_eval::{Execution, ExecutionType, Mocks, Options, Status};
use asl_model::{Document, Format};
use serde_json::{json, Value};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    // `ASL_BENCH_SKIP_FIGURES=1` skips the one-shot figures (for profiling one bench).
    if std::env::var_os("ASL_BENCH_SKIP_FIGURES").is_none() {
        figures();
    }
    divan::main();
}

fn figures() {
    // One timed run of the loop, for the transitions-per-second figure.
    let doc = counter_loop();
    let options = lean();
    let start = std::time::Instant::now();
    let outcome = Execution::run(&doc, json!({"i": 0, "n": 100_000}), &Mocks::default(), &options);
    let elapsed = start.elapsed();
    assert_eq!(outcome.status, Status::Succeeded, "{:?}", outcome.cause);
    eprintln!(
        "counter loop: {} transitions in {:.1} ms = {:.0} transitions/s",
        outcome.transitions,
        elapsed.as_secs_f64() * 1e3,
        outcome.transitions as f64 / elapsed.as_secs_f64()
    );
    let doc = jsonata_counter_loop();
    let start = std::time::Instant::now();
    let outcome = Execution::run(&doc, json!({"i": 0, "n": 100_000}), &Mocks::default(), &options);
    let elapsed = start.elapsed();
    assert_eq!(outcome.status, Status::Succeeded, "{:?}", outcome.cause);
    eprintln!(
        "JSONata counter loop: {} transitions in {:.1} ms = {:.0} transitions/s",
        outcome.transitions,
        elapsed.as_secs_f64() * 1e3,
        outcome.transitions as f64 / elapsed.as_secs_f64()
    );
    let (doc, options, _results) = distributed_csv();
    let start = std::time::Instant::now();
    let outcome = Execution::run(&doc, json!({}), &Mocks::default(), &options);
    let elapsed = start.elapsed();
    assert_eq!(outcome.status, Status::Succeeded, "{:?}", outcome.cause);
    eprintln!("distributed Map over a 100,000-row CSV: {:.1} ms", elapsed.as_secs_f64() * 1e3);
}

/// Express, no history kept, no per-state records: the loop as AWS runs an express one.
fn lean() -> Options {
    Options {
        execution_type: ExecutionType::Express,
        record_history: false,
        record_states: false,
        max_transitions: None,
        ..Options::default()
    }
}

fn parse(v: &Value) -> Document {
    Document::parse(serde_json::to_string_pretty(v).unwrap_or_default(), Format::Json)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn chain(states: usize) -> Document {
    let mut map = serde_json::Map::new();
    for i in 0..states {
        let mut s = json!({
            "Type": "Pass",
            "Parameters": {"step": i, "count.$": "$.count", "tag.$": "$.tag"},
            "ResultPath": "$.last",
        });
        if i + 1 == states {
            s["End"] = json!(true);
        } else {
            s["Next"] = json!(format!("S{}", i + 1));
        }
        map.insert(format!("S{i}"), s);
    }
    parse(&json!({"StartAt": "S0", "States": map}))
}

fn counter_loop() -> Document {
    parse(&json!({
        "StartAt": "Start",
        "States": {
            "Start": {"Type": "Pass", "Next": "Check"},
            "Check": {"Type": "Choice", "Choices": [
                {"Variable": "$.i", "NumericLessThanPath": "$.n", "Next": "Increment"}
            ], "Default": "Done"},
            "Increment": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "n.$": "$.n"}, "Next": "Check"},
            "Done": {"Type": "Succeed"}
        }
    }))
}

fn map_machine() -> Document {
    parse(&json!({
        "StartAt": "Fan",
        "States": {
            "Fan": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 0,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Tag", "States": {
                    "Tag": {"Type": "Pass", "Parameters": {"v.$": "$"}, "Next": "Even"},
                    "Even": {"Type": "Choice", "Choices": [{"Variable": "$.v", "NumericGreaterThan": 4999, "Next": "High"}], "Default": "Low"},
                    "High": {"Type": "Pass", "Result": "high", "ResultPath": "$.band", "End": true},
                    "Low": {"Type": "Pass", "Result": "low", "ResultPath": "$.band", "End": true}
                }},
                "End": true}
        }
    }))
}

#[divan::bench(sample_count = 10)]
fn pass_chain_10000(bencher: divan::Bencher) {
    let doc = chain(10_000);
    let options = lean();
    bencher.bench(|| {
        let o = Execution::run(&doc, json!({"count": 1, "tag": "x"}), &Mocks::default(), &options);
        assert_eq!(o.status, Status::Succeeded);
    });
}

#[divan::bench(sample_count = 10)]
fn pass_chain_10000_recorded(bencher: divan::Bencher) {
    let doc = chain(10_000);
    let options =
        Options { max_transitions: None, execution_type: ExecutionType::Express, ..Options::default() };
    bencher.bench(|| {
        let o = Execution::run(&doc, json!({"count": 1, "tag": "x"}), &Mocks::default(), &options);
        assert_eq!(o.status, Status::Succeeded);
    });
}

#[divan::bench(sample_count = 5)]
fn counter_loop_100000(bencher: divan::Bencher) {
    let doc = counter_loop();
    let options = lean();
    bencher.bench(|| {
        let o = Execution::run(&doc, json!({"i": 0, "n": 100_000}), &Mocks::default(), &options);
        assert_eq!(o.status, Status::Succeeded);
    });
}

#[divan::bench(sample_count = 10)]
fn map_10000_items(bencher: divan::Bencher) {
    let doc = map_machine();
    let options = lean();
    let items: Vec<u32> = (0..10_000).collect();
    let input = json!({"items": items});
    bencher.bench(|| {
        let o = Execution::run(&doc, input.clone(), &Mocks::default(), &options);
        assert_eq!(o.status, Status::Succeeded);
    });
}

fn jsonata_counter_loop() -> Document {
    parse(&json!({
        "QueryLanguage": "JSONata",
        "StartAt": "Start",
        "States": {
            "Start": {"Type": "Pass", "Next": "Check"},
            "Check": {"Type": "Choice", "Choices": [
                {"Condition": "{% $states.input.i < $states.input.n %}", "Next": "Increment"}
            ], "Default": "Done"},
            "Increment": {"Type": "Pass", "Output": {"i": "{% $states.input.i + 1 %}", "n": "{% $states.input.n %}"}, "Next": "Check"},
            "Done": {"Type": "Succeed"}
        }
    }))
}

#[divan::bench(sample_count = 5)]
fn jsonata_counter_loop_100000(bencher: divan::Bencher) {
    let doc = jsonata_counter_loop();
    let options = lean();
    bencher.bench(|| {
        let o = Execution::run(&doc, json!({"i": 0, "n": 100_000}), &Mocks::default(), &options);
        assert_eq!(o.status, Status::Succeeded, "{:?}", o.cause);
    });
}

/// The sample's 100,000-row CSV (`samples/distributed-map-s3/bucket/sales/sales-100k.csv`,
/// read as the bucket `acme-sales`) and a Distributed Map reading it: each row is a child
/// execution (Pass with Parameters and an intrinsic), MaxConcurrency 1,000, results
/// written by ResultWriter to `<tmp>/results/`, in a temporary folder removed when the
/// returned `TempDir` is dropped (so keep it for the whole bench).
fn distributed_csv() -> (Document, Options, tempfile::TempDir) {
    let tmp = tempfile::Builder::new().prefix("asl-bench-distributed-").tempdir().expect("temp dir");
    let root = tmp.path().to_path_buf();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/distributed-map-s3/bucket");
    let doc = parse(&json!({
        "StartAt": "Rows",
        "States": {
            "Rows": {"Type": "Map", "Label": "Rows", "MaxConcurrency": 1000,
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                    "Parameters": {"Bucket": "acme-sales", "Key": "sales/sales-100k.csv"}},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "Parse", "States": {
                    "Parse": {"Type": "Pass", "Parameters": {"sale.$": "$.sale", "store.$": "$.store", "cents.$": "States.StringToJson($.cents)"}, "End": true}
                }},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "results", "Prefix": "runs"}},
                "End": true}
        }
    }));
    let s3 = asl_eval::S3Folders {
        root: Some(root),
        buckets: [("acme-sales".to_string(), std::path::PathBuf::from(sample))].into(),
        ..Default::default()
    };
    (doc, Options { s3, ..lean() }, tmp)
}

#[divan::bench(sample_count = 5)]
fn distributed_map_csv_100000(bencher: divan::Bencher) {
    let (doc, options, _results) = distributed_csv();
    bencher.bench(|| {
        let o = Execution::run(&doc, json!({}), &Mocks::default(), &options);
        assert_eq!(o.status, Status::Succeeded, "{:?}", o.cause);
    });
}
