//! The hook a run's engine calls: the debugger's, wrapped so the live record also gets
//! what the debugger does not report — the history events as they are recorded (so
//! `run_get` on a running or paused run has the history so far) and, for each top-level
//! state entered, the variables it saw (what "re-run from this state" starts with).

use super::driver::Slot;
use asl_eval::history::HistoryEvent;
use asl_eval::{CatchPoint, FailurePoint, Hook, MapRunProgress, Outcome, Resume, RetryPoint, StatePoint};
use serde_json::{Map, Value};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A top-level state as it was entered: its path and the variables it saw (after any edit
/// made at a pause before it).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entered {
    pub path: String,
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
                    live.entered.push(Entered { path: p.path.to_owned(), variables });
                }
            }
            resume
        })
    }

    fn leave<'a>(&'a self, p: StatePoint<'a>) -> BoxFuture<'a, Resume> {
        self.inner.leave(p)
    }

    fn retry<'a>(&'a self, p: RetryPoint<'a>) -> BoxFuture<'a, Resume> {
        self.inner.retry(p)
    }

    fn caught<'a>(&'a self, p: CatchPoint<'a>) -> BoxFuture<'a, Resume> {
        self.inner.caught(p)
    }

    fn state_failed(&self, p: FailurePoint<'_>) {
        self.inner.state_failed(p)
    }

    fn history_event(&self, event: &HistoryEvent) {
        self.inner.history_event(event);
        let mut live = self.slot.live();
        // Once finished, the outcome's history is the record (the same events).
        if !live.summary.status.is_finished() {
            live.history.push(event.clone());
        }
    }

    fn map_run_progress(&self, p: MapRunProgress<'_>) {
        self.inner.map_run_progress(p)
    }

    fn finished(&self, outcome: &Outcome) {
        self.inner.finished(outcome)
    }
}
