//! Resource limits where an expression can make a run work without end (issue #19):
//! with the counting allocator the `asl` binary and the app install, a JSONata
//! evaluation that holds too much memory fails the state, catchably; intrinsic calls
//! that multiply sizes fail before they build the value.

use asl_eval::{Execution, Mocks, Options, Outcome, Status};
use asl_model::{Document, Format};
use serde_json::{json, Value};

#[global_allocator]
static GLOBAL: asl_alloc::Counting<std::alloc::System> = asl_alloc::Counting(std::alloc::System);

fn run(definition: Value, input: Value) -> Outcome {
    let doc = Document::parse(definition.to_string(), Format::Json).expect("definition");
    let mocks = Mocks::from_value(&json!({}), None, None).expect("mocks");
    Execution::run(&doc, input, &mocks, &Options { seed: Some(7), ..Options::default() })
}

#[test]
fn a_jsonata_query_holding_too_much_memory_fails_the_state_and_can_be_caught() {
    // Every sequence stays under the 10-million-item limit, and before the memory limit
    // it grew about 0.5 GB/s until the 10 s time limit.
    let o = run(
        json!({"QueryLanguage": "JSONata", "StartAt": "Huge", "States": {
            "Huge": {"Type": "Parallel", "Next": "After",
                     "Branches": [{"StartAt": "Count", "States": {"Count": {"Type": "Pass",
                         "Output": "{% $count([1..1000000].([1..1000000])) %}", "End": true}}}],
                     "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Next": "Caught",
                                "Output": "{% $states.errorOutput %}"}]},
            "After": {"Type": "Succeed"},
            "Caught": {"Type": "Pass", "Output": "{% {'sum': $sum([1..1000]), 'error': $states.input} %}", "End": true}
        }}),
        json!({}),
    );
    assert_eq!(o.status, Status::Succeeded, "{:?}", o.cause);
    let output = o.output.expect("output");
    assert_eq!(output["sum"], json!(500500), "the next state's expressions evaluate again");
    assert_eq!(output["error"]["Error"], json!("States.QueryEvaluationError"));
    let cause = output["error"]["Cause"].as_str().expect("cause");
    assert!(cause.contains("more than 256 MiB of memory"), "{cause}");
    assert!(cause.contains("'Output'"), "the field is named: {cause}");
}

#[test]
fn intrinsic_calls_that_multiply_sizes_fail_before_building_the_value() {
    // Each States.JsonToString escapes the quotes and backslashes of the one inside it,
    // doubling a string of quotes: 10 levels (as many as AWS allows) from 100 KB would
    // be 100 MB (the input: 100,000 quotes, 200 KB as JSON).
    let mut expr = "$.s".to_string();
    for _ in 0..10 {
        expr = format!("States.JsonToString({expr})");
    }
    let quotes = json!({"s": "\"".repeat(100_000)});
    let grow = |expr: &str| {
        run(json!({"StartAt": "Grow", "States": {"Grow": {"Type": "Pass", "Parameters": {"out.$": expr}, "End": true}}}),
            quotes.clone())
    };
    let o = grow(&expr);
    assert_eq!(o.status, Status::Failed);
    assert_eq!(o.error.as_deref(), Some("States.IntrinsicFailure"));
    let cause = o.cause.unwrap_or_default();
    assert!(cause.contains("States.JsonToString: its result") && cause.contains("16777216 bytes"), "{cause}");

    // One call given a 200 KB input a hundred times.
    let o = grow(&format!("States.ArrayLength(States.Array({}))", vec!["$"; 100].join(", ")));
    assert_eq!(o.error.as_deref(), Some("States.IntrinsicFailure"));
    let cause = o.cause.unwrap_or_default();
    assert!(cause.contains("States.Array: its arguments"), "{cause}");
}

#[test]
fn values_well_over_a_payload_can_still_be_measured_inside_one_field() {
    // 100,000 one-letter pieces (about 500 KB as JSON) counted down to a number.
    let o = run(
        json!({"StartAt": "Split", "States": {
            "Split": {"Type": "Pass", "Parameters": {"n.$": "States.ArrayLength(States.StringSplit($.s, ','))"}, "End": true}
        }}),
        json!({"s": vec!["a"; 100_000].join(",")}),
    );
    assert_eq!(o.status, Status::Succeeded, "{:?}", o.cause);
    assert_eq!(o.output, Some(json!({"n": 100_000})));
}
