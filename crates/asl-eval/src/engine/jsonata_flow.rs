//! JSONata states: the fields AWS evaluates for each state type (Output, Assign,
//! Condition, Seconds/Timestamp, Error/Cause) and the end of Task, Parallel, Map and
//! Catch (Output and Assign both see the state's result and the *old* variables; the
//! new ones are applied after the state exits).

use super::flow::parse_timestamp;
use super::run::{Exit, StateExtra, StateRun};
use super::{Engine, Failure, Frame};
use crate::expr::{self, Scope};
use crate::jsonata::{query_error, unexpected_type, States, Step};
use crate::RuntimeError;
use asl_model::model::{Choice, ConditionKind, Fail, StateKind, Wait};
use serde_json::{Map, Value};
use std::time::Duration;

/// What a JSONata state's Output and Assign can see.
pub(crate) struct Seen<'v> {
    pub input: &'v Value,
    pub result: Option<&'v Value>,
    pub error_output: Option<&'v Value>,
    pub context: &'v Value,
}

impl<'a> Engine<'a> {
    /// Output (default: `default`) and Assign of a JSONata state or catcher.
    /// Output (default: the state input) and Assign of a state with no result of its
    /// own (Pass without Result, Succeed, Wait).
    fn jsonata_finish_state(
        &self,
        run: &StateRun<'a>,
        input: &Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<(Value, Option<Map<String, Value>>), Failure> {
        let fields = &run.state.io;
        let seen = Seen { input, result: None, error_output: None, context };
        self.jsonata_finish(
            run,
            fields.output.as_ref(),
            fields.assign.as_ref(),
            seen,
            input.clone(),
            &frame.variables,
        )
    }

    pub(crate) fn jsonata_finish(
        &self,
        run: &StateRun<'a>,
        output: Option<&Value>,
        assign: Option<&Value>,
        seen: Seen<'_>,
        default: Value,
        variables: &Map<String, Value>,
    ) -> Result<(Value, Option<Map<String, Value>>), Failure> {
        let mut step = Step::new(States {
            input: seen.input,
            result: seen.result,
            error_output: seen.error_output,
            context: seen.context,
            variables,
        });
        let assigned = match assign {
            Some(t) => Some(step.assign(t).map_err(|e| run.fail(e))?),
            None => None,
        };
        let output = match output {
            Some(t) => step.render(t, "Output").map_err(|e| run.fail(e))?,
            None => default,
        };
        Ok((output, assigned))
    }

    /// Pass and Succeed: Output (default: the input) and Assign.
    pub(crate) fn jsonata_pass(
        &self,
        run: &StateRun<'a>,
        input: Value,
        frame: &mut Frame,
    ) -> Result<Exit<'a>, Failure> {
        let context = self.context_object(run, StateExtra::default());
        let (output, assigned) = self.jsonata_finish_state(run, &input, &context, frame)?;
        let next = match run.state.kind {
            StateKind::Succeed => None,
            _ => run.next()?,
        };
        Ok(Exit { output, next, assigned })
    }

    pub(crate) fn jsonata_choice(
        &self,
        run: &StateRun<'a>,
        choice: &'a Choice,
        input: Value,
        frame: &mut Frame,
    ) -> Result<Exit<'a>, Failure> {
        let context = self.context_object(run, StateExtra::default());
        let fields = &run.state.io;
        let mut taken = None;
        {
            let mut step = Step::new(States {
                input: &input,
                result: None,
                error_output: None,
                context: &context,
                variables: &frame.variables,
            });
            for rule in &choice.choices {
                let holds = match &rule.condition.kind {
                    ConditionKind::Jsonata(v) => {
                        let (value, body) = step.field(v, "Condition").map_err(|e| run.fail(e))?;
                        match value {
                            Value::Bool(b) => b,
                            other => {
                                let body = body.unwrap_or_else(|| other.to_string());
                                return Err(run.fail(unexpected_type(&body, "Condition", "boolean", &other)));
                            }
                        }
                    }
                    _ => {
                        let scope = Scope { input: &input, context: &context, variables: &frame.variables };
                        expr::evaluate_condition(&rule.condition, &scope).map_err(|e| run.fail(e))?
                    }
                };
                if holds {
                    taken = Some(rule);
                    break;
                }
            }
        }
        let (next, output, assign) = match taken {
            Some(rule) => (rule.next.as_deref(), rule.output.as_ref(), rule.assign.as_ref()),
            None => (choice.default.as_deref(), fields.output.as_ref(), fields.assign.as_ref()),
        };
        let Some(next) = next else {
            return Err(run.runtime(
                "Failed to transition out of the state. The state does not point to a next state.",
            ));
        };
        let seen = Seen { input: &input, result: None, error_output: None, context: &context };
        let (output, assigned) =
            self.jsonata_finish(run, output, assign, seen, input.clone(), &frame.variables)?;
        Ok(Exit { output, next: Some(next), assigned })
    }

    pub(crate) fn jsonata_fail(
        &self,
        run: &StateRun<'a>,
        fail: &Fail,
        input: &Value,
        frame: &Frame,
    ) -> Failure {
        let context = self.context_object(run, StateExtra::default());
        let mut step = Step::new(States {
            input,
            result: None,
            error_output: None,
            context: &context,
            variables: &frame.variables,
        });
        let mut read = |text: &Option<String>, field: &str| -> Result<String, RuntimeError> {
            let Some(text) = text else { return Ok(String::new()) };
            match step.field(&Value::String(text.clone()), field)? {
                (Value::String(s), _) => Ok(s),
                (other, body) => Err(unexpected_type(&body.unwrap_or_default(), field, "string", &other)),
            }
        };
        let error = match read(&fail.error, "Error") {
            Ok(e) => e,
            Err(e) => return run.fail(e),
        };
        let cause = match read(&fail.cause, "Cause") {
            Ok(c) => c,
            Err(e) => return run.fail(e),
        };
        Failure::catchable(RuntimeError::new(error, cause))
    }

    pub(crate) async fn jsonata_wait(
        &self,
        run: &StateRun<'a>,
        wait: &Wait,
        input: Value,
        frame: &mut Frame,
    ) -> Result<Exit<'a>, Failure> {
        let (duration, output, assigned) = {
            let context = self.context_object(run, StateExtra::default());
            let duration = self.jsonata_wait_duration(run, wait, &input, &context, frame)?;
            let (output, assigned) = self.jsonata_finish_state(run, &input, &context, frame)?;
            (duration, output, assigned)
        };
        if !duration.is_zero() {
            self.sleep(&mut frame.lane, duration).await;
        }
        Ok(Exit { output, next: run.next()?, assigned })
    }

    fn jsonata_wait_duration(
        &self,
        run: &StateRun<'a>,
        wait: &Wait,
        input: &Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<Duration, Failure> {
        let mut step = Step::new(States {
            input,
            result: None,
            error_output: None,
            context,
            variables: &frame.variables,
        });
        if let Some(seconds) = &wait.seconds {
            let (value, body) = step.field(seconds, "Seconds").map_err(|e| run.fail(e))?;
            return match value.as_f64() {
                Some(s) if s >= 0.0 && s.fract() == 0.0 => Ok(Duration::from_secs_f64(s.min(1e12))),
                _ => Err(run.fail(match body {
                    Some(body) => unexpected_type(&body, "Seconds", "integer", &value),
                    None => query_error(format!(
                        "The Seconds field must be a non-negative integer, found {value}"
                    )),
                })),
            };
        }
        let Some(text) = &wait.timestamp else { return Ok(Duration::ZERO) };
        let (value, body) = step.field(&Value::String(text.clone()), "Timestamp").map_err(|e| run.fail(e))?;
        let text = match value {
            Value::String(s) => s,
            other => {
                return Err(run.fail(unexpected_type(
                    &body.unwrap_or_default(),
                    "Timestamp",
                    "string",
                    &other,
                )))
            }
        };
        let Some(until) = parse_timestamp(&text) else {
            return Err(run.fail(query_error(format!(
                "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {text}"
            ))));
        };
        Ok((until - self.now(&frame.lane)).to_std().unwrap_or(Duration::ZERO))
    }

    /// Arguments of a Task or Parallel (default: the state input).
    pub(crate) fn jsonata_arguments(
        &self,
        run: &StateRun<'a>,
        input: &Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<Value, Failure> {
        let Some(template) = run.state.io.arguments.as_ref() else { return Ok(input.clone()) };
        let mut step = Step::new(States {
            input,
            result: None,
            error_output: None,
            context,
            variables: &frame.variables,
        });
        let args = step.render(template, "Arguments").map_err(|e| run.fail(e))?;
        self.inspect(run, |i| i.after_arguments = Some(args.clone()));
        Ok(args)
    }

    /// The end of a Task, Parallel or Map: Output (default: the result) and Assign.
    pub(crate) fn jsonata_result(
        &self,
        run: &StateRun<'a>,
        input: &Value,
        result: Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<Exit<'a>, Failure> {
        let fields = &run.state.io;
        let seen = Seen { input, result: Some(&result), error_output: None, context };
        let (output, assigned) = self.jsonata_finish(
            run,
            fields.output.as_ref(),
            fields.assign.as_ref(),
            seen,
            result.clone(),
            &frame.variables,
        )?;
        Ok(Exit { output, next: run.next()?, assigned })
    }

    /// A numeric field of a JSONata state (TimeoutSeconds, MaxConcurrency, ...): a number
    /// or a `{% %}` expression that gives one.
    pub(crate) fn jsonata_number(
        &self,
        run: &StateRun<'a>,
        step: &mut Step<'_>,
        value: Option<&Value>,
        field: &str,
        integer: bool,
    ) -> Result<Option<f64>, Failure> {
        let Some(value) = value else { return Ok(None) };
        let (v, body) = step.field(value, field).map_err(|e| run.fail(e))?;
        match v.as_f64() {
            Some(n) if n >= 0.0 && (!integer || n.fract() == 0.0) => Ok(Some(n)),
            _ => {
                let expected = if integer { "integer" } else { "number" };
                let body = body.unwrap_or_else(|| v.to_string());
                Err(run.fail(unexpected_type(&body, field, expected, &v)))
            }
        }
    }
}
