//! `asl run --format json` streams its report (issue 14): the streamed report must be the
//! same JSON data as the one built from kept records, which is the oracle here — the
//! engine run with `Outcome::states`/`history` kept and the old object made from them.

use asl_eval::handler::TaskFuture;
use asl_eval::{Execution, Mocks, Options, Outcome, S3Folders, TaskHandler, TaskRequest};
use asl_model::{Document, Format};
use asl_session::setup::{self, MachineFiles};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::task::Poll;

/// Both runs see the same clock start and seed, so timestamps and task tokens agree.
fn options(file: &Path) -> Options {
    Options {
        seed: Some(7),
        start_time: Some("2026-01-02T03:04:05Z".parse().expect("time")),
        state_machine_name: MachineFiles::of(file).state_machine_name(),
        s3: S3Folders::beside(file),
        ..Options::default()
    }
}

/// The report as `asl run --format json` built it before it streamed.
fn kept(doc: &Document, input: Value, mocks: &dyn TaskHandler, options: &Options) -> (Value, Outcome) {
    let outcome = Execution::run(doc, input, mocks, options);
    let report = json!({
        "status": outcome.status,
        "output": outcome.output,
        "error": outcome.error,
        "cause": outcome.cause,
        "states": outcome.states,
        "history": outcome.history,
    });
    (report, outcome)
}

fn streamed(doc: &Document, input: Value, mocks: &dyn TaskHandler, options: Options) -> Value {
    let mut out = Vec::new();
    let outcome = asl_cli::run_json::run(doc, input, mocks, options, &mut out).expect("written");
    assert!(outcome.states.is_empty() && outcome.history.is_empty(), "nothing is kept");
    serde_json::from_slice(&out).expect("the report is JSON")
}

/// Runs `doc` both ways; returns the kept outcome for checks of what the machine did.
fn same_both_ways(doc: &Document, input: Value, mocks: impl Fn() -> Mocks, options: &Options) -> Outcome {
    let (oracle, outcome) = kept(doc, input.clone(), &mocks(), options);
    let report = streamed(doc, input, &mocks(), options.clone());
    // Compared piece by piece first, so a failure names the array that differs.
    for key in ["states", "history", "status", "output", "error", "cause"] {
        assert_eq!(report[key], oracle[key], "{key} differs");
    }
    assert_eq!(report, oracle);
    outcome
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

#[test]
fn every_sample_streams_the_report_its_kept_records_make() {
    let mut ran = 0;
    for entry in std::fs::read_dir(samples()).expect("samples") {
        let dir = entry.expect("entry").path();
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let file = dir.join(format!("{name}.asl.json"));
        if !file.exists() {
            continue;
        }
        let doc = Document::parse(std::fs::read_to_string(&file).expect("read"), Format::Json).expect(&name);
        let input = match dir.join("input.json") {
            p if p.exists() => setup::read_json(&p).expect("input"),
            _ => json!({}),
        };
        let mocks_file = dir.join("mocks.json");
        // Mocks count their invocations: each run gets fresh ones.
        let mocks = || match mocks_file.exists() {
            true => setup::read_mocks(&mocks_file, None, None).expect("mocks"),
            false => Mocks::default(),
        };
        let outcome = same_both_ways(&doc, input, mocks, &options(&file));
        assert!(!outcome.states.is_empty(), "{name} recorded states");
        ran += 1;
    }
    assert!(ran >= 7, "only {ran} samples ran");
}

/// A task that takes `turns` polls to finish: siblings interleave (and finish out of entry
/// order) deterministically, with no clock involved.
struct Turns;

impl TaskHandler for Turns {
    fn invoke<'a>(&'a self, request: TaskRequest<'a>) -> TaskFuture<'a> {
        let mut left = request.input["turns"].as_u64().unwrap_or(0);
        Box::pin(std::future::poll_fn(move |cx| {
            if left == 0 {
                return Poll::Ready(Ok(json!("done")));
            }
            left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }))
    }
}

fn task(turns: Value, next: Option<&str>) -> Value {
    let mut t = json!({"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:turns",
        "Parameters": turns, "ResultPath": null});
    match next {
        Some(n) => t["Next"] = json!(n),
        None => t["End"] = json!(true),
    }
    t
}

/// Branches and iterations that finish out of entry order, a MaxConcurrency below the
/// item count, and a branch cancelled mid-task by a failing sibling: records still come
/// out in entry order, the cancelled state's without output.
#[test]
fn parallel_and_map_records_stream_in_entry_order() {
    let machine = json!({
        "StartAt": "Fan",
        "States": {
            "Fan": {"Type": "Parallel", "Next": "Each", "ResultPath": null, "Branches": [
                {"StartAt": "Slow", "States": {
                    "Slow": task(json!({"turns": 5}), Some("SlowDone")),
                    "SlowDone": {"Type": "Pass", "End": true}}},
                {"StartAt": "Quick", "States": {"Quick": task(json!({"turns": 0}), None)}}]},
            "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "ResultPath": null,
                "Next": "Doomed",
                "ItemProcessor": {"StartAt": "Nap", "States": {
                    "Nap": task(json!({"turns.$": "$.s"}), Some("Woke")),
                    "Woke": {"Type": "Pass", "End": true}}}},
            "Doomed": {"Type": "Parallel", "End": true,
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}],
                "Branches": [
                    {"StartAt": "Hang", "States": {"Hang": task(json!({"turns": 100}), None)}},
                    {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Boom"}}}]},
            "Caught": {"Type": "Pass", "End": true}
        }
    });
    let doc = Document::parse(machine.to_string(), Format::Json).expect("machine");
    let items: Vec<Value> = [5, 1, 4, 1, 3].iter().map(|s| json!({"s": s})).collect();
    let input = json!({"items": items});
    let (oracle, outcome) = kept(&doc, input.clone(), &Turns, &options(Path::new("fan.asl.json")));
    let report = streamed(&doc, input, &Turns, options(Path::new("fan.asl.json")));
    assert_eq!(report, oracle);

    let paths: Vec<&str> = outcome.states.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(&paths[..4], ["Fan", "Fan/0/Slow", "Fan/1/Quick", "Fan/0/SlowDone"]);
    let exits: Vec<&str> = outcome
        .history
        .iter()
        .filter(|e| e.kind.ends_with("StateExited"))
        .filter_map(|e| e.details.as_ref()?.1["name"].as_str())
        .collect();
    assert_eq!(&exits[..4], ["Quick", "Slow", "SlowDone", "Fan"], "exit order differs from entry order");
    let hang = outcome.states.iter().find(|r| r.path == "Doomed/0/Hang").expect("Hang was entered");
    assert_eq!(hang.output, None, "cancelled before it exited");
    assert_eq!(paths.last(), Some(&"Caught"));
}
