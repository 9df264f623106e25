//! The states that do work — Task, Parallel, Map — with their work mocked: the request's
//! `mock.result` is the Task's result, the Parallel's branch results or the Map's
//! iteration results; `mock.errorOutput` is the error the work raised. A Task without a
//! mock goes to the caller's task handler, where AWS would call the service.
//!
//! Stages AWS reports per type: a Task all of them (JSONPath) or `afterArguments` and
//! `result` (JSONata); a Parallel neither its input stages nor its result (JSONPath:
//! `afterResultSelector`, `afterResultPath`; JSONata: none); a Map its input and items
//! stages (JSONPath) and, always, `maxConcurrency` and the tolerated failure it was given.

use crate::run::{Done, Run};
use asl_eval::expr;
use asl_eval::test_state::unexpected_type;
use asl_eval::{RuntimeError, TaskFailure, TaskRequest};
use asl_model::model::{Map as MapState, StateKind};
use serde_json::{json, Value};

/// AWS's error when more Map iterations failed than the state tolerates.
const THRESHOLD_ERROR: &str = "States.ExceedToleratedFailureThreshold";
const THRESHOLD_CAUSE: &str = "The specified tolerated failure threshold was exceeded";

pub(crate) fn run(r: &mut Run<'_>) -> Result<Done, RuntimeError> {
    let state = r.state;
    // Mocked work only needs what it would work on for its errors and stages; a Task
    // handed to the caller gets it.
    let (is_task, arguments) = match &state.kind {
        StateKind::Map(map) => (false, map_items(r, map)?),
        StateKind::Parallel(_) => (false, arguments(r, false)?),
        _ => (true, arguments(r, true)?),
    };
    let result = match (r.mock, r.tasks, &state.kind) {
        (None, Some(tasks), StateKind::Task(task)) => {
            call(r, tasks, task.resource.as_deref().unwrap_or_default(), &arguments)?
        }
        _ => mocked_work(r)?,
    };
    if is_task {
        r.stage("result", result.clone());
    }
    if r.jsonata {
        let io = &state.io;
        let mut step = r.jsonata(r.input, Some(&result), None);
        let assigned = io.assign.as_ref().map(|t| step.assign(t)).transpose()?;
        let output = match &io.output {
            Some(t) => step.render(t, "Output")?,
            None => result.clone(),
        };
        drop(step);
        return Ok(Done { output, next: r.next()?, assigned });
    }
    let io = &state.io;
    let selected = r.template(&result, io.result_selector.as_ref())?;
    r.stage("afterResultSelector", selected.clone());
    let assigned = r.assign_jsonpath(&selected)?;
    let combined = r.result_path(&io.result_path, selected)?;
    r.stage("afterResultPath", combined.clone());
    let output = r.path(&combined, &io.output_path)?;
    Ok(Done { output, next: r.next()?, assigned })
}

/// What a Task or Parallel works on: JSONata `Arguments`, or InputPath then Parameters
/// (reported for a Task only, as AWS reports them).
fn arguments(r: &mut Run<'_>, report: bool) -> Result<Value, RuntimeError> {
    let io = &r.state.io;
    if r.jsonata {
        let Some(template) = &io.arguments else { return Ok(r.input.clone()) };
        let args = r.jsonata(r.input, None, None).render(template, "Arguments")?;
        if report {
            r.stage("afterArguments", args.clone());
        }
        return Ok(args);
    }
    let effective = r.path(r.input, &io.input_path)?;
    if report {
        r.stage("afterInputPath", effective.clone());
    }
    let params = r.template(&effective, io.parameters.as_ref())?;
    if report {
        r.stage("afterParameters", params.clone());
    }
    Ok(params)
}

/// The caller's answer for an unmocked Task, as AWS's service call would answer.
fn call(
    r: &Run<'_>,
    tasks: crate::TaskCaller<'_>,
    resource: &str,
    arguments: &Value,
) -> Result<Value, RuntimeError> {
    let token = r.context.pointer("/Task/Token").and_then(Value::as_str);
    let request = TaskRequest {
        state_name: &r.state.name,
        resource,
        input: arguments,
        attempt: r.configuration.retrier_retry_count.map_or(0, |n| n.min(u64::from(u32::MAX)) as u32),
        task_token: token,
        timeout: None,
        heartbeat: None,
    };
    match tasks(request) {
        Ok(result) => Ok(result),
        Err(TaskFailure::Error(e)) => Err(e),
        // Nothing can answer the call: the state fails as a task without a handler does.
        Err(TaskFailure::Unhandled(message)) => Err(RuntimeError::runtime(message)),
    }
}

/// The mock standing in for the work, after the Map failure threshold of
/// `stateConfiguration.mapIterationFailureCount` is applied.
fn mocked_work(r: &mut Run<'_>) -> Result<Value, RuntimeError> {
    let Some(mock) = r.mock else {
        // The request checks refuse a work state without a mock before running it.
        return Err(RuntimeError::runtime("The state's work has no mock."));
    };
    if let Some((error, cause)) = &mock.error_output {
        return Err(RuntimeError::new(error.clone(), cause.clone()));
    }
    if let (StateKind::Map(map), Some(failures)) =
        (&r.state.kind, r.configuration.map_iteration_failure_count)
    {
        // AWS raises the threshold error only where a Retrier or Catcher could see it.
        let handled = !r.state.retry.is_empty() || !r.state.catch.is_empty();
        let tolerated = tolerated_count(r, map).unwrap_or(0.0);
        if handled && failures as f64 > tolerated {
            return Err(RuntimeError::new(THRESHOLD_ERROR, THRESHOLD_CAUSE));
        }
    }
    Ok(mock.result.clone().unwrap_or(Value::Null))
}

/// A Map's items and numeric fields, with the stages AWS reports for them.
fn map_items(r: &mut Run<'_>, map: &MapState) -> Result<Value, RuntimeError> {
    let io = &r.state.io;
    let items = if r.jsonata {
        match (&map.items, &r.configuration.map_item_reader_data) {
            (_, Some(data)) if map.item_reader.is_some() => data.clone(),
            (Some(items), _) => {
                let (value, body) = r.jsonata(r.input, None, None).field(items, "Items")?;
                if !value.is_array() {
                    let body = body.unwrap_or_else(|| value.to_string());
                    return Err(unexpected_type(&body, "Items", "array", &value));
                }
                value
            }
            _ => r.input.clone(),
        }
    } else {
        let effective = r.path(r.input, &io.input_path)?;
        r.stage("afterInputPath", effective.clone());
        let items = match (&map.items_path, &r.configuration.map_item_reader_data) {
            (_, Some(data)) if map.item_reader.is_some() => data.clone(),
            (Some(path), _) => {
                let items = expr::select(path, &r.scope(&effective))?;
                if !items.is_array() {
                    // AWS names a context path without its first `$`.
                    let shown = path.strip_prefix('$').filter(|p| p.starts_with('$')).unwrap_or(path);
                    return Err(RuntimeError::runtime(format!(
                        "Reference path \"{shown}\" must point to array."
                    )));
                }
                items
            }
            _ => effective.clone(),
        };
        r.stage("afterItemsPath", items.clone());
        if let Some(selector) = &map.item_selector {
            let selected = select_items(r, selector, &effective, &items)?;
            r.stage("afterItemSelector", selected);
        }
        items
    };
    let concurrency =
        number(r, map.max_concurrency.as_ref(), map.max_concurrency_path.as_deref(), "MaxConcurrency")?;
    r.stage("maxConcurrency", integer(concurrency.unwrap_or(0.0)));
    if let Some(n) = tolerated_count(r, map) {
        r.stage("toleratedFailureCount", integer(n));
    }
    let percentage = number(
        r,
        map.tolerated_failure_percentage.as_ref(),
        map.tolerated_failure_percentage_path.as_deref(),
        "ToleratedFailurePercentage",
    )?;
    if let Some(p) = percentage {
        r.stage("toleratedFailurePercentage", json!(p));
    }
    Ok(items)
}

/// ItemSelector over every item, with `$$.Map.Item` set as in an iteration.
fn select_items(
    r: &Run<'_>,
    selector: &Value,
    effective: &Value,
    items: &Value,
) -> Result<Value, RuntimeError> {
    let Value::Array(items) = items else { return Ok(Value::Array(Vec::new())) };
    let mut out = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let mut context = r.context.clone();
        if let Value::Object(c) = &mut context {
            c.insert("Map".into(), json!({"Item": {"Index": index, "Value": item}}));
        }
        let scope = expr::Scope { input: effective, context: &context, variables: &r.variables };
        out.push(expr::render_template(selector, &scope)?);
    }
    Ok(Value::Array(out))
}

fn tolerated_count(r: &Run<'_>, map: &MapState) -> Option<f64> {
    let count = map.tolerated_failure_count.as_ref();
    number(r, count, map.tolerated_failure_count_path.as_deref(), "ToleratedFailureCount").ok().flatten()
}

/// A Map number: a literal, a `{% %}` expression (JSONata) or a `...Path` (JSONPath).
fn number(
    r: &Run<'_>,
    value: Option<&Value>,
    path: Option<&str>,
    field: &str,
) -> Result<Option<f64>, RuntimeError> {
    if let Some(value) = value {
        let (v, body) = r.jsonata(r.input, None, None).field(value, field)?;
        return match v.as_f64() {
            Some(n) if n >= 0.0 => Ok(Some(n)),
            _ => Err(unexpected_type(&body.unwrap_or_else(|| v.to_string()), field, "number", &v)),
        };
    }
    let Some(path) = path else { return Ok(None) };
    match expr::select(path, &r.scope(r.input))?.as_f64() {
        Some(n) if n >= 0.0 => Ok(Some(n)),
        _ => Err(RuntimeError::runtime(format!(
            "The {field}Path field refers to value that is not a non-negative number: {path}"
        ))),
    }
}

/// A whole number as a JSON integer (AWS prints counts without a fraction).
pub(crate) fn integer(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        json!(n as i64)
    } else {
        json!(n)
    }
}
