//! What the app keeps of a run: its summary for the execution list and its full record
//! (per-state inspection, the AWS-shaped history, the outcome).

use super::event::{Paused, WaitingCallback};
use super::pages::Extent;
use super::paths::state_at;
use asl_eval::history::HistoryEvent;
use asl_eval::{Outcome, StateRecord, Status};
use asl_model::model::StateMachine;
use serde::Serialize;
use serde_json::Value;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RunStatus {
    Running,
    Paused,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}

impl RunStatus {
    pub fn is_finished(self) -> bool {
        !matches!(self, RunStatus::Running | RunStatus::Paused)
    }
}

impl RunStatus {
    /// The engine's status of a finished run (`None` while it runs or is paused).
    pub fn as_final(self) -> Option<Status> {
        match self {
            RunStatus::Running | RunStatus::Paused => None,
            RunStatus::Succeeded => Some(Status::Succeeded),
            RunStatus::Failed => Some(Status::Failed),
            RunStatus::TimedOut => Some(Status::TimedOut),
            RunStatus::Aborted => Some(Status::Aborted),
        }
    }
}

impl From<Status> for RunStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Succeeded => RunStatus::Succeeded,
            Status::Failed => RunStatus::Failed,
            Status::TimedOut => RunStatus::TimedOut,
            Status::Aborted => RunStatus::Aborted,
        }
    }
}

/// One run in the execution list.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunSummary {
    pub id: u64,
    /// The machine's file (none for a document never saved).
    pub machine_path: Option<String>,
    /// The document's title when the run started.
    pub title: String,
    /// Wall-clock times, RFC 3339.
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: RunStatus,
    pub input: Value,
    pub output: Option<Value>,
    pub error: Option<String>,
    pub cause: Option<String>,
    /// `virtual` or `real`.
    pub clock: super::ClockChoice,
    /// States entered (known once finished).
    pub transitions: Option<u64>,
}

/// One state entered, with where it sits in the document the run executed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunState {
    #[serde(flatten)]
    pub record: StateRecord,
    /// The state's JSON pointer in the text that ran (`/States/P/Branches/1/States/A`).
    pub pointer: Option<String>,
    /// The state of its branch/iteration it was entered from (its pointer); none for the
    /// first state of a scope.
    pub from: Option<String>,
    /// It ended its scope (End, Succeed): no state of its branch/iteration followed.
    pub ends: bool,
    /// How it failed, when it did (before Retry and Catch decided what followed).
    pub error: Option<String>,
    pub cause: Option<String>,
    /// When it was entered and left (or failed), epoch ms on the execution's clock: what
    /// times a Distributed Map's child executions, which keep no history. Not sent: the
    /// UI reads durations from the history and the Map run viewer's rows.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub entered_at: Option<i64>,
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub left_at: Option<i64>,
}

impl RunState {
    pub(crate) fn new(record: StateRecord, machine: &StateMachine) -> RunState {
        let pointer = state_at(machine, &record.path).map(|s| s.pointer.clone());
        RunState {
            record,
            pointer,
            from: None,
            ends: false,
            error: None,
            cause: None,
            entered_at: None,
            left_at: None,
        }
    }
}

/// The history in the shape of GetExecutionHistory's response.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ExecutionHistory {
    pub events: Vec<HistoryEvent>,
}

/// Everything about one run: while it runs, the states seen so far, the pending point and
/// the waiting callbacks; once finished, the engine's records and history. A big run's
/// states and history are left out (see [`Extent`]) and read in pages.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunRecord {
    #[serde(flatten)]
    pub summary: RunSummary,
    pub states: Vec<RunState>,
    pub history: ExecutionHistory,
    /// The state each history event belongs to ("" for the execution's own), in order.
    pub history_states: Vec<String>,
    /// How many states and events there are, and whether the two above are left out.
    #[serde(flatten)]
    pub extent: Extent,
    /// A paged record's canvas colours: per state its executions and latest status, and
    /// the transitions taken (`from>to`, `^to`, `from>$`); empty when `states` are here.
    pub tally: Vec<super::tally::StateTally>,
    pub taken: Vec<String>,
    pub pending: Option<Paused>,
    pub callbacks: Vec<WaitingCallback>,
}

impl RunSummary {
    /// A run starting now.
    pub(crate) fn started(
        id: u64,
        path: Option<&std::path::Path>,
        title: String,
        input: Value,
        clock: super::ClockChoice,
    ) -> RunSummary {
        RunSummary {
            id,
            machine_path: path.map(|p| p.display().to_string()),
            title,
            started_at: now(),
            finished_at: None,
            status: RunStatus::Running,
            input,
            output: None,
            error: None,
            cause: None,
            clock,
            transitions: None,
        }
    }

    /// Fills in the end of the run.
    pub(crate) fn finish(&mut self, outcome: &Outcome) {
        self.status = outcome.status.into();
        self.output = outcome.output.clone();
        self.error = outcome.error.clone();
        self.cause = outcome.cause.clone();
        self.transitions = Some(outcome.transitions);
        self.finished_at = Some(now());
    }
}

/// The wall-clock time now, RFC 3339 with milliseconds.
pub(crate) fn now() -> String {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
