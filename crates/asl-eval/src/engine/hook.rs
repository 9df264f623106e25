//! The debugger's way in: the run loop calls a [`Hook`] before entering and after leaving
//! each state, and when a Retrier or Catcher handles an error. The hook may take its time
//! (a paused debugger simply does not return) and decides how the run goes on
//! ([`Resume`]): unchanged, with an edited input/output or variables, or aborted.
//!
//! Paths name a state by where it runs: `Name` at the top, `Parallel/1/Name` in branch 1
//! of the Parallel state `Parallel`, `Map/3/Name` in iteration 3 of the Map state `Map`,
//! nested as deep as the containers are (`Outer/0/Inner/2/Name`). Indexes count from 0.

use super::join::BoxFuture;
use crate::history::HistoryEvent;
use crate::record::{Inspection, Outcome};
use crate::RuntimeError;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::time::Duration;

/// A state about to be entered, or just left.
#[derive(Clone, Copy, Debug)]
pub struct StatePoint<'a> {
    /// `Name`, `Parallel/1/Name`, `Map/3/Name`.
    pub path: &'a str,
    /// The state's JSON pointer in the definition (`/States/P/Branches/1/States/Name`):
    /// every iteration of a Map state has the same one.
    pub pointer: &'a str,
    /// The state's name.
    pub name: &'a str,
    /// Its `Type` (`Task`, `Choice`, ...).
    pub kind: &'static str,
    /// Container depth: 0 at the top, 1 inside a branch or iteration, ...
    pub depth: usize,
    /// The pointer of the state this one was entered from, in the same branch/iteration;
    /// `None` for the first state of its scope.
    pub from: Option<&'a str>,
    /// After leaving: the name of the state that comes next in this scope; `None` when
    /// this state ended its scope (and always before entering).
    pub next: Option<&'a str>,
    /// The state's input.
    pub input: &'a Value,
    /// The state's output (after leaving, when it exited normally).
    pub output: Option<&'a Value>,
    /// The variables the state sees (before entering) or left behind (after leaving).
    pub variables: &'a Map<String, Value>,
    /// The state's processing stages (after leaving, when records are kept).
    pub inspection: Option<&'a Inspection>,
    /// When it was reached, on the execution's clock (virtual or real): what a Distributed
    /// Map's child executions, which keep no history, are timed by.
    pub at: DateTime<Utc>,
}

/// A Retrier about to wait and run the state again.
#[derive(Clone, Copy, Debug)]
pub struct RetryPoint<'a> {
    /// The state's path (`Name`, `Parallel/1/Name`, `Map/3/Name`).
    pub path: &'a str,
    /// The state's JSON pointer in the definition.
    pub pointer: &'a str,
    /// Container depth: 0 at the top.
    pub depth: usize,
    /// The error being retried.
    pub error: &'a RuntimeError,
    /// Which Retrier matched.
    pub retrier: usize,
    /// The retry about to run: 1 for the first.
    pub attempt: u32,
    /// The backoff before the retry (jitter applied).
    pub delay: Duration,
}

/// A Catcher that handled an error; the run goes on at `next` with `output`.
#[derive(Clone, Copy, Debug)]
pub struct CatchPoint<'a> {
    /// The state's path (`Name`, `Parallel/1/Name`, `Map/3/Name`).
    pub path: &'a str,
    /// The state's JSON pointer in the definition.
    pub pointer: &'a str,
    /// Container depth: 0 at the top.
    pub depth: usize,
    /// The error caught.
    pub error: &'a RuntimeError,
    /// Which Catcher matched.
    pub catcher: usize,
    /// The state the Catcher goes to.
    pub next: &'a str,
    /// The input of that state (the error output placed by the Catcher's ResultPath).
    pub output: &'a Value,
}

/// A state's processing failed (an attempt of a Task, Parallel or Map, or any other
/// state's error), before any Retrier or Catcher decides what follows.
#[derive(Clone, Copy, Debug)]
pub struct FailurePoint<'a> {
    /// The state's path (`Name`, `Parallel/1/Name`, `Map/3/Name`).
    pub path: &'a str,
    /// The state's JSON pointer in the definition.
    pub pointer: &'a str,
    /// Container depth: 0 at the top.
    pub depth: usize,
    /// The error.
    pub error: &'a RuntimeError,
    /// When it failed, on the execution's clock.
    pub at: DateTime<Utc>,
}

/// How far a Distributed Map's run has got: reported after every
/// [`PROGRESS_EVERY`](super::PROGRESS_EVERY) finished child executions and once when the
/// run ends (`finished`). The same machine, mocks and MaxConcurrency give the same reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapRunProgress<'a> {
    /// The Map state's path.
    pub path: &'a str,
    /// The Map state's JSON pointer in the definition.
    pub pointer: &'a str,
    /// The Map Run's ARN; empty for an inline Map (it has no Map Run).
    pub map_run_arn: &'a str,
    /// Child executions in all, once known (items from the input: at once; from an
    /// ItemReader: when it has been read to the end).
    pub total: Option<u64>,
    /// Child executions that succeeded so far.
    pub succeeded: u64,
    /// Child executions that failed so far.
    pub failed: u64,
    /// Child executions running now.
    pub running: u64,
    /// True in the last report, when the Map Run has ended.
    pub finished: bool,
}

/// How the run goes on after a hook call.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Resume {
    /// Go on as if nothing had been called.
    #[default]
    Continue,
    /// Before entering: replaces the state's input and/or the variables it sees. After
    /// leaving: replaces the state's output (the next state's input) and/or the variables.
    /// Ignored at retry and catch points.
    Edit {
        /// The new input (before entering) or output (after leaving).
        input: Option<Value>,
        /// The new variables.
        variables: Option<Map<String, Value>>,
    },
    /// Ends the execution with status `ABORTED`.
    Abort,
}

/// Every method has a default, so a hook implements only what it watches. The engine calls
/// [`Hook::enter`], [`Hook::leave`], [`Hook::retry`], [`Hook::caught`] and
/// [`Hook::finished`], and [`Hook::history_event`] for every kept event.
pub trait Hook: Send + Sync {
    /// Before a state is entered: the debugger may pause here, edit the input or abort.
    fn enter<'a>(&'a self, _point: StatePoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async { Resume::Continue })
    }
    /// After a state is left: the debugger may pause here, edit the output or abort.
    fn leave<'a>(&'a self, _point: StatePoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async { Resume::Continue })
    }
    /// A Retrier is about to wait and run the state again; may abort the run.
    fn retry<'a>(&'a self, _point: RetryPoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async { Resume::Continue })
    }
    /// A Catcher handled an error; may abort the run.
    fn caught<'a>(&'a self, _point: CatchPoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async { Resume::Continue })
    }
    /// A state failed; Retry and Catch have not looked at the error yet (observe only).
    fn state_failed(&self, _point: FailurePoint<'_>) {}
    /// A history event was recorded (observe only; kept events only, in id order). Called
    /// while the history is locked: return quickly.
    fn history_event(&self, _event: &HistoryEvent) {}
    /// A Distributed Map's progress (observe only).
    fn map_run_progress(&self, _progress: MapRunProgress<'_>) {}
    /// The execution ended (called once, with the outcome about to be returned).
    fn finished(&self, _outcome: &Outcome) {}
}

/// The parent's hook as a Distributed Map's child execution calls it: its states, retries, catches and
/// failures (their paths already under the Map's, see `Engine::origin`), not its end nor
/// its (unkept) history.
pub(crate) struct ChildHook(pub std::sync::Arc<dyn Hook>);

impl Hook for ChildHook {
    fn enter<'a>(&'a self, point: StatePoint<'a>) -> BoxFuture<'a, Resume> {
        self.0.enter(point)
    }
    fn leave<'a>(&'a self, point: StatePoint<'a>) -> BoxFuture<'a, Resume> {
        self.0.leave(point)
    }
    fn retry<'a>(&'a self, point: RetryPoint<'a>) -> BoxFuture<'a, Resume> {
        self.0.retry(point)
    }
    fn caught<'a>(&'a self, point: CatchPoint<'a>) -> BoxFuture<'a, Resume> {
        self.0.caught(point)
    }
    fn state_failed(&self, point: FailurePoint<'_>) {
        self.0.state_failed(point)
    }
    fn map_run_progress(&self, progress: MapRunProgress<'_>) {
        self.0.map_run_progress(progress)
    }
}

impl<'a> super::Engine<'a> {
    /// Tells the hook a retry is scheduled; `Err` when the debugger stops the run.
    pub(crate) async fn hook_retry(
        &self,
        run: &super::run::StateRun<'a>,
        frame: &super::Frame,
        error: &RuntimeError,
        retrier: usize,
        attempt: u32,
        delay: Duration,
    ) -> Result<(), super::Failure> {
        let Some(hook) = &self.options.hook else { return Ok(()) };
        let path = format!("{}{}", frame.path, run.state.name);
        let pointer = &run.state.pointer;
        let point = RetryPoint { path: &path, pointer, depth: frame.depth, error, retrier, attempt, delay };
        match hook.retry(point).await {
            Resume::Abort => Err(super::Failure::aborted()),
            _ => Ok(()),
        }
    }

    /// Tells the hook a state failed (not when the debugger stopped the run or the
    /// execution timed out: neither is a failure of the state).
    pub(crate) fn hook_failed(
        &self,
        state: &asl_model::model::State,
        frame: &super::Frame,
        failure: &super::Failure,
    ) {
        let Some(hook) = &self.options.hook else { return };
        if matches!(failure.kind, super::FailureKind::Aborted | super::FailureKind::TimedOut) {
            return;
        }
        let path = format!("{}{}", frame.path, state.name);
        let point = FailurePoint {
            path: &path,
            pointer: &state.pointer,
            depth: frame.depth,
            error: &failure.error,
            at: self.now(&frame.lane),
        };
        hook.state_failed(point);
    }

    /// Tells the hook a Catcher handled an error; `Err` when the debugger stops the run.
    pub(crate) async fn hook_caught(
        &self,
        run: &super::run::StateRun<'a>,
        frame: &super::Frame,
        error: &RuntimeError,
        catcher: usize,
        next: &str,
        output: &Value,
    ) -> Result<(), super::Failure> {
        let Some(hook) = &self.options.hook else { return Ok(()) };
        let path = format!("{}{}", frame.path, run.state.name);
        let pointer = &run.state.pointer;
        let point = CatchPoint { path: &path, pointer, depth: frame.depth, error, catcher, next, output };
        match hook.caught(point).await {
            Resume::Abort => Err(super::Failure::aborted()),
            _ => Ok(()),
        }
    }
}
