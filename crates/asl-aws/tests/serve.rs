//! The library against `asl serve` (in process): deploy, list, pull, versions and aliases,
//! an execution followed to its end, its history exported and read back, replayed and
//! diffed with a local run that takes the recorded task results as mocks.

mod common;

use asl_aws::machines::{ServerValidation, Target};
use asl_aws::{executions, AwsError, HistoryMocks, Polling};
use asl_model::{Document, Format};
use common::{asl_serve, client, data};
use std::time::Duration;

const ROLE: &str = "arn:aws:iam::123456789012:role/service-role/orders";

fn orders_text() -> String {
    std::fs::read_to_string(data("orders.asl.json")).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deploy_creates_then_updates_publishes_and_moves_the_alias() {
    let sfn = client(&asl_serve(None).await, false).await;
    assert!(asl_aws::list(&sfn).await.unwrap().is_empty());

    let text = orders_text();
    let target = Target::Name { name: "orders".into(), role_arn: Some(ROLE.into()), kind: None };
    let plan = asl_aws::plan(&sfn, target.clone()).await.unwrap();
    assert!(plan.deployed.is_none(), "nothing deployed yet");
    let first = asl_aws::deploy(&sfn, &plan, &text, true, Some("live")).await.unwrap();
    assert!(first.created);
    let v1 = first.version_arn.clone().expect("a version");
    assert!(v1.ends_with(":orders:1"), "{v1}");
    assert_eq!(first.alias_arn.as_deref(), Some(format!("{}:live", first.arn).as_str()));

    let listed = asl_aws::list(&sfn).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].name.as_str(), listed[0].kind.as_str()), ("orders", "STANDARD"));
    // Pulled byte for byte: whitespace, key order and the trailing newline kept.
    assert_eq!(asl_aws::pull(&sfn, &first.arn).await.unwrap().definition, text);

    // The same name again is an update, with a diff against what is deployed.
    let changed = text.replace("\"MaxConcurrency\": 2", "\"MaxConcurrency\": 4");
    let plan = asl_aws::plan(&sfn, target).await.unwrap();
    let deployed = plan.deployed.clone().expect("deployed now");
    let diff = asl_aws::definition_diff(&deployed.definition, &changed, "deployed", "local");
    assert!(diff.contains("-      \"MaxConcurrency\": 2,\n+      \"MaxConcurrency\": 4,\n"), "{diff}");
    let second = asl_aws::deploy(&sfn, &plan, &changed, true, Some("live")).await.unwrap();
    assert!(!second.created);
    assert!(second.version_arn.as_deref().unwrap().ends_with(":orders:2"));
    let alias = sfn
        .client()
        .describe_state_machine_alias()
        .state_machine_alias_arn(second.alias_arn.as_deref().unwrap())
        .send()
        .await
        .unwrap();
    let routes: Vec<_> =
        alias.routing_configuration().iter().map(|r| r.state_machine_version_arn()).collect();
    assert_eq!(routes, [second.version_arn.as_deref().unwrap()], "the alias moved to version 2");
    // Version 1 still holds the first definition.
    assert_eq!(asl_aws::pull(&sfn, &v1).await.unwrap().definition, text);
    assert_eq!(asl_aws::pull(&sfn, &second.arn).await.unwrap().definition, changed);

    // Updating by ARN works the same; an unknown ARN is not created.
    let plan = asl_aws::plan(&sfn, Target::Arn(second.arn.clone())).await.unwrap();
    assert!(!asl_aws::deploy(&sfn, &plan, &text, false, None).await.unwrap().created);
    let missing = asl_aws::plan(&sfn, Target::Arn(format!("{}-nope", second.arn))).await.unwrap_err();
    assert_eq!(missing.code(), Some("StateMachineDoesNotExist"), "{missing}");
    // Creating needs a role.
    let no_role = Target::Name { name: "other".into(), role_arn: None, kind: None };
    let plan = asl_aws::plan(&sfn, no_role).await.unwrap();
    let e = asl_aws::deploy(&sfn, &plan, &text, false, None).await.unwrap_err();
    assert!(e.to_string().contains("--role-arn"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_validates_definitions() {
    let sfn = client(&asl_serve(None).await, false).await;
    assert!(matches!(
        asl_aws::validate(&sfn, &orders_text(), Some("STANDARD")).await.unwrap(),
        ServerValidation::Ok { .. }
    ));
    let broken = r#"{"StartAt": "Nowhere", "States": {"A": {"Type": "Succeed"}}}"#;
    match asl_aws::validate(&sfn, broken, None).await.unwrap() {
        ServerValidation::Fail { diagnostics } => assert!(!diagnostics.is_empty()),
        other => panic!("expected FAIL, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_execution_is_followed_exported_read_back_and_replayed_without_difference() {
    let mocks: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data("mock-config.json")).unwrap()).unwrap();
    let sfn = client(&asl_serve(Some(mocks)).await, false).await;
    let target = Target::Name { name: "orders".into(), role_arn: Some(ROLE.into()), kind: None };
    let plan = asl_aws::plan(&sfn, target).await.unwrap();
    let arn = asl_aws::deploy(&sfn, &plan, &orders_text(), false, None).await.unwrap().arn;
    let input = std::fs::read_to_string(data("orders.input.json")).unwrap();
    // Step Functions Local's form: the test case after '#' picks the mocks.
    let started = asl_aws::start(&sfn, &format!("{arn}#Happy"), &input, Some("first")).await.unwrap();
    assert!(started.execution_arn.ends_with(":orders:first"), "{}", started.execution_arn);

    let mut seen = Vec::new();
    let polling = Polling { first: Duration::from_millis(10), ..Polling::default() };
    let end = asl_aws::follow(&sfn, &started.execution_arn, polling, |e| seen.push(e.clone())).await.unwrap();
    assert_eq!(end.status, "SUCCEEDED", "{end:?}");
    let ids: Vec<u64> = seen.iter().map(|e| e.id).collect();
    assert_eq!(ids, (1..=seen.len() as u64).collect::<Vec<_>>(), "every event once, in order");
    assert_eq!(seen.last().unwrap().kind, "ExecutionSucceeded");

    let history = executions::history(&sfn, &started.execution_arn).await.unwrap();
    assert_eq!(history, seen, "following and reading the history agree");
    let file = asl_aws::to_cli_json(&history);
    let read_back = asl_aws::parse_history("h.json", &file).unwrap();
    assert_eq!(read_back, history, "the CLI shape reads back as it was");

    let recorded = asl_aws::run_of(&read_back);
    assert_eq!(recorded.status, "SUCCEEDED");
    let keys: Vec<&str> = recorded.steps.iter().map(|s| s.key.as_str()).collect();
    for key in [
        "Prepare",
        "Checks",
        "CheckStock",
        "ScoreFraud",
        "ShipItems[0]/ShipItem",
        "ShipItems[1]/Backorder",
        "Done",
    ] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    let check_stock = recorded.steps.iter().find(|s| s.name == "CheckStock").unwrap();
    assert_eq!(check_stock.tasks.len(), 2, "one failed attempt, one retry");
    let ship = recorded.steps.iter().find(|s| s.key == "ShipItems[1]/ShipItem").unwrap();
    assert_eq!(ship.status, asl_aws::StepStatus::Caught);

    let doc = Document::parse(orders_text(), Format::Json).unwrap();
    let mocks = HistoryMocks::of(&recorded);
    assert_eq!(mocks.len(), 5, "CheckStock twice, ScoreFraud, ShipItem twice");
    // The engine runs on a runtime of its own: off this one's threads.
    let run = recorded.clone();
    let local = tokio::task::spawn_blocking(move || {
        asl_aws::run_locally(&doc, &run, &mocks, asl_eval::Options::default())
    })
    .await
    .unwrap();
    let diff = asl_aws::run_diff(&recorded, &local);
    assert!(diff.is_same(), "{diff:#?}");
    assert_eq!(asl_aws::steps::run_of(&history).output, local.output);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_arns_are_told_by_name() {
    let sfn = client(&asl_serve(None).await, false).await;
    let machine = "arn:aws:states:us-east-1:123456789012:stateMachine:nope";
    let e = asl_aws::pull(&sfn, machine).await.unwrap_err();
    assert_eq!(e.code(), Some("StateMachineDoesNotExist"), "{e}");
    assert!(e.to_string().contains("nope"), "{e}");
    let e = asl_aws::start(&sfn, machine, "{}", None).await.unwrap_err();
    assert_eq!(e.code(), Some("StateMachineDoesNotExist"), "{e}");
    let execution = "arn:aws:states:us-east-1:123456789012:execution:nope:x";
    let e = executions::history(&sfn, execution).await.unwrap_err();
    assert_eq!(e.code(), Some("ExecutionDoesNotExist"), "{e}");
    let e = asl_aws::follow(&sfn, execution, Polling::default(), |_| {}).await.unwrap_err();
    assert!(matches!(e.error, AwsError::NotFound { .. }), "{e}");
    assert_eq!(e.events_received, 0);
}
