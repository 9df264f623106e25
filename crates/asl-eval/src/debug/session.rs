//! The session: shared state between the engine's hook calls (one task) and the user's
//! commands (any thread). Invariant: at most one point is paused (`State::paused`); every
//! other point waits at the gate until it is resumed.

use super::{Breakpoint, Command, Condition, DebugEvent, PauseReason, Paused, Place};
use crate::engine::join::BoxFuture;
use crate::record::Outcome;
use crate::{CatchPoint, FailurePoint, Hook, MapRunProgress, Resume, RetryPoint, StatePoint};
use serde_json::{Map, Value};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::watch;

/// Builds a session; see the module documentation.
pub struct Debugger;

impl Debugger {
    /// A session with these breakpoints, and the stream of its events.
    #[allow(clippy::new_ret_no_self)] // the handle and the stream are the debugger
    pub fn new(breakpoints: Vec<Breakpoint>) -> (DebugSession, mpsc::Receiver<DebugEvent>) {
        let (events, receiver) = mpsc::channel();
        let (wake, _) = watch::channel(0u64);
        let inner = Inner {
            state: Mutex::new(State { breakpoints, ..State::default() }),
            wake,
            events: Mutex::new(events),
        };
        (DebugSession(Arc::new(inner)), receiver)
    }
}

/// The handle for commands; cheap to clone. [`DebugSession::hook`] goes into `Options`.
#[derive(Clone)]
pub struct DebugSession(Arc<Inner>);

struct Inner {
    state: Mutex<State>,
    /// Bumped at every resume; paused points wait for a change.
    wake: watch::Sender<u64>,
    events: Mutex<mpsc::Sender<DebugEvent>>,
}

#[derive(Default)]
struct State {
    breakpoints: Vec<Breakpoint>,
    stop_on_retry: bool,
    stop_on_catch: bool,
    mode: Mode,
    /// What the user sees and edits; `None` once a command resumed it.
    paused: Option<Paused>,
    /// A point holds the gate: from its pause until it has itself seen the resume (on the
    /// engine's task). Releasing there, not in `command`, keeps the order of events
    /// independent of when the user's command arrives.
    held: bool,
    edit_input: Option<Value>,
    edit_variables: Option<Map<String, Value>>,
    stopped: bool,
}

/// What the run does until the next pause.
#[derive(Clone, Debug, Default)]
enum Mode {
    #[default]
    Run,
    /// Pause requested: stop at the next point.
    Pausing,
    /// Stop at the next point `at` accepts.
    Step(Step),
}

#[derive(Clone, Debug)]
struct Step {
    /// The branch/iteration prefix of the paused point (`""`, `P/1/`).
    lane: String,
    depth: usize,
    /// StepInto: a prefix whose states stop too (`P/`, `P/3/`); StepOut: none, and
    /// `lane_too` false.
    into: Option<String>,
    lane_too: bool,
}

/// One point the engine reports.
struct Point<'p> {
    place: Place,
    path: &'p str,
    name: &'p str,
    depth: usize,
    input: &'p Value,
    output: Option<&'p Value>,
    variables: &'p Map<String, Value>,
}

impl DebugSession {
    /// The hook to put in [`Options::hook`](crate::Options).
    pub fn hook(&self) -> Arc<dyn Hook> {
        Arc::new(self.clone())
    }

    /// Also stop when a Retrier schedules a retry / a Catcher handles an error.
    pub fn stop_on_retry_and_catch(&self, retry: bool, catch: bool) {
        let mut st = self.lock();
        st.stop_on_retry = retry;
        st.stop_on_catch = catch;
    }

    pub fn set_breakpoints(&self, breakpoints: Vec<Breakpoint>) {
        self.lock().breakpoints = breakpoints;
    }

    /// The pending point, while paused (with any edits made so far).
    pub fn paused(&self) -> Option<Paused> {
        self.lock().paused.clone()
    }

    /// Replaces the pending input (before entering) or output (after exit). False when not
    /// paused at such a point.
    pub fn set_input(&self, value: Value) -> bool {
        let mut st = self.lock();
        let Some(p) = st.paused.as_mut() else { return false };
        match p.place {
            Place::BeforeEnter => p.input = value.clone(),
            Place::AfterExit => p.output = Some(value.clone()),
            _ => return false,
        }
        st.edit_input = Some(value);
        true
    }

    /// Replaces the variables the pending state sees (or leaves behind).
    pub fn set_variables(&self, variables: Map<String, Value>) -> bool {
        let mut st = self.lock();
        let Some(p) = st.paused.as_mut() else { return false };
        if !matches!(p.place, Place::BeforeEnter | Place::AfterExit) {
            return false;
        }
        p.variables = variables.clone();
        st.edit_variables = Some(variables);
        true
    }

    /// Applies a command. Continue and the steps need a pause; Pause needs a running
    /// execution; Stop works at any time. Returns false when the command did not apply.
    pub fn command(&self, command: Command) -> bool {
        let mut st = self.lock();
        let applied = match command {
            Command::Stop => {
                st.stopped = true;
                st.paused = None;
                true
            }
            Command::Pause => {
                let running = st.paused.is_none() && !st.stopped;
                if running {
                    st.mode = Mode::Pausing;
                }
                running
            }
            Command::Continue | Command::StepOver | Command::StepInto(_) | Command::StepOut => {
                let Some(p) = st.paused.take() else { return false };
                let lane = p.path[..p.path.len() - last_segment(&p.path).len()].to_string();
                let into = match command {
                    Command::StepInto(None) if p.place == Place::BeforeEnter => Some(format!("{}/", p.path)),
                    Command::StepInto(Some(n)) if p.place == Place::BeforeEnter => {
                        Some(format!("{}/{n}/", p.path))
                    }
                    _ => None,
                };
                st.mode = match command {
                    Command::Continue => Mode::Run,
                    Command::StepOut => {
                        Mode::Step(Step { lane, depth: p.depth, into: None, lane_too: false })
                    }
                    _ => Mode::Step(Step { lane, depth: p.depth, into, lane_too: true }),
                };
                true
            }
        };
        drop(st);
        if applied {
            self.0.wake.send_modify(|n| *n += 1);
        }
        applied
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.0.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn emit(&self, event: DebugEvent) {
        let _ = self.0.events.lock().unwrap_or_else(|e| e.into_inner()).send(event);
    }

    /// The heart: wait at the gate while another point is paused, decide whether this
    /// point pauses, and if so wait for the user. Returns how the run goes on.
    async fn point(&self, point: Point<'_>) -> Resume {
        let mut wake = loop {
            let mut rx = {
                let st = self.lock();
                if st.stopped {
                    return Resume::Abort;
                }
                if !st.held {
                    break self.0.wake.subscribe();
                }
                self.0.wake.subscribe()
            };
            // Subscribed under the lock: a resume after it is seen as a change.
            if rx.changed().await.is_err() {
                return Resume::Continue;
            }
        };
        {
            let mut st = self.lock();
            let Some(reason) = decide(&st, &point) else { return Resume::Continue };
            st.mode = Mode::Run;
            st.held = true;
            st.edit_input = None;
            st.edit_variables = None;
            st.paused = Some(Paused {
                path: point.path.to_string(),
                place: point.place,
                reason,
                depth: point.depth,
                input: point.input.clone(),
                output: point.output.cloned(),
                variables: point.variables.clone(),
            });
            wake.borrow_and_update();
            self.emit(DebugEvent::Paused { path: point.path.to_string(), place: point.place, reason });
        }
        loop {
            if wake.changed().await.is_err() {
                return Resume::Continue;
            }
            let mut st = self.lock();
            if st.stopped {
                st.held = false;
                return Resume::Abort;
            }
            if st.paused.is_none() {
                st.held = false;
                drop(st);
                self.0.wake.send_modify(|n| *n += 1);
                let mut st = self.lock();
                let input = st.edit_input.take();
                let variables = st.edit_variables.take();
                return if input.is_none() && variables.is_none() {
                    Resume::Continue
                } else {
                    Resume::Edit { input, variables }
                };
            }
        }
    }
}

/// Why `point` pauses, if it does.
fn decide(st: &State, point: &Point) -> Option<PauseReason> {
    let stepping_place = matches!(point.place, Place::BeforeEnter | Place::AfterExit);
    if matches!(st.mode, Mode::Pausing) && stepping_place {
        return Some(PauseReason::Pause);
    }
    let hit = st.breakpoints.iter().any(|b| {
        b.place == point.place && path_matches(&b.path, point.path) && holds(b.condition.as_ref(), point)
    });
    if hit {
        return Some(PauseReason::Breakpoint);
    }
    if let Mode::Step(step) = &st.mode {
        let lane = &point.path[..point.path.len() - point.name.len()];
        let stops = point.depth < step.depth
            || (point.place == Place::BeforeEnter
                && ((step.lane_too && lane == step.lane)
                    || step.into.as_deref().is_some_and(|p| point.path.starts_with(p))));
        if stops && stepping_place {
            return Some(PauseReason::Step);
        }
    }
    match point.place {
        Place::Retry if st.stop_on_retry => Some(PauseReason::Retry),
        Place::Catch if st.stop_on_catch => Some(PauseReason::Catch),
        _ => None,
    }
}

/// The last `/`-separated segment (the state name for a state path).
fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Segment-wise: `*` matches any one segment; `iteration 3` and `branch 1` mean `3`, `1`.
pub(crate) fn path_matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<&str> = pattern.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    pattern.len() == path.len()
        && pattern.iter().zip(&path).all(|(p, s)| {
            let p = p.strip_prefix("iteration ").or_else(|| p.strip_prefix("branch ")).unwrap_or(p);
            p == "*" || p == *s
        })
}

/// Whether the breakpoint's condition holds at `point` (no condition: always; an
/// evaluation error: never).
fn holds(condition: Option<&Condition>, point: &Point) -> bool {
    let value = match condition {
        None => return true,
        Some(Condition::JsonPath(path)) => {
            let scope =
                crate::expr::Scope { input: point.input, context: &Value::Null, variables: point.variables };
            crate::expr::select(path, &scope)
        }
        Some(Condition::Jsonata(text)) => {
            let body = crate::jsonata::expression(text).unwrap_or(text);
            let states = crate::jsonata::States {
                input: point.input,
                result: None,
                error_output: None,
                context: &Value::Null,
                variables: point.variables,
            };
            crate::jsonata::Session::new(&states).evaluate(body, "Condition")
        }
    };
    matches!(value, Ok(v) if !matches!(&v, Value::Null | Value::Bool(false)) && v != Value::Array(Vec::new()))
}

impl Hook for DebugSession {
    fn enter<'a>(&'a self, p: StatePoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async move {
            let point = Point {
                place: Place::BeforeEnter,
                path: p.path,
                name: p.name,
                depth: p.depth,
                input: p.input,
                output: None,
                variables: p.variables,
            };
            let resume = self.point(point).await;
            if resume != Resume::Abort {
                let input = match &resume {
                    Resume::Edit { input: Some(v), .. } => v.clone(),
                    _ => p.input.clone(),
                };
                self.emit(DebugEvent::Entered { path: p.path.to_string(), kind: p.kind, input });
            }
            resume
        })
    }

    fn leave<'a>(&'a self, p: StatePoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async move {
            let output = p.output.unwrap_or(&Value::Null);
            let point = Point {
                place: Place::AfterExit,
                path: p.path,
                name: p.name,
                depth: p.depth,
                input: p.input,
                output: Some(output),
                variables: p.variables,
            };
            let resume = self.point(point).await;
            if resume != Resume::Abort {
                let output = match &resume {
                    Resume::Edit { input: Some(v), .. } => v.clone(),
                    _ => output.clone(),
                };
                let inspection = p.inspection.cloned();
                self.emit(DebugEvent::Exited { path: p.path.to_string(), output, inspection });
            }
            resume
        })
    }

    fn retry<'a>(&'a self, p: RetryPoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async move {
            self.emit(DebugEvent::RetryScheduled {
                path: p.path.to_string(),
                error: p.error.error.clone(),
                attempt: p.attempt,
                delay_seconds: p.delay.as_secs_f64(),
            });
            let variables = Map::new();
            let error = serde_json::json!({"Error": p.error.error, "Cause": p.error.cause});
            let point = Point {
                place: Place::Retry,
                path: p.path,
                name: last_segment(p.path),
                depth: p.depth,
                input: &error,
                output: None,
                variables: &variables,
            };
            self.point(point).await
        })
    }

    fn caught<'a>(&'a self, p: CatchPoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async move {
            self.emit(DebugEvent::Caught {
                path: p.path.to_string(),
                error: p.error.error.clone(),
                next: p.next.to_string(),
            });
            let variables = Map::new();
            let point = Point {
                place: Place::Catch,
                path: p.path,
                name: last_segment(p.path),
                depth: p.depth,
                input: p.output,
                output: None,
                variables: &variables,
            };
            self.point(point).await
        })
    }

    fn state_failed(&self, p: FailurePoint<'_>) {
        self.emit(DebugEvent::Failed {
            path: p.path.to_string(),
            error: p.error.error.clone(),
            cause: p.error.cause.clone(),
        });
    }

    fn map_run_progress(&self, p: MapRunProgress<'_>) {
        self.emit(DebugEvent::MapRunProgress {
            path: p.path.to_string(),
            map_run_arn: p.map_run_arn.to_string(),
            total: p.total,
            succeeded: p.succeeded,
            failed: p.failed,
            running: p.running,
            finished: p.finished,
        });
    }

    fn finished(&self, outcome: &Outcome) {
        let mut st = self.lock();
        st.paused = None;
        st.held = false;
        drop(st);
        self.emit(DebugEvent::Finished {
            status: outcome.status,
            output: outcome.output.clone(),
            error: outcome.error.clone(),
            cause: outcome.cause.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::path_matches;

    #[test]
    fn paths_match_by_segment() {
        assert!(path_matches("Map/iteration 3/Work", "Map/3/Work"));
        assert!(path_matches("P/branch 1/A", "P/1/A"));
        assert!(path_matches("Map/*/Work", "Map/7/Work"));
        assert!(!path_matches("Map/3/Work", "Map/30/Work"));
        assert!(!path_matches("Work", "Map/3/Work"));
    }
}
