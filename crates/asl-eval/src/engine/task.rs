//! Task states: the parameters go to the [`TaskHandler`](crate::handler::TaskHandler);
//! its result goes through ResultSelector, ResultPath and OutputPath. History events are
//! `Task*` for integrations and `LambdaFunction*` for plain Lambda ARNs, as AWS records.

use super::context::pseudo_uuid;
use super::io::{self, Env, PAYLOAD_LIMIT};
use super::run::{data_limit_cause, Exit, StateExtra, StateRun};
use super::{Engine, Failure, Frame};
use crate::callback::is_callback;
use crate::handler::{classify_resource, has_task_token, ResourceKind, TaskFailure, TaskRequest};
use crate::history::payload;
use crate::RuntimeError;
use asl_model::model::Task;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::time::Duration;

impl<'a> Engine<'a> {
    pub(crate) async fn task_attempt(
        &self,
        run: &StateRun<'a>,
        task: &Task,
        input: &Value,
        frame: &mut Frame,
        retries: u32,
    ) -> Result<Exit<'a>, Failure> {
        let resource = task.resource.as_deref().unwrap_or_default();
        let callback = is_callback(resource);
        let token = (callback || has_task_token(resource)).then(|| {
            pseudo_uuid(
                run.entered_id.wrapping_mul(31).wrapping_add(retries as u64) ^ self.random().to_bits(),
            )
        });
        // `$$.Task.Token` exists for `.waitForTaskToken` and `.sync`; an activity's worker
        // gets the token with the task.
        let context_token = token.clone().filter(|_| has_task_token(resource));
        let extra = StateExtra { retry_count: retries, task_token: context_token, map_item: None };
        let context = self.context_object(run, extra);
        let fields = &run.state.io;
        let params = self.arguments(run, input, &context, frame)?;
        if let Some(reason) = super::request_check::refusal(resource, &params) {
            let field = if run.jsonata { "Arguments" } else { "Parameters" };
            return Err(run.runtime(format!(
                "The {field} '{}' could not be used to start the Task: [{reason}]",
                crate::expr::compact(&params)
            )));
        }
        let (timeout, heartbeat) = self.task_timeout(run, task, input, &context, frame)?;
        let (kind, resource_type, resource_name) = classify_resource(resource);
        let lambda = kind == ResourceKind::LambdaFunction;
        let activity = kind == ResourceKind::Activity;
        if activity {
            let details = json!({"resource": resource, "input": payload(&params), "inputDetails": {"truncated": false}});
            let details = with_limits(details, timeout, heartbeat);
            self.event_on(
                &mut frame.lane,
                "ActivityScheduled",
                || Some(("activityScheduledEventDetails", details)),
                true,
            );
        } else if lambda {
            // AWS's Lambda scheduling details carry no heartbeat.
            let details = json!({"resource": resource, "input": payload(&params), "inputDetails": {"truncated": false}});
            let details = with_limits(details, timeout, None);
            self.event_on(
                &mut frame.lane,
                "LambdaFunctionScheduled",
                || Some(("lambdaFunctionScheduledEventDetails", details)),
                true,
            );
            self.event_on(&mut frame.lane, "LambdaFunctionStarted", || None, true);
        } else {
            let details = json!({
                "resourceType": resource_type,
                "resource": resource_name,
                "region": self.options.region,
                "parameters": payload(&params),
            });
            let details = with_limits(details, timeout, heartbeat);
            self.event_on(
                &mut frame.lane,
                "TaskScheduled",
                || Some(("taskScheduledEventDetails", details)),
                true,
            );
            let started = json!({"resourceType": resource_type, "resource": resource_name});
            self.event_on(
                &mut frame.lane,
                "TaskStarted",
                || Some(("taskStartedEventDetails", started)),
                true,
            );
        }
        let request = TaskRequest {
            state_name: &run.state.name,
            resource,
            input: &params,
            attempt: retries,
            task_token: token.as_deref(),
            timeout,
            heartbeat: heartbeat.filter(|_| callback),
        };
        let virtual_clock = self.options.clock.is_virtual();
        let waited_from = (callback && virtual_clock).then(tokio::time::Instant::now);
        // A task answered without a callback takes no virtual time (see `timers`).
        let _busy = (virtual_clock && !callback).then(|| self.timers.busy());
        let invoked = match timeout.filter(|_| !virtual_clock) {
            Some(t) => match tokio::time::timeout(t, self.handler.invoke(request)).await {
                Ok(r) => r,
                Err(_) => Err(TaskFailure::Error(RuntimeError::new("States.Timeout", String::new()))),
            },
            None => self.handler.invoke(request).await,
        };
        drop(_busy);
        if let Some(from) = waited_from {
            // A callback waited on tokio's (paused) timer: the history's time moves with it.
            let waited = from.elapsed();
            if !waited.is_zero() {
                self.sleep(&mut frame.lane, waited).await;
            }
        }
        let result = match invoked {
            Ok(result) if io::exceeds(&result, PAYLOAD_LIMIT) => {
                Err(RuntimeError::new("States.DataLimitExceeded", data_limit_cause(&run.state.name)))
            }
            Ok(result) => Ok(result),
            Err(TaskFailure::Unhandled(message)) => {
                return Err(Failure::terminal(RuntimeError::runtime(message)))
            }
            Err(TaskFailure::Error(e)) => Err(e),
        };
        let result = match result {
            Ok(result) => result,
            Err(e) => {
                let timed_out = matches!(e.error.as_str(), "States.Timeout" | "States.HeartbeatTimeout");
                let mut details = Map::new();
                if !lambda && !activity {
                    details.insert("resourceType".into(), json!(resource_type));
                    details.insert("resource".into(), json!(resource_name));
                }
                details.insert("error".into(), json!(e.error));
                details.insert("cause".into(), json!(e.cause));
                let (kind, key) = match (lambda || activity, timed_out) {
                    _ if activity && timed_out => ("ActivityTimedOut", "activityTimedOutEventDetails"),
                    _ if activity => ("ActivityFailed", "activityFailedEventDetails"),
                    (true, true) => ("LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails"),
                    (true, false) => ("LambdaFunctionFailed", "lambdaFunctionFailedEventDetails"),
                    (false, true) => ("TaskTimedOut", "taskTimedOutEventDetails"),
                    (false, false) => ("TaskFailed", "taskFailedEventDetails"),
                };
                self.event_on(&mut frame.lane, kind, || Some((key, Value::Object(details))), true);
                return Err(Failure::catchable(e));
            }
        };
        if activity {
            let details = json!({"output": payload(&result), "outputDetails": {"truncated": false}});
            self.event_on(
                &mut frame.lane,
                "ActivitySucceeded",
                || Some(("activitySucceededEventDetails", details)),
                true,
            );
        } else if lambda {
            let details = json!({"output": payload(&result), "outputDetails": {"truncated": false}});
            self.event_on(
                &mut frame.lane,
                "LambdaFunctionSucceeded",
                || Some(("lambdaFunctionSucceededEventDetails", details)),
                true,
            );
        } else {
            let details = json!({
                "resourceType": resource_type,
                "resource": resource_name,
                "output": payload(&result),
                "outputDetails": {"truncated": false},
            });
            self.event_on(
                &mut frame.lane,
                "TaskSucceeded",
                || Some(("taskSucceededEventDetails", details)),
                true,
            );
        }
        self.inspect(run, |i| i.result = Some(result.clone()));
        if run.jsonata {
            return self.jsonata_result(run, input, result, &context, frame);
        }
        let env = Env { context: &context, variables: &frame.variables };
        let selected = io::template(std::borrow::Cow::Owned(result), fields.result_selector.as_ref(), env)
            .map_err(|e| run.fail(e))?
            .into_owned();
        if fields.result_selector.is_some() {
            self.inspect(run, |i| i.after_result_selector = Some(selected.clone()));
        }
        let assigned = self.assign(run, fields.assign.as_ref(), &selected, env)?;
        let combined =
            io::result_path(Cow::Borrowed(input), &fields.result_path, selected).map_err(|e| run.fail(e))?;
        self.inspect(run, |i| i.after_result_path = Some(combined.clone()));
        let output = io::output_path(combined, &fields.output_path, env).map_err(|e| run.fail(e))?;
        Ok(Exit { output, next: run.next()?, assigned })
    }

    /// TimeoutSeconds or TimeoutSecondsPath (AWS's default, 99999999 s, is no timeout here)
    /// and HeartbeatSeconds or HeartbeatSecondsPath.
    fn task_timeout(
        &self,
        run: &StateRun<'a>,
        task: &Task,
        input: &Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<(Option<Duration>, Option<Duration>), Failure> {
        if run.jsonata {
            let mut step = crate::jsonata::Step::new(crate::jsonata::States {
                input,
                result: None,
                error_output: None,
                context,
                variables: &frame.variables,
            });
            let t =
                self.jsonata_number(run, &mut step, task.timeout_seconds.as_ref(), "TimeoutSeconds", true)?;
            let h = self.jsonata_number(
                run,
                &mut step,
                task.heartbeat_seconds.as_ref(),
                "HeartbeatSeconds",
                true,
            )?;
            let secs = |t: Option<f64>| t.filter(|t| *t > 0.0).map(|t| Duration::from_secs_f64(t.min(1e9)));
            return Ok((secs(t), secs(h)));
        }
        let env = Env { context, variables: &frame.variables };
        let timeout = seconds(
            run,
            task.timeout_seconds.as_ref(),
            task.timeout_seconds_path.as_deref(),
            "TimeoutSecondsPath",
            input,
            env,
        )?;
        let heartbeat = seconds(
            run,
            task.heartbeat_seconds.as_ref(),
            task.heartbeat_seconds_path.as_deref(),
            "HeartbeatSecondsPath",
            input,
            env,
        )?;
        Ok((timeout, heartbeat))
    }
}

/// A JSONPath state's `XSeconds` or `XSecondsPath`.
fn seconds(
    run: &StateRun<'_>,
    value: Option<&Value>,
    path: Option<&str>,
    field: &str,
    input: &Value,
    env: Env<'_>,
) -> Result<Option<Duration>, Failure> {
    if let Some(t) = value.and_then(Value::as_f64) {
        return Ok((t > 0.0).then(|| Duration::from_secs_f64(t.min(1e9))));
    }
    let Some(path) = path else { return Ok(None) };
    let value = crate::expr::select(path, &env.scope(input)).map_err(|e| run.fail(e))?;
    match super::numbers::integer(&value) {
        Some(t) if t > 0 => Ok(Some(Duration::from_secs(t as u64))),
        _ => Err(run.runtime(format!(
            "The {field} field refers to value \"{}\" which is not a valid integer: {path}",
            super::numbers::bare(&value)
        ))),
    }
}

/// Adds the task's time limits to its scheduling event details, as AWS records them.
fn with_limits(mut details: Value, timeout: Option<Duration>, heartbeat: Option<Duration>) -> Value {
    if let Some(t) = timeout {
        details["timeoutInSeconds"] = json!(t.as_secs());
    }
    if let Some(h) = heartbeat {
        details["heartbeatInSeconds"] = json!(h.as_secs());
    }
    details
}
