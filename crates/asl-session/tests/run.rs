//! Run mode through the `asl_session::run` API, on the samples: callbacks approved and
//! rejected, mocks to success, a breakpoint in a Parallel branch with step and edits,
//! Stop while paused / while a callback waits / while a local command hangs, runs never
//! writing the document or its file, and the tests with their coverage.

use asl_eval::Status;
use asl_session::run::{
    run_tests, CallbackOutcome, DebugCommand, RuleRef, RunConfig, RunEvent, RunStatus, Runs, WaitingCallback,
};
use asl_session::Session;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

mod common;
use common::{sample, sample_json, start, PATIENCE};

fn config(value: Value) -> RunConfig {
    serde_json::from_value(value).expect("run config")
}

/// The events up to and including the first one `stop` accepts.
fn until(events: &Receiver<RunEvent>, stop: impl Fn(&RunEvent) -> bool) -> Vec<RunEvent> {
    let mut out = Vec::new();
    loop {
        let e = events
            .recv_timeout(PATIENCE)
            .unwrap_or_else(|_| panic!("an event within {PATIENCE:?}; got {out:#?}"));
        let done = stop(&e);
        out.push(e);
        if done {
            return out;
        }
    }
}

fn finished(e: &RunEvent) -> bool {
    matches!(e, RunEvent::Finished { .. })
}

fn paused(e: &RunEvent) -> bool {
    matches!(e, RunEvent::Paused(_))
}

fn waiting(events: &Receiver<RunEvent>) -> WaitingCallback {
    match until(events, |e| matches!(e, RunEvent::WaitingForCallback(_))).pop() {
        Some(RunEvent::WaitingForCallback(w)) => w,
        other => panic!("{other:?}"),
    }
}

fn entered(events: &[RunEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            RunEvent::StateEntered { path, .. } => Some(path.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn human_approval_approved_in_one_run_and_rejected_in_another() {
    let session = Session::open(&sample("human-approval")).unwrap();
    let runs = Runs::default();
    let setup = json!({"input": sample_json("human-approval", "input.json"),
        "mocks": {"kind": "file", "file": "mocks.json"}});

    let (approved, events) = start(&runs, &session, config(setup.clone()));
    let task = waiting(&events);
    assert_eq!((task.path.as_str(), task.state_name.as_str()), ("RequestApproval", "RequestApproval"));
    assert_eq!(task.payload["MessageBody"]["taskToken"], json!(task.token), "the message carries the token");
    assert_eq!(task.heartbeat_seconds, Some(86400.0));
    // The mocks' answer for the state is offered as the Approve box's start.
    assert_eq!(task.mocked_output.as_ref().map(|o| &o["decision"]), Some(&json!("APPROVED")));
    // While it waits, the record shows the callback; a heartbeat keeps it waiting.
    assert_eq!(runs.get(approved).unwrap().callbacks, std::slice::from_ref(&task));
    runs.send_callback(approved, &task.token, CallbackOutcome::Heartbeat).unwrap();
    let decision = json!({"decision": "APPROVED", "approverId": "E1", "comments": "ok"});
    runs.send_callback(approved, &task.token, CallbackOutcome::Success { output: decision.clone() }).unwrap();
    let rest = until(&events, finished);
    assert!(entered(&rest).contains(&"ScheduleReimbursement".to_string()), "{rest:#?}");
    let summary = runs.wait(approved, PATIENCE).unwrap();
    assert_eq!(summary.status, RunStatus::Succeeded);
    assert_eq!(summary.output.unwrap()["approval"], decision);
    let err = runs.send_callback(approved, &task.token, CallbackOutcome::Heartbeat).unwrap_err();
    assert_eq!(err.code(), "task-does-not-exist");

    let (rejected, events) = start(&runs, &session, config(setup));
    let task = waiting(&events);
    let no = CallbackOutcome::Failure { error: "Rejected".into(), cause: "over budget".into() };
    runs.send_callback(rejected, &task.token, no).unwrap();
    let rest = until(&events, finished);
    assert!(entered(&rest).contains(&"ExpenseProcessingFailed".to_string()), "{rest:#?}");
    assert!(rest.iter().any(|e| matches!(e, RunEvent::Caught { error, .. } if error == "Rejected")));
    let record = runs.get(rejected).unwrap();
    assert_eq!(record.summary.status, RunStatus::Failed);
    let failed = record.history.events.iter().find(|e| e.kind == "TaskFailed").expect("TaskFailed event");
    assert_eq!(failed.details.as_ref().unwrap().1["error"], "Rejected");
    assert_eq!(runs.list().iter().map(|s| s.id).collect::<Vec<_>>(), [approved, rejected]);
}

#[test]
fn order_processing_runs_to_success_with_its_mocks_and_keeps_the_full_record() {
    let session = Session::open(&sample("order-processing")).unwrap();
    let runs = Runs::default();
    let input = sample_json("order-processing", "input.json");
    let (id, events) = start(
        &runs,
        &session,
        config(json!({"input": input, "mocks": {"kind": "file", "file": "mocks.json"}})),
    );
    let all = until(&events, finished);
    let Some(RunEvent::Finished { status, output, .. }) = all.last() else { unreachable!() };
    assert_eq!(*status, Status::Succeeded, "{all:#?}");
    let record = runs.get(id).unwrap();
    assert_eq!(record.summary.output.as_ref(), output.as_ref());
    assert!(record.summary.finished_at.is_some());
    // Every state entered is in the record with its pointer and inspection stages.
    assert_eq!(record.states.len(), entered(&all).len());
    let first = &record.states[0];
    assert_eq!(first.pointer.as_deref(), Some(format!("/States/{}", first.record.name).as_str()));
    assert!(record.states.iter().any(|s| s.record.inspection.after_parameters.is_some()));
    // The history is GetExecutionHistory's shape.
    let history = serde_json::to_value(&record.history).unwrap();
    assert_eq!(history["events"][0]["type"], "ExecutionStarted");
    assert_eq!(history["events"].as_array().unwrap().last().unwrap()["type"], "ExecutionSucceeded");
    // Serialized as the UI reads it.
    let v = serde_json::to_value(&record).unwrap();
    assert_eq!(v["status"], "SUCCEEDED");
    assert!(v["states"][0]["inspection"].is_object() && v["states"][0]["type"].is_string());
}

#[test]
fn a_breakpoint_in_a_parallel_branch_step_over_edit_and_continue() {
    let session = Session::open(&sample("parallel-risk-analysis")).unwrap();
    let runs = Runs::default();
    let (id, events) = start(
        &runs,
        &session,
        config(json!({"input": sample_json("parallel-risk-analysis", "input.json"),
            "mocks": {"kind": "file", "file": "mocks.json"},
            "breakpoints": [{"path": "RunRiskChecks/1/FraudCheck", "place": "beforeEnter"}]})),
    );
    let first = until(&events, paused);
    assert_eq!(entered(&first), ["RunRiskChecks", "RunRiskChecks/0/CreditCheck"]);
    let Some(RunEvent::Paused(point)) = first.last() else { unreachable!() };
    assert_eq!((point.path.as_str(), point.depth), ("RunRiskChecks/1/FraudCheck", 1));
    assert_eq!(
        point.input["applicant"]["email"], "maria.garcia@example.com",
        "the pending input comes along"
    );
    assert_eq!(runs.get(id).unwrap().summary.status, RunStatus::Paused);

    // Edit the pending input: the state's parameters are built from the edited one.
    let mut input = point.input.clone();
    input["applicant"]["email"] = json!("edited@example.com");
    let now = runs.edit(id, Some(input), None).unwrap();
    assert_eq!(now.input["applicant"]["email"], "edited@example.com");
    runs.command(id, DebugCommand::StepOver).unwrap();
    let stepped = until(&events, paused);
    let fraud = stepped.iter().find_map(|e| match e {
        RunEvent::StateExited { path, inspection, .. } if path == "RunRiskChecks/1/FraudCheck" => {
            inspection.clone()
        }
        _ => None,
    });
    assert_eq!(fraud.unwrap().after_parameters.unwrap()["Payload"]["email"], "edited@example.com");
    let Some(RunEvent::Paused(point)) = stepped.last() else { unreachable!() };
    assert_eq!(point.path, "RunRiskChecks", "the branch ended: the step stops at the Parallel's exit");
    let mut output = point.output.clone().expect("the output about to leave");
    assert_eq!(output["risk"]["creditScore"], 742);

    // At the exit, the edit is the output the next state gets.
    output["risk"]["creditScore"] = json!(901);
    runs.edit(id, Some(output), None).unwrap();
    assert!(matches!(runs.command(id, DebugCommand::Continue), Ok(())));
    // Nothing is paused now: refused, as not applying to a running run or (when the run
    // was quicker than this call) to a finished one.
    let refused = runs.command(id, DebugCommand::Continue).unwrap_err().code();
    assert!(["not-applied", "run-finished"].contains(&refused), "{refused}");
    let end = until(&events, finished);
    assert!(entered(&end).contains(&"ApproveLoan".to_string()));
    let summary = runs.wait(id, PATIENCE).unwrap();
    assert_eq!(summary.status, RunStatus::Succeeded);
    assert_eq!(summary.output.unwrap()["risk"]["creditScore"], 901);
    assert_eq!(runs.edit(id, Some(json!({})), None).unwrap_err().code(), "not-paused");
}

#[test]
fn stop_while_paused_aborts_with_the_history_so_far() {
    let session = Session::open(&sample("parallel-risk-analysis")).unwrap();
    let runs = Runs::default();
    let (id, events) = start(
        &runs,
        &session,
        config(json!({"input": sample_json("parallel-risk-analysis", "input.json"),
            "mocks": {"kind": "file", "file": "mocks.json"},
            "breakpoints": [{"path": "EvaluateRisk"}]})),
    );
    until(&events, paused);
    runs.command(id, DebugCommand::Stop).unwrap();
    let end = until(&events, finished);
    assert!(matches!(end.last(), Some(RunEvent::Finished { status: Status::Aborted, .. })));
    let record = runs.get(id).unwrap();
    assert_eq!(record.history.events.last().unwrap().kind, "ExecutionAborted");
    assert!(record.pending.is_none());
    // Stopping again is harmless; a finished run refuses to continue.
    runs.stop(id).unwrap();
    assert_eq!(runs.command(id, DebugCommand::Continue).unwrap_err().code(), "run-finished");
}

#[test]
fn stop_while_a_callback_waits() {
    let session = Session::open(&sample("human-approval")).unwrap();
    let runs = Runs::default();
    let (id, events) = start(
        &runs,
        &session,
        config(json!({"input": sample_json("human-approval", "input.json"),
            "mocks": {"kind": "file", "file": "mocks.json"}})),
    );
    let task = waiting(&events);
    let asked = Instant::now();
    runs.stop(id).unwrap();
    let end = until(&events, finished);
    assert!(asked.elapsed() < Duration::from_secs(1), "stopped in {:?}", asked.elapsed());
    assert!(matches!(end.last(), Some(RunEvent::Finished { status: Status::Aborted, error: None, .. })));
    assert!(!end.iter().any(|e| matches!(e, RunEvent::Failed { .. })), "a stop is no failure: {end:#?}");
    let record = runs.get(id).unwrap();
    assert_eq!(record.summary.status, RunStatus::Aborted);
    assert_eq!(record.history.events.last().unwrap().kind, "ExecutionAborted");
    assert!(record.callbacks.is_empty());
    assert_eq!(
        runs.send_callback(id, &task.token, CallbackOutcome::Heartbeat).unwrap_err().code(),
        "task-does-not-exist"
    );
}

/// A machine whose Task is a local command that hangs (it writes its pid first).
fn hanging_command(dir: &Path) -> PathBuf {
    let machine = dir.join("hang.asl.json");
    let def = json!({"StartAt": "Hang", "States": {"Hang": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke", "End": true}}});
    std::fs::write(&machine, serde_json::to_string_pretty(&def).unwrap()).unwrap();
    let script = "echo $$ > pid; exec sleep 30";
    let config = json!({"commands": {"Hang": {"command": ["sh", "-c", script]}}});
    std::fs::write(dir.join("hang.run.json"), config.to_string()).unwrap();
    machine
}

fn alive(pid: &str) -> bool {
    let probe =
        std::process::Command::new("kill").args(["-0", pid]).stderr(std::process::Stdio::null()).status();
    probe.is_ok_and(|s| s.success())
        && !std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| s.contains(") Z "))
}

#[test]
fn stop_while_a_local_command_hangs_kills_it() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::open(&hanging_command(dir.path())).unwrap();
    let runs = Runs::default();
    let (id, events) = start(&runs, &session, config(json!({"allowCommands": true})));
    until(&events, |e| matches!(e, RunEvent::StateEntered { .. }));
    let pid_file = dir.path().join("pid");
    let started = Instant::now();
    let pid = loop {
        match std::fs::read_to_string(&pid_file) {
            Ok(pid) if !pid.trim().is_empty() => break pid.trim().to_owned(),
            _ if started.elapsed() > PATIENCE => panic!("the command did not start"),
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    assert!(alive(&pid));
    let asked = Instant::now();
    runs.stop(id).unwrap();
    let end = until(&events, finished);
    assert!(asked.elapsed() < Duration::from_secs(2), "stopped in {:?}", asked.elapsed());
    assert!(matches!(end.last(), Some(RunEvent::Finished { status: Status::Aborted, .. })), "{end:#?}");
    let gone = Instant::now();
    while alive(&pid) {
        assert!(gone.elapsed() < PATIENCE, "the command {pid} still runs");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn without_consent_a_mapped_task_fails_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::open(&hanging_command(dir.path())).unwrap();
    let runs = Runs::default();
    let (id, events) = start(&runs, &session, RunConfig::default());
    until(&events, finished);
    let summary = runs.wait(id, PATIENCE).unwrap();
    assert_eq!(summary.status, RunStatus::Failed);
    assert!(summary.cause.unwrap().contains("not allowed"));
    assert!(!dir.path().join("pid").exists(), "the command never ran");
}

#[test]
fn a_run_executes_the_unsaved_text_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let machine = dir.path().join("m.asl.json");
    let on_disk = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Result\": 1, \"End\": true}\n  }\n}\n";
    std::fs::write(&machine, on_disk).unwrap();
    let mut session = Session::open(&machine).unwrap();
    let edited = on_disk.replace("\"Result\": 1", "\"Result\": 2");
    session.set_text(edited.clone(), false);
    let before = session.snapshot();
    let runs = Runs::default();
    for _ in 0..2 {
        let (id, events) = start(&runs, &session, RunConfig::default());
        until(&events, finished);
        assert_eq!(runs.wait(id, PATIENCE).unwrap().output, Some(json!(2)), "the unsaved text ran");
    }
    let after = session.snapshot();
    assert_eq!((after.text.as_str(), after.revision, after.dirty), (edited.as_str(), before.revision, true));
    assert_eq!(std::fs::read_to_string(&machine).unwrap(), on_disk);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["m.asl.json"], "no file appeared next to it");

    session.set_text("{ not json".into(), false);
    let err = runs.start(&session, RunConfig::default(), |_| {}).unwrap_err();
    assert_eq!(err.code(), "invalid-definition");
}

#[test]
fn bad_mocks_are_refused_before_the_run_starts() {
    let session = Session::open(&sample("order-processing")).unwrap();
    let runs = Runs::default();
    let missing = config(json!({"mocks": {"kind": "file", "file": "nope.json"}}));
    assert_eq!(runs.start(&session, missing, |_| {}).unwrap_err().code(), "bad-mocks");
    let bad = config(json!({"mocks": {"kind": "inline", "mocks": {"ValidateOrder": 3}}}));
    assert_eq!(runs.start(&session, bad, |_| {}).unwrap_err().code(), "bad-mocks");
    assert!(runs.list().is_empty());
    assert_eq!(runs.get(9).unwrap_err().code(), "no-such-run");
}

#[test]
fn tests_of_a_sample_pass_and_cover_rules_retriers_and_catchers() {
    let session = Session::open(&sample("parallel-risk-analysis")).unwrap();
    let report = run_tests(&session, false).unwrap();
    assert_eq!(report.failed, 0, "{:#?}", report.cases);
    assert_eq!(report.passed, 5);
    assert!(report.cases.iter().all(|c| c.this_machine && c.status.is_some()));
    let c = &report.coverage;
    assert_eq!(c.cases, 5);
    let hits = |name: &str| c.states.iter().find(|s| s.name == name).map(|s| s.hits);
    assert_eq!(hits("RunRiskChecks"), Some(5));
    assert_eq!(hits("LoanRejected"), Some(1));
    let rule =
        |r: RuleRef| c.choice_rules.iter().find(|x| x.state_name == "EvaluateRisk" && x.rule == r).unwrap();
    assert!(rule(RuleRef::Index(0)).hits >= 2, "approved twice");
    assert_eq!(rule(RuleRef::Index(1)).hits, 1, "rejected by the second rule");
    assert_eq!(rule(RuleRef::Default).hits, 1, "borderline: the Default");
    assert_eq!(rule(RuleRef::Index(1)).pointer, "/States/EvaluateRisk/Choices/1");
    let credit_retry = c.retriers.iter().find(|r| r.state_name == "CreditCheck").unwrap();
    assert!(credit_retry.hits >= 1, "the throttled bureau was retried");
    let queue_retry = c.retriers.iter().find(|r| r.state_name == "QueueForManualReview").unwrap();
    assert_eq!(queue_retry.hits, 0, "listed though never exercised");
    let catcher = c.catchers.iter().find(|k| k.state_name == "RunRiskChecks").unwrap();
    assert_eq!((catcher.index, catcher.hits), (0, 1));

    // A failing expectation names its first difference.
    let dir = tempfile::tempdir().unwrap();
    let machine = dir.path().join("m.asl.json");
    std::fs::write(
        &machine,
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "End": true}}}"#,
    )
    .unwrap();
    let tests = json!({"cases": [
        {"name": "ok", "definition_file": "m.asl.json", "expect": {"status": "SUCCEEDED", "output": 1}},
        {"name": "wrong", "definition_file": "m.asl.json", "expect": {"status": "SUCCEEDED", "output": 2}}]});
    std::fs::write(dir.path().join("tests.json"), tests.to_string()).unwrap();
    let report = run_tests(&Session::open(&machine).unwrap(), false).unwrap();
    assert_eq!((report.passed, report.failed), (1, 1));
    let wrong = &report.cases[1];
    assert!(!wrong.passed && wrong.difference.as_deref().unwrap().contains("output"), "{wrong:?}");
}

#[test]
fn on_the_real_clock_a_wait_ends_at_stop_or_skip_wait() {
    let dir = tempfile::tempdir().unwrap();
    let machine = dir.path().join("wait.asl.json");
    let def = json!({"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 3600, "End": true}}});
    std::fs::write(&machine, def.to_string()).unwrap();
    let session = Session::open(&machine).unwrap();
    let runs = Runs::default();
    let real = || config(json!({"clock": "real", "input": {"n": 1}}));

    let (skipped, events) = start(&runs, &session, real());
    until(&events, |e| matches!(e, RunEvent::StateEntered { .. }));
    // Skip ends the waits in progress: ask until the wait has begun and ended.
    let asked = Instant::now();
    let end = loop {
        runs.command(skipped, DebugCommand::SkipWait).unwrap();
        match events.recv_timeout(Duration::from_millis(100)) {
            Ok(e) if finished(&e) => break e,
            _ => assert!(asked.elapsed() < PATIENCE, "the wait was not skipped"),
        }
    };
    assert!(matches!(end, RunEvent::Finished { status: Status::Succeeded, .. }), "{end:#?}");

    let (stopped, events) = start(&runs, &session, real());
    until(&events, |e| matches!(e, RunEvent::StateEntered { .. }));
    let asked = Instant::now();
    runs.stop(stopped).unwrap();
    let end = until(&events, finished);
    assert!(asked.elapsed() < Duration::from_secs(2), "stopped in {:?}", asked.elapsed());
    assert!(matches!(end.last(), Some(RunEvent::Finished { status: Status::Aborted, .. })), "{end:#?}");
    assert_eq!(runs.get(stopped).unwrap().history.events.last().unwrap().kind, "ExecutionAborted");
}

#[test]
fn a_record_tells_which_states_failed_and_which_transitions_were_taken() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fails.asl.json");
    let machine = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "P"},
        "P": {"Type": "Parallel", "Next": "B", "Branches": [
            {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}]},
        "B": {"Type": "Fail", "Error": "Nope", "Cause": "why"}}});
    std::fs::write(&file, machine.to_string()).unwrap();
    let session = Session::open(&file).unwrap();
    let runs = Runs::default();
    let (id, events) = start(&runs, &session, config(json!({})));
    until(&events, finished);
    let record = runs.get(id).unwrap();
    let seen: Vec<_> = record
        .states
        .iter()
        .map(|s| (s.record.path.as_str(), s.from.as_deref(), s.ends, s.error.as_deref(), s.cause.as_deref()))
        .collect();
    assert_eq!(
        seen,
        [
            ("A", None, false, None, None),
            ("P", Some("/States/A"), false, None, None),
            ("P/0/Done", None, true, None, None),
            ("B", Some("/States/P"), false, Some("Nope"), Some("why")),
        ]
    );
}
