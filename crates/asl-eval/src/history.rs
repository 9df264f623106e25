//! The execution history, shaped as AWS's GetExecutionHistory: event `type`s, `id`s from
//! 1, `previousEventId` chains and `*EventDetails` objects.
//!
//! Each sequence of states (the execution, a Parallel branch, a Map iteration) is a
//! [`Lane`]: its events chain to each other, its first event to the container event that
//! started it. Some events are "passed by" as AWS records them (the chain goes on from the
//! event before): `ExecutionStarted`, `ParallelStateSucceeded`, `MapStateSucceeded`,
//! `MapIterationFailed` and the `*Aborted` events.

use crate::clock::Timeline;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// AWS fails a Standard execution whose history would exceed this many events.
pub const STANDARD_HISTORY_LIMIT: u64 = 25_000;

/// One event of an execution's history, as GetExecutionHistory returns it.
// The wire shape is the map `Serialize` below writes: one `<kind>EventDetails` member.
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(
        type = "{ timestamp: string, type: string, id: number, previousEventId: number, [details: string]: JsonValue }"
    )
)]
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEvent {
    /// 1 for `ExecutionStarted`, then one more per event.
    pub id: u64,
    /// The event before it in the same branch or iteration (AWS's `previousEventId`).
    pub previous_event_id: u64,
    /// RFC 3339 with milliseconds.
    pub timestamp: String,
    /// `ExecutionStarted`, `PassStateEntered`, `TaskScheduled`, ...
    pub kind: &'static str,
    /// The `*EventDetails` member: its key and value.
    pub details: Option<(&'static str, Value)>,
}

impl Serialize for HistoryEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("timestamp", &self.timestamp)?;
        map.serialize_entry("type", self.kind)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("previousEventId", &self.previous_event_id)?;
        if let Some((key, value)) = &self.details {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Where one sequence of states stands: its last history event and its time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lane {
    /// The id of its last event.
    pub last_event: u64,
    /// Its time.
    pub timeline: Timeline,
}

/// The events recorded so far. Ids are counted even when events are not kept (express
/// runs, benchmarks), because error causes name them ("entered at the event id #2").
#[derive(Debug)]
pub(crate) struct History {
    pub events: Vec<HistoryEvent>,
    keep: bool,
    /// The events go to a sink as they are made: only the latest is held (for the hook).
    stream: bool,
    next_id: u64,
    limit: Option<u64>,
    /// Set when an event was refused because the limit was reached.
    pub overflowed: bool,
}

impl History {
    pub fn new(keep: bool, limit: Option<u64>) -> History {
        History { events: Vec::new(), keep, stream: false, next_id: 1, limit, overflowed: false }
    }

    /// Holds only the latest event (the engine hands each to a sink as it is made).
    pub fn streamed(mut self, stream: bool) -> History {
        self.stream = stream;
        self
    }

    /// The kept events (none when streamed).
    pub fn take(&mut self) -> Vec<HistoryEvent> {
        let events = std::mem::take(&mut self.events);
        if self.stream {
            Vec::new()
        } else {
            events
        }
    }

    /// Appends an event after `previous`; returns its id (0 when the history limit
    /// refused it) and whether it was kept. `details` and `timestamp` run only for kept
    /// events.
    pub fn push(
        &mut self,
        previous: u64,
        timestamp: impl FnOnce() -> String,
        kind: &'static str,
        details: impl FnOnce() -> Option<(&'static str, Value)>,
    ) -> (u64, bool) {
        let terminal = matches!(
            kind,
            "ExecutionSucceeded" | "ExecutionFailed" | "ExecutionTimedOut" | "ExecutionAborted"
        );
        if let Some(limit) = self.limit {
            // The last allowed event must end the execution.
            if !terminal && self.next_id >= limit {
                self.overflowed = true;
                return (0, false);
            }
        }
        let id = self.next_id;
        self.next_id += 1;
        if self.keep {
            if self.stream {
                self.events.clear();
            }
            self.events.push(HistoryEvent {
                id,
                previous_event_id: previous,
                timestamp: timestamp(),
                kind,
                details: details(),
            });
        }
        (id, self.keep)
    }

    pub fn count(&self) -> u64 {
        self.next_id - 1
    }
}

/// `StateEntered`/`StateExited` event types per state type.
pub fn entered_kind(type_name: &str) -> &'static str {
    match type_name {
        "Pass" => "PassStateEntered",
        "Task" => "TaskStateEntered",
        "Choice" => "ChoiceStateEntered",
        "Wait" => "WaitStateEntered",
        "Succeed" => "SucceedStateEntered",
        "Fail" => "FailStateEntered",
        "Parallel" => "ParallelStateEntered",
        "Map" => "MapStateEntered",
        _ => "StateEntered",
    }
}

/// The `*StateExited` event type of a state type.
pub fn exited_kind(type_name: &str) -> &'static str {
    match type_name {
        "Pass" => "PassStateExited",
        "Task" => "TaskStateExited",
        "Choice" => "ChoiceStateExited",
        "Wait" => "WaitStateExited",
        "Succeed" => "SucceedStateExited",
        "Parallel" => "ParallelStateExited",
        "Map" => "MapStateExited",
        _ => "StateExited",
    }
}

/// The `*StateAborted` event type of a state type.
pub fn aborted_kind(type_name: &str) -> &'static str {
    match type_name {
        "Pass" => "PassStateAborted",
        "Task" => "TaskStateAborted",
        "Wait" => "WaitStateAborted",
        "Parallel" => "ParallelStateAborted",
        "Map" => "MapStateAborted",
        _ => "StateAborted",
    }
}

/// A payload as history events carry it: JSON text plus `*Details {truncated}`.
pub fn payload(v: &Value) -> String {
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_chain() {
        let mut h = History::new(true, None);
        let (_, kept) = h.push(0, String::new, "ExecutionStarted", || None);
        assert!(kept);
        let (entered, _) = h.push(0, String::new, "MapStateEntered", || None);
        h.push(entered, String::new, "MapStateStarted", || None);
        assert_eq!(h.events[2].previous_event_id, entered);
        assert_eq!(h.count(), 3);
    }

    #[test]
    fn the_last_allowed_event_must_end_the_execution() {
        let mut h = History::new(false, Some(3));
        assert_eq!(h.push(0, String::new, "ExecutionStarted", || None), (1, false));
        assert_eq!(h.push(0, String::new, "PassStateEntered", || None).0, 2);
        assert_eq!(h.push(2, String::new, "PassStateExited", || None).0, 0);
        assert!(h.overflowed);
        assert_eq!(h.push(2, String::new, "ExecutionFailed", || None).0, 3);
    }
}
