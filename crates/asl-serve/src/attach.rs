//! Executions watched from outside (issue 15, item 7): the desktop app runs a server in its
//! own process and debugs the executions that API clients start on the machine it has
//! open. For each execution about to start, [`Attach::attach`] may hand back a hook (the
//! app's debugger: breakpoints, stepping, the live record) and a sink for the records;
//! the server runs the execution with them and tells the watcher how it ended. A paused
//! execution simply takes longer: a StartSyncExecution caller waits.

use asl_eval::history::HistoryEvent;
use asl_eval::{CallbackHandle, Hook, Outcome, PendingTask, RecordSink, StateRecord};
use serde_json::Value;
use std::sync::Arc;

/// An execution about to start.
pub struct Starting<'a> {
    pub state_machine_name: &'a str,
    /// The definition the client sent, as the server read it.
    pub doc: &'a asl_model::Document,
    pub execution_arn: &'a str,
    pub execution_name: &'a str,
    pub input: &'a Value,
    pub express: bool,
    /// The execution's waiting tasks: the watcher may answer them as a client would.
    pub callbacks: CallbackHandle,
}

/// What watches one execution.
pub struct Attached {
    pub hook: Arc<dyn Hook>,
    /// Gets every state record and history event (the server keeps its own history too).
    pub sink: Arc<dyn RecordSink>,
    /// Called once with how it ended (ABORTED when StopExecution ended it).
    pub finished: Box<dyn FnOnce(&Outcome) + Send>,
    /// Called when a task starts waiting for its token (`.waitForTaskToken`, an activity).
    pub waiting: Box<dyn Fn(PendingTask) + Send + Sync>,
}

/// Decides, per execution, whether something watches it.
pub trait Attach: Send + Sync {
    fn attach(&self, starting: &Starting<'_>) -> Option<Attached>;
}

/// The server's own sink (its history, when it keeps one) and the watcher's, both fed.
pub(crate) struct Both {
    pub server: Option<Arc<dyn RecordSink>>,
    pub watcher: Arc<dyn RecordSink>,
}

impl RecordSink for Both {
    fn state(&self, record: StateRecord) {
        self.watcher.state(record);
    }

    fn history_event(&self, event: &HistoryEvent) {
        if let Some(server) = &self.server {
            server.history_event(event);
        }
        self.watcher.history_event(event);
    }
}

/// How a stopped execution ended, for its watcher.
pub(crate) fn aborted() -> Outcome {
    Outcome {
        status: asl_eval::Status::Aborted,
        output: None,
        error: None,
        cause: None,
        states: Vec::new(),
        history: Vec::new(),
        transitions: 0,
        events: 0,
    }
}

/// [`Config::attach`](crate::Config::attach)'s watcher (a newtype: the config is `Debug`).
#[derive(Clone)]
pub struct Watcher(pub Arc<dyn Attach>);

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watcher")
    }
}
