//! The execution engine: runs a state machine from its input to an [`Outcome`], as AWS
//! Step Functions would, recording history events and per-state records on the way.
//!
//! The run loop ([`run`]) walks one scope (the machine, a Parallel branch, a Map
//! iteration); each state type has its module; Retry and Catch wrap the states that
//! support them ([`retry`]); Parallel branches and Map iterations run concurrently through
//! a deterministic scheduler ([`join`]).

mod context;
mod distributed;
mod execution;
mod flow;
mod hook;
mod index;
pub(crate) mod io;
mod items;
pub(crate) mod join;
mod jsonata_flow;
mod jsonata_map;
mod map;
mod numbers;
mod options;
mod parallel;
mod records;
mod request_check;
mod result_writer;
mod retry;
mod run;
mod task;
pub mod test_state;
mod timers;
mod variables;

pub use distributed::PROGRESS_EVERY;
pub use hook::{CatchPoint, FailurePoint, Hook, MapRunProgress, Resume, RetryPoint, StatePoint};
pub use options::{ExecutionType, Options, StartAt, MAX_TRANSITIONS};
pub use records::RecordSink;

use crate::handler::TaskHandler;
use crate::history::{History, Lane, STANDARD_HISTORY_LIMIT};
use crate::record::{Outcome, Status};
use crate::RuntimeError;
use asl_model::model::StateMachine;
use asl_model::Document;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Starts executions. See the crate documentation for an example.
pub struct Execution;

impl Execution {
    /// Runs `doc` with `input` to its end. Tasks go to `handler` (mocks, ...). The
    /// document should be valid (`asl_check::check`); an invalid one fails at run time
    /// where AWS would have refused it.
    pub async fn start(
        doc: &Document,
        input: Value,
        handler: &dyn TaskHandler,
        options: &Options,
    ) -> Outcome {
        Self::start_machine(doc.machine(), Some(doc), input, handler, options).await
    }

    /// [`Execution::start`] on a machine without its document.
    pub async fn start_machine(
        machine: &StateMachine,
        doc: Option<&Document>,
        input: Value,
        handler: &dyn TaskHandler,
        options: &Options,
    ) -> Outcome {
        let engine = Engine::new(machine, doc, input, handler, options);
        let outcome = if options.clock.is_virtual() {
            engine.timers.drive(engine.run_execution(machine)).await
        } else {
            engine.run_execution(machine).await
        };
        if let Some(hook) = &options.hook {
            hook.finished(&outcome);
        }
        outcome
    }

    /// [`Execution::start`] on a runtime of its own, for callers that are not async. With
    /// the virtual clock tokio's time is paused, so a callback's heartbeat or timeout fires
    /// as soon as nothing else can progress; the real clock gets tokio's real timer.
    pub fn run(doc: &Document, input: Value, handler: &dyn TaskHandler, options: &Options) -> Outcome {
        let mut builder = tokio::runtime::Builder::new_current_thread();
        builder.enable_time();
        if options.clock.is_virtual() {
            builder.start_paused(true);
        }
        match builder.build() {
            Ok(rt) => rt.block_on(Self::start(doc, input, handler, options)),
            Err(e) => Outcome {
                status: Status::Failed,
                output: None,
                error: Some("States.Runtime".into()),
                cause: Some(format!("cannot start the runtime: {e}")),
                states: Vec::new(),
                history: Vec::new(),
                transitions: 0,
                events: 0,
            },
        }
    }
}

/// How a state's processing failed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Failure {
    pub error: RuntimeError,
    pub kind: FailureKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FailureKind {
    /// Retry and Catch may handle it.
    Catchable,
    /// Ends the execution (`States.Runtime`, limits, unhandled tasks): nothing catches it.
    Terminal,
    /// The execution's own TimeoutSeconds passed.
    TimedOut,
    /// The debugger stopped the execution: nothing catches it.
    Aborted,
}

impl Failure {
    pub fn catchable(error: RuntimeError) -> Failure {
        Failure { error, kind: FailureKind::Catchable }
    }

    pub fn terminal(error: RuntimeError) -> Failure {
        Failure { error, kind: FailureKind::Terminal }
    }

    /// The debugger's Stop.
    pub fn aborted() -> Failure {
        Failure { error: RuntimeError::new("", ""), kind: FailureKind::Aborted }
    }

    /// An error from processing a state: `States.Runtime` ends the execution (AWS never
    /// lets Retry or Catch see it), anything else may be handled.
    pub fn from_processing(error: RuntimeError) -> Failure {
        if error.error == "States.Runtime" {
            Failure::terminal(error)
        } else {
            Failure::catchable(error)
        }
    }
}

/// One sequence of states being run: its place in the history and time, its variables
/// and its path (for records and the debugger).
#[derive(Clone, Debug)]
pub(crate) struct Frame {
    pub lane: Lane,
    pub variables: Map<String, Value>,
    /// `""` at the top, `"Parallel/1/"`, `"Map/3/"` inside containers.
    pub path: String,
    pub depth: usize,
}

pub(crate) struct Engine<'a> {
    pub options: &'a Options,
    pub handler: &'a dyn TaskHandler,
    pub index: index::Index<'a>,
    pub history: Mutex<History>,
    pub records: Mutex<records::Records>,
    pub transitions: AtomicU64,
    pub start: DateTime<Utc>,
    /// `$$.Execution` and `$$.StateMachine`, built once.
    pub context: context::ExecutionContext,
    pub input: Value,
    pub rng: Mutex<u64>,
    /// Where this execution's states run in what the hook watches: `("", 0)` for an
    /// execution; `("Map/3/", depth)` for child 3 of a Distributed Map, so its states
    /// reach the hook as an inline Map's iterations do (`Map/3/State`).
    pub origin: (String, usize),
    /// Virtual time's scheduler (shared with Distributed Map children).
    pub timers: std::sync::Arc<timers::VirtualTimers>,
    /// Where this execution's time zero lies on `timers` (a Distributed Map child's).
    pub time_offset: Duration,
}

impl<'a> Engine<'a> {
    fn new(
        machine: &'a StateMachine,
        doc: Option<&Document>,
        input: Value,
        handler: &'a dyn TaskHandler,
        options: &'a Options,
    ) -> Engine<'a> {
        let start = options.start_time.unwrap_or_else(|| DateTime::<Utc>::from(std::time::SystemTime::now()));
        let keep_history = options.record_history;
        let limit = match options.execution_type {
            ExecutionType::Standard => Some(STANDARD_HISTORY_LIMIT),
            ExecutionType::Express => None,
        };
        let context = context::ExecutionContext::new(options, &input, start);
        Engine {
            options,
            handler,
            index: index::Index::new(machine, doc),
            history: Mutex::new(History::new(keep_history, limit).streamed(options.sink.is_some())),
            records: Mutex::new(records::Records::new(options.sink.clone())),
            transitions: AtomicU64::new(0),
            start,
            context,
            input,
            rng: Mutex::new(
                options.seed.unwrap_or_else(|| start.timestamp_nanos_opt().unwrap_or(1) as u64) | 1,
            ),
            origin: (String::new(), 0),
            timers: Default::default(),
            time_offset: Duration::ZERO,
        }
    }

    pub fn now(&self, lane: &Lane) -> DateTime<Utc> {
        self.options.clock.now(self.start, &lane.timeline)
    }

    /// Lets `duration` pass on the lane: on the virtual clock through the execution's
    /// scheduler (siblings go first), else on the clock itself.
    pub async fn sleep(&self, lane: &mut Lane, duration: Duration) {
        if self.options.clock.is_virtual() {
            self.timers.sleep(&mut lane.timeline, duration, self.time_offset).await
        } else {
            self.options.clock.sleep(&mut lane.timeline, duration).await
        }
    }

    /// The timeline a branch or iteration starts on now: its parent's, or later when it
    /// starts after siblings finished (a Map's MaxConcurrency).
    pub fn started_lane(&self, parent: &Lane) -> Lane {
        let mut lane = *parent;
        if self.options.clock.is_virtual() {
            lane.timeline.elapsed =
                lane.timeline.elapsed.max(self.timers.now().saturating_sub(self.time_offset));
        }
        lane
    }

    pub fn timestamp(&self, lane: &Lane) -> String {
        self.now(lane).to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    /// Records a history event on `frame`'s lane; returns its id. `details` runs only
    /// when the history is kept (building payload texts is most of an event's cost).
    pub fn event(
        &self,
        frame: &mut Frame,
        kind: &'static str,
        details: impl FnOnce() -> Option<(&'static str, Value)>,
    ) -> u64 {
        self.event_on(&mut frame.lane, kind, details, true)
    }

    pub fn event_on(
        &self,
        lane: &mut Lane,
        kind: &'static str,
        details: impl FnOnce() -> Option<(&'static str, Value)>,
        chained: bool,
    ) -> u64 {
        let timestamp = || self.timestamp(lane);
        let mut history = self.history.lock().unwrap_or_else(|e| e.into_inner());
        let (id, kept) = history.push(lane.last_event, timestamp, kind, details);
        // Told under the lock, so the sink and the hook hear the events in id order.
        if let (true, Some(event)) = (kept, history.events.last()) {
            if let Some(sink) = &self.options.sink {
                sink.history_event(event);
            }
            if let Some(hook) = &self.options.hook {
                hook.history_event(event);
            }
        }
        drop(history);
        if chained && id != 0 {
            lane.last_event = id;
        }
        id
    }

    /// A number in [0, 1) for retry jitter (xorshift: reproducible with `Options::seed`).
    pub fn random(&self) -> f64 {
        let mut s = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        let mut x = *s;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *s = x;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Counts a state transition; fails when a limit is reached.
    pub fn count_transition(&self, frame: &Frame) -> Result<(), Failure> {
        let n = self.transitions.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(max) = self.options.max_transitions {
            if n > max {
                return Err(Failure::terminal(RuntimeError::runtime(format!(
                    "The execution exceeded the limit of {max} state transitions (--max-transitions); a loop in the state machine may never end."
                ))));
            }
        }
        if let Some(timeout) = self.index.timeout {
            if frame.lane.timeline.elapsed > timeout {
                return Err(Failure {
                    error: RuntimeError::new("States.Timeout", String::new()),
                    kind: FailureKind::TimedOut,
                });
            }
        }
        Ok(())
    }

    /// `Parent/Container/3/`: where a branch's or iteration's states run (empty when no
    /// record or hook needs it).
    pub fn child_path(&self, parent: &str, container: &str, index: usize) -> String {
        if self.options.record_states || self.options.hook.is_some() {
            format!("{parent}{container}/{index}/")
        } else {
            String::new()
        }
    }

    pub fn history_overflowed(&self) -> bool {
        self.history.lock().map(|h| h.overflowed).unwrap_or(false)
    }
}

pub(crate) fn history_limit() -> Failure {
    Failure::terminal(RuntimeError::runtime(format!(
        "The execution reached the maximum number of history events ({STANDARD_HISTORY_LIMIT})."
    )))
}
