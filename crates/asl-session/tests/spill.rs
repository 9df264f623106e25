//! A run's record past a threshold goes to disk (issue 14, item 3) and reads back the
//! same: for every sample (and a loop long enough to be read in pages), a run whose states
//! and history spill after a few items answers the record, every history page (filtered
//! too), every state's executions, the Map iterations, a re-run's start and the exported
//! history exactly as a run that kept everything in memory. The spill files live in the
//! folder given and go with the runs.

use asl_session::run::{
    ExecutionsQuery, HistoryQuery, IterationsQuery, RerunFrom, RunConfig, RunEvent, RunRecord, Runs,
};
use asl_session::Session;
use serde_json::{json, Value};
use std::path::Path;

mod common;
use common::{sample, sample_json, start, PATIENCE};

/// The JSON of `value` without what differs between two runs of one machine: times, run
/// ids and names in ARNs, the UUIDs of map runs and task tokens.
fn comparable(value: &impl serde::Serialize) -> Value {
    let uuid = regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    let execution = regex::Regex::new(r#":execution:([^:"]+):[^"/]+"#).unwrap();
    let times = regex::Regex::new(r#""(timestamp|startedAt|finishedAt|started_at)":"[^"]*""#).unwrap();
    let run = regex::Regex::new(r"run-\d+").unwrap();
    let text = serde_json::to_string(value).unwrap();
    let text = uuid.replace_all(&text, "UUID");
    let text = execution.replace_all(&text, ":execution:$1:NAME");
    let text = times.replace_all(&text, r#""$1":"T""#);
    let text = run.replace_all(&text, "run-N");
    let mut v: Value = serde_json::from_str(&text).unwrap();
    if let Some(o) = v.as_object_mut() {
        o.remove("id");
    }
    v
}

fn run_to_end(runs: &Runs, session: &Session, config: Value) -> (u64, RunRecord) {
    let (id, events) = start(runs, session, serde_json::from_value::<RunConfig>(config).unwrap());
    while !matches!(events.recv_timeout(PATIENCE).expect("the run ends"), RunEvent::Finished { .. }) {}
    (id, runs.get(id).unwrap())
}

/// Everything the UI can read of run `id`, as comparable data.
fn everything(runs: &Runs, id: u64, record: &RunRecord, dir: &Path) -> Vec<Value> {
    let mut seen = vec![comparable(record)];
    let total = record.extent.event_count;
    for (offset, limit, filter) in [
        (0, 5, None),
        (3, 7, None),
        (total.saturating_sub(4), 10, None),
        (0, 2_000, None),
        (1, 3, Some("state")),
        (0, 50, Some("task scheduled")),
        (2, 4, Some("exited")),
        (0, 10, Some("no such words")),
    ] {
        let query = HistoryQuery { offset, limit, filter: filter.map(str::to_owned) };
        seen.push(comparable(&runs.history_page(id, &query).unwrap()));
    }
    // Each state's executions: the pointers come from a whole page of the states.
    let all =
        runs.state_executions(id, &ExecutionsQuery { limit: 2_000, offset: Some(0), ..Default::default() });
    let all = all.unwrap();
    seen.push(comparable(&all));
    let mut pointers: Vec<String> = all.executions.iter().filter_map(|s| s.pointer.clone()).collect();
    pointers.sort();
    pointers.dedup();
    for pointer in &pointers {
        for offset in [None, Some(0), Some(1)] {
            let query = ExecutionsQuery { pointer: Some(pointer.clone()), path: None, offset, limit: 3 };
            seen.push(comparable(&runs.state_executions(id, &query).unwrap()));
        }
        let query = IterationsQuery { pointer: pointer.clone(), offset: 0, limit: 100, failed_only: false };
        seen.push(comparable(&runs.map_iterations(id, &query).unwrap()));
    }
    let file = dir.join(format!("history-{id}.json"));
    let written = runs.write_history(id, &file).unwrap();
    assert_eq!(written, total);
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    seen.push(comparable(&exported));
    seen
}

/// A counter loop of `n` passes: Init, then Check and Step `n` times, Check, Done.
fn counter_loop(dir: &Path, n: u32) -> std::path::PathBuf {
    let machine = json!({
        "StartAt": "Init",
        "States": {
            "Init": {"Type": "Pass", "Result": {"count": 0}, "Next": "Check"},
            "Check": {"Type": "Choice", "Choices": [
                {"Variable": "$.count", "NumericLessThan": n, "Next": "Step"}], "Default": "Done"},
            "Step": {"Type": "Pass", "Parameters": {"count.$": "States.MathAdd($.count, 1)"}, "Next": "Check"},
            "Done": {"Type": "Succeed"}
        }
    });
    let path = dir.join("loop.asl.json");
    std::fs::write(&path, serde_json::to_string_pretty(&machine).unwrap()).unwrap();
    path
}

#[test]
fn a_spilled_run_reads_back_as_one_kept_in_memory() {
    let work = tempfile::tempdir().unwrap();
    let spill_dir = work.path().join("runs");
    let kept = Runs::spilling_to(work.path().join("unused"));
    let spilled = Runs::spilling_to(spill_dir.clone()).with_spill_chunk(2);
    let mut cases: Vec<(String, std::path::PathBuf, Value)> = [
        "order-processing",
        "order-processing-jsonata",
        "parallel-risk-analysis",
        "etl-glue-chain",
        "video-pipeline",
        "distributed-map-s3",
    ]
    .iter()
    .map(|name| {
        let config = json!({"input": sample_json(name, "input.json"), "mocks": {"kind": "file", "file": "mocks.json"}});
        (name.to_string(), sample(name), config)
    })
    .collect();
    // 1,203 states and 2,411 events: read in pages, its colours from the tally.
    cases.push(("loop".into(), counter_loop(work.path(), 600), json!({"input": {}})));

    for (name, path, config) in cases {
        let session = Session::open(&path).unwrap();
        let (a, in_memory) = run_to_end(&kept, &session, config.clone());
        let count = || std::fs::read_dir(&spill_dir).map(|d| d.count()).unwrap_or(0);
        let before = count();
        let (b, on_disk) = run_to_end(&spilled, &session, config);
        if on_disk.extent.state_count >= 5 {
            assert_eq!(count(), before + 2, "{name}: its states and history went to disk");
        }
        assert_eq!(
            everything(&kept, a, &in_memory, work.path()),
            everything(&spilled, b, &on_disk, work.path()),
            "{name}: what the UI reads"
        );
        if name == "loop" {
            assert!(on_disk.extent.paged);
            let step = on_disk.tally.iter().find(|t| t.pointer == "/States/Step").expect("Step's tally");
            assert_eq!(step.entered, 600);
            let check = on_disk.tally.iter().find(|t| t.pointer == "/States/Check").unwrap();
            assert_eq!(check.entered, 601);
            for edge in [
                "^/States/Init",
                "/States/Check>/States/Step",
                "/States/Step>/States/Check",
                "/States/Done>$",
            ] {
                assert!(on_disk.taken.iter().any(|t| t == edge), "{edge} taken");
            }
            // A re-run from Step's 400th execution starts with the input it had.
            let from = RerunFrom { run: b, pointer: "/States/Step".into(), execution: 399 };
            let config = json!({"input": {}, "rerunFrom": from});
            let (_, rerun) = run_to_end(&spilled, &session, config);
            assert_eq!(rerun.summary.input, json!({"count": 399}));
            assert_eq!(rerun.summary.output, Some(json!({"count": 600})));
        } else {
            assert!(
                !on_disk.extent.paged && on_disk.tally.is_empty(),
                "{name}: a small record carries its states"
            );
        }
    }
    drop(spilled);
    // A run's files go when its last holder does: its event thread may still be ending
    // (under load it was, for a moment, when this was read at once).
    let left = || std::fs::read_dir(&spill_dir).map(|d| d.count()).unwrap_or(0);
    let deadline = std::time::Instant::now() + PATIENCE;
    while left() > 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(left(), 0, "the spill files go with the runs");
}

#[test]
fn files_an_earlier_session_left_are_removed_at_start() {
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("run-1-0-history.jsonl"), "{}\n").unwrap();
    std::fs::write(work.path().join("notes.txt"), "mine").unwrap();
    let runs = Runs::default();
    runs.set_spill_dir(work.path().to_path_buf());
    let names: Vec<String> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    assert_eq!(names, ["notes.txt"]);
}
