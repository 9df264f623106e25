//! Run mode (design §4): executions of the open document on this machine, driven by the
//! debugger, and the tests next to it.
//!
//! A run executes the document's *current* text (unsaved edits included) and only reads:
//! neither the document nor its file is ever written. Each run has a thread of its own
//! with its own tokio runtime, because the interpreter's JSONata values are not `Send`:
//! evaluation stays on that runtime, and the rest of the app talks to it through
//! [`Runs`] (debugger commands, breakpoints, edits at a pause, callback answers, Stop) and
//! hears from it through [`RunEvent`]s handed to a callback the shell supplies.
//!
//! ```no_run
//! use asl_session::run::{DebugCommand, RunConfig, RunEvent, Runs};
//! # let session: asl_session::Session = todo!();
//! let runs = Runs::default();
//! let config: RunConfig = serde_json::from_value(serde_json::json!({
//!     "input": {"orderId": "7"}, "mocks": {"kind": "file", "file": "mocks.json"},
//!     "breakpoints": [{"pointer": "/States/ChargeCard", "place": "beforeEnter"}]})).unwrap();
//! let summary = runs.start(&session, config, move |event| {
//!     if let RunEvent::Paused(point) = &event { println!("paused at {}", point.pointer) }
//! }).unwrap();
//! runs.command(summary.id, DebugCommand::StepOver).unwrap();
//! runs.stop(summary.id).unwrap();
//! ```

mod answer;
mod attached;
mod choice_preview;
mod config;
mod coverage;
mod driver;
mod event;
mod feed;
mod feed_paths;
mod handler;
mod history_index;
mod iterations;
mod live_hook;
mod live_sink;
mod pages;
mod paths;
mod record;
mod registry;
mod rerun;
mod sources;
mod spool;
mod state_keys;
mod suite;
mod tally;

pub use attached::{Outside, Watch};
pub use feed::{HistoryFeed, StopSignal};
pub use choice_preview::{evaluate as choice_decision, ChoicePreview, RuleAnswer};
pub use config::{
    BreakpointPlace, BreakpointSpec, CallbackOutcome, ClockChoice, DebugCommand, ExecutionTypeChoice,
    MockChoice, RunConfig,
};
pub use coverage::{ChoiceRuleCoverage, Coverage, HandlerCoverage, RuleRef, StateCoverage};
pub use event::{
    CallbackAnswer, ErrorDetails, HistoryEvent, Inspection, PauseReason, Paused, Place, RunEvent,
    StateRecord, Status, WaitingCallback,
};
pub use history_index::HistoryIndex;
pub use iterations::{map_iterations, IterationStatus, IterationsQuery, MapIteration, MapIterations};
pub use pages::{
    history_page, state_executions, ExecutionsQuery, Extent, HistoryPage, HistoryQuery, HistoryRow,
    StateExecutions, INLINE_LIMIT, MAX_PAGE,
};
pub use paths::in_child_execution;
pub use record::{ExecutionHistory, RunRecord, RunState, RunStatus, RunSummary};
pub use registry::{RunId, Runs};
pub use rerun::RerunFrom;
pub use sources::{sources, MockFileInfo, MockMachine, RunSources, TestFileInfo};
pub use suite::{run_tests, CaseResult, FileError, TestReport, TestTarget};
pub use tally::{StateTally, TallyStatus};

/// Why a run command could not be done. [`RunError::code`] is what crosses IPC.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("there is no run {0} in this session")]
    NoSuchRun(u64),
    #[error("the document cannot run: {0}")]
    Invalid(String),
    #[error("mocks: {0}")]
    Mocks(String),
    #[error("run configuration: {0}")]
    Config(String),
    #[error("run {0} is not paused")]
    NotPaused(u64),
    #[error("run {0} has finished")]
    Finished(u64),
    #[error("the command {command} does not apply to run {run} now")]
    NotApplied { run: u64, command: &'static str },
    #[error("{0}")]
    Callback(#[from] asl_eval::CallbackError),
    #[error("cannot start the run: {0}")]
    Start(#[from] std::io::Error),
}

impl RunError {
    /// A short kebab-case code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            RunError::NoSuchRun(_) => "no-such-run",
            RunError::Invalid(_) => "invalid-definition",
            RunError::Mocks(_) => "bad-mocks",
            RunError::Config(_) => "bad-run-config",
            RunError::NotPaused(_) => "not-paused",
            RunError::Finished(_) => "run-finished",
            RunError::NotApplied { .. } => "not-applied",
            RunError::Callback(asl_eval::CallbackError::TaskDoesNotExist(_)) => "task-does-not-exist",
            RunError::Callback(asl_eval::CallbackError::InvalidOutput(_)) => "invalid-output",
            RunError::Start(_) => "run-start",
        }
    }
}

impl From<RunError> for crate::SessionError {
    fn from(e: RunError) -> Self {
        crate::SessionError::new(e.code(), e.to_string())
    }
}
