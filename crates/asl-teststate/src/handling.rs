//! An error raised by the tested state, as TestState reports it: it runs one attempt, so
//! a Retrier with attempts left makes the answer `RETRIABLE` (with the backoff the retry
//! would wait, after `stateConfiguration.retrierRetryCount` retries already done); a
//! Catcher makes it `CAUGHT_ERROR` with the Catcher's output and `Next`; anything else
//! is `FAILED`. The matching rules are the engine's (`asl_eval::test_state`).

use crate::run::{failed, Outcome, Run, Status};
use crate::work::integer;
use asl_eval::test_state::{catcher_for, max_attempts, retrier_for, retry_delay};
use asl_eval::RuntimeError;
use asl_model::model::{Catcher, StateKind};
use serde_json::{json, Map, Value};

pub(crate) fn handle(mut r: Run<'_>, e: RuntimeError) -> Outcome {
    let handles = matches!(r.state.kind, StateKind::Task(_) | StateKind::Parallel(_) | StateKind::Map(_));
    // States.Runtime ends the execution: AWS never lets Retry or Catch see it.
    if !handles || e.error == "States.Runtime" {
        return failed(r.finish(), e);
    }
    let state = r.state;
    let mut details = Map::new();
    if let Some((index, retrier)) = retrier_for(&state.retry, &e.error) {
        details.insert("retryIndex".into(), json!(index));
        let done = r.configuration.retrier_retry_count.unwrap_or(0);
        if done < u64::from(max_attempts(retrier)) {
            let wait = retry_delay(retrier, done.min(u64::from(u32::MAX)) as u32);
            details.insert("retryBackoffIntervalSeconds".into(), integer(wait.as_secs_f64()));
            r.stage("errorDetails", Value::Object(details));
            return Outcome {
                status: Status::Retriable,
                output: None,
                error: Some(e.error),
                cause: Some(e.cause),
                next_state: None,
                inspection: r.finish(),
            };
        }
    }
    if let Some((index, catcher)) = catcher_for(&state.catch, &e.error) {
        details.insert("catchIndex".into(), json!(index));
        r.stage("errorDetails", Value::Object(details));
        return match caught(&mut r, catcher, &e) {
            Ok(output) => Outcome {
                status: Status::CaughtError,
                output: Some(output),
                error: Some(e.error),
                cause: Some(e.cause),
                next_state: catcher.next.clone(),
                inspection: r.finish(),
            },
            Err(processing) => failed(r.finish(), processing),
        };
    }
    if !details.is_empty() {
        r.stage("errorDetails", Value::Object(details));
    }
    failed(r.finish(), e)
}

/// The Catcher's output: JSONPath `ResultPath` over the state input, or JSONata
/// `Output` (default: the error output); its `Assign` updates the variables shown.
fn caught(r: &mut Run<'_>, catcher: &Catcher, e: &RuntimeError) -> Result<Value, RuntimeError> {
    let mut error_output = Map::new();
    if !e.error.is_empty() {
        error_output.insert("Error".into(), json!(e.error));
    }
    if !e.cause.is_empty() {
        error_output.insert("Cause".into(), json!(e.cause));
    }
    let error_output = Value::Object(error_output);
    let (output, assigned) = if r.jsonata {
        let mut step = r.jsonata(r.input, None, Some(&error_output));
        let assigned = catcher.assign.as_ref().map(|t| step.assign(t)).transpose()?;
        let output = match &catcher.output {
            Some(t) => step.render(t, "Output")?,
            None => error_output.clone(),
        };
        (output, assigned)
    } else {
        let assigned = match &catcher.assign {
            Some(t) => match asl_eval::expr::render_template(t, &r.scope(&error_output))? {
                Value::Object(m) => Some(m),
                _ => return Err(RuntimeError::runtime("The value of the field 'Assign' must be an object.")),
            },
            None => None,
        };
        (r.result_path(&catcher.result_path, error_output)?, assigned)
    };
    if let Some(assigned) = assigned {
        r.variables.extend(assigned);
    }
    Ok(output)
}
