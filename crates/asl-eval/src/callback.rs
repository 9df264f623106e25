//! Callbacks (`.waitForTaskToken`) and activities: the task waits until someone answers its
//! token with [`CallbackHandle::send_task_success`], [`CallbackHandle::send_task_failure`]
//! or keeps it alive with [`CallbackHandle::send_task_heartbeat`] — the app's Approve/Reject
//! buttons, or a test.
//!
//! [`Callbacks`] is a [`TaskHandler`] that wraps another one (mocks, ...): callback and
//! activity resources wait for an answer, every other Task goes to the inner handler (so a
//! `.sync` integration completes with its mocked result). In `asl run` no `Callbacks` is
//! used: the mocks answer callbacks at once, as before.
//!
//! `HeartbeatSeconds` and `TimeoutSeconds` are enforced with tokio's timer: on the real clock
//! they are real seconds; on the virtual clock [`Execution::run`](crate::Execution::run)
//! runs with tokio's time paused, so a deadline fires as soon as nothing else can progress
//! (nobody can answer any more), and the history's timestamps advance by the time waited.
//! Async callers on the virtual clock should do the same (`start_paused`).
//! A heartbeat deadline ends the task with `States.HeartbeatTimeout`, the task's own
//! deadline with `States.Timeout` (`States.Timeout` in a Retry or Catch matches both).
//!
//! ```
//! use asl_eval::{Callbacks, Execution, Mocks, Options, Status};
//! use asl_model::{Document, Format};
//! use serde_json::json;
//!
//! let doc = Document::parse(r#"{"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
//!     "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
//!     "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}}"#, Format::Json).unwrap();
//! let callbacks = Callbacks::new(Mocks::default());
//! let handle = callbacks.handle();
//! let options = Options::default();
//! let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
//! let outcome = rt.block_on(async {
//!     let answer = async {
//!         let task = handle.wait_pending().await;
//!         assert_eq!(task.input["token"], json!(task.token));
//!         handle.send_task_success(&task.token, json!({"ok": true})).unwrap();
//!     };
//!     tokio::join!(Execution::start(&doc, json!({}), &callbacks, &options), answer).0
//! });
//! assert_eq!(outcome.status, Status::Succeeded);
//! assert_eq!(outcome.output, Some(json!({"ok": true})));
//! ```

use crate::handler::{
    classify_resource, waits_for_token, ResourceKind, TaskFailure, TaskFuture, TaskHandler, TaskRequest,
};
use crate::RuntimeError;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// Largest output `send_task_success` accepts (AWS: 256 KiB).
pub const CALLBACK_OUTPUT_LIMIT: usize = 256 * 1024;

/// A task waiting for its token to be answered.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingTask {
    /// The task token an answer names.
    pub token: String,
    /// The Task state waiting.
    pub state_name: String,
    /// Its `Resource` ARN as written.
    pub resource: String,
    /// The effective parameters sent to the resource (the message with the token, ...).
    pub input: Value,
    /// True for an activity (`arn:aws:states:...:activity:NAME`), false for `.waitForTaskToken`.
    pub activity: bool,
    /// The state's HeartbeatSeconds: the task fails unless a heartbeat comes in time.
    pub heartbeat: Option<Duration>,
    /// The state's TimeoutSeconds.
    pub timeout: Option<Duration>,
}

impl PendingTask {
    /// The task `request` stands for, waiting for `token`.
    pub fn of(request: &TaskRequest<'_>, token: &str) -> PendingTask {
        PendingTask {
            token: token.to_owned(),
            state_name: request.state_name.to_owned(),
            resource: request.resource.to_owned(),
            input: request.input.clone(),
            activity: !waits_for_token(request.resource),
            heartbeat: request.heartbeat,
            timeout: request.timeout,
        }
    }
}

/// Why an answer was refused (AWS's names for the same API errors).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    /// No task waits for this token (SendTask*'s TaskDoesNotExist).
    #[error("TaskDoesNotExist: no task is waiting for the token '{0}' (it was answered, timed out, or never issued)")]
    TaskDoesNotExist(String),
    /// The output is larger than a task result may be (SendTaskSuccess's InvalidOutput).
    #[error("InvalidOutput: the output is {0} bytes, more than the 262144 bytes a task result may have")]
    InvalidOutput(usize),
}

enum Signal {
    Success(Value),
    Failure(RuntimeError),
    Heartbeat,
}

struct Waiting {
    task: PendingTask,
    /// Registration order, so [`CallbackHandle::pending`] lists the oldest first.
    order: u64,
    tx: mpsc::UnboundedSender<Signal>,
}

#[derive(Default)]
struct Registry {
    waiting: BTreeMap<String, Waiting>,
    counter: u64,
}

struct Shared {
    registry: Mutex<Registry>,
    /// Bumped whenever a task starts or stops waiting.
    changed: watch::Sender<u64>,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Registry> {
        self.registry.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn bump(&self) {
        self.changed.send_modify(|n| *n = n.wrapping_add(1));
    }
}

/// A [`TaskHandler`] that makes callback and activity tasks wait for an answer through a
/// [`CallbackHandle`]; other tasks go to `inner`.
pub struct Callbacks<H> {
    inner: H,
    shared: Arc<Shared>,
}

impl<H: TaskHandler> Callbacks<H> {
    /// Callbacks in front of `inner`, which answers every task that waits for no token.
    pub fn new(inner: H) -> Callbacks<H> {
        let (changed, _) = watch::channel(0);
        Callbacks { inner, shared: Arc::new(Shared { registry: Mutex::default(), changed }) }
    }

    /// A handle to answer the waiting tasks; cheap to clone, usable from any thread.
    pub fn handle(&self) -> CallbackHandle {
        CallbackHandle { shared: self.shared.clone() }
    }

    /// The handler of the tasks that wait for no token.
    pub fn inner(&self) -> &H {
        &self.inner
    }
}

/// True when a Task with this resource waits for a callback (`.waitForTaskToken` or an activity).
pub fn is_callback(resource: &str) -> bool {
    waits_for_token(resource) || classify_resource(resource).0 == ResourceKind::Activity
}

impl<H: TaskHandler> TaskHandler for Callbacks<H> {
    fn invoke<'a>(&'a self, request: TaskRequest<'a>) -> TaskFuture<'a> {
        if !is_callback(request.resource) {
            return self.inner.invoke(request);
        }
        Box::pin(self.wait(request))
    }
}

/// Removes a waiting task when its wait ends in any way (answered, timed out, dropped
/// because the execution stopped).
struct Deregister<'a> {
    shared: &'a Shared,
    token: String,
}

impl Drop for Deregister<'_> {
    fn drop(&mut self) {
        let removed = self.shared.lock().waiting.remove(&self.token).is_some();
        if removed {
            self.shared.bump();
        }
    }
}

impl<H: TaskHandler> Callbacks<H> {
    async fn wait(&self, request: TaskRequest<'_>) -> Result<Value, TaskFailure> {
        let Some(token) = request.task_token else {
            return Err(TaskFailure::Unhandled(format!(
                "the Task state '{}' waits for a callback but was given no task token",
                request.state_name
            )));
        };
        let (tx, mut rx) = mpsc::unbounded_channel();
        {
            let mut registry = self.shared.lock();
            if registry.waiting.contains_key(token) {
                return Err(TaskFailure::Unhandled(format!(
                    "the task token '{token}' of state '{}' is already waiting (two executions with the same seed share these callbacks?)",
                    request.state_name
                )));
            }
            registry.counter += 1;
            let order = registry.counter;
            let task = PendingTask::of(&request, token);
            registry.waiting.insert(token.to_owned(), Waiting { task, order, tx });
        }
        let _deregister = Deregister { shared: &self.shared, token: token.to_owned() };
        self.shared.bump();
        let timeout_at = request.timeout.map(|t| tokio::time::Instant::now() + t);
        loop {
            let heartbeat_at = request.heartbeat.map(|h| tokio::time::Instant::now() + h);
            let deadline = match (heartbeat_at, timeout_at) {
                (Some(h), Some(t)) if h < t => Some((h, "States.HeartbeatTimeout")),
                (Some(h), None) => Some((h, "States.HeartbeatTimeout")),
                (_, Some(t)) => Some((t, "States.Timeout")),
                (None, None) => None,
            };
            let signal = match deadline {
                Some((at, error)) => match tokio::time::timeout_at(at, rx.recv()).await {
                    Ok(signal) => signal,
                    Err(_) => return Err(TaskFailure::Error(RuntimeError::new(error, String::new()))),
                },
                None => rx.recv().await,
            };
            match signal {
                Some(Signal::Success(v)) => return Ok(v),
                Some(Signal::Failure(e)) => return Err(TaskFailure::Error(e)),
                Some(Signal::Heartbeat) => continue,
                None => {
                    return Err(TaskFailure::Unhandled(format!(
                        "the callback of state '{}' can no longer be answered",
                        request.state_name
                    )))
                }
            }
        }
    }
}

/// Answers waiting callback and activity tasks: `SendTaskSuccess`, `SendTaskFailure` and
/// `SendTaskHeartbeat` as AWS offers them.
#[derive(Clone)]
pub struct CallbackHandle {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for CallbackHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallbackHandle").field("pending", &self.pending().len()).finish()
    }
}

impl CallbackHandle {
    fn send(&self, token: &str, signal: Signal) -> Result<(), CallbackError> {
        let registry = self.shared.lock();
        let waiting =
            registry.waiting.get(token).ok_or_else(|| CallbackError::TaskDoesNotExist(token.to_owned()))?;
        waiting.tx.send(signal).map_err(|_| CallbackError::TaskDoesNotExist(token.to_owned()))
    }

    /// Completes the task with `output` as its result. Once answered, a token is gone.
    pub fn send_task_success(&self, token: &str, output: Value) -> Result<(), CallbackError> {
        let size = output.to_string().len();
        if size > CALLBACK_OUTPUT_LIMIT {
            return Err(CallbackError::InvalidOutput(size));
        }
        self.send(token, Signal::Success(output))?;
        self.forget(token);
        Ok(())
    }

    /// Fails the task with `error` and `cause` (Retry and Catch see them); an empty error
    /// is reported as `States.TaskFailed`.
    pub fn send_task_failure(&self, token: &str, error: &str, cause: &str) -> Result<(), CallbackError> {
        let error = if error.is_empty() { "States.TaskFailed" } else { error };
        self.send(token, Signal::Failure(RuntimeError::new(error, cause)))?;
        self.forget(token);
        Ok(())
    }

    /// Restarts the task's HeartbeatSeconds.
    pub fn send_task_heartbeat(&self, token: &str) -> Result<(), CallbackError> {
        self.send(token, Signal::Heartbeat)
    }

    /// The tasks waiting now, oldest first.
    pub fn pending(&self) -> Vec<PendingTask> {
        let registry = self.shared.lock();
        let mut list: Vec<&Waiting> = registry.waiting.values().collect();
        list.sort_by_key(|w| w.order);
        list.into_iter().map(|w| w.task.clone()).collect()
    }

    /// Waits until some task is waiting and returns the oldest.
    pub async fn wait_pending(&self) -> PendingTask {
        let mut changed = self.shared.changed.subscribe();
        loop {
            if let Some(task) = self.pending().into_iter().next() {
                return task;
            }
            if changed.changed().await.is_err() {
                // The sender lives in `shared`, which this handle keeps alive.
                std::future::pending::<()>().await;
            }
        }
    }

    /// An answered token stops being pending at once (before the execution resumes).
    fn forget(&self, token: &str) {
        let removed = self.shared.lock().waiting.remove(token).is_some();
        if removed {
            self.shared.bump();
        }
    }
}
