//! Starting executions: StartExecution (Standard executions are kept, with their history;
//! Express ones run and are forgotten, as AWS keeps nothing describable for them) and
//! StartSyncExecution (Express only, answered when the execution ends).

use crate::error::ApiError;
use crate::history::{HistoryLog, HistorySink};
use crate::names::{check_name, epoch, now};
use crate::request::Request;
use crate::store::{ExecutionEntry, MachineVersion};
use crate::tasks::ServerHandler;
use crate::Service;
use asl_eval::{Callbacks, Execution, ExecutionType, Mocks, NoTasks, Options, Outcome, RealClock};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use tokio::sync::{oneshot, Notify};

/// AWS's largest execution input.
const INPUT_LIMIT: usize = 256 * 1024;

/// A checked start request.
struct Start {
    version: Arc<MachineVersion>,
    version_arn: Option<String>,
    alias_arn: Option<String>,
    name: String,
    input_text: String,
    input: Value,
    mocks: Mocks,
}

fn read_start(service: &Service, r: &Request) -> Result<Start, ApiError> {
    let full = r.str("stateMachineArn")?;
    // Step Functions Local: `stateMachineArn#TestCase` picks a test case of the mock config.
    let (arn, case) = match full.split_once('#') {
        Some((arn, case)) => (arn, Some(case)),
        None => (full, None),
    };
    let name = match r.opt_str("name")? {
        Some(name) => name.to_owned(),
        None => uuid::Uuid::new_v4().to_string(),
    };
    let input_text = r.opt_str("input")?.unwrap_or("{}").to_owned();
    let crate::versions::Target { version, version_arn, alias_arn } = crate::versions::resolve(service, arn)?;
    check_name(&name)?;
    if input_text.len() > INPUT_LIMIT {
        return Err(ApiError::constraint(
            "input",
            "<input>",
            "Member must have length less than or equal to 262144",
        ));
    }
    let input: Value = serde_json::from_str(&input_text).map_err(|e| {
        ApiError::new("InvalidExecutionInput", format!("Invalid State Machine Execution Input: '{e}'"))
    })?;
    let mocks = match (case, &service.config.mock_config) {
        (None, _) => Mocks::default(),
        (Some(case), None) => {
            return Err(ApiError::new(
                "ValidationException",
                format!("Test case '{case}' was asked for, but the server has no mock config (--mock-config FILE or SFN_MOCK_CONFIG)"),
            ))
        }
        (Some(case), Some(config)) => Mocks::from_value(config, Some(&version.name), Some(case))
            .map_err(|e| ApiError::new("ValidationException", format!("Mock config: {}", e.0)))?,
    };
    Ok(Start { version, version_arn, alias_arn, name, input_text, input, mocks })
}

/// Where a finished run goes.
enum Report {
    /// A kept (Standard) execution: its entry is updated.
    Kept,
    /// StartSyncExecution waits for the outcome.
    Reply(oneshot::Sender<Outcome>),
    /// An async Express execution: nobody asks.
    Forget,
}

/// Hands the execution to an engine thread.
fn launch(
    service: &Arc<Service>,
    start: Start,
    arn: String,
    started: DateTime<Utc>,
    history: Option<Arc<Mutex<HistoryLog>>>,
    stop: Option<Arc<Notify>>,
    report: Report,
) {
    let service = service.clone();
    service.clone().workers.spawn(Box::new(move || {
        Box::pin(async move {
            let Start { version, name, input, mocks, .. } = start;
            let mut options = Options {
                execution_type: if version.express {
                    ExecutionType::Express
                } else {
                    ExecutionType::Standard
                },
                record_states: false,
                record_history: history.is_some(),
                sink: history.map(|h| {
                    Arc::new(HistorySink(h, service.config.compat)) as Arc<dyn asl_eval::RecordSink>
                }),
                execution_name: name,
                state_machine_name: version.name.clone(),
                region: service.config.account.region.clone(),
                account: service.config.account.id.clone(),
                role_arn: version.role_arn.clone(),
                start_time: Some(started),
                seed: Some(rand_seed()),
                ..Options::default()
            };
            if service.config.real_time {
                options.clock = Arc::new(RealClock);
            }
            let callbacks = Callbacks::new(NoTasks);
            // The app may watch this execution (its debugger, its live record, its tasks).
            let watched = service.config.attach.as_ref().and_then(|w| {
                w.0.attach(&crate::attach::Starting {
                    state_machine_name: &version.name,
                    doc: &version.doc,
                    execution_arn: &arn,
                    execution_name: &options.execution_name,
                    input: &input,
                    express: version.express,
                    callbacks: callbacks.handle(),
                })
            });
            let (finished, watcher_waiting) = match watched {
                Some(w) => {
                    options.hook = Some(w.hook);
                    options.record_states = true;
                    options.record_history = true;
                    options.sink =
                        Some(Arc::new(crate::attach::Both { server: options.sink.take(), watcher: w.sink }));
                    (Some(w.finished), Some(w.waiting))
                }
                None => (None, None),
            };
            let handler = ServerHandler {
                mocks,
                callbacks,
                board: service.board.clone(),
                lambda_endpoint: service.config.lambda_endpoint.clone(),
                checkpoint: checkpoint(&service, &arn, &report),
                watcher_waiting,
            };
            let run = Execution::start(&version.doc, input, &handler, &options);
            let outcome = match stop {
                Some(stop) => tokio::select! {
                    outcome = run => Some(outcome),
                    _ = stop.notified() => None,
                },
                None => Some(run.await),
            };
            // None: stopped; StopExecution already recorded the end (a watcher hears it).
            let Some(outcome) = outcome else {
                if let Some(finished) = finished {
                    finished(&crate::attach::aborted());
                }
                return;
            };
            if let Some(finished) = finished {
                finished(&outcome);
            }
            match report {
                Report::Kept => finish(&service, &arn, &outcome),
                Report::Reply(tx) => {
                    let _ = tx.send(outcome);
                }
                Report::Forget => {}
            }
        })
    }));
}

/// For a kept execution with a data folder: writes it as it stands (see
/// `ServerHandler::checkpoint`).
fn checkpoint(service: &Arc<Service>, arn: &str, report: &Report) -> Option<Box<dyn Fn() + Send + Sync>> {
    if !matches!(report, Report::Kept) || service.durable.is_none() {
        return None;
    }
    let (service, arn) = (service.clone(), arn.to_owned());
    Some(Box::new(move || {
        let store = service.store();
        if let Some(entry) = store.executions.get(&arn).filter(|e| e.status == "RUNNING") {
            if let Err(e) = service.persist(|d| d.save_execution(entry)) {
                eprintln!("asl serve: {}", e.message);
            }
        }
    }))
}

/// Task tokens and retry jitter are seeded per execution: tokens must differ across the
/// executions that wait at the same time.
fn rand_seed() -> u64 {
    let (hi, lo) = uuid::Uuid::new_v4().as_u64_pair();
    hi ^ lo
}

/// Records how a kept execution ended (unless StopExecution got there first).
fn finish(service: &Service, arn: &str, outcome: &Outcome) {
    let mut store = service.store();
    let Some(entry) = store.executions.get_mut(arn) else { return };
    if entry.status != "RUNNING" {
        return;
    }
    let last = entry.history.lock().map(|h| h.last_millis()).unwrap_or_default();
    entry.status = outcome.status.as_str();
    // The history's last event is when it ended, on the virtual clock too.
    entry.stop = DateTime::from_timestamp_millis(last).filter(|_| last > 0).or_else(|| Some(now()));
    entry.output = outcome.output.as_ref().map(Value::to_string);
    entry.error = outcome.error.clone();
    entry.cause = outcome.cause.clone();
    entry.stop_signal = None;
    // No request waits on this write; the execution stays RUNNING in the folder if it fails.
    if let Err(e) = service.persist(|d| d.save_execution(&*entry)) {
        eprintln!("asl serve: {}", e.message);
    }
}

pub fn start(service: &Arc<Service>, r: &Request) -> Result<Value, ApiError> {
    let start = read_start(service, r)?;
    let started = now();
    let express = start.version.express;
    let arn = service.account().execution_arn(&start.version.name, &start.name, express);
    if express {
        launch(service, start, arn.clone(), started, None, None, Report::Forget);
        return Ok(json!({"executionArn": arn, "startDate": epoch(started)}));
    }
    let history = Arc::new(Mutex::new(HistoryLog::default()));
    let stop = Arc::new(Notify::new());
    {
        let mut store = service.store();
        if let Some(existing) = store.executions.get(&arn) {
            // AWS: the same name and input while it runs is the same execution (idempotent).
            if existing.status == "RUNNING" && existing.input == start.input_text {
                return Ok(json!({"executionArn": arn, "startDate": epoch(existing.start)}));
            }
            return Err(ApiError::new(
                "ExecutionAlreadyExists",
                format!("Execution Already Exists: '{arn}'"),
            ));
        }
        let entry = ExecutionEntry {
            arn: arn.clone(),
            name: start.name.clone(),
            machine: start.version.clone(),
            version_arn: start.version_arn.clone(),
            alias_arn: start.alias_arn.clone(),
            status: "RUNNING",
            start: started,
            stop: None,
            input: start.input_text.clone(),
            output: None,
            error: None,
            cause: None,
            history: history.clone(),
            stop_signal: Some(stop.clone()),
        };
        service.persist(|d| d.save_execution(&entry))?;
        store.executions.insert(arn.clone(), entry);
        store.executions_of.entry(start.version.arn.clone()).or_default().push(arn.clone());
    }
    launch(service, start, arn.clone(), started, Some(history), Some(stop), Report::Kept);
    Ok(json!({"executionArn": arn, "startDate": epoch(started)}))
}

pub async fn start_sync(service: &Arc<Service>, r: &Request) -> Result<Value, ApiError> {
    let start = read_start(service, r)?;
    if !start.version.express {
        return Err(ApiError::new(
            "StateMachineTypeNotSupported",
            "This operation is not supported by this type of state machine: StartSyncExecution needs an EXPRESS state machine",
        ));
    }
    let started = now();
    let arn = service.account().execution_arn(&start.version.name, &start.name, true);
    let (machine_arn, name, input_text) =
        (start.version.arn.clone(), start.name.clone(), start.input_text.clone());
    let (tx, rx) = oneshot::channel();
    launch(service, start, arn.clone(), started, None, None, Report::Reply(tx));
    let outcome = rx.await.map_err(|_| {
        ApiError::new("ServiceException", "the engine thread ended the execution unexpectedly")
    })?;
    let mut out = json!({
        "executionArn": arn,
        "stateMachineArn": machine_arn,
        "name": name,
        "startDate": epoch(started),
        "stopDate": epoch(now()),
        "status": outcome.status.as_str(),
        "input": input_text,
        "inputDetails": {"included": true},
        "billingDetails": {"billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100},
    });
    if let Some(output) = &outcome.output {
        out["output"] = json!(output.to_string());
        out["outputDetails"] = json!({"included": true});
    }
    if let Some(error) = &outcome.error {
        out["error"] = json!(error);
    }
    if let Some(cause) = &outcome.cause {
        out["cause"] = json!(cause);
    }
    Ok(out)
}
