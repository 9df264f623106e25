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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryLanguage {
    JsonPath,
    Jsonata,
}

impl QueryLanguage {
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
    pub pointer: String,
    pub code: &'static str,
    pub message: String,
    /// Tolerated by AWS, worth a look (the checker reports it as a warning).
    pub warning: bool,
}

/// A machine, a Parallel branch or a Map item processor: `StartAt` + `States`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StateMachine {
    /// Pointer of the object holding `StartAt` and `States` ("" for the document).
    pub pointer: String,
    pub start_at: Option<String>,
    pub states: Vec<State>,
    pub query_language: Option<QueryLanguage>,
    pub comment: Option<String>,
    pub version: Option<String>,
    pub timeout_seconds: Option<f64>,
    /// Map `ItemProcessor.ProcessorConfig` (only on item processors).
    pub processor_config: Option<ProcessorConfig>,
}

impl StateMachine {
    pub fn state(&self, name: &str) -> Option<&State> {
        self.states.iter().find(|s| s.name == name)
    }

    /// Pointer of this scope's `States` object.
    pub fn states_pointer(&self) -> String {
        format!("{}/States", self.pointer)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProcessorConfig {
    /// `INLINE` or `DISTRIBUTED`.
    pub mode: Option<String>,
    /// `STANDARD` or `EXPRESS` (distributed mode).
    pub execution_type: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub name: String,
    pub pointer: String,
    /// The `Type` as written; `kind` is `Unknown` when it names no ASL type.
    pub type_name: Option<String>,
    pub kind: StateKind,
    pub comment: Option<String>,
    pub query_language: Option<QueryLanguage>,
    pub next: Option<String>,
    pub end: Option<bool>,
    pub io: Io,
    pub retry: Vec<Retrier>,
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

    pub fn is_terminal(&self) -> bool {
        matches!(self.kind, StateKind::Succeed | StateKind::Fail(_)) || self.end == Some(true)
    }
}

/// Input and output processing fields. A path that is JSON `null` is `Some(None)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Io {
    pub input_path: Option<Option<String>>,
    pub output_path: Option<Option<String>>,
    pub result_path: Option<Option<String>>,
    pub parameters: Option<Value>,
    pub result_selector: Option<Value>,
    pub arguments: Option<Value>,
    pub output: Option<Value>,
    pub assign: Option<Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StateKind {
    Pass(Pass),
    Task(Task),
    Choice(Choice),
    Wait(Wait),
    Succeed,
    Fail(Fail),
    Parallel(Parallel),
    Map(Box<Map>),
    /// Missing or unknown `Type`.
    Unknown,
}

impl StateKind {
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

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pass {
    pub result: Option<Value>,
}

/// Seconds-like fields hold a number, or a `{% %}` string in JSONata states.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Task {
    pub resource: Option<String>,
    pub timeout_seconds: Option<Value>,
    pub timeout_seconds_path: Option<String>,
    pub heartbeat_seconds: Option<Value>,
    pub heartbeat_seconds_path: Option<String>,
    pub credentials: Option<Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choice {
    pub choices: Vec<ChoiceRule>,
    pub default: Option<String>,
}

/// A top-level Choice rule: a condition with a `Next` (and, in JSONata, Assign/Output).
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceRule {
    pub condition: Condition,
    pub next: Option<String>,
    pub assign: Option<Value>,
    pub output: Option<Value>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Wait {
    pub seconds: Option<Value>,
    pub seconds_path: Option<String>,
    pub timestamp: Option<String>,
    pub timestamp_path: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fail {
    pub error: Option<String>,
    pub error_path: Option<String>,
    pub cause: Option<String>,
    pub cause_path: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parallel {
    pub branches: Vec<StateMachine>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map {
    pub items_path: Option<String>,
    pub items: Option<Value>,
    pub item_selector: Option<Value>,
    /// From `ItemProcessor`, or the legacy `Iterator`.
    pub item_processor: Option<StateMachine>,
    pub item_reader: Option<Value>,
    pub item_batcher: Option<Value>,
    pub result_writer: Option<Value>,
    pub max_concurrency: Option<Value>,
    pub max_concurrency_path: Option<String>,
    pub tolerated_failure_count: Option<Value>,
    pub tolerated_failure_count_path: Option<String>,
    pub tolerated_failure_percentage: Option<Value>,
    pub tolerated_failure_percentage_path: Option<String>,
    pub label: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Retrier {
    pub pointer: String,
    pub error_equals: Vec<String>,
    pub interval_seconds: Option<f64>,
    pub max_attempts: Option<f64>,
    pub backoff_rate: Option<f64>,
    pub max_delay_seconds: Option<f64>,
    /// `FULL` or `NONE`.
    pub jitter_strategy: Option<String>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Catcher {
    pub pointer: String,
    pub error_equals: Vec<String>,
    pub next: Option<String>,
    pub result_path: Option<Option<String>>,
    pub output: Option<Value>,
    pub assign: Option<Value>,
    pub comment: Option<String>,
}
