//! The `asl` binary and the servers it talks to, as processes of the test (servers.rs):
//! `asl serve` and moto's server on free ports, ended when dropped, and a user's shell
//! with test credentials.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use super::data;

pub const RUNNER: &str = "run by tests/serve/run.sh (needs the asl binary and moto)";
pub const ROLE: &str = "arn:aws:iam::123456789012:role/service-role/orders";
pub const ORDERS_ARN: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";

pub fn required(var: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| panic!("{var} is not set: these tests are {RUNNER}"))
}

/// A server process of this test, ended when dropped.
pub struct Server {
    child: Child,
    pub url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `command` and reads its output until a line holds the URL it listens on.
pub fn start(mut command: Command, from_stderr: bool, marker: &str) -> Server {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(if from_stderr { Stdio::null() } else { Stdio::piped() })
        .stderr(if from_stderr { Stdio::piped() } else { Stdio::null() })
        .spawn()
        .expect("the server starts");
    let stream: Box<dyn Read + Send> = match from_stderr {
        true => Box::new(child.stderr.take().expect("stderr")),
        false => Box::new(child.stdout.take().expect("stdout")),
    };
    let mut lines = BufReader::new(stream).lines();
    let url = loop {
        let line = lines.next().expect("the server printed its address").expect("readable");
        if let Some(at) = line.find(marker) {
            break line[at + marker.len()..].split_whitespace().next().unwrap_or_default().to_owned();
        }
    };
    // Keep draining its output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, url }
}

pub fn asl_serve() -> Server {
    let mut command = Command::new(required("ASL_BIN"));
    command.args(["serve", "--port", "0", "--mock-config"]).arg(data("mock-config.json"));
    start(command, false, "listening on ")
}

/// moto's server, set to run state machines (its LocalStack-derived interpreter) instead
/// of answering canned histories.
pub fn moto() -> Server {
    let mut command = Command::new(required("ASL_AWS_MOTO_SERVER"));
    command.args(["-H", "127.0.0.1", "-p", "0"]);
    let server = start(command, true, "Running on ");
    let body = r#"{"stepfunctions": {"execute_state_machine": true}}"#;
    let addr = server.url.trim_start_matches("http://").trim_end_matches('/');
    let mut socket = std::net::TcpStream::connect(addr).expect("moto answers");
    write!(
        socket,
        "POST /moto-api/config HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    socket.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 20") || answer.starts_with("HTTP/1.0 20"), "{answer}");
    server
}

/// A user's shell: test credentials, no profile files or instance metadata, links in a
/// folder of the test, the endpoint from AWS_ENDPOINT_URL_SFN.
pub struct Shell {
    endpoint: String,
    links: tempfile::TempDir,
}

pub struct Ran {
    pub code: i32,
    pub out: String,
    pub err: String,
}

impl Shell {
    pub fn new(endpoint: &str) -> Shell {
        Shell { endpoint: endpoint.to_owned(), links: tempfile::tempdir().unwrap() }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(required("ASL_BIN"));
        c.args(args)
            .env("AWS_ACCESS_KEY_ID", "AKIDTESTTESTTESTTEST")
            .env("AWS_SECRET_ACCESS_KEY", "test-secret")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_CONFIG_FILE", "/nonexistent/config")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials")
            .env("ASL_AWS_LINKS", self.links.path().join("links.json"))
            .env("AWS_ENDPOINT_URL_SFN", &self.endpoint)
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_ENDPOINT_URL")
            .stdin(Stdio::null());
        c
    }

    pub fn run(&self, args: &[&str]) -> Ran {
        ran(self.command(args))
    }
}

pub fn ran(mut command: Command) -> Ran {
    let out = command.output().expect("asl runs");
    Ran {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}
