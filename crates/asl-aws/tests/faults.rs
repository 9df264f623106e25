//! Bad servers and bad credentials: each failure a one-line error of the right kind,
//! throttling only a slowdown, a connection dropped while following an execution told
//! with what was received (nothing lost), never a panic. `asl serve` accepts any
//! credentials, so a front answers as AWS does to a wrong key.

mod common;

use asl_aws::machines::Target;
use asl_aws::{executions, AwsError, Polling};
use common::{asl_serve, aws_error, client, front, Action};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

const ROLE: &str = "arn:aws:iam::123456789012:role/r";

fn quick() -> Polling {
    Polling { first: Duration::from_millis(5), longest: Duration::from_millis(40), connection_retries: 2 }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_and_expired_credentials_are_told() {
    let url = front(|_, _| {
        Action::Respond(
            400,
            aws_error(
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
            ),
        )
    })
    .await;
    let e = asl_aws::list(&client(&url, false).await).await.unwrap_err();
    assert!(matches!(e, AwsError::Credentials(_)), "{e:?}");
    assert!(e.to_string().contains("does not accept these credentials"), "{e}");
    assert!(!e.to_string().contains('\n'), "one line: {e}");

    let url = front(|_, _| {
        Action::Respond(
            400,
            aws_error("ExpiredTokenException", "The security token included in the request is expired"),
        )
    })
    .await;
    let e = asl_aws::list(&client(&url, false).await).await.unwrap_err();
    assert!(e.to_string().contains("expired"), "{e}");

    let url = front(|_, _| {
        Action::Respond(
            400,
            aws_error(
                "AccessDeniedException",
                "User: x is not authorized to perform: states:ListStateMachines",
            ),
        )
    })
    .await;
    let e = asl_aws::list(&client(&url, false).await).await.unwrap_err();
    assert!(matches!(e, AwsError::AccessDenied(_)), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_is_not_there_is_a_connection_error() {
    // A port that was free a moment ago: nothing listens on it now.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let sfn = client(&format!("http://127.0.0.1:{port}"), true).await;
    let e = asl_aws::list(&sfn).await.unwrap_err();
    assert!(matches!(e, AwsError::Connection(_)), "{e:?}");
    assert!(e.to_string().to_lowercase().contains("refused"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_slows_following_down_and_is_never_an_error() {
    let real = asl_serve(None).await;
    let sfn = client(&real, false).await;
    let plan =
        asl_aws::plan(&sfn, Target::Name { name: "p".into(), role_arn: Some(ROLE.into()), kind: None })
            .await
            .unwrap();
    let definition = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "End": true}}}"#;
    let arn = asl_aws::deploy(&sfn, &plan, definition, false, None).await.unwrap().arn;
    let started = asl_aws::start(&sfn, &arn, "{}", None).await.unwrap();

    // The first five history reads are throttled; one attempt per request, so each
    // reaches `follow` itself.
    let throttled = Arc::new(AtomicUsize::new(0));
    let counter = throttled.clone();
    let url = front(move |operation, _| {
        if operation == "getexecutionhistory" && counter.fetch_add(1, Ordering::SeqCst) < 5 {
            Action::Respond(400, aws_error("ThrottlingException", "Rate exceeded"))
        } else {
            Action::Forward(real.clone())
        }
    })
    .await;
    let through = client(&url, true).await;
    let mut events = 0;
    let end = asl_aws::follow(&through, &started.execution_arn, quick(), |_| events += 1).await.unwrap();
    assert_eq!(end.status, "SUCCEEDED");
    assert!(throttled.load(Ordering::SeqCst) > 5, "it asked again after being throttled");
    assert_eq!(events, executions::history(&sfn, &started.execution_arn).await.unwrap().len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_dropped_mid_poll_is_told_and_nothing_is_lost() {
    let real = asl_serve(None).await;
    let sfn = client(&real, false).await;
    // An activity no worker polls: the execution waits in its Task, still running.
    let activity = sfn.client().create_activity().name("nobody").send().await.unwrap();
    let definition = serde_json::json!({"StartAt": "Prepare", "States": {
        "Prepare": {"Type": "Pass", "Next": "Work"},
        "Work": {"Type": "Task", "Resource": activity.activity_arn(), "End": true}}})
    .to_string();
    let plan =
        asl_aws::plan(&sfn, Target::Name { name: "w".into(), role_arn: Some(ROLE.into()), kind: None })
            .await
            .unwrap();
    let arn = asl_aws::deploy(&sfn, &plan, &definition, false, None).await.unwrap().arn;
    let started = asl_aws::start(&sfn, &arn, "{\"n\": 1}", None).await.unwrap();
    // Let it reach the Task.
    for _ in 0..100 {
        let events = executions::history(&sfn, &started.execution_arn).await.unwrap();
        if events.iter().any(|e| e.kind == "ActivityScheduled") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // The first history read goes through; then every connection is closed unanswered.
    let reads = Arc::new(AtomicUsize::new(0));
    let counter = reads.clone();
    let url = front(move |operation, _| {
        if operation == "getexecutionhistory" && counter.fetch_add(1, Ordering::SeqCst) == 0 {
            Action::Forward(real.clone())
        } else {
            Action::Drop
        }
    })
    .await;
    let through = client(&url, true).await;
    let mut received = Vec::new();
    let e = asl_aws::follow(&through, &started.execution_arn, quick(), |ev| received.push(ev.clone()))
        .await
        .unwrap_err();
    assert!(matches!(e.error, AwsError::Connection(_)), "{e:?}");
    assert_eq!(e.events_received, received.len());
    assert!(received.iter().any(|ev| ev.kind == "PassStateExited"), "{received:?}");
    let message = e.to_string();
    assert!(!message.contains('\n') && message.contains(&started.execution_arn), "{message}");
    assert_eq!(
        reads.load(Ordering::SeqCst),
        1 + 1 + quick().connection_retries as usize,
        "retried, then gave up"
    );
    // Nothing lost: what was handed over is the start of the real history.
    let all = executions::history(&sfn, &started.execution_arn).await.unwrap();
    assert_eq!(&all[..received.len()], &received[..]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_without_validation_leaves_it_unchecked_and_says_why() {
    use asl_aws::ServerValidation;
    let definition = r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#;
    // Step Functions Local's answer to an action it lacks.
    let url = front(|_, _| Action::Respond(400, aws_error("UnknownOperationException", "")));
    let sfn = client(&url.await, true).await;
    match asl_aws::validate(&sfn, definition, None).await.unwrap() {
        ServerValidation::NotChecked { reason } => {
            assert_eq!(reason, "the server does not support ValidateStateMachineDefinition")
        }
        other => panic!("{other:?}"),
    }
    // An emulator's bare error page (moto answers HTTP 500 with HTML).
    let url = front(|_, _| Action::Respond(500, "<html>Internal Server Error</html>".into()));
    let sfn = client(&url.await, true).await;
    match asl_aws::validate(&sfn, definition, None).await.unwrap() {
        ServerValidation::NotChecked { reason } => {
            assert!(reason.contains("HTTP 500 with no AWS error"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    // Other errors stay errors.
    let url = front(|_, _| Action::Respond(400, aws_error("AccessDeniedException", "no")));
    let e = asl_aws::validate(&client(&url.await, true).await, definition, None).await.unwrap_err();
    assert!(matches!(e, AwsError::AccessDenied(_)), "{e:?}");
}
