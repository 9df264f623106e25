//! `asl test-state --request FILE` as a process: the response JSON and exit 0, an API
//! error as `{"exception": {"type", "message"}}` and exit 1, usage and I/O problems exit 2
//! (design §3.1).

use serde_json::{json, Value};
use std::process::{Command, Output};

fn asl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_asl")).args(args).output().expect("run asl")
}

fn with_request(request: &str, check: impl FnOnce(Output)) {
    let dir = tempfile::Builder::new().prefix("asl-teststate-").tempdir().expect("temp dir");
    let path = dir.path().join("request.json");
    std::fs::write(&path, request).expect("write");
    check(asl(&["test-state", "--request", path.to_str().unwrap_or_default()]));
}

fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn a_response_prints_decoded_and_exits_0() {
    let request = json!({
        "definition": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Big"}], "Default": "Small"},
        "input": "{\"n\": 5}",
        "inspectionLevel": "DEBUG",
    });
    with_request(&request.to_string(), |out| {
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let response = stdout_json(&out);
        assert_eq!(response["nextState"], "Big");
        assert_eq!(response["output"], json!({"n": 5}));
        assert_eq!(response["inspectionData"], json!({"input": {"n": 5}, "afterInputPath": {"n": 5}}));
    });
}

#[test]
fn an_api_error_prints_as_an_exception_and_exits_1() {
    let request = json!({"definition": {"Type": "Succeed"}, "mock": {"result": "{}"}});
    with_request(&request.to_string(), |out| {
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            stdout_json(&out),
            json!({"exception": {"type": "ValidationException", "message": "State type 'Succeed' is not supported when a mock is specified"}})
        );
    });
}

#[test]
fn unreadable_or_non_json_requests_exit_2() {
    with_request("{not json", |out| {
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("request.json:1:2: the request is not JSON"), "{err}");
        assert!(!err.contains("panicked"));
    });
    let out = asl(&["test-state", "--request", "/nonexistent/request.json"]);
    assert_eq!(out.status.code(), Some(2));
    let out = asl(&["test-state"]);
    assert_eq!(out.status.code(), Some(2), "--request is required");
}
