//! JSONata states and Variables end to end: Output/Assign ordering, scoping in Parallel
//! and Map, the history and records, and bad expressions (clear errors, no panic).

use asl_eval::{Execution, Mocks, Options, Outcome, Status};
use asl_model::{Document, Format};
use serde_json::{json, Value};

fn run(definition: Value, input: Value) -> Outcome {
    let doc = Document::parse(definition.to_string(), Format::Json).expect("definition");
    let mocks = Mocks::from_value(&json!({}), None, None).expect("mocks");
    Execution::run(&doc, input, &mocks, &Options { seed: Some(7), ..Options::default() })
}

fn jsonata(states: Value) -> Value {
    json!({"QueryLanguage": "JSONata", "StartAt": "A", "States": states})
}

#[test]
fn output_and_assign_see_the_old_variables() {
    let o = run(
        jsonata(json!({
            "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
            "B": {"Type": "Pass", "Assign": {"x": "{% $x + 1 %}", "old": "{% $x %}"},
                  "Output": {"seen": "{% $x %}", "in": "{% $states.input.n %}"}, "Next": "C"},
            "C": {"Type": "Pass", "Output": "{% [$x, $old] %}", "End": true}
        })),
        json!({"n": 5}),
    );
    assert_eq!(o.status, Status::Succeeded, "{:?}", o.cause);
    assert_eq!(o.states[1].output, Some(json!({"seen": 1, "in": 5})));
    assert_eq!(o.output, Some(json!([2, 1])));
    assert_eq!(o.states[1].variables, Some(serde_json::from_value(json!({"x": 2, "old": 1})).unwrap()));
    let exited = o.history.iter().find(|e| e.kind == "PassStateExited").expect("exited");
    let details = serde_json::to_value(exited).unwrap();
    assert_eq!(details["stateExitedEventDetails"]["assignedVariables"], json!({"x": "1"}));
}

#[test]
fn inner_scopes_read_outer_variables_and_do_not_leak() {
    let branch = json!({"StartAt": "In", "States": {
        "In": {"Type": "Pass", "Assign": {"inner": "{% $outer %}"}, "Output": "{% $outer %}", "End": true}}});
    let o = run(
        jsonata(json!({
            "A": {"Type": "Pass", "Assign": {"outer": "o"}, "Next": "P"},
            "P": {"Type": "Parallel", "Branches": [branch.clone()], "Next": "M"},
            "M": {"Type": "Map", "Items": [1, 2], "ItemProcessor": branch, "Next": "End"},
            "End": {"Type": "Pass", "Output": {"m": "{% $states.input %}", "leak": "{% $exists($inner) %}"}, "End": true}
        })),
        json!({}),
    );
    assert_eq!(o.status, Status::Succeeded, "{:?}", o.cause);
    assert_eq!(o.output, Some(json!({"m": ["o", "o"], "leak": false})));
}

#[test]
fn task_result_and_catch_error_output() {
    let def = jsonata(json!({
        "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
              "Arguments": {"v": "{% $states.input.v %}"},
              "Output": {"r": "{% $states.result %}"}, "Next": "B"},
        "B": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:g",
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C",
                         "Assign": {"err": "{% $states.errorOutput.Error %}"}}], "End": true},
        "C": {"Type": "Pass", "Output": {"err": "{% $err %}", "in": "{% $states.input %}"}, "End": true}
    }));
    let doc = Document::parse(def.to_string(), Format::Json).unwrap();
    let mocks = Mocks::from_value(
        &json!({"A": [{"return": {"ok": 1}}], "B": [{"throw": {"error": "Boom", "cause": "c"}}]}),
        None,
        None,
    )
    .unwrap();
    let o = Execution::run(&doc, json!({"v": 3}), &mocks, &Options::default());
    assert_eq!(o.status, Status::Succeeded, "{:?}", o.cause);
    assert_eq!(o.states[0].inspection.after_arguments, Some(json!({"v": 3})));
    assert_eq!(o.output, Some(json!({"err": "Boom", "in": {"Error": "Boom", "Cause": "c"}})));
}

#[test]
fn bad_expressions_fail_with_query_evaluation_errors() {
    for (expr, wanted) in [
        ("$eval('1 + 1')", "not supported"),
        ("1 +", "threw an error during evaluation"),
        ("$nope()", "T1006"),
        ("$doesNotExist", "returned nothing (undefined)"),
        ("($f := function($n) { 1 + $f($n + 1) }; $f(0))", "threw an error during evaluation"),
    ] {
        let o = run(
            jsonata(json!({"A": {"Type": "Pass", "Output": format!("{{% {expr} %}}"), "End": true}})),
            json!({}),
        );
        assert_eq!(o.status, Status::Failed, "{expr}");
        assert_eq!(o.error.as_deref(), Some("States.QueryEvaluationError"), "{expr}");
        let cause = o.cause.unwrap_or_default();
        assert!(cause.starts_with("An error occurred while executing the state 'A'"), "{cause}");
        assert!(cause.contains(wanted), "{expr}: {cause}");
    }
}

#[test]
fn fields_check_their_result_types() {
    let o = run(jsonata(json!({"A": {"Type": "Wait", "Seconds": "{% 'x' %}", "End": true}})), json!({}));
    assert_eq!(o.error.as_deref(), Some("States.QueryEvaluationError"));
    let o = run(
        jsonata(
            json!({"A": {"Type": "Choice", "Choices": [{"Condition": "{% 1 %}", "Next": "B"}], "Default": "B"},
                       "B": {"Type": "Succeed"}}),
        ),
        json!({}),
    );
    assert!(o.cause.unwrap_or_default().contains("Expected 'boolean', but was 'number'"));
    let o = run(
        jsonata(json!({"A": {"Type": "Fail", "Error": "{% 'E' & $states.input.n %}", "Cause": "c"}})),
        json!({"n": 1}),
    );
    assert_eq!((o.error.as_deref(), o.cause.as_deref()), (Some("E1"), Some("c")));
}

/// Bad input: values nested 100,000 deep never overflow the stack (this runs on a normal
/// test thread): JSON text that deep is refused by the parser, and a JSONata expression
/// building it fails with a clear error.
#[test]
fn deeply_nested_variables_give_a_clear_error() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    // JSONPath: the intrinsic refuses to parse it.
    let def = json!({"StartAt": "A", "States": {"A": {"Type": "Pass",
        "Assign": {"deep.$": "States.StringToJson($.text)"}, "End": true}}});
    let out = run(def, json!({"text": deep}));
    assert_eq!(out.status, Status::Failed);
    assert_eq!(out.error.as_deref(), Some("States.IntrinsicFailure"), "{:?}", out.cause);
    // JSONata: $parse refuses it; building it with $reduce is stopped at the nesting limit.
    let out = run(
        jsonata(
            json!({"A": {"Type": "Pass", "Assign": {"deep": "{% $parse($states.input.text) %}"}, "End": true}}),
        ),
        json!({"text": deep}),
    );
    assert_eq!(out.status, Status::Failed);
    assert!(out.cause.as_deref().unwrap_or_default().contains("recursion limit"), "{:?}", out.cause);
    let build = "{% $reduce([1..100000], function($acc, $i) { {\"x\": $acc} }, {}) %}";
    let out = run(
        jsonata(
            json!({"A": {"Type": "Pass", "Assign": {"deep": build}, "Next": "B"}, "B": {"Type": "Pass", "Output": "{% $deep %}", "End": true}}),
        ),
        json!({}),
    );
    assert_eq!(
        out.status,
        Status::Failed,
        "{:?}",
        out.output.map(|o| o.to_string().chars().take(80).collect::<String>())
    );
    assert_eq!(out.error.as_deref(), Some("States.QueryEvaluationError"), "{:?}", out.cause);
    assert!(out.cause.as_deref().unwrap_or_default().contains("nested"), "{:?}", out.cause);
}

/// A sequence past ten million items (two ranges appended) stops with jsonata-core's
/// D2015 before it is built, instead of holding hundreds of megabytes. (Not every
/// sequence is checked before it grows: see MAX_SEQUENCE in src/jsonata/mod.rs.)
#[test]
fn sequences_stop_at_the_sequence_limit() {
    for expression in ["$count($append([1..6000000], [1..6000000]))", "$append([1..9000000], [1..2000000])[0]"] {
        let def = jsonata(json!({"A": {"Type": "Pass", "Output": format!("{{% {expression} %}}"), "End": true}}));
        let out = run(def, json!({}));
        assert_eq!(out.error.as_deref(), Some("States.QueryEvaluationError"), "{expression}: {:?}", out.cause);
        assert!(out.cause.as_deref().unwrap_or_default().contains("D2015"), "{expression}: {:?}", out.cause);
    }
    // One range of a million stays well inside it.
    let def = jsonata(json!({"A": {"Type": "Pass", "Output": "{% $count([1..1000000]) %}", "End": true}}));
    assert_eq!(run(def, json!({})).output, Some(json!(1_000_000)));
}
