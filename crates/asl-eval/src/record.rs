//! What an execution reports: its outcome, one record per state entered (with the
//! TestState-style inspection stages) and the history.

use crate::history::HistoryEvent;
use serde::Serialize;
use serde_json::{Map, Value};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
            Status::Aborted => "ABORTED",
        }
    }
}

/// The processing stages of one state, as TestState's DEBUG inspection level names them.
/// A stage is absent when the state does not have it or never reached it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub input: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub after_input_path: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub after_parameters: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub after_arguments: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub result: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub after_result_selector: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub after_result_path: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub output: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error_details: Option<ErrorDetails>,
}

/// How a state's error was handled.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetails {
    /// The retrier that matched the last error, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub retry_index: Option<usize>,
    /// The catcher that caught the error, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub catch_index: Option<usize>,
    /// The backoff of the last retry, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub retry_backoff_interval_seconds: Option<f64>,
}

/// One state entered during the execution (states in branches and iterations included).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StateRecord {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name` (branch and iteration
    /// numbers from 0). The debugger keys breakpoints by it.
    pub path: String,
    /// The state's input as it was entered.
    pub input: Value,
    /// The state's output when it exited; absent when it never did.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub output: Option<Value>,
    /// Variables the state assigned on exit.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub variables: Option<Map<String, Value>>,
    pub inspection: Inspection,
}

/// The result of one execution.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    pub status: Status,
    /// The execution output (SUCCEEDED only).
    pub output: Option<Value>,
    pub error: Option<String>,
    pub cause: Option<String>,
    pub states: Vec<StateRecord>,
    pub history: Vec<HistoryEvent>,
    /// States entered.
    pub transitions: u64,
    /// History events (counted even when not kept).
    pub events: u64,
}
