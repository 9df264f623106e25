//! `asl aws …` and `asl replay` as a user runs them (the built `asl` binary), against two
//! Step Functions servers started here: `asl serve` and moto's server. Ignored in the
//! workspace run: tests/serve/run.sh runs them (`-- --ignored`) with `ASL_BIN` (the
//! binary) and `ASL_AWS_MOTO_SERVER` (moto_server of the venv tests/serve/install.sh
//! makes) set; run that way, a missing variable is a failure, not a skip.

mod common;

use common::cli::{asl_serve, moto, path, ran, Shell, ORDERS_ARN, ROLE};
use common::data;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;

#[test]
#[ignore = "run by tests/serve/run.sh (needs the asl binary and moto)"]
fn the_cli_against_asl_serve() {
    let server = asl_serve();
    let sh = Shell::new(&server.url);
    let dir = tempfile::tempdir().unwrap();
    let orders = data("orders.asl.json");

    let r = sh.run(&["aws", "list"]);
    assert_eq!((r.code, r.out.as_str()), (0, ""), "{}", r.err);
    assert!(r.err.contains("no state machines"), "{}", r.err);

    // No terminal to answer the question, no --yes: nothing is deployed.
    let r = sh.run(&["aws", "deploy", path(&orders), "--name", "orders", "--role-arn", ROLE]);
    assert_eq!(r.code, 2, "{}{}", r.out, r.err);
    assert!(r.out.contains("it will be created") && r.out.contains("local validation: ok"), "{}", r.out);
    assert!(r.out.contains("server validation: ok"), "{}", r.out);
    assert!(r.err.contains("standard input is not a terminal (pass --yes"), "{}", r.err);
    assert_eq!(sh.run(&["aws", "list", "--format", "json"]).out.trim(), "[]");

    let r = sh.run(&[
        "aws",
        "deploy",
        path(&orders),
        "--name",
        "orders",
        "--role-arn",
        ROLE,
        "--yes",
        "--publish",
        "--alias",
        "live",
        "--link",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert!(
        r.out.contains(&format!(
            "created {ORDERS_ARN}\npublished {ORDERS_ARN}:1\nalias {ORDERS_ARN}:live -> {ORDERS_ARN}:1\n"
        )),
        "{}",
        r.out
    );
    let listed: serde_json::Value =
        serde_json::from_str(&sh.run(&["aws", "list", "--format", "json"]).out).unwrap();
    assert_eq!(listed[0]["name"], "orders");
    assert_eq!(listed[0]["type"], "STANDARD");
    assert_eq!(sh.run(&["aws", "link", path(&orders)]).out.trim(), ORDERS_ARN);

    // Pulled byte for byte, by ARN or by name.
    let pulled = dir.path().join("pulled.json");
    assert_eq!(sh.run(&["aws", "pull", ORDERS_ARN, "-o", path(&pulled)]).code, 0);
    assert_eq!(std::fs::read(&pulled).unwrap(), std::fs::read(&orders).unwrap());
    assert_eq!(sh.run(&["aws", "pull", "orders"]).out, std::fs::read_to_string(&orders).unwrap());

    // A JSONC edit: the diff against what is deployed, the comment removed and said.
    let jsonc = dir.path().join("orders.asl.json");
    let text = std::fs::read_to_string(&orders).unwrap();
    let edited = text.replacen("\"MaxConcurrency\": 2,", "\"MaxConcurrency\": 3, // two was too slow", 1);
    std::fs::write(&jsonc, &edited).unwrap();
    let r = sh.run(&[
        "aws",
        "deploy",
        path(&jsonc),
        "--arn",
        ORDERS_ARN,
        "--yes",
        "--publish",
        "--alias",
        "live",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert!(r.err.contains("removed 1 comment (AWS rejects JSON with them)"), "{}", r.err);
    assert!(r.out.contains("-      \"MaxConcurrency\": 2,\n+      \"MaxConcurrency\": 3, \n"), "{}", r.out);
    assert!(
        r.out.contains(&format!(
            "updated {ORDERS_ARN}\npublished {ORDERS_ARN}:2\nalias {ORDERS_ARN}:live -> {ORDERS_ARN}:2"
        )),
        "{}",
        r.out
    );
    assert!(!sh.run(&["aws", "pull", ORDERS_ARN]).out.contains("//"));
    let r = sh.run(&["aws", "pull", &format!("{ORDERS_ARN}:1")]);
    assert_eq!(r.out, text, "version 1 keeps the first definition");

    // YAML goes as JSON.
    let yaml = dir.path().join("orders.asl.yaml");
    let exported = ran({
        let mut c = sh.command(&["export", path(&orders), "--to", "yaml", "-o", path(&yaml)]);
        c.env_remove("AWS_ENDPOINT_URL_SFN");
        c
    });
    assert_eq!(exported.code, 0, "{}", exported.err);
    let r = sh.run(&["aws", "deploy", path(&yaml), "--name", "orders-yaml", "--role-arn", ROLE, "--yes"]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert!(r.err.contains("YAML converted to JSON"), "{}", r.err);
    let deployed: serde_json::Value =
        serde_json::from_str(&sh.run(&["aws", "pull", "orders-yaml"]).out).unwrap();
    assert_eq!(deployed, serde_json::from_str::<serde_json::Value>(&text).unwrap());

    // A machine of a SAM template: its substitution filled in from the template; one
    // whose value only the stack knows (!Ref Topic) is refused.
    let template = data("template.yaml");
    let greet = format!("{}#Greet", path(&template));
    let r = sh.run(&["aws", "deploy", &greet, "--name", "greet", "--role-arn", ROLE, "--yes"]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    let deployed: serde_json::Value = serde_json::from_str(&sh.run(&["aws", "pull", "greet"]).out).unwrap();
    assert_eq!(deployed["States"]["Say"]["Result"], "hello");
    let r = sh.run(&[
        "aws",
        "deploy",
        &format!("{}#Notify", path(&template)),
        "--name",
        "notify",
        "--role-arn",
        ROLE,
        "--yes",
    ]);
    assert_eq!(r.code, 2, "{}{}", r.out, r.err);
    assert!(r.err.contains("the file gives no value for TopicArn"), "{}", r.err);

    // Started from the file (its link; the mock test case after '#'), followed to the end.
    let input = format!("@{}", path(&data("orders.input.json")));
    let r = sh.run(&[
        "aws",
        "start",
        path(&orders),
        "--arn",
        &format!("{ORDERS_ARN}#Happy"),
        "--input",
        &input,
        "--name",
        "e1",
        "--wait",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    let execution = r.out.lines().next().unwrap().to_owned();
    assert_eq!(execution, "arn:aws:states:us-east-1:123456789012:execution:orders:e1");
    assert!(r.out.contains("TaskFailed  Lambda.TooManyRequestsException: Rate Exceeded."), "{}", r.out);
    assert!(r.out.contains("ExecutionSucceeded") && r.out.contains("\"BACKORDERED\""), "{}", r.out);
    assert!(
        r.err.contains("differs from the deployed definition"),
        "the JSONC edit is deployed, not this: {}",
        r.err
    );
    // Without a test case the Lambda task is not mocked: the execution fails, exit 1.
    let r = sh.run(&["aws", "start", path(&orders), "--input", &input, "--wait"]);
    assert_eq!(r.code, 1, "{}{}", r.out, r.err);
    assert!(r.err.contains("execution FAILED"), "{}", r.err);

    // History out, replayed, diffed against the file.
    let history = dir.path().join("history.json");
    assert_eq!(sh.run(&["aws", "history", &execution, "-o", path(&history)]).code, 0);
    let h: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&history).unwrap()).unwrap();
    assert!(h["events"][0]["timestamp"].as_str().unwrap().ends_with("+00:00"), "the CLI's timestamps");
    let r = sh.run(&["replay", path(&history)]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("ShipItems[1]/ShipItem") && r.out.contains("CAUGHT"), "{}", r.out);
    let r = sh.run(&["replay", path(&history), "--against", path(&orders), "--mocks-from-history"]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert!(r.out.ends_with("no difference\n"), "{}", r.out);
    // The recorded results kept as a mock config file run the file the same way.
    let saved = dir.path().join("recorded-mocks.json");
    let r = sh.run(&["replay", path(&history), "--against", path(&orders), "--save-mocks", path(&saved)]);
    assert_eq!(r.code, 1, "no mocks for this run: its tasks have no results");
    let local = sh.run(&[
        "run",
        path(&orders),
        "--input",
        &input,
        "--mocks",
        path(&saved),
        "--test-case",
        "Recorded",
        "--state-machine-name",
        "orders",
    ]);
    assert_eq!(local.code, 0, "{}", local.err);
    let recorded: serde_json::Value =
        serde_json::from_str(&sh.run(&["aws", "history", &execution]).out).unwrap();
    let last = recorded["events"].as_array().unwrap().last().unwrap().clone();
    let output: serde_json::Value =
        serde_json::from_str(last["executionSucceededEventDetails"]["output"].as_str().unwrap()).unwrap();
    assert_eq!(serde_json::from_str::<serde_json::Value>(&local.out).unwrap(), output);
    let changed = dir.path().join("changed.asl.json");
    std::fs::write(&changed, text.replace("\"BACKORDERED\"", "\"DELAYED\"")).unwrap();
    let r = sh.run(&["replay", path(&history), "--against", path(&changed), "--mocks-from-history"]);
    assert_eq!(r.code, 1, "{}{}", r.out, r.err);
    assert!(r.out.contains(">> ShipItems[1]/Backorder  output"), "{}", r.out);
    let r = sh.run(&[
        "replay",
        path(&history),
        "--against",
        path(&changed),
        "--mocks-from-history",
        "--format",
        "json",
    ]);
    let diff: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(diff["same"], false);

    // Bad input: unknown ARNs, an unlinked file, a malformed history file.
    let r = sh.run(&["aws", "pull", &format!("{ORDERS_ARN}-nope")]);
    assert_eq!(r.code, 2);
    assert!(
        r.err.starts_with("asl aws: StateMachineDoesNotExist") && r.err.lines().count() == 1,
        "{}",
        r.err
    );
    let r = sh.run(&["aws", "history", &format!("{execution}-nope")]);
    assert!(r.code == 2 && r.err.contains("ExecutionDoesNotExist"), "{}", r.err);
    let r = sh.run(&["aws", "start", path(&changed)]);
    assert!(r.code == 2 && r.err.contains("asl aws link FILE ARN"), "{}", r.err);
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"events\": [\n  {\"type\": \"ExecutionStarted\",}\n").unwrap();
    let r = sh.run(&["replay", path(&bad)]);
    assert_eq!(r.code, 2);
    assert!(r.err.starts_with(&format!("asl replay: {}: line 2, column", path(&bad))), "{}", r.err);
}

#[test]
#[ignore = "run by tests/serve/run.sh (needs the asl binary and moto)"]
fn the_cli_against_moto() {
    let server = moto();
    // The endpoint as a flag this time, and from AWS_ENDPOINT_URL (all services).
    let sh = Shell::new("http://127.0.0.1:9");
    let flag = ["--endpoint-url", server.url.as_str()];
    let dir = tempfile::tempdir().unwrap();
    let orders = data("orders.asl.json");
    let r = sh.run(&[&["aws", "list"][..], &flag].concat());
    assert_eq!(r.code, 0, "{}", r.err);
    let r = ran({
        let mut c = sh.command(&["aws", "list"]);
        c.env_remove("AWS_ENDPOINT_URL_SFN").env("AWS_ENDPOINT_URL", &server.url);
        c
    });
    assert_eq!(r.code, 0, "AWS_ENDPOINT_URL is honoured: {}", r.err);

    let deploy = |file: &Path, more: &[&str]| {
        sh.run(
            &[&["aws", "deploy", path(file)][..], more, &["--yes", "--publish", "--alias", "live"], &flag]
                .concat(),
        )
    };
    let r = deploy(&orders, &["--name", "orders", "--role-arn", ROLE]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert!(r.out.contains("server validation: not checked by the server"), "{}", r.out);
    assert!(r.out.contains(&format!("alias {ORDERS_ARN}:live -> {ORDERS_ARN}:1")), "{}", r.out);
    let pulled = dir.path().join("pulled.json");
    assert_eq!(sh.run(&[&["aws", "pull", ORDERS_ARN, "-o", path(&pulled)][..], &flag].concat()).code, 0);
    assert_eq!(std::fs::read(&pulled).unwrap(), std::fs::read(&orders).unwrap());
    let edited = dir.path().join("orders.asl.json");
    std::fs::write(
        &edited,
        std::fs::read_to_string(&orders).unwrap().replace("\"MaxConcurrency\": 2", "\"MaxConcurrency\": 5"),
    )
    .unwrap();
    let r = deploy(&edited, &["--name", "orders"]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert!(
        r.out.contains("+      \"MaxConcurrency\": 5,")
            && r.out.contains(&format!("{ORDERS_ARN}:live -> {ORDERS_ARN}:2")),
        "{}",
        r.out
    );

    // moto runs machines without Tasks (its Lambda needs Docker): Parallel, Map, Choice.
    let flow = dir.path().join("flow.asl.json");
    std::fs::write(&flow, FLOW).unwrap();
    let r = deploy(&flow, &["--name", "flow", "--role-arn", ROLE]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    let flow_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:flow";
    let r = sh.run(
        &[
            &[
                "aws",
                "start",
                flow_arn,
                "--input",
                r#"{"n": 2, "items": [1, 2, 3]}"#,
                "--name",
                "f1",
                "--wait",
            ][..],
            &flag,
        ]
        .concat(),
    );
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert!(r.out.contains("MapIterationStarted  Each[2]"), "{}", r.out);
    let execution = r.out.lines().next().unwrap();
    let history = dir.path().join("history.json");
    assert_eq!(sh.run(&[&["aws", "history", execution, "-o", path(&history)][..], &flag].concat()).code, 0);
    let r = sh.run(&["replay", path(&history), "--against", path(&flow)]);
    assert_eq!(r.code, 0, "moto's run and ours agree: {}{}", r.out, r.err);
    assert!(r.out.contains("Each[2]/Double  same"), "{}", r.out);
    let r = sh.run(
        &[&["aws", "start", flow_arn, "--input", r#"{"n": 0, "items": []}"#, "--wait"][..], &flag].concat(),
    );
    assert_eq!(r.code, 1, "{}{}", r.out, r.err);
    assert!(r.err.contains("execution FAILED: TooSmall"), "{}", r.err);

    let r = sh.run(
        &[&["aws", "pull", "arn:aws:states:us-east-1:123456789012:stateMachine:nope"][..], &flag].concat(),
    );
    assert!(r.code == 2 && r.err.contains("StateMachineDoesNotExist"), "{}", r.err);
}

const FLOW: &str = r#"{
  "StartAt": "Split",
  "States": {
    "Split": {"Type": "Parallel", "ResultPath": "$.branches", "Next": "Each", "Branches": [
      {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "Result": {"side": "left"}, "End": true}}},
      {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "End": true}}}]},
    "Each": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.doubled", "Next": "Check",
      "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Double",
        "States": {"Double": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($, $)"}, "End": true}}}},
    "Check": {"Type": "Choice", "Default": "Small",
      "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Big"}]},
    "Big": {"Type": "Succeed"},
    "Small": {"Type": "Fail", "Error": "TooSmall", "Cause": "n <= 1"}
  }
}
"#;

#[test]
#[ignore = "run by tests/serve/run.sh (needs the asl binary and moto)"]
fn the_cli_with_credentials_the_server_refuses() {
    // asl serve and moto accept any credentials: this answers as AWS does to a wrong key.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let body = r#"{"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"The security token included in the request is invalid."}"#;
        for stream in listener.incoming().take(8).flatten() {
            let mut stream = stream;
            let mut buf = [0u8; 16384];
            let _ = stream.read(&mut buf);
            let _ = write!(
                stream,
                "HTTP/1.1 400 Bad Request\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let r = Shell::new(&url).run(&["aws", "list"]);
    assert_eq!(r.code, 2);
    assert!(
        r.err.starts_with("asl aws: credentials: the server does not accept these credentials"),
        "{}",
        r.err
    );
    assert_eq!(r.err.lines().count(), 1, "{}", r.err);
}
