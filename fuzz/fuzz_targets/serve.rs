//! `asl serve`'s request decoding, end to end: the operation name on the input's first
//! line, the body after it, sent as an SDK sends it to a live server on a kept-alive
//! connection. Every request gets an HTTP answer whose body is JSON, errors as AWS's
//! `{"__type", "message"}`; a panic on any server thread aborts the process (libFuzzer's
//! panic hook), so it counts as a crash.
#![no_main]

use asl_fuzz::split_line;
use asl_serve::{Config, Server};
use libfuzzer_sys::fuzz_target;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Mutex;
use std::time::Duration;

/// Requests one server answers before a fresh one replaces it: what the fuzzer creates
/// (machines, executions) would otherwise only grow.
const REQUESTS_PER_SERVER: usize = 2000;

struct Live {
    rt: tokio::runtime::Runtime,
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    connection: Option<BufReader<TcpStream>>,
    served: usize,
}

impl Live {
    fn start() -> Live {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let addr = rt.block_on(async {
            let config = Config { port: 0, workers: 1, ..Config::default() };
            let server = Server::bind(config).await.expect("a free port");
            let addr = server.local_addr();
            tokio::spawn(server.run(async {
                let _ = stopped.await;
            }));
            addr
        });
        Live { rt, addr, stop: Some(stop), connection: None, served: 0 }
    }

    /// Sends one request, answers (status, body); reconnects once if the server closed
    /// the kept-alive connection.
    fn send(&mut self, operation: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let mut request = format!(
            "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSStepFunctions.{operation}\r\n\
             Content-Type: application/x-amz-json-1.0\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        // One write, no Nagle: split writes wait on the server's delayed ACK (40 ms each).
        request.extend_from_slice(body);
        for _ in 0..2 {
            if self.connection.is_none() {
                let stream = TcpStream::connect(self.addr).expect("the server listens");
                stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
                stream.set_nodelay(true).unwrap();
                self.connection = Some(BufReader::new(stream));
            }
            let conn = self.connection.as_mut().unwrap();
            let sent = conn.get_mut().write_all(&request);
            if let (Ok(()), Some(answer)) = (sent, read_response(conn)) {
                return answer;
            }
            self.connection = None;
        }
        panic!("no answer to {operation}");
    }
}

fn read_response(conn: &mut BufReader<TcpStream>) -> Option<(u16, Vec<u8>)> {
    let mut line = String::new();
    conn.read_line(&mut line).ok()?;
    let status = line.split(' ').nth(1)?.parse().ok()?;
    let mut length = 0;
    loop {
        line.clear();
        conn.read_line(&mut line).ok()?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0; length];
    conn.read_exact(&mut body).ok()?;
    Some((status, body))
}

static LIVE: Mutex<Option<Live>> = Mutex::new(None);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (operation, body) = split_line(&text);
    // A header value: no control characters (hyper refuses them before our code runs).
    if operation.bytes().any(|b| b.is_ascii_control()) {
        return;
    }
    let mut live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    if live.as_ref().is_none_or(|l| l.served >= REQUESTS_PER_SERVER) {
        if let Some(mut old) = live.take() {
            if let Some(stop) = old.stop.take() {
                let _ = stop.send(());
            }
            old.rt.shutdown_timeout(Duration::from_secs(1));
        }
        *live = Some(Live::start());
    }
    let server = live.as_mut().unwrap();
    server.served += 1;
    let (status, answer) = server.send(operation, body.as_bytes());
    let answer: serde_json::Value = serde_json::from_slice(&answer)
        .unwrap_or_else(|e| panic!("{operation}: answer {status} is not JSON ({e})"));
    if status != 200 {
        assert!(answer.get("__type").is_some_and(|t| t.is_string()), "{operation}: {status} {answer}");
    }
});
