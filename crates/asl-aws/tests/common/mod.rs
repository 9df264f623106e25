//! What the asl-aws tests share: credentials in the environment (never a real account),
//! `asl serve` in process, and a tiny HTTP front that forwards, answers AWS errors or
//! drops the connection, request by request. Everything listens on 127.0.0.1 only.
#![allow(dead_code)]

pub mod cli;

use asl_aws::{Connection, Sfn};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Once};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Fixed test credentials, and no profile files, no instance metadata: the SDK must find
/// these and never look further (the tests run where no AWS account exists).
pub fn test_env() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for (k, v) in [
            ("AWS_ACCESS_KEY_ID", "AKIDTESTTESTTESTTEST"),
            ("AWS_SECRET_ACCESS_KEY", "test-secret"),
            ("AWS_REGION", "us-east-1"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("AWS_CONFIG_FILE", "/nonexistent/asl-aws-test-config"),
            ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/asl-aws-test-credentials"),
        ] {
            std::env::set_var(k, v);
        }
        for k in ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SFN"] {
            std::env::remove_var(k);
        }
    });
}

/// tests/aws of the repository.
pub fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/aws").join(name)
}

/// A client of `url`, one attempt per request when `single` (failures show at once).
pub async fn client(url: &str, single: bool) -> Sfn {
    test_env();
    let connection = Connection {
        endpoint_url: Some(url.to_owned()),
        region: Some("us-east-1".into()),
        max_attempts: single.then_some(1),
        ..Connection::default()
    };
    Sfn::connect(&connection).await.expect("client")
}

/// `asl serve` in this process on a free port; its URL. It stops with the test's runtime.
pub async fn asl_serve(mock_config: Option<Value>) -> String {
    let config = asl_serve::Config { port: 0, mock_config, workers: 1, ..asl_serve::Config::default() };
    let server = asl_serve::Server::bind(config).await.expect("bind");
    let url = format!("http://{}", server.local_addr());
    tokio::spawn(server.run(std::future::pending()));
    url
}

/// What the front does with one request.
pub enum Action {
    /// Pass it to this URL's server and its answer back.
    Forward(String),
    /// Answer with this HTTP status and JSON body (an AWS error).
    Respond(u16, String),
    /// Close the connection without an answer.
    Drop,
}

/// A front on a free port: `decide(operation, n)` (the X-Amz-Target's operation, and how
/// many requests came before) says what to do with each request. Returns its URL.
pub async fn front(decide: impl Fn(&str, usize) -> Action + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let decide = Arc::new(decide);
    let count = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (decide, count) = (decide.clone(), count.clone());
            tokio::spawn(async move {
                let _ = serve_one(socket, &*decide, &count).await;
            });
        }
    });
    url
}

/// An AWS JSON 1.0 error body.
pub fn aws_error(kind: &str, message: &str) -> String {
    serde_json::json!({"__type": format!("com.amazonaws.swf.base.model#{kind}"), "message": message})
        .to_string()
}

async fn serve_one(
    mut socket: TcpStream,
    decide: &(dyn Fn(&str, usize) -> Action + Send + Sync),
    count: &AtomicUsize,
) -> std::io::Result<()> {
    let request = read_message(&mut socket).await?;
    let head = String::from_utf8_lossy(&request[..request.len().min(4096)]).to_ascii_lowercase();
    let operation = head
        .lines()
        .find_map(|l| l.strip_prefix("x-amz-target:"))
        .and_then(|t| t.trim().rsplit('.').next().map(str::to_owned))
        .unwrap_or_default();
    // Operation names compared case-insensitively: the header was lowered above.
    match decide(&operation, count.fetch_add(1, Ordering::SeqCst)) {
        Action::Drop => Ok(()),
        Action::Respond(status, body) => {
            let answer = format!(
                "HTTP/1.1 {status} Error\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            socket.write_all(answer.as_bytes()).await
        }
        Action::Forward(url) => {
            let addr = url.trim_start_matches("http://").trim_end_matches('/').to_owned();
            let mut upstream = TcpStream::connect(addr).await?;
            upstream.write_all(&close_after(&request)).await?;
            let mut answer = Vec::new();
            upstream.read_to_end(&mut answer).await?;
            socket.write_all(&close_after(&answer)).await
        }
    }
}

/// A message with `connection: close` in place of any connection header: one request per
/// connection, so the front never has to parse a stream of them.
fn close_after(message: &[u8]) -> Vec<u8> {
    let end = find(message, b"\r\n\r\n").map_or(message.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&message[..end]);
    let mut out = String::new();
    for line in head.split("\r\n").filter(|l| !l.is_empty()) {
        if !line.to_ascii_lowercase().starts_with("connection:") {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("connection: close\r\n\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&message[end..]);
    bytes
}

/// Reads one HTTP request (head and a content-length body).
async fn read_message(socket: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = socket.read(&mut chunk).await?;
        if n == 0 {
            return Ok(buf);
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = find(&buf, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if buf.len() >= end + 4 + length {
                return Ok(buf);
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
