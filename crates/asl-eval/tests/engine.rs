//! The execution engine end to end: Retry and Catch, Parallel and Map edge cases, the
//! history AWS would record, the virtual clock, limits and mocks.

use asl_eval::{Execution, ExecutionType, Hook, Mocks, Options, Outcome, Resume, StatePoint, Status};
use asl_model::{Document, Format};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

fn doc(definition: Value) -> Document {
    Document::parse(definition.to_string(), Format::Json).expect("definition")
}

fn run_with(definition: Value, input: Value, mocks: Value, options: &Options) -> Outcome {
    let mocks = Mocks::from_value(&mocks, None, None).expect("mocks");
    Execution::run(&doc(definition), input, &mocks, options)
}

fn run(definition: Value, input: Value, mocks: Value) -> Outcome {
    let options = Options { seed: Some(7), ..Options::default() };
    run_with(definition, input, mocks, &options)
}

fn kinds(o: &Outcome) -> Vec<&'static str> {
    o.history.iter().map(|e| e.kind).collect()
}

fn previous(o: &Outcome) -> Vec<u64> {
    o.history.iter().map(|e| e.previous_event_id).collect()
}

fn names(o: &Outcome) -> Vec<&str> {
    o.states.iter().map(|r| r.name.as_str()).collect()
}

fn throw(error: &str, cause: &str) -> Value {
    json!({"throw": {"error": error, "cause": cause}})
}

fn task(extra: Value) -> Value {
    let mut t = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true});
    for (k, v) in extra.as_object().cloned().unwrap_or_default() {
        t[k] = v;
    }
    t
}

// ---------------------------------------------------------------- Retry

#[test]
fn retry_then_succeed_waits_with_backoff_on_the_virtual_clock() {
    let def = json!({"StartAt": "T", "States": {"T": task(json!({
        "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 3}],
        "ResultSelector": {"retries.$": "$$.State.RetryCount", "v.$": "$.v"}
    }))}});
    let mocks = json!({"T": [throw("Boom", "1"), throw("Boom", "2"), {"return": {"v": 42}}]});
    let started = std::time::Instant::now();
    let o = run(def, json!({}), mocks);
    assert!(started.elapsed().as_secs() < 2, "the virtual clock never really waits");
    assert_eq!(o.status, Status::Succeeded, "{:?}", o.cause);
    assert_eq!(o.output, Some(json!({"retries": 2, "v": 42})));
    // Timestamps advance by the backoffs: 2 s then 6 s.
    let times: Vec<&str> =
        o.history.iter().filter(|e| e.kind == "TaskScheduled").map(|e| e.timestamp.as_str()).collect();
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).expect("timestamp");
    assert_eq!((at(times[1]) - at(times[0])).num_seconds(), 2);
    assert_eq!((at(times[2]) - at(times[1])).num_seconds(), 6);
    assert_eq!(
        kinds(&o),
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskFailed",
            "TaskScheduled",
            "TaskStarted",
            "TaskFailed",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded"
        ]
    );
    let details = o.states[0].inspection.error_details.as_ref().expect("error details");
    assert_eq!(details.retry_index, Some(0));
    assert_eq!(details.retry_backoff_interval_seconds, Some(6.0));
}

#[test]
fn max_attempts_zero_never_retries_and_the_catcher_takes_over() {
    let def = json!({"StartAt": "T", "States": {
        "T": task(json!({"End": null, "Next": "Done",
            "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handled"}]})),
        "Done": {"Type": "Succeed"},
        "Handled": {"Type": "Pass", "End": true}}});
    let o = run(def, json!({"order": 1}), json!({"T": [throw("Boom", "once")]}));
    assert_eq!(o.status, Status::Succeeded);
    assert_eq!(o.output, Some(json!({"order": 1, "error": {"Error": "Boom", "Cause": "once"}})));
    assert_eq!(names(&o), ["T", "Handled"]);
    assert_eq!(o.states[0].output, o.output, "a caught state's output is the catcher's result");
}

#[test]
fn only_the_first_matching_retrier_applies() {
    // The first retrier matches and allows one retry; the second, also matching, is not used.
    let def = json!({"StartAt": "T", "States": {"T": task(json!({
        "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 1, "IntervalSeconds": 0},
                  {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}]}))}});
    let o = run(def, json!({}), json!({"T": [throw("Boom", "a"), throw("Boom", "b"), {"return": 1}]}));
    assert_eq!(o.status, Status::Failed);
    assert_eq!((o.error.as_deref(), o.cause.as_deref()), (Some("Boom"), Some("b")));
}

#[test]
fn task_failed_matches_everything_but_timeouts() {
    let def = |errors: Value| {
        json!({"StartAt": "T", "States": {
            "T": task(json!({"End": null, "Next": "Done", "Catch": [{"ErrorEquals": errors, "Next": "Caught"}]})),
            "Done": {"Type": "Succeed"}, "Caught": {"Type": "Succeed"}}})
    };
    let o = run(def(json!(["States.TaskFailed"])), json!({}), json!({"T": [throw("Anything", "x")]}));
    assert_eq!(names(&o), ["T", "Caught"]);
    let o = run(def(json!(["States.TaskFailed"])), json!({}), json!({"T": [throw("States.Timeout", "x")]}));
    assert_eq!((o.status, o.error.as_deref()), (Status::Failed, Some("States.Timeout")));
    let o = run(def(json!(["States.Timeout"])), json!({}), json!({"T": [throw("States.Timeout", "")]}));
    assert_eq!(names(&o), ["T", "Caught"]);
}

#[test]
fn states_runtime_is_never_caught() {
    let def = json!({"StartAt": "T", "States": {
        "T": task(json!({"End": null, "Next": "Done", "OutputPath": "$.missing",
            "Retry": [{"ErrorEquals": ["States.ALL"]}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}, {"ErrorEquals": ["States.Runtime"], "Next": "Done"}]})),
        "Done": {"Type": "Succeed"}}});
    let o = run(def, json!({}), json!({"T": [{"return": {"a": 1}}]}));
    assert_eq!(o.status, Status::Failed);
    assert_eq!(o.error.as_deref(), Some("States.Runtime"));
    let cause = o.cause.clone().unwrap_or_default();
    assert!(
        cause.starts_with("An error occurred while executing the state 'T' (entered at the event id #2). "),
        "{cause}"
    );
    assert_eq!(kinds(&o).last(), Some(&"ExecutionFailed"));
}

#[test]
fn catch_result_path_null_keeps_the_input_and_lambda_errors_keep_their_cause() {
    let def = json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111122223333:function:f", "Next": "Done",
              "Catch": [{"ErrorEquals": ["Exception"], "ResultPath": null, "Next": "Caught"}]},
        "Done": {"Type": "Succeed"}, "Caught": {"Type": "Pass", "End": true}}});
    let mocks = json!({"T": [{"throw": {"error": "Exception", "cause": {"errorMessage": "no", "errorType": "Exception"}}}]});
    let o = run(def, json!({"keep": true}), mocks);
    assert_eq!(o.output, Some(json!({"keep": true})));
    // A plain Lambda ARN: LambdaFunction* events, the cause as Python's json.dumps wrote it.
    let failed = o.history.iter().find(|e| e.kind == "LambdaFunctionFailed").expect("failed event");
    let details = &failed.details.as_ref().expect("details").1;
    assert_eq!(details["cause"], json!(r#"{"errorMessage": "no", "errorType": "Exception"}"#));
    assert!(kinds(&o).contains(&"LambdaFunctionScheduled"));
}

// ---------------------------------------------------------------- Parallel

#[test]
fn parallel_outputs_follow_branch_order_and_history_chains_per_branch() {
    let def = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Next": "After", "Branches": [
            {"StartAt": "A1", "States": {"A1": {"Type": "Pass", "Result": "a", "Next": "A2"}, "A2": {"Type": "Pass", "End": true}}},
            {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Result": "b", "Next": "B2"}, "B2": {"Type": "Pass", "End": true}}}]},
        "After": {"Type": "Pass", "End": true}}});
    let o = run(def, json!({"x": 1}), json!({}));
    assert_eq!(o.output, Some(json!(["a", "b"])));
    assert_eq!(o.history.len(), 16);
    let ids: Vec<u64> = o.history.iter().map(|e| e.id).collect();
    assert_eq!(ids, (1..=16).collect::<Vec<u64>>());
    assert_eq!(&kinds(&o)[..3], ["ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted"]);
    assert_eq!(&previous(&o)[..3], [0, 0, 2]);
    // Both branches start from ParallelStateStarted (#3).
    let entered_a1 = o
        .history
        .iter()
        .find(|e| e.kind == "PassStateEntered" && e.details.as_ref().is_some_and(|d| d.1["name"] == "A1"));
    let entered_b1 = o
        .history
        .iter()
        .find(|e| e.kind == "PassStateEntered" && e.details.as_ref().is_some_and(|d| d.1["name"] == "B1"));
    assert_eq!(entered_a1.map(|e| e.previous_event_id), Some(3));
    assert_eq!(entered_b1.map(|e| e.previous_event_id), Some(3));
    let succeeded = o.history.iter().position(|e| e.kind == "ParallelStateSucceeded").expect("succeeded");
    assert_eq!(o.history[succeeded].previous_event_id, o.history[succeeded - 1].id);
    assert_eq!(
        o.history[succeeded + 1].previous_event_id,
        o.history[succeeded - 1].id,
        "Exited passes Succeeded by"
    );
    assert_eq!(o.states[0].path, "P");
    assert!(o.states.iter().any(|r| r.path == "P/1/B2"));
}

#[test]
fn a_failing_branch_fails_the_parallel_with_its_own_error_and_catch_sees_it() {
    let def = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Next": "Done", "Branches": [
            {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
            {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "MyError", "Cause": "my cause"}}}],
            "Catch": [{"ErrorEquals": ["MyError"], "ResultPath": "$.failure", "Next": "Handled"}]},
        "Done": {"Type": "Succeed"},
        "Handled": {"Type": "Pass", "End": true}}});
    let o = run(def.clone(), json!({"x": 1}), json!({}));
    assert_eq!(o.output, Some(json!({"x": 1, "failure": {"Error": "MyError", "Cause": "my cause"}})));
    assert!(kinds(&o).contains(&"ParallelStateFailed"));
    let mut uncaught = def;
    uncaught["States"]["P"]["Catch"] = json!([]);
    let o = run(uncaught, json!({}), json!({}));
    assert_eq!((o.error.as_deref(), o.cause.as_deref()), (Some("MyError"), Some("my cause")));
}

#[test]
fn a_task_failing_in_a_branch_is_aborted_and_runtime_errors_skip_the_container_events() {
    let def = json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Send", "States": {"Send": task(json!({}))}}]}}});
    let o = run(def, json!({}), json!({"Send": [throw("Queue.Missing", "no queue")]}));
    assert_eq!(
        kinds(&o),
        [
            "ExecutionStarted",
            "ParallelStateEntered",
            "ParallelStateStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskFailed",
            "TaskStateAborted",
            "ParallelStateFailed",
            "ExecutionFailed"
        ]
    );
    assert_eq!(previous(&o), [0, 0, 2, 3, 4, 5, 6, 7, 7, 9]);

    let def = json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Fast", "States": {"Fast": {"Type": "Pass", "Parameters": {"m.$": "$.nope"}, "End": true}}}]}}});
    let o = run(def, json!({"x": "a"}), json!({}));
    assert_eq!(
        kinds(&o),
        [
            "ExecutionStarted",
            "ParallelStateEntered",
            "ParallelStateStarted",
            "PassStateEntered",
            "ExecutionFailed"
        ]
    );
    assert_eq!(o.error.as_deref(), Some("States.Runtime"));
    assert!(o.cause.unwrap_or_default().contains("(entered at the event id #4)"));
}

#[test]
fn branches_see_outer_variables_but_their_assignments_stay_inside() {
    let def = json!({"StartAt": "Set", "States": {
        "Set": {"Type": "Pass", "Assign": {"x": 1}, "Next": "P"},
        "P": {"Type": "Parallel", "Next": "Read", "Branches": [
            {"StartAt": "In", "States": {"In": {"Type": "Pass", "Assign": {"x": 2, "seen.$": "$x"}, "End": true}}}]},
        "Read": {"Type": "Pass", "Parameters": {"x.$": "$x"}, "End": true}}});
    let o = run(def, json!({}), json!({}));
    assert_eq!(o.output, Some(json!({"x": 1})));
    let inner = o.states.iter().find(|r| r.name == "In").expect("In");
    assert_eq!(inner.variables, Some(json!({"x": 2, "seen": 1}).as_object().cloned().unwrap_or_default()));
}

// ---------------------------------------------------------------- Map

fn map_def(map: Value) -> Value {
    let mut m = json!({"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I",
        "States": {"I": {"Type": "Pass", "End": true}}}});
    for (k, v) in map.as_object().cloned().unwrap_or_default() {
        m[k] = v;
    }
    json!({"StartAt": "M", "States": {"M": m}})
}

#[test]
fn map_item_selector_sees_index_and_value_and_results_keep_item_order() {
    let def = map_def(json!({"ItemsPath": "$.items", "MaxConcurrency": 2,
        "ItemSelector": {"index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value", "tag.$": "$.tag"}}));
    let o = run(def, json!({"items": ["a", "b", "c"], "tag": "t"}), json!({}));
    assert_eq!(
        o.output,
        Some(
            json!([{"index": 0, "value": "a", "tag": "t"}, {"index": 1, "value": "b", "tag": "t"}, {"index": 2, "value": "c", "tag": "t"}])
        )
    );
    let started = o
        .history
        .iter()
        .find(|e| e.kind == "MapStateStarted")
        .and_then(|e| e.details.clone())
        .expect("started");
    assert_eq!(started.1, json!({"length": 3}));
    assert_eq!(o.history.iter().filter(|e| e.kind == "MapIterationSucceeded").count(), 3);
}

#[test]
fn map_over_nothing_exits_from_its_started_event() {
    let o = run(map_def(json!({"ItemsPath": "$.items"})), json!({"items": []}), json!({}));
    assert_eq!(o.output, Some(json!([])));
    assert_eq!(
        kinds(&o),
        [
            "ExecutionStarted",
            "MapStateEntered",
            "MapStateStarted",
            "MapStateSucceeded",
            "MapStateExited",
            "ExecutionSucceeded"
        ]
    );
    assert_eq!(previous(&o), [0, 0, 2, 3, 3, 5]);
}

#[test]
fn map_over_a_non_array_fails_clearly() {
    let o = run(map_def(json!({"ItemsPath": "$.items"})), json!({"items": {"a": 1}}), json!({}));
    assert_eq!(o.error.as_deref(), Some("States.Runtime"));
    assert!(o.cause.unwrap_or_default().ends_with(r#"Map state input must be an array but was: {"a":1}"#));
}

#[test]
fn tolerated_failures_let_some_iterations_fail() {
    let mut def = map_def(json!({"ToleratedFailureCount": 1}));
    def["States"]["M"]["ItemProcessor"]["States"]["I"] = task(json!({}));
    let mocks = json!({"I": [{"return": 1}, throw("Bad", "item"), {"return": 3}]});
    let o = run(def.clone(), json!([0, 1, 2]), mocks);
    assert_eq!(o.status, Status::Succeeded, "{:?}", o.cause);
    assert_eq!(o.output, Some(json!([1, {"Error": "Bad", "Cause": "item"}, 3])));
    let mocks = json!({"I": [throw("Bad", "1"), throw("Bad", "2"), {"return": 3}]});
    let o = run(def, json!([0, 1, 2]), mocks);
    assert_eq!(o.error.as_deref(), Some("States.ExceedToleratedFailureThreshold"));
}

#[test]
fn a_failing_iteration_fails_the_map_and_retrying_the_map_runs_it_again() {
    let mut def = map_def(
        json!({"MaxConcurrency": 1, "Retry": [{"ErrorEquals": ["Bad"], "MaxAttempts": 1, "IntervalSeconds": 0}]}),
    );
    def["States"]["M"]["ItemProcessor"]["States"]["I"] = task(json!({}));
    let mocks = json!({"I": [{"return": "a"}, throw("Bad", "x"), {"return": "a2"}, {"return": "b2"}]});
    let o = run(def, json!([1, 2]), mocks);
    assert_eq!(o.output, Some(json!(["a2", "b2"])));
    assert_eq!(kinds(&o).iter().filter(|k| **k == "MapStateStarted").count(), 2);
    assert!(kinds(&o).contains(&"MapIterationFailed"));
    assert!(kinds(&o).contains(&"MapStateFailed"));
}

#[test]
fn item_batcher_groups_items_with_the_batch_input() {
    let def = map_def(json!({"ItemsPath": "$.items",
        "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"day.$": "$.day"}}}));
    let o = run(def, json!({"items": [1, 2, 3], "day": "mon"}), json!({}));
    assert_eq!(
        o.output,
        Some(
            json!([{"BatchInput": {"day": "mon"}, "Items": [1, 2]}, {"BatchInput": {"day": "mon"}, "Items": [3]}])
        )
    );
}

#[test]
fn max_concurrency_path_must_name_an_integer() {
    let def = map_def(json!({"ItemsPath": "$.items", "MaxConcurrencyPath": "$.n"}));
    let o = run(def, json!({"n": "many", "items": [1]}), json!({}));
    assert_eq!(o.error.as_deref(), Some("States.Runtime"));
    assert!(o.cause.unwrap_or_default().ends_with(
        "The MaxConcurrencyPath field refers to value \"many\" which is not a valid integer: $.n"
    ));
}

// ---------------------------------------------------------------- Wait, clock, context

#[test]
fn waits_advance_virtual_time_and_the_entered_time() {
    let def = json!({"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 3600, "Next": "Read"},
        "Read": {"Type": "Pass", "Parameters": {"start.$": "$$.Execution.StartTime", "entered.$": "$$.State.EnteredTime"}, "End": true}}});
    let options =
        Options { start_time: Some("2026-01-01T00:00:00Z".parse().expect("time")), ..Options::default() };
    let o = run_with(def, json!({}), json!({}), &options);
    assert_eq!(
        o.output,
        Some(json!({"start": "2026-01-01T00:00:00.000Z", "entered": "2026-01-01T01:00:00.000Z"}))
    );
}

#[test]
fn the_machine_timeout_runs_on_the_clock() {
    let def = json!({"TimeoutSeconds": 60, "StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 120, "Next": "Done"}, "Done": {"Type": "Succeed"}}});
    let o = run(def, json!({}), json!({}));
    assert_eq!(o.status, Status::TimedOut);
    assert_eq!(o.error.as_deref(), Some("States.Timeout"));
    assert_eq!(kinds(&o).last(), Some(&"ExecutionTimedOut"));
}

#[test]
fn wait_timestamps_must_be_iso_8601_with_an_offset() {
    let def = json!({"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}});
    let o = run(def.clone(), json!({"t": "2016-03-14T01:59:00Z"}), json!({}));
    assert_eq!(o.status, Status::Succeeded);
    let o = run(def, json!({"t": "2016-12-05T21:29:29"}), json!({}));
    assert!(o.cause.unwrap_or_default().ends_with(
        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.t == 2016-12-05T21:29:29"
    ));
}

#[test]
fn choice_without_match_or_default_fails_as_aws_reports_it() {
    let def = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "StringEquals": "never", "Next": "Done"}]},
        "Done": {"Type": "Succeed"}}});
    let o = run(def, json!({"x": "a"}), json!({}));
    assert_eq!(o.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        o.cause.as_deref(),
        Some("An error occurred while executing the state 'C' (entered at the event id #2). Failed to transition out of the state. The state does not point to a next state.")
    );
}

// ---------------------------------------------------------------- limits and mocks

#[test]
fn a_runaway_loop_ends_at_max_transitions() {
    let def = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}});
    let options =
        Options { max_transitions: Some(1000), execution_type: ExecutionType::Express, ..Options::default() };
    let o = run_with(def, json!({}), json!({}), &options);
    assert_eq!(o.status, Status::Failed);
    assert!(o.cause.unwrap_or_default().contains("limit of 1000 state transitions"));
    assert_eq!(o.transitions, 1001);
}

#[test]
fn standard_executions_stop_at_25000_history_events_and_express_ones_do_not() {
    let def = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 20000, "Next": "A"}], "Default": "Done"},
        "Done": {"Type": "Succeed"}}});
    let lean = Options { record_states: false, max_transitions: None, ..Options::default() };
    let o = run_with(def.clone(), json!({"i": 0}), json!({}), &lean);
    assert_eq!(o.status, Status::Failed);
    assert_eq!(
        o.cause.as_deref(),
        Some("The execution reached the maximum number of history events (25000).")
    );
    assert_eq!(o.events, 25_000);
    assert_eq!(o.history.last().map(|e| (e.id, e.kind)), Some((25_000, "ExecutionFailed")));
    let express = Options { execution_type: ExecutionType::Express, record_history: false, ..lean };
    let o = run_with(def, json!({"i": 0}), json!({}), &express);
    assert_eq!((o.status, o.output), (Status::Succeeded, Some(json!({"i": 20000}))));
}

#[test]
fn payloads_over_256_kib_fail_with_data_limit_exceeded() {
    let big = "x".repeat(300 * 1024);
    let def = json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"big": big}, "End": true}}});
    let o = run(def, json!({}), json!({}));
    assert_eq!(o.error.as_deref(), Some("States.DataLimitExceeded"));
    assert_eq!(o.cause.as_deref(), Some("The state/task 'P' returned a result with a size exceeding the maximum number of bytes service limit."));
}

#[test]
fn missing_mocks_end_the_execution_naming_the_state_even_under_catch() {
    let def = json!({"StartAt": "T", "States": {
        "T": task(json!({"End": null, "Next": "Done", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}]})),
        "Done": {"Type": "Succeed"}}});
    let o = run(def.clone(), json!({}), json!({}));
    assert_eq!(o.status, Status::Failed);
    assert!(o.cause.unwrap_or_default().contains("'T' has no mock"));
    let o = run(def, json!({}), json!({"T": []}));
    assert!(o.cause.unwrap_or_default().contains("invoked 1 times but its mocks cover only 0"));
}

#[test]
fn lambda_invoke_returns_the_whole_service_response() {
    let def = json!({"StartAt": "T", "States": {"T": task(json!({"OutputPath": "$.Payload"}))}});
    let response = json!({"StatusCode": 200, "Payload": {"ok": true}, "ExecutedVersion": "$LATEST"});
    let o = run(def, json!({}), json!({"T": [{"return": response}]}));
    assert_eq!(o.output, Some(json!({"ok": true})));
    let scheduled = o
        .history
        .iter()
        .find(|e| e.kind == "TaskScheduled")
        .and_then(|e| e.details.clone())
        .expect("scheduled");
    assert_eq!(
        (scheduled.1["resourceType"].clone(), scheduled.1["resource"].clone()),
        (json!("lambda"), json!("invoke"))
    );
}

// ---------------------------------------------------------------- records, hook

#[test]
fn records_carry_the_processing_stages() {
    let def = json!({"StartAt": "T", "States": {"T": task(json!({
        "InputPath": "$.in", "Parameters": {"p.$": "$.v"}, "ResultSelector": {"r.$": "$.r"},
        "ResultPath": "$.res", "OutputPath": "$.res"}))}});
    let o = run(def, json!({"in": {"v": 1}}), json!({"T": [{"return": {"r": 2, "noise": 0}}]}));
    let i = &o.states[0].inspection;
    assert_eq!(i.after_input_path, Some(json!({"v": 1})));
    assert_eq!(i.after_parameters, Some(json!({"p": 1})));
    assert_eq!(i.result, Some(json!({"r": 2, "noise": 0})));
    assert_eq!(i.after_result_selector, Some(json!({"r": 2})));
    assert_eq!(i.after_result_path, Some(json!({"in": {"v": 1}, "res": {"r": 2}})));
    assert_eq!(i.output, Some(json!({"r": 2})));
}

struct Recorder(Mutex<Vec<String>>);

type HookFuture<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Resume> + Send + 'a>>;

impl Hook for Recorder {
    fn enter<'a>(&'a self, p: StatePoint<'a>) -> HookFuture<'a> {
        self.0.lock().expect("lock").push(format!("before {} depth {}", p.path, p.depth));
        Box::pin(async { Resume::Continue })
    }
    fn leave<'a>(&'a self, p: StatePoint<'a>) -> HookFuture<'a> {
        self.0.lock().expect("lock").push(format!(
            "after {} -> {}",
            p.path,
            p.output.map(Value::to_string).unwrap_or_default()
        ));
        Box::pin(async { Resume::Continue })
    }
}

#[test]
fn the_hook_sees_every_state_enter_and_leave() {
    let recorder = Arc::new(Recorder(Mutex::new(Vec::new())));
    let options = Options { hook: Some(recorder.clone()), ..Options::default() };
    let def = json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "End": true}}}]}}});
    run_with(def, json!({}), json!({}), &options);
    let seen = recorder.0.lock().expect("lock").clone();
    assert_eq!(seen, ["before P depth 0", "before P/0/A depth 1", "after P/0/A -> 1", "after P -> [1]"]);
}

#[test]
fn the_real_clock_really_waits() {
    let options = Options { clock: Arc::new(asl_eval::RealClock), ..Options::default() };
    let def = json!({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true}}});
    let started = std::time::Instant::now();
    let o = run_with(def, json!({"k": 1}), json!({}), &options);
    assert_eq!(o.output, Some(json!({"k": 1})));
    let waited = started.elapsed().as_millis();
    assert!((1000..5000).contains(&waited), "waited {waited} ms");
}
