//! `--data-dir`: a server started again on the same folder has every machine, activity,
//! tag and finished execution (with its history) it acknowledged; an execution that was
//! running comes back RUNNING and can be stopped.

use asl_serve::{Config, Server};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::Path;

async fn call(addr: SocketAddr, operation: &str, body: Value) -> Value {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
    tokio::spawn(conn);
    let request = hyper::Request::post("/")
        .header("x-amz-target", format!("AWSStepFunctions.{operation}"))
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap()
}

/// A server on `dir` until the returned sender is dropped or fired.
async fn start(dir: &Path) -> (SocketAddr, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let config = Config { port: 0, workers: 1, data_dir: Some(dir.to_path_buf()), ..Config::default() };
    let server = Server::bind(config).await.unwrap();
    let addr = server.local_addr();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let handle = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    (addr, stop, handle)
}

async fn finished(addr: SocketAddr, arn: &Value) -> Value {
    for _ in 0..500 {
        let d = call(addr, "DescribeExecution", json!({"executionArn": arn})).await;
        if d["status"] != "RUNNING" {
            return d;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    panic!("still running");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_keeps_what_was_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let role = "arn:aws:iam::123456789012:role/r";
    let pass =
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"kept": true}, "End": true}}});
    let wait = json!({"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"t.$": "$$.Task.Token"}, "End": true}}});

    let (addr, stop, handle) = start(dir.path()).await;
    let m = call(
        addr,
        "CreateStateMachine",
        json!({"name": "Kept", "definition": pass.to_string(), "roleArn": role,
        "tags": [{"key": "k", "value": "v"}]}),
    )
    .await;
    let w = call(
        addr,
        "CreateStateMachine",
        json!({"name": "Waits", "definition": wait.to_string(), "roleArn": role}),
    )
    .await;
    call(addr, "CreateActivity", json!({"name": "act"})).await;
    let v1 = call(addr, "PublishStateMachineVersion", json!({"stateMachineArn": m["stateMachineArn"]})).await;
    let alias = call(
        addr,
        "CreateStateMachineAlias",
        json!({"name": "live",
        "routingConfiguration": [{"stateMachineVersionArn": v1["stateMachineVersionArn"], "weight": 100}]}),
    )
    .await;
    let done =
        call(addr, "StartExecution", json!({"stateMachineArn": m["stateMachineArn"], "name": "done"})).await;
    let before = finished(addr, &done["executionArn"]).await;
    let history_before =
        call(addr, "GetExecutionHistory", json!({"executionArn": done["executionArn"]})).await;
    let running =
        call(addr, "StartExecution", json!({"stateMachineArn": w["stateMachineArn"], "name": "open"})).await;
    // The server goes away once the waiting execution's history is in the folder.
    let db = rusqlite::Connection::open(dir.path().join("asl-serve.sqlite3")).unwrap();
    let written = || -> String {
        db.query_row("SELECT history FROM executions WHERE name = 'open'", [], |r| r.get(0))
            .unwrap_or_default()
    };
    for _ in 0..1000 {
        if written().contains("TaskStarted") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let _ = stop.send(());
    handle.await.unwrap();

    let (addr, _stop, _handle) = start(dir.path()).await;
    let machines = call(addr, "ListStateMachines", json!({})).await;
    let names: Vec<&str> =
        machines["stateMachines"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Kept", "Waits"]);
    let tags = call(addr, "ListTagsForResource", json!({"resourceArn": m["stateMachineArn"]})).await;
    assert_eq!(tags["tags"], json!([{"key": "k", "value": "v"}]));
    assert_eq!(call(addr, "ListActivities", json!({})).await["activities"][0]["name"], "act");
    let versions =
        call(addr, "ListStateMachineVersions", json!({"stateMachineArn": m["stateMachineArn"]})).await;
    assert_eq!(versions["stateMachineVersions"][0]["stateMachineVersionArn"], v1["stateMachineVersionArn"]);
    let routed = call(
        addr,
        "DescribeStateMachineAlias",
        json!({"stateMachineAliasArn": alias["stateMachineAliasArn"]}),
    )
    .await;
    assert_eq!(routed["routingConfiguration"][0]["stateMachineVersionArn"], v1["stateMachineVersionArn"]);
    let after = call(addr, "DescribeExecution", json!({"executionArn": done["executionArn"]})).await;
    assert_eq!(after, before);
    let history_after =
        call(addr, "GetExecutionHistory", json!({"executionArn": done["executionArn"]})).await;
    assert_eq!(history_after, history_before);
    // It ran when the server went away: RUNNING, with nothing behind it, until stopped.
    let open = call(addr, "DescribeExecution", json!({"executionArn": running["executionArn"]})).await;
    assert_eq!(open["status"], "RUNNING");
    // Its history was written when it began to wait: it shows where it stood.
    let so_far = call(addr, "GetExecutionHistory", json!({"executionArn": running["executionArn"]})).await;
    let kinds: Vec<&str> =
        so_far["events"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted"]);
    call(addr, "StopExecution", json!({"executionArn": running["executionArn"], "cause": "after restart"}))
        .await;
    let stopped = call(addr, "DescribeExecution", json!({"executionArn": running["executionArn"]})).await;
    assert_eq!(
        (stopped["status"].as_str(), stopped["cause"].as_str()),
        (Some("ABORTED"), Some("after restart"))
    );
    // The new executions of a reloaded machine run too.
    let again = call(addr, "StartExecution", json!({"stateMachineArn": m["stateMachineArn"]})).await;
    assert_eq!(finished(addr, &again["executionArn"]).await["output"], "{\"kept\":true}");
}
