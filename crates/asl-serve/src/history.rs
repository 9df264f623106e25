//! An execution's history, kept compactly: each event is serialized once, as
//! GetExecutionHistory sends it (dates as epoch seconds), into one growing text with the
//! end offset of every event. A page of history is slices of that text; nothing is
//! re-serialized unless `includeExecutionData` asks for payloads to be left out.

use crate::compat::Compat;
use asl_eval::history::HistoryEvent;
use asl_eval::{RecordSink, StateRecord};
use serde_json::Value;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

/// The events of one execution, in id order.
#[derive(Debug, Default)]
pub struct HistoryLog {
    text: String,
    ends: Vec<usize>,
    last_id: u64,
    last_millis: i64,
    /// Set once the execution was stopped: events the engine still makes are dropped.
    closed: bool,
}

impl HistoryLog {
    /// Appends one event (its RFC 3339 timestamp turned into epoch seconds).
    pub fn push(&mut self, event: &HistoryEvent) {
        let millis = chrono::DateTime::parse_from_rfc3339(&event.timestamp)
            .map(|d| d.timestamp_millis())
            .unwrap_or_default();
        self.push_raw(event.id, event.previous_event_id, millis, event.kind, event.details.as_ref());
    }

    /// Appends an event the server makes itself (`ExecutionAborted` after StopExecution).
    pub fn push_raw(
        &mut self,
        id: u64,
        previous: u64,
        millis: i64,
        kind: &str,
        details: Option<&(&str, Value)>,
    ) {
        if self.closed {
            return;
        }
        let _ = write!(
            self.text,
            r#"{{"timestamp":{},"type":"{kind}","id":{id},"previousEventId":{previous}"#,
            millis as f64 / 1000.0
        );
        if let Some((key, value)) = details {
            let _ = write!(self.text, r#","{key}":{value}"#);
        }
        self.text.push('}');
        self.ends.push(self.text.len());
        self.last_id = id;
        self.last_millis = millis;
    }

    /// No event after this one (StopExecution's `ExecutionAborted`).
    pub fn close(&mut self) {
        self.closed = true;
    }

    /// The time of the last event, epoch milliseconds (0 when there is none).
    pub fn last_millis(&self) -> i64 {
        self.last_millis
    }

    /// How many events there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True before the first event.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The id of the last event (0 when there is none).
    pub fn last_id(&self) -> u64 {
        self.last_id
    }

    /// Event `i` (from 0) as JSON text.
    pub fn event(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// Event `i` as JSON, its payloads left out unless `with_data` (AWS's
    /// `includeExecutionData: false` drops every `input` and `output`).
    pub fn event_value(&self, i: usize, with_data: bool) -> Value {
        let mut event: Value = serde_json::from_str(self.event(i)).unwrap_or(Value::Null);
        if !with_data {
            if let Some(map) = event.as_object_mut() {
                for details in map.values_mut().filter_map(Value::as_object_mut) {
                    for key in ["input", "output", "inputDetails", "outputDetails"] {
                        details.remove(key);
                    }
                }
            }
        }
        event
    }

    /// The events, one JSON text a line (how `--data-dir` keeps them; compact JSON has no
    /// raw newline).
    pub fn to_lines(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + self.ends.len());
        for i in 0..self.ends.len() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(self.event(i));
        }
        out
    }

    /// The log [`HistoryLog::to_lines`] wrote.
    pub fn from_lines(lines: &str) -> HistoryLog {
        let mut log = HistoryLog::default();
        for line in lines.lines().filter(|l| !l.is_empty()) {
            log.text.push_str(line);
            log.ends.push(log.text.len());
        }
        if let Some(last) =
            log.ends.len().checked_sub(1).and_then(|i| serde_json::from_str::<Value>(log.event(i)).ok())
        {
            log.last_id = last["id"].as_u64().unwrap_or_default();
            log.last_millis = last["timestamp"].as_f64().map_or(0, |t| (t * 1000.0).round() as i64);
        }
        log
    }

    /// Bytes held (for memory figures).
    pub fn size(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * std::mem::size_of::<usize>()
    }
}

/// The engine's events go straight into a shared [`HistoryLog`] (no state records),
/// shaped as the server's [`Compat`] says.
pub struct HistorySink(pub Arc<Mutex<HistoryLog>>, pub Compat);

impl RecordSink for HistorySink {
    fn state(&self, _record: StateRecord) {}

    fn history_event(&self, event: &HistoryEvent) {
        let shaped = event.details.as_ref().and_then(|d| crate::compat::shaped(self.1, d));
        let mut log = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match shaped {
            None => log.push(event),
            Some(details) => log.push(&HistoryEvent { details: Some(details), ..event.clone() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn events_come_back_as_the_api_sends_them() {
        let mut log = HistoryLog::default();
        log.push(&HistoryEvent {
            id: 1,
            previous_event_id: 0,
            timestamp: "2024-01-02T03:04:05.678Z".into(),
            kind: "ExecutionStarted",
            details: Some(("executionStartedEventDetails", json!({"input": "{}", "roleArn": "r"}))),
        });
        log.push_raw(2, 1, 1_704_164_646_000, "ExecutionAborted", None);
        assert_eq!(log.len(), 2);
        let first = log.event_value(0, true);
        assert_eq!(first["timestamp"], json!(1_704_164_645.678));
        assert_eq!(first["executionStartedEventDetails"]["input"], "{}");
        assert!(log.event_value(0, false)["executionStartedEventDetails"].get("input").is_none());
        assert_eq!(
            log.event_value(1, true),
            json!({"timestamp": 1_704_164_646, "type": "ExecutionAborted", "id": 2, "previousEventId": 1})
        );
        assert_eq!(log.last_id(), 2);
    }
}
