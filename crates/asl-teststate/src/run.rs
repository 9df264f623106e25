//! One state's processing as TestState runs it: the data-flow stages in AWS's order,
//! each kept as an inspection stage under AWS's name, and the state's outcome. The
//! states without work (Pass, Choice, Succeed, Fail, Wait) are here; Task, Parallel and
//! Map in [`crate::work`]; Retry and Catch in [`crate::handling`].
//!
//! Which stages AWS reports follows the recordings, not the engine's records: a Pass
//! with `Result` shows no `afterInputPath`/`afterParameters`, a JSONata state shows no
//! path stages, Choice, Succeed and Fail stop after `afterInputPath`.

use crate::request::{Mock, StateConfiguration};
use asl_eval::expr::{self, Scope};
use asl_eval::test_state::{unexpected_type, JsonataStep, StatesBinding};
use asl_eval::RuntimeError;
use asl_model::model::{ConditionKind, Fail, Pass, State, StateKind};
use serde_json::{Map, Value};

/// The response's `status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Succeeded,
    Failed,
    CaughtError,
    Retriable,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::CaughtError => "CAUGHT_ERROR",
            Status::Retriable => "RETRIABLE",
        }
    }
}

/// What a test run answers, before the inspection level is applied.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Outcome {
    pub status: Status,
    pub output: Option<Value>,
    pub error: Option<String>,
    pub cause: Option<String>,
    pub next_state: Option<String>,
    /// Stages under AWS's names, in the order they happened.
    pub inspection: Map<String, Value>,
}

/// How a state left when it did not fail: its output, where it goes and what it assigned.
pub(crate) struct Done {
    pub output: Value,
    pub next: Option<String>,
    pub assigned: Option<Map<String, Value>>,
}

/// One tested state with everything its processing sees.
pub(crate) struct Run<'a> {
    pub state: &'a State,
    pub jsonata: bool,
    pub input: &'a Value,
    pub context: Value,
    pub variables: Map<String, Value>,
    pub mock: Option<&'a Mock>,
    /// Answers a Task the request gives no mock.
    pub tasks: Option<crate::TaskCaller<'a>>,
    pub configuration: &'a StateConfiguration,
    pub inspection: Map<String, Value>,
}

impl<'a> Run<'a> {
    pub fn stage(&mut self, name: &str, value: Value) {
        self.inspection.insert(name.to_string(), value);
    }

    /// The last stage: the variables after the state ran (what the request set up and
    /// what the state assigned), when there are any.
    pub fn finish(mut self) -> Map<String, Value> {
        if !self.variables.is_empty() {
            let variables = Value::Object(std::mem::take(&mut self.variables));
            self.stage("variables", variables);
        }
        self.inspection
    }

    pub fn scope<'v>(&'v self, input: &'v Value) -> Scope<'v> {
        Scope { input, context: &self.context, variables: &self.variables }
    }

    /// A JSONata step with `$states.input` (and `result` / `errorOutput`) bound.
    pub fn jsonata<'v>(
        &'v self,
        input: &'v Value,
        result: Option<&'v Value>,
        error_output: Option<&'v Value>,
    ) -> JsonataStep<'v> {
        JsonataStep::new(StatesBinding {
            input,
            result,
            error_output,
            context: &self.context,
            variables: &self.variables,
        })
    }

    /// InputPath or OutputPath: absent keeps the value, `null` gives `{}`.
    pub fn path(&self, value: &Value, path: &Option<Option<String>>) -> Result<Value, RuntimeError> {
        match path {
            None => Ok(value.clone()),
            Some(None) => Ok(Value::Object(Map::new())),
            Some(Some(p)) if p == "$" => Ok(value.clone()),
            Some(Some(p)) => expr::select(p, &self.scope(value)),
        }
    }

    /// Parameters, ResultSelector, ItemSelector: a payload template, or the value as is.
    pub fn template(&self, value: &Value, template: Option<&Value>) -> Result<Value, RuntimeError> {
        match template {
            None => Ok(value.clone()),
            Some(t) => expr::render_template(t, &self.scope(value)),
        }
    }

    /// ResultPath: absent puts the result in place of the input, `null` keeps the input.
    pub fn result_path(&self, path: &Option<Option<String>>, result: Value) -> Result<Value, RuntimeError> {
        match path {
            None => Ok(result),
            Some(None) => Ok(self.input.clone()),
            Some(Some(p)) => expr::apply_result_path(self.input, Some(p), result),
        }
    }

    /// JSONPath `Assign`, evaluated with `$` = `value`.
    pub fn assign_jsonpath(&self, value: &Value) -> Result<Option<Map<String, Value>>, RuntimeError> {
        let Some(template) = &self.state.io.assign else { return Ok(None) };
        match expr::render_template(template, &self.scope(value))? {
            Value::Object(m) => Ok(Some(m)),
            _ => Err(RuntimeError::runtime("The value of the field 'Assign' must be an object.")),
        }
    }

    /// The transition after a normal exit.
    pub fn next(&self) -> Result<Option<String>, RuntimeError> {
        if self.state.end == Some(true) || matches!(self.state.kind, StateKind::Succeed) {
            return Ok(None);
        }
        match &self.state.next {
            Some(n) => Ok(Some(n.clone())),
            None => Err(RuntimeError::runtime(
                "Failed to transition out of the state. The state does not point to a next state.",
            )),
        }
    }
}

/// Runs the tested state to its outcome.
pub(crate) fn run(mut r: Run<'_>) -> Outcome {
    r.stage("input", r.input.clone());
    let state = r.state;
    let result = match &state.kind {
        StateKind::Pass(_) | StateKind::Succeed | StateKind::Wait(_) if r.jsonata => {
            jsonata_forward(&r, None)
                .and_then(|(output, assigned)| Ok(Done { output, next: r.next()?, assigned }))
        }
        StateKind::Pass(p) => pass(&mut r, p),
        StateKind::Succeed | StateKind::Wait(_) => forward(&mut r),
        StateKind::Choice(_) => choice(&mut r),
        StateKind::Fail(f) => {
            let e = fail(&mut r, f);
            return failed(r.finish(), e);
        }
        StateKind::Task(_) | StateKind::Parallel(_) | StateKind::Map(_) => crate::work::run(&mut r),
        StateKind::Unknown => {
            Err(RuntimeError::runtime(format!("The state '{}' has no valid Type.", state.name)))
        }
    };
    match result {
        Ok(done) => {
            if let Some(assigned) = done.assigned {
                r.variables.extend(assigned);
            }
            Outcome {
                status: Status::Succeeded,
                output: Some(done.output),
                error: None,
                cause: None,
                next_state: done.next,
                inspection: r.finish(),
            }
        }
        Err(e) => crate::handling::handle(r, e),
    }
}

/// An outcome that ends the state with `e`.
pub(crate) fn failed(inspection: Map<String, Value>, e: RuntimeError) -> Outcome {
    let some = |s: String| (!s.is_empty()).then_some(s);
    Outcome {
        status: Status::Failed,
        output: None,
        error: some(e.error),
        cause: some(e.cause),
        next_state: None,
        inspection,
    }
}

/// JSONPath Pass.
fn pass(r: &mut Run<'_>, pass: &Pass) -> Result<Done, RuntimeError> {
    let io = &r.state.io;
    let result = match &pass.result {
        // AWS reports a Pass with `Result` from its result on: the input stages do not show.
        Some(result) => {
            r.stage("result", result.clone());
            result.clone()
        }
        None => {
            let effective = r.path(r.input, &io.input_path)?;
            r.stage("afterInputPath", effective.clone());
            let params = r.template(&effective, io.parameters.as_ref())?;
            r.stage("afterParameters", params.clone());
            params
        }
    };
    r.stage("afterResultSelector", result.clone());
    let assigned = r.assign_jsonpath(&result)?;
    let combined = r.result_path(&io.result_path, result)?;
    r.stage("afterResultPath", combined.clone());
    let output = r.path(&combined, &io.output_path)?;
    Ok(Done { output, next: r.next()?, assigned })
}

/// JSONPath Succeed and Wait: InputPath, then OutputPath.
fn forward(r: &mut Run<'_>) -> Result<Done, RuntimeError> {
    let io = &r.state.io;
    let effective = r.path(r.input, &io.input_path)?;
    r.stage("afterInputPath", effective.clone());
    let output = r.path(&effective, &io.output_path)?;
    Ok(Done { output, next: r.next()?, assigned: None })
}

/// `Output` and `Assign` templates.
type Fields<'v> = (Option<&'v Value>, Option<&'v Value>);

/// JSONata Pass, Succeed, Wait and Choice: Output (default: the input) and Assign;
/// `rule` replaces the state's own (a Choice rule's).
fn jsonata_forward(
    r: &Run<'_>,
    rule: Option<Fields<'_>>,
) -> Result<(Value, Option<Map<String, Value>>), RuntimeError> {
    let io = &r.state.io;
    let (output, assign) = rule.unwrap_or((io.output.as_ref(), io.assign.as_ref()));
    let mut step = r.jsonata(r.input, None, None);
    let assigned = assign.map(|t| step.assign(t)).transpose()?;
    let output = match output {
        Some(t) => step.render(t, "Output")?,
        None => r.input.clone(),
    };
    drop(step);
    Ok((output, assigned))
}

fn choice(r: &mut Run<'_>) -> Result<Done, RuntimeError> {
    let StateKind::Choice(choice) = &r.state.kind else { unreachable!("choice() runs Choice states") };
    let io = &r.state.io;
    let effective = if r.jsonata { r.input.clone() } else { r.path(r.input, &io.input_path)? };
    if !r.jsonata {
        r.stage("afterInputPath", effective.clone());
    }
    let mut taken = None;
    for rule in &choice.choices {
        let holds = match &rule.condition.kind {
            ConditionKind::Jsonata(v) => {
                let (value, body) = r.jsonata(&effective, None, None).field(v, "Condition")?;
                match value {
                    Value::Bool(b) => b,
                    other => {
                        let body = body.unwrap_or_else(|| other.to_string());
                        return Err(unexpected_type(&body, "Condition", "boolean", &other));
                    }
                }
            }
            _ => expr::evaluate_condition(&rule.condition, &r.scope(&effective))?,
        };
        if holds {
            taken = Some(rule);
            break;
        }
    }
    let next = match taken {
        Some(rule) => rule.next.clone(),
        None => choice.default.clone(),
    };
    let Some(next) = next else {
        // AWS: a Choice with no match and no Default fails its transition.
        return Err(RuntimeError::runtime(
            "Failed to transition out of the state. The state does not point to a next state.",
        ));
    };
    if r.jsonata {
        let rule = match taken {
            Some(rule) => (rule.output.as_ref(), rule.assign.as_ref()),
            None => (io.output.as_ref(), io.assign.as_ref()),
        };
        let (output, assigned) = jsonata_forward(r, Some(rule))?;
        return Ok(Done { output, next: Some(next), assigned });
    }
    let assign = taken.map_or(io.assign.as_ref(), |rule| rule.assign.as_ref().or(io.assign.as_ref()));
    let assigned = match assign {
        Some(t) => match expr::render_template(t, &r.scope(&effective))? {
            Value::Object(m) => Some(m),
            _ => return Err(RuntimeError::runtime("The value of the field 'Assign' must be an object.")),
        },
        None => None,
    };
    let output = r.path(&effective, &io.output_path)?;
    Ok(Done { output, next: Some(next), assigned })
}

/// A Fail state's error: Error/Cause, their paths (JSONPath) or expressions (JSONata).
fn fail(r: &mut Run<'_>, fail: &Fail) -> RuntimeError {
    let read = |r: &Run<'_>,
                literal: &Option<String>,
                path: &Option<String>,
                field: &str|
     -> Result<String, RuntimeError> {
        if r.jsonata {
            let Some(text) = literal else { return Ok(String::new()) };
            return match r.jsonata(r.input, None, None).field(&Value::String(text.clone()), field)? {
                (Value::String(s), _) => Ok(s),
                (other, body) => Err(unexpected_type(&body.unwrap_or_default(), field, "string", &other)),
            };
        }
        if let Some(text) = literal {
            return Ok(text.clone());
        }
        let Some(path) = path else { return Ok(String::new()) };
        let value = if path.starts_with("States.") {
            expr::call_intrinsic(path, &r.scope(r.input))?
        } else {
            expr::select(path, &r.scope(r.input)).map_err(|_| {
                RuntimeError::runtime(format!(
                    "The JSONPath '{path}' specified for the field '{field}' could not be found in the input '{}'",
                    r.input
                ))
            })?
        };
        match value {
            Value::String(s) => Ok(s),
            other => Err(RuntimeError::runtime(format!(
                "The JSONPath '{path}' specified for the field '{field}' must reference a string, found {other}"
            ))),
        }
    };
    if !r.jsonata {
        let effective = r.path(r.input, &r.state.io.input_path).unwrap_or_else(|_| r.input.clone());
        r.stage("afterInputPath", effective);
    }
    let error = match read(r, &fail.error, &fail.error_path, if r.jsonata { "Error" } else { "ErrorPath" }) {
        Ok(e) => e,
        Err(e) => return e,
    };
    match read(r, &fail.cause, &fail.cause_path, if r.jsonata { "Cause" } else { "CausePath" }) {
        Ok(cause) => RuntimeError::new(error, cause),
        Err(e) => e,
    }
}
