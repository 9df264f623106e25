//! What an execution reports: its outcome, one record per state entered (with the
//! TestState-style inspection stages) and the history.

use crate::history::HistoryEvent;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// How an execution ended, as AWS names it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// It reached a Succeed state or an End.
    Succeeded,
    /// An error nothing caught, or a Fail state.
    Failed,
    /// It ran past the machine's TimeoutSeconds.
    TimedOut,
    /// It was stopped (by the debugger or the user).
    Aborted,
}

impl Status {
    /// AWS's spelling: `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`.
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    /// The state's input.
    #[serde(skip_serializing_if = "Option::is_none", default, deserialize_with = "present")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub input: Option<Value>,
    /// After InputPath.
    #[serde(skip_serializing_if = "Option::is_none", default, deserialize_with = "present")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub after_input_path: Option<Value>,
    /// After Parameters (JSONPath).
    #[serde(skip_serializing_if = "Option::is_none", default, deserialize_with = "present")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub after_parameters: Option<Value>,
    /// After Arguments (JSONata).
    #[serde(skip_serializing_if = "Option::is_none", default, deserialize_with = "present")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub after_arguments: Option<Value>,
    /// The task's (or Pass Result's) raw result.
    #[serde(skip_serializing_if = "Option::is_none", default, deserialize_with = "present")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub result: Option<Value>,
    /// After ResultSelector.
    #[serde(skip_serializing_if = "Option::is_none", default, deserialize_with = "present")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub after_result_selector: Option<Value>,
    /// After ResultPath.
    #[serde(skip_serializing_if = "Option::is_none", default, deserialize_with = "present")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub after_result_path: Option<Value>,
    /// The state's output (after OutputPath, or Output in JSONata).
    #[serde(skip_serializing_if = "Option::is_none", default, deserialize_with = "present")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub output: Option<Value>,
    /// Which Retrier or Catcher handled an error, if one did.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub error_details: Option<ErrorDetails>,
}

/// A stage that is present is kept, `null` included (serde would read `null` as absent:
/// a state whose input is `null` still has an input stage).
pub fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// How a state's error was handled.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetails {
    /// The retrier that matched the last error, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub retry_index: Option<usize>,
    /// The catcher that caught the error, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub catch_index: Option<usize>,
    /// The backoff of the last retry, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub retry_backoff_interval_seconds: Option<f64>,
}

/// One state entered during the execution (states in branches and iterations included).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StateRecord {
    /// The state's name.
    pub name: String,
    /// Its `Type` (`Task`, `Choice`, ...).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name` (branch and iteration
    /// numbers from 0). The debugger keys breakpoints by it.
    pub path: String,
    /// The state's input as it was entered.
    pub input: Value,
    /// The state's output when it exited; absent when it never did.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub output: Option<Value>,
    /// Variables the state assigned on exit.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub variables: Option<Map<String, Value>>,
    /// Its processing stages.
    pub inspection: Inspection,
}

/// The result of one execution.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    /// How the execution ended.
    pub status: Status,
    /// The execution output (SUCCEEDED only).
    pub output: Option<Value>,
    /// The error name, when it did not succeed.
    pub error: Option<String>,
    /// The error's cause, when it did not succeed.
    pub cause: Option<String>,
    /// One record per state entered, in order (when `Options::record_states`).
    pub states: Vec<StateRecord>,
    /// The AWS-shaped history (when `Options::record_history`).
    pub history: Vec<HistoryEvent>,
    /// States entered.
    pub transitions: u64,
    /// History events (counted even when not kept).
    pub events: u64,
}
