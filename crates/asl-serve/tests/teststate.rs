//! TestState through the server is the library's TestState: every recorded case of
//! `$ASL_CONFORMANCE_TESTSTATE_DIR` (scripts/env.sh sets it) is sent as an SDK sends it —
//! the JSON-text fields encoded as text — and the HTTP answer must equal what
//! `asl_teststate::test_state` answers for the same request (the library's agreement with
//! AWS is asl-teststate's own conformance test). Unset, the test says loudly that it
//! skipped; set to a missing folder, it fails.

use asl_serve::{Config, Server};
use asl_teststate::{test_state, TestStateOptions};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use std::path::PathBuf;

/// The request as it travels: these fields are JSON text in the API.
fn as_sent(mut request: Value) -> Value {
    for field in ["definition", "input", "variables", "context"] {
        if let Some(v) = request.get_mut(field).filter(|v| !v.is_string()) {
            *v = json!(v.to_string());
        }
    }
    if let Some(v) = request.pointer_mut("/mock/result").filter(|v| !v.is_string()) {
        *v = json!(v.to_string());
    }
    if let Some(v) = request.pointer_mut("/stateConfiguration/mapItemReaderData").filter(|v| !v.is_string()) {
        *v = json!(v.to_string());
    }
    request
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn served_teststate_answers_as_the_library_does() {
    let Some(dir) = std::env::var_os("ASL_CONFORMANCE_TESTSTATE_DIR").map(PathBuf::from) else {
        eprintln!("SKIPPED: ASL_CONFORMANCE_TESTSTATE_DIR is not set (source scripts/env.sh)");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no cases in {}", dir.display());
    let server = Server::bind(Config { port: 0, ..Config::default() }).await.unwrap();
    let addr = server.local_addr();
    tokio::spawn(server.run(std::future::pending()));
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
    tokio::spawn(conn);
    let options = TestStateOptions {
        account: "123456789012".into(),
        region: "us-east-1".into(),
        ..TestStateOptions::default()
    };
    let mut differences = Vec::new();
    for file in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let request = as_sent(case["request"].clone());
        let http = hyper::Request::post("/")
            .header("host", "sync-localhost")
            .header("x-amz-target", "AWSStepFunctions.TestState")
            .header("content-type", "application/x-amz-json-1.0")
            .body(Full::new(Bytes::from(request.to_string())))
            .unwrap();
        // One keep-alive connection: the next request goes once it is free again (under
        // load the previous response can still be finishing: "connection was not ready").
        sender.ready().await.unwrap();
        let response = sender.send_request(http).await.unwrap();
        let status = response.status().as_u16();
        let body: Value =
            serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
        let options = options.clone();
        let library = tokio::task::spawn_blocking(move || test_state(&request, &options)).await.unwrap();
        let mut served = (status, body);
        let expected = match library {
            Ok(v) => (200, v),
            Err(e) => (400, json!({"__type": e.type_, "message": e.message})),
        };
        scrub(&mut served.1);
        let mut expected = expected;
        scrub(&mut expected.1);
        if served != expected {
            differences.push(format!("{}: served {served:?}, library {expected:?}", file.display()));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} cases differ:\n{}",
        differences.len(),
        files.len(),
        differences.join("\n")
    );
}

/// Blanks what two runs of one request may differ in: times and the ids made from them.
fn scrub(v: &mut Value) {
    match v {
        Value::String(s) if looks_run_time(s) => *s = "<run-time>".into(),
        Value::Array(items) => items.iter_mut().for_each(scrub),
        Value::Object(map) => map.values_mut().for_each(scrub),
        _ => {}
    }
}

fn looks_run_time(s: &str) -> bool {
    // ISO times, and JSON texts that carry one (a context object's StartTime).
    s.contains("T") && s.contains(':') && s.chars().filter(|c| c.is_ascii_digit()).count() >= 12
}
