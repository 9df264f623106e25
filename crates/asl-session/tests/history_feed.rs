//! A run fed from an execution's history (issue 17: a cloud execution watched, a history
//! file imported) is the same run the app shows for a local execution: fed the history
//! of a local run, it has the same states — paths into Parallel branches and Map
//! iterations, inputs, outputs, transitions — and the same end.

mod common;

use asl_model::Format;
use asl_session::run::{RunConfig, RunEvent, RunStatus, Runs};
use asl_session::Session;
use common::PATIENCE;
use serde_json::json;
use std::sync::mpsc::channel;

const MACHINE: &str = r#"{
  "StartAt": "Prepare",
  "States": {
    "Prepare": {"Type": "Pass", "Result": {"items": [1, 2, 3]}, "Next": "Both"},
    "Both": {
      "Type": "Parallel",
      "Branches": [
        {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "Result": "L", "Next": "LeftWait"},
                                       "LeftWait": {"Type": "Wait", "Seconds": 5, "End": true}}},
        {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "Result": "R", "End": true}}}
      ],
      "ResultPath": "$.both",
      "Next": "Each"
    },
    "Each": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "ItemProcessor": {"StartAt": "Double", "States": {
        "Double": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($, $)"}, "Next": "Big?"},
        "Big?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 4, "Next": "Big"}], "Default": "Small"},
        "Big": {"Type": "Succeed"},
        "Small": {"Type": "Succeed"}}},
      "End": true
    }
  }
}"#;

#[test]
fn a_history_fed_back_gives_the_run_it_came_from() {
    let runs = Runs::default();
    let mut session = Session::new_document(Format::Json);
    session.set_text(MACHINE.to_owned(), false);
    let config: RunConfig = serde_json::from_value(json!({"input": {"order": 7}})).unwrap();
    let (tx, _rx) = channel();
    let local = runs.start(&session, config, move |e| drop(tx.send(e))).unwrap();
    assert_eq!(runs.wait(local.id, PATIENCE).unwrap().status, RunStatus::Succeeded);
    let local = runs.get(local.id).unwrap();

    let (tx, rx) = channel();
    let doc = asl_model::Document::parse(MACHINE, Format::Json).unwrap();
    let mut feed = runs
        .follow_history(doc, None, "cloud".into(), json!({"order": 7}), move |e| drop(tx.send(e)))
        .unwrap();
    let id = feed.id();
    for event in &local.history.events {
        feed.event(event);
    }
    assert_eq!(runs.wait(id, PATIENCE).unwrap().status, RunStatus::Succeeded);
    let fed = runs.get(id).unwrap();

    assert_eq!(fed.summary.output, local.summary.output);
    assert_eq!(fed.history.events, local.history.events, "the history kept is the one fed");
    let view = |r: &asl_session::run::RunRecord| {
        let mut states: Vec<_> = r
            .states
            .iter()
            .map(|s| (s.record.path.clone(), s.pointer.clone(), s.record.input.clone(), s.record.output.clone(), s.from.clone(), s.ends))
            .collect();
        states.sort_by(|a, b| a.0.cmp(&b.0));
        states
    };
    let fed_states = view(&fed);
    assert!(fed_states.iter().any(|s| s.0 == "Both/0/LeftWait"), "{fed_states:#?}");
    assert!(fed_states.iter().any(|s| s.0 == "Each/2/Big"), "{fed_states:#?}");
    assert_eq!(fed_states, view(&local));
    // The canvas was told: states entered and left, then the end.
    let mut seen = Vec::new();
    while !matches!(seen.last(), Some(RunEvent::Finished { .. })) {
        seen.push(rx.recv_timeout(PATIENCE).unwrap_or_else(|_| panic!("no end told: {seen:#?}")));
    }
    assert!(seen.iter().any(|e| matches!(e, RunEvent::StateEntered { .. })), "{seen:#?}");
}

#[test]
fn a_history_cut_short_ends_the_run_with_what_was_seen() {
    let runs = Runs::default();
    let mut session = Session::new_document(Format::Json);
    session.set_text(MACHINE.to_owned(), false);
    let config: RunConfig = serde_json::from_value(json!({"input": {}})).unwrap();
    let local = runs.start(&session, config, |_| {}).unwrap();
    runs.wait(local.id, PATIENCE).unwrap();
    let events = runs.get(local.id).unwrap().history.events;

    let doc = asl_model::Document::parse(MACHINE, Format::Json).unwrap();
    let mut feed = runs.follow_history(doc, None, "cut".into(), json!({}), |_| {}).unwrap();
    let id = feed.id();
    for event in events.iter().take(6) {
        feed.event(event);
    }
    feed.abandon();
    let summary = runs.wait(id, PATIENCE).unwrap();
    assert_eq!(summary.status, RunStatus::Aborted);
    let record = runs.get(id).unwrap();
    assert_eq!(record.history.events.len(), 6);
    assert!(record.states.iter().any(|s| s.record.path == "Prepare" && s.record.output.is_some()));
}
