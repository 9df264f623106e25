//! What a run tells the UI while it goes, in order: the debugger's events plus what only
//! the run driver knows (callbacks waiting and answered, resumes, the end with the record
//! stored).

use super::record::{RunStatus, WaitingCallback};
use asl_eval::debug::{DebugEvent, PauseReason, Paused, Place};
use asl_eval::Inspection;
use serde::Serialize;
use serde_json::{Map, Value};

/// The point a paused run waits at: what the user may read and edit.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingPoint {
    pub path: String,
    pub place: Place,
    pub reason: PauseReason,
    /// Container depth (0 at the top).
    pub depth: usize,
    /// Before entering: the input about to be processed; after exit: the state's input.
    pub input: Value,
    /// After exit: the output about to go to the next state.
    pub output: Option<Value>,
    pub variables: Map<String, Value>,
}

impl From<Paused> for PendingPoint {
    fn from(p: Paused) -> Self {
        PendingPoint {
            path: p.path,
            place: p.place,
            reason: p.reason,
            depth: p.depth,
            input: p.input,
            output: p.output,
            variables: p.variables,
        }
    }
}

/// One event of a run. Serialized with an `event` tag and camelCase fields.
// Each event is built once and moved to the shell; boxing the large variants would only
// add an allocation per event.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum RunEvent {
    StateEntered {
        path: String,
        state_type: &'static str,
        input: Value,
    },
    StateExited {
        path: String,
        output: Value,
        inspection: Option<Inspection>,
    },
    Paused(PendingPoint),
    /// A command let the paused run go on.
    Resumed {
        command: &'static str,
    },
    RetryScheduled {
        path: String,
        error: String,
        /// The retry about to run: 1 for the first.
        attempt: u32,
        delay_seconds: f64,
    },
    Caught {
        path: String,
        error: String,
        next: String,
    },
    /// A state failed, before its Retriers and Catchers decide what follows.
    Failed {
        path: String,
        error: String,
        cause: String,
    },
    MapRunProgress {
        path: String,
        map_run_arn: String,
        total: Option<u64>,
        succeeded: u64,
        failed: u64,
        running: u64,
        finished: bool,
    },
    /// A `.waitForTaskToken` task (or an activity) waits for Approve/Reject/Heartbeat.
    WaitingForCallback(WaitingCallback),
    CallbackAnswered {
        token: String,
        /// `success`, `failure` or `heartbeat`.
        kind: &'static str,
    },
    /// The end; the full record is stored when this is sent (`run_get` has it).
    Finished {
        status: RunStatus,
        output: Option<Value>,
        error: Option<String>,
        cause: Option<String>,
    },
}

impl RunEvent {
    /// The run event for a debugger event (`None` for `Finished`, which the driver sends
    /// itself once the record is stored; `Paused` needs the pending point, see
    /// [`RunEvent::Paused`]).
    pub(crate) fn from_debug(event: DebugEvent) -> Option<RunEvent> {
        Some(match event {
            DebugEvent::Entered { path, kind, input } => {
                RunEvent::StateEntered { path, state_type: kind, input }
            }
            DebugEvent::Exited { path, output, inspection } => {
                RunEvent::StateExited { path, output, inspection }
            }
            DebugEvent::Paused { path, place, reason } => RunEvent::Paused(PendingPoint {
                path,
                place,
                reason,
                depth: 0,
                input: Value::Null,
                output: None,
                variables: Map::new(),
            }),
            DebugEvent::RetryScheduled { path, error, attempt, delay_seconds } => {
                RunEvent::RetryScheduled { path, error, attempt, delay_seconds }
            }
            DebugEvent::Caught { path, error, next } => RunEvent::Caught { path, error, next },
            DebugEvent::Failed { path, error, cause } => RunEvent::Failed { path, error, cause },
            DebugEvent::MapRunProgress { path, map_run_arn, total, succeeded, failed, running, finished } => {
                RunEvent::MapRunProgress { path, map_run_arn, total, succeeded, failed, running, finished }
            }
            DebugEvent::Finished { .. } => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn events_serialize_with_a_tag_and_camel_case() {
        let e =
            RunEvent::RetryScheduled { path: "A".into(), error: "E".into(), attempt: 2, delay_seconds: 4.0 };
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"event": "retryScheduled", "path": "A", "error": "E", "attempt": 2, "delaySeconds": 4.0})
        );
        let e = RunEvent::from_debug(DebugEvent::Entered { path: "A".into(), kind: "Pass", input: json!(1) });
        assert_eq!(
            serde_json::to_value(e.unwrap()).unwrap(),
            json!({"event": "stateEntered", "path": "A", "stateType": "Pass", "input": 1})
        );
        let paused = RunEvent::Paused(PendingPoint {
            path: "A".into(),
            place: Place::BeforeEnter,
            reason: PauseReason::Breakpoint,
            depth: 0,
            input: json!({}),
            output: None,
            variables: Map::new(),
        });
        let v = serde_json::to_value(paused).unwrap();
        assert_eq!((v["event"].as_str(), v["place"].as_str()), (Some("paused"), Some("beforeEnter")));
    }
}
