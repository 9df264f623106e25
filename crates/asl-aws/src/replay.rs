//! Replay: a recorded run re-run on the local engine with the same input (and, when
//! asked, the recorded task results as its mocks), told as a [`Run`] to diff.

use crate::steps::{run_of, Run};
use asl_eval::{Execution, Options, TaskHandler};
use asl_model::Document;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

/// Runs `doc` locally on the recorded run's input and tells the local run.
///
/// `options` are the caller's (S3 folders, clock, names); the execution's start time and
/// role are taken from the recording so `$$.Execution.StartTime` and `RoleArn` agree;
/// records are turned on (the diff needs the history). The engine runs on a runtime of
/// its own (virtual time): call this off async threads (`spawn_blocking` in the app).
pub fn run_locally(doc: &Document, recorded: &Run, handler: &dyn TaskHandler, mut options: Options) -> Run {
    options.record_history = true;
    options.record_states = false;
    if let Some(start) = recorded.start_time.as_deref().and_then(|t| DateTime::parse_from_rfc3339(t).ok()) {
        options.start_time = Some(start.with_timezone(&Utc));
    }
    if let Some(role) = &recorded.role_arn {
        options.role_arn.clone_from(role);
    }
    let input: Value = recorded.input.clone().unwrap_or_else(|| json!({}));
    let outcome = Execution::run(doc, input, handler, &options);
    let mut run = run_of(&outcome.history);
    // A run that could not start (invalid input, an engine refusal) has no history to
    // tell its end: take it from the outcome.
    if run.status == "RUNNING" {
        run.status = outcome.status.as_str().to_owned();
        run.output = outcome.output;
        run.error = outcome.error;
        run.cause = outcome.cause;
    }
    run
}
