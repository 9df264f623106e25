//! What stands between the engine and the outside world during an app run, so that Stop
//! always works: a task handler that gives up a task (a callback nobody answers, a
//! command that hangs) the moment the run is stopped, a clock whose waits end at Stop or
//! "skip wait", and the local commands (run by [`crate::setup::local_commands`]) that Stop
//! kills with their process groups.
//!
//! A stopped task ends as an unhandled task failure with [`STOP_CAUSE`]: the engine then
//! ends the execution at once and still returns its records and history; the driver turns
//! that ending into ABORTED (see `driver`).

use super::driver::Msg;
use asl_eval::callback::is_callback;
use asl_eval::clock::Sleep;
use asl_eval::handler::TaskFuture;
use asl_eval::{Clock, Mocks, PendingTask, RunningCommands, TaskFailure, TaskHandler, TaskRequest, Timeline};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::sync::{mpsc, Arc};
use std::task::Poll;
use std::time::Duration;
use tokio::sync::watch;

/// The cause a task stopped by the user ends with (never shown: the run becomes ABORTED).
pub(crate) const STOP_CAUSE: &str = "ASL Studio: the run was stopped while this task was running";

/// Stop and skip-wait, shared by the run's handler, clock and the registry.
#[derive(Clone)]
pub(crate) struct Signals {
    stop: Arc<watch::Sender<bool>>,
    skip: Arc<watch::Sender<u64>>,
    /// The run's local commands: Stop kills them (and any that starts after it).
    pub commands: RunningCommands,
}

impl Signals {
    pub fn new() -> Signals {
        Signals {
            stop: Arc::new(watch::channel(false).0),
            skip: Arc::new(watch::channel(0).0),
            commands: RunningCommands::default(),
        }
    }

    pub fn stop(&self) {
        self.stop.send_replace(true);
        self.kill_commands();
    }

    pub fn is_stopped(&self) -> bool {
        *self.stop.borrow()
    }

    /// Completes once the run is stopped.
    pub async fn stopped(&self) {
        let mut rx = self.stop.subscribe();
        let _ = rx.wait_for(|s| *s).await;
    }

    pub fn skip_waits(&self) {
        self.skip.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// Kills the run's local commands with their process groups.
    pub fn kill_commands(&self) {
        self.commands.stop();
    }
}

/// Wraps the run's handler: announces waiting callbacks and gives up any task at Stop.
pub(crate) struct RunHandler {
    pub inner: Box<dyn TaskHandler>,
    pub signals: Signals,
    /// Where waiting callbacks are announced (the driver's ordered event stream).
    pub waiting: mpsc::Sender<Msg>,
    /// False when the mocks answer callbacks (nothing waits).
    pub callbacks_wait: bool,
}

impl TaskHandler for RunHandler {
    fn invoke<'a>(&'a self, request: TaskRequest<'a>) -> TaskFuture<'a> {
        Box::pin(async move {
            if self.signals.is_stopped() {
                return Err(TaskFailure::Unhandled(STOP_CAUSE.into()));
            }
            let mut task = self.inner.invoke(request);
            // The first poll registers a callback's token; only after it may the UI answer.
            if let Poll::Ready(result) = std::future::poll_fn(|cx| Poll::Ready(task.as_mut().poll(cx))).await
            {
                return result;
            }
            if let (true, true, Some(token)) =
                (self.callbacks_wait, is_callback(request.resource), request.task_token)
            {
                let _ = self.waiting.send(Msg::Waiting(PendingTask::of(&request, token)));
            }
            tokio::select! {
                result = task => result,
                _ = self.signals.stopped() => Err(TaskFailure::Unhandled(STOP_CAUSE.into())),
            }
        })
    }
}

/// What the run's mocks answer for a waiting callback task, by asking a copy of them as the
/// task would (so the n-th wait of a state gets its n-th mocked response, in either mock
/// format); `None` when they have no result for it (no entry, or a Throw).
pub(crate) fn mock_answer(mocks: &Mocks, task: &PendingTask) -> Option<Value> {
    let request = TaskRequest {
        state_name: &task.state_name,
        resource: &task.resource,
        input: &task.input,
        attempt: 0,
        task_token: Some(&task.token),
        timeout: task.timeout,
        heartbeat: task.heartbeat,
    };
    // Mocks answer at once; the future is ready at its first poll.
    let mut future = mocks.invoke(request);
    match future.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
        Poll::Ready(Ok(value)) => Some(value),
        _ => None,
    }
}

/// The run's clock: its waits end early at Stop and at "skip wait".
pub(crate) struct RunClock {
    pub inner: Arc<dyn Clock>,
    pub signals: Signals,
}

impl Clock for RunClock {
    fn now(&self, start: DateTime<Utc>, timeline: &Timeline) -> DateTime<Utc> {
        self.inner.now(start, timeline)
    }

    fn sleep<'a>(&'a self, timeline: &'a mut Timeline, duration: Duration) -> Sleep<'a> {
        if self.inner.is_virtual() {
            return self.inner.sleep(timeline, duration);
        }
        let mut skip = self.signals.skip.subscribe();
        skip.borrow_and_update();
        let wait = self.inner.sleep(timeline, duration);
        Box::pin(async move {
            tokio::select! {
                _ = wait => {}
                _ = self.signals.stopped() => {}
                _ = skip.changed() => {}
            }
        })
    }

    fn is_virtual(&self) -> bool {
        self.inner.is_virtual()
    }
}
