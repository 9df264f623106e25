//! Run mode's commands through Tauri's IPC path on the mock runtime: the events of a run
//! arrive over a real `Channel` (caught by a channel interceptor where a webview would get
//! them), and the debugger, callbacks, Stop, the run list and record and the tests answer
//! as the UI will call them.

mod common;

use asl_studio::AppState;
use serde_json::{json, Value};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Mutex;
use std::time::Duration;
use tauri::ipc::{CallbackFn, InvokeResponseBody};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::WebviewWindow;

const PATIENCE: Duration = Duration::from_secs(10);

struct App {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    /// (channel id, message) for every channel message sent to the webview.
    events: Receiver<(u32, Value)>,
    dir: tempfile::TempDir,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let (tx, events) = channel();
    let tx = Mutex::new(tx);
    let app = asl_studio::builder(mock_builder())
        .channel_interceptor(move |_, channel: CallbackFn, _, body: &InvokeResponseBody| {
            // A run's events come in batches (arrays); each is one event.
            if let InvokeResponseBody::Json(text) = body {
                let tx = tx.lock().unwrap();
                match serde_json::from_str(text).unwrap() {
                    Value::Array(batch) => batch.into_iter().for_each(|e| drop(tx.send((channel.0, e)))),
                    one => drop(tx.send((channel.0, one))),
                }
            }
            true
        })
        .manage(AppState::new(Some(dir.path().join("drafts")), None))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    App { _app: app, window, events, dir }
}

impl App {
    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        common::invoke(&self.window, cmd, body)
    }

    fn open_sample(&self, name: &str) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("../samples/{name}/{name}.asl.json"));
        self.call("document_open", json!({"path": path})).unwrap();
    }

    /// Channel `channel`'s events up to and including the first of type `event`.
    fn until(&self, channel: u32, event: &str) -> Vec<Value> {
        let mut out = Vec::new();
        loop {
            let (id, e) =
                self.events.recv_timeout(PATIENCE).unwrap_or_else(|_| panic!("{event} in {out:#?}"));
            if id != channel {
                continue;
            }
            let done = e["event"] == event;
            out.push(e);
            if done {
                return out;
            }
        }
    }

    /// Waits for channel `channel`'s first event of type `event` and answers it, keeping
    /// none of the others (a big run sends hundreds of thousands). A message is one event
    /// or a batch of them.
    fn last(&self, channel: u32, event: &str) -> Value {
        loop {
            let (id, message) = self.events.recv_timeout(PATIENCE).unwrap_or_else(|_| panic!("no {event}"));
            let batch = match message {
                Value::Array(events) => events,
                one => vec![one],
            };
            if let Some(e) = batch.into_iter().find(|e| id == channel && e["event"] == event) {
                return e;
            }
        }
    }
}

fn sample_json(name: &str, file: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../samples/{name}/{file}"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The UI's tests and its mock backend replay event streams recorded here, from the real
/// backend. Rewritten with `ASL_WRITE_FIXTURES=1`; otherwise the committed file must match.
/// A task token (random) is written as `TASK_TOKEN`.
fn check_fixture(name: &str, events: &[Value], token: Option<&str>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/fixtures").join(name);
    let mut text = serde_json::to_string_pretty(events).unwrap() + "\n";
    if let Some(token) = token {
        text = text.replace(token, "TASK_TOKEN");
    }
    if std::env::var_os("ASL_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == text, "ui/src/fixtures/{name} is out of date: run with ASL_WRITE_FIXTURES=1");
}

#[test]
fn a_debugged_run_streams_its_events_over_a_channel() {
    let app = app();
    assert_eq!(app.call("run_sources", json!({})).unwrap_err()["code"], "not-open");
    app.open_sample("parallel-risk-analysis");
    let sources = app.call("run_sources", json!({})).unwrap();
    assert_eq!(sources["mockFiles"][0]["file"], "mocks.json");
    assert_eq!(sources["testFiles"][0]["cases"].as_array().unwrap().len(), 5);

    let config = json!({"input": sample_json("parallel-risk-analysis", "input.json"),
        "mocks": {"kind": "file", "file": "mocks.json"},
        "breakpoints": [{"pointer": "/States/RunRiskChecks/Branches/1/States/FraudCheck", "place": "beforeEnter"}]});
    let summary = app.call("run_start", json!({"config": config, "onEvent": "__CHANNEL__:7"})).unwrap();
    assert_eq!(summary["status"], "RUNNING");
    let run = summary["id"].clone();
    let events = app.until(7, "paused");
    let mut stream = events.clone();
    // The page folds entries into colours and transitions: the state's values stay in Rust
    // (the record and its pages have them), so they do not cross IPC with every event.
    assert_eq!(
        events[0],
        json!({"event": "stateEntered", "path": "RunRiskChecks", "pointer": "/States/RunRiskChecks",
        "stateType": "Parallel", "input": null, "from": null})
    );
    let paused = events.last().unwrap();
    assert_eq!(
        (&paused["path"], &paused["place"], &paused["reason"]),
        (&json!("RunRiskChecks/1/FraudCheck"), &json!("beforeEnter"), &json!("breakpoint"))
    );
    assert_eq!(paused["pointer"], "/States/RunRiskChecks/Branches/1/States/FraudCheck");
    assert_eq!(app.call("run_get", json!({"runId": run})).unwrap()["status"], "PAUSED");

    app.call("debug_command", json!({"runId": run, "command": {"kind": "stepOver"}})).unwrap();
    let step = app.until(7, "paused");
    // The resume comes first, before anything the step runs.
    assert_eq!((&step[0]["event"], &step[0]["command"]), (&json!("resumed"), &json!("stepOver")));
    stream.extend(step.iter().cloned());
    let paused = step.last().unwrap().clone();
    assert_eq!((&paused["path"], &paused["place"]), (&json!("RunRiskChecks"), &json!("afterExit")));
    let mut output = paused["output"].clone();
    output["risk"]["creditScore"] = json!(333);
    let point = app.call("debug_edit", json!({"runId": run, "input": output})).unwrap();
    assert_eq!(point["output"]["risk"]["creditScore"], 333);
    app.call("debug_set_breakpoints", json!({"runId": run, "breakpoints": []})).unwrap();
    app.call("debug_command", json!({"runId": run, "command": {"kind": "continue"}})).unwrap();
    let rest = app.until(7, "finished");
    stream.extend(rest.iter().cloned());
    check_fixture("run-debugged.events.json", &stream, None);
    let end = rest.last().unwrap();
    assert_eq!(
        (&end["status"], &end["error"]),
        (&json!("FAILED"), &json!("LoanRejected")),
        "the edit rejected the loan"
    );

    let record = app.call("run_get", json!({"runId": run})).unwrap();
    assert_eq!(record["states"].as_array().unwrap().last().unwrap()["name"], "LoanRejected");
    assert_eq!(record["history"]["events"][0]["type"], "ExecutionStarted");
    assert_eq!(app.call("run_list", json!({})).unwrap().as_array().unwrap().len(), 1);
    let refused =
        app.call("debug_command", json!({"runId": run, "command": {"kind": "continue"}})).unwrap_err();
    assert_eq!(refused["code"], "run-finished");
    assert_eq!(app.call("run_get", json!({"runId": 99})).unwrap_err()["code"], "no-such-run");
}

#[test]
fn callbacks_are_answered_and_a_waiting_run_stops() {
    let app = app();
    app.open_sample("human-approval");
    let config = json!({"input": sample_json("human-approval", "input.json"), "mocks": {"kind": "file", "file": "mocks.json"}});
    let approve =
        app.call("run_start", json!({"config": config, "onEvent": "__CHANNEL__:3"})).unwrap()["id"].clone();
    let mut stream = app.until(3, "waitingForCallback");
    let waiting = stream.last().unwrap().clone();
    assert_eq!(waiting["pointer"], "/States/RequestApproval");
    assert_eq!(waiting["stateName"], "RequestApproval");
    let token = waiting["token"].clone();
    let output = json!({"decision": "APPROVED", "approverId": "E1"});
    let answer = json!({"runId": approve, "token": token, "outcome": {"kind": "success", "output": output}});
    app.call("callback_send", answer.clone()).unwrap();
    let rest = app.until(3, "finished");
    assert!(rest
        .iter()
        .any(|e| e["event"] == "callbackAnswered" && e["token"] == token && e["kind"] == "success"));
    stream.extend(rest.iter().cloned());
    assert_eq!(stream.last().unwrap()["status"], "SUCCEEDED");
    check_fixture("run-callback.events.json", &stream, token.as_str());
    assert_eq!(app.call("callback_send", answer).unwrap_err()["code"], "task-does-not-exist");

    let stop =
        app.call("run_start", json!({"config": config, "onEvent": "__CHANNEL__:4"})).unwrap()["id"].clone();
    app.until(4, "waitingForCallback");
    app.call("run_stop", json!({"runId": stop})).unwrap();
    assert_eq!(app.until(4, "finished").pop().unwrap()["status"], "ABORTED");
    let list = app.call("run_list", json!({})).unwrap();
    let statuses: Vec<&Value> = list.as_array().unwrap().iter().map(|r| &r["status"]).collect();
    assert_eq!(statuses, [&json!("SUCCEEDED"), &json!("ABORTED")]);
}

#[test]
fn the_tests_next_to_the_machine_run_with_coverage() {
    let app = app();
    app.open_sample("parallel-risk-analysis");
    let report = app.call("tests_run", json!({})).unwrap();
    assert_eq!((&report["passed"], &report["failed"]), (&json!(5), &json!(0)), "{report:#}");
    let rules = report["coverage"]["choiceRules"].as_array().unwrap();
    let default = rules.iter().find(|r| r["rule"] == "Default").unwrap();
    assert_eq!((&default["stateName"], &default["hits"]), (&json!("EvaluateRisk"), &json!(1)));
}

/// Issue #7's run: a counter loop of 50,000 iterations, 100,003 states entered.
const COUNTER_LOOP: &str = r#"{
  "StartAt": "Init",
  "States": {
    "Init": { "Type": "Pass", "Result": { "i": 0 }, "Next": "Check" },
    "Check": { "Type": "Choice", "Choices": [ { "Variable": "$.i", "NumericGreaterThanEquals": 50000, "Next": "Done" } ], "Default": "Step" },
    "Step": { "Type": "Pass", "Parameters": { "i.$": "States.MathAdd($.i, 1)" }, "Next": "Check" },
    "Done": { "Type": "Succeed" }
  }
}"#;

#[test]
fn a_100000_transition_express_run_is_read_in_pages() {
    let app = app();
    let file = app.dir.path().join("loop.asl.json");
    std::fs::write(&file, COUNTER_LOOP).unwrap();
    app.call("document_open", json!({"path": file})).unwrap();
    let config = json!({"executionType": "express"});
    let run =
        app.call("run_start", json!({"config": config, "onEvent": "__CHANNEL__:5"})).unwrap()["id"].clone();
    assert_eq!(app.last(5, "finished")["status"], "SUCCEEDED");

    // Init, 50,001 Checks, 50,000 Steps, Done; two events each, and the execution's two.
    let (states, events) = (100_003, 2 * 100_003 + 2);
    let record = app.call("run_get", json!({"runId": run})).unwrap();
    assert_eq!(
        (&record["stateCount"], &record["eventCount"], &record["paged"]),
        (&json!(states), &json!(events), &json!(true))
    );
    assert_eq!((&record["states"], &record["history"]["events"]), (&json!([]), &json!([])));
    assert_eq!(record["output"], json!({"i": 50_000}));

    // From id 4, each iteration takes four ids: Check entered and exited, Step entered and
    // exited. 100,001 = 4 + 4 * 24,999 + 1.
    let query = json!({"offset": 100_000, "limit": 300});
    let page = app.call("run_history_page", json!({"runId": run, "query": query})).unwrap();
    assert_eq!((&page["total"], &page["matched"]), (&json!(events), &json!(events)));
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 300);
    let row = |i: usize| {
        (rows[i]["event"]["id"].clone(), rows[i]["event"]["type"].clone(), rows[i]["state"].clone())
    };
    assert_eq!(row(0), (json!(100_001), json!("ChoiceStateExited"), json!("Check")));
    assert_eq!(row(1), (json!(100_002), json!("PassStateEntered"), json!("Step")));

    let query = json!({"offset": 25_000, "limit": 10, "filter": "step EXITED"});
    let page = app.call("run_history_page", json!({"runId": run, "query": query})).unwrap();
    assert_eq!(page["matched"], 50_000);
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 10);
    assert!(rows.iter().all(|r| r["state"] == "Step" && r["event"]["type"] == "PassStateExited"));
    let output = rows[0]["event"]["stateExitedEventDetails"]["output"].as_str().unwrap();
    assert_eq!(serde_json::from_str::<Value>(output).unwrap(), json!({"i": 25_001}), "the 25,001st Step");

    let newest = json!({"pointer": "/States/Step", "limit": 1});
    let found = app.call("run_state_executions", json!({"runId": run, "query": newest})).unwrap();
    assert_eq!((&found["total"], &found["offset"]), (&json!(50_000), &json!(49_999)));
    assert_eq!(found["executions"][0]["output"], json!({"i": 50_000}));
    let first = json!({"pointer": "/States/Step", "offset": 0, "limit": 2});
    let found = app.call("run_state_executions", json!({"runId": run, "query": first})).unwrap();
    let inputs: Vec<&Value> = found["executions"].as_array().unwrap().iter().map(|s| &s["input"]).collect();
    assert_eq!(inputs, [&json!({"i": 0}), &json!({"i": 1})]);

    let target = app.dir.path().join("history.json");
    let written = app.call("run_history_export", json!({"runId": run, "path": target})).unwrap();
    assert_eq!(written, json!(target.display().to_string()));
    let history: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    let exported = history["events"].as_array().unwrap();
    assert_eq!(exported.len(), events);
    assert_eq!(
        (&exported[0]["type"], &exported[events - 1]["type"]),
        (&json!("ExecutionStarted"), &json!("ExecutionSucceeded"))
    );
    let missing = app.call("run_history_page", json!({"runId": 99, "query": {"limit": 1}})).unwrap_err();
    assert_eq!(missing["code"], "no-such-run");
}

#[test]
fn a_paused_run_has_its_history_so_far_and_a_state_reruns_from_its_record() {
    let app = app();
    app.open_sample("order-processing");
    let mocks = json!({"kind": "file", "file": "mocks.json"});
    let config = json!({"input": sample_json("order-processing", "input.json"), "mocks": mocks,
        "breakpoints": [{"pointer": "/States/ProcessPayment"}]});
    let run =
        app.call("run_start", json!({"config": config, "onEvent": "__CHANNEL__:21"})).unwrap()["id"].clone();
    app.until(21, "paused");
    let record = app.call("run_get", json!({"runId": run})).unwrap();
    let events = record["history"]["events"].as_array().unwrap();
    let ids: Vec<u64> = events.iter().map(|e| e["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, (1..=ids.len() as u64).collect::<Vec<_>>(), "the events so far, in id order");
    assert_eq!(events.last().unwrap()["type"], "ChoiceStateExited");

    // While the first run waits, a new one from IsInStock with the input it received.
    let rerun =
        json!({"mocks": mocks, "rerunFrom": {"run": run, "pointer": "/States/IsInStock", "execution": 0}});
    let again = app.call("run_start", json!({"config": rerun, "onEvent": "__CHANNEL__:22"})).unwrap();
    let entered = record["states"].as_array().unwrap().iter().find(|s| s["name"] == "IsInStock").unwrap();
    assert_eq!(again["input"], entered["input"]);
    assert_eq!(app.until(22, "finished").pop().unwrap()["status"], "SUCCEEDED");
    let second = app.call("run_get", json!({"runId": again["id"]})).unwrap();
    assert_eq!(second["states"][0]["name"], "IsInStock");
    assert_eq!(second["history"]["events"][1]["type"], "ChoiceStateEntered");
    let refused = json!({"rerunFrom": {"run": run, "pointer": "/States/OrderFailed"}});
    let err = app.call("run_start", json!({"config": refused, "onEvent": "__CHANNEL__:23"})).unwrap_err();
    assert_eq!(err["code"], "bad-run-config");
    app.call("run_stop", json!({"runId": run})).unwrap();
}
