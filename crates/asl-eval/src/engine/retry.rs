//! Which Retrier or Catcher handles an error, and how long a retry waits.
//!
//! Matching as AWS does it: an error name matches itself; `States.ALL` matches every error
//! except `States.DataLimitExceeded` (and `States.Runtime`, which never reaches Retry or
//! Catch); `States.TaskFailed` matches every error except `States.Timeout` and those two.
//! Only the first Retrier that matches applies: when its attempts are used up, the error
//! goes to the Catchers even if a later Retrier would also match.

use super::io::{self, Env};
use super::jsonata_flow::Seen;
use super::run::{error_output, Exit, StateExtra, StateRun};
use super::{Engine, Failure, FailureKind, Frame};
use crate::record::ErrorDetails;
use crate::RuntimeError;
use asl_model::model::{Catcher, Retrier, StateKind};
use serde_json::Value;
use std::borrow::Cow;
use std::time::Duration;

impl<'a> Engine<'a> {
    /// Runs a Task, Parallel or Map state with its Retriers and Catchers.
    pub(crate) async fn handled(
        &self,
        run: &StateRun<'a>,
        input: &Value,
        frame: &mut Frame,
    ) -> Result<Exit<'a>, Failure> {
        let state = run.state;
        let mut done = vec![0u32; state.retry.len()];
        let mut retries = 0u32;
        loop {
            let attempt = match &state.kind {
                StateKind::Task(task) => self.task_attempt(run, task, input, frame, retries).await,
                StateKind::Parallel(parallel) => {
                    self.parallel_attempt(run, parallel, input, frame, retries).await
                }
                StateKind::Map(map) => self.map_attempt(run, map, input, frame, retries).await,
                _ => {
                    return Err(Failure::terminal(RuntimeError::runtime(
                        "only Task, Parallel and Map states retry",
                    )))
                }
            };
            let failure = match attempt {
                Ok(exit) => return Ok(exit),
                Err(f) => {
                    self.hook_failed(state, frame, &f);
                    if f.kind != FailureKind::Catchable {
                        return Err(f);
                    }
                    f
                }
            };
            if let Some((index, retrier)) = retrier(&state.retry, &failure.error.error) {
                if done[index] < max_attempts(retrier) {
                    let wait = delay(retrier, done[index], self.random());
                    done[index] += 1;
                    retries += 1;
                    self.inspect(run, |i| {
                        i.error_details = Some(ErrorDetails {
                            retry_index: Some(index),
                            catch_index: None,
                            retry_backoff_interval_seconds: Some(wait.as_secs_f64()),
                        })
                    });
                    self.hook_retry(run, frame, &failure.error, index, retries, wait).await?;
                    if !wait.is_zero() {
                        self.sleep(&mut frame.lane, wait).await;
                    }
                    continue;
                }
            }
            let Some((index, catcher)) = catcher(&state.catch, &failure.error.error) else {
                return Err(failure);
            };
            let Some(next) = catcher.next.as_deref() else {
                return Err(run.runtime(
                    "Failed to transition out of the state. The catcher does not point to a next state.",
                ));
            };
            let caught = error_output(&failure.error);
            if run.jsonata {
                let context =
                    self.context_object(run, StateExtra { retry_count: retries, ..StateExtra::default() });
                let seen = Seen { input, result: None, error_output: Some(&caught), context: &context };
                let (output, assigned) = self.jsonata_finish(
                    run,
                    catcher.output.as_ref(),
                    catcher.assign.as_ref(),
                    seen,
                    caught.clone(),
                    &frame.variables,
                )?;
                self.inspect(run, |i| {
                    i.error_details.get_or_insert_with(ErrorDetails::default).catch_index = Some(index);
                });
                self.hook_caught(run, frame, &failure.error, index, next, &output).await?;
                return Ok(Exit { output, next: Some(next), assigned });
            }
            let output = io::result_path(Cow::Borrowed(input), &catcher.result_path, caught.clone())
                .map_err(|e| run.fail(e))?;
            let assigned = match &catcher.assign {
                None => None,
                Some(template) => {
                    let context = self
                        .context_object(run, StateExtra { retry_count: retries, ..StateExtra::default() });
                    let env = Env { context: &context, variables: &frame.variables };
                    self.assign(run, Some(template), &caught, env)?
                }
            };
            self.inspect(run, |i| {
                let details = i.error_details.get_or_insert_with(ErrorDetails::default);
                details.catch_index = Some(index);
            });
            self.hook_caught(run, frame, &failure.error, index, next, &output).await?;
            return Ok(Exit { output, next: Some(next), assigned });
        }
    }
}

pub(crate) fn matches(error_equals: &[String], error: &str) -> bool {
    error_equals.iter().any(|e| match e.as_str() {
        "States.ALL" => !matches!(error, "States.DataLimitExceeded" | "States.Runtime"),
        "States.TaskFailed" => !matches!(
            error,
            "States.Timeout" | "States.HeartbeatTimeout" | "States.DataLimitExceeded" | "States.Runtime"
        ),
        // AWS: States.Timeout covers a task that ran too long or missed its heartbeat.
        "States.Timeout" => matches!(error, "States.Timeout" | "States.HeartbeatTimeout"),
        name => name == error,
    })
}

pub(crate) fn retrier<'r>(retriers: &'r [Retrier], error: &str) -> Option<(usize, &'r Retrier)> {
    retriers.iter().enumerate().find(|(_, r)| matches(&r.error_equals, error))
}

pub(crate) fn catcher<'c>(catchers: &'c [Catcher], error: &str) -> Option<(usize, &'c Catcher)> {
    catchers.iter().enumerate().find(|(_, c)| matches(&c.error_equals, error))
}

/// How many retries the retrier allows (MaxAttempts, default 3; 0 never retries).
pub(crate) fn max_attempts(r: &Retrier) -> u32 {
    match r.max_attempts {
        None => 3,
        Some(n) if n <= 0.0 || !n.is_finite() => 0,
        Some(n) => n.min(u32::MAX as f64) as u32,
    }
}

/// The wait before retry number `done + 1`: IntervalSeconds (default 1) times
/// BackoffRate (default 2) to the power of the retries done, capped by MaxDelaySeconds;
/// with `JitterStrategy: FULL`, a random part of that (`random` in [0, 1)).
pub(crate) fn delay(r: &Retrier, done: u32, random: f64) -> Duration {
    let interval = r.interval_seconds.unwrap_or(1.0).max(0.0);
    let rate = r.backoff_rate.unwrap_or(2.0).max(1.0);
    let mut seconds = interval * rate.powi(done.min(i32::MAX as u32) as i32);
    if let Some(max) = r.max_delay_seconds {
        seconds = seconds.min(max.max(0.0));
    }
    if r.jitter_strategy.as_deref() == Some("FULL") {
        seconds *= random;
    }
    // Keep it representable: the virtual clock adds it to timestamps.
    Duration::from_secs_f64(seconds.clamp(0.0, 1e12))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retrier(errors: &[&str]) -> Retrier {
        Retrier {
            pointer: String::new(),
            error_equals: errors.iter().map(|s| s.to_string()).collect(),
            interval_seconds: None,
            max_attempts: None,
            backoff_rate: None,
            max_delay_seconds: None,
            jitter_strategy: None,
            comment: None,
        }
    }

    #[test]
    fn wildcards_match_as_aws_documents() {
        let all = ["States.ALL".to_string()];
        let task = ["States.TaskFailed".to_string()];
        assert!(matches(&all, "Lambda.Unknown"));
        assert!(matches(&all, "States.Timeout"));
        assert!(!matches(&all, "States.Runtime"));
        assert!(!matches(&all, "States.DataLimitExceeded"));
        assert!(matches(&["States.DataLimitExceeded".to_string()], "States.DataLimitExceeded"));
        assert!(matches(&task, "Exception"));
        assert!(!matches(&task, "States.Timeout"));
        assert!(!matches(&["Exception".to_string()], "CustomException"));
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let mut r = retrier(&["E"]);
        r.interval_seconds = Some(2.0);
        r.backoff_rate = Some(3.0);
        assert_eq!(delay(&r, 0, 0.5), Duration::from_secs(2));
        assert_eq!(delay(&r, 2, 0.5), Duration::from_secs(18));
        r.max_delay_seconds = Some(10.0);
        assert_eq!(delay(&r, 2, 0.5), Duration::from_secs(10));
        r.jitter_strategy = Some("FULL".into());
        assert_eq!(delay(&r, 2, 0.5), Duration::from_secs(5));
        assert_eq!(max_attempts(&retrier(&["E"])), 3);
        r.max_attempts = Some(0.0);
        assert_eq!(max_attempts(&r), 0);
    }
}
