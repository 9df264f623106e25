//! The AWS Step Functions **TestState** API (the November 2025 version) on the asl-eval
//! engine: one state — or one state of a whole machine, named by `stateName` — run with
//! the request's input, context, variables, mock and state configuration, answered as
//! AWS answers: `status` (`SUCCEEDED`, `FAILED`, `CAUGHT_ERROR`, `RETRIABLE`), `output`,
//! `error`, `cause`, `nextState` and, at `DEBUG`/`TRACE`, `inspectionData`. Requests AWS
//! refuses are [`ApiError`]s with AWS's error type and message.
//!
//! [`test_state`] is synchronous, keeps no state between calls and touches no file or
//! network: a server calls it per `TestState` request with the request's JSON body.
//! Fields AWS takes as JSON text (`definition`, `input`, `variables`, `context`,
//! `mock.result`, `stateConfiguration.mapItemReaderData`) may be text (as the SDKs send
//! them) or decoded JSON values; the response's JSON-text fields come out as
//! [`TextFields`] asks (text, as the API returns them, or decoded). A Task without a mock
//! is refused by [`test_state`] (AWS would call the service); [`test_state_calling`] hands
//! it to the caller's task handler instead.
//!
//! ```
//! use asl_teststate::{test_state, TestStateOptions, TextFields};
//! use serde_json::json;
//!
//! let request = json!({
//!     "definition": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
//!                    "Parameters": {"FunctionName": "f", "Payload.$": "$"},
//!                    "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"]}],
//!                    "Next": "Done"},
//!     "input": "{\"n\": 1}",
//!     "inspectionLevel": "DEBUG",
//!     "mock": {"result": "{\"StatusCode\": 200, \"Payload\": {\"ok\": true}}"},
//! });
//! let response = test_state(&request, &TestStateOptions::default()).unwrap();
//! assert_eq!(response["status"], "SUCCEEDED");
//! assert_eq!(response["nextState"], "Done");
//! assert_eq!(response["output"], "{\"StatusCode\":200,\"Payload\":{\"ok\":true}}");
//! assert_eq!(response["inspectionData"]["afterParameters"], "{\"FunctionName\":\"f\",\"Payload\":{\"n\":1}}");
//!
//! // A throttled call: one attempt is tested, the retry it would make is reported.
//! let mut throttled = request.clone();
//! throttled["mock"] = json!({"errorOutput": {"error": "Lambda.TooManyRequestsException", "cause": "slow down"}});
//! let options = TestStateOptions { text_fields: TextFields::Decoded, ..TestStateOptions::default() };
//! let response = test_state(&throttled, &options).unwrap();
//! assert_eq!(response["status"], "RETRIABLE");
//! assert_eq!(response["inspectionData"]["errorDetails"], json!({"retryIndex": 0, "retryBackoffIntervalSeconds": 1}));
//!
//! // Pass states take no mock.
//! let refused = test_state(&json!({"definition": {"Type": "Pass", "End": true}, "mock": {"result": "{}"}}),
//!                          &options).unwrap_err();
//! assert_eq!((refused.type_.as_str(), refused.message.as_str()),
//!            ("ValidationException", "State type 'Pass' is not supported when a mock is specified"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod checks;
mod context;
mod definition;
mod handling;
mod mock_check;
mod request;
mod run;
mod work;

use chrono::{DateTime, SecondsFormat, Utc};
use definition::Definition;
use request::{Level, Request};
use run::{Outcome, Run};
use serde_json::{Map, Value};

/// An error the API returns instead of a response: AWS's error type
/// (`ValidationException`, `InvalidDefinition`) and its message, verbatim where AWS's is
/// known. The CLI prints it as `{"exception": {"type", "message"}}`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{type_}: {message}")]
pub struct ApiError {
    /// AWS's error code (the `__type` of the API's JSON error).
    pub type_: String,
    /// The error's message.
    pub message: String,
}

impl ApiError {
    /// An error of type `type_`.
    pub fn new(type_: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError { type_: type_.into(), message: message.into() }
    }

    /// A `ValidationException`.
    pub fn validation(message: impl Into<String>) -> ApiError {
        ApiError::new("ValidationException", message)
    }
}

/// How the response carries the fields the API returns as JSON text (`output` and the
/// value stages of `inspectionData`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextFields {
    /// JSON text in a string, as the AWS API returns them.
    #[default]
    Encoded,
    /// The JSON values themselves (the CLI's and the conformance cases' form).
    Decoded,
}

/// Where and when the test execution runs: what its context object says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestStateOptions {
    /// The account in ARNs when the request's `roleArn` names none.
    pub account: String,
    /// The Region in ARNs.
    pub region: String,
    /// The test execution's start time (default: now).
    pub start_time: Option<DateTime<Utc>>,
    /// How JSON-text fields of the response are given.
    pub text_fields: TextFields,
}

impl Default for TestStateOptions {
    fn default() -> Self {
        TestStateOptions {
            account: "123456789012".into(),
            region: "us-east-1".into(),
            start_time: None,
            text_fields: TextFields::Encoded,
        }
    }
}

/// Answers a Task state that a request gives no mock, where AWS would call the service:
/// the request names the state, its `Resource`, its effective arguments (after
/// `Parameters` or `Arguments`) and its task token; the answer is the service's result
/// or the error it raised. Synchronous: an async handler is driven by the caller (from a
/// blocking thread, `Handle::block_on(handler.invoke(request))`).
pub type TaskCaller<'a> = &'a dyn Fn(asl_eval::TaskRequest<'_>) -> Result<Value, asl_eval::TaskFailure>;

/// Answers one TestState request (its JSON body) as AWS would: the response object, or
/// the API error AWS would return. Synchronous; no global state. A Task state without a
/// mock is refused (nothing is called): see [`test_state_calling`].
pub fn test_state(request: &Value, options: &TestStateOptions) -> Result<Value, ApiError> {
    answer(request, options, None)
}

/// [`test_state`] where a Task state without a mock is answered by `tasks` instead of
/// being refused (a local server's Lambda endpoint, a local command...).
pub fn test_state_calling(
    request: &Value,
    options: &TestStateOptions,
    tasks: TaskCaller<'_>,
) -> Result<Value, ApiError> {
    answer(request, options, Some(tasks))
}

fn answer(
    request: &Value,
    options: &TestStateOptions,
    tasks: Option<TaskCaller<'_>>,
) -> Result<Value, ApiError> {
    let request = Request::read(request)?;
    let definition = Definition::read(&request.definition, request.state_name.as_deref())?;
    let tested = definition.tested(request.state_name.as_deref())?;
    checks::check(&request, tested.state)?;
    let state = tested.state;
    let task_resource = match &state.kind {
        asl_model::model::StateKind::Task(task) => Some(task.resource.clone().unwrap_or_default()),
        _ => None,
    };
    if task_resource.is_some() && request.mock.is_none() && tasks.is_none() {
        // AWS would call the service here; a local run calls nothing.
        return Err(ApiError::validation(
            "asl test-state runs locally and calls no AWS service: give the Task state a mock (mock.result or mock.errorOutput)",
        ));
    }
    let context = match &request.context {
        Some(context) => context.clone(),
        None => default_context(&request, options, state, task_resource.as_deref()),
    };
    let run = Run {
        state,
        jsonata: tested.jsonata,
        input: &request.input,
        context,
        variables: request.variables.clone().unwrap_or_default(),
        mock: request.mock.as_ref(),
        tasks,
        configuration: &request.configuration,
        inspection: Map::new(),
    };
    let outcome = run::run(run);
    Ok(response(outcome, request.level, options.text_fields))
}

fn default_context(
    request: &Request,
    options: &TestStateOptions,
    state: &asl_model::model::State,
    task: Option<&str>,
) -> Value {
    let start = options.start_time.unwrap_or_else(Utc::now);
    let stamp = start.to_rfc3339_opts(SecondsFormat::Millis, true);
    let role = request.role_arn.as_deref();
    // The role's account is the caller's (AWS runs the test in the caller's account).
    let account =
        role.and_then(|arn| arn.split(':').nth(4)).filter(|a| !a.is_empty()).unwrap_or(&options.account);
    let seed = start.timestamp_nanos_opt().unwrap_or_default() as u64;
    let execution_name = asl_eval::test_state::pseudo_uuid(seed);
    let state_machine_name = format!("TestStateMachine-{}", &asl_eval::test_state::pseudo_uuid(!seed)[..8]);
    let retries = matches!(
        state.kind,
        asl_model::model::StateKind::Task(_)
            | asl_model::model::StateKind::Parallel(_)
            | asl_model::model::StateKind::Map(_)
    );
    let e = context::TestExecution {
        account,
        region: &options.region,
        state_machine_name: &state_machine_name,
        execution_name: &execution_name,
        role_arn: role,
        start_time: &stamp,
        retry_count: retries.then(|| request.configuration.retrier_retry_count.unwrap_or(0)),
        task_token: task
            .filter(|r| r.ends_with(".waitForTaskToken"))
            .map(|_| asl_eval::test_state::pseudo_uuid(seed.rotate_left(17))),
    };
    context::default_context(&e, &request.input)
}

/// The response object: the outcome's fields, and the inspection data when the level
/// asks for it (INFO never shows it).
fn response(outcome: Outcome, level: Level, text: TextFields) -> Value {
    let encode = |v: Value| match text {
        TextFields::Encoded => Value::String(v.to_string()),
        TextFields::Decoded => v,
    };
    let mut out = Map::new();
    out.insert("status".into(), Value::String(outcome.status.name().into()));
    if let Some(output) = outcome.output {
        out.insert("output".into(), encode(output));
    }
    for (key, value) in
        [("error", outcome.error), ("cause", outcome.cause), ("nextState", outcome.next_state)]
    {
        if let Some(v) = value {
            out.insert(key.into(), Value::String(v));
        }
    }
    if level != Level::Info && !outcome.inspection.is_empty() {
        let data: Map<String, Value> = outcome
            .inspection
            .into_iter()
            .map(|(k, v)| match k.as_str() {
                // Numbers and the error details object are not JSON text in the API.
                "maxConcurrency"
                | "toleratedFailureCount"
                | "toleratedFailurePercentage"
                | "errorDetails" => (k, v),
                _ => (k, encode(v)),
            })
            .collect();
        out.insert("inspectionData".into(), Value::Object(data));
    }
    Value::Object(out)
}
