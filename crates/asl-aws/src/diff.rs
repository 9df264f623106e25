//! What differs: the deployed definition against the local one (a unified text diff), and
//! a recorded run against a local run of the same input (a run diff, state by state).

use crate::steps::{Run, Step};
use serde::Serialize;
use serde_json::Value;
use similar::TextDiff;

/// A unified diff from `deployed` to `local` (empty when they are the same text).
pub fn definition_diff(deployed: &str, local: &str, deployed_name: &str, local_name: &str) -> String {
    if deployed == local {
        return String::new();
    }
    TextDiff::from_lines(deployed, local)
        .unified_diff()
        .context_radius(3)
        .header(deployed_name, local_name)
        .missing_newline_hint(false)
        .to_string()
}

/// JSON values equal as AWS compares them: numbers by value (`1` and `1.0`), objects
/// whatever their key order.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// One state in both runs (or in one only).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiffRow {
    /// The step key ([`Step::key`]).
    pub key: String,
    /// The recorded step.
    pub recorded: Option<Step>,
    /// The local step.
    pub local: Option<Step>,
    /// What differs: `missing locally`, `not in the recording`, `status`, `input`,
    /// `output`, `error`; empty when the same.
    pub differences: Vec<&'static str>,
}

/// The run diff.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunDiff {
    /// Recorded order, then the states only the local run entered.
    pub rows: Vec<DiffRow>,
    /// The index in `rows` of the first row that differs, the likeliest cause: a state in
    /// both runs before one missing from either (missing states follow from an earlier
    /// difference), and a Parallel or Map only when no state inside differs (it differs
    /// because of them); then in recorded order.
    pub first_difference: Option<usize>,
    /// What differs in the outcome: `status`, `output`, `error`; empty when the same.
    pub outcome: Vec<&'static str>,
    /// The recorded run's status, output, error and cause.
    pub recorded: Outcome,
    /// The local run's.
    pub local: Outcome,
}

/// How a run ended, for the diff.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    /// SUCCEEDED, FAILED, ...
    pub status: String,
    /// The output (SUCCEEDED).
    pub output: Option<Value>,
    /// The error name.
    pub error: Option<String>,
    /// The cause.
    pub cause: Option<String>,
}

impl RunDiff {
    /// True when nothing differs.
    pub fn is_same(&self) -> bool {
        self.first_difference.is_none() && self.outcome.is_empty()
    }
}

/// Compares a recorded run with a local one, state by state (matched by key, so branches
/// and iterations that interleave differently still pair up).
pub fn run_diff(recorded: &Run, local: &Run) -> RunDiff {
    let mut rows = Vec::new();
    let mut local_used = vec![false; local.steps.len()];
    for step in &recorded.steps {
        let found = local.steps.iter().position(|s| s.key == step.key);
        if let Some(i) = found {
            local_used[i] = true;
        }
        let other = found.map(|i| local.steps[i].clone());
        let differences = match &other {
            None => vec!["missing locally"],
            Some(l) => step_differences(step, l),
        };
        rows.push(DiffRow { key: step.key.clone(), recorded: Some(step.clone()), local: other, differences });
    }
    for (i, step) in local.steps.iter().enumerate().filter(|(i, _)| !local_used[*i]) {
        let _ = i;
        rows.push(DiffRow {
            key: step.key.clone(),
            recorded: None,
            local: Some(step.clone()),
            differences: vec!["not in the recording"],
        });
    }
    let first_difference = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.differences.is_empty())
        .min_by_key(|(i, r)| {
            let step = r.recorded.as_ref().or(r.local.as_ref());
            let container = step.is_some_and(|s| s.state_type == "Parallel" || s.state_type == "Map");
            (container, r.recorded.is_none() || r.local.is_none(), r.recorded.is_none(), *i)
        })
        .map(|(i, _)| i);
    let mut outcome = Vec::new();
    if recorded.status != local.status {
        outcome.push("status");
    }
    if !same_option(&recorded.output, &local.output) {
        outcome.push("output");
    }
    if recorded.error != local.error {
        outcome.push("error");
    }
    RunDiff { rows, first_difference, outcome, recorded: outcome_of(recorded), local: outcome_of(local) }
}

fn step_differences(a: &Step, b: &Step) -> Vec<&'static str> {
    let mut out = Vec::new();
    if a.status != b.status {
        out.push("status");
    }
    if !same_option(&a.input, &b.input) {
        out.push("input");
    }
    if !same_option(&a.output, &b.output) {
        out.push("output");
    }
    if a.error != b.error {
        out.push("error");
    }
    out
}

fn same_option(a: &Option<Value>, b: &Option<Value>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_json(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn outcome_of(run: &Run) -> Outcome {
    Outcome {
        status: run.status.clone(),
        output: run.output.clone(),
        error: run.error.clone(),
        cause: run.cause.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value_and_keys_in_any_order() {
        assert!(same_json(&json!({"a": 1, "b": [1.0]}), &json!({"b": [1], "a": 1.0})));
        assert!(!same_json(&json!({"a": 1}), &json!({"a": "1"})));
    }

    #[test]
    fn a_unified_diff_names_both_sides() {
        let d = definition_diff("{\n  \"a\": 1\n}\n", "{\n  \"a\": 2\n}\n", "deployed", "local.json");
        assert!(d.starts_with("--- deployed\n+++ local.json\n"), "{d}");
        assert!(d.contains("-  \"a\": 1\n+  \"a\": 2\n"), "{d}");
        assert_eq!(definition_diff("x", "x", "a", "b"), "");
    }
}
