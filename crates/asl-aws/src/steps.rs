//! A run told state by state, from its history (cloud or local alike): each state entered,
//! with its input, output, error, attempts and the task results it got. Replay prints it;
//! the run diff compares two of them.
//!
//! States inside Map iterations are told apart by the iteration (`ShipItems[1]/ShipItem`);
//! Parallel branches need nothing more, as state names are unique in a machine. The
//! iteration of an event is its predecessor's (`previousEventId`), entered at
//! `MapIterationStarted` and left after the event that ends the iteration.

use asl_eval::history::HistoryEvent;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// How a state ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StepStatus {
    /// It exited normally.
    Succeeded,
    /// An error was caught and the state exited through its Catch.
    Caught,
    /// It failed, or the execution failed while it ran (a Fail state).
    Failed,
    /// The execution ended otherwise while it ran (aborted, timed out).
    Aborted,
    /// The history ends while it runs.
    Running,
}

/// One task invocation's recorded result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskResult {
    /// The effective parameters it was invoked with (`TaskScheduled.parameters`,
    /// `LambdaFunctionScheduled.input`), when recorded.
    pub parameters: Option<Value>,
    /// The raw result, on success.
    pub output: Option<Value>,
    /// The error name and cause, on failure.
    pub error: Option<(String, String)>,
}

/// One state entered.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    /// Unique in the run: iteration path, state name, and `#N` from its second entry on.
    pub key: String,
    /// The state's name.
    pub name: String,
    /// `Pass`, `Task`, `Map`, ... (from the event type).
    #[serde(rename = "type")]
    pub state_type: String,
    /// How it ended.
    pub status: StepStatus,
    /// The input recorded when it was entered.
    pub input: Option<Value>,
    /// The output recorded when it exited.
    pub output: Option<Value>,
    /// The last error it met (caught, or the one it failed with).
    pub error: Option<String>,
    /// That error's cause.
    pub cause: Option<String>,
    /// Task invocations, one per attempt, in order.
    pub tasks: Vec<TaskResult>,
    /// The id of its `*StateEntered` event.
    pub entered_event: u64,
    /// The id of its `*StateExited` event, when it exited.
    pub exited_event: Option<u64>,
}

/// A whole run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Run {
    /// `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`, or `RUNNING` when the history does
    /// not end.
    pub status: String,
    /// The execution input.
    pub input: Option<Value>,
    /// The execution output (SUCCEEDED).
    pub output: Option<Value>,
    /// The execution's error and cause (not SUCCEEDED).
    pub error: Option<String>,
    /// The cause.
    pub cause: Option<String>,
    /// The role ARN the execution ran with, when recorded.
    pub role_arn: Option<String>,
    /// The start time (the first event's timestamp).
    pub start_time: Option<String>,
    /// The states entered, in history order.
    pub steps: Vec<Step>,
}

/// Tells a run from its events (in id order, as GetExecutionHistory returns them).
pub fn run_of(events: &[HistoryEvent]) -> Run {
    let mut run = Run {
        status: "RUNNING".into(),
        input: None,
        output: None,
        error: None,
        cause: None,
        role_arn: None,
        start_time: events.first().map(|e| e.timestamp.clone()),
        steps: Vec::new(),
    };
    // The iteration path of each event, by id.
    let mut paths: HashMap<u64, String> = HashMap::new();
    // Steps entered and not yet exited, per iteration path: indexes into run.steps.
    let mut open: HashMap<String, Vec<usize>> = HashMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut ended_iterations: HashMap<u64, String> = HashMap::new();
    // The step each event belongs to (task events chain from their state's entry; in a
    // Parallel the branches' events interleave, so the chain, not the order, tells).
    let mut owner: HashMap<u64, usize> = HashMap::new();
    for event in events {
        let details = event.details.as_ref().map(|(_, v)| v);
        let field = |name: &str| details.and_then(|d| d.get(name)).and_then(Value::as_str).map(str::to_owned);
        let mut path = paths.get(&event.previous_event_id).cloned().unwrap_or_default();
        if let Some(map) = ended_iterations.get(&event.previous_event_id) {
            // The event after an iteration's end is the Map's own (or a sibling iteration).
            path = leave(&path, map);
        }
        match event.kind {
            "ExecutionStarted" => {
                run.input = field("input").map(|s| parse(&s));
                run.role_arn = field("roleArn");
            }
            "MapIterationStarted" => {
                let map = field("name").unwrap_or_default();
                let index = details.and_then(|d| d.get("index")).and_then(Value::as_u64).unwrap_or(0);
                path = format!("{}{map}[{index}]/", leave(&path, &map));
            }
            "MapIterationSucceeded" | "MapIterationFailed" | "MapIterationAborted" => {
                ended_iterations.insert(event.id, field("name").unwrap_or_default());
            }
            "ExecutionSucceeded" => {
                run.status = "SUCCEEDED".into();
                run.output = field("output").map(|s| parse(&s));
            }
            "ExecutionFailed" | "ExecutionTimedOut" | "ExecutionAborted" => {
                run.status = match event.kind {
                    "ExecutionFailed" => "FAILED",
                    "ExecutionTimedOut" => "TIMED_OUT",
                    _ => "ABORTED",
                }
                .into();
                run.error = field("error");
                run.cause = field("cause");
            }
            kind if kind.ends_with("StateEntered") => {
                let name = field("name").unwrap_or_default();
                let base = format!("{path}{name}");
                let n = seen.entry(base.clone()).or_insert(0);
                *n += 1;
                let key = if *n == 1 { base } else { format!("{base}#{n}") };
                run.steps.push(Step {
                    key,
                    name,
                    state_type: kind.trim_end_matches("StateEntered").to_owned(),
                    status: StepStatus::Running,
                    input: field("input").map(|s| parse(&s)),
                    output: None,
                    error: None,
                    cause: None,
                    tasks: Vec::new(),
                    entered_event: event.id,
                    exited_event: None,
                });
                open.entry(path.clone()).or_default().push(run.steps.len() - 1);
                owner.insert(event.id, run.steps.len() - 1);
            }
            kind if kind.ends_with("StateExited") => {
                let name = field("name").unwrap_or_default();
                if let Some(i) = take_open(&mut open, &path, &run.steps, &name) {
                    let step = &mut run.steps[i];
                    step.output = field("output").map(|s| parse(&s));
                    step.exited_event = Some(event.id);
                    step.status =
                        if step.error.is_some() { StepStatus::Caught } else { StepStatus::Succeeded };
                }
            }
            kind => {
                if let Some(&i) = owner.get(&event.previous_event_id) {
                    task_event(&mut run.steps[i], kind, details);
                    owner.insert(event.id, i);
                }
            }
        }
        paths.insert(event.id, path);
    }
    let unfinished = match run.status.as_str() {
        "FAILED" => StepStatus::Failed,
        "RUNNING" => StepStatus::Running,
        _ => StepStatus::Aborted,
    };
    for step in &mut run.steps {
        if step.status == StepStatus::Running {
            step.status = unfinished;
            if unfinished == StepStatus::Failed && step.error.is_none() && step.state_type == "Fail" {
                step.error.clone_from(&run.error);
                step.cause.clone_from(&run.cause);
            }
        }
    }
    run
}

/// Task, Lambda and activity events: one [`TaskResult`] per attempt.
fn task_event(step: &mut Step, kind: &str, details: Option<&Value>) {
    let text = |name: &str| details.and_then(|d| d.get(name)).and_then(Value::as_str).map(str::to_owned);
    match kind {
        "TaskScheduled" | "LambdaFunctionScheduled" | "ActivityScheduled" => {
            let parameters = text("parameters").or_else(|| text("input")).map(|s| parse(&s));
            step.tasks.push(TaskResult { parameters, output: None, error: None });
            // A new attempt: the error before it was retried, not the state's outcome.
            step.error = None;
            step.cause = None;
        }
        "TaskSucceeded" | "LambdaFunctionSucceeded" | "ActivitySucceeded" => {
            if let Some(task) = step.tasks.last_mut() {
                task.output = Some(text("output").map(|s| parse(&s)).unwrap_or(Value::Null));
            }
        }
        _ if ["Task", "LambdaFunction", "Activity"].iter().any(|p| kind.starts_with(p))
            && (kind.ends_with("Failed") || kind.ends_with("TimedOut")) =>
        {
            let error = text("error").unwrap_or_else(|| {
                if kind.ends_with("TimedOut") { "States.Timeout" } else { "States.TaskFailed" }.into()
            });
            let cause = text("cause").unwrap_or_default();
            if let Some(task) = step.tasks.last_mut() {
                task.error = Some((error.clone(), cause.clone()));
            }
            step.error = Some(error);
            step.cause = Some(cause);
        }
        _ => {}
    }
}

/// The open step named `name` in `path` (the latest), removed from the open list.
fn take_open(
    open: &mut HashMap<String, Vec<usize>>,
    path: &str,
    steps: &[Step],
    name: &str,
) -> Option<usize> {
    let list = open.get_mut(path)?;
    let at = list.iter().rposition(|&i| steps[i].name == name)?;
    Some(list.remove(at))
}

/// `path` without the iteration of `map` (and anything inside it).
fn leave(path: &str, map: &str) -> String {
    let marker = format!("{map}[");
    let mut at = 0;
    let mut cut = None;
    for part in path.split_inclusive('/') {
        if part.starts_with(&marker) {
            cut = Some(at);
        }
        at += part.len();
    }
    match cut {
        Some(i) => path[..i].to_owned(),
        None => path.to_owned(),
    }
}

/// A payload as recorded (JSON text); text that is not JSON stays a string.
fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iterations_are_left_by_name() {
        assert_eq!(leave("Outer[1]/Inner[0]/", "Inner"), "Outer[1]/");
        assert_eq!(leave("Outer[1]/Inner[0]/", "Outer"), "");
        assert_eq!(leave("Outer[1]/", "Other"), "Outer[1]/");
    }
}
