//! The product path in-process (issue 14, item 4): `asl run` as the CLI runs it — parse,
//! check, execute, report — on ../shared/bench's workloads, once per recorder:
//! - `text`: no recorder (the final output only);
//! - `summary`: per-state counters (the hook the tests panel's coverage uses), no records;
//! - `json`: the full record streamed (`--format json`), to a sink;
//! - `kept`: the full record kept in memory until the end (what every run did before).
//!
//! The whole process, with its start-up and peak RSS, is `scripts/bench-cli.sh`. Needs node
//! and ../shared/bench (or ASL_BENCH_DIR with the generated workloads).

use asl_eval::{Execution, ExecutionType, Hook, Options, Resume, StatePoint};
use asl_model::{Document, Format};
use serde_json::Value;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

const WORKLOADS: &[&str] = &["w1-1000", "w2-10000", "w3-1000"];

/// The generated workloads' folder (made once per bench process).
fn workloads() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        if let Some(dir) = std::env::var_os("ASL_BENCH_DIR") {
            return dir.into();
        }
        let dir = std::env::temp_dir().join(format!("asl-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let gen = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/gen.js");
        let status =
            std::process::Command::new("node").arg(&gen).arg(&dir).output().expect("node runs gen.js");
        assert!(status.status.success(), "{}: {}", gen.display(), String::from_utf8_lossy(&status.stderr));
        dir
    })
}

fn args(name: &str, format: &str) -> Vec<String> {
    let dir = workloads();
    let mut args =
        vec!["asl".into(), "run".into(), "--type".into(), "express".into(), "--format".into(), format.into()];
    let input = dir.join(format!("{name}.input.json"));
    if input.exists() {
        args.push(format!("--input=@{}", input.display()));
    }
    args.push(dir.join(format!("{name}.asl.json")).display().to_string());
    args
}

fn cli(args: &[String]) -> u8 {
    let (mut out, mut err) = (std::io::sink(), std::io::sink());
    asl_cli::run(args, &mut asl_cli::Io { out: &mut out, err: &mut err })
}

#[divan::bench(args = WORKLOADS)]
fn text(bencher: divan::Bencher, name: &str) {
    let args = args(name, "text");
    bencher.bench(|| assert_eq!(cli(&args), 0));
}

#[divan::bench(args = WORKLOADS)]
fn json(bencher: divan::Bencher, name: &str) {
    let args = args(name, "json");
    bencher.bench(|| assert_eq!(cli(&args), 0));
}

/// Counts entries per state: the summary a coverage report needs.
#[derive(Default)]
struct Counters(std::sync::Mutex<std::collections::HashMap<String, AtomicU64>>);

impl Hook for Counters {
    fn enter<'a>(&'a self, p: StatePoint<'a>) -> Pin<Box<dyn Future<Output = Resume> + Send + 'a>> {
        let mut map = self.0.lock().unwrap();
        map.entry(p.pointer.to_owned()).or_default().fetch_add(1, Ordering::Relaxed);
        Box::pin(async { Resume::Continue })
    }
}

fn parsed(name: &str) -> (Document, Value) {
    let dir = workloads();
    let text = std::fs::read_to_string(dir.join(format!("{name}.asl.json"))).unwrap();
    let input = std::fs::read_to_string(dir.join(format!("{name}.input.json")))
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or(Value::Object(Default::default()));
    (Document::parse(&text, Format::Json).unwrap(), input)
}

#[divan::bench(args = WORKLOADS)]
fn summary(bencher: divan::Bencher, name: &str) {
    let (doc, input) = parsed(name);
    bencher.bench(|| {
        let options = Options {
            execution_type: ExecutionType::Express,
            record_states: false,
            record_history: false,
            hook: Some(Arc::new(Counters::default())),
            ..Options::default()
        };
        Execution::run(&doc, input.clone(), &asl_eval::NoTasks, &options).status
    });
}

#[divan::bench(args = WORKLOADS)]
fn kept(bencher: divan::Bencher, name: &str) {
    let (doc, input) = parsed(name);
    let options = Options { execution_type: ExecutionType::Express, ..Options::default() };
    bencher.bench(|| Execution::run(&doc, input.clone(), &asl_eval::NoTasks, &options).states.len());
}
