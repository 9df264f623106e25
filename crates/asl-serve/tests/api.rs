//! The server in-process, driven over HTTP as an SDK drives it (AWS JSON 1.0): the
//! operations' shapes, callbacks, stopping, and bad requests.

use asl_serve::{Config, ServeError, Server};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use std::net::SocketAddr;

struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn start() -> Running {
    let server = Server::bind(Config { port: 0, workers: 2, ..Config::default() }).await.unwrap();
    let addr = server.local_addr();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    Running { addr, stop: Some(stop) }
}

/// One request: (HTTP status, JSON body).
async fn raw(addr: SocketAddr, target: Option<&str>, body: Vec<u8>) -> (u16, Value) {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
    tokio::spawn(conn);
    let mut request = hyper::Request::post("/")
        .header("host", "sync-localhost")
        .header("content-type", "application/x-amz-json-1.0")
        .header("authorization", "AWS4-HMAC-SHA256 Credential=x/20240101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=00");
    if let Some(t) = target {
        request = request.header("x-amz-target", t);
    }
    let response = sender.send_request(request.body(Full::new(Bytes::from(body))).unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap())
}

async fn call(addr: SocketAddr, operation: &str, body: Value) -> Result<Value, (String, String)> {
    let (status, value) =
        raw(addr, Some(&format!("AWSStepFunctions.{operation}")), body.to_string().into_bytes()).await;
    if status == 200 {
        Ok(value)
    } else {
        Err((
            value["__type"].as_str().unwrap().to_owned(),
            value["message"].as_str().unwrap_or_default().to_owned(),
        ))
    }
}

async fn described(addr: SocketAddr, arn: &Value) -> Value {
    for _ in 0..500 {
        let d = call(addr, "DescribeExecution", json!({"executionArn": arn})).await.unwrap();
        if d["status"] != "RUNNING" {
            return d;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    panic!("still running");
}

const ROLE: &str = "arn:aws:iam::123456789012:role/r";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_execution_from_create_to_history() {
    let s = start().await;
    let definition = json!({"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 60, "Next": "P"},
        "P": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "End": true}}});
    let created = call(
        s.addr,
        "CreateStateMachine",
        json!({"name": "Add", "definition": definition.to_string(), "roleArn": ROLE}),
    )
    .await
    .unwrap();
    assert_eq!(created["stateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:Add");
    assert!(created["creationDate"].is_number(), "dates are epoch seconds");
    let started = call(s.addr, "StartExecution", json!({"stateMachineArn": created["stateMachineArn"], "name": "one", "input": "{\"a\": 2, \"b\": 3}"})).await.unwrap();
    let d = described(s.addr, &started["executionArn"]).await;
    assert_eq!((d["status"].as_str(), d["output"].as_str()), (Some("SUCCEEDED"), Some("{\"sum\":5}")));
    assert_eq!(d["stopDate"].as_f64().unwrap() - d["startDate"].as_f64().unwrap(), 60.0, "virtual clock");
    let h = call(
        s.addr,
        "GetExecutionHistory",
        json!({"executionArn": started["executionArn"], "reverseOrder": true, "maxResults": 2}),
    )
    .await
    .unwrap();
    let types: Vec<&str> =
        h["events"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["ExecutionSucceeded", "PassStateExited"]);
    let rest = call(
        s.addr,
        "GetExecutionHistory",
        json!({"executionArn": started["executionArn"], "reverseOrder": true, "nextToken": h["nextToken"]}),
    )
    .await
    .unwrap();
    let ids: Vec<u64> =
        rest["events"].as_array().unwrap().iter().map(|e| e["id"].as_u64().unwrap()).collect();
    assert_eq!(ids.first(), Some(&(h["events"][1]["id"].as_u64().unwrap() - 1)));
    assert_eq!(ids.last(), Some(&1));
    assert!(rest.get("nextToken").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callbacks_are_answered_and_executions_stopped() {
    let s = start().await;
    let definition = json!({"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
        "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
        "Parameters": {"Message": {"token.$": "$$.Task.Token"}}, "End": true}}});
    let m = call(
        s.addr,
        "CreateStateMachine",
        json!({"name": "Ask", "definition": definition.to_string(), "roleArn": ROLE}),
    )
    .await
    .unwrap();
    let arn = &m["stateMachineArn"];
    let mut token = String::new();
    let e = call(s.addr, "StartExecution", json!({"stateMachineArn": arn})).await.unwrap();
    for _ in 0..500 {
        let h =
            call(s.addr, "GetExecutionHistory", json!({"executionArn": e["executionArn"]})).await.unwrap();
        if let Some(p) = h["events"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|e| e["taskScheduledEventDetails"]["parameters"].as_str())
        {
            token =
                serde_json::from_str::<Value>(p).unwrap()["Message"]["token"].as_str().unwrap().to_owned();
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    call(s.addr, "SendTaskSuccess", json!({"taskToken": token, "output": "[1, 2]"})).await.unwrap();
    assert_eq!(described(s.addr, &e["executionArn"]).await["output"], "[1,2]");
    assert_eq!(
        call(s.addr, "SendTaskFailure", json!({"taskToken": token})).await.unwrap_err().0,
        "TaskDoesNotExist"
    );

    let e2 = call(s.addr, "StartExecution", json!({"stateMachineArn": arn})).await.unwrap();
    call(s.addr, "StopExecution", json!({"executionArn": e2["executionArn"], "cause": "test"}))
        .await
        .unwrap();
    let d = described(s.addr, &e2["executionArn"]).await;
    assert_eq!((d["status"].as_str(), d["cause"].as_str()), (Some("ABORTED"), Some("test")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_aws_errors() {
    let s = start().await;
    let (status, body) =
        raw(s.addr, Some("AWSStepFunctions.ListStateMachines"), b"{\"maxResults\": ".to_vec()).await;
    assert_eq!((status, body["__type"].as_str()), (400, Some("SerializationException")));
    let (status, body) = raw(s.addr, Some("AWSStepFunctions.Nope"), b"{}".to_vec()).await;
    assert_eq!((status, body["__type"].as_str()), (400, Some("UnknownOperationException")));
    let (status, body) =
        raw(s.addr, Some("AWSStepFunctions.StartExecution"), vec![b' '; 1024 * 1024 + 1]).await;
    assert_eq!((status, body["__type"].as_str()), (413, Some("RequestEntityTooLargeException")));
    let e = call(s.addr, "CreateStateMachine", json!({"name": "x", "definition": "{}", "roleArn": ROLE}))
        .await
        .unwrap_err();
    assert_eq!(e.0, "InvalidDefinition");
    let e =
        call(s.addr, "StartExecution", json!({"stateMachineArn": ["not", "a", "string"]})).await.unwrap_err();
    assert_eq!(e.0, "SerializationException");
    let e = call(s.addr, "DescribeExecution", json!({})).await.unwrap_err();
    assert_eq!(e, ("ValidationException".into(), "1 validation error detected: Value null at 'executionArn' failed to satisfy constraint: Member must not be null".into()));
    // Paging tokens are the client's to forge: the largest position is no panic.
    use base64::Engine as _;
    for kind in ["machines", "activities", "history", "executions", "versions"] {
        let token =
            base64::engine::general_purpose::STANDARD.encode(format!("asl-serve:{kind}:{}", usize::MAX));
        for op in ["ListStateMachines", "ListActivities"] {
            let _ = call(s.addr, op, json!({"nextToken": token, "maxResults": 1000})).await;
        }
    }
    assert!(call(s.addr, "ListStateMachines", json!({})).await.is_ok(), "still serving");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_activity_poll_with_no_task_answers_empty_after_its_wait() {
    let poll = std::time::Duration::from_millis(300);
    let server = Server::bind(Config { port: 0, activity_poll: poll, ..Config::default() }).await.unwrap();
    let addr = server.local_addr();
    tokio::spawn(server.run(std::future::pending()));
    let activity = call(addr, "CreateActivity", json!({"name": "idle"})).await.unwrap();
    let started = std::time::Instant::now();
    let answer =
        call(addr, "GetActivityTask", json!({"activityArn": activity["activityArn"]})).await.unwrap();
    assert_eq!(answer, json!({}), "no token, no input");
    assert!(started.elapsed() >= poll, "it waited for a task");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_taken_port_is_a_bind_error() {
    let s = start().await;
    let taken = Server::bind(Config { port: s.addr.port(), ..Config::default() }).await;
    assert!(matches!(taken, Err(ServeError::Bind { .. })));
}
