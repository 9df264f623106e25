//! How an execution runs: its type, clock, limits, names and what it records.

use super::hook::Hook;
use super::records::RecordSink;
use crate::clock::{Clock, VirtualClock};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::sync::Arc;

/// The workflow type the machine runs as (AWS's `type` of a state machine).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExecutionType {
    /// History kept, limited to 25,000 events.
    #[default]
    Standard,
    /// No history limit (AWS keeps no history for express executions).
    Express,
}

/// How one execution runs; `Options::default()` is a Standard execution on the virtual
/// clock with records and history kept.
#[derive(Clone)]
pub struct Options {
    /// Standard (history limited to 25,000 events) or Express.
    pub execution_type: ExecutionType,
    /// Virtual (the default) or real time.
    pub clock: Arc<dyn Clock>,
    /// Ends a runaway loop with a clear error after this many state transitions.
    pub max_transitions: Option<u64>,
    /// Keep per-state records (input, output, inspection stages).
    pub record_states: bool,
    /// Keep the history events (ids are counted either way).
    pub record_history: bool,
    /// Hand the records and events that `record_states` and `record_history` ask for to
    /// this sink as they are finished instead of keeping them: `Outcome::states` and
    /// `Outcome::history` stay empty and memory does not grow with the run.
    pub sink: Option<Arc<dyn RecordSink>>,
    /// The execution's name in its ARN and the context object (`$$.Execution.Name`).
    pub execution_name: String,
    /// The state machine's name in ARNs and the context object (`$$.StateMachine.Name`).
    pub state_machine_name: String,
    /// The AWS Region written into ARNs.
    pub region: String,
    /// The AWS account id written into ARNs.
    pub account: String,
    /// The execution role's ARN (`$$.StateMachine.RoleArn`).
    pub role_arn: String,
    /// The execution's start time (default: now).
    pub start_time: Option<DateTime<Utc>>,
    /// Seeds retry jitter and task tokens, for reproducible runs.
    pub seed: Option<u64>,
    /// Called before entering and after leaving each state (the debugger).
    pub hook: Option<Arc<dyn Hook>>,
    /// Local folders for S3 buckets (Distributed Map `ItemReader`/`ResultWriter`).
    pub s3: crate::s3::S3Folders,
    /// Begin at this top-level state instead of `StartAt` (re-running a recorded state).
    pub start_at: Option<StartAt>,
}

/// Where a re-run begins: a top-level state and the variables it saw when it ran. The
/// execution input is the input the state received, so the run goes on as the recorded
/// one did from that state (with the same mocks).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StartAt {
    /// The top-level state's name.
    pub state: String,
    /// The variables it saw when it was entered.
    pub variables: Map<String, Value>,
}

/// The default runaway guard: far past any real loop, reached in seconds by a runaway one.
pub const MAX_TRANSITIONS: u64 = 10_000_000;

impl Default for Options {
    fn default() -> Self {
        Options {
            execution_type: ExecutionType::Standard,
            clock: Arc::new(VirtualClock),
            // AWS sets no such limit on Express runs; ours only ends runaway loops. Long
            // loops (1,000,003 transitions in the W2-500,000 benchmark) are legitimate,
            // and records of any length stay bounded in memory (sinks, app spill files).
            max_transitions: Some(MAX_TRANSITIONS),
            record_states: true,
            record_history: true,
            sink: None,
            execution_name: String::new(),
            state_machine_name: "StateMachine".into(),
            region: "us-east-1".into(),
            account: "123456789012".into(),
            role_arn: String::new(),
            start_time: None,
            seed: None,
            hook: None,
            s3: crate::s3::S3Folders::default(),
            start_at: None,
        }
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("execution_type", &self.execution_type)
            .field("virtual_clock", &self.clock.is_virtual())
            .field("max_transitions", &self.max_transitions)
            .field("record_states", &self.record_states)
            .field("record_history", &self.record_history)
            .field("sink", &self.sink.is_some())
            .field("execution_name", &self.execution_name)
            .field("state_machine_name", &self.state_machine_name)
            .field("start_at", &self.start_at.as_ref().map(|s| &s.state))
            .finish_non_exhaustive()
    }
}
