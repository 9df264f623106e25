//! The states that do no work outside the engine: Pass, Choice, Wait, Succeed, Fail.

use super::io::{self, Env};
use super::run::{Exit, StateExtra, StateRun};
use super::{Engine, Failure, Frame};
use crate::expr::{self, Scope};
use crate::RuntimeError;
use asl_model::model::{Choice, Fail, Pass, Wait};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::borrow::Cow;
use std::time::Duration;

impl<'a> Engine<'a> {
    /// What a Task or Parallel works on: JSONata `Arguments`, or JSONPath InputPath then
    /// Parameters, with their inspection stages recorded.
    pub(crate) fn arguments(
        &self,
        run: &StateRun<'a>,
        input: &Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<Value, Failure> {
        if run.jsonata {
            return self.jsonata_arguments(run, input, context, frame);
        }
        let fields = &run.state.io;
        let env = Env { context, variables: &frame.variables };
        let effective = io::filter_path(input, &fields.input_path, env).map_err(|e| run.fail(e))?;
        self.inspect(run, |i| i.after_input_path = Some(effective.clone().into_owned()));
        let params =
            io::template(effective, fields.parameters.as_ref(), env).map_err(|e| run.fail(e))?.into_owned();
        if fields.parameters.is_some() {
            self.inspect(run, |i| i.after_parameters = Some(params.clone()));
        }
        Ok(params)
    }

    pub(crate) fn pass(
        &self,
        run: &StateRun<'a>,
        pass: &Pass,
        input: Value,
        frame: &mut Frame,
    ) -> Result<Exit<'a>, Failure> {
        let context = self.context_object(run, StateExtra::default());
        let env = Env { context: &context, variables: &frame.variables };
        let fields = &run.state.io;
        // A Pass that only forwards its input (the common glue state) moves it through.
        let forwards = pass.result.is_none()
            && fields.parameters.is_none()
            && fields.assign.is_none()
            && io::is_identity(&fields.input_path)
            && io::is_identity(&fields.result_path);
        if forwards {
            self.inspect(run, |i| {
                i.after_input_path = Some(input.clone());
                i.result = Some(input.clone());
                i.after_result_path = Some(input.clone());
            });
            let output = io::output_path(input, &fields.output_path, env).map_err(|e| run.fail(e))?;
            return Ok(Exit { output, next: run.next()?, assigned: None });
        }
        let effective = io::filter_path(&input, &fields.input_path, env).map_err(|e| run.fail(e))?;
        self.inspect(run, |i| i.after_input_path = Some(effective.clone().into_owned()));
        let result = match &pass.result {
            Some(result) => result.clone(),
            None => {
                let params =
                    io::template(effective, fields.parameters.as_ref(), env).map_err(|e| run.fail(e))?;
                if fields.parameters.is_some() {
                    self.inspect(run, |i| i.after_parameters = Some(params.clone().into_owned()));
                }
                params.into_owned()
            }
        };
        self.inspect(run, |i| i.result = Some(result.clone()));
        let assigned = self.assign(run, fields.assign.as_ref(), &result, env)?;
        let combined =
            io::result_path(Cow::Owned(input), &fields.result_path, result).map_err(|e| run.fail(e))?;
        self.inspect(run, |i| i.after_result_path = Some(combined.clone()));
        let output = io::output_path(combined, &fields.output_path, env).map_err(|e| run.fail(e))?;
        Ok(Exit { output, next: run.next()?, assigned })
    }

    pub(crate) fn choice(
        &self,
        run: &StateRun<'a>,
        choice: &'a Choice,
        input: Value,
        frame: &mut Frame,
    ) -> Result<Exit<'a>, Failure> {
        let context = self.context_object(run, StateExtra::default());
        let env = Env { context: &context, variables: &frame.variables };
        let fields = &run.state.io;
        let effective = io::filter_path(&input, &fields.input_path, env).map_err(|e| run.fail(e))?;
        self.inspect(run, |i| i.after_input_path = Some(effective.clone().into_owned()));
        let scope = Scope { input: &effective, context: &context, variables: &frame.variables };
        let mut taken = None;
        for rule in &choice.choices {
            if expr::evaluate_condition(&rule.condition, &scope).map_err(|e| run.fail(e))? {
                taken = Some((rule.next.as_deref(), rule.assign.as_ref()));
                break;
            }
        }
        let (next, assign) = match taken {
            Some((next, assign)) => (next, assign),
            None => match &choice.default {
                Some(default) => (Some(default.as_str()), fields.assign.as_ref()),
                // AWS reports a Choice without a match or Default as a failed transition
                // (States.Runtime), not as the spec's States.NoChoiceMatched.
                None => (None, None),
            },
        };
        let Some(next) = next else {
            return Err(run.runtime(
                "Failed to transition out of the state. The state does not point to a next state.",
            ));
        };
        let assigned = self.assign(run, assign, &effective, env)?;
        let output = io::output_path(io::owned(effective).unwrap_or(input), &fields.output_path, env)
            .map_err(|e| run.fail(e))?;
        Ok(Exit { output, next: Some(next), assigned })
    }

    pub(crate) fn succeed(
        &self,
        run: &StateRun<'a>,
        input: Value,
        frame: &mut Frame,
    ) -> Result<Exit<'a>, Failure> {
        let context = self.context_object(run, StateExtra::default());
        let env = Env { context: &context, variables: &frame.variables };
        let fields = &run.state.io;
        let effective = io::filter_path(&input, &fields.input_path, env).map_err(|e| run.fail(e))?;
        let output = io::output_path(io::owned(effective).unwrap_or(input), &fields.output_path, env)
            .map_err(|e| run.fail(e))?;
        Ok(Exit { output, next: None, assigned: None })
    }

    /// A Fail state's error (never Ok: the state does not exit).
    pub(crate) fn fail_state(
        &self,
        run: &StateRun<'a>,
        fail: &Fail,
        input: &Value,
        frame: &mut Frame,
    ) -> Failure {
        let context = self.context_object(run, StateExtra::default());
        let env = Env { context: &context, variables: &frame.variables };
        let read = |literal: &Option<String>,
                    path: &Option<String>,
                    field: &str|
         -> Result<String, Failure> {
            if let Some(text) = literal {
                return Ok(text.clone());
            }
            let Some(path) = path else { return Ok(String::new()) };
            let value = if path.starts_with("States.") {
                expr::call_intrinsic(path, &env.scope(input)).map_err(|e| run.fail(e))?
            } else {
                expr::select(path, &env.scope(input)).map_err(|_| {
                    run.runtime(format!(
                        "The JSONPath '{path}' specified for the field '{field}' could not be found in the input '{input}'"
                    ))
                })?
            };
            match value {
                Value::String(s) => Ok(s),
                other => Err(run.runtime(format!(
                    "The JSONPath '{path}' specified for the field '{field}' must reference a string, found {other}"
                ))),
            }
        };
        let error = match read(&fail.error, &fail.error_path, "ErrorPath") {
            Ok(e) => e,
            Err(f) => return f,
        };
        let cause = match read(&fail.cause, &fail.cause_path, "CausePath") {
            Ok(c) => c,
            Err(f) => return f,
        };
        Failure::catchable(RuntimeError::new(error, cause))
    }

    pub(crate) async fn wait(
        &self,
        run: &StateRun<'a>,
        wait: &Wait,
        input: Value,
        frame: &mut Frame,
    ) -> Result<Exit<'a>, Failure> {
        let (effective, duration, assigned) = {
            let context = self.context_object(run, StateExtra::default());
            let env = Env { context: &context, variables: &frame.variables };
            let fields = &run.state.io;
            let effective = io::filter_path(&input, &fields.input_path, env).map_err(|e| run.fail(e))?;
            let effective = io::owned(effective).unwrap_or(input);
            let duration = self.wait_duration(run, wait, &effective, env, frame)?;
            let assigned = self.assign(run, fields.assign.as_ref(), &effective, env)?;
            (effective, duration, assigned)
        };
        if !duration.is_zero() {
            self.sleep(&mut frame.lane, duration).await;
        }
        let context = self.context_object(run, StateExtra::default());
        let env = Env { context: &context, variables: &frame.variables };
        let output = io::output_path(effective, &run.state.io.output_path, env).map_err(|e| run.fail(e))?;
        Ok(Exit { output, next: run.next()?, assigned })
    }

    fn wait_duration(
        &self,
        run: &StateRun<'a>,
        wait: &Wait,
        effective: &Value,
        env: Env<'_>,
        frame: &Frame,
    ) -> Result<Duration, Failure> {
        if let Some(seconds) = &wait.seconds {
            return match seconds.as_f64() {
                Some(s) if s >= 0.0 => Ok(Duration::from_secs_f64(s.min(1e12))),
                _ => Err(
                    run.runtime(format!("The Seconds field must be a non-negative integer, found {seconds}"))
                ),
            };
        }
        if let Some(path) = &wait.seconds_path {
            // AWS's texts: a path that resolves to nothing, a negative count, anything else.
            let Ok(value) = expr::select(path, &env.scope(effective)) else {
                return Err(run.runtime(format!(
                    "The SecondsPath parameter does not reference an input value: {path}"
                )));
            };
            return match value.as_i64() {
                Some(s) if s >= 0 => Ok(Duration::from_secs(s as u64)),
                Some(_) => Err(run.runtime(format!(
                    "The SecondsPath parameter references a negative value: {path} == {}",
                    display(&value)
                ))),
                None => Err(run.runtime(format!(
                    "The SecondsPath parameter cannot be parsed as a long value: {path} == {}",
                    display(&value)
                ))),
            };
        }
        let (text, path) = match (&wait.timestamp, &wait.timestamp_path) {
            (Some(t), _) => (t.clone(), None),
            (None, Some(path)) => {
                let value = expr::select(path, &env.scope(effective)).map_err(|e| run.fail(e))?;
                match value {
                    Value::String(s) => (s, Some(path)),
                    other => {
                        return Err(run.runtime(format!(
                            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {path} == {}",
                            display(&other)
                        )))
                    }
                }
            }
            (None, None) => return Ok(Duration::ZERO),
        };
        let Some(until) = parse_timestamp(&text) else {
            return Err(run.runtime(match path {
                Some(path) => format!(
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {path} == {text}"
                ),
                None => format!("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {text}"),
            }));
        };
        let now = self.now(&frame.lane);
        Ok((until - now).to_std().unwrap_or(Duration::ZERO))
    }
}

/// An ISO-8601 extended offset date-time (`2016-03-14T01:59:00Z`, `...T01:59:00.123+02:00`):
/// a `T` between date and time and an offset are required.
pub(crate) fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    if text.as_bytes().get(10) != Some(&b'T') {
        return None;
    }
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

/// A value in an error message: strings bare, anything else as JSON.
fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_timestamp;

    #[test]
    fn timestamps_need_t_and_an_offset() {
        assert!(parse_timestamp("2016-03-14T01:59:00Z").is_some());
        assert!(parse_timestamp("2016-03-14T01:59:00.123456789+02:00").is_some());
        for bad in [
            "2016-12-05T21:29:29",
            "2016-12-05 21:29:29Z",
            "05-12-2016T21:29:29Z",
            "2016-13-05T21:29:29Z",
            "2016-12-05T25:29:29Z",
        ] {
            assert!(parse_timestamp(bad).is_none(), "{bad}");
        }
    }
}
