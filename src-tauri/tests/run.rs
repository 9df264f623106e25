//! Run mode's commands through Tauri's IPC path on the mock runtime: the events of a run
//! arrive over a real `Channel` (caught by a channel interceptor where a webview would get
//! them), and the debugger, callbacks, Stop, the run list and record and the tests answer
//! as the UI will call them.

use asl_studio::AppState;
use serde_json::{json, Value};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Mutex;
use std::time::Duration;
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

const PATIENCE: Duration = Duration::from_secs(10);

struct App {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    /// (channel id, message) for every channel message sent to the webview.
    events: Receiver<(u32, Value)>,
    _dir: tempfile::TempDir,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let (tx, events) = channel();
    let tx = Mutex::new(tx);
    let app = asl_studio::builder(mock_builder())
        .channel_interceptor(move |_, channel: CallbackFn, _, body: &InvokeResponseBody| {
            if let InvokeResponseBody::Json(text) = body {
                let _ = tx.lock().unwrap().send((channel.0, serde_json::from_str(text).unwrap()));
            }
            true
        })
        .manage(AppState::new(Some(dir.path().join("drafts")), None))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    App { _app: app, window, events, _dir: dir }
}

impl App {
    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|b| b.deserialize::<Value>().unwrap())
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
}

fn sample_json(name: &str, file: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../samples/{name}/{file}"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
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
        "breakpoints": [{"path": "RunRiskChecks/1/FraudCheck", "place": "beforeEnter"}]});
    let summary = app.call("run_start", json!({"config": config, "onEvent": "__CHANNEL__:7"})).unwrap();
    assert_eq!(summary["status"], "RUNNING");
    let run = summary["id"].clone();
    let events = app.until(7, "paused");
    assert_eq!(
        events[0],
        json!({"event": "stateEntered", "path": "RunRiskChecks", "stateType": "Parallel",
        "input": sample_json("parallel-risk-analysis", "input.json")})
    );
    let paused = events.last().unwrap();
    assert_eq!(
        (&paused["path"], &paused["place"], &paused["reason"]),
        (&json!("RunRiskChecks/1/FraudCheck"), &json!("beforeEnter"), &json!("breakpoint"))
    );
    assert_eq!(app.call("run_get", json!({"runId": run})).unwrap()["status"], "PAUSED");

    app.call("debug_command", json!({"runId": run, "command": {"kind": "stepOver"}})).unwrap();
    let paused = app.until(7, "paused").pop().unwrap();
    assert_eq!((&paused["path"], &paused["place"]), (&json!("RunRiskChecks"), &json!("afterExit")));
    let mut output = paused["output"].clone();
    output["risk"]["creditScore"] = json!(333);
    let point = app.call("debug_edit", json!({"runId": run, "input": output})).unwrap();
    assert_eq!(point["output"]["risk"]["creditScore"], 333);
    app.call("debug_set_breakpoints", json!({"runId": run, "breakpoints": []})).unwrap();
    app.call("debug_command", json!({"runId": run, "command": {"kind": "continue"}})).unwrap();
    let end = app.until(7, "finished").pop().unwrap();
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
    let waiting = app.until(3, "waitingForCallback").pop().unwrap();
    assert_eq!(waiting["stateName"], "RequestApproval");
    let token = waiting["token"].clone();
    let output = json!({"decision": "APPROVED", "approverId": "E1"});
    let answer = json!({"runId": approve, "token": token, "outcome": {"kind": "success", "output": output}});
    app.call("callback_send", answer.clone()).unwrap();
    assert_eq!(app.until(3, "finished").pop().unwrap()["status"], "SUCCEEDED");
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

#[test]
fn a_paused_run_has_its_history_so_far_and_a_state_reruns_from_its_record() {
    let app = app();
    app.open_sample("order-processing");
    let mocks = json!({"kind": "file", "file": "mocks.json"});
    let config = json!({"input": sample_json("order-processing", "input.json"), "mocks": mocks,
        "breakpoints": [{"path": "ProcessPayment"}]});
    let run = app.call("run_start", json!({"config": config, "onEvent": "__CHANNEL__:21"})).unwrap()["id"].clone();
    app.until(21, "paused");
    let record = app.call("run_get", json!({"runId": run})).unwrap();
    let events = record["history"]["events"].as_array().unwrap();
    let ids: Vec<u64> = events.iter().map(|e| e["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, (1..=ids.len() as u64).collect::<Vec<_>>(), "the events so far, in id order");
    assert_eq!(events.last().unwrap()["type"], "ChoiceStateExited");

    // While the first run waits, a new one from IsInStock with the input it received.
    let rerun = json!({"mocks": mocks, "rerunFrom": {"run": run, "pointer": "/States/IsInStock", "execution": 0}});
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
