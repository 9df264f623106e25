//! One execution from its start to its outcome: `ExecutionStarted`, the machine's states
//! (from `StartAt`, or from [`Options::start_at`](super::Options::start_at) for a re-run),
//! and the event that ends it.

use super::io::{self, PAYLOAD_LIMIT};
use super::run::error_and_cause;
use super::{history_limit, Engine, Failure, FailureKind, Frame};
use crate::clock::Timeline;
use crate::history::{payload, Lane};
use crate::record::{Outcome, Status};
use crate::RuntimeError;
use asl_model::model::StateMachine;
use serde_json::{json, Map, Value};

impl<'a> Engine<'a> {
    pub(crate) async fn run_execution(&self, machine: &'a StateMachine) -> Outcome {
        // A re-run begins at its state with the variables that state saw; its input is
        // the execution input, so ExecutionStarted carries it as AWS would.
        let options: &'a super::Options = self.options;
        let start = match &options.start_at {
            Some(at) => Some(at.state.as_str()),
            None => machine.start_at.as_deref(),
        };
        let mut frame = Frame {
            // A Distributed Map child started after siblings finished starts later.
            lane: self.started_lane(&Lane { last_event: 0, timeline: Timeline::START }),
            variables: options.start_at.as_ref().map(|at| at.variables.clone()).unwrap_or_default(),
            path: self.origin.0.clone(),
            depth: self.origin.1,
        };
        // Details are built only when the history is kept.
        let details = || {
            json!({
                "input": payload(&self.input),
                "inputDetails": {"truncated": false},
                "roleArn": self.context.role_arn,
                "stateMachineArn": self.context.state_machine_arn,
            })
        };
        self.event_on(
            &mut frame.lane,
            "ExecutionStarted",
            || Some(("executionStartedEventDetails", details())),
            false,
        );
        let result = if io::exceeds(&self.input, PAYLOAD_LIMIT) {
            Err(Failure::terminal(RuntimeError::new(
                "States.DataLimitExceeded",
                "The execution input exceeds the maximum number of bytes service limit.",
            )))
        } else {
            let input = self.input.clone();
            match (self.options.clock.is_virtual(), self.index.timeout) {
                (false, Some(timeout)) => {
                    match tokio::time::timeout(
                        timeout,
                        self.run_scope_from(machine, start, input, &mut frame),
                    )
                    .await
                    {
                        Ok(r) => r,
                        Err(_) => Err(Failure {
                            error: RuntimeError::new("States.Timeout", String::new()),
                            kind: FailureKind::TimedOut,
                        }),
                    }
                }
                _ => self.run_scope_from(machine, start, input, &mut frame).await,
            }
        };
        // An event refused at the limit fails the execution even if it then ended well.
        let result = match result {
            Ok(_) if self.history_overflowed() => Err(history_limit()),
            other => other,
        };
        let (status, output, error, cause) = match result {
            Ok(output) => {
                self.event(&mut frame, "ExecutionSucceeded", || {
                    let details = json!({"output": payload(&output), "outputDetails": {"truncated": false}});
                    Some(("executionSucceededEventDetails", details))
                });
                (Status::Succeeded, Some(output), None, None)
            }
            Err(failure) => {
                let (error, cause) = error_and_cause(&failure.error);
                let mut details = Map::new();
                if let Some(e) = &error {
                    details.insert("error".into(), json!(e));
                }
                if let Some(c) = &cause {
                    details.insert("cause".into(), json!(c));
                }
                let (status, kind, key) = match failure.kind {
                    FailureKind::TimedOut => {
                        (Status::TimedOut, "ExecutionTimedOut", "executionTimedOutEventDetails")
                    }
                    FailureKind::Aborted => {
                        (Status::Aborted, "ExecutionAborted", "executionAbortedEventDetails")
                    }
                    _ => (Status::Failed, "ExecutionFailed", "executionFailedEventDetails"),
                };
                self.event(&mut frame, kind, || Some((key, Value::Object(details))));
                (status, None, error, cause)
            }
        };
        let mut history = self.history.lock().unwrap_or_else(|e| e.into_inner());
        let events = history.count();
        let states = self.records.lock().unwrap_or_else(|e| e.into_inner()).take();
        Outcome {
            status,
            output,
            error,
            cause,
            states,
            history: history.take(),
            transitions: self.transitions.load(std::sync::atomic::Ordering::Relaxed),
            events,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::join::BoxFuture;
    use crate::history::HistoryEvent;
    use crate::{Execution, Hook, Mocks, Options, Outcome, Resume, StartAt, StatePoint, Status};
    use asl_model::{Document, Format};
    use serde_json::{json, Map, Value};
    use std::sync::{Arc, Mutex};

    /// A top-level state as it was entered: its path, input and the variables it saw.
    type Entered = (String, Value, Map<String, Value>);

    /// What a run saw: each top-level state as it was entered, and the history events as
    /// the hook heard them.
    #[derive(Default)]
    struct Seen {
        entered: Mutex<Vec<Entered>>,
        events: Mutex<Vec<HistoryEvent>>,
    }

    impl Hook for Seen {
        fn enter<'a>(&'a self, p: StatePoint<'a>) -> BoxFuture<'a, Resume> {
            if p.depth == 0 {
                self.entered.lock().unwrap().push((p.path.into(), p.input.clone(), p.variables.clone()));
            }
            Box::pin(async { Resume::Continue })
        }
        fn history_event(&self, event: &HistoryEvent) {
            self.events.lock().unwrap().push(event.clone());
        }
    }

    const SAMPLE: &str = "order-processing-jsonata";

    fn read(file: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples").join(SAMPLE);
        std::fs::read_to_string(dir.join(file)).expect(file)
    }

    fn sample() -> (Document, Value) {
        let doc = Document::parse(read(&format!("{SAMPLE}.asl.json")), Format::Json).expect("sample parses");
        (doc, serde_json::from_str(&read("input.json")).expect("input"))
    }

    /// Runs with the sample's mocks, fresh (they count invocations).
    fn run(doc: &Document, input: Value, start_at: Option<StartAt>) -> (Outcome, Arc<Seen>) {
        let mocks: Value = serde_json::from_str(&read("mocks.json")).expect("mocks");
        let mocks = Mocks::from_value(&mocks, None, None).expect("mocks load");
        let seen = Arc::new(Seen::default());
        let options = Options { seed: Some(7), hook: Some(seen.clone()), start_at, ..Options::default() };
        (Execution::run(doc, input, &mocks, &options), seen)
    }

    /// An event without what differs between two runs of the same states: ids and times.
    fn shape(e: &HistoryEvent) -> (&'static str, Option<(&'static str, Value)>) {
        (e.kind, e.details.clone())
    }

    #[test]
    fn the_hook_hears_every_kept_history_event_in_id_order() {
        let (doc, input) = sample();
        let (outcome, seen) = run(&doc, input, None);
        assert_eq!(outcome.status, Status::Succeeded, "{:?}", outcome.cause);
        assert!(outcome.history.len() > 10);
        assert_eq!(*seen.events.lock().unwrap(), outcome.history);
    }

    #[test]
    fn a_run_started_at_a_recorded_state_is_the_tail_of_the_full_run() {
        let (doc, input) = sample();
        let (full, seen) = run(&doc, input, None);
        assert_eq!(full.status, Status::Succeeded, "{:?}", full.cause);
        // IsInStock decides on $available, which CheckInventory assigned: the variables matter.
        let (path, state_input, variables) =
            seen.entered.lock().unwrap().iter().find(|(p, ..)| p == "IsInStock").cloned().expect("entered");
        assert!(variables.contains_key("available"), "{variables:?}");
        let from = full.states.iter().position(|r| r.path == path).expect("a record");

        let start = StartAt { state: path.clone(), variables };
        let (tail, _) = run(&doc, state_input.clone(), Some(start));
        assert_eq!((tail.status, &tail.output), (full.status, &full.output), "{:?}", tail.cause);
        assert_eq!(tail.states, full.states[from..]);
        assert_eq!(tail.transitions, full.transitions - from as u64);

        let started = &tail.history[0];
        assert_eq!(started.kind, "ExecutionStarted");
        let details = &started.details.as_ref().expect("details").1;
        assert_eq!(details["input"], json!(state_input.to_string()));
        let entered = full
            .history
            .iter()
            .position(|e| {
                e.kind == "ChoiceStateEntered"
                    && e.details.as_ref().is_some_and(|d| d.1["name"] == "IsInStock")
            })
            .expect("entered event");
        let tail_shapes: Vec<_> = tail.history[1..].iter().map(shape).collect();
        let full_shapes: Vec<_> = full.history[entered..].iter().map(shape).collect();
        assert_eq!(tail_shapes, full_shapes);
        assert_eq!((tail.history[1].id, tail.history[1].previous_event_id), (2, 0));
    }

    #[test]
    fn without_the_variables_it_saw_the_state_runs_differently() {
        let (doc, input) = sample();
        let (_, seen) = run(&doc, input, None);
        let (_, state_input, _) =
            seen.entered.lock().unwrap().iter().find(|(p, ..)| p == "IsInStock").cloned().expect("entered");
        let start = StartAt { state: "IsInStock".into(), variables: Map::new() };
        let (outcome, _) = run(&doc, state_input, Some(start));
        assert_ne!(outcome.status, Status::Succeeded);
    }

    #[test]
    fn a_start_state_that_is_not_at_the_top_fails_the_run_and_says_why() {
        let doc = Document::parse(
            json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true}}}]}}})
            .to_string(),
            Format::Json,
        )
        .unwrap();
        let start = StartAt { state: "Inner".into(), variables: Map::new() };
        let (outcome, _) = run(&doc, json!({}), Some(start));
        assert_eq!(outcome.status, Status::Failed);
        assert_eq!(outcome.error.as_deref(), Some("States.Runtime"));
        assert!(outcome.cause.as_deref().is_some_and(|c| c.contains("'Inner'")), "{:?}", outcome.cause);
    }
}
