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
    /// Where in the state's life it stops.
    pub place: Place,
    /// Why it stopped there.
    pub reason: PauseReason,
    /// Container depth (0 at the top).
    pub depth: usize,
    /// Before entering: the input about to be processed; after exit: the state's input;
    /// at a retry or catch: the error (`{"Error", "Cause"}`) or the Catcher's output.
    pub input: Value,
    /// After exit: the output about to go to the next state (editable).
    pub output: Option<Value>,
    /// The variables the state sees (before entering) or left behind (after exit); editable.
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
    /// The task state's name.
    pub state_name: String,
    /// The task token a SendTask* call answers.
    pub token: String,
    /// The parameters sent to the resource (the message carrying the token).
    pub payload: Value,
    /// An activity task (a worker polls it) rather than `.waitForTaskToken`.
    pub activity: bool,
    /// The task's HeartbeatSeconds, if any.
    pub heartbeat_seconds: Option<f64>,
    /// The task's TimeoutSeconds, if any.
    pub timeout_seconds: Option<f64>,
    /// The result the run's mocks give this task, if they have one: a success answer the
    /// user can start from (the engine does not know it; whoever runs it with mocks does).
    pub mocked_output: Option<Value>,
    /// Without a mocked result: the object the state that follows expects (the fields its
    /// Choice tests in the task's result), when the definition tells.
    pub output_skeleton: Option<Value>,
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
            mocked_output: None,
            output_skeleton: None,
        }
    }
}

/// How a callback was answered.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CallbackAnswer {
    /// SendTaskSuccess: the task succeeds with the output given.
    Success,
    /// SendTaskFailure: the task fails with the error given.
    Failure,
    /// SendTaskHeartbeat: the task goes on waiting.
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
        /// Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
        path: String,
        /// The state's JSON pointer in the definition.
        pointer: String,
        /// The state's `Type`.
        state_type: &'static str,
        /// The state's input (as edited at a pause before it).
        input: Value,
        /// The state of the same branch/iteration it was entered from (its pointer);
        /// `None` for the first state of its scope: the transition taken is `from -> pointer`.
        from: Option<String>,
    },
    /// A state left normally (after any pause after it, with any edited output).
    StateExited {
        /// Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
        path: String,
        /// The state's JSON pointer in the definition.
        pointer: String,
        /// The state's output (as edited at a pause after it).
        output: Value,
        /// Its processing stages, when the run records them.
        inspection: Option<Inspection>,
        /// It ended its scope (End, Succeed): no state of its branch/iteration follows.
        ends: bool,
    },
    /// The run waits at a point until a command resumes it.
    Paused(Paused),
    /// A command (Continue, a step) let the paused point go on; the run is running again.
    Resumed {
        /// Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
        path: String,
        /// The state's JSON pointer in the definition.
        pointer: String,
        /// `continue`, `stepOver`, `stepInto` or `stepOut`.
        command: &'static str,
    },
    /// A Retrier matched the state's error: the state runs again after a delay.
    RetryScheduled {
        /// Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
        path: String,
        /// The state's JSON pointer in the definition.
        pointer: String,
        /// The error name.
        error: String,
        /// The retry about to run: 1 for the first.
        attempt: u32,
        /// The backoff before the retry, in seconds.
        delay_seconds: f64,
    },
    /// A Catcher handled the state's error.
    Caught {
        /// Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
        path: String,
        /// The state's JSON pointer in the definition.
        pointer: String,
        /// The error name.
        error: String,
        /// The Catcher's Next (a state name of the same scope).
        next: String,
    },
    /// A state failed, before its Retriers and Catchers decide what follows.
    Failed {
        /// Where the state runs.
        path: String,
        /// The state's JSON pointer.
        pointer: String,
        /// The error name (`States.TaskFailed`, a Fail state's `Error`, ...).
        error: String,
        /// The error's cause (a message, often JSON).
        cause: String,
    },
    /// A Map state's progress: an inline Map's iterations (at its start, as each
    /// iteration starts and ends, and at its end) or a Distributed Map's child executions
    /// (after every [`crate::PROGRESS_EVERY`] and at its end).
    MapRunProgress {
        /// Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
        path: String,
        /// The state's JSON pointer in the definition.
        pointer: String,
        /// The Map Run's ARN (Distributed Map only).
        map_run_arn: Option<String>,
        /// Iterations/child executions in all, once known.
        total: Option<u64>,
        /// Iterations/child executions that succeeded so far.
        succeeded: u64,
        /// Iterations/child executions that failed so far.
        failed: u64,
        /// Iterations/child executions started and not yet ended.
        running: u64,
        /// The Map state has ended (these are its final counts).
        finished: bool,
    },
    /// A `.waitForTaskToken` task (or an activity) waits for Approve/Reject/Heartbeat.
    WaitingForCallback(WaitingCallback),
    /// A waiting callback was answered; after a heartbeat it still waits.
    CallbackAnswered {
        /// The task token answered.
        token: String,
        /// SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat.
        kind: CallbackAnswer,
    },
    /// The end (sent once; whoever keeps a record has stored it when this is sent).
    Finished {
        /// How the execution ended.
        status: Status,
        /// The execution's output (SUCCEEDED).
        output: Option<Value>,
        /// The execution's error and cause (FAILED, TIMED_OUT).
        error: Option<String>,
        /// The cause of `error`.
        cause: Option<String>,
    },
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
