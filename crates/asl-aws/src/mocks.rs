//! A recorded run's task results as the mocks of a local run (`--mocks-from-history`).
//!
//! Two forms: [`mock_config`] writes them as a Step Functions Local `MockConfigFile`
//! (per state, in the order the cloud invoked them) for users to keep and edit;
//! [`HistoryMocks`] answers a local run directly and matches each invocation to the
//! recorded one of the same state, attempt and parameters first, so Map iterations and
//! Parallel branches that interleave differently here than in the cloud still get their
//! own results; only when nothing matches does it take the state's next unused result.

use crate::steps::{Run, TaskResult};
use asl_eval::handler::TaskFuture;
use asl_eval::{RuntimeError, TaskFailure, TaskHandler, TaskRequest};
use serde_json::{json, Map, Value};
use std::sync::Mutex;

/// One recorded invocation.
#[derive(Clone, Debug)]
struct Recorded {
    state: String,
    attempt: u32,
    result: TaskResult,
}

/// The recorded task results of a run, as a [`TaskHandler`].
#[derive(Debug)]
pub struct HistoryMocks {
    recorded: Vec<Recorded>,
    used: Mutex<Vec<bool>>,
}

impl HistoryMocks {
    /// The task results of every state of `run`.
    pub fn of(run: &Run) -> HistoryMocks {
        let recorded: Vec<Recorded> = run
            .steps
            .iter()
            .flat_map(|step| {
                step.tasks.iter().enumerate().map(|(attempt, result)| Recorded {
                    state: step.name.clone(),
                    attempt: attempt as u32,
                    result: result.clone(),
                })
            })
            .collect();
        let used = Mutex::new(vec![false; recorded.len()]);
        HistoryMocks { recorded, used }
    }

    /// How many invocations were recorded.
    pub fn len(&self) -> usize {
        self.recorded.len()
    }

    /// True when the run invoked no task.
    pub fn is_empty(&self) -> bool {
        self.recorded.is_empty()
    }

    fn answer(&self, request: &TaskRequest) -> Result<Value, TaskFailure> {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let free = |i: usize, r: &Recorded| !used[i] && r.state == request.state_name;
        let exact = self.recorded.iter().enumerate().position(|(i, r)| {
            free(i, r)
                && r.attempt == request.attempt
                && r.result.parameters.as_ref().is_some_and(|p| crate::diff::same_json(p, request.input))
        });
        let found = exact.or_else(|| self.recorded.iter().enumerate().position(|(i, r)| free(i, r)));
        let Some(i) = found else {
            return Err(TaskFailure::Unhandled(format!(
                "the Task state '{}' has no recorded result left in the history (attempt {})",
                request.state_name,
                request.attempt + 1
            )));
        };
        used[i] = true;
        let result = &self.recorded[i].result;
        match (&result.output, &result.error) {
            (_, Some((error, cause))) => {
                Err(TaskFailure::Error(RuntimeError::new(error.clone(), cause.clone())))
            }
            (Some(output), None) => Ok(output.clone()),
            (None, None) => Err(TaskFailure::Unhandled(format!(
                "the Task state '{}' has no result in the history (it had not ended)",
                request.state_name
            ))),
        }
    }
}

impl TaskHandler for HistoryMocks {
    fn invoke<'a>(&'a self, request: TaskRequest<'a>) -> TaskFuture<'a> {
        Box::pin(std::future::ready(self.answer(&request)))
    }
}

/// The run's task results as a Step Functions Local `MockConfigFile` with one test case,
/// `test_case`, for the state machine `machine`: `<State>` -> response `<State>Results`,
/// its invocations numbered from 0 in recorded order.
pub fn mock_config(run: &Run, machine: &str, test_case: &str) -> Value {
    let mut cases = Map::new();
    let mut responses: Map<String, Value> = Map::new();
    for step in run.steps.iter().filter(|s| !s.tasks.is_empty()) {
        let response_name = format!("{}Results", step.name);
        cases.insert(step.name.clone(), Value::String(response_name.clone()));
        let entries = responses.entry(response_name).or_insert_with(|| json!({}));
        for result in step.tasks.iter().filter(|t| t.output.is_some() || t.error.is_some()) {
            if let Value::Object(entries) = entries {
                let n = entries.len().to_string();
                let entry = match (&result.output, &result.error) {
                    (_, Some((error, cause))) => json!({"Throw": {"Error": error, "Cause": cause}}),
                    (Some(output), None) => json!({"Return": output}),
                    (None, None) => continue,
                };
                entries.insert(n, entry);
            }
        }
    }
    json!({
        "StateMachines": {machine: {"TestCases": {test_case: cases}}},
        "MockedResponses": responses,
    })
}
