//! The session: shared state between the engine's hook calls (one task) and the user's
//! commands (any thread). Invariant: at most one point is paused (`State::paused`); every
//! other point waits at the gate until it is resumed.

use super::stops::{decide, last_segment};
use super::{Breakpoint, Command, Paused, Place, RunEvent};
use crate::{Hook, Resume};
use serde_json::{Map, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::watch;

/// Builds a session; see the module documentation.
pub struct Debugger;

impl Debugger {
    /// A session with these breakpoints, and the stream of its events.
    #[allow(clippy::new_ret_no_self)] // the handle and the stream are the debugger
    pub fn new(breakpoints: Vec<Breakpoint>) -> (DebugSession, mpsc::Receiver<RunEvent>) {
        let (events, receiver) = mpsc::channel();
        let (wake, _) = watch::channel(0u64);
        let inner = Inner {
            state: Mutex::new(State { breakpoints, ..State::default() }),
            wake,
            events: Mutex::new(events),
            values: AtomicBool::new(true),
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
    events: Mutex<mpsc::Sender<RunEvent>>,
    /// Entered/exited events carry the state's values (off: `null` and no stages, for a
    /// consumer that folds only statuses and reads values from the record).
    values: AtomicBool,
}

#[derive(Default)]
pub(super) struct State {
    pub(super) breakpoints: Vec<Breakpoint>,
    pub(super) stop_on_retry: bool,
    pub(super) stop_on_catch: bool,
    pub(super) mode: Mode,
    /// What the user sees and edits; `None` once a command resumed it.
    pub(super) paused: Option<Paused>,
    /// The paused point is the after-exit of a state that ended its branch/iteration.
    paused_ends: bool,
    /// A point holds the gate: from its pause until it has itself seen the resume (on the
    /// engine's task). Releasing there, not in `command`, keeps the order of events
    /// independent of when the user's command arrives.
    pub(super) held: bool,
    edit_input: Option<Value>,
    edit_variables: Option<Map<String, Value>>,
    stopped: bool,
}

/// What the run does until the next pause.
#[derive(Clone, Debug, Default)]
pub(super) enum Mode {
    #[default]
    Run,
    /// Pause requested: stop at the next point.
    Pausing,
    /// Stop at the next point `at` accepts.
    Step(Step),
}

#[derive(Clone, Debug)]
pub(super) struct Step {
    /// The branch/iteration prefix of the paused point (`""`, `P/1/`).
    pub(super) lane: String,
    pub(super) depth: usize,
    /// StepInto: a prefix whose states stop too (`P/`, `P/3/`); StepOut: none, and
    /// `lane_too` false.
    pub(super) into: Option<String>,
    pub(super) lane_too: bool,
    /// StepInto inside a branch/iteration: the container's prefix (`P/`). Once the lane
    /// has ended (`lane_ended`), the first state entered in another lane of it stops, so
    /// stepping goes on in the next branch that still has work instead of leaving them all.
    pub(super) siblings: Option<String>,
    pub(super) lane_ended: bool,
}

/// One point the engine reports.
pub(super) struct Point<'p> {
    pub(super) place: Place,
    pub(super) path: &'p str,
    pub(super) pointer: &'p str,
    pub(super) name: &'p str,
    pub(super) depth: usize,
    /// After exit: this state ended its branch/iteration (or the execution).
    pub(super) ends: bool,
    pub(super) input: &'p Value,
    pub(super) output: Option<&'p Value>,
    pub(super) variables: &'p Map<String, Value>,
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

    /// Replaces the breakpoints; they apply from the next point on.
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
                // Told before the point is woken, so it precedes every event of what follows.
                self.emit(RunEvent::Resumed {
                    path: p.path.clone(),
                    pointer: p.pointer.clone(),
                    command: command.name(),
                });
                let lane = p.path[..p.path.len() - last_segment(&p.path).len()].to_string();
                let siblings = match command {
                    Command::StepInto(_) => container_of(&lane),
                    _ => None,
                };
                let lane_ended = p.place == Place::AfterExit && st.paused_ends;
                let into = match command {
                    Command::StepInto(None) if p.place == Place::BeforeEnter => Some(format!("{}/", p.path)),
                    Command::StepInto(Some(n)) if p.place == Place::BeforeEnter => {
                        Some(format!("{}/{n}/", p.path))
                    }
                    _ => None,
                };
                st.mode = match command {
                    Command::Continue => Mode::Run,
                    Command::StepOut => Mode::Step(Step {
                        lane,
                        depth: p.depth,
                        into: None,
                        lane_too: false,
                        siblings: None,
                        lane_ended: false,
                    }),
                    _ => {
                        Mode::Step(Step { lane, depth: p.depth, into, lane_too: true, siblings, lane_ended })
                    }
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

    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        self.0.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Puts an event of the caller's into the stream, in order with the engine's: what
    /// happens after it (the engine woken by a callback answer) is told after it.
    pub fn tell(&self, event: RunEvent) {
        self.emit(event);
    }

    /// Whether entered/exited events carry the state's input, output and stages (they do
    /// by default; a pause always carries everything).
    pub fn send_values(&self, yes: bool) {
        self.0.values.store(yes, Ordering::Relaxed);
    }

    pub(super) fn sends_values(&self) -> bool {
        self.0.values.load(Ordering::Relaxed)
    }

    pub(super) fn emit(&self, event: RunEvent) {
        let _ = self.0.events.lock().unwrap_or_else(|e| e.into_inner()).send(event);
    }

    /// The heart: wait at the gate while another point is paused, decide whether this
    /// point pauses, and if so wait for the user. Returns how the run goes on.
    pub(super) async fn point(&self, point: Point<'_>) -> Resume {
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
            let Some(reason) = decide(&st, &point) else {
                if let Mode::Step(step) = &mut st.mode {
                    if point.place == Place::AfterExit
                        && point.ends
                        && point.path.strip_suffix(point.name) == Some(&step.lane)
                    {
                        step.lane_ended = true;
                    }
                }
                return Resume::Continue;
            };
            st.mode = Mode::Run;
            st.held = true;
            st.edit_input = None;
            st.edit_variables = None;
            let paused = Paused {
                path: point.path.to_string(),
                pointer: point.pointer.to_string(),
                place: point.place,
                reason,
                depth: point.depth,
                input: point.input.clone(),
                output: point.output.cloned(),
                variables: point.variables.clone(),
            };
            st.paused = Some(paused.clone());
            st.paused_ends = point.ends;
            wake.borrow_and_update();
            self.emit(RunEvent::Paused(paused));
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

/// The container prefix of a lane: `P/` for `P/1/`, `Outer/0/Inner/` for `Outer/0/Inner/2/`;
/// `None` at the top level (`""`).
fn container_of(lane: &str) -> Option<String> {
    let inner = lane.strip_suffix('/')?;
    let index = last_segment(inner);
    Some(inner[..inner.len() - index.len()].to_string())
}
