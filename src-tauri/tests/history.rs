//! Bringing an execution home through the app's commands (issue 17, item 5): a history
//! file in GetExecutionHistory's shape (tests/aws: a Parallel with a retried Lambda, a
//! Map whose iteration catches an error) is imported as a run of the open machine, drawn
//! at its branches and iterations, and its run diff against a local run of the same
//! document, with the recorded task results as mocks, shows no difference. A malformed
//! file is refused by name, and nothing is added to the runs.

mod common;

use asl_studio::AppState;
use serde_json::{json, Value};
use std::path::PathBuf;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::WebviewWindow;

fn data(name: &str) -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/aws").join(name)
}

fn app() -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = asl_studio::builder(mock_builder())
        .manage(AppState::new(Some(dir.path().join("drafts")), None))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    (app, window, dir)
}

#[test]
fn an_imported_history_is_a_run_and_matches_a_local_run() {
    let (_app, window, _dir) = app();
    let call = |cmd: &str, body: Value| common::invoke(&window, cmd, body);
    call("document_open", json!({"path": data("orders.asl.json")})).unwrap();
    let summary = call("history_import", json!({"path": data("orders.history.json")})).unwrap();
    assert_eq!(summary["status"], "SUCCEEDED", "{summary}");
    let id = summary["id"].as_u64().unwrap();
    let record = call("run_get", json!({"runId": id})).unwrap();
    let paths: Vec<&str> = record["states"].as_array().unwrap().iter().map(|s| s["path"].as_str().unwrap()).collect();
    // Drawn where it ran: inside a Parallel branch and a Map iteration.
    assert!(paths.iter().any(|p| p.matches('/').count() == 2 && p.contains("/1/")), "{paths:?}");
    assert_eq!(record["history"]["events"].as_array().unwrap().len(), recorded_events());

    let diff = call("run_diff_local", json!({"runId": id})).unwrap();
    assert_eq!(diff["first_difference"], Value::Null, "{diff:#}");
    assert_eq!(diff["outcome"], json!([]), "{diff:#}");
    assert!(diff["rows"].as_array().unwrap().len() >= paths.len() / 2);
}

fn recorded_events() -> usize {
    let text = std::fs::read_to_string(data("orders.history.json")).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    value["events"].as_array().map_or_else(|| value.as_array().unwrap().len(), Vec::len)
}

#[test]
fn a_malformed_history_is_refused_by_name_and_adds_no_run() {
    let (_app, window, dir) = app();
    let call = |cmd: &str, body: Value| common::invoke(&window, cmd, body);
    call("document_open", json!({"path": data("orders.asl.json")})).unwrap();
    let bad = dir.path().join("broken.history.json");
    std::fs::write(&bad, "{\"events\": [{\"id\": 1, \"type\": \"ExecutionStarted\"").unwrap();
    let error = call("history_import", json!({"path": bad})).unwrap_err();
    assert!(error["message"].as_str().unwrap().contains("broken.history.json"), "{error}");
    assert_eq!(call("run_list", json!({})).unwrap(), json!([]));
}
