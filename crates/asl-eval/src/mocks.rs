//! Mocked task results (design §3.2), in either format, told apart by shape:
//!
//! - the plain per-state list `{"State": [{"return": v} | {"throw": {"error", "cause"}}]}`,
//!   the n-th invocation of a state taking the n-th entry (the conformance corpus format);
//! - Step Functions Local's `MockConfigFile`: `StateMachines.<machine>.TestCases.<case>.<State>
//!   = <ResponseName>` and `MockedResponses.<ResponseName>.{"0" | "1-2": {Return | Throw}}`.
//!
//! A mock's return value is the task's result exactly: for `arn:aws:states:::lambda:invoke`
//! the whole service response (`Payload`, `StatusCode`, ...), for a plain Lambda ARN the
//! function's payload, for any other integration the service's response.

use crate::handler::{classify_resource, ResourceKind, TaskFailure, TaskFuture, TaskHandler, TaskRequest};
use crate::RuntimeError;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Mutex;

/// One mocked invocation.
#[derive(Clone, Debug, PartialEq)]
pub enum MockResponse {
    /// The task returns this result.
    Return(Value),
    /// `cause` is a string, or JSON (a Lambda error object) that is serialized as AWS does.
    Throw {
        /// The error name Retry and Catch match.
        error: String,
        /// The cause, if any.
        cause: Option<Value>,
    },
}

/// The responses of one state, by invocation number.
#[derive(Clone, Debug, Default, PartialEq)]
struct Responses {
    /// (first, last, response), invocation numbers from 0, ranges inclusive.
    ranges: Vec<(usize, usize, MockResponse)>,
}

impl Responses {
    fn get(&self, n: usize) -> Option<&MockResponse> {
        self.ranges.iter().find(|(a, b, _)| *a <= n && n <= *b).map(|(_, _, r)| r)
    }

    fn count(&self) -> usize {
        self.ranges.iter().map(|(_, b, _)| b + 1).max().unwrap_or(0)
    }
}

/// Mocks that cannot be read, with why (the message names the state or test case).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0}")]
pub struct MockError(pub String);

/// Mocked results for Task states, by state name; a [`TaskHandler`].
#[derive(Debug, Default)]
pub struct Mocks {
    states: HashMap<String, Responses>,
    /// Invocations so far, per state.
    calls: Mutex<HashMap<String, usize>>,
}

impl Clone for Mocks {
    /// A fresh copy: same responses, no invocations yet.
    fn clone(&self) -> Self {
        Mocks { states: self.states.clone(), calls: Mutex::default() }
    }
}

impl Mocks {
    /// Reads either format. `test_case` picks a `MockConfigFile` test case, `machine` its
    /// state machine (optional when the file has only one).
    pub fn from_value(
        value: &Value,
        machine: Option<&str>,
        test_case: Option<&str>,
    ) -> Result<Mocks, MockError> {
        let Some(object) = value.as_object() else {
            return Err(MockError(format!("mocks must be a JSON object, found {}", kind(value))));
        };
        if object.contains_key("StateMachines") || object.contains_key("MockedResponses") {
            return Self::from_config_file(object, machine, test_case);
        }
        if let Some(case) = test_case {
            return Err(MockError(format!(
                "--test-case {case} needs a Step Functions Local mock config file (with \"StateMachines\" and \"MockedResponses\"); these mocks are a plain per-state list"
            )));
        }
        Self::from_plain(object)
    }

    /// The plain format: `{"State": [{"return": v} | {"throw": {"error", "cause"}}]}`.
    pub fn from_plain(object: &Map<String, Value>) -> Result<Mocks, MockError> {
        let mut states = HashMap::new();
        for (state, list) in object {
            let Some(items) = list.as_array() else {
                return Err(MockError(format!(
                    "mocks for state '{state}' must be an array of {{\"return\": ...}} or {{\"throw\": ...}} entries, found {}",
                    kind(list)
                )));
            };
            let mut ranges = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let response = plain_response(item)
                    .map_err(|m| MockError(format!("mocks for state '{state}', entry {i}: {m}")))?;
                ranges.push((i, i, response));
            }
            states.insert(state.clone(), Responses { ranges });
        }
        Ok(Mocks { states, calls: Mutex::default() })
    }

    fn from_config_file(
        object: &Map<String, Value>,
        machine: Option<&str>,
        test_case: Option<&str>,
    ) -> Result<Mocks, MockError> {
        let machines = object
            .get("StateMachines")
            .and_then(Value::as_object)
            .ok_or_else(|| MockError("a mock config file needs a \"StateMachines\" object".into()))?;
        let responses = object
            .get("MockedResponses")
            .and_then(Value::as_object)
            .ok_or_else(|| MockError("a mock config file needs a \"MockedResponses\" object".into()))?;
        let (machine_name, machine_value) = match machine {
            Some(name) => (
                name,
                machines.get(name).ok_or_else(|| {
                    MockError(format!(
                        "the mock config file has no state machine '{name}' (it has: {})",
                        names(machines)
                    ))
                })?,
            ),
            None if machines.len() == 1 => {
                let (k, v) = machines.iter().next().ok_or_else(|| MockError("no state machine".into()))?;
                (k.as_str(), v)
            }
            None => {
                return Err(MockError(format!(
                "the mock config file has several state machines ({}): name one with --state-machine-name",
                names(machines)
            )))
            }
        };
        let cases = machine_value.get("TestCases").and_then(Value::as_object).ok_or_else(|| {
            MockError(format!(
                "state machine '{machine_name}' in the mock config file has no \"TestCases\" object"
            ))
        })?;
        let Some(case_name) = test_case else {
            return Err(MockError(format!(
                "the mock config file needs --test-case NAME (state machine '{machine_name}' has: {})",
                names(cases)
            )));
        };
        let case = cases.get(case_name).and_then(Value::as_object).ok_or_else(|| {
            MockError(format!(
                "state machine '{machine_name}' has no test case '{case_name}' (it has: {})",
                names(cases)
            ))
        })?;
        let mut states = HashMap::new();
        for (state, response_name) in case {
            let Some(response_name) = response_name.as_str() else {
                return Err(MockError(format!(
                    "test case '{case_name}': state '{state}' must name a mocked response"
                )));
            };
            let by_number = responses.get(response_name).and_then(Value::as_object).ok_or_else(|| {
                MockError(format!("test case '{case_name}': state '{state}' names the mocked response '{response_name}', which \"MockedResponses\" does not define"))
            })?;
            let mut ranges = Vec::new();
            for (key, entry) in by_number {
                let (first, last) = parse_range(key).ok_or_else(|| {
                    MockError(format!("mocked response '{response_name}': \"{key}\" is not an invocation number or range like \"0\" or \"1-2\""))
                })?;
                let response = config_response(entry)
                    .map_err(|m| MockError(format!("mocked response '{response_name}', \"{key}\": {m}")))?;
                ranges.push((first, last, response));
            }
            states.insert(state.clone(), Responses { ranges });
        }
        Ok(Mocks { states, calls: Mutex::default() })
    }

    /// True when some response is mocked for `state`.
    pub fn covers(&self, state: &str) -> bool {
        self.states.contains_key(state)
    }

    fn next(&self, state: &str) -> Result<MockResponse, String> {
        let Some(responses) = self.states.get(state) else {
            return Err(format!(
                "the Task state '{state}' has no mock: add an entry for '{state}' to the mocks"
            ));
        };
        let n = {
            let mut calls = self.calls.lock().unwrap_or_else(|e| e.into_inner());
            let c = calls.entry(state.to_owned()).or_insert(0);
            *c += 1;
            *c - 1
        };
        responses.get(n).cloned().ok_or_else(|| {
            format!(
                "the Task state '{state}' was invoked {} times but its mocks cover only {}: add a response for invocation {}",
                n + 1,
                responses.count(),
                n + 1
            )
        })
    }
}

impl TaskHandler for Mocks {
    fn invoke<'a>(&'a self, request: TaskRequest<'a>) -> TaskFuture<'a> {
        let result = match self.next(request.state_name) {
            Err(message) => Err(TaskFailure::Unhandled(message)),
            Ok(MockResponse::Return(v)) => Ok(v),
            Ok(MockResponse::Throw { error, cause }) => {
                let (kind, _, _) = classify_resource(request.resource);
                let cause = match cause {
                    None => String::new(),
                    Some(Value::String(s)) => s,
                    // A plain Lambda ARN reports the function's error as Python's json.dumps
                    // wrote it; the lambda:invoke integration re-serializes it compactly.
                    Some(v) if kind == ResourceKind::LambdaFunction => python_json(&v),
                    Some(v) => v.to_string(),
                };
                Err(TaskFailure::Error(RuntimeError::new(error, cause)))
            }
        };
        Box::pin(std::future::ready(result))
    }
}

fn plain_response(item: &Value) -> Result<MockResponse, String> {
    let object = item
        .as_object()
        .ok_or_else(|| format!("expected {{\"return\": ...}} or {{\"throw\": ...}}, found {}", kind(item)))?;
    match (object.get("return"), object.get("throw")) {
        (Some(v), None) => Ok(MockResponse::Return(v.clone())),
        (None, Some(t)) => {
            let error =
                t.get("error").and_then(Value::as_str).ok_or("a \"throw\" needs an \"error\" string")?;
            Ok(MockResponse::Throw {
                error: error.to_owned(),
                cause: t.get("cause").filter(|c| !c.is_null()).cloned(),
            })
        }
        _ => Err("expected exactly one of \"return\" or \"throw\"".into()),
    }
}

fn config_response(entry: &Value) -> Result<MockResponse, String> {
    let object = entry.as_object().ok_or_else(|| {
        format!("expected {{\"Return\": ...}} or {{\"Throw\": ...}}, found {}", kind(entry))
    })?;
    match (object.get("Return"), object.get("Throw")) {
        (Some(v), None) => Ok(MockResponse::Return(v.clone())),
        (None, Some(t)) => {
            let error =
                t.get("Error").and_then(Value::as_str).ok_or("a \"Throw\" needs an \"Error\" string")?;
            Ok(MockResponse::Throw {
                error: error.to_owned(),
                cause: t.get("Cause").filter(|c| !c.is_null()).cloned(),
            })
        }
        _ => Err("expected exactly one of \"Return\" or \"Throw\"".into()),
    }
}

fn parse_range(key: &str) -> Option<(usize, usize)> {
    match key.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            (a <= b).then_some((a, b))
        }
        None => key.trim().parse().ok().map(|n| (n, n)),
    }
}

fn names(map: &Map<String, Value>) -> String {
    map.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// JSON as Python's `json.dumps` writes it by default: `", "` and `": "` separators.
pub fn python_json(v: &Value) -> String {
    let mut out = String::new();
    write_python(v, &mut out);
    out
}

fn write_python(v: &Value, out: &mut String) {
    match v {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_python(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                write_python(item, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn call(m: &Mocks, state: &str) -> Result<Value, TaskFailure> {
        let req = TaskRequest {
            state_name: state,
            resource: "arn:aws:states:::lambda:invoke",
            input: &Value::Null,
            attempt: 0,
            task_token: None,
            timeout: None,
            heartbeat: None,
        };
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        rt.block_on(m.invoke(req))
    }

    #[test]
    fn plain_mocks_answer_in_order_then_say_what_is_missing() {
        let m = Mocks::from_value(
            &json!({"A": [{"return": 1}, {"throw": {"error": "E", "cause": "C"}}]}),
            None,
            None,
        )
        .unwrap();
        assert_eq!(call(&m, "A"), Ok(json!(1)));
        assert_eq!(call(&m, "A"), Err(TaskFailure::Error(RuntimeError::new("E", "C"))));
        match call(&m, "A") {
            Err(TaskFailure::Unhandled(msg)) => assert!(msg.contains("invoked 3 times"), "{msg}"),
            other => panic!("{other:?}"),
        }
        match call(&m, "B") {
            Err(TaskFailure::Unhandled(msg)) => assert!(msg.contains("'B' has no mock"), "{msg}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn mock_config_files_use_ranges_and_test_cases() {
        let file = json!({
            "StateMachines": {"M": {"TestCases": {"Happy": {"A": "AOk"}}}},
            "MockedResponses": {"AOk": {"0": {"Throw": {"Error": "E", "Cause": "C"}}, "1-2": {"Return": {"x": 1}}}}
        });
        let m = Mocks::from_value(&file, None, Some("Happy")).unwrap();
        assert!(matches!(call(&m, "A"), Err(TaskFailure::Error(_))));
        assert_eq!(call(&m, "A"), Ok(json!({"x": 1})));
        assert_eq!(call(&m, "A"), Ok(json!({"x": 1})));
        assert!(matches!(call(&m, "A"), Err(TaskFailure::Unhandled(_))));
        let err = Mocks::from_value(&file, None, Some("Nope")).unwrap_err();
        assert!(err.0.contains("no test case 'Nope'"), "{err}");
        assert!(Mocks::from_value(&file, None, None).is_err());
    }

    #[test]
    fn wrong_shapes_are_refused_with_the_place() {
        for (v, needle) in [
            (json!([1]), "must be a JSON object"),
            (json!({"A": {"return": 1}}), "must be an array"),
            (json!({"A": [{"retrun": 1}]}), "entry 0"),
            (json!({"A": [{"throw": {"cause": "x"}}]}), "\"error\""),
        ] {
            let err = Mocks::from_value(&v, None, None).unwrap_err();
            assert!(err.0.contains(needle), "{err} / {needle}");
        }
    }

    #[test]
    fn python_style_json() {
        assert_eq!(python_json(&json!({"a": [1, "x"], "b": null})), r#"{"a": [1, "x"], "b": null}"#);
    }
}
