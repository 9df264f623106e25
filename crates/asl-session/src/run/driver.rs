//! One run: the execution on a thread of its own (with its own tokio runtime: JSONata
//! values are not `Send`, so evaluation stays there) and a forwarder thread that turns the
//! debugger's events into [`RunEvent`]s, keeps the live record and calls the shell's
//! callback — always in the order the engine produced them.
//!
//! Two streams feed the forwarder: the debugger's events, and [`Msg`]s from the engine
//! thread (a callback starts waiting, the run is done). Both are sent from the engine's
//! thread, so draining the debugger's stream before handling a `Msg` keeps their order.

use super::config::{ClockChoice, ExecutionTypeChoice, RunConfig};
use super::event::{CallbackAnswer, RunEvent, WaitingCallback};
use super::handler::{RunClock, RunHandler, Signals, STOP_CAUSE};
use super::history_index::HistoryIndex;
use super::live_hook::{Entered, LiveHook};
use super::live_sink::LiveSink;
use super::record::{now, ExecutionHistory, RunState, RunStatus, RunSummary};
use super::spool::{SpillTo, Spool};
use super::state_keys::SpilledStates;
use super::RunError;
use asl_eval::debug::{DebugSession, Debugger};
use asl_eval::history::HistoryEvent;
use asl_eval::{
    CallbackHandle, Callbacks, Clock, Execution, Outcome, PendingTask, RealClock, S3Folders, StartAt, Status,
    TaskHandler, VirtualClock,
};
use asl_model::Document;
use std::path::PathBuf;
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// How long the forwarder waits for a debugger event before it looks at its messages.
const POLL: Duration = Duration::from_millis(20);
/// After Stop, how long the engine gets to end by itself (with its records and history)
/// before the run is abandoned as it stands.
const STOP_GRACE: Duration = Duration::from_secs(2);

pub(crate) enum Msg {
    Waiting(PendingTask),
    Done,
}

/// What starts a run.
pub(crate) struct Launch {
    pub id: u64,
    pub doc: Document,
    pub path: Option<PathBuf>,
    pub title: String,
    pub config: RunConfig,
    /// A re-run: the top-level state it begins at (its input is `config.input`).
    pub start_at: Option<StartAt>,
    /// Where its states and history go past a threshold.
    pub spill: SpillTo,
    /// Entered/exited events carry the states' values.
    pub event_values: bool,
}

/// The shared state of one run.
pub(crate) struct Slot {
    pub session: DebugSession,
    /// The document that runs (breakpoints set during the run resolve in it).
    pub doc: Arc<Document>,
    pub callbacks: CallbackHandle,
    pub signals: Signals,
    pub(super) live: Mutex<Live>,
    pub(super) finished: Condvar,
}

/// What is known of a run so far.
pub(crate) struct Live {
    /// Its status is stored only once finished: until then the debugger's pause is the
    /// one truth of RUNNING vs PAUSED (see [`Slot::summary`]).
    pub summary: RunSummary,
    /// The states entered (older finished ones on disk past a threshold: spool.rs).
    pub states: Spool<RunState>,
    /// The history so far (recorded as the engine goes), older events on disk likewise.
    pub history: Spool<HistoryEvent>,
    /// The state and type of each history event (what pages and filters read).
    pub index: HistoryIndex,
    /// The states on disk: tallied (what the canvas colours) and keyed (what finds one
    /// state's executions) as they were moved.
    pub spilled: SpilledStates,
    pub spill: SpillTo,
    pub callbacks: Vec<WaitingCallback>,
    /// The top-level states entered, in order, with the variables each saw.
    pub entered: Vec<Entered>,
    /// The paths `entered` shares.
    pub entered_paths: std::collections::HashMap<String, Arc<str>>,
    /// How many of `states` the engine's records were merged into (see live_sink.rs).
    pub merged: usize,
}

impl Live {
    pub(super) fn new(summary: RunSummary, spill: SpillTo) -> Live {
        Live {
            summary,
            states: Spool::new("states"),
            history: Spool::new("history"),
            index: HistoryIndex::default(),
            spilled: SpilledStates::default(),
            spill,
            callbacks: Vec::new(),
            entered: Vec::new(),
            entered_paths: Default::default(),
            merged: 0,
        }
    }
}

impl Slot {
    pub fn live(&self) -> MutexGuard<'_, Live> {
        self.live.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until the run has finished (and its record is stored), at most `timeout`.
    pub fn wait(&self, timeout: Duration) -> RunSummary {
        let live = self.live();
        let (live, _) = self
            .finished
            .wait_timeout_while(live, timeout, |l| !l.summary.status.is_finished())
            .unwrap_or_else(|e| e.into_inner());
        self.summary_of(&live)
    }

    /// The run's summary, its status as it is now.
    pub fn summary(&self) -> RunSummary {
        self.summary_of(&self.live())
    }

    fn summary_of(&self, live: &Live) -> RunSummary {
        let mut summary = live.summary.clone();
        if !summary.status.is_finished() {
            summary.status =
                if self.session.paused().is_some() { RunStatus::Paused } else { RunStatus::Running };
        }
        summary
    }

    /// Tells the event stream (in order with the run's own events) that a callback was
    /// answered.
    pub fn answered(&self, token: &str, kind: CallbackAnswer) {
        if kind != CallbackAnswer::Heartbeat {
            self.live().callbacks.retain(|c| c.token != token);
        }
        self.session.tell(RunEvent::CallbackAnswered { token: token.to_owned(), kind });
    }

    pub fn record(&self) -> super::RunRecord {
        let live = self.live();
        let waiting: Vec<String> = self.callbacks.pending().into_iter().map(|t| t.token).collect();
        // A big run's states and history stay here: the UI reads them in pages, and its
        // canvas colours come with the tally.
        let extent = super::Extent::of(live.states.len(), live.history.len());
        let (states, events) = if extent.paged {
            (Vec::new(), Vec::new())
        } else {
            (live.states.range(0..live.states.len()), live.history.range(0..live.history.len()))
        };
        let (tally, taken) =
            if extent.paged { live.spilled.tally.with(live.states.tail()) } else { (Vec::new(), Vec::new()) };
        super::RunRecord {
            summary: self.summary_of(&live),
            states,
            history_states: (0..events.len()).map(|i| live.index.state(i).to_owned()).collect(),
            history: ExecutionHistory { events },
            extent,
            tally,
            taken,
            pending: self.session.paused(),
            callbacks: live.callbacks.iter().filter(|c| waiting.contains(&c.token)).cloned().collect(),
        }
    }
}

/// Starts the run; `on_event` is called on the forwarder thread, in order.
pub(crate) fn start(
    launch: Launch,
    on_event: Box<dyn Fn(RunEvent) + Send>,
) -> Result<(Arc<Slot>, RunSummary), RunError> {
    let Launch { id, doc, path, title, config, start_at, spill, event_values } = launch;
    let dir = path.as_deref().and_then(|p| p.parent());
    let mocks = config.mocks.load(dir)?;
    // A fresh copy (own invocation counts) for the answers suggested to waiting callbacks.
    let answers = mocks.clone();
    let signals = Signals::new();
    let commands = crate::setup::local_commands(path.as_deref(), config.allow_commands.into(), mocks)
        .map_err(|e| RunError::Config(e.to_string()))?
        .with_running(signals.commands.clone());
    let (inner, callbacks): (Box<dyn TaskHandler>, CallbackHandle) = if config.mock_callbacks {
        (Box::new(commands), Callbacks::new(asl_eval::NoTasks).handle())
    } else {
        let callbacks = Callbacks::new(commands);
        let handle = callbacks.handle();
        (Box::new(callbacks), handle)
    };
    let (msgs, msg_rx) = mpsc::channel();
    let handler = RunHandler {
        inner,
        signals: signals.clone(),
        waiting: msgs.clone(),
        callbacks_wait: !config.mock_callbacks,
    };

    let breakpoints = config.breakpoints.iter().filter_map(|b| b.to_breakpoint(doc.machine())).collect();
    let (session, debug_rx) = Debugger::new(breakpoints);
    session.stop_on_retry_and_catch(config.stop_on_retry, config.stop_on_catch);
    session.send_values(event_values);
    let clock: Arc<dyn Clock> = match config.clock {
        ClockChoice::Virtual => Arc::new(VirtualClock),
        ClockChoice::Real => Arc::new(RealClock),
    };
    let debug_hook = session.hook();
    let stem = title.split('.').next().filter(|s| !s.is_empty()).map(str::to_owned);

    let summary = RunSummary::started(id, path.as_deref(), title, config.input.clone(), config.clock);
    let doc = Arc::new(doc);
    let slot = Arc::new(Slot {
        session,
        doc: doc.clone(),
        callbacks,
        signals: signals.clone(),
        live: Mutex::new(Live::new(summary.clone(), spill)),
        finished: Condvar::new(),
    });
    let mut options = asl_eval::Options {
        clock: Arc::new(RunClock { inner: clock, signals: signals.clone() }),
        hook: Some(Arc::new(LiveHook { inner: debug_hook, slot: slot.clone() })),
        execution_name: format!("run-{id}"),
        execution_type: match config.execution_type {
            ExecutionTypeChoice::Standard => asl_eval::ExecutionType::Standard,
            ExecutionTypeChoice::Express => asl_eval::ExecutionType::Express,
        },
        s3: path.as_deref().map(S3Folders::beside).unwrap_or_default(),
        start_at,
        // The records go into the live record as they finish: one copy, not two.
        sink: Some(Arc::new(LiveSink { slot: slot.clone() })),
        ..asl_eval::Options::default()
    };
    if let Some(stem) = stem {
        options.state_machine_name = stem;
    }
    if config.max_transitions.is_some() {
        options.max_transitions = config.max_transitions;
    }

    let forwarder = Forwarder { slot: slot.clone(), debug_rx, msg_rx, on_event, answers };
    std::thread::Builder::new().name(format!("asl-run-{id}-events")).spawn(move || forwarder.run())?;
    let engine_slot = slot.clone();
    let input = config.input;
    std::thread::Builder::new().name(format!("asl-run-{id}")).spawn(move || {
        let outcome = execute(&doc, input, &handler, &options, &signals);
        // A command thread that started its process just as Stop came is killed now.
        if signals.is_stopped() {
            signals.kill_commands();
        }
        engine_slot.finish(outcome, &doc);
        let _ = msgs.send(Msg::Done);
    })?;
    Ok((slot, summary))
}

/// Runs the execution on a runtime of its own. `None`: abandoned after Stop (the engine
/// did not end within [`STOP_GRACE`]).
fn execute(
    doc: &Document,
    input: serde_json::Value,
    handler: &RunHandler,
    options: &asl_eval::Options,
    signals: &Signals,
) -> Option<Outcome> {
    // Not started paused, even on the virtual clock: there a callback's HeartbeatSeconds
    // would fire as soon as the run idles, but in the app a person answers it.
    let rt = match tokio::runtime::Builder::new_current_thread().enable_time().build() {
        Ok(rt) => rt,
        Err(e) => return Some(failed(format!("cannot start the runtime: {e}"))),
    };
    rt.block_on(async {
        let execution = Execution::start(doc, input, handler, options);
        tokio::select! {
            outcome = execution => Some(outcome),
            _ = async {
                signals.stopped().await;
                tokio::time::sleep(STOP_GRACE).await;
            } => None,
        }
    })
}

fn failed(cause: String) -> Outcome {
    Outcome {
        status: Status::Failed,
        output: None,
        error: Some("States.Runtime".into()),
        cause: Some(cause),
        states: Vec::new(),
        history: Vec::new(),
        transitions: 0,
        events: 0,
    }
}

/// A run the user stopped while a task ran ended through [`STOP_CAUSE`]: make it what it
/// is, ABORTED, in the status and in the history's last event.
fn as_aborted(mut outcome: Outcome) -> Outcome {
    let stopped_task =
        outcome.status == Status::Failed && outcome.cause.as_deref().is_some_and(|c| c.contains(STOP_CAUSE));
    if stopped_task {
        outcome.status = Status::Aborted;
        outcome.error = None;
        outcome.cause = None;
    }
    outcome
}

/// The history's last event of a run [`as_aborted`] made ABORTED says so too (answers
/// whether it changed). The last event is always in memory (spool.rs keeps a chunk).
fn as_aborted_history(history: &mut [HistoryEvent], outcome: &Outcome) -> bool {
    if outcome.status != Status::Aborted {
        return false;
    }
    match history.last_mut().filter(|e| e.kind == "ExecutionFailed") {
        Some(last) => {
            last.kind = "ExecutionAborted";
            last.details = Some(("executionAbortedEventDetails", serde_json::json!({})));
            true
        }
        None => false,
    }
}

impl Slot {
    /// Stores the end of the run and wakes whoever waits for it.
    pub(super) fn finish(&self, outcome: Option<Outcome>, doc: &Document) {
        let mut live = self.live();
        match outcome {
            Some(outcome) => {
                let outcome = if self.signals.is_stopped() { as_aborted(outcome) } else { outcome };
                live.summary.finish(&outcome);
                // The engine's records were merged as they finished (LiveSink); the
                // history is the one the hook kept.
                live.end_merge(doc.machine());
                if self.signals.is_stopped() && as_aborted_history(live.history.tail_mut(), &outcome) {
                    live.index.relabel_last("ExecutionAborted");
                }
            }
            None => {
                // Abandoned: the states and history seen so far are all there is.
                live.summary.status = RunStatus::Aborted;
                live.summary.finished_at = Some(now());
                live.summary.transitions = Some(live.states.len() as u64);
            }
        }
        live.callbacks.clear();
        drop(live);
        self.finished.notify_all();
    }
}

pub(super) struct Forwarder {
    pub slot: Arc<Slot>,
    pub debug_rx: mpsc::Receiver<RunEvent>,
    pub msg_rx: mpsc::Receiver<Msg>,
    pub on_event: Box<dyn Fn(RunEvent) + Send>,
    pub answers: asl_eval::Mocks,
}

impl Forwarder {
    pub(super) fn run(self) {
        loop {
            match self.debug_rx.recv_timeout(POLL) {
                Ok(event) => self.debug(event),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                // The session lives in the slot, which this thread holds: not reached.
                Err(mpsc::RecvTimeoutError::Disconnected) => std::thread::sleep(POLL),
            }
            while let Ok(msg) = self.msg_rx.try_recv() {
                while let Ok(event) = self.debug_rx.try_recv() {
                    self.debug(event);
                }
                match msg {
                    Msg::Waiting(task) => self.waiting(task),
                    Msg::Done => {
                        let s = self.slot.live().summary.clone();
                        let (output, error, cause) = (s.output, s.error, s.cause);
                        let status = s.status.as_final().unwrap_or(asl_eval::Status::Aborted);
                        (self.on_event)(RunEvent::Finished { status, output, error, cause });
                        return;
                    }
                }
            }
        }
    }

    fn debug(&self, event: RunEvent) {
        let stopped = self.slot.signals.is_stopped();
        if stopped && matches!(&event, RunEvent::Failed { cause, .. } if cause.contains(STOP_CAUSE)) {
            return;
        }
        // The driver sends its own `finished`, once the record is stored.
        if matches!(event, RunEvent::Finished { .. }) {
            return;
        }
        (self.on_event)(event);
    }

    fn waiting(&self, task: PendingTask) {
        let event = {
            let mut live = self.slot.live();
            // The task's state is the latest one of that name not yet exited.
            // Unfinished states are never on disk.
            let state = live
                .states
                .tail()
                .iter()
                .rev()
                .find(|s| s.record.name == task.state_name && s.record.output.is_none());
            let path = state.map_or_else(|| task.state_name.clone(), |s| s.record.path.clone());
            let pointer = state.and_then(|s| s.pointer.clone()).unwrap_or_default();
            let mut waiting = WaitingCallback::new(&task, path, pointer);
            waiting.mocked_output = super::handler::mock_answer(&self.answers, &task);
            if waiting.mocked_output.is_none() {
                waiting.output_skeleton =
                    super::answer::output_skeleton(&self.slot.doc.to_value(), &waiting.pointer);
            }
            live.callbacks.push(waiting.clone());
            RunEvent::WaitingForCallback(waiting)
        };
        (self.on_event)(event);
    }
}
