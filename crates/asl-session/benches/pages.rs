//! What the app answers the UI for a big run (issue #7): a 100,000-transition Express run
//! of a counter loop (50,000 iterations: ~200,000 history events). `run_get`'s record
//! leaves the states and history out; the history view reads pages of it, filtered or not,
//! and the inspector one state's executions. Each bench serializes its answer as the IPC
//! does. The sizes of the answers are printed once, before the timings.

use asl_model::Format;
use asl_session::run::{ExecutionsQuery, HistoryQuery, RunConfig, RunId, Runs};
use asl_session::Session;
use std::sync::OnceLock;
use std::time::Duration;

const COUNTER_LOOP: &str = r#"{
  "StartAt": "Init",
  "States": {
    "Init": { "Type": "Pass", "Result": { "i": 0 }, "Next": "Check" },
    "Check": { "Type": "Choice", "Choices": [ { "Variable": "$.i", "NumericGreaterThanEquals": 50000, "Next": "Done" } ], "Default": "Step" },
    "Step": { "Type": "Pass", "Parameters": { "i.$": "States.MathAdd($.i, 1)" }, "Next": "Check" },
    "Done": { "Type": "Succeed" }
  }
}"#;

/// The finished run, started once for every bench.
fn big_run() -> &'static (Runs, RunId) {
    static RUN: OnceLock<(Runs, RunId)> = OnceLock::new();
    RUN.get_or_init(|| {
        let session = Session::from_text(None, Format::Json, COUNTER_LOOP.to_owned());
        let config: RunConfig =
            serde_json::from_value(serde_json::json!({"executionType": "express"})).unwrap();
        let runs = Runs::default();
        let id = runs.start(&session, config, |_| {}).unwrap().id;
        runs.wait(id, Duration::from_secs(600)).unwrap();
        (runs, id)
    })
}

fn main() {
    let (runs, id) = big_run();
    let record = serde_json::to_string(&runs.get(*id).unwrap()).unwrap();
    let page = serde_json::to_string(&runs.history_page(*id, &middle()).unwrap()).unwrap();
    let filtered = runs.history_page(*id, &filtered()).unwrap();
    eprintln!(
        "run_get: {} bytes; a page of {} events: {} bytes; filter \"step exited\": {} of {} events",
        record.len(),
        middle().limit,
        page.len(),
        filtered.matched,
        filtered.total
    );
    divan::main();
}

fn middle() -> HistoryQuery {
    HistoryQuery { offset: 100_000, limit: 250, filter: None }
}

fn filtered() -> HistoryQuery {
    HistoryQuery { offset: 25_000, limit: 250, filter: Some("step exited".into()) }
}

#[divan::bench]
fn run_get() -> usize {
    let (runs, id) = big_run();
    serde_json::to_string(&runs.get(*id).unwrap()).unwrap().len()
}

#[divan::bench]
fn history_page_middle() -> usize {
    let (runs, id) = big_run();
    serde_json::to_string(&runs.history_page(*id, &middle()).unwrap()).unwrap().len()
}

#[divan::bench]
fn history_page_filtered() -> usize {
    let (runs, id) = big_run();
    serde_json::to_string(&runs.history_page(*id, &filtered()).unwrap()).unwrap().len()
}

#[divan::bench]
fn newest_execution_of_a_state() -> usize {
    let (runs, id) = big_run();
    let query = ExecutionsQuery { pointer: Some("/States/Step".into()), path: None, offset: None, limit: 1 };
    serde_json::to_string(&runs.state_executions(*id, &query).unwrap()).unwrap().len()
}
