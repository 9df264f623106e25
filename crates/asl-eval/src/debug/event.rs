//! The run event protocol (design §2.3): what a run tells whoever watches it, in order.
//! Defined once, here next to the engine; the app, the server and the CLI consume it as
//! is. Every event that concerns a state carries both its run path (where it ran:
//! `Parallel/1/Name`, `Map/3/Name`) and its JSON pointer (which state of the definition:
//! every iteration of a Map's state has the same one), so a consumer never maps one to the
//! other. A pause carries everything about the pending point; a resume is an event too.

use super::{PauseReason, Place};
use crate::callback::PendingTask;
use crate::record::{Inspection, Status};
use serde::Serialize;
use serde_json::{Map, Value};

/// The point a paused run waits at: what the user may read and edit.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Paused {
    /// Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
    pub path: String,
    /// The state's JSON pointer in the definition.
    pub pointer: String,
    pub place: Place,
    pub reason: PauseReason,
    /// Container depth (0 at the top).
    pub depth: usize,
    /// Before entering: the input about to be processed; after exit: the state's input;
    /// at a retry or catch: the error (`{"Error", "Cause"}`) or the Catcher's output.
    pub input: Value,
    /// After exit: the output about to go to the next state (editable).
    pub output: Option<Value>,
    pub variables: Map<String, Value>,
}

/// A task waiting for its token to be answered (`.waitForTaskToken`, or an activity).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WaitingCallback {
    /// Where the task runs (`Name`, `Parallel/1/Name`).
    pub path: String,
    /// The task state's JSON pointer in the definition.
    pub pointer: String,
    pub state_name: String,
    pub token: String,
    /// The parameters sent to the resource (the message carrying the token).
    pub payload: Value,
    pub activity: bool,
    pub heartbeat_seconds: Option<f64>,
    pub timeout_seconds: Option<f64>,
}

impl WaitingCallback {
    /// The waiting task `task`, which runs at `path` (the state `pointer` names).
    pub fn new(task: &PendingTask, path: String, pointer: String) -> WaitingCallback {
        WaitingCallback {
            path,
            pointer,
            state_name: task.state_name.clone(),
            token: task.token.clone(),
            payload: task.input.clone(),
            activity: task.activity,
            heartbeat_seconds: task.heartbeat.map(|d| d.as_secs_f64()),
            timeout_seconds: task.timeout.map(|d| d.as_secs_f64()),
        }
    }
}

/// How a callback was answered.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CallbackAnswer {
    Success,
    Failure,
    Heartbeat,
}

/// One event of a run. Serialized with an `event` tag and camelCase fields.
// Each event is built once and moved to its consumer; boxing the large variants would only
// add an allocation per event.
#[allow(clippy::large_enum_variant)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum RunEvent {
    /// A state was entered (after any pause before it, with any edited input).
    StateEntered {
        path: String,
        pointer: String,
        state_type: &'static str,
        input: Value,
        /// The state of the same branch/iteration it was entered from (its pointer);
        /// `None` for the first state of its scope: the transition taken is `from -> pointer`.
        from: Option<String>,
    },
    /// A state left normally (after any pause after it, with any edited output).
    StateExited {
        path: String,
        pointer: String,
        output: Value,
        inspection: Option<Inspection>,
        /// It ended its scope (End, Succeed): no state of its branch/iteration follows.
        ends: bool,
    },
    /// The run waits at a point until a command resumes it.
    Paused(Paused),
    /// A command (Continue, a step) let the paused point go on; the run is running again.
    Resumed {
        path: String,
        pointer: String,
        /// `continue`, `stepOver`, `stepInto` or `stepOut`.
        command: &'static str,
    },
    RetryScheduled {
        path: String,
        pointer: String,
        error: String,
        /// The retry about to run: 1 for the first.
        attempt: u32,
        delay_seconds: f64,
    },
    Caught {
        path: String,
        pointer: String,
        error: String,
        /// The Catcher's Next (a state name of the same scope).
        next: String,
    },
    /// A state failed, before its Retriers and Catchers decide what follows.
    Failed { path: String, pointer: String, error: String, cause: String },
    /// A Map state's progress: an inline Map's iterations (at its start, as each
    /// iteration starts and ends, and at its end) or a Distributed Map's child executions
    /// (after every [`crate::PROGRESS_EVERY`] and at its end).
    MapRunProgress {
        path: String,
        pointer: String,
        /// The Map Run's ARN (Distributed Map only).
        map_run_arn: Option<String>,
        /// Iterations/child executions in all, once known.
        total: Option<u64>,
        succeeded: u64,
        failed: u64,
        running: u64,
        finished: bool,
    },
    /// A `.waitForTaskToken` task (or an activity) waits for Approve/Reject/Heartbeat.
    WaitingForCallback(WaitingCallback),
    /// A waiting callback was answered; after a heartbeat it still waits.
    CallbackAnswered { token: String, kind: CallbackAnswer },
    /// The end (sent once; whoever keeps a record has stored it when this is sent).
    Finished { status: Status, output: Option<Value>, error: Option<String>, cause: Option<String> },
}

impl RunEvent {
    /// The pointer of the state the event concerns, if it concerns one.
    pub fn pointer(&self) -> Option<&str> {
        match self {
            RunEvent::StateEntered { pointer, .. }
            | RunEvent::StateExited { pointer, .. }
            | RunEvent::Resumed { pointer, .. }
            | RunEvent::RetryScheduled { pointer, .. }
            | RunEvent::Caught { pointer, .. }
            | RunEvent::Failed { pointer, .. }
            | RunEvent::MapRunProgress { pointer, .. } => Some(pointer),
            RunEvent::Paused(p) => Some(&p.pointer),
            RunEvent::WaitingForCallback(w) => Some(&w.pointer),
            RunEvent::CallbackAnswered { .. } | RunEvent::Finished { .. } => None,
        }
    }
}

/// A one-line form, used by the tests to compare event sequences.
impl std::fmt::Display for RunEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunEvent::StateEntered { path, input, .. } => write!(f, "enter {path} {input}"),
            RunEvent::StateExited { path, output, .. } => write!(f, "exit {path} {output}"),
            RunEvent::Paused(p) => write!(f, "paused {} {:?} {:?}", p.path, p.place, p.reason),
            RunEvent::Resumed { path, command, .. } => write!(f, "resumed {path} {command}"),
            RunEvent::RetryScheduled { path, error, attempt, delay_seconds, .. } => {
                write!(f, "retry {path} {error} #{attempt} in {delay_seconds}s")
            }
            RunEvent::Caught { path, error, next, .. } => write!(f, "caught {path} {error} -> {next}"),
            RunEvent::Failed { path, error, .. } => write!(f, "failed {path} {error}"),
            RunEvent::MapRunProgress { path, total, succeeded, failed, running, finished, .. } => {
                let total = total.map_or("?".to_string(), |t| t.to_string());
                let end = if *finished { " finished" } else { "" };
                write!(f, "progress {path} {succeeded}+{failed}/{total} running {running}{end}")
            }
            RunEvent::WaitingForCallback(w) => write!(f, "waiting {} {}", w.path, w.token),
            RunEvent::CallbackAnswered { token, kind } => write!(f, "answered {token} {kind:?}"),
            RunEvent::Finished { status, output, .. } => match output {
                Some(o) => write!(f, "finished {} {o}", status.as_str()),
                None => write!(f, "finished {}", status.as_str()),
            },
        }
    }
}
