//! `$$.Task.Token` for every integration pattern AWS gives a token to: `.waitForTaskToken`
//! and `.sync` (LocalStack's AWS snapshot test_callback.py::TestCallback::
//! test_sync_with_task_token records a `states:startExecution.sync` task whose
//! TaskScheduled parameters carry it), not a request-response task.

use asl_eval::{Execution, Mocks, Options, Status};
use asl_model::{Document, Format};
use serde_json::{json, Value};

fn run(resource: &str) -> asl_eval::Outcome {
    let definition = json!({"StartAt": "Start", "States": {"Start": {
        "Type": "Task", "Resource": resource, "End": true,
        "Parameters": {"Input": {"TaskToken.$": "$$.Task.Token"}}}}});
    let doc = Document::parse(definition.to_string(), Format::Json).expect("definition");
    let mocks = Mocks::from_value(&json!({"Start": [{"return": {"ok": true}}]}), None, None).expect("mocks");
    Execution::run(&doc, json!({}), &mocks, &Options { seed: Some(1), ..Options::default() })
}

fn scheduled_token(outcome: &asl_eval::Outcome) -> Option<String> {
    let event = outcome.history.iter().find(|e| e.kind == "TaskScheduled")?;
    let parameters = event.details.as_ref()?.1["parameters"].as_str()?;
    let parameters: Value = serde_json::from_str(parameters).ok()?;
    parameters["Input"]["TaskToken"].as_str().map(str::to_owned)
}

#[test]
fn sync_and_callback_tasks_read_their_token() {
    for resource in [
        "arn:aws:states:::states:startExecution.sync",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::ecs:runTask.sync",
    ] {
        let outcome = run(resource);
        assert_eq!(outcome.status, Status::Succeeded, "{resource}: {:?}", outcome.cause);
        let token = scheduled_token(&outcome).unwrap_or_else(|| panic!("{resource}: no token"));
        assert!(!token.is_empty(), "{resource}");
    }
}

#[test]
fn a_request_response_task_has_no_token() {
    let outcome = run("arn:aws:states:::sqs:sendMessage");
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.Runtime"));
    assert!(outcome.cause.as_deref().is_some_and(|c| c.contains("$$.Task.Token")), "{:?}", outcome.cause);
}
