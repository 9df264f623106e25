//! A run's record is kept once (issue 14): the engine hands its state records to the live
//! record as they finish instead of keeping its own copy. For every sample run with its
//! input and mocks, the app's record — the states with their inspection stages, and the
//! history — is the same data as the engine's own kept records (the old path).

use asl_eval::{Execution, Options, S3Folders};
use asl_model::{Document, Format};
use asl_session::run::{RunConfig, RunEvent, Runs};
use asl_session::setup::read_mocks;
use asl_session::Session;
use serde_json::{json, Value};

mod common;
use common::{sample, sample_json, start, PATIENCE};

/// The JSON of `values` without what differs between two runs of one machine: times,
/// the execution's name in ARNs, and the UUIDs of map runs and task tokens.
fn comparable(values: Vec<Value>) -> Vec<Value> {
    let uuid = regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    let execution = regex::Regex::new(r#":execution:([^:"]+):[^"/]+"#).unwrap();
    let text = Value::Array(values).to_string();
    let text = uuid.replace_all(&text, "UUID");
    let text = execution.replace_all(&text, ":execution:$1:NAME");
    let Value::Array(values) = serde_json::from_str(&text).unwrap() else { unreachable!() };
    values
        .into_iter()
        .map(|mut v| {
            if let Some(o) = v.as_object_mut() {
                o.remove("timestamp");
            }
            v
        })
        .collect()
}

#[test]
fn every_samples_record_is_the_engines_own_records() {
    for name in [
        "order-processing",
        "order-processing-jsonata",
        "parallel-risk-analysis",
        "etl-glue-chain",
        "video-pipeline",
        "distributed-map-s3",
    ] {
        let path = sample(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let input = sample_json(name, "input.json");

        // The app's path: a run with the live record.
        let session = Session::open(&path).unwrap();
        let runs = Runs::default();
        let config: RunConfig =
            serde_json::from_value(json!({"input": input, "mocks": {"kind": "file", "file": "mocks.json"}}))
                .unwrap();
        let (id, events) = start(&runs, &session, config);
        while !matches!(events.recv_timeout(PATIENCE).expect("the run ends"), RunEvent::Finished { .. }) {}
        let record = runs.get(id).unwrap();

        // The engine's own kept records.
        let doc = Document::parse(&text, Format::Json).unwrap();
        let mocks = read_mocks(&path.with_file_name("mocks.json"), None, None).unwrap();
        let options =
            Options { s3: S3Folders::beside(&path), state_machine_name: name.into(), ..Options::default() };
        let outcome = Execution::run(&doc, input.clone(), &mocks, &options);

        assert_eq!(
            serde_json::to_value(record.summary.status).unwrap(),
            outcome.status.as_str(),
            "{name}: status"
        );
        let app =
            comparable(record.states.iter().map(|s| serde_json::to_value(&s.record).unwrap()).collect());
        let engine = comparable(outcome.states.iter().map(|s| serde_json::to_value(s).unwrap()).collect());
        let children = app.len() - engine.len();
        // A Distributed Map's children's states are the app's own extra (never the engine's
        // records): the rest is the same, in the same order.
        let own: Vec<&Value> = record
            .states
            .iter()
            .zip(&app)
            .filter(|(s, _)| !asl_session::run::in_child_execution(doc.machine(), &s.record.path))
            .map(|(_, v)| v)
            .collect();
        assert_eq!(own.len(), engine.len(), "{name}: {children} child states");
        for (a, e) in own.iter().zip(&engine) {
            assert_eq!(*a, e, "{name}: a state's record differs");
        }
        let app_history =
            comparable(record.history.events.iter().map(|e| serde_json::to_value(e).unwrap()).collect());
        let engine_history =
            comparable(outcome.history.iter().map(|e| serde_json::to_value(e).unwrap()).collect());
        assert_eq!(app_history, engine_history, "{name}: history");
        assert!(!engine_history.is_empty(), "{name}: the history was compared");
    }
}
