//! The run event protocol as a consumer (the app, the server) reads it: pointers on every
//! state event, the transitions taken, a pause that carries its whole point, a resume
//! after every command, and an inline Map's progress counted by the engine.

use asl_eval::debug::{Breakpoint, Command, Debugger, PauseReason, Place, RunEvent};
use asl_eval::{Execution, Mocks, Options};
use asl_model::{Document, Format};
use serde_json::{json, Value};
use std::sync::mpsc::Receiver;
use std::time::Duration;

fn next(events: &Receiver<RunEvent>) -> RunEvent {
    events.recv_timeout(Duration::from_secs(10)).expect("an event within 10 s")
}

fn run_all(
    definition: Value,
    input: Value,
    breakpoints: Vec<Breakpoint>,
) -> (Receiver<RunEvent>, asl_eval::debug::DebugSession, std::thread::JoinHandle<asl_eval::Outcome>) {
    let (session, events) = Debugger::new(breakpoints);
    let options = Options { seed: Some(7), hook: Some(session.hook()), ..Options::default() };
    let doc = Document::parse(definition.to_string(), Format::Json).expect("definition");
    let run = std::thread::spawn(move || Execution::run(&doc, input, &Mocks::default(), &options));
    (events, session, run)
}

fn drain(events: &Receiver<RunEvent>) -> Vec<RunEvent> {
    let mut out = Vec::new();
    loop {
        let e = next(events);
        let end = matches!(e, RunEvent::Finished { .. });
        out.push(e);
        if end {
            return out;
        }
    }
}

#[test]
fn state_events_carry_pointers_and_the_transitions_taken() {
    let def = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Next": "Done", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}},
            {"StartAt": "C", "States": {"C": {"Type": "Succeed"}}}]},
        "Done": {"Type": "Pass", "End": true}}});
    let (events, _session, run) = run_all(def, json!({}), vec![]);
    let all = drain(&events);
    run.join().unwrap();
    let entered: Vec<(String, String, Option<String>)> = all
        .iter()
        .filter_map(|e| match e {
            RunEvent::StateEntered { path, pointer, from, .. } => {
                Some((path.clone(), pointer.clone(), from.clone()))
            }
            _ => None,
        })
        .collect();
    let b = "/States/P/Branches/0/States/B";
    assert!(
        entered.contains(&("P/0/B".into(), b.into(), Some("/States/P/Branches/0/States/A".into()))),
        "{entered:?}"
    );
    assert!(entered.contains(&("P/1/C".into(), "/States/P/Branches/1/States/C".into(), None)), "{entered:?}");
    assert!(
        entered.contains(&("Done".into(), "/States/Done".into(), Some("/States/P".into()))),
        "{entered:?}"
    );
    let ends: Vec<(String, bool)> = all
        .iter()
        .filter_map(|e| match e {
            RunEvent::StateExited { path, ends, .. } => Some((path.clone(), *ends)),
            _ => None,
        })
        .collect();
    for (path, want) in [("P/0/A", false), ("P/0/B", true), ("P/1/C", true), ("P", false), ("Done", true)] {
        assert!(ends.contains(&(path.to_string(), want)), "{path}: {ends:?}");
    }
}

#[test]
fn a_pause_carries_its_point_and_every_command_is_followed_by_resumed() {
    let def = json!({"StartAt": "One", "States": {
        "One": {"Type": "Pass", "Assign": {"n": 1}, "Next": "Two"},
        "Two": {"Type": "Pass", "End": true}}});
    let (events, session, run) = run_all(def, json!({"a": 1}), vec![Breakpoint::before("One")]);
    let RunEvent::Paused(point) = next(&events) else { panic!("paused first") };
    assert_eq!((point.path.as_str(), point.pointer.as_str()), ("One", "/States/One"));
    assert_eq!(
        (point.place, point.reason, point.input.clone()),
        (Place::BeforeEnter, PauseReason::Breakpoint, json!({"a": 1}))
    );
    assert!(session.command(Command::StepOver));
    let resumed = next(&events);
    assert_eq!(resumed.to_string(), "resumed One stepOver");
    assert_eq!(resumed.pointer(), Some("/States/One"));
    // Entered and exited One, then the step stops before Two with the variable One set.
    let mut seen = Vec::new();
    let point = loop {
        match next(&events) {
            RunEvent::Paused(p) => break p,
            e => seen.push(e.to_string()),
        }
    };
    assert_eq!(seen, ["enter One {\"a\":1}", "exit One {\"a\":1}"]);
    assert_eq!((point.pointer.as_str(), point.variables.get("n")), ("/States/Two", Some(&json!(1))));
    assert!(session.command(Command::Continue));
    assert_eq!(next(&events).to_string(), "resumed Two continue");
    let rest: Vec<String> = drain(&events).iter().map(|e| e.to_string()).collect();
    assert_eq!(rest.last().map(String::as_str), Some("finished SUCCEEDED {\"a\":1}"));
    assert!(!session.command(Command::Continue), "nothing is paused any more");
    run.join().unwrap();
}

#[test]
fn an_inline_map_counts_each_iteration_once_with_its_failures() {
    // Five items, the third fails; one failure is tolerated.
    let def = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1,
        "ToleratedFailureCount": 1, "End": true,
        "ItemProcessor": {"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 3, "Next": "Bad"}], "Default": "Good"},
            "Bad": {"Type": "Fail", "Error": "Three"},
            "Good": {"Type": "Succeed"}}}}}});
    let (events, _session, run) = run_all(def, json!([1, 2, 3, 4, 5]), vec![]);
    let progress: Vec<String> = drain(&events)
        .iter()
        .filter(|e| matches!(e, RunEvent::MapRunProgress { .. }))
        .map(|e| e.to_string())
        .collect();
    run.join().unwrap();
    assert_eq!(progress.first().map(String::as_str), Some("progress M 0+0/5 running 0"));
    assert_eq!(progress.last().map(String::as_str), Some("progress M 4+1/5 running 0 finished"));
    // A start and an end per iteration, plus the first and the last report.
    assert_eq!(progress.len(), 2 + 5 * 2, "{progress:?}");
}
