//! The hand-written history of tests/aws (an order: a Parallel with a retried Lambda
//! integration, a Map whose second item's Lambda error is caught; events interleaved and
//! chained as AWS records them): it is told state by state, and a local run of the same
//! machine with its task results as mocks shows no difference; a changed machine does.

mod common;

use asl_aws::{mock_config, run_diff, run_locally, run_of, HistoryMocks, StepStatus};
use asl_eval::{Mocks, Options};
use asl_model::{Document, Format};
use common::data;

fn recorded() -> asl_aws::Run {
    let text = std::fs::read_to_string(data("orders.history.json")).unwrap();
    run_of(&asl_aws::parse_history("orders.history.json", &text).unwrap())
}

fn machine(text: &str) -> Document {
    Document::parse(text, Format::Json).unwrap()
}

fn orders() -> String {
    std::fs::read_to_string(data("orders.asl.json")).unwrap()
}

#[test]
fn the_recorded_run_is_told_state_by_state() {
    let run = recorded();
    assert_eq!(run.status, "SUCCEEDED");
    let told: Vec<(&str, &str, StepStatus)> =
        run.steps.iter().map(|s| (s.key.as_str(), s.state_type.as_str(), s.status)).collect();
    assert_eq!(
        told,
        [
            ("Prepare", "Pass", StepStatus::Succeeded),
            ("Checks", "Parallel", StepStatus::Succeeded),
            ("CheckStock", "Task", StepStatus::Succeeded),
            ("ScoreFraud", "Task", StepStatus::Succeeded),
            ("ShipItems", "Map", StepStatus::Succeeded),
            ("ShipItems[0]/ShipItem", "Task", StepStatus::Succeeded),
            ("ShipItems[1]/ShipItem", "Task", StepStatus::Caught),
            ("ShipItems[1]/Backorder", "Pass", StepStatus::Succeeded),
            ("Done", "Succeed", StepStatus::Succeeded),
        ]
    );
    let stock = &run.steps[2];
    assert_eq!(stock.tasks.len(), 2, "the throttled attempt and its retry");
    assert_eq!(stock.tasks[0].error.as_ref().unwrap().0, "Lambda.TooManyRequestsException");
    assert_eq!(stock.tasks[1].output.as_ref().unwrap()["Payload"]["available"], true);
    assert_eq!(stock.error, None, "a retried error is not the state's");
    let caught = &run.steps[6];
    assert_eq!(caught.error.as_deref(), Some("OutOfStock"));
    assert_eq!(caught.output.as_ref().unwrap()["error"]["Error"], "OutOfStock");
}

#[test]
fn replayed_locally_with_the_recorded_results_nothing_differs() {
    let run = recorded();
    let local = run_locally(&machine(&orders()), &run, &HistoryMocks::of(&run), Options::default());
    let diff = run_diff(&run, &local);
    assert!(diff.is_same(), "{diff:#?}");
    assert_eq!(diff.rows.len(), 9);
}

#[test]
fn the_recorded_results_as_a_mock_config_file_replay_the_same() {
    let run = recorded();
    let config = mock_config(&run, "orders", "Recorded");
    assert_eq!(config["StateMachines"]["orders"]["TestCases"]["Recorded"]["CheckStock"], "CheckStockResults");
    assert_eq!(
        config["MockedResponses"]["CheckStockResults"]["0"]["Throw"]["Error"],
        "Lambda.TooManyRequestsException"
    );
    let mocks = Mocks::from_value(&config, None, Some("Recorded")).unwrap();
    let local = run_locally(&machine(&orders()), &run, &mocks, Options::default());
    assert!(run_diff(&run, &local).is_same());
}

#[test]
fn a_changed_machine_differs_first_where_it_changed() {
    let run = recorded();
    let changed = orders().replace("\"status\": \"BACKORDERED\"", "\"status\": \"DELAYED\"");
    let local = run_locally(&machine(&changed), &run, &HistoryMocks::of(&run), Options::default());
    let diff = run_diff(&run, &local);
    assert!(!diff.is_same());
    let first = &diff.rows[diff.first_difference.unwrap()];
    assert_eq!(first.key, "ShipItems[1]/Backorder", "not its Map: {diff:#?}");
    assert_eq!(first.differences, ["output"]);
    assert_eq!(diff.outcome, ["output"]);
    // The Map and the rest downstream differ too, and say so.
    let differing: Vec<&str> =
        diff.rows.iter().filter(|r| !r.differences.is_empty()).map(|r| r.key.as_str()).collect();
    assert_eq!(differing, ["ShipItems", "ShipItems[1]/Backorder", "Done"]);
}

#[test]
fn without_mocks_the_first_task_is_where_it_differs() {
    let run = recorded();
    let local = run_locally(&machine(&orders()), &run, &Mocks::default(), Options::default());
    let diff = run_diff(&run, &local);
    assert_eq!(diff.local.status, "FAILED");
    let first = &diff.rows[diff.first_difference.unwrap()];
    assert!(first.key == "CheckStock" || first.key == "ScoreFraud", "{}", first.key);
}

#[test]
fn malformed_history_files_name_the_file_and_the_place() {
    let text = std::fs::read_to_string(data("orders.history.json")).unwrap();
    let cut = &text[..text.len() / 2];
    let e = asl_aws::parse_history("cut.json", cut).unwrap_err();
    assert!(e.to_string().starts_with("cut.json: line "), "{e}");
    assert!(e.position.contains("column"), "{e}");

    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["events"][7].as_object_mut().unwrap().remove("type");
    let e = asl_aws::parse_history("h.json", &value.to_string()).unwrap_err();
    assert_eq!(e.to_string(), "h.json: events[7]: the event has no \"type\"");

    value["events"][7]["type"] = "TaskScheduled".into();
    value["events"][3]["timestamp"] = "yesterday".into();
    let e = asl_aws::parse_history("h.json", &value.to_string()).unwrap_err();
    assert!(e.to_string().starts_with("h.json: events[3]: \"timestamp\""), "{e}");

    let e = asl_aws::parse_history("h.json", r#"{"events": []}"#).unwrap_err();
    assert_eq!(e.to_string(), "h.json: the history has no events");
}
