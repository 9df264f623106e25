//! The debugger engine driven through every command, asserting the exact event sequence:
//! breakpoints inside a Parallel branch and inside Map iteration 3, step into/over/out,
//! editing at a pause, conditional breakpoints, pause/resume, stop on retry and catch, and
//! Stop (status ABORTED).

use asl_eval::debug::{Breakpoint, Command, Condition, DebugSession, Debugger, Place, RunEvent};
use asl_eval::{Execution, Mocks, Options, Outcome, Status};
use asl_model::{Document, Format};
use serde_json::{json, Value};
use std::sync::mpsc::Receiver;
use std::thread::JoinHandle;
use std::time::Duration;

fn sample(name: &str, file: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/");
    std::fs::read_to_string(format!("{dir}{name}/{file}")).expect("sample file")
}

/// Starts the execution on its own thread with the session as its hook.
fn start(definition: String, input: Value, mocks: Value, session: &DebugSession) -> JoinHandle<Outcome> {
    let options = Options { seed: Some(7), hook: Some(session.hook()), ..Options::default() };
    let doc = Document::parse(definition, Format::Json).expect("definition");
    let mocks = Mocks::from_value(&mocks, None, None).expect("mocks");
    std::thread::spawn(move || Execution::run(&doc, input, &mocks, &options))
}

/// The events up to and including the next pause or the end, in their one-line form;
/// `full` keeps payloads, otherwise only the first two words.
/// Resumes and an inline Map's progress are left out (tests of their own check them).
fn until_stop(events: &Receiver<RunEvent>, full: bool) -> Vec<String> {
    let mut out = Vec::new();
    loop {
        let e = events.recv_timeout(Duration::from_secs(10)).expect("an event within 10 s");
        if matches!(e, RunEvent::Resumed { .. } | RunEvent::MapRunProgress { map_run_arn: None, .. }) {
            continue;
        }
        let stop = matches!(e, RunEvent::Paused(_) | RunEvent::Finished { .. });
        let line = e.to_string();
        out.push(if full || matches!(e, RunEvent::Paused(_)) {
            line
        } else {
            line.splitn(3, ' ').take(2).collect::<Vec<_>>().join(" ")
        });
        if stop {
            return out;
        }
    }
}

fn risk() -> (String, Value, Value) {
    let def = sample("parallel-risk-analysis", "parallel-risk-analysis.asl.json");
    let input: Value = serde_json::from_str(&sample("parallel-risk-analysis", "input.json")).expect("input");
    let mocks: Value = serde_json::from_str(&sample("parallel-risk-analysis", "mocks.json")).expect("mocks");
    (def, input, mocks)
}

fn map_machine() -> String {
    json!({"StartAt": "Each", "States": {
        "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "Next": "Done",
            "ItemProcessor": {"StartAt": "Double", "States": {
                "Double": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($.n, $.n)"}, "Next": "Tag"},
                "Tag": {"Type": "Pass", "Result": "ok", "ResultPath": "$.tag", "End": true}}}},
        "Done": {"Type": "Pass", "End": true}}})
    .to_string()
}

fn items() -> Value {
    json!({"items": [{"n": 0}, {"n": 1, "flag": true}, {"n": 2}, {"n": 3}, {"n": 4}]})
}

#[test]
fn break_in_a_parallel_branch_then_step_over_out_and_into() {
    let (def, input, mocks) = risk();
    let (session, events) = Debugger::new(vec![Breakpoint::before("RunRiskChecks/branch 1/FraudCheck")]);
    let run = start(def, input, mocks, &session);
    assert_eq!(
        until_stop(&events, false),
        [
            "enter RunRiskChecks",
            "enter RunRiskChecks/0/CreditCheck",
            "exit RunRiskChecks/0/CreditCheck",
            "paused RunRiskChecks/1/FraudCheck BeforeEnter Breakpoint",
        ]
    );
    let paused = session.paused().expect("paused");
    assert_eq!(paused.depth, 1);
    assert_eq!(paused.input["applicant"]["email"], json!("maria.garcia@example.com"));
    // Branch 2 waited at its first state while branch 1 was paused (all-stop); stepping
    // over FraudCheck lets it run, and the branch's end stops at the Parallel's exit.
    assert!(session.command(Command::StepOver));
    assert_eq!(
        until_stop(&events, false),
        [
            "enter RunRiskChecks/1/FraudCheck",
            "exit RunRiskChecks/1/FraudCheck",
            "enter RunRiskChecks/2/VerifyIncome",
            "exit RunRiskChecks/2/VerifyIncome",
            "paused RunRiskChecks AfterExit Step",
        ]
    );
    let paused = session.paused().expect("paused");
    assert_eq!(paused.output.expect("output")["risk"]["creditScore"], json!(742));
    assert!(session.command(Command::StepOver));
    assert_eq!(until_stop(&events, false), ["exit RunRiskChecks", "paused EvaluateRisk BeforeEnter Step"]);
    // StepInto on a state that is no container steps over it.
    assert!(session.command(Command::StepInto(None)));
    let next = until_stop(&events, false);
    assert_eq!(next[0], "enter EvaluateRisk");
    assert!(next.last().expect("event").ends_with("BeforeEnter Step"), "{next:?}");
    // StepOut at the top level is Continue.
    assert!(session.command(Command::StepOut));
    let end = until_stop(&events, false);
    assert_eq!(end.last().map(String::as_str), Some("finished SUCCEEDED"), "{end:?}");
    assert_eq!(run.join().expect("run").status, Status::Succeeded);
}

#[test]
fn step_into_a_parallel_branch_and_out_of_it() {
    let (def, input, mocks) = risk();
    let (session, events) = Debugger::new(vec![Breakpoint::before("RunRiskChecks")]);
    let run = start(def, input, mocks, &session);
    assert_eq!(until_stop(&events, false), ["paused RunRiskChecks BeforeEnter Breakpoint"]);
    session.command(Command::StepInto(None));
    assert_eq!(
        until_stop(&events, false),
        ["enter RunRiskChecks", "paused RunRiskChecks/0/CreditCheck BeforeEnter Step"]
    );
    session.command(Command::StepOut);
    assert_eq!(
        until_stop(&events, false),
        [
            "enter RunRiskChecks/0/CreditCheck",
            "exit RunRiskChecks/0/CreditCheck",
            "enter RunRiskChecks/1/FraudCheck",
            "exit RunRiskChecks/1/FraudCheck",
            "enter RunRiskChecks/2/VerifyIncome",
            "exit RunRiskChecks/2/VerifyIncome",
            "paused RunRiskChecks AfterExit Step",
        ]
    );
    session.command(Command::Continue);
    let end = until_stop(&events, false);
    assert_eq!(end.last().map(String::as_str), Some("finished SUCCEEDED"));
    run.join().expect("run");
}

#[test]
fn step_into_at_the_end_of_a_branch_goes_to_the_next_branch_with_work() {
    let (def, input, mocks) = risk();
    let (session, events) = Debugger::new(vec![Breakpoint::before("RunRiskChecks/branch 1/FraudCheck")]);
    let run = start(def, input, mocks, &session);
    assert_eq!(
        until_stop(&events, false).last().map(String::as_str),
        Some("paused RunRiskChecks/1/FraudCheck BeforeEnter Breakpoint")
    );
    // FraudCheck ends branch 1; branch 2 has not run yet: Step into goes there rather
    // than to the Parallel's exit (which Step over does).
    assert!(session.command(Command::StepInto(None)));
    assert_eq!(
        until_stop(&events, false),
        [
            "enter RunRiskChecks/1/FraudCheck",
            "exit RunRiskChecks/1/FraudCheck",
            "paused RunRiskChecks/2/VerifyIncome BeforeEnter Step",
        ]
    );
    // The last branch's last state: no branch has work left, so the Parallel's exit.
    assert!(session.command(Command::StepInto(None)));
    assert_eq!(
        until_stop(&events, false),
        [
            "enter RunRiskChecks/2/VerifyIncome",
            "exit RunRiskChecks/2/VerifyIncome",
            "paused RunRiskChecks AfterExit Step"
        ]
    );
    session.command(Command::Continue);
    assert_eq!(until_stop(&events, false).last().map(String::as_str), Some("finished SUCCEEDED"));
    run.join().expect("run");
}

#[test]
fn step_into_at_the_end_of_an_iteration_goes_to_the_next_iteration() {
    let (session, events) = Debugger::new(vec![Breakpoint::before("Each/iteration 1/Tag")]);
    let run = start(map_machine(), items(), json!({}), &session);
    assert_eq!(
        until_stop(&events, false).last().map(String::as_str),
        Some("paused Each/1/Tag BeforeEnter Breakpoint")
    );
    assert!(session.command(Command::StepInto(None)));
    assert_eq!(
        until_stop(&events, false),
        ["enter Each/1/Tag", "exit Each/1/Tag", "paused Each/2/Double BeforeEnter Step"]
    );
    session.command(Command::Continue);
    assert_eq!(until_stop(&events, false).last().map(String::as_str), Some("finished SUCCEEDED"));
    run.join().expect("run");
}

#[test]
fn break_in_map_iteration_3_edit_the_input_and_see_the_changed_output() {
    let (session, events) = Debugger::new(vec![Breakpoint::before("Each/iteration 3/Double")]);
    let run = start(map_machine(), items(), json!({}), &session);
    let first = until_stop(&events, false);
    assert_eq!(first.len(), 1 + 3 * 4 + 1, "{first:?}");
    assert_eq!(first[..3], ["enter Each", "enter Each/0/Double", "exit Each/0/Double"]);
    assert_eq!(first.last().map(String::as_str), Some("paused Each/3/Double BeforeEnter Breakpoint"));
    assert_eq!(session.paused().expect("paused").input, json!({"n": 3}));
    assert!(session.set_input(json!({"n": 100})));
    session.command(Command::StepOver);
    assert_eq!(
        until_stop(&events, true),
        [
            "enter Each/3/Double {\"n\":100}",
            "exit Each/3/Double {\"v\":200}",
            "paused Each/3/Tag BeforeEnter Step",
        ]
    );
    session.command(Command::StepOut);
    assert_eq!(
        until_stop(&events, false),
        [
            "enter Each/3/Tag",
            "exit Each/3/Tag",
            "enter Each/4/Double",
            "exit Each/4/Double",
            "enter Each/4/Tag",
            "exit Each/4/Tag",
            "paused Each AfterExit Step",
        ]
    );
    session.command(Command::Continue);
    let end = until_stop(&events, false);
    assert_eq!(end, ["exit Each", "enter Done", "exit Done", "finished SUCCEEDED"]);
    let outcome = run.join().expect("run");
    assert_eq!(outcome.output.expect("output")[3], json!({"v": 200, "tag": "ok"}));
}

#[test]
fn step_into_a_given_iteration_and_edit_the_output_after_exit() {
    let (session, events) = Debugger::new(vec![Breakpoint::before("Each"), Breakpoint::after("Each/3/Tag")]);
    let run = start(map_machine(), items(), json!({}), &session);
    assert_eq!(until_stop(&events, false), ["paused Each BeforeEnter Breakpoint"]);
    session.command(Command::StepInto(Some(3)));
    let steps = until_stop(&events, false);
    assert_eq!(steps.len(), 1 + 3 * 4 + 1, "{steps:?}");
    assert_eq!(steps.last().map(String::as_str), Some("paused Each/3/Double BeforeEnter Step"));
    session.command(Command::Continue);
    assert_eq!(
        until_stop(&events, false),
        [
            "enter Each/3/Double",
            "exit Each/3/Double",
            "enter Each/3/Tag",
            "paused Each/3/Tag AfterExit Breakpoint"
        ]
    );
    let paused = session.paused().expect("paused");
    assert_eq!(paused.place, Place::AfterExit);
    assert_eq!(paused.output, Some(json!({"v": 6, "tag": "ok"})));
    assert!(session.set_input(json!("edited")));
    session.command(Command::Continue);
    let end = until_stop(&events, true);
    assert_eq!(end[0], "exit Each/3/Tag \"edited\"");
    let outcome = run.join().expect("run");
    assert_eq!(outcome.output.expect("output")[3], json!("edited"));
}

#[test]
fn conditional_breakpoints_in_jsonpath_and_jsonata() {
    let (session, events) = Debugger::new(vec![
        Breakpoint::before("Each/*/Double").when(Condition::JsonPath("$.flag".into())),
        Breakpoint::before("Each/*/Tag").when(Condition::Jsonata("{% $states.input.v >= 6 %}".into())),
    ]);
    let run = start(map_machine(), items(), json!({}), &session);
    let mut pauses = Vec::new();
    loop {
        let batch = until_stop(&events, false);
        let last = batch.last().expect("event").clone();
        if last.starts_with("finished") {
            assert_eq!(last, "finished SUCCEEDED");
            break;
        }
        pauses.push(last);
        session.command(Command::Continue);
    }
    assert_eq!(
        pauses,
        [
            "paused Each/1/Double BeforeEnter Breakpoint",
            "paused Each/3/Tag BeforeEnter Breakpoint",
            "paused Each/4/Tag BeforeEnter Breakpoint",
        ]
    );
    run.join().expect("run");
}

#[test]
fn pause_and_resume_and_variables_at_a_pause() {
    let (session, events) = Debugger::new(Vec::new());
    // Pause before the run starts: the first point stops.
    assert!(session.command(Command::Pause));
    let def = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
        "B": {"Type": "Pass", "Parameters": {"x.$": "$x"}, "End": true}}})
    .to_string();
    let run = start(def, json!({"k": 1}), json!({}), &session);
    assert_eq!(until_stop(&events, true), ["paused A BeforeEnter Pause"]);
    assert!(!session.command(Command::Pause), "already paused");
    session.command(Command::StepOver);
    assert_eq!(
        until_stop(&events, true),
        ["enter A {\"k\":1}", "exit A {\"k\":1}", "paused B BeforeEnter Step"]
    );
    let paused = session.paused().expect("paused");
    assert_eq!(paused.variables.get("x"), Some(&json!(1)));
    let mut variables = paused.variables.clone();
    variables.insert("x".into(), json!(42));
    assert!(session.set_variables(variables));
    session.command(Command::Continue);
    assert_eq!(
        until_stop(&events, true),
        ["enter B {\"k\":1}", "exit B {\"x\":42}", "finished SUCCEEDED {\"x\":42}"]
    );
    assert!(!session.command(Command::Continue), "nothing to continue");
    run.join().expect("run");
}

#[test]
fn stop_aborts_the_execution() {
    let (def, input, mocks) = risk();
    let (session, events) = Debugger::new(vec![Breakpoint::before("RunRiskChecks/1/FraudCheck")]);
    let run = start(def, input, mocks, &session);
    let first = until_stop(&events, false);
    assert_eq!(
        first.last().map(String::as_str),
        Some("paused RunRiskChecks/1/FraudCheck BeforeEnter Breakpoint")
    );
    assert!(session.command(Command::Stop));
    assert_eq!(until_stop(&events, false), ["finished ABORTED"]);
    let outcome = run.join().expect("run");
    assert_eq!(outcome.status, Status::Aborted);
    assert_eq!(outcome.history.last().map(|e| e.kind), Some("ExecutionAborted"));
}

#[test]
fn stops_on_retry_and_on_catch() {
    let def = json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C",
            "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "MaxAttempts": 1}]},
        "C": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recovered"}]},
        "Recovered": {"Type": "Succeed"}}})
    .to_string();
    let mocks = json!({
        "T": [{"throw": {"error": "Boom", "cause": "first"}}, {"return": {"ok": 1}}],
        "C": [{"throw": {"error": "Bad", "cause": "always"}}]});
    let (session, events) = Debugger::new(Vec::new());
    session.stop_on_retry_and_catch(true, true);
    let run = start(def, json!({}), mocks, &session);
    assert_eq!(
        until_stop(&events, true),
        ["enter T {}", "failed T Boom", "retry T Boom #1 in 2s", "paused T Retry Retry"]
    );
    session.command(Command::Continue);
    assert_eq!(
        until_stop(&events, true),
        [
            "exit T {\"ok\":1}",
            "enter C {\"ok\":1}",
            "failed C Bad",
            "caught C Bad -> Recovered",
            "paused C Catch Catch"
        ]
    );
    session.command(Command::Continue);
    let end = until_stop(&events, false);
    assert_eq!(end, ["exit C", "enter Recovered", "exit Recovered", "finished SUCCEEDED"]);
    run.join().expect("run");
}

#[test]
fn a_failing_state_is_reported_before_retry_and_catch_decide() {
    // The Fail state inside the branch fails, then the Parallel fails with its error (no
    // Retrier matches), then the Catcher sends the run on.
    let def = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Next": "Done",
            "Retry": [{"ErrorEquals": ["Other"]}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}],
            "Branches": [{"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": "Nope", "Cause": "why"}}}]},
        "Done": {"Type": "Succeed"}}})
    .to_string();
    let (session, events) = Debugger::new(Vec::new());
    let run = start(def, json!({}), json!({}), &session);
    let all = until_stop(&events, true);
    assert_eq!(
        all,
        [
            "enter P {}",
            "enter P/0/Stop {}",
            "failed P/0/Stop Nope",
            "failed P Nope",
            "caught P Nope -> Done",
            "exit P {\"Error\":\"Nope\",\"Cause\":\"why\"}",
            "enter Done {\"Error\":\"Nope\",\"Cause\":\"why\"}",
            "exit Done {\"Error\":\"Nope\",\"Cause\":\"why\"}",
            "finished SUCCEEDED {\"Error\":\"Nope\",\"Cause\":\"why\"}"
        ]
    );
    run.join().expect("run");
    let failed = RunEvent::Failed {
        path: "P".into(),
        pointer: "/States/P".into(),
        error: "Nope".into(),
        cause: "why".into(),
    };
    assert_eq!(serde_json::to_value(&failed).expect("json")["event"], json!("failed"));
}

#[test]
fn a_distributed_map_reports_its_progress_at_a_bounded_rate() {
    // 250 items from the input, MaxConcurrency 7: a report after 100 and 200 finished
    // children (with those still running then) and one at the end; the same on every run.
    let items: Vec<i64> = (0..250).map(|i| if i == 120 { -1 } else { i }).collect();
    let def = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 7, "ToleratedFailureCount": 5, "End": true,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericLessThan": 0, "Next": "Bad"}], "Default": "Good"},
            "Bad": {"Type": "Fail", "Error": "Negative"},
            "Good": {"Type": "Succeed"}}}}}})
    .to_string();
    let mut runs = Vec::new();
    for _ in 0..2 {
        let (session, events) = Debugger::new(Vec::new());
        let run = start(def.clone(), json!(items), json!({}), &session);
        let progress: Vec<String> =
            until_stop(&events, true).into_iter().filter(|e| e.starts_with("progress")).collect();
        run.join().expect("run");
        runs.push(progress);
    }
    assert_eq!(
        runs[0],
        [
            "progress M 100+0/250 running 5",
            "progress M 199+1/250 running 3",
            "progress M 249+1/250 running 0 finished"
        ]
    );
    assert_eq!(runs[0], runs[1]);
}
