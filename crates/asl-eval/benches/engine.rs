//! Interpreter workloads (issue #4), on the virtual clock with mocks:
//! - a 10,000-state Pass chain with Parameters/ResultPath edits (target <= 30 ms);
//! - a counter loop Pass -> Choice -> Pass(`States.MathAdd`) for 100,000 iterations, as an
//!   express execution keeping no history or records (target >= 1,000,000 transitions/s);
//! - an inline Map over 10,000 items running Pass + Choice + Pass (target <= 100 ms).
//!
//! Allocations are counted (divan's AllocProfiler), so peak memory shows beside the times.

use asl_eval::{Execution, ExecutionType, Mocks, Options, Status};
use asl_model::{Document, Format};
use serde_json::{json, Value};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
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
    divan::main();
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
