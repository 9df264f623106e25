//! The app's run path on a big execution, measured as the app runs it (issue 14): a run
//! through `Runs` (the live record, spilled to disk past a threshold), then the history
//! view's pages through every event, reporting wall time and how much the process grew
//! (VmHWM, peak resident memory, from /proc/self/status):
//!   cargo run --release -p asl-session --example big_run -- FILE [INPUT.json]
//! With ../shared/bench/gen.js's W2-500,000 this is a 1,000,000-transition Express run.

use asl_session::run::{HistoryQuery, RunConfig, RunEvent, Runs};
use std::time::{Duration, Instant};

fn vm(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with(key)).unwrap_or("");
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).unwrap_or(0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: big_run FILE [INPUT.json]");
        std::process::exit(2);
    };
    let input: serde_json::Value = match args.next() {
        Some(path) => {
            serde_json::from_str(&std::fs::read_to_string(path).expect("input file")).expect("input JSON")
        }
        None => serde_json::json!({}),
    };
    let session = asl_session::Session::open(std::path::Path::new(&file)).expect("the machine opens");
    // ASL_SPILL_CHUNK: items kept in memory per spool before they spill (comparisons).
    let runs = match std::env::var("ASL_SPILL_CHUNK").ok().and_then(|c| c.parse().ok()) {
        Some(chunk) => Runs::default().with_spill_chunk(chunk),
        None => Runs::default(),
    };
    let before = vm("VmRSS:");
    let config: RunConfig =
        serde_json::from_value(serde_json::json!({"input": input, "executionType": "express"}))
            .expect("config");
    let (tx, rx) = std::sync::mpsc::channel();
    let started = Instant::now();
    let summary = runs.start(&session, config, move |e| {
        if matches!(e, RunEvent::Finished { .. }) {
            let _ = tx.send(());
        }
    });
    let id = summary.expect("the run starts").id;
    rx.recv_timeout(Duration::from_secs(3_600)).expect("the run ends");
    let ran = started.elapsed();
    let record = runs.get(id).expect("its record");
    let run_peak = vm("VmHWM:");
    let paging = Instant::now();
    let (mut offset, mut read) = (0, 0);
    loop {
        let page =
            runs.history_page(id, &HistoryQuery { offset, limit: 2_000, filter: None }).expect("a page");
        read += page.rows.len();
        if page.rows.is_empty() {
            break;
        }
        offset += page.rows.len();
    }
    let filtered = Instant::now();
    let matched = runs
        .history_page(id, &HistoryQuery { offset: 0, limit: 100, filter: Some("inc exited".into()) })
        .expect("a filtered page")
        .matched;
    println!(
        "{}: {:?}, {} transitions, {} events; run {:.2} s; paged through {read} events in {:.2} s; \
         filter 'inc exited' matched {matched} in {:.2} s",
        record.summary.title,
        record.summary.status,
        record.summary.transitions.unwrap_or(0),
        record.extent.event_count,
        ran.as_secs_f64(),
        filtered.duration_since(paging).as_secs_f64(),
        filtered.elapsed().as_secs_f64(),
    );
    println!(
        "process memory: {:.1} MB before, peak {:.1} MB during the run, peak {:.1} MB after paging (grew {:.1} MB)",
        before as f64 / 1024.0,
        run_peak as f64 / 1024.0,
        vm("VmHWM:") as f64 / 1024.0,
        (vm("VmHWM:").saturating_sub(before)) as f64 / 1024.0
    );
}
