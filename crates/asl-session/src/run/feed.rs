//! Runs the app watches but does not execute (issue 17): a cloud execution followed live
//! from its history, or a history imported from a file, fed event by event into a run of
//! this session. The events drive the same hook a local run's engine drives, so the
//! canvas animates it and the inspector, history table, timeline and Map/Parallel views
//! show it as they show a local run; the history kept is AWS's own.

use super::attached::Elsewhere;
use super::config::ClockChoice;
use super::driver::{Msg, Slot};
use super::feed_paths::FeedPaths;
use super::live_hook::LiveHook;
use super::live_sink::LiveSink;
use super::record::RunSummary;
use super::registry::{RunId, Runs};
use super::{RunError, RunEvent};
use asl_eval::history::HistoryEvent;
use asl_eval::{FailurePoint, Hook, Outcome, RecordSink, RuntimeError, StatePoint, StateRecord, Status};
use asl_model::Document;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{mpsc, Arc};

/// A run fed from history events; see the module doc.
pub struct HistoryFeed {
    id: RunId,
    slot: Arc<Slot>,
    doc: Arc<Document>,
    hook: LiveHook,
    sink: LiveSink,
    msgs: mpsc::Sender<Msg>,
    paths: FeedPaths,
    /// States entered, in entry order, each with whether it exited: the sink takes
    /// records in entry order (branches exit in any order).
    entered: Vec<(StateRecord, bool)>,
    flushed: usize,
    /// The last state left in each scope (path prefix): where the next one came from.
    last_in_scope: HashMap<String, String>,
    /// The state each event belongs to (its chain of `previousEventId`s), for failures.
    owner: HashMap<u64, String>,
    events: u64,
    ended: bool,
}

impl Runs {
    /// A run of this session that `HistoryFeed::event` feeds (a cloud execution followed,
    /// or a history file); `doc` is the definition it ran.
    pub fn follow_history(
        &self,
        doc: Document,
        path: Option<PathBuf>,
        title: String,
        input: Value,
        on_event: impl Fn(RunEvent) + Send + 'static,
    ) -> Result<HistoryFeed, RunError> {
        // Cloud times are AWS's own: the run is shown on its timestamps. Nothing to answer
        // here: a cloud task's token is answered in the cloud.
        let started = |id| RunSummary::started(id, path.as_deref(), title, input, ClockChoice::Real);
        let callbacks = asl_eval::Callbacks::new(asl_eval::NoTasks).handle();
        let Elsewhere { id, slot, doc, hook, msgs } = self.run_elsewhere(doc, started, Vec::new(), callbacks, on_event)?;
        Ok(HistoryFeed {
            id,
            hook,
            sink: LiveSink { slot: slot.clone() },
            paths: FeedPaths::new(&doc),
            doc,
            slot,
            msgs,
            entered: Vec::new(),
            flushed: 0,
            last_in_scope: HashMap::new(),
            owner: HashMap::new(),
            events: 0,
            ended: false,
        })
    }
}

impl HistoryFeed {
    pub fn id(&self) -> RunId {
        self.id
    }

    /// Whether the user asked to stop the run, asked from anywhere (the caller stops the
    /// execution where it runs).
    pub fn stop_signal(&self) -> StopSignal {
        StopSignal { slot: self.slot.clone() }
    }

    /// The next event of the execution (in id order).
    pub fn event(&mut self, event: &HistoryEvent) {
        if self.ended {
            return;
        }
        self.events += 1;
        let at = time_of(event);
        let field = |name: &str| event.details.as_ref().and_then(|(_, d)| d.get(name)).and_then(Value::as_str);
        let json = |name: &str| field(name).map(|s| serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.to_owned())));
        let placed = self.paths.observe(event).map(|(path, place)| (path, place.clone()));
        let inherited = self.owner.get(&event.previous_event_id).cloned();
        let empty = Map::new();
        match (event.kind, placed) {
            (kind, Some((path, place))) if kind.ends_with("StateEntered") => {
                let name = field("name").unwrap_or_default().to_owned();
                let scope = path.rsplit_once('/').map_or(String::new(), |(s, _)| s.to_owned());
                let from = self.last_in_scope.get(&scope).cloned();
                let input = json("input").unwrap_or(Value::Null);
                let point = StatePoint { from: from.as_deref(), ..point(&path, &place, &name, &input, at, &empty) };
                now(self.hook.enter(point));
                let record = StateRecord {
                    name,
                    kind: place.kind,
                    path: path.clone(),
                    input,
                    output: None,
                    variables: None,
                    inspection: Default::default(),
                };
                self.entered.push((record, false));
                self.owner.insert(event.id, path);
            }
            (kind, Some((path, place))) if kind.ends_with("StateExited") => {
                let name = field("name").unwrap_or_default().to_owned();
                let output = json("output");
                let input = Value::Null;
                let point = StatePoint {
                    next: place.next.as_deref(),
                    output: output.as_ref(),
                    ..point(&path, &place, &name, &input, at, &empty)
                };
                now(self.hook.leave(point));
                let scope = path.rsplit_once('/').map_or(String::new(), |(s, _)| s.to_owned());
                self.last_in_scope.insert(scope, place.pointer.clone());
                self.exited(&path, output);
                self.owner.insert(event.id, path);
            }
            (kind, _) if kind.ends_with("Failed") && !kind.starts_with("Execution") && !kind.starts_with("MapIteration") => {
                if let Some(path) = &inherited {
                    let error = RuntimeError::new(field("error").unwrap_or_default(), field("cause").unwrap_or_default());
                    self.failed(path, &error, at);
                }
            }
            _ => {}
        }
        if let Some(path) = inherited.filter(|_| !self.owner.contains_key(&event.id)) {
            self.owner.insert(event.id, path);
        }
        self.hook.history_event(event);
        if let Some(outcome) = outcome_of(event, self.events) {
            self.finish(outcome);
        }
    }

    /// The history ended without the execution's end (a file cut short, or following
    /// stopped): the run stops here, with what was seen.
    pub fn abandon(self) {
        // Dropping ends it (see `Drop`).
    }

    fn failed(&mut self, path: &str, error: &RuntimeError, at: DateTime<Utc>) {
        let Some(place) = self.paths.place(path.rsplit('/').next().unwrap_or(path)) else { return };
        let depth = path.matches('/').count() / 2;
        self.hook.state_failed(FailurePoint { path, pointer: &place.pointer.clone(), depth, error, at });
    }

    /// A state's record is final when it exits; records go to the sink in entry order.
    fn exited(&mut self, path: &str, output: Option<Value>) {
        if let Some((record, done)) =
            self.entered.iter_mut().skip(self.flushed).find(|(r, done)| r.path == path && !done)
        {
            record.output = output;
            *done = true;
        }
        while self.entered.get(self.flushed).is_some_and(|(_, done)| *done) {
            let record = std::mem::replace(&mut self.entered[self.flushed].0, blank(path));
            self.sink.state(record);
            self.flushed += 1;
        }
    }

    fn finish(&mut self, outcome: Outcome) {
        self.ended = true;
        // States that never exited (the one that failed, those a failure cut short) go
        // with what was seen of them.
        for (record, _) in self.entered.drain(self.flushed..).collect::<Vec<_>>() {
            self.sink.state(record);
        }
        self.flushed = self.entered.len();
        self.hook.finished(&outcome);
        self.slot.finish(Some(outcome), &self.doc);
        let _ = self.msgs.send(Msg::Done);
    }
}

impl Drop for HistoryFeed {
    /// A feed dropped before the end (the app closed, following failed) leaves no run
    /// RUNNING forever.
    fn drop(&mut self) {
        if !self.ended {
            self.finish(ended(Status::Aborted, None, None, None, self.events));
        }
    }
}

/// See [`HistoryFeed::stop_signal`].
#[derive(Clone)]
pub struct StopSignal {
    slot: Arc<Slot>,
}

impl StopSignal {
    pub fn is_requested(&self) -> bool {
        self.slot.signals.is_stopped()
    }
}

/// Runs a hook call to its answer. The debugger of a watched run has no breakpoints, so
/// it answers at once; a pause asked for meanwhile is not kept (the execution runs
/// elsewhere and does not wait), so a pending answer is dropped rather than waited on.
fn now<F: std::future::Future>(f: F) -> Option<F::Output> {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
        std::task::Poll::Ready(v) => Some(v),
        std::task::Poll::Pending => None,
    }
}

fn blank(path: &str) -> StateRecord {
    StateRecord {
        name: path.rsplit('/').next().unwrap_or(path).to_owned(),
        kind: "Unknown",
        path: path.to_owned(),
        input: Value::Null,
        output: None,
        variables: None,
        inspection: Default::default(),
    }
}

/// The hook's view of a state as the history shows it: no variables, no stages (AWS's
/// history has neither), depth from the path (`P/1/Name` is one level in).
fn point<'a>(
    path: &'a str,
    place: &'a super::feed_paths::Place,
    name: &'a str,
    input: &'a Value,
    at: DateTime<Utc>,
    variables: &'a Map<String, Value>,
) -> StatePoint<'a> {
    StatePoint {
        path,
        pointer: &place.pointer,
        name,
        kind: place.kind,
        depth: path.matches('/').count() / 2,
        from: None,
        next: None,
        input,
        output: None,
        variables,
        inspection: None,
        at,
    }
}

fn time_of(event: &HistoryEvent) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&event.timestamp).map_or_else(|_| Utc::now(), |t| t.with_timezone(&Utc))
}

/// The execution's end, if `event` is it.
fn outcome_of(event: &HistoryEvent, events: u64) -> Option<Outcome> {
    let status = match event.kind {
        "ExecutionSucceeded" => Status::Succeeded,
        "ExecutionFailed" => Status::Failed,
        "ExecutionTimedOut" => Status::TimedOut,
        "ExecutionAborted" => Status::Aborted,
        _ => return None,
    };
    let field = |name: &str| event.details.as_ref().and_then(|(_, d)| d.get(name)).and_then(Value::as_str).map(str::to_owned);
    let output = field("output").map(|s| serde_json::from_str(&s).unwrap_or(Value::String(s)));
    Some(ended(status, output, field("error"), field("cause"), events))
}

/// How a fed run ended: its records and history were handed over as it went.
fn ended(status: Status, output: Option<Value>, error: Option<String>, cause: Option<String>, events: u64) -> Outcome {
    Outcome { status, output, error, cause, states: Vec::new(), history: Vec::new(), transitions: 0, events }
}
