//! The hook a run's engine calls: the debugger's, wrapped so the live record is kept on
//! the engine's own thread, in step with it — the states entered, left and failed, the
//! history events as they are recorded (so `run_get` on a running or paused run has the
//! history so far) and, for each top-level state entered, the variables it saw (what
//! "re-run from this state" starts with).

use super::driver::{Live, Slot};
use super::record::RunState;
use asl_eval::history::HistoryEvent;
use asl_eval::{
    CatchPoint, FailurePoint, Hook, Inspection, MapRunProgress, Outcome, Resume, RetryPoint, StatePoint,
    StateRecord,
};
use serde_json::{Map, Value};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A top-level state as it was entered: its path and the variables it saw (after any edit
/// made at a pause before it).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entered {
    /// Shared with the entries before of the same state: a 1,000,000-transition loop
    /// enters its few states over and over.
    pub path: Arc<str>,
    /// Shared with the entry before when unchanged: a loop of many passes that assigns
    /// nothing keeps one copy.
    pub variables: Arc<Map<String, Value>>,
}

pub(crate) struct LiveHook {
    pub inner: Arc<dyn Hook>,
    pub slot: Arc<Slot>,
}

impl Hook for LiveHook {
    fn enter<'a>(&'a self, p: StatePoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async move {
            let resume = self.inner.enter(p).await;
            if resume != Resume::Abort {
                let input = match &resume {
                    Resume::Edit { input: Some(v), .. } => v.clone(),
                    _ => p.input.clone(),
                };
                self.slot.live().entered_state(&p, input);
            }
            // Only top-level states: a re-run starts at the outermost container.
            if p.depth == 0 {
                let seen = match &resume {
                    Resume::Abort => None,
                    Resume::Edit { variables: Some(v), .. } => Some(v),
                    _ => Some(p.variables),
                };
                if let Some(seen) = seen {
                    let mut live = self.slot.live();
                    let variables = match live.entered.last() {
                        Some(last) if *last.variables == *seen => last.variables.clone(),
                        _ => Arc::new(seen.clone()),
                    };
                    let path = live.entered_path(p.path);
                    live.entered.push(Entered { path, variables });
                }
            }
            resume
        })
    }

    fn leave<'a>(&'a self, p: StatePoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async move {
            let resume = self.inner.leave(p).await;
            if resume != Resume::Abort {
                let output = match &resume {
                    Resume::Edit { input: Some(v), .. } => Some(v.clone()),
                    _ => p.output.cloned(),
                };
                self.slot.live().exited_state(&p, output);
            }
            resume
        })
    }

    fn retry<'a>(&'a self, p: RetryPoint<'a>) -> BoxFuture<'a, Resume> {
        self.inner.retry(p)
    }

    fn caught<'a>(&'a self, p: CatchPoint<'a>) -> BoxFuture<'a, Resume> {
        self.inner.caught(p)
    }

    fn state_failed(&self, p: FailurePoint<'_>) {
        self.inner.state_failed(p);
        self.slot.live().failed_state(&p);
    }

    fn history_event(&self, event: &HistoryEvent) {
        self.inner.history_event(event);
        // The run's one copy of its history (the engine keeps none: LiveSink).
        let mut live = self.slot.live();
        if !live.summary.status.is_finished() {
            live.index.push(event);
            live.history.push(event.clone());
            // Events are final as they come: past a threshold they go to disk.
            let Live { history, spill, .. } = &mut *live;
            history.spill(history.len(), spill, |_| {});
        }
    }

    fn map_run_progress(&self, p: MapRunProgress<'_>) {
        self.inner.map_run_progress(p)
    }

    fn finished(&self, outcome: &Outcome) {
        self.inner.finished(outcome)
    }
}

/// The live record, in step with the engine (called on its thread, under the slot's lock).
impl Live {
    fn entered_state(&mut self, p: &StatePoint<'_>, input: Value) {
        if self.summary.status.is_finished() {
            return;
        }
        let record = StateRecord {
            name: p.name.to_owned(),
            kind: p.kind,
            path: p.path.to_owned(),
            input,
            output: None,
            variables: None,
            inspection: Inspection::default(),
        };
        let from = p.from.map(str::to_owned);
        let pointer = Some(p.pointer.to_owned());
        self.states.push(RunState {
            record,
            pointer,
            from,
            ends: false,
            error: None,
            cause: None,
            entered_at: Some(p.at.timestamp_millis()),
            left_at: None,
        });
    }

    /// The path of a top-level state entered, shared with its earlier entries.
    fn entered_path(&mut self, path: &str) -> Arc<str> {
        if let Some(known) = self.entered_paths.get(path) {
            return known.clone();
        }
        let shared: Arc<str> = Arc::from(path);
        self.entered_paths.insert(path.to_owned(), shared.clone());
        shared
    }

    /// The latest execution of the state at `path` that has not exited (never on disk).
    fn running(&mut self, path: &str) -> Option<&mut RunState> {
        self.states.tail_mut().iter_mut().rev().find(|s| s.record.path == path && s.record.output.is_none())
    }

    fn exited_state(&mut self, p: &StatePoint<'_>, output: Option<Value>) {
        self.callbacks.retain(|c| c.path != p.path);
        if let Some(state) = self.running(p.path) {
            state.record.output = output;
            state.record.inspection = p.inspection.cloned().unwrap_or_default();
            state.ends = p.next.is_none();
            state.left_at = Some(p.at.timestamp_millis());
        }
    }

    fn failed_state(&mut self, p: &FailurePoint<'_>) {
        self.callbacks.retain(|c| c.path != p.path);
        if let Some(state) = self.running(p.path) {
            state.error = Some(p.error.error.clone());
            state.cause = Some(p.error.cause.clone());
            state.left_at = Some(p.at.timestamp_millis());
        }
    }
}
