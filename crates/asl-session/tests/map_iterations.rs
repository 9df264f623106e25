//! The Map run viewer's rows (issue 13, item 4) on a real run: a 5-item inline Map whose
//! third item fails with one failure tolerated — five iterations, one failed, with the
//! failure's state to open and its input; the filter, the paging, and a retried Map.

use asl_model::Format;
use asl_session::run::{
    IterationStatus, IterationsQuery, MapIterations, RunConfig, RunEvent, RunStatus, Runs,
};
use asl_session::Session;
use serde_json::{json, Value};

mod common;
use common::{start, PATIENCE};

/// Items → Each (a Map over [1..5], item 3 fails), one failure tolerated; `extra` goes into
/// the Map.
fn machine(extra: Value) -> String {
    let mut each = json!({
        "Type": "Map", "MaxConcurrency": 1, "ToleratedFailureCount": 1, "End": true,
        "ItemProcessor": {"StartAt": "Check", "States": {
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 3, "Next": "Bad"}],
                      "Default": "Good"},
            "Bad": {"Type": "Fail", "Error": "Three", "Cause": "item 3 fails"},
            "Good": {"Type": "Pass", "Parameters": {"doubled.$": "States.MathAdd($, $)"}, "End": true}}}});
    for (k, v) in extra.as_object().cloned().unwrap_or_default() {
        each[k] = v;
    }
    json!({"StartAt": "Items", "States": {
        "Items": {"Type": "Pass", "Result": [1, 2, 3, 4, 5], "Next": "Each"},
        "Each": each}})
    .to_string()
}

const DISTRIBUTED: &str = r#"{"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
    "StartAt": "Check", "States": {
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 3, "Next": "Bad"}],
                  "Default": "Good"},
        "Bad": {"Type": "Fail", "Error": "Three", "Cause": "item 3 fails"},
        "Good": {"Type": "Pass", "Parameters": {"doubled.$": "States.MathAdd($, $)"}, "End": true}}}"#;

fn distributed() -> Value {
    json!({"ItemProcessor": serde_json::from_str::<Value>(DISTRIBUTED).unwrap()})
}

fn finished_run(text: String) -> (Runs, u64) {
    let session = Session::from_text(None, Format::Json, text);
    let runs = Runs::default();
    let config: RunConfig = serde_json::from_value(json!({"input": {}})).unwrap();
    let (id, events) = start(&runs, &session, config);
    loop {
        if let RunEvent::Finished { .. } = events.recv_timeout(PATIENCE).expect("the run ends in time") {
            break;
        }
    }
    (runs, id)
}

fn query(offset: usize, limit: usize, failed_only: bool) -> IterationsQuery {
    IterationsQuery { pointer: "/States/Each".into(), offset, limit, failed_only }
}

#[test]
fn five_iterations_one_failed_with_what_opens_it() {
    let (runs, id) = finished_run(machine(json!({})));
    assert_eq!(runs.get(id).unwrap().summary.status, RunStatus::Succeeded);
    let page: MapIterations = runs.map_iterations(id, &query(0, 100, false)).unwrap();
    assert_eq!((page.total, page.failed, page.matched), (5, 1, 5));
    let statuses: Vec<IterationStatus> = page.rows.iter().map(|r| r.status).collect();
    use IterationStatus::{Failed, Succeeded};
    assert_eq!(statuses, [Succeeded, Succeeded, Failed, Succeeded, Succeeded]);
    assert_eq!(page.rows.iter().map(|r| r.index).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);

    let ok = &page.rows[1];
    assert_eq!(ok.input, Some(json!(2)));
    assert_eq!(ok.output, Some(json!({"doubled": 4})));
    assert_eq!(
        (ok.error.as_deref(), ok.pointer.as_deref()),
        (None, Some("/States/Each/ItemProcessor/States/Good"))
    );
    // Good ran for items 1, 2, 4, 5: item 2 is its second execution.
    assert_eq!(ok.execution, 1);
    // Durations come from the history (the virtual clock: no time passes in a Pass).
    assert!(page.rows.iter().all(|r| r.duration_ms == Some(0)), "{:?}", page.rows);

    let bad = &page.rows[2];
    assert_eq!(bad.input, Some(json!(3)));
    assert_eq!(bad.output, None);
    assert_eq!((bad.error.as_deref(), bad.cause.as_deref()), (Some("Three"), Some("item 3 fails")));
    assert_eq!((bad.pointer.as_deref(), bad.execution), (Some("/States/Each/ItemProcessor/States/Bad"), 0));

    // The filter keeps the failed one, and still counts them all.
    let failed = runs.map_iterations(id, &query(0, 100, true)).unwrap();
    assert_eq!((failed.total, failed.failed, failed.matched), (5, 1, 1));
    assert_eq!(failed.rows.len(), 1);
    assert_eq!(failed.rows[0].index, 2);

    // A page.
    let page = runs.map_iterations(id, &query(3, 10, false)).unwrap();
    assert_eq!(page.rows.iter().map(|r| r.index).collect::<Vec<_>>(), [3, 4]);
    assert_eq!(page.offset, 3);

    // Another state is not a Map: no iterations.
    let none =
        runs.map_iterations(id, &IterationsQuery { pointer: "/States/Items".into(), ..query(0, 10, false) });
    assert_eq!(none.unwrap().total, 0);
}

#[test]
fn a_retried_map_lists_each_attempts_iterations() {
    // A failure past the tolerance fails the Map; Retry enters it again (3 iterations
    // each time: the third fails, then the Map stops starting new ones).
    let text = machine(json!({"ToleratedFailureCount": 0,
        "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1, "IntervalSeconds": 1}]}));
    let (runs, id) = finished_run(text);
    assert_eq!(runs.get(id).unwrap().summary.status, RunStatus::Failed);
    let page = runs.map_iterations(id, &query(0, 100, false)).unwrap();
    let indexes: Vec<usize> = page.rows.iter().map(|r| r.index).collect();
    assert_eq!(indexes, [0, 1, 2, 0, 1, 2]);
    assert_eq!(page.failed, 2);
    // Each entry's failed iteration opens its own execution of Bad.
    let bad: Vec<usize> =
        page.rows.iter().filter(|r| r.status == IterationStatus::Failed).map(|r| r.execution).collect();
    assert_eq!(bad, [0, 1]);
    assert!(
        page.rows.iter().all(|r| r.duration_ms.is_some()),
        "the history pairs each entry's iterations: {:?}",
        page.rows
    );
}

#[test]
fn a_distributed_maps_child_executions_are_its_iterations_and_their_states_are_recorded() {
    let text = machine(distributed());
    let (runs, id) = finished_run(text);
    let record = runs.get(id).unwrap();
    assert_eq!(record.summary.status, RunStatus::Succeeded);
    // The children's states are in the record, under the Map's path, as an inline Map's.
    let bad: Vec<&str> = record
        .states
        .iter()
        .filter(|s| s.pointer.as_deref() == Some("/States/Each/ItemProcessor/States/Bad"))
        .map(|s| s.record.path.as_str())
        .collect();
    assert_eq!(bad, ["Each/2/Bad"]);
    let good = record.states.iter().find(|s| s.record.path == "Each/1/Good").expect("child 1 ran Good");
    assert_eq!(good.record.output, Some(json!({"doubled": 4})));
    // The parent's own states keep what the live record knew.
    let each = record.states.iter().find(|s| s.record.path == "Each").unwrap();
    assert!(each.ends && each.from.as_deref() == Some("/States/Items"), "{each:?}");

    let page = runs.map_iterations(id, &query(0, 100, false)).unwrap();
    assert_eq!((page.total, page.failed), (5, 1));
    let failed = runs.map_iterations(id, &query(0, 100, true)).unwrap();
    let row = &failed.rows[0];
    assert_eq!((row.index, row.input.clone()), (2, Some(json!(3))));
    assert_eq!((row.error.as_deref(), row.cause.as_deref()), (Some("Three"), Some("item 3 fails")));
    assert_eq!((row.pointer.as_deref(), row.execution), (Some("/States/Each/ItemProcessor/States/Bad"), 0));
    // No MapIteration events for children: they are timed by their states' clock, which
    // these (a Choice, then Pass or Fail) do not move.
    assert!(page.rows.iter().all(|r| r.duration_ms == Some(0)), "{:?}", page.rows);
}

#[test]
fn a_distributed_maps_child_executions_are_timed_on_the_executions_clock() {
    // Each child waits as many seconds as its item (virtual clock), then the Choice.
    let processor = DISTRIBUTED.replace(r#""StartAt": "Check""#, r#""StartAt": "Pause""#).replace(
        r#""States": {"#,
        r#""States": {"Pause": {"Type": "Wait", "SecondsPath": "$", "Next": "Check"},"#,
    );
    let text = machine(json!({"ItemProcessor": serde_json::from_str::<Value>(&processor).unwrap()}));
    let (runs, id) = finished_run(text);
    let page = runs.map_iterations(id, &query(0, 100, false)).unwrap();
    let durations: Vec<Option<u64>> = page.rows.iter().map(|r| r.duration_ms).collect();
    assert_eq!(durations, [Some(1000), Some(2000), Some(3000), Some(4000), Some(5000)]);
}

#[test]
fn a_breakpoint_in_a_distributed_maps_child_pauses_there_and_stop_aborts_the_run() {
    let session = Session::from_text(None, Format::Json, machine(distributed()));
    let runs = Runs::default();
    let config: RunConfig = serde_json::from_value(json!({"input": {},
        "breakpoints": [{"path": "Each/*/Bad", "place": "beforeEnter"}]}))
    .unwrap();
    let (id, events) = start(&runs, &session, config);
    loop {
        match events.recv_timeout(PATIENCE).expect("a pause in time") {
            RunEvent::Paused(point) => {
                assert_eq!(point.path, "Each/2/Bad");
                break;
            }
            RunEvent::Finished { .. } => panic!("finished without pausing in the child"),
            _ => {}
        }
    }
    runs.stop(id).unwrap();
    loop {
        if let RunEvent::Finished { .. } = events.recv_timeout(PATIENCE).expect("the run ends in time") {
            break;
        }
    }
    // Stopped, not failed by a child that could not go on.
    assert_eq!(runs.get(id).unwrap().summary.status, RunStatus::Aborted);
}
