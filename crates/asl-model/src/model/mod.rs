//! The typed ASL model, built leniently from the syntax tree: every field AWS documents,
//! each state and rule with the JSON pointer it came from. Values of the wrong type are
//! left out of the model and reported as [`ModelIssue`]s; fields the model does not know
//! stay in the text (the text is the truth) and the checker lists them.

mod build;
mod choice;
mod fields;

pub use build::build;
pub use choice::{Comparison, Condition, ConditionKind, Family, Operator};
use serde_json::Value;

/// The `QueryLanguage` of a machine or state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryLanguage {
    /// `"JSONPath"`, the default: paths, `Parameters`, `ResultSelector`.
    JsonPath,
    /// `"JSONata"`: `{% %}` expressions, `Arguments`, `Output`.
    Jsonata,
}

impl QueryLanguage {
    /// Parses the name as written in ASL (`"JSONPath"` or `"JSONata"`); `None` for any other.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "JSONPath" => Some(QueryLanguage::JsonPath),
            "JSONata" => Some(QueryLanguage::Jsonata),
            _ => None,
        }
    }
}

/// A problem found while building the model: a field of the wrong JSON type.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelIssue {
    /// JSON pointer of the offending value.
    pub pointer: String,
    /// Stable machine-readable code, e.g. `"invalid-type"` or `"not-a-state"`.
    pub code: &'static str,
    /// Human-readable description.
    pub message: String,
    /// Tolerated by AWS, worth a look (the checker reports it as a warning).
    pub warning: bool,
}

/// A machine, a Parallel branch or a Map item processor: `StartAt` + `States`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StateMachine {
    /// Pointer of the object holding `StartAt` and `States` ("" for the document).
    pub pointer: String,
    /// `StartAt`: the name of the first state.
    pub start_at: Option<String>,
    /// `States`, in document order.
    pub states: Vec<State>,
    /// `QueryLanguage` of this scope.
    pub query_language: Option<QueryLanguage>,
    /// `Comment`.
    pub comment: Option<String>,
    /// `Version`.
    pub version: Option<String>,
    /// `TimeoutSeconds`.
    pub timeout_seconds: Option<f64>,
    /// Map `ItemProcessor.ProcessorConfig` (only on item processors).
    pub processor_config: Option<ProcessorConfig>,
}

impl StateMachine {
    /// The state named `name` in this scope (not in nested scopes).
    pub fn state(&self, name: &str) -> Option<&State> {
        self.states.iter().find(|s| s.name == name)
    }

    /// Pointer of this scope's `States` object.
    pub fn states_pointer(&self) -> String {
        format!("{}/States", self.pointer)
    }
}

/// A Distributed Map's `ItemProcessor.ProcessorConfig`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProcessorConfig {
    /// `INLINE` or `DISTRIBUTED`.
    pub mode: Option<String>,
    /// `STANDARD` or `EXPRESS` (distributed mode).
    pub execution_type: Option<String>,
}

/// A State: the fields common to all types, plus the type-specific ones in `kind`.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The state's name (its key in `States`).
    pub name: String,
    /// JSON pointer of the state object.
    pub pointer: String,
    /// The `Type` as written; `kind` is `Unknown` when it names no ASL type.
    pub type_name: Option<String>,
    /// The type-specific fields, chosen by `Type`.
    pub kind: StateKind,
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`, overriding the machine's.
    pub query_language: Option<QueryLanguage>,
    /// `Next`: the state to transition to.
    pub next: Option<String>,
    /// `End`: `true` on a terminal state.
    pub end: Option<bool>,
    /// Input and output processing fields.
    pub io: Io,
    /// `Retry`: the Retriers, in order.
    pub retry: Vec<Retrier>,
    /// `Catch`: the Catchers, in order.
    pub catch: Vec<Catcher>,
}

impl State {
    /// Every state this one may transition to, with the pointer of the field naming it.
    pub fn targets(&self) -> Vec<(&str, String)> {
        let mut out = Vec::new();
        if let Some(next) = &self.next {
            out.push((next.as_str(), format!("{}/Next", self.pointer)));
        }
        if let StateKind::Choice(choice) = &self.kind {
            for rule in &choice.choices {
                if let Some(next) = &rule.next {
                    out.push((next.as_str(), format!("{}/Next", rule.condition.pointer)));
                }
            }
            if let Some(default) = &choice.default {
                out.push((default.as_str(), format!("{}/Default", self.pointer)));
            }
        }
        for catcher in &self.catch {
            if let Some(next) = &catcher.next {
                out.push((next.as_str(), format!("{}/Next", catcher.pointer)));
            }
        }
        out
    }

    /// The names this state may transition to, without building pointers (hot in checks).
    pub fn target_names(&self) -> impl Iterator<Item = &str> {
        let choice = match &self.kind {
            StateKind::Choice(c) => Some(c),
            _ => None,
        };
        let rules = choice.into_iter().flat_map(|c| c.choices.iter().filter_map(|r| r.next.as_deref()));
        let default = choice.and_then(|c| c.default.as_deref());
        self.next
            .as_deref()
            .into_iter()
            .chain(rules)
            .chain(default)
            .chain(self.catch.iter().filter_map(|c| c.next.as_deref()))
    }

    /// Nested scopes: Parallel branches and the Map item processor.
    pub fn children(&self) -> &[StateMachine] {
        match &self.kind {
            StateKind::Parallel(p) => &p.branches,
            StateKind::Map(m) => m.item_processor.as_slice(),
            _ => &[],
        }
    }

    /// Whether the state ends its scope: a Succeed or Fail state, or `"End": true`.
    pub fn is_terminal(&self) -> bool {
        matches!(self.kind, StateKind::Succeed | StateKind::Fail(_)) || self.end == Some(true)
    }
}

/// Input and output processing fields. A path that is JSON `null` is `Some(None)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Io {
    /// `InputPath`.
    pub input_path: Option<Option<String>>,
    /// `OutputPath`.
    pub output_path: Option<Option<String>>,
    /// `ResultPath`.
    pub result_path: Option<Option<String>>,
    /// `Parameters` (JSONPath).
    pub parameters: Option<Value>,
    /// `ResultSelector` (JSONPath).
    pub result_selector: Option<Value>,
    /// `Arguments` (JSONata).
    pub arguments: Option<Value>,
    /// `Output` (JSONata).
    pub output: Option<Value>,
    /// `Assign`: workflow variables to set.
    pub assign: Option<Value>,
}

/// The state's `Type` and the fields only that type has.
#[derive(Clone, Debug, PartialEq)]
pub enum StateKind {
    /// A Pass state.
    Pass(Pass),
    /// A Task state.
    Task(Task),
    /// A Choice state.
    Choice(Choice),
    /// A Wait state.
    Wait(Wait),
    /// A Succeed state.
    Succeed,
    /// A Fail state.
    Fail(Fail),
    /// A Parallel state.
    Parallel(Parallel),
    /// A Map state (boxed to keep `StateKind` small).
    Map(Box<Map>),
    /// Missing or unknown `Type`.
    Unknown,
}

impl StateKind {
    /// The ASL `Type` name (`"Unknown"` for [`StateKind::Unknown`]).
    pub fn name(&self) -> &'static str {
        match self {
            StateKind::Pass(_) => "Pass",
            StateKind::Task(_) => "Task",
            StateKind::Choice(_) => "Choice",
            StateKind::Wait(_) => "Wait",
            StateKind::Succeed => "Succeed",
            StateKind::Fail(_) => "Fail",
            StateKind::Parallel(_) => "Parallel",
            StateKind::Map(_) => "Map",
            StateKind::Unknown => "Unknown",
        }
    }
}

/// Pass state fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pass {
    /// `Result`.
    pub result: Option<Value>,
}

/// Seconds-like fields hold a number, or a `{% %}` string in JSONata states.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Task {
    /// `Resource`: the ARN or integration to invoke.
    pub resource: Option<String>,
    /// `TimeoutSeconds`.
    pub timeout_seconds: Option<Value>,
    /// `TimeoutSecondsPath`.
    pub timeout_seconds_path: Option<String>,
    /// `HeartbeatSeconds`.
    pub heartbeat_seconds: Option<Value>,
    /// `HeartbeatSecondsPath`.
    pub heartbeat_seconds_path: Option<String>,
    /// `Credentials`: the role to assume.
    pub credentials: Option<Value>,
}

/// Choice state fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choice {
    /// `Choices`: the ChoiceRules, in order.
    pub choices: Vec<ChoiceRule>,
    /// `Default`: the state to go to when no rule matches.
    pub default: Option<String>,
}

/// A top-level Choice rule: a condition with a `Next` (and, in JSONata, Assign/Output).
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceRule {
    /// The rule's condition (a JSONPath boolean expression or a JSONata `Condition`).
    pub condition: Condition,
    /// `Next`.
    pub next: Option<String>,
    /// `Assign` (JSONata).
    pub assign: Option<Value>,
    /// `Output` (JSONata).
    pub output: Option<Value>,
    /// `Comment`.
    pub comment: Option<String>,
}

/// Wait state fields: one of the four says how long to wait.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Wait {
    /// `Seconds`: a number, or a `{% %}` string in JSONata.
    pub seconds: Option<Value>,
    /// `SecondsPath`.
    pub seconds_path: Option<String>,
    /// `Timestamp`.
    pub timestamp: Option<String>,
    /// `TimestampPath`.
    pub timestamp_path: Option<String>,
}

/// Fail state fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fail {
    /// `Error`.
    pub error: Option<String>,
    /// `ErrorPath`.
    pub error_path: Option<String>,
    /// `Cause`.
    pub cause: Option<String>,
    /// `CausePath`.
    pub cause_path: Option<String>,
}

/// Parallel state fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parallel {
    /// `Branches`: each a StateMachine of its own.
    pub branches: Vec<StateMachine>,
}

/// Map state fields. Count/percentage/concurrency hold a number, or a `{% %}` string in JSONata.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map {
    /// `ItemsPath` (JSONPath).
    pub items_path: Option<String>,
    /// `Items` (JSONata).
    pub items: Option<Value>,
    /// `ItemSelector` (the legacy `Parameters` stays in [`Io::parameters`]).
    pub item_selector: Option<Value>,
    /// From `ItemProcessor`, or the legacy `Iterator`.
    pub item_processor: Option<StateMachine>,
    /// `ItemReader`, as written.
    pub item_reader: Option<Value>,
    /// `ItemBatcher`, as written.
    pub item_batcher: Option<Value>,
    /// `ResultWriter`, as written.
    pub result_writer: Option<Value>,
    /// `MaxConcurrency`.
    pub max_concurrency: Option<Value>,
    /// `MaxConcurrencyPath`.
    pub max_concurrency_path: Option<String>,
    /// `ToleratedFailureCount`.
    pub tolerated_failure_count: Option<Value>,
    /// `ToleratedFailureCountPath`.
    pub tolerated_failure_count_path: Option<String>,
    /// `ToleratedFailurePercentage`.
    pub tolerated_failure_percentage: Option<Value>,
    /// `ToleratedFailurePercentagePath`.
    pub tolerated_failure_percentage_path: Option<String>,
    /// `Label` (Distributed Map).
    pub label: Option<String>,
}

/// A Retrier: an entry of a state's `Retry` array.
#[derive(Clone, Debug, PartialEq)]
pub struct Retrier {
    /// JSON pointer of the Retrier object.
    pub pointer: String,
    /// `ErrorEquals`: the error names it matches.
    pub error_equals: Vec<String>,
    /// `IntervalSeconds`.
    pub interval_seconds: Option<f64>,
    /// `MaxAttempts`.
    pub max_attempts: Option<f64>,
    /// `BackoffRate`.
    pub backoff_rate: Option<f64>,
    /// `MaxDelaySeconds`.
    pub max_delay_seconds: Option<f64>,
    /// `FULL` or `NONE`.
    pub jitter_strategy: Option<String>,
    /// `Comment`.
    pub comment: Option<String>,
}

/// A Catcher: an entry of a state's `Catch` array.
#[derive(Clone, Debug, PartialEq)]
pub struct Catcher {
    /// JSON pointer of the Catcher object.
    pub pointer: String,
    /// `ErrorEquals`: the error names it matches.
    pub error_equals: Vec<String>,
    /// `Next`: the fallback state.
    pub next: Option<String>,
    /// `ResultPath`; JSON `null` is `Some(None)`.
    pub result_path: Option<Option<String>>,
    /// `Output` (JSONata).
    pub output: Option<Value>,
    /// `Assign`.
    pub assign: Option<Value>,
    /// `Comment`.
    pub comment: Option<String>,
}
