//! The run loop: one scope's states from `StartAt` to an end, each entered, worked and
//! exited with its history events, record and debugger hook calls.

use super::context::StateContext;
use super::hook::{Resume, StatePoint};
use super::io::{self, Env, PAYLOAD_LIMIT};
use super::join::BoxFuture;
use super::{history_limit, Engine, Failure, FailureKind, Frame};
use crate::history::{aborted_kind, entered_kind, exited_kind, payload};
use crate::record::{Inspection, StateRecord};
use crate::RuntimeError;
use asl_model::model::{QueryLanguage, State, StateKind, StateMachine};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Map, Value};

/// How a state left: its output and where it goes (`None`: the scope ends).
pub(crate) struct Exit<'a> {
    pub output: Value,
    pub next: Option<&'a str>,
    /// Variables the state assigned (applied after its output is computed).
    pub assigned: Option<Map<String, Value>>,
}

/// One entered state: what its errors, records and context object need.
pub(crate) struct StateRun<'a> {
    pub state: &'a State,
    pub kind: &'static str,
    pub entered_id: u64,
    pub entered_at: DateTime<Utc>,
    /// The sequence number of its record, when records are kept.
    pub record: Option<usize>,
    /// The state uses the JSONata query language (its own or the machine's).
    pub jsonata: bool,
}

/// Errors whose cause AWS prefixes with the state and the event that entered it.
fn prefixed(error: &str) -> bool {
    matches!(
        error,
        "States.Runtime"
            | "States.QueryEvaluationError"
            | "States.IntrinsicFailure"
            | "States.ParameterPathFailure"
            | "States.ResultPathMatchFailure"
            | "States.ItemReaderFailed"
    )
}

impl<'a> StateRun<'a> {
    /// A processing error of this state, as AWS reports it.
    pub fn fail(&self, e: RuntimeError) -> Failure {
        let e = if prefixed(&e.error) {
            let cause = format!(
                "An error occurred while executing the state '{}' (entered at the event id #{}). {}",
                self.state.name, self.entered_id, e.cause
            );
            RuntimeError::new(e.error, cause)
        } else {
            e
        };
        Failure::from_processing(e)
    }

    pub fn runtime(&self, cause: impl Into<String>) -> Failure {
        self.fail(RuntimeError::runtime(cause))
    }

    /// The transition after a normal exit.
    pub fn next(&self) -> Result<Option<&'a str>, Failure> {
        let state = self.state;
        if state.end == Some(true) {
            return Ok(None);
        }
        match &state.next {
            Some(n) => Ok(Some(n.as_str())),
            None => Err(self
                .runtime("Failed to transition out of the state. The state does not point to a next state.")),
        }
    }
}

impl<'a> Engine<'a> {
    /// Runs one scope from its `StartAt` to its end; returns the last state's output.
    pub(crate) fn run_scope<'s>(
        &'s self,
        scope: &'a StateMachine,
        input: Value,
        frame: &'s mut Frame,
    ) -> BoxFuture<'s, Result<Value, Failure>> {
        self.run_scope_from(scope, scope.start_at.as_deref(), input, frame)
    }

    /// Runs one scope from the state `start` (its `StartAt`, or where a re-run begins).
    pub(crate) fn run_scope_from<'s>(
        &'s self,
        scope: &'a StateMachine,
        start: Option<&'a str>,
        input: Value,
        frame: &'s mut Frame,
    ) -> BoxFuture<'s, Result<Value, Failure>> {
        Box::pin(async move {
            let Some(mut name) = start else {
                return Err(Failure::terminal(RuntimeError::runtime("The state machine has no StartAt.")));
            };
            let mut input = input;
            let mut from: Option<&'a State> = None;
            loop {
                let Some(state) = self.index.state(scope, name) else {
                    return Err(Failure::terminal(RuntimeError::runtime(format!(
                        "The state machine has no state named '{name}'."
                    ))));
                };
                let exit = self.run_state(state, from, input, frame).await?;
                match exit.next {
                    Some(next) => {
                        name = next;
                        input = exit.output;
                        from = Some(state);
                    }
                    None => return Ok(exit.output),
                }
            }
        })
    }

    /// Runs one state; `from` is the state of this scope that came before it (the hook
    /// tells which transition was taken).
    async fn run_state(
        &self,
        state: &'a State,
        from: Option<&'a State>,
        input: Value,
        frame: &mut Frame,
    ) -> Result<Exit<'a>, Failure> {
        self.count_transition(frame)?;
        let kind = state.kind.name();
        // The path names the state for records and the debugger; skip building it otherwise.
        let path = if self.options.record_states || self.options.hook.is_some() {
            format!("{}{}", frame.path, state.name)
        } else {
            String::new()
        };
        // The states that consume their input keep no copy of it; the hook gets one.
        let mut input = input;
        let hook_input = match &self.options.hook {
            Some(hook) => {
                let point = StatePoint {
                    path: &path,
                    pointer: &state.pointer,
                    name: &state.name,
                    kind,
                    depth: frame.depth,
                    from: from.map(|s| s.pointer.as_str()),
                    next: None,
                    input: &input,
                    output: None,
                    variables: &frame.variables,
                    inspection: None,
                    at: self.now(&frame.lane),
                };
                match hook.enter(point).await {
                    Resume::Continue => {}
                    Resume::Edit { input: edited, variables } => {
                        if let Some(v) = edited {
                            input = v;
                        }
                        if let Some(v) = variables {
                            frame.variables = v;
                        }
                    }
                    Resume::Abort => return Err(Failure::aborted()),
                }
                Some(input.clone())
            }
            None => None,
        };
        let entered_id = self.event(frame, entered_kind(kind), || {
            Some((
                "stateEnteredEventDetails",
                json!({"name": state.name, "input": payload(&input), "inputDetails": {"truncated": false}}),
            ))
        });
        if entered_id == 0 {
            return Err(history_limit());
        }
        let record = self.options.record_states.then(|| {
            let mut records = self.records.lock().unwrap_or_else(|e| e.into_inner());
            records.push(StateRecord {
                name: state.name.clone(),
                kind,
                path: path.clone(),
                input: input.clone(),
                output: None,
                variables: None,
                inspection: Inspection::default(),
            })
        });
        // Streamed records go out once finished; this also finishes the record of a state
        // dropped mid-run (a failed sibling branch, a timeout), which keeps it as it stood.
        // Kept records need no finishing: no lock taken per state then.
        let streamed = record.filter(|_| self.options.sink.is_some());
        let _finish = super::records::Finish { records: &self.records, index: streamed };
        let jsonata = state.query_language.or(self.index.query_language) == Some(QueryLanguage::Jsonata);
        let run = StateRun { state, kind, entered_id, entered_at: self.now(&frame.lane), record, jsonata };
        let result = match &state.kind {
            StateKind::Pass(_) | StateKind::Succeed if jsonata => self.jsonata_pass(&run, input, frame),
            StateKind::Choice(c) if jsonata => self.jsonata_choice(&run, c, input, frame),
            StateKind::Fail(f) if jsonata => Err(self.jsonata_fail(&run, f, &input, frame)),
            StateKind::Wait(w) if jsonata => self.jsonata_wait(&run, w, input, frame).await,
            StateKind::Pass(p) => self.pass(&run, p, input, frame),
            StateKind::Choice(c) => self.choice(&run, c, input, frame),
            StateKind::Succeed => self.succeed(&run, input, frame),
            StateKind::Fail(f) => Err(self.fail_state(&run, f, &input, frame)),
            StateKind::Wait(w) => self.wait(&run, w, input, frame).await,
            StateKind::Task(_) | StateKind::Parallel(_) | StateKind::Map(_) => {
                self.handled(&run, &input, frame).await
            }
            StateKind::Unknown => Err(Failure::terminal(RuntimeError::runtime(format!(
                "The state '{}' has no valid Type.",
                state.name
            )))),
        };
        // `handled` told the hook of its failures before Retry and Catch saw them.
        let handled = matches!(state.kind, StateKind::Task(_) | StateKind::Parallel(_) | StateKind::Map(_));
        if let (Err(f), false) = (&result, handled) {
            self.hook_failed(state, frame, f);
        }
        let checked_exit = result.is_ok();
        let result = result.and_then(|exit| {
            if let Some(assigned) = &exit.assigned {
                super::variables::check(assigned, &frame.variables).map_err(|e| run.fail(e))?;
            }
            if io::exceeds(&exit.output, PAYLOAD_LIMIT) {
                return Err(Failure::catchable(RuntimeError::new(
                    "States.DataLimitExceeded",
                    data_limit_cause(&state.name),
                )));
            }
            Ok(exit)
        });
        let result = result.inspect_err(|f| {
            if checked_exit {
                self.hook_failed(state, frame, f);
            }
        });
        match result {
            Ok(mut exit) => {
                self.exit_state(&run, &exit, frame);
                if let (Some(hook), Some(input)) = (&self.options.hook, &hook_input) {
                    let inspection = run.record.and_then(|i| {
                        let records = self.records.lock().unwrap_or_else(|e| e.into_inner());
                        records.get(i).map(|r| r.inspection.clone())
                    });
                    let point = StatePoint {
                        path: &path,
                        pointer: &state.pointer,
                        name: &state.name,
                        kind,
                        depth: frame.depth,
                        from: from.map(|s| s.pointer.as_str()),
                        next: exit.next,
                        input,
                        output: Some(&exit.output),
                        variables: &frame.variables,
                        inspection: inspection.as_ref(),
                        at: self.now(&frame.lane),
                    };
                    match hook.leave(point).await {
                        Resume::Continue => {}
                        Resume::Edit { input: edited, variables } => {
                            if let Some(v) = edited {
                                exit.output = v;
                            }
                            if let Some(v) = variables {
                                frame.variables = v;
                            }
                        }
                        Resume::Abort => return Err(Failure::aborted()),
                    }
                }
                Ok(exit)
            }
            Err(failure) => {
                let aborts = failure.kind == FailureKind::Catchable
                    && frame.depth > 0
                    && !matches!(state.kind, StateKind::Fail(_));
                if aborts {
                    self.event_on(&mut frame.lane, aborted_kind(kind), || None, false);
                }
                Err(failure)
            }
        }
    }

    fn exit_state(&self, run: &StateRun, exit: &Exit, frame: &mut Frame) {
        self.event(frame, exited_kind(run.kind), || {
            let mut details = json!({"name": run.state.name, "output": payload(&exit.output), "outputDetails": {"truncated": false}});
            if let Some(assigned) = &exit.assigned {
                let texts: Map<String, Value> = assigned.iter().map(|(k, v)| (k.clone(), Value::String(payload(v)))).collect();
                details["assignedVariables"] = Value::Object(texts);
                details["assignedVariablesDetails"] = json!({"truncated": false});
            }
            Some(("stateExitedEventDetails", details))
        });
        if let Some(assigned) = &exit.assigned {
            for (k, v) in assigned {
                frame.variables.insert(k.clone(), v.clone());
            }
        }
        if let Some(i) = run.record {
            let mut records = self.records.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(r) = records.get_mut(i) {
                r.output = Some(exit.output.clone());
                r.variables = exit.assigned.clone();
                r.inspection.output = Some(exit.output.clone());
            }
        }
    }

    /// Fills inspection stages of the state's record (only when records are kept).
    pub(crate) fn inspect(&self, run: &StateRun, f: impl FnOnce(&mut Inspection)) {
        if let Some(i) = run.record {
            let mut records = self.records.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(r) = records.get_mut(i) {
                f(&mut r.inspection);
            }
        }
    }

    /// `$$` for the state (or `null` when the state never reads it).
    pub(crate) fn context_object(&self, run: &StateRun, extra: StateExtra) -> Value {
        if !self.index.reads_context(run.state) {
            return Value::Null;
        }
        let retry_count = match run.state.kind {
            StateKind::Task(_) | StateKind::Parallel(_) | StateKind::Map(_) => Some(extra.retry_count),
            _ => None,
        };
        let sc = StateContext {
            name: &run.state.name,
            entered_time: run.entered_at.to_rfc3339_opts(SecondsFormat::Millis, true),
            retry_count,
            task_token: extra.task_token,
            map_item: extra.map_item,
        };
        self.context.object(&self.input, &sc)
    }

    /// Evaluates the state's JSONPath `Assign` with `$` = `value`.
    pub(crate) fn assign(
        &self,
        run: &StateRun,
        template: Option<&Value>,
        value: &Value,
        env: Env<'_>,
    ) -> Result<Option<Map<String, Value>>, Failure> {
        let Some(template) = template else { return Ok(None) };
        match io::template(std::borrow::Cow::Borrowed(value), Some(template), env).map_err(|e| run.fail(e))? {
            std::borrow::Cow::Owned(Value::Object(m)) => Ok(Some(m)),
            std::borrow::Cow::Borrowed(Value::Object(m)) => Ok(Some(m.clone())),
            _ => Err(run.runtime("The value of the field 'Assign' must be an object.")),
        }
    }
}

/// What `$$` has besides the execution and state names.
#[derive(Default)]
pub(crate) struct StateExtra {
    pub retry_count: u32,
    pub task_token: Option<String>,
    pub map_item: Option<(usize, Value)>,
}

pub(crate) fn data_limit_cause(state: &str) -> String {
    format!("The state/task '{state}' returned a result with a size exceeding the maximum number of bytes service limit.")
}

/// An error's name and cause as the outcome reports them: empty means absent (a Fail
/// state without Error or Cause).
pub(crate) fn error_and_cause(e: &RuntimeError) -> (Option<String>, Option<String>) {
    let some = |s: &String| (!s.is_empty()).then(|| s.clone());
    (some(&e.error), some(&e.cause))
}

/// The error output a Catcher passes on: `{"Error", "Cause"}`, each present when known.
pub(crate) fn error_output(e: &RuntimeError) -> Value {
    let mut m = Map::new();
    if !e.error.is_empty() {
        m.insert("Error".into(), Value::String(e.error.clone()));
    }
    if !e.cause.is_empty() {
        m.insert("Cause".into(), Value::String(e.cause.clone()));
    }
    Value::Object(m)
}
