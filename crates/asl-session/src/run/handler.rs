//! What stands between the engine and the outside world during an app run, so that Stop
//! always works: a task handler that gives up a task (a callback nobody answers, a
//! command that hangs) the moment the run is stopped, a clock whose waits end at Stop or
//! "skip wait", and local commands run on threads whose processes Stop can kill.
//!
//! A stopped task ends as an unhandled task failure with [`STOP_CAUSE`]: the engine then
//! ends the execution at once and still returns its records and history; the driver turns
//! that ending into ABORTED (see `driver`).

use super::driver::Msg;
use asl_eval::callback::is_callback;
use asl_eval::clock::Sleep;
use asl_eval::command::{run_command, COMMAND_OUTPUT_LIMIT, DEFAULT_COMMAND_TIMEOUT};
use asl_eval::handler::TaskFuture;
use asl_eval::{Clock, LocalCommand, PendingTask, TaskFailure, TaskHandler, TaskRequest, Timeline};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{mpsc, Arc, Mutex};
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
    /// Threads running local commands (Linux thread ids): Stop kills their children.
    commands: Arc<Mutex<Vec<u32>>>,
}

impl Signals {
    pub fn new() -> Signals {
        Signals {
            stop: Arc::new(watch::channel(false).0),
            skip: Arc::new(watch::channel(0).0),
            commands: Arc::default(),
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

    /// Kills the process groups the command threads started (they are group leaders:
    /// `run_command` starts each command in a group of its own).
    pub fn kill_commands(&self) {
        let threads = self.commands.lock().unwrap_or_else(|e| e.into_inner()).clone();
        for tid in threads {
            for pid in children_of_thread(tid) {
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", "--", &format!("-{pid}")])
                    .stdin(std::process::Stdio::null())
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .status();
            }
        }
    }
}

/// The processes a thread of this process started (Linux: `/proc/self/task/T/children`;
/// elsewhere none, and a stopped command is left to its own timeout).
fn children_of_thread(tid: u32) -> Vec<u32> {
    std::fs::read_to_string(format!("/proc/self/task/{tid}/children"))
        .map(|text| text.split_whitespace().filter_map(|p| p.parse().ok()).collect())
        .unwrap_or_default()
}

/// This thread's id (Linux), from `/proc/thread-self` -> `PID/task/TID`.
fn current_tid() -> Option<u32> {
    let link = std::fs::read_link("/proc/thread-self").ok()?;
    link.file_name()?.to_str()?.parse().ok()
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

/// Tasks mapped to local commands by the machine's run configuration, run (with the
/// user's consent) on threads [`Signals::kill_commands`] knows; other tasks go to `inner`.
/// The command semantics are `asl_eval::command`'s: this only adds the kill at Stop.
pub(crate) struct LocalCommands<H> {
    pub commands: HashMap<String, LocalCommand>,
    pub allowed: bool,
    pub inner: H,
    pub signals: Signals,
}

impl<H: TaskHandler> TaskHandler for LocalCommands<H> {
    fn invoke<'a>(&'a self, request: TaskRequest<'a>) -> TaskFuture<'a> {
        let found = self.commands.get(request.state_name).or_else(|| self.commands.get(request.resource));
        let Some(command) = found else { return self.inner.invoke(request) };
        if !self.allowed {
            let message = format!(
                "the Task state '{}' is mapped to the local command '{}', but running local commands was not allowed for this file (allow it in the run panel)",
                request.state_name, command.program
            );
            return Box::pin(std::future::ready(Err(TaskFailure::Unhandled(message))));
        }
        let command = command.clone();
        let timeout = request.timeout.or(command.timeout).unwrap_or(DEFAULT_COMMAND_TIMEOUT);
        let input = request.input.to_string().into_bytes();
        let threads = self.signals.commands.clone();
        let (tx, rx) = tokio::sync::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name(format!("asl-run-command-{}", request.state_name))
            .spawn(move || {
                let tid = current_tid();
                if let Some(tid) = tid {
                    threads.lock().unwrap_or_else(|e| e.into_inner()).push(tid);
                }
                let result = run_command(&command, input, timeout, COMMAND_OUTPUT_LIMIT);
                if let Some(tid) = tid {
                    threads.lock().unwrap_or_else(|e| e.into_inner()).retain(|t| *t != tid);
                }
                let _ = tx.send(result);
            });
        Box::pin(async move {
            if let Err(e) = spawned {
                return Err(TaskFailure::Unhandled(format!(
                    "cannot start a thread for the local command: {e}"
                )));
            }
            rx.await.unwrap_or_else(|_| {
                Err(TaskFailure::Unhandled("the local command's thread ended without a result".into()))
            })
        })
    }
}
