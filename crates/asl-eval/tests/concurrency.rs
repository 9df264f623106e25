//! Parallel branches and Map iterations run concurrently in virtual time, as on AWS: a
//! retry backoff or Wait in one branch never holds its siblings back, and the history
//! follows virtual time (ties in branch order). Checked on the virtual clock and, with
//! tokio's paused timer standing in for the wall, on the real clock.

use asl_eval::history::HistoryEvent;
use asl_eval::{Execution, Mocks, Options, Outcome, RealClock, Status};
use asl_model::{Document, Format};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::sync::Arc;

/// Branch 0 calls a Lambda that always fails (Step Functions Local mock config) and
/// retries twice (2 s, then 4 s): it fails the Parallel at 6 s. Branch 1 ends at once,
/// branch 2 waits 3 s, branch 3 waits 10 s and is cancelled.
fn machine() -> Document {
    let definition = json!({
        "StartAt": "Fanout",
        "States": {"Fanout": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Flaky", "States": {"Flaky": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "flaky"}, "End": true,
                "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2,
                           "MaxAttempts": 2, "BackoffRate": 2}]}}},
            {"StartAt": "Quick", "States": {"Quick": {"Type": "Pass", "End": true}}},
            {"StartAt": "Slow", "States": {
                "Slow": {"Type": "Wait", "Seconds": 3, "Next": "AfterSlow"},
                "AfterSlow": {"Type": "Pass", "End": true}}},
            {"StartAt": "TooSlow", "States": {"TooSlow": {"Type": "Wait", "Seconds": 10, "End": true}}}
        ]}}
    });
    Document::parse(definition.to_string(), Format::Json).expect("definition")
}

fn mocks() -> Mocks {
    let config = json!({
        "StateMachines": {"Fanout": {"TestCases": {"FlakyFails": {"Flaky": "AlwaysDown"}}}},
        "MockedResponses": {"AlwaysDown": {"0-2": {"Throw": {
            "Error": "Lambda.ServiceException", "Cause": "the function is down"}}}}
    });
    Mocks::from_value(&config, Some("Fanout"), Some("FlakyFails")).expect("mock config")
}

fn name(e: &HistoryEvent) -> Option<&str> {
    e.details.as_ref().and_then(|(_, d)| d.get("name")).and_then(Value::as_str)
}

/// `Kind` or `Kind:Name` for each event, to read the order at a glance.
fn labels(o: &Outcome) -> Vec<String> {
    o.history
        .iter()
        .map(|e| match name(e) {
            Some(n) => format!("{}:{n}", e.kind),
            None => e.kind.to_string(),
        })
        .collect()
}

fn position(labels: &[String], label: &str, nth: usize) -> usize {
    labels
        .iter()
        .enumerate()
        .filter(|(_, l)| *l == label)
        .nth(nth)
        .unwrap_or_else(|| panic!("no {label} #{nth} in {labels:#?}"))
        .0
}

/// What both clocks must show: every branch entered before the first retry, the branch
/// that waited 3 s done between the retries at 2 s and 6 s, the failure last.
fn assert_concurrent(o: &Outcome) {
    assert_eq!(o.status, Status::Failed, "{o:?}");
    assert_eq!(o.error.as_deref(), Some("Lambda.ServiceException"));
    let l = labels(o);
    let failed = |n| position(&l, "TaskFailed", n);
    // The first attempt fails at 0 s, the same instant the siblings start (branch order
    // breaks the tie); the first retry, 2 s later, comes after all of them started.
    let first_retry = position(&l, "TaskScheduled", 1);
    for first in ["PassStateEntered:Quick", "WaitStateEntered:Slow", "WaitStateEntered:TooSlow"] {
        assert!(position(&l, first, 0) < first_retry, "{first} after the first retry: {l:#?}");
    }
    assert!(position(&l, "PassStateExited:Quick", 0) < first_retry, "{l:#?}");
    // Slow ends at 3 s: after the first retry (2 s), before the second (6 s).
    let slow_done = position(&l, "PassStateExited:AfterSlow", 0);
    assert!(failed(1) < slow_done && slow_done < failed(2), "{l:#?}");
    assert_eq!(l.iter().filter(|x| *x == "TaskFailed").count(), 3);
    assert!(!l.iter().any(|x| x == "WaitStateExited:TooSlow"), "{l:#?}");
    let parallel_failed = position(&l, "ParallelStateFailed", 0);
    assert!(failed(2) < parallel_failed, "{l:#?}");
    assert_eq!(l.last().map(String::as_str), Some("ExecutionFailed"));
}

#[test]
fn on_the_virtual_clock_a_retrying_branch_holds_back_none_of_its_siblings() {
    let options = Options { seed: Some(3), ..Options::default() };
    let outcome = Execution::run(&machine(), json!({}), &mocks(), &options);
    assert_concurrent(&outcome);
    // The history is in virtual-time order: timestamps never go back.
    let times: Vec<DateTime<Utc>> =
        outcome.history.iter().map(|e| e.timestamp.parse().expect("RFC 3339")).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{:#?}", outcome.history);
    let start = times[0];
    let at = |label: &str| {
        let l = labels(&outcome);
        (times[position(&l, label, 0)] - start).num_milliseconds()
    };
    assert_eq!(at("PassStateExited:AfterSlow"), 3000);
    assert_eq!(at("ParallelStateFailed"), 6000);
    assert_eq!(at("ExecutionFailed"), 6000);
}

#[test]
fn on_the_real_clock_the_order_is_the_same() {
    // tokio's paused timer lets the 6 real seconds pass at once, in order.
    let rt = tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap();
    let options = Options { seed: Some(3), clock: Arc::new(RealClock), ..Options::default() };
    let outcome = rt.block_on(Execution::start(&machine(), json!({}), &mocks(), &options));
    assert_concurrent(&outcome);
}

#[test]
fn a_branch_failing_at_once_still_lets_its_siblings_start() {
    // Branch 0 fails at 0 s; at that instant branch 1 has entered its Pass and its Wait, as
    // every branch starts at once on AWS. Its Wait (1 s) is cut off by the failure.
    let definition = json!({
        "StartAt": "Fanout",
        "States": {"Fanout": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "E", "Cause": "C"}}},
            {"StartAt": "First", "States": {
                "First": {"Type": "Pass", "Next": "Later"},
                "Later": {"Type": "Wait", "Seconds": 1, "End": true}}}
        ]}}
    });
    let doc = Document::parse(definition.to_string(), Format::Json).expect("definition");
    for clock in [None, Some(Arc::new(RealClock) as Arc<dyn asl_eval::Clock>)] {
        let real = clock.is_some();
        let mut options = Options::default();
        if let Some(clock) = clock {
            options.clock = clock;
        }
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap();
        let outcome = rt.block_on(Execution::start(&doc, json!({}), &asl_eval::NoTasks, &options));
        assert_eq!((outcome.status, outcome.error.as_deref()), (Status::Failed, Some("E")), "real: {real}");
        let l = labels(&outcome);
        let failed = position(&l, "ParallelStateFailed", 0);
        for entered in ["PassStateEntered:First", "PassStateExited:First", "WaitStateEntered:Later"] {
            assert!(position(&l, entered, 0) < failed, "real: {real}: {l:#?}");
        }
        assert!(!l.iter().any(|x| x == "WaitStateExited:Later"), "real: {real}: {l:#?}");
    }
}

#[test]
fn map_iterations_beyond_max_concurrency_start_when_a_place_frees() {
    // Two places: item 0 waits 5 s, item 1 waits 1 s; item 2 starts at 1 s and waits 1 s.
    let definition = json!({
        "StartAt": "Each",
        "States": {"Each": {"Type": "Map", "MaxConcurrency": 2, "End": true,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Nap",
                "States": {"Nap": {"Type": "Wait", "SecondsPath": "$", "End": true}}}}}
    });
    let doc = Document::parse(definition.to_string(), Format::Json).expect("definition");
    let outcome = Execution::run(&doc, json!([5, 1, 1]), &asl_eval::NoTasks, &Options::default());
    assert_eq!(outcome.status, Status::Succeeded, "{outcome:?}");
    let times: Vec<DateTime<Utc>> =
        outcome.history.iter().map(|e| e.timestamp.parse().expect("RFC 3339")).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{:#?}", outcome.history);
    let succeeded: Vec<(u64, i64)> = outcome
        .history
        .iter()
        .zip(&times)
        .filter(|(e, _)| e.kind == "MapIterationSucceeded")
        .map(|(e, t)| {
            let index = e.details.as_ref().and_then(|(_, d)| d["index"].as_u64()).expect("index");
            (index, (*t - times[0]).num_seconds())
        })
        .collect();
    assert_eq!(succeeded, [(1, 1), (2, 2), (0, 5)]);
}
