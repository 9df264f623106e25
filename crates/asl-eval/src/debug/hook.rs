//! The session as the run loop's [`Hook`]: each call becomes a [`Point`] that may pause,
//! and the events a UI animates are sent around it.

use super::session::{DebugSession, Point};
use super::stops::last_segment;
use super::{Place, RunEvent};
use crate::engine::join::BoxFuture;
use crate::record::Outcome;
use crate::{CatchPoint, FailurePoint, Hook, MapRunProgress, Resume, RetryPoint, StatePoint};
use serde_json::{Map, Value};

impl Hook for DebugSession {
    fn enter<'a>(&'a self, p: StatePoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async move {
            let point = Point {
                place: Place::BeforeEnter,
                path: p.path,
                pointer: p.pointer,
                name: p.name,
                depth: p.depth,
                ends: false,
                input: p.input,
                output: None,
                variables: p.variables,
            };
            let resume = self.point(point).await;
            if resume != Resume::Abort {
                let input = match &resume {
                    _ if !self.sends_values() => Value::Null,
                    Resume::Edit { input: Some(v), .. } => v.clone(),
                    _ => p.input.clone(),
                };
                self.emit(RunEvent::StateEntered {
                    path: p.path.to_string(),
                    pointer: p.pointer.to_string(),
                    state_type: p.kind,
                    input,
                    from: p.from.map(str::to_owned),
                });
            }
            resume
        })
    }

    fn leave<'a>(&'a self, p: StatePoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async move {
            let output = p.output.unwrap_or(&Value::Null);
            let point = Point {
                place: Place::AfterExit,
                path: p.path,
                pointer: p.pointer,
                name: p.name,
                depth: p.depth,
                ends: p.next.is_none(),
                input: p.input,
                output: Some(output),
                variables: p.variables,
            };
            let resume = self.point(point).await;
            if resume != Resume::Abort {
                let values = self.sends_values();
                let output = match &resume {
                    _ if !values => Value::Null,
                    Resume::Edit { input: Some(v), .. } => v.clone(),
                    _ => output.clone(),
                };
                let inspection = p.inspection.filter(|_| values).cloned();
                self.emit(RunEvent::StateExited {
                    path: p.path.to_string(),
                    pointer: p.pointer.to_string(),
                    output,
                    inspection,
                    ends: p.next.is_none(),
                });
            }
            resume
        })
    }

    fn retry<'a>(&'a self, p: RetryPoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async move {
            self.emit(RunEvent::RetryScheduled {
                path: p.path.to_string(),
                pointer: p.pointer.to_string(),
                error: p.error.error.clone(),
                attempt: p.attempt,
                delay_seconds: p.delay.as_secs_f64(),
            });
            let variables = Map::new();
            let error = serde_json::json!({"Error": p.error.error, "Cause": p.error.cause});
            let point = Point {
                place: Place::Retry,
                path: p.path,
                pointer: p.pointer,
                name: last_segment(p.path),
                depth: p.depth,
                ends: false,
                input: &error,
                output: None,
                variables: &variables,
            };
            self.point(point).await
        })
    }

    fn caught<'a>(&'a self, p: CatchPoint<'a>) -> BoxFuture<'a, Resume> {
        Box::pin(async move {
            self.emit(RunEvent::Caught {
                path: p.path.to_string(),
                pointer: p.pointer.to_string(),
                error: p.error.error.clone(),
                next: p.next.to_string(),
            });
            let variables = Map::new();
            let point = Point {
                place: Place::Catch,
                path: p.path,
                pointer: p.pointer,
                name: last_segment(p.path),
                depth: p.depth,
                ends: false,
                input: p.output,
                output: None,
                variables: &variables,
            };
            self.point(point).await
        })
    }

    fn state_failed(&self, p: FailurePoint<'_>) {
        self.emit(RunEvent::Failed {
            path: p.path.to_string(),
            pointer: p.pointer.to_string(),
            error: p.error.error.clone(),
            cause: p.error.cause.clone(),
        });
    }

    fn map_run_progress(&self, p: MapRunProgress<'_>) {
        self.emit(RunEvent::MapRunProgress {
            path: p.path.to_string(),
            pointer: p.pointer.to_string(),
            map_run_arn: (!p.map_run_arn.is_empty()).then(|| p.map_run_arn.to_string()),
            total: p.total,
            succeeded: p.succeeded,
            failed: p.failed,
            running: p.running,
            finished: p.finished,
        });
    }

    fn finished(&self, outcome: &Outcome) {
        let mut st = self.lock();
        st.paused = None;
        st.held = false;
        drop(st);
        self.emit(RunEvent::Finished {
            status: outcome.status,
            output: outcome.output.clone(),
            error: outcome.error.clone(),
            cause: outcome.cause.clone(),
        });
    }
}
