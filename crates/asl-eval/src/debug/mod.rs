//! The debugger engine: breakpoints, stepping and editing at a pause, on top of the run
//! loop's [`Hook`](crate::Hook).
//!
//! ```no_run
//! use asl_eval::debug::{Breakpoint, Command, Debugger};
//! # let (doc, mocks): (asl_model::Document, asl_eval::Mocks) = todo!();
//! let (session, events) = Debugger::new(vec![Breakpoint::before("Checks/1/FraudCheck")]);
//! let options = asl_eval::Options { hook: Some(session.hook()), ..Default::default() };
//! let run = std::thread::spawn(move || asl_eval::Execution::run(&doc, serde_json::json!({}), &mocks, &options));
//! while let Ok(event) = events.recv() {
//!     if let asl_eval::debug::RunEvent::Paused(_) = event {
//!         session.command(Command::StepOver);
//!     }
//! }
//! let outcome = run.join().unwrap();
//! ```
//!
//! **Paths** are the ones the hook reports: `Name` at the top, `Parallel/1/Name` for a state
//! in branch 1 of the Parallel state `Parallel`, `Map/3/Name` in iteration 3 of the Map
//! state `Map` (indexes from 0; nesting repeats: `Outer/0/Inner/2/Name`). A breakpoint
//! may also write a container segment as `iteration 3` or `branch 1`, and `*` matches any
//! one segment (`Map/*/Name`: every iteration).
//!
//! **Stops** happen before a state is entered, after it exited, when a Retrier schedules a
//! retry and when a Catcher handles an error (the last two only when asked for). While one
//! point is paused, every other branch or iteration waits at its next point ("all-stop"),
//! so the order of events depends only on the machine, its mocks and MaxConcurrency. A
//! paused execution awaits a [`tokio::sync::watch`] change: it costs no CPU.
//!
//! **Steps** are by container depth: StepOver stops at the next state entered in the same
//! branch/iteration (or, when that one ends, at the first point outside it); StepInto
//! stops at the first state inside the paused container state (or inside branch/iteration
//! `n` with `StepInto(Some(n))`), else behaves like StepOver — except that when the
//! branch/iteration ends, it stops at the next state entered in a sibling branch/iteration
//! that still has work (before the container's exit); StepOut stops at the first
//! point outside the current branch/iteration (the container's exit).

mod event;
mod hook;
mod session;
mod stops;

pub use event::{CallbackAnswer, Paused, RunEvent, WaitingCallback};
pub use session::{DebugSession, Debugger};

use serde::Serialize;

/// Where in a state's life a stop happens.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Place {
    /// Before the state is entered (its input editable).
    BeforeEnter,
    /// After the state exited (its output editable).
    AfterExit,
    /// When a Retrier schedules a retry.
    Retry,
    /// When a Catcher handles an error.
    Catch,
}

/// A place to stop, optionally only when a predicate over the state input holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Breakpoint {
    /// The run path it stops at (`Name`, `P/1/Name`, `M/*/Name`; see the module docs).
    pub path: String,
    /// Where in the state's life it stops.
    pub place: Place,
    /// Stop only when this holds for the state's input.
    pub condition: Option<Condition>,
}

impl Breakpoint {
    /// Stops before the state at `path` is entered.
    pub fn before(path: &str) -> Breakpoint {
        Breakpoint { path: path.into(), place: Place::BeforeEnter, condition: None }
    }

    /// Stops after the state at `path` exited.
    pub fn after(path: &str) -> Breakpoint {
        Breakpoint { path: path.into(), place: Place::AfterExit, condition: None }
    }

    /// Stops only when `condition` holds.
    pub fn when(mut self, condition: Condition) -> Breakpoint {
        self.condition = Some(condition);
        self
    }
}

/// A predicate over the state's input (and the variables it sees).
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// Holds when the path selects a value other than `null`, `false` or `[]` (a path that
    /// matches nothing does not hold): `$.urgent`, `$.items[?(@.n > 3)]`.
    JsonPath(String),
    /// Holds when the expression is `true` (or truthy as above); `$states.input`, `$` and
    /// the variables are bound: `$states.input.amount > 1000`, `{% ... %}` also accepted.
    Jsonata(String),
}

/// What the user asks at a pause (Pause while running).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Run until the next breakpoint.
    Continue,
    /// Stop at the next point reached.
    Pause,
    /// Stop at the next state of the same branch/iteration (or the first point outside it).
    StepOver,
    /// Into the paused container state; `Some(n)`: into its branch/iteration `n`.
    StepInto(Option<usize>),
    /// Stop at the first point outside the current branch/iteration.
    StepOut,
    /// Ends the execution with status ABORTED.
    Stop,
}

impl Command {
    /// The command's name on the wire (camelCase, as [`RunEvent::Resumed`] tells it).
    pub fn name(self) -> &'static str {
        match self {
            Command::Continue => "continue",
            Command::Pause => "pause",
            Command::StepOver => "stepOver",
            Command::StepInto(_) => "stepInto",
            Command::StepOut => "stepOut",
            Command::Stop => "stop",
        }
    }
}

/// Why a run paused.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PauseReason {
    /// A breakpoint (its condition held).
    Breakpoint,
    /// A step ended here.
    Step,
    /// The user asked to pause.
    Pause,
    /// When a Retrier schedules a retry.
    Retry,
    /// When a Catcher handles an error.
    Catch,
}
