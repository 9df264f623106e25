//! Execution histories in and out of files, as the engine's own [`HistoryEvent`] so the
//! app builds its run views from imported histories as it does from local runs.
//!
//! Read: `{"events": [...]}` (the AWS CLI's `get-execution-history` output, and the
//! console's Export), or a bare array of events; timestamps as the CLI writes them
//! (ISO 8601 text) or as the API sends them (seconds since the epoch, a number).
//! Written: `{"events": [...]}` with timestamps as the AWS CLI writes them
//! (`2024-05-01T10:00:00.123000+00:00`).

use asl_eval::history::HistoryEvent;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};

/// A history file that cannot be read, with where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {position}{message}")]
pub struct HistoryFileError {
    /// The file, as named by the caller.
    pub file: String,
    /// `line L, column C: ` or `events[N]: `, or empty.
    pub position: String,
    /// What is wrong.
    pub message: String,
}

/// Reads a history file's text (`file` names it in errors).
pub fn parse_history(file: &str, text: &str) -> Result<Vec<HistoryEvent>, HistoryFileError> {
    let fail =
        |position: String, message: String| HistoryFileError { file: file.to_owned(), position, message };
    let value: Value = serde_json::from_str(text).map_err(|e| {
        fail(
            format!("line {}, column {}: ", e.line(), e.column()),
            format!("not JSON: {}", strip_position(&e)),
        )
    })?;
    let events = match &value {
        Value::Array(events) => events,
        Value::Object(o) => match o.get("events") {
            Some(Value::Array(events)) => events,
            _ => {
                return Err(fail(
                    String::new(),
                    "not an execution history: expected {\"events\": [...]} (aws stepfunctions get-execution-history) or an array of events".into(),
                ))
            }
        },
        _ => return Err(fail(String::new(), "not an execution history: expected an object or an array".into())),
    };
    if events.is_empty() {
        return Err(fail(String::new(), "the history has no events".into()));
    }
    let mut out = Vec::with_capacity(events.len());
    for (i, event) in events.iter().enumerate() {
        out.push(event_from_json(event).map_err(|m| fail(format!("events[{i}]: "), m))?);
    }
    Ok(out)
}

/// One event from its JSON (file or wire shape).
pub fn event_from_json(event: &Value) -> Result<HistoryEvent, String> {
    let o = event.as_object().ok_or("an event must be an object")?;
    let kind = o.get("type").and_then(Value::as_str).ok_or("the event has no \"type\"")?;
    let kind = intern(kind, aws_sdk_sfn::types::HistoryEventType::values(), |k| {
        k.as_bytes()[0].is_ascii_uppercase()
    })
    .ok_or_else(|| format!("'{kind}' is not an event type"))?;
    let id = o.get("id").and_then(Value::as_u64).ok_or("the event has no numeric \"id\"")?;
    let previous_event_id = match o.get("previousEventId") {
        None | Some(Value::Null) => 0,
        Some(v) => v.as_u64().ok_or("\"previousEventId\" must be a number")?,
    };
    let timestamp = match o.get("timestamp") {
        Some(v) => engine_timestamp(v).ok_or_else(|| format!("\"timestamp\" {v} is not a date"))?,
        None => return Err("the event has no \"timestamp\"".into()),
    };
    let mut details = None;
    for (key, value) in o {
        if let Some(key) = intern(key, DETAIL_KEYS, |k| k.ends_with("EventDetails")) {
            details = Some((key, value.clone()));
        }
    }
    Ok(HistoryEvent { id, previous_event_id, timestamp, kind, details })
}

/// Writes events as `aws stepfunctions get-execution-history` prints them.
pub fn to_cli_json(events: &[HistoryEvent]) -> String {
    let events: Vec<Value> = events
        .iter()
        .map(|e| {
            let mut o = Map::new();
            o.insert("timestamp".into(), Value::String(cli_timestamp(&e.timestamp)));
            o.insert("type".into(), Value::String(e.kind.into()));
            o.insert("id".into(), e.id.into());
            o.insert("previousEventId".into(), e.previous_event_id.into());
            if let Some((key, value)) = &e.details {
                o.insert((*key).into(), value.clone());
            }
            Value::Object(o)
        })
        .collect();
    let mut root = Map::new();
    root.insert("events".into(), Value::Array(events));
    let mut text = serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default();
    text.push('\n');
    text
}

/// The engine's timestamp form (RFC 3339, milliseconds, `Z`) of a file's or the wire's.
fn engine_timestamp(v: &Value) -> Option<String> {
    let at: DateTime<Utc> = match v {
        Value::String(s) => DateTime::parse_from_rfc3339(s).ok()?.with_timezone(&Utc),
        Value::Number(n) => {
            let seconds = n.as_f64()?;
            // The console's exports and some tools write milliseconds.
            let millis = if seconds > 1e11 { seconds } else { seconds * 1000.0 };
            DateTime::from_timestamp_millis(millis.round() as i64)?
        }
        _ => return None,
    };
    Some(at.to_rfc3339_opts(SecondsFormat::Millis, true))
}

/// The AWS CLI's form: microseconds and a `+00:00` offset.
fn cli_timestamp(engine: &str) -> String {
    match DateTime::parse_from_rfc3339(engine) {
        Ok(at) => at.with_timezone(&Utc).format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string(),
        Err(_) => engine.to_owned(),
    }
}

fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// The engine's events name their type and details key with `&'static str`: a file's
/// strings are mapped onto the API's own lists. A name AWS added after this SDK (new
/// event types appear) is kept too, if `plausible`, as a name made static once per
/// distinct name: following a live execution must not break on it.
fn intern(name: &str, known: &'static [&'static str], plausible: fn(&str) -> bool) -> Option<&'static str> {
    if let Some(k) = known.iter().find(|k| **k == name) {
        return Some(k);
    }
    let shaped = !name.is_empty() && name.len() <= 64 && name.bytes().all(|b| b.is_ascii_alphanumeric());
    if !shaped || !plausible(name) {
        return None;
    }
    static EXTRA: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut extra = EXTRA.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(k) = extra.iter().find(|k| **k == name) {
        return Some(k);
    }
    // At most a handful: names AWS adds to its API, each leaked once.
    let k: &'static str = Box::leak(name.to_owned().into_boxed_str());
    extra.push(k);
    Some(k)
}

/// The `*EventDetails` members of GetExecutionHistory's HistoryEvent.
const DETAIL_KEYS: &[&str] = &[
    "activityFailedEventDetails",
    "activityScheduleFailedEventDetails",
    "activityScheduledEventDetails",
    "activityStartedEventDetails",
    "activitySucceededEventDetails",
    "activityTimedOutEventDetails",
    "evaluationFailedEventDetails",
    "executionAbortedEventDetails",
    "executionFailedEventDetails",
    "executionRedrivenEventDetails",
    "executionStartedEventDetails",
    "executionSucceededEventDetails",
    "executionTimedOutEventDetails",
    "lambdaFunctionFailedEventDetails",
    "lambdaFunctionScheduleFailedEventDetails",
    "lambdaFunctionScheduledEventDetails",
    "lambdaFunctionStartFailedEventDetails",
    "lambdaFunctionSucceededEventDetails",
    "lambdaFunctionTimedOutEventDetails",
    "mapIterationAbortedEventDetails",
    "mapIterationFailedEventDetails",
    "mapIterationStartedEventDetails",
    "mapIterationSucceededEventDetails",
    "mapRunFailedEventDetails",
    "mapRunRedrivenEventDetails",
    "mapRunStartedEventDetails",
    "mapStateStartedEventDetails",
    "stateEnteredEventDetails",
    "stateExitedEventDetails",
    "taskFailedEventDetails",
    "taskScheduledEventDetails",
    "taskStartFailedEventDetails",
    "taskStartedEventDetails",
    "taskSubmitFailedEventDetails",
    "taskSubmittedEventDetails",
    "taskSucceededEventDetails",
    "taskTimedOutEventDetails",
];

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"events": [{"timestamp": "2024-05-01T10:00:00.123000+02:00", "type": "ExecutionStarted",
        "id": 1, "previousEventId": 0, "executionStartedEventDetails": {"input": "{}"}}]}"#;

    #[test]
    fn cli_shape_round_trips() {
        let events = parse_history("h.json", ONE).unwrap();
        assert_eq!(events[0].timestamp, "2024-05-01T08:00:00.123Z");
        assert_eq!(events[0].details.as_ref().unwrap().0, "executionStartedEventDetails");
        let written = to_cli_json(&events);
        assert!(written.contains("\"2024-05-01T08:00:00.123000+00:00\""), "{written}");
        assert_eq!(parse_history("h.json", &written).unwrap(), events);
    }

    #[test]
    fn wire_numbers_and_bare_arrays_are_read() {
        let events = parse_history(
            "h.json",
            r#"[{"timestamp": 1714557600.5, "type": "ExecutionStarted", "id": 1, "previousEventId": 0}]"#,
        )
        .unwrap();
        assert_eq!(events[0].timestamp, "2024-05-01T10:00:00.500Z");
    }

    #[test]
    fn event_types_newer_than_the_sdk_are_kept() {
        let text = r#"[{"timestamp": 1, "type": "ExecutionPaused", "id": 1, "pausedEventDetails": {"why": 1},
            "executionPausedEventDetails": {"why": 2}}]"#;
        let events = parse_history("h.json", text).unwrap();
        assert_eq!(events[0].kind, "ExecutionPaused");
        assert_eq!(events[0].details.as_ref().unwrap().0, "executionPausedEventDetails");
        let again = parse_history("h.json", text).unwrap();
        assert!(std::ptr::eq(events[0].kind, again[0].kind), "one static name per distinct name");
    }

    #[test]
    fn errors_name_the_file_and_where() {
        let e = parse_history("h.json", "{\"events\": [\n  {\"type\": }]}").unwrap_err();
        assert!(e.to_string().starts_with("h.json: line 2, column 12: not JSON"), "{e}");
        let e = parse_history("h.json", r#"{"events": [{"type": "no such", "id": 1, "timestamp": 1}]}"#)
            .unwrap_err();
        assert_eq!(e.to_string(), "h.json: events[0]: 'no such' is not an event type");
        let e = parse_history("h.json", r#"{"executionArn": "x"}"#).unwrap_err();
        assert!(e.to_string().contains("not an execution history"), "{e}");
    }
}
