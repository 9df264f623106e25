//! What the run tests share: the samples, starting a run with its event stream, patience.
// Each test binary uses its own part of this.
#![allow(dead_code)]

use asl_session::run::{RunConfig, RunEvent, RunStatus, Runs};
use asl_session::Session;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

/// Every wait in these tests is bounded by this.
pub const PATIENCE: Duration = Duration::from_secs(10);

pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples").join(name).join(format!("{name}.asl.json"))
}

/// A JSON file of the sample's folder.
pub fn sample_json(name: &str, file: &str) -> Value {
    let path = sample(name).with_file_name(file);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Starts a run and returns its id with the stream of its events.
pub fn start(runs: &Runs, session: &Session, config: RunConfig) -> (u64, Receiver<RunEvent>) {
    let (tx, rx) = channel();
    let summary = runs
        .start(session, config, move |e| {
            let _ = tx.send(e);
        })
        .expect("run starts");
    assert_eq!(summary.status, RunStatus::Running);
    (summary.id, rx)
}
