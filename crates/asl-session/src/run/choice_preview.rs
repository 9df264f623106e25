//! The condition builder's live answer (issue 12, item 3): what a Choice state does with
//! the input the last run gave it — which rule matches and where it goes, the Default, or
//! the error. The engine itself decides, on a machine of that one Choice whose rules each
//! lead to a state of their own, so a JSONPath or JSONata rule means here exactly what it
//! means in a run (type rules, `States.NoChoiceMatched`, runtime errors and all).

use super::record::RunSummary;
use super::registry::Runs;
use super::ExecutionsQuery;
use asl_eval::{Execution, NoTasks, Options};
use asl_model::{Document, Format};
use serde::Serialize;
use serde_json::{json, Map, Value};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChoicePreview {
    /// `state`: the input this Choice got in the last run that reached it; `execution`:
    /// the last run's input (no run reached it); none: no run of this document yet.
    pub input_from: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub input: Option<Value>,
    /// The rule that matched (from 0); none for the Default or an error.
    pub rule: Option<usize>,
    /// The Default was taken.
    pub default: bool,
    /// Where the execution goes next.
    pub next: Option<String>,
    pub error: Option<String>,
    pub cause: Option<String>,
    /// Each rule alone on the same input: does it match (an error says why it cannot be
    /// decided). Shown on the rules, so an And that fails shows which rule it is.
    pub rules: Vec<RuleAnswer>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleAnswer {
    pub matches: bool,
    pub error: Option<String>,
    pub cause: Option<String>,
}

/// What the Choice `state` (its JSON, in `query_language`) does with `input`, and each of
/// its rules alone (the preview's input fields left empty).
pub fn evaluate(state: &Value, query_language: &str, input: &Value) -> ChoicePreview {
    let rules = state.get("Choices").and_then(Value::as_array).cloned().unwrap_or_default();
    let answers = rules
        .into_iter()
        .map(|rule| {
            let alone = json!({"Type": "Choice", "Choices": [rule], "Default": "none"});
            let d = decide(&alone, query_language, input);
            RuleAnswer { matches: d.rule == Some(0), error: d.error, cause: d.cause }
        })
        .collect();
    ChoicePreview { rules: answers, ..decide(state, query_language, input) }
}

fn decide(state: &Value, query_language: &str, input: &Value) -> ChoicePreview {
    let none = ChoicePreview::nothing();
    let mut choice = state.clone();
    let mut states = Map::new();
    let mut targets: Vec<(String, Option<usize>, String)> = Vec::new();
    if let Some(rules) = choice.get_mut("Choices").and_then(Value::as_array_mut) {
        for (i, rule) in rules.iter_mut().enumerate() {
            let to = rule.get("Next").and_then(Value::as_str).unwrap_or("").to_owned();
            let own = format!("Rule {i}");
            rule["Next"] = json!(own);
            targets.push((own, Some(i), to));
        }
    }
    if let Some(to) = choice.get("Default").and_then(Value::as_str).map(str::to_owned) {
        choice["Default"] = json!("Default");
        targets.push(("Default".into(), None, to));
    }
    // What the Choice does after deciding (Output, Assign) is not the question here.
    if let Some(obj) = choice.as_object_mut() {
        for key in ["Output", "Assign", "OutputPath"] {
            obj.remove(key);
        }
    }
    states.insert("Choice".into(), choice);
    for (own, _, _) in &targets {
        states.insert(own.clone(), json!({"Type": "Succeed"}));
    }
    let machine = json!({"QueryLanguage": query_language, "StartAt": "Choice", "States": states});
    let doc = match Document::parse(machine.to_string(), Format::Json) {
        Ok(doc) => doc,
        Err(e) => {
            return ChoicePreview { error: Some("States.Runtime".into()), cause: Some(e.message), ..none }
        }
    };
    let options = Options { record_states: true, ..Options::default() };
    let outcome = Execution::run(&doc, input.clone(), &NoTasks, &options);
    let taken = outcome.states.get(1).map(|s| s.name.clone());
    match taken.and_then(|t| targets.iter().find(|(own, _, _)| *own == t)) {
        Some((_, rule, to)) => {
            ChoicePreview { rule: *rule, default: rule.is_none(), next: Some(to.clone()), ..none }
        }
        None => ChoicePreview { error: outcome.error, cause: outcome.cause, ..none },
    }
}

impl Runs {
    /// The Choice at `pointer` (its JSON `state`) on the input the newest run of this
    /// document (`same_document`) gave it, else that run's input.
    pub fn choice_preview(
        &self,
        pointer: &str,
        state: &Value,
        query_language: &str,
        same_document: impl Fn(&RunSummary) -> bool,
    ) -> ChoicePreview {
        let runs: Vec<RunSummary> = self.list().into_iter().rev().filter(|r| same_document(r)).collect();
        let reached = runs.iter().find_map(|run| {
            let query =
                ExecutionsQuery { pointer: Some(pointer.to_owned()), path: None, offset: None, limit: 1 };
            let page = self.state_executions(run.id, &query).ok()?;
            page.executions.last().map(|s| s.record.input.clone())
        });
        let (input_from, input) = match (reached, runs.first()) {
            (Some(input), _) => (Some("state"), Some(input)),
            (None, Some(run)) => (Some("execution"), Some(run.input.clone())),
            (None, None) => (None, None),
        };
        let Some(input) = input else {
            return ChoicePreview::nothing();
        };
        ChoicePreview { input_from: input_from.map(str::to_owned), ..evaluate(state, query_language, &input) }
            .with_input(input)
    }
}

impl ChoicePreview {
    /// Nothing known: no input, no decision.
    fn nothing() -> ChoicePreview {
        ChoicePreview {
            input_from: None,
            input: None,
            rule: None,
            default: false,
            next: None,
            error: None,
            cause: None,
            rules: Vec::new(),
        }
    }

    fn with_input(self, input: Value) -> ChoicePreview {
        ChoicePreview { input: Some(input), ..self }
    }
}
