//! The history of a run while it is paused (the events recorded so far, as `run_get`
//! serves them) and "re-run from this state": a new run beginning at a state of an earlier
//! run with the input and variables it had there — a state nested in a Parallel from its
//! top-level container — on the samples.

use asl_eval::history::HistoryEvent;
use asl_session::run::{DebugCommand, RunConfig, RunEvent, RunRecord, RunStatus, Runs};
use asl_session::Session;
use serde_json::{json, Value};
use std::sync::mpsc::Receiver;

mod common;
use common::{sample, sample_json, start, PATIENCE};

fn input(name: &str) -> Value {
    sample_json(name, "input.json")
}

/// The sample's input and mocks, plus `extra` fields.
fn config(name: &str, extra: Value) -> RunConfig {
    let mut c = json!({"input": input(name), "mocks": {"kind": "file", "file": "mocks.json"}});
    for (k, v) in extra.as_object().cloned().unwrap_or_default() {
        c[k] = v;
    }
    serde_json::from_value(c).expect("run config")
}

/// Waits for the first event `stop` accepts.
fn until(events: &Receiver<RunEvent>, stop: impl Fn(&RunEvent) -> bool) -> RunEvent {
    loop {
        let e = events.recv_timeout(PATIENCE).expect("an event in time");
        if stop(&e) {
            return e;
        }
    }
}

fn paused(e: &RunEvent) -> bool {
    matches!(e, RunEvent::Paused(_))
}

fn finished(e: &RunEvent) -> bool {
    matches!(e, RunEvent::Finished { .. })
}

/// Runs to the end; answers the finished record.
fn run_to_end(runs: &Runs, session: &Session, config: RunConfig) -> RunRecord {
    let (id, events) = start(runs, session, config);
    until(&events, finished);
    runs.get(id).unwrap()
}

/// An event without its timestamp (two runs start at different times).
fn untimed(e: &HistoryEvent) -> (u64, u64, &'static str, Option<(&'static str, Value)>) {
    (e.id, e.previous_event_id, e.kind, e.details.clone())
}

fn named(e: &HistoryEvent) -> Option<&str> {
    e.details.as_ref().and_then(|d| d.1["name"].as_str())
}

#[test]
fn a_paused_run_has_its_history_so_far_and_the_finished_history_is_the_same_as_without_a_pause() {
    let session = Session::open(&sample("order-processing")).unwrap();
    let runs = Runs::default();
    let (id, events) = start(
        &runs,
        &session,
        config("order-processing", json!({"breakpoints": [{"path": "ProcessPayment"}]})),
    );
    until(&events, paused);
    let record = runs.get(id).unwrap();
    assert_eq!(record.summary.status, RunStatus::Paused);
    let so_far = record.history.events;
    assert_eq!(so_far[0].kind, "ExecutionStarted");
    // In id order, each chained to the one before (the top level runs one state at a time;
    // ExecutionStarted is passed by, as AWS records it).
    for (i, e) in so_far.iter().enumerate() {
        assert_eq!(e.id, i as u64 + 1);
        assert_eq!(e.previous_event_id, if i < 2 { 0 } else { i as u64 }, "{e:?}");
    }
    let states: Vec<&str> =
        so_far.iter().filter(|e| e.kind.ends_with("StateEntered")).filter_map(named).collect();
    assert_eq!(states, ["ValidateOrder", "CheckInventory", "IsInStock"]);
    // Paused before entering: the state before it has exited, the paused one is not in yet.
    let last = so_far.last().unwrap();
    assert_eq!((last.kind, named(last)), ("ChoiceStateExited", Some("IsInStock")));

    runs.command(id, DebugCommand::Continue).unwrap();
    until(&events, finished);
    let done = runs.get(id).unwrap();
    assert_eq!(done.summary.status, RunStatus::Succeeded);
    assert_eq!(done.history.events[..so_far.len()], so_far[..], "what was shown at the pause stays");
    let unpaused = run_to_end(&runs, &session, config("order-processing", json!({})));
    let a: Vec<_> = done.history.events.iter().map(untimed).collect();
    let b: Vec<_> = unpaused.history.events.iter().map(untimed).collect();
    assert_eq!(a, b);
}

#[test]
fn a_rerun_from_a_state_begins_there_with_its_recorded_input_and_ends_as_the_first_run() {
    let name = "order-processing-jsonata";
    let session = Session::open(&sample(name)).unwrap();
    let runs = Runs::default();
    let first = run_to_end(&runs, &session, config(name, json!({})));
    assert_eq!(first.summary.status, RunStatus::Succeeded);
    let from = first.states.iter().position(|s| s.record.path == "IsInStock").unwrap();

    // The input in the config is not used: the state's recorded one is.
    let rerun = json!({"input": {"ignored": true}, "rerunFrom": {"run": first.summary.id, "pointer": "/States/IsInStock"}});
    let again = run_to_end(&runs, &session, config(name, rerun));
    assert_eq!(again.summary.input, first.states[from].record.input);
    assert_eq!((again.summary.status, &again.summary.output), (first.summary.status, &first.summary.output));
    let paths = |r: &RunRecord| r.states.iter().map(|s| s.record.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&again), paths(&first)[from..]);
    let outputs = |r: &RunRecord| r.states.iter().map(|s| s.record.output.clone()).collect::<Vec<_>>();
    assert_eq!(outputs(&again), outputs(&first)[from..]);

    let events = &again.history.events;
    assert_eq!(events[0].kind, "ExecutionStarted");
    let started = &events[0].details.as_ref().unwrap().1;
    assert_eq!(started["input"], json!(first.states[from].record.input.to_string()));
    assert_eq!((events[1].kind, named(&events[1])), ("ChoiceStateEntered", Some("IsInStock")));
}

#[test]
fn a_rerun_of_a_state_in_a_parallel_branch_begins_at_the_parallel_state() {
    let name = "parallel-risk-analysis";
    let session = Session::open(&sample(name)).unwrap();
    let runs = Runs::default();
    let first = run_to_end(&runs, &session, config(name, json!({})));
    let rerun = json!({"rerunFrom": {"run": first.summary.id,
        "pointer": "/States/RunRiskChecks/Branches/1/States/FraudCheck"}});
    let again = run_to_end(&runs, &session, config(name, rerun));
    let container = first.states.iter().find(|s| s.record.path == "RunRiskChecks").unwrap();
    assert_eq!(again.summary.input, container.record.input);
    assert_eq!(again.states[0].record.path, "RunRiskChecks");
    assert_eq!((again.summary.status, &again.summary.output), (first.summary.status, &first.summary.output));
    assert_eq!(again.states.len(), first.states.len());
}

#[test]
fn a_rerun_from_a_paused_run_takes_the_variables_the_state_saw_edits_included() {
    let name = "order-processing-jsonata";
    let session = Session::open(&sample(name)).unwrap();
    let runs = Runs::default();
    let (id, events) = start(&runs, &session, config(name, json!({"breakpoints": [{"path": "IsInStock"}]})));
    let RunEvent::Paused(point) = until(&events, paused) else { unreachable!() };
    assert!(point.variables["available"].as_f64().is_some_and(|n| n > 2.0), "{:?}", point.variables);
    // No stock in the variables IsInStock sees: it goes to OutOfStock.
    let mut variables = point.variables.clone();
    variables.insert("available".into(), json!(0));
    runs.edit(id, None, Some(variables)).unwrap();
    runs.command(id, DebugCommand::StepOver).unwrap();
    let second = until(&events, paused);
    let rec = runs.get(id).unwrap();
    assert_eq!(rec.summary.status, RunStatus::Paused, "{second:?} {:?}", rec.pending);

    let again = run_to_end(
        &runs,
        &session,
        config(name, json!({"rerunFrom": {"run": id, "pointer": "/States/IsInStock"}})),
    );
    assert_eq!(again.summary.status, RunStatus::Failed);
    assert_eq!(again.summary.error.as_deref(), Some("OutOfStock"));
    runs.stop(id).unwrap();
    until(&events, finished);
}

#[test]
fn a_rerun_from_what_did_not_run_is_refused() {
    let name = "order-processing";
    let session = Session::open(&sample(name)).unwrap();
    let runs = Runs::default();
    let first = run_to_end(&runs, &session, config(name, json!({})));
    let refused = |from: Value| {
        let config = config(name, json!({"rerunFrom": from}));
        runs.start(&session, config, |_| {}).map(|_| ()).unwrap_err().code()
    };
    let at = |pointer: &str, execution: usize| json!({"run": first.summary.id, "pointer": pointer, "execution": execution});
    assert_eq!(refused(at("/States/OutOfStock", 0)), "bad-run-config");
    assert_eq!(refused(at("/States/IsInStock", 1)), "bad-run-config", "IsInStock ran once");
    assert_eq!(refused(json!({"run": 99, "pointer": "/States/IsInStock"})), "no-such-run");
    assert_eq!(runs.list().len(), 1, "nothing started");
}

#[test]
fn a_rerun_from_the_second_pass_of_a_loop_takes_that_pass_s_input_and_variables() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("loop.asl.json");
    let machine = json!({"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
        "Init": {"Type": "Pass", "Assign": {"n": 0}, "Output": {"passes": []}, "Next": "Inc"},
        "Inc": {"Type": "Pass", "Assign": {"n": "{% $n + 1 %}"},
            "Output": {"passes": "{% $append($states.input.passes, $n) %}"}, "Next": "More"},
        "More": {"Type": "Choice", "Choices": [{"Condition": "{% $n < 3 %}", "Next": "Inc"}], "Default": "Done"},
        "Done": {"Type": "Succeed"}}});
    std::fs::write(&file, machine.to_string()).unwrap();
    let session = Session::open(&file).unwrap();
    let runs = Runs::default();
    let first = run_to_end(&runs, &session, serde_json::from_value(json!({})).unwrap());
    assert_eq!(first.summary.output, Some(json!({"passes": [0, 1, 2]})));
    let rerun = json!({"rerunFrom": {"run": first.summary.id, "pointer": "/States/Inc", "execution": 1}});
    let again = run_to_end(&runs, &session, serde_json::from_value(rerun).unwrap());
    // The second pass got [0] with $n = 1: two passes are left, to the same output.
    assert_eq!(again.summary.input, json!({"passes": [0]}));
    let names: Vec<&str> = again.states.iter().map(|s| s.record.name.as_str()).collect();
    assert_eq!(names, ["Inc", "More", "Inc", "More", "Done"]);
    assert_eq!(again.summary.output, first.summary.output);
}
