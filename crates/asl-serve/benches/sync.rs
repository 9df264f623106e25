//! StartSyncExecution round trips over keep-alive HTTP: a 5-state Express machine, the
//! server in-process on a real socket, C connections each sending requests back to back.
//! Prints round trips per second and latency p50/p99 (reported, not asserted).
//!
//! `cargo bench -p asl-serve --bench sync [-- SECONDS CONNECTIONS]`

use asl_serve::{Config, Server};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::json;
use std::time::{Duration, Instant};

const FIVE_STATES: &str = r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "Next": "B"},
  "B": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThanEquals": 0, "Next": "C"}], "Default": "E"},
  "C": {"Type": "Pass", "Parameters": {"double.$": "States.MathAdd($.n, $.n)"}, "Next": "D"},
  "D": {"Type": "Succeed"},
  "E": {"Type": "Fail", "Error": "Negative"}}}"#;

fn request(target: &str, body: &serde_json::Value) -> hyper::Request<Full<Bytes>> {
    hyper::Request::post("/")
        .header("host", "localhost")
        .header("content-type", "application/x-amz-json-1.0")
        .header("x-amz-target", format!("AWSStepFunctions.{target}"))
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("a valid request")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let seconds: u64 = args.first().and_then(|s| s.parse().ok()).unwrap_or(5);
    let connections: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(8);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    rt.block_on(async {
        let server = Server::bind(Config { port: 0, ..Config::default() }).await.expect("bound");
        let addr = server.local_addr();
        tokio::spawn(server.run(std::future::pending()));
        let connect = || async move {
            let stream = tokio::net::TcpStream::connect(addr).await.expect("connected");
            stream.set_nodelay(true).expect("nodelay");
            let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.expect("handshake");
            tokio::spawn(conn);
            sender
        };
        let mut setup = connect().await;
        let created = setup
            .send_request(request("CreateStateMachine", &json!({"name": "Bench", "type": "EXPRESS",
                "definition": FIVE_STATES, "roleArn": "arn:aws:iam::123456789012:role/r"})))
            .await
            .expect("created");
        assert_eq!(created.status(), 200);
        let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Bench";
        let until = Instant::now() + Duration::from_secs(seconds);
        let mut tasks = Vec::new();
        for c in 0..connections {
            let mut sender = connect().await;
            tasks.push(tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut n = c as u64;
                while Instant::now() < until {
                    let body = json!({"stateMachineArn": arn, "input": format!("{{\"n\": {n}}}")});
                    let t = Instant::now();
                    sender.ready().await.expect("the connection is open");
                    let response = sender.send_request(request("StartSyncExecution", &body)).await.expect("answered");
                    let bytes = response.into_body().collect().await.expect("body").to_bytes();
                    latencies.push(t.elapsed());
                    assert!(bytes.windows(9).any(|w| w == b"SUCCEEDED"), "{}", String::from_utf8_lossy(&bytes));
                    n += 1;
                }
                latencies
            }));
        }
        let started = Instant::now();
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.expect("a client task"));
        }
        let elapsed = started.elapsed().as_secs_f64();
        all.sort();
        let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
        println!(
            "StartSyncExecution, 5-state Express machine, {connections} keep-alive connections, {seconds} s: {} round trips, {:.0}/s, p50 {:?}, p99 {:?}",
            all.len(),
            all.len() as f64 / elapsed,
            pct(0.50),
            pct(0.99)
        );
    });
}
