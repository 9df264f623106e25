//! Runs the app did not start (issue 15, item 7): an execution that an API client started
//! on the app's own `asl serve`, run by the server's engine, watched and debugged here as
//! a local run is — the same debugger (breakpoints, steps, edits at a pause), live record,
//! events and pages. The server asks for a hook and a sink as the execution starts and
//! says how it ended; everything else is the run machinery of driver.rs.

use super::config::{BreakpointSpec, ClockChoice};
use super::driver::{Forwarder, Live, Msg, Slot};
use super::handler::Signals;
use super::live_hook::LiveHook;
use super::live_sink::LiveSink;
use super::record::RunSummary;
use super::registry::{RunId, Runs};
use super::{RunError, RunEvent};
use asl_eval::debug::Debugger;
use asl_eval::{CallbackHandle, Hook, Outcome, PendingTask, RecordSink};
use asl_model::Document;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::{mpsc, Arc, Condvar, Mutex};

/// An execution started elsewhere, as the app sees it.
pub struct Outside {
    /// What it runs (the definition the client sent, parsed).
    pub doc: Document,
    /// The file open in the app it was matched to, if any.
    pub path: Option<PathBuf>,
    /// Shown in the run list: the state machine's and the execution's names.
    pub title: String,
    pub input: Value,
    /// The app's breakpoints when it started (resolved in `doc`).
    pub breakpoints: Vec<BreakpointSpec>,
    /// Its waiting tasks, answered from the app as the server's clients would.
    pub callbacks: CallbackHandle,
}

/// What the server runs the execution with.
pub struct Watch {
    pub id: RunId,
    pub hook: Arc<dyn Hook>,
    pub sink: Arc<dyn RecordSink>,
    /// Tell it how the execution ended.
    pub finished: Box<dyn FnOnce(&Outcome) + Send>,
    /// Tell it a task waits for its token: the app shows the callback card.
    pub waiting: Box<dyn Fn(PendingTask) + Send + Sync>,
}

impl Runs {
    /// Watches an execution the server is about to run: a run of this session like any
    /// other (listed, paused at its breakpoints, stepped, inspected, stopped), whose engine
    /// is the server's.
    pub fn attach(
        &self,
        outside: Outside,
        on_event: impl Fn(RunEvent) + Send + 'static,
    ) -> Result<Watch, RunError> {
        let Outside { doc, path, title, input, breakpoints, callbacks } = outside;
        let breakpoints = breakpoints.iter().filter_map(|b| b.to_breakpoint(doc.machine())).collect();
        let started = |id| RunSummary::started(id, path.as_deref(), title, input, ClockChoice::Virtual);
        // The server's registry: the app's answer is the same as a client's.
        let Elsewhere { id, slot, doc, hook, msgs } = self.run_elsewhere(doc, started, breakpoints, callbacks, on_event)?;
        let hook = Arc::new(hook);
        let sink = Arc::new(LiveSink { slot: slot.clone() });
        let tell = Mutex::new(msgs.clone());
        let waiting = Box::new(move |task: PendingTask| {
            let _ = tell.lock().unwrap_or_else(|e| e.into_inner()).send(Msg::Waiting(task));
        });
        let finished = Box::new(move |outcome: &Outcome| {
            slot.finish(Some(outcome.clone()), &doc);
            let _ = msgs.send(Msg::Done);
        });
        Ok(Watch { id, hook, sink, finished, waiting })
    }
}

/// A run of this session whose engine runs elsewhere (a server's, AWS's): registered and
/// listed, its events told to `on_event` by a forwarder thread; the caller drives it
/// through `hook` (and the slot's sink) and ends it with `Msg::Done` on `msgs`.
pub(super) struct Elsewhere {
    pub id: RunId,
    pub slot: Arc<Slot>,
    pub doc: Arc<Document>,
    pub hook: LiveHook,
    pub msgs: mpsc::Sender<Msg>,
}

impl Runs {
    pub(super) fn run_elsewhere(
        &self,
        doc: Document,
        summary: impl FnOnce(RunId) -> RunSummary,
        breakpoints: Vec<asl_eval::debug::Breakpoint>,
        callbacks: CallbackHandle,
        on_event: impl Fn(RunEvent) + Send + 'static,
    ) -> Result<Elsewhere, RunError> {
        let id = self.next_id();
        let (session, debug_rx) = Debugger::new(breakpoints);
        session.send_values(self.event_values());
        let debug_hook = session.hook();
        let doc = Arc::new(doc);
        let slot = Arc::new(Slot {
            session,
            doc: doc.clone(),
            callbacks,
            signals: Signals::new(),
            live: Mutex::new(Live::new(summary(id), self.spill_to())),
            finished: Condvar::new(),
        });
        let (msgs, msg_rx) = mpsc::channel();
        let forwarder = Forwarder {
            slot: slot.clone(),
            debug_rx,
            msg_rx,
            on_event: Box::new(on_event),
            answers: asl_eval::Mocks::default(),
        };
        std::thread::Builder::new().name(format!("asl-run-{id}-events")).spawn(move || forwarder.run())?;
        self.insert(id, slot.clone());
        Ok(Elsewhere { id, hook: LiveHook { inner: debug_hook, slot: slot.clone() }, slot, doc, msgs })
    }
}
