//! What the recorded AWS calls do not cover: the API's wire form (JSON text in and out),
//! JSONPath Catchers and exhausted Retriers, Wait, Assign and the variables stage, and
//! bad requests answered with clear errors, never a panic.

use asl_teststate::{test_state, ApiError, TestStateOptions, TextFields};
use serde_json::{json, Value};

fn decoded() -> TestStateOptions {
    TestStateOptions { text_fields: TextFields::Decoded, ..TestStateOptions::default() }
}

fn answer(request: Value) -> Value {
    test_state(&request, &decoded()).unwrap_or_else(|e| panic!("unexpected API error {e}"))
}

fn refusal(request: Value) -> ApiError {
    match test_state(&request, &decoded()) {
        Ok(response) => panic!("expected an API error, got {response}"),
        Err(e) => e,
    }
}

#[test]
fn the_wire_form_carries_json_text_both_ways() {
    let request = json!({
        "definition": "{\"Type\": \"Pass\", \"Parameters\": {\"b.$\": \"$.a\"}, \"Next\": \"N\"}",
        "input": "{\"a\": [1, 2]}",
        "inspectionLevel": "TRACE",
    });
    let response = test_state(&request, &TestStateOptions::default()).unwrap();
    assert_eq!(response["output"], json!("{\"b\":[1,2]}"));
    assert_eq!(response["inspectionData"]["afterParameters"], json!("{\"b\":[1,2]}"));
    assert_eq!(response["nextState"], "N");
    // Decoded, the same answer holds values.
    assert_eq!(answer(request)["output"], json!({"b": [1, 2]}));
}

fn lambda_task(extra: Value) -> Value {
    let mut task = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                          "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "End": true});
    task.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    task
}

#[test]
fn a_jsonpath_catcher_puts_the_error_where_its_result_path_says() {
    let definition = lambda_task(json!({
        "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 2}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "Recover"}],
    }));
    let request = |retries: u64| {
        json!({"definition": definition, "input": {"id": 7}, "inspectionLevel": "DEBUG",
               "mock": {"errorOutput": {"error": "Boom", "cause": "it broke"}},
               "stateConfiguration": {"retrierRetryCount": retries}})
    };
    let first = answer(request(0));
    assert_eq!(first["status"], "RETRIABLE");
    assert_eq!(
        first["inspectionData"]["errorDetails"],
        json!({"retryIndex": 0, "retryBackoffIntervalSeconds": 1})
    );
    let second = answer(request(1));
    assert_eq!(second["inspectionData"]["errorDetails"]["retryBackoffIntervalSeconds"], json!(2));
    // Attempts used up: the Catcher takes it.
    let caught = answer(request(2));
    assert_eq!(caught["status"], "CAUGHT_ERROR");
    assert_eq!(caught["nextState"], "Recover");
    assert_eq!(caught["output"], json!({"id": 7, "failure": {"Error": "Boom", "Cause": "it broke"}}));
    assert_eq!(caught["inspectionData"]["errorDetails"], json!({"retryIndex": 0, "catchIndex": 0}));
    assert_eq!(caught["error"], "Boom");
}

#[test]
fn an_unhandled_error_fails_the_state() {
    let response = answer(json!({
        "definition": lambda_task(json!({"Catch": [{"ErrorEquals": ["Other"], "Next": "X"}]})),
        "mock": {"errorOutput": {"error": "Boom", "cause": "it broke"}},
    }));
    assert_eq!(response, json!({"status": "FAILED", "error": "Boom", "cause": "it broke"}));
}

#[test]
fn a_path_that_selects_nothing_fails_with_aws_words() {
    let response = answer(json!({
        "definition": {"Type": "Pass", "InputPath": "$.missing", "End": true},
        "input": {"a": 1},
    }));
    assert_eq!(response["status"], "FAILED");
    assert_eq!(response["error"], "States.Runtime");
    assert_eq!(response["cause"], "Invalid path '$.missing' : No results for path: $['missing']");
}

#[test]
fn wait_and_succeed_pass_their_input_on() {
    let wait = answer(json!({
        "definition": {"Type": "Wait", "Seconds": 3600, "InputPath": "$.keep", "Next": "After"},
        "input": {"keep": {"x": 1}, "drop": 2},
        "inspectionLevel": "DEBUG",
    }));
    assert_eq!(wait["output"], json!({"x": 1}));
    assert_eq!(wait["nextState"], "After");
    assert_eq!(wait["inspectionData"]["afterInputPath"], json!({"x": 1}));
    let succeed =
        answer(json!({"definition": {"Type": "Succeed", "OutputPath": "$.a"}, "input": {"a": [1]}}));
    assert_eq!(succeed, json!({"status": "SUCCEEDED", "output": [1]}));
}

#[test]
fn assigned_variables_show_at_debug() {
    let response = answer(json!({
        "definition": {"Type": "Pass", "QueryLanguage": "JSONata",
                       "Assign": {"total": "{% $states.input.n + $base %}"}, "End": true},
        "input": {"n": 2},
        "variables": {"base": 40},
        "inspectionLevel": "DEBUG",
    }));
    assert_eq!(response["inspectionData"]["variables"], json!({"base": 40, "total": 42}));
    // The variables after the state, whatever its end.
    let failed = answer(
        json!({"definition": {"Type": "Fail", "Error": "E"}, "variables": {"v": 1}, "inspectionLevel": "DEBUG"}),
    );
    assert_eq!(failed["inspectionData"], json!({"input": {}, "afterInputPath": {}, "variables": {"v": 1}}));
    let info = answer(json!({"definition": {"Type": "Pass", "End": true}, "variables": "{\"v\": 1}"}));
    assert!(info.get("inspectionData").is_none(), "INFO shows no inspection data: {info}");
}

#[test]
fn jsonata_errors_are_query_evaluation_errors() {
    let response = answer(json!({
        "definition": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input.a.b %}", "End": true},
        "input": {"a": 1},
    }));
    assert_eq!(response["status"], "FAILED");
    assert_eq!(response["error"], "States.QueryEvaluationError");
}

#[test]
fn the_context_is_the_one_aws_makes_for_a_test_execution() {
    let options = TestStateOptions {
        account: "111111111111".into(),
        region: "eu-west-1".into(),
        start_time: Some("2025-12-03T00:00:00Z".parse().unwrap()),
        text_fields: TextFields::Decoded,
    };
    let request = json!({
        "definition": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                       "Parameters": {"QueueUrl": "q", "MessageBody": {"ctx.$": "$$"}}, "End": true},
        "mock": {"result": {}},
        "inspectionLevel": "DEBUG",
    });
    let response = test_state(&request, &options).unwrap();
    let ctx = &response["inspectionData"]["afterParameters"]["MessageBody"]["ctx"];
    assert_eq!(
        ctx["State"],
        json!({"Name": "StateName", "EnteredTime": "2025-12-03T00:00:00.000Z", "RetryCount": 0})
    );
    assert_eq!(ctx["Execution"]["RoleArn"], Value::Null);
    assert_eq!(ctx["Execution"]["Input"], json!({}));
    let id = ctx["Execution"]["Id"].as_str().unwrap();
    assert!(id.starts_with("arn:aws:states:eu-west-1:111111111111:express:"), "{id}");
    assert!(ctx["Task"]["Token"].as_str().is_some_and(|t| !t.is_empty()));
}

#[test]
fn bad_requests_are_refused_with_clear_messages() {
    let cases = [
        (json!([]), "ValidationException", "The TestState request must be a JSON object."),
        (json!({}), "ValidationException", "1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null"),
        (json!({"definition": "{not json"}), "ValidationException", "The field 'definition' is not valid JSON: key must be a string at line 1 column 2"),
        (json!({"definition": {"Type": "Pass", "End": true}, "inspectionLevel": "LOUD"}), "ValidationException",
         "1 validation error detected: Value 'LOUD' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]"),
        (json!({"definition": {"Type": "Pass", "End": true}, "extra": 1}), "ValidationException", "The TestState request has no field 'extra'."),
        (json!({"definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}}), "ValidationException",
         "stateName must be specified when the definition is a whole state machine"),
        (json!({"definition": lambda_task(json!({})), "roleArn": "arn:aws:iam::1:role/r"}), "ValidationException",
         "asl test-state runs locally and calls no AWS service: give the Task state a mock (mock.result or mock.errorOutput)"),
        (json!({"definition": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}], "End": true},
                "mock": {"result": [1, 2]}}), "ValidationException",
         "Mocked result must contain the same number of items as number of Parallel branches."),
        (json!({"definition": {"Type": "Wait", "Seconds": 1, "End": true}, "mock": {"result": "{}"}}), "ValidationException",
         "State type 'Wait' is not supported when a mock is specified"),
    ];
    for (request, type_, message) in cases {
        let e = refusal(request.clone());
        assert_eq!((e.type_.as_str(), e.message.as_str()), (type_, message), "for {request}");
    }
    let e = refusal(json!({"definition": {"Type": "Nope"}}));
    assert_eq!(e.type_, "InvalidDefinition");
    assert!(
        e.message.starts_with("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "),
        "{}",
        e.message
    );
}

/// Every field of a few requests (and of their definitions) replaced by values of every
/// JSON type: each answer is a response or an API error, never a panic.
#[test]
fn mangled_requests_never_panic() {
    let requests = [
        json!({"definition": lambda_task(json!({"Retry": [{"ErrorEquals": ["States.ALL"]}],
                                                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}]})),
               "input": {"a": 1}, "inspectionLevel": "TRACE", "mock": {"result": {"StatusCode": 200}},
               "stateConfiguration": {"retrierRetryCount": 1}}),
        json!({"definition": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "ToleratedFailureCount": 1,
                              "ItemSelector": {"v.$": "$$.Map.Item.Value"}, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}],
                              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true},
               "input": {"items": [1, 2]}, "inspectionLevel": "DEBUG", "mock": {"result": [1, 0]},
               "stateConfiguration": {"mapIterationFailureCount": 1}}),
        json!({"definition": {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.ok %}", "Next": "B"}], "Default": "B"},
                  "B": {"Type": "Fail", "Error": "{% 'E' %}", "Cause": "{% $string($states.input) %}"}}},
               "stateName": "B", "input": {"ok": true}, "variables": {"v": 1}, "context": {"Execution": {"Name": "n"}}}),
    ];
    let values =
        [json!(null), json!(-1), json!(1.5), json!("x"), json!("{%"), json!([]), json!({}), json!(true)];
    let mut tried = 0;
    for request in &requests {
        let mut variants = Vec::new();
        for key in request.as_object().unwrap().keys() {
            for v in &values {
                let mut r = request.clone();
                r[key] = v.clone();
                variants.push(r);
            }
        }
        let definition = &request["definition"];
        let state = definition
            .get("States")
            .and_then(|s| s.get("B"))
            .map_or("/definition".to_string(), |_| "/definition/States/B".to_string());
        for key in request.pointer(&state).and_then(Value::as_object).unwrap().keys() {
            for v in &values {
                let mut r = request.clone();
                r.pointer_mut(&state).unwrap()[key] = v.clone();
                variants.push(r);
            }
        }
        for r in variants {
            tried += 1;
            let outcome = std::panic::catch_unwind(|| test_state(&r, &decoded()));
            assert!(outcome.is_ok(), "test_state panicked on {r}");
        }
    }
    assert!(tried > 100, "only {tried} variants");
}

#[test]
fn an_unmocked_task_goes_to_the_callers_task_handler() {
    use asl_eval::{RuntimeError, TaskFailure, TaskRequest};
    use asl_teststate::test_state_calling;
    let seen = std::cell::RefCell::new(Vec::new());
    let tasks = |request: TaskRequest<'_>| {
        seen.borrow_mut().push((request.resource.to_string(), request.input.clone()));
        match request.input["Payload"]["n"].as_i64() {
            Some(n) if n > 0 => Ok(json!({"StatusCode": 200, "Payload": {"double": n * 2}})),
            _ => Err(TaskFailure::Error(RuntimeError::new("Lambda.Unknown", "n must be positive"))),
        }
    };
    let request = |n: i64| {
        json!({"definition": lambda_task(json!({"ResultSelector": {"d.$": "$.Payload.double"},
                                                 "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Bad"}]})),
               "roleArn": "arn:aws:iam::111111111111:role/r", "input": {"n": n}})
    };
    let ok = test_state_calling(&request(4), &decoded(), &tasks).unwrap();
    assert_eq!(ok["output"], json!({"d": 8}));
    assert_eq!(
        seen.borrow()[0],
        ("arn:aws:states:::lambda:invoke".to_string(), json!({"FunctionName": "f", "Payload": {"n": 4}}))
    );
    let caught = test_state_calling(&request(-1), &decoded(), &tasks).unwrap();
    assert_eq!(
        (caught["status"].as_str(), caught["nextState"].as_str()),
        (Some("CAUGHT_ERROR"), Some("Bad"))
    );
    // AWS still wants the role it would call the service with.
    let mut no_role = request(4);
    no_role.as_object_mut().unwrap().remove("roleArn");
    let e = test_state_calling(&no_role, &decoded(), &tasks).unwrap_err();
    assert_eq!(e.message, "RoleArn must be specified when testing a Task state");
}
