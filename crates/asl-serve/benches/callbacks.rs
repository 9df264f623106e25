//! 1,000 Standard executions waiting on task tokens at once: the process's memory (VmRSS)
//! before and after they start, then every token answered over HTTP. Reported, not
//! asserted. `cargo bench -p asl-serve --bench callbacks [-- COUNT]`

use asl_serve::{Config, Server};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use std::time::Instant;

const WAITS: &str = r#"{"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
  "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
  "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token", "order.$": "$"}}, "End": true}}}"#;

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

async fn call(sender: &mut SendRequest<Full<Bytes>>, op: &str, body: Value) -> Value {
    let request = hyper::Request::post("/")
        .header("host", "localhost")
        .header("x-amz-target", format!("AWSStepFunctions.{op}"))
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("a request");
    // The connection takes the next request once it has finished the last one.
    sender.ready().await.expect("the connection is open");
    let response = sender.send_request(request).await.expect("answered");
    let bytes = response.into_body().collect().await.expect("a body").to_bytes();
    serde_json::from_slice(&bytes).expect("JSON")
}

fn main() {
    let count: usize =
        std::env::args().skip(1).find(|a| !a.starts_with('-')).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    rt.block_on(async {
        let server = Server::bind(Config { port: 0, ..Config::default() }).await.expect("bound");
        let addr = server.local_addr();
        tokio::spawn(server.run(std::future::pending()));
        let stream = tokio::net::TcpStream::connect(addr).await.expect("connected");
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.expect("handshake");
        tokio::spawn(conn);
        let m = call(&mut sender, "CreateStateMachine", json!({"name": "Waits", "definition": WAITS, "roleArn": "arn:aws:iam::123456789012:role/r"})).await;
        let before = rss_kib();
        let started = Instant::now();
        let mut arns = Vec::with_capacity(count);
        for i in 0..count {
            let input = json!({"order": i, "items": (0..20).collect::<Vec<_>>()}).to_string();
            let e = call(&mut sender, "StartExecution", json!({"stateMachineArn": m["stateMachineArn"], "input": input})).await;
            arns.push(e["executionArn"].clone());
        }
        // Every execution waits once its TaskScheduled event carries its token.
        let mut tokens = Vec::with_capacity(count);
        for arn in &arns {
            loop {
                let h = call(&mut sender, "GetExecutionHistory", json!({"executionArn": arn})).await;
                let token = h["events"].as_array().into_iter().flatten().find_map(|e| {
                    let p: Value = serde_json::from_str(e["taskScheduledEventDetails"]["parameters"].as_str()?).ok()?;
                    p["MessageBody"]["token"].as_str().map(str::to_owned)
                });
                if let Some(t) = token {
                    tokens.push(t);
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            }
        }
        let waiting = rss_kib();
        let start_secs = started.elapsed().as_secs_f64();
        let answered = Instant::now();
        for t in &tokens {
            call(&mut sender, "SendTaskSuccess", json!({"taskToken": t, "output": "{}"})).await;
        }
        let answer_secs = answered.elapsed().as_secs_f64();
        println!(
            "{count} Standard executions waiting on task tokens: started in {start_secs:.2} s; process RSS {:.1} MiB -> {:.1} MiB ({:.1} KiB per waiting execution); all answered in {answer_secs:.2} s",
            before as f64 / 1024.0,
            waiting as f64 / 1024.0,
            (waiting.saturating_sub(before)) as f64 / count as f64
        );
    });
}
