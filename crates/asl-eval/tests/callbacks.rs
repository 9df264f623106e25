//! Callbacks (`.waitForTaskToken`), activities, heartbeats and timeouts on the virtual
//! clock, `.sync` integrations, and local commands (failures, hangs, floods).

use asl_eval::command::DEFAULT_COMMAND_TIMEOUT;
use asl_eval::{
    CallbackError, Callbacks, CommandConfig, CommandConsent, CommandHandler, Execution, LocalCommand, Mocks,
    Options, Outcome, Status,
};
use asl_model::{Document, Format};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn sample(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/human-approval").join(file)
}

fn read_json(file: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(sample(file)).expect("sample file")).expect("json")
}

fn approval_doc() -> Document {
    Document::parse(std::fs::read_to_string(sample("human-approval.asl.json")).unwrap(), Format::Json)
        .unwrap()
}

fn doc(definition: Value) -> Document {
    Document::parse(definition.to_string(), Format::Json).expect("definition")
}

/// The sample's mocks answer everything but the approval, which waits for a callback.
fn approval_handler() -> Callbacks<Mocks> {
    Callbacks::new(Mocks::from_value(&read_json("mocks.json"), None, None).unwrap())
}

fn options() -> Options {
    Options { seed: Some(11), ..Options::default() }
}

fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap()
}

fn names(o: &Outcome) -> Vec<&str> {
    o.states.iter().map(|r| r.name.as_str()).collect()
}

/// Runs the sample and answers its approval with `answer(handle, token)`.
fn run_approval(answer: impl Fn(&asl_eval::CallbackHandle, &str) + Clone) -> Outcome {
    let handler = approval_handler();
    let handle = handler.handle();
    let doc = approval_doc();
    let input = read_json("input.json");
    paused_runtime().block_on(async {
        let opts = options();
        let approver = async {
            let task = handle.wait_pending().await;
            assert_eq!(task.state_name, "RequestApproval");
            assert!(!task.activity);
            assert_eq!(task.heartbeat, Some(Duration::from_secs(86400)));
            assert_eq!(task.timeout, Some(Duration::from_secs(259200)));
            // The message carries the real token the approver answers with.
            assert_eq!(task.input["MessageBody"]["taskToken"], json!(task.token));
            assert_eq!(task.input["MessageBody"]["requestId"], json!("EXP-2026-11-0193"));
            // A day passes with a heartbeat (under HeartbeatSeconds), then the answer.
            tokio::time::sleep(Duration::from_secs(80_000)).await;
            handle.send_task_heartbeat(&task.token).unwrap();
            tokio::time::sleep(Duration::from_secs(80_000)).await;
            answer(&handle, &task.token);
            assert!(handle.pending().is_empty());
            assert!(matches!(
                handle.send_task_success(&task.token, json!({})),
                Err(CallbackError::TaskDoesNotExist(_))
            ));
        };
        tokio::join!(Execution::start(&doc, input, &handler, &opts), approver).0
    })
}

#[test]
fn human_approval_approved_schedules_the_reimbursement() {
    let outcome = run_approval(|h, token| {
        h.send_task_success(
            token,
            json!({"decision": "APPROVED", "approverId": "E10007", "comments": "ok", "decidedAt": "2026-11-02T09:12:37Z"}),
        )
        .unwrap()
    });
    assert_eq!(outcome.status, Status::Succeeded, "{outcome:?}");
    assert_eq!(
        names(&outcome),
        ["RequestApproval", "ApprovalDecision", "ScheduleReimbursement", "NotifyApproved", "Approved"]
    );
    let output = outcome.output.unwrap();
    assert_eq!(output["approval"]["decision"], json!("APPROVED"));
    assert_eq!(output["reimbursement"]["paymentId"], json!("PAY-7731-0193"));
    // The 160,000 s the approver took show in the history's timestamps.
    let scheduled = outcome.history.iter().find(|e| e.kind == "TaskScheduled").unwrap();
    let succeeded = outcome.history.iter().find(|e| e.kind == "TaskSucceeded").unwrap();
    let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    assert_eq!((t(&succeeded.timestamp) - t(&scheduled.timestamp)).num_seconds(), 160_000);
    let details = scheduled.details.as_ref().unwrap().1.clone();
    assert_eq!(details["heartbeatInSeconds"], json!(86400));
    assert_eq!(details["timeoutInSeconds"], json!(259200));
}

#[test]
fn human_approval_rejected_notifies_the_employee() {
    let outcome = run_approval(|h, token| {
        h.send_task_success(
            token,
            json!({"decision": "REJECTED", "approverId": "E10007", "comments": "use the portal", "decidedAt": "2026-11-02T09:12:37Z"}),
        )
        .unwrap()
    });
    assert_eq!(outcome.status, Status::Succeeded, "{outcome:?}");
    assert_eq!(names(&outcome), ["RequestApproval", "ApprovalDecision", "NotifyRejected", "Rejected"]);
    assert_eq!(outcome.output.unwrap()["decision"], json!("REJECTED"));
}

#[test]
fn human_approval_send_task_failure_is_caught() {
    let outcome = run_approval(|h, token| {
        h.send_task_failure(token, "Approval.Withdrawn", "the request was withdrawn").unwrap()
    });
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("ExpenseProcessingFailed"));
    let failed = outcome.history.iter().find(|e| e.kind == "TaskFailed").unwrap();
    let details = &failed.details.as_ref().unwrap().1;
    assert_eq!(details["error"], json!("Approval.Withdrawn"));
    assert_eq!(details["cause"], json!("the request was withdrawn"));
}

#[test]
fn heartbeat_timeout_fires_on_the_virtual_clock_when_nobody_answers() {
    let started = Instant::now();
    // Execution::run pauses tokio's time on the virtual clock: with no one to answer, the
    // heartbeat deadline (one day) fires at once.
    let outcome = Execution::run(&approval_doc(), read_json("input.json"), &approval_handler(), &options());
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(outcome.status, Status::Failed, "{outcome:?}");
    assert_eq!(outcome.error.as_deref(), Some("ApprovalTimedOut"));
    assert_eq!(names(&outcome), ["RequestApproval", "NotifyApprovalTimedOut", "ApprovalTimedOut"]);
    let timed_out = outcome.history.iter().find(|e| e.kind == "TaskTimedOut").expect("TaskTimedOut");
    assert_eq!(timed_out.details.as_ref().unwrap().1["error"], json!("States.HeartbeatTimeout"));
    let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    let scheduled = outcome.history.iter().find(|e| e.kind == "TaskScheduled").unwrap();
    assert_eq!((t(&timed_out.timestamp) - t(&scheduled.timestamp)).num_seconds(), 86400);
    // The Catch on States.Timeout caught the heartbeat timeout.
    let record = outcome.states.iter().find(|r| r.name == "NotifyApprovalTimedOut").unwrap();
    assert_eq!(record.input["timeout"]["Error"], json!("States.HeartbeatTimeout"));
}

#[test]
fn timeout_seconds_fires_when_heartbeats_keep_coming() {
    let handler = approval_handler();
    let handle = handler.handle();
    let doc = approval_doc();
    let outcome = paused_runtime().block_on(async {
        let opts = options();
        let beater = async {
            let task = handle.wait_pending().await;
            // Heartbeats every 20 hours: never a heartbeat timeout, but three days pass.
            while handle.send_task_heartbeat(&task.token).is_ok() {
                tokio::time::sleep(Duration::from_secs(72_000)).await;
            }
        };
        tokio::join!(Execution::start(&doc, read_json("input.json"), &handler, &opts), beater).0
    });
    assert_eq!(outcome.error.as_deref(), Some("ApprovalTimedOut"));
    let timed_out = outcome.history.iter().find(|e| e.kind == "TaskTimedOut").expect("TaskTimedOut");
    assert_eq!(timed_out.details.as_ref().unwrap().1["error"], json!("States.Timeout"));
}

#[test]
fn asl_run_style_mocks_still_answer_callbacks() {
    let mocks = Mocks::from_value(&read_json("mocks.json"), None, None).unwrap();
    let outcome = Execution::run(&approval_doc(), read_json("input.json"), &mocks, &options());
    assert_eq!(outcome.status, Status::Succeeded);
    assert_eq!(outcome.output.unwrap()["approval"]["decision"], json!("APPROVED"));
}

#[test]
fn activities_wait_like_callbacks_and_sync_integrations_use_their_mock() {
    let definition = json!({"StartAt": "Build", "States": {
        "Build": {"Type": "Task", "Resource": "arn:aws:states:::codebuild:startBuild.sync",
                  "ResultPath": "$.build", "Next": "Review"},
        "Review": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:review",
                   "HeartbeatSeconds": 60, "ResultPath": "$.review", "End": true}}});
    let mocks = Mocks::from_value(
        &json!({"Build": [{"return": {"Build": {"BuildStatus": "SUCCEEDED"}}}]}),
        None,
        None,
    )
    .unwrap();
    let handler = Callbacks::new(mocks);
    let handle = handler.handle();
    let doc = doc(definition);
    let outcome = paused_runtime().block_on(async {
        let opts = options();
        let worker = async {
            let task = handle.wait_pending().await;
            assert!(task.activity);
            assert_eq!(task.input, json!({"build": {"Build": {"BuildStatus": "SUCCEEDED"}}}));
            handle.send_task_success(&task.token, json!("looks good")).unwrap();
        };
        tokio::join!(Execution::start(&doc, json!({}), &handler, &opts), worker).0
    });
    assert_eq!(outcome.status, Status::Succeeded, "{outcome:?}");
    assert_eq!(
        outcome.output,
        Some(json!({"build": {"Build": {"BuildStatus": "SUCCEEDED"}}, "review": "looks good"}))
    );
    let kinds: Vec<&str> = outcome.history.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&"TaskSucceeded") && kinds.contains(&"ActivitySucceeded"), "{kinds:?}");
}

#[test]
fn an_activity_nobody_works_on_times_out_by_its_heartbeat() {
    let definition = json!({"StartAt": "Review", "States": {
        "Review": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:review",
                   "HeartbeatSeconds": 60, "TimeoutSeconds": 600, "End": true}}});
    let outcome = Execution::run(&doc(definition), json!({}), &Callbacks::new(Mocks::default()), &options());
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.HeartbeatTimeout"));
    let kinds: Vec<&str> = outcome.history.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&"ActivityScheduled") && kinds.contains(&"ActivityTimedOut"), "{kinds:?}");
    let scheduled = outcome.history.iter().find(|e| e.kind == "ActivityScheduled").unwrap();
    assert_eq!(scheduled.details.as_ref().unwrap().1["heartbeatInSeconds"], json!(60));
}

#[test]
fn context_task_token_is_unique_per_attempt() {
    let definition = json!({"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"token.$": "$$.Task.Token"},
        "Retry": [{"ErrorEquals": ["Again"], "IntervalSeconds": 1}], "End": true}}});
    let handler = Callbacks::new(Mocks::default());
    let handle = handler.handle();
    let doc = doc(definition);
    let outcome = paused_runtime().block_on(async {
        let opts = options();
        let answer = async {
            let first = handle.wait_pending().await;
            handle.send_task_failure(&first.token, "Again", "").unwrap();
            let second = loop {
                let t = handle.wait_pending().await;
                if t.token != first.token {
                    break t;
                }
                tokio::task::yield_now().await;
            };
            handle.send_task_success(&second.token, json!({"token": second.token})).unwrap();
            (first.token, second.token)
        };
        tokio::join!(Execution::start(&doc, json!({}), &handler, &opts), answer)
    });
    let (outcome, (first, second)) = outcome;
    assert_eq!(outcome.status, Status::Succeeded, "{outcome:?}");
    assert_ne!(first, second);
    assert!(!first.is_empty());
    assert_eq!(outcome.output, Some(json!({"token": second})));
}

// ---- local commands ----

fn command_machine(extra: Value) -> Document {
    let mut state = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true});
    state.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    doc(json!({"StartAt": "Run", "States": {"Run": state}}))
}

fn sh(script: &str) -> LocalCommand {
    LocalCommand::new("sh", ["-c", script])
}

fn run_command(script: &str, state: Value, consent: CommandConsent) -> (Outcome, Duration) {
    let mut config = CommandConfig::default();
    config.insert("Run", sh(script));
    let handler =
        CommandHandler::new(config, consent, Mocks::default()).with_default_timeout(Duration::from_secs(2));
    let started = Instant::now();
    let outcome = Execution::run(&command_machine(state), json!({"n": 41}), &handler, &options());
    (outcome, started.elapsed())
}

#[cfg(unix)]
#[test]
fn a_command_gets_the_input_on_stdin_and_returns_stdout() {
    let (outcome, _) = run_command(
        r#"read line; echo "{\"got\": $line}""#,
        json!({"ResultPath": "$.result"}),
        CommandConsent::Allowed,
    );
    assert_eq!(outcome.status, Status::Succeeded, "{outcome:?}");
    assert_eq!(outcome.output, Some(json!({"n": 41, "result": {"got": {"n": 41}}})));
}

#[cfg(unix)]
#[test]
fn commands_need_consent() {
    let (outcome, _) = run_command("echo 1", json!({}), CommandConsent::Denied);
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.Runtime"));
    assert!(outcome.cause.unwrap().contains("not allowed"));
}

#[cfg(unix)]
#[test]
fn a_failing_command_reports_its_stderr_and_can_be_caught() {
    let (outcome, _) = run_command("echo 'disk full' >&2; exit 3", json!({}), CommandConsent::Allowed);
    assert_eq!(outcome.error.as_deref(), Some("States.TaskFailed"));
    assert_eq!(outcome.cause.as_deref(), Some("disk full"));
    let catch = json!({"Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Caught"}], "End": null});
    let mut config = CommandConfig::default();
    config.insert("Run", sh("exit 1"));
    let handler = CommandHandler::new(config, CommandConsent::Allowed, Mocks::default());
    let mut run = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke"});
    run.as_object_mut().unwrap().extend(catch.as_object().unwrap().clone());
    run.as_object_mut().unwrap().remove("End");
    let d = doc(json!({"StartAt": "Run", "States": {"Run": run, "Caught": {"Type": "Pass", "End": true}}}));
    let outcome = Execution::run(&d, json!({}), &handler, &options());
    assert_eq!(outcome.status, Status::Succeeded, "{outcome:?}");
    assert!(outcome.output.unwrap()["Cause"].as_str().unwrap().contains("wrote nothing on stderr"));
}

#[cfg(unix)]
#[test]
fn invalid_json_on_stdout_is_a_task_failure() {
    let (outcome, _) = run_command("echo 'not json'", json!({}), CommandConsent::Allowed);
    assert_eq!(outcome.error.as_deref(), Some("States.TaskFailed"));
    let cause = outcome.cause.unwrap();
    assert!(cause.contains("invalid JSON") && cause.contains("not json"), "{cause}");
}

#[cfg(unix)]
#[test]
fn a_hanging_command_is_killed_at_timeout_seconds() {
    let (outcome, took) = run_command("sleep 30", json!({"TimeoutSeconds": 1}), CommandConsent::Allowed);
    assert_eq!(outcome.error.as_deref(), Some("States.Timeout"), "{outcome:?}");
    assert!(outcome.cause.unwrap().contains("did not finish within 1 s"));
    assert!(took < Duration::from_secs(10), "{took:?}");
    // Without TimeoutSeconds the handler's default limit applies (2 s here).
    let (outcome, took) = run_command("sleep 30", json!({}), CommandConsent::Allowed);
    assert_eq!(outcome.error.as_deref(), Some("States.Timeout"));
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(DEFAULT_COMMAND_TIMEOUT >= Duration::from_secs(2));
}

#[cfg(unix)]
#[test]
fn a_command_flooding_stdout_is_stopped_with_data_limit_exceeded() {
    let (outcome, took) =
        run_command("yes '\"aaaaaaaaaaaaaaaaaaaa\"'", json!({"TimeoutSeconds": 30}), CommandConsent::Allowed);
    assert_eq!(outcome.error.as_deref(), Some("States.DataLimitExceeded"), "{outcome:?}");
    assert!(outcome.cause.unwrap().contains("more than 262144 bytes"));
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn run_configuration_is_read_with_clear_errors() {
    let config = CommandConfig::from_value(
        &json!({"commands": {"Run": {"command": ["python3", "task.py"], "timeoutSeconds": 5}}}),
        Some(std::path::Path::new("/tmp")),
    )
    .unwrap();
    assert_ne!(config, CommandConfig::default());
    for (bad, needle) in [
        (json!({}), "\"commands\""),
        (json!({"commands": {"Run": {"command": []}}}), "empty"),
        (json!({"commands": {"Run": {"command": "x"}}}), "needs \"command\""),
        (json!({"commands": {"Run": {"command": ["x"], "timeoutSeconds": -1}}}), "positive"),
    ] {
        let err = CommandConfig::from_value(&bad, None).unwrap_err();
        assert!(err.contains(needle), "{err} / {needle}");
    }
}
