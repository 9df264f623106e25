//! Task handlers: what runs when a Task state invokes its resource. The engine never calls
//! AWS; it asks a [`TaskHandler`] (mocks, a local command, a callback queue, ...).

use crate::RuntimeError;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// One invocation of a Task state's resource.
#[derive(Clone, Copy, Debug)]
pub struct TaskRequest<'a> {
    /// The Task state's name (mocks are keyed by it).
    pub state_name: &'a str,
    /// The `Resource` ARN as written.
    pub resource: &'a str,
    /// The effective parameters (after InputPath and Parameters).
    pub input: &'a Value,
    /// 0 for the first attempt, then 1, 2, ... for retries.
    pub attempt: u32,
    /// The task token, for `.waitForTaskToken`, `.sync` and activity resources.
    pub task_token: Option<&'a str>,
    /// The state's TimeoutSeconds (none when it has none).
    pub timeout: Option<Duration>,
    /// The state's HeartbeatSeconds, for callbacks and activities.
    pub heartbeat: Option<Duration>,
}

/// Why an invocation produced no result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskFailure {
    /// The task failed as AWS would report it (a Lambda error, a service exception, a
    /// timeout): Retry and Catch see it.
    Error(RuntimeError),
    /// The invocation could not be carried out at all (no mock for the state, mocks used
    /// up, a handler misconfigured). Ends the execution: a Catch must not hide it.
    Unhandled(String),
}

/// A task in progress: the raw result, or why there is none.
pub type TaskFuture<'a> = Pin<Box<dyn Future<Output = Result<Value, TaskFailure>> + Send + 'a>>;

/// What answers Task states (the engine never calls AWS): mocks, local commands,
/// callbacks, or the caller's own.
pub trait TaskHandler: Send + Sync {
    /// Runs the task; the result is the state's raw result (before ResultSelector).
    fn invoke<'a>(&'a self, request: TaskRequest<'a>) -> TaskFuture<'a>;
}

/// The handler when none is configured: every Task fails with a clear message.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoTasks;

impl TaskHandler for NoTasks {
    fn invoke<'a>(&'a self, request: TaskRequest<'a>) -> TaskFuture<'a> {
        let message = format!(
            "the Task state '{}' has no handler for its resource '{}': give it a mock (--mocks) or a task handler",
            request.state_name, request.resource
        );
        Box::pin(std::future::ready(Err(TaskFailure::Unhandled(message))))
    }
}

/// The kind of resource a Task names, which decides its history events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceKind {
    /// A plain Lambda function ARN (`arn:aws:lambda:...:function:NAME`): `LambdaFunction*` events,
    /// the result is the function's payload.
    LambdaFunction,
    /// An activity ARN: `Activity*` events.
    Activity,
    /// An optimized or SDK integration (`arn:aws:states:::SERVICE:ACTION[.pattern]`).
    Service,
}

/// Splits a resource ARN into its kind and, for integrations, the `resourceType` and
/// `resource` fields that `Task*` history events carry (`lambda`, `invoke`).
pub fn classify_resource(resource: &str) -> (ResourceKind, String, String) {
    let parts: Vec<&str> = resource.splitn(7, ':').collect();
    if parts.len() >= 6 && parts[2] == "lambda" && parts[5] == "function" {
        return (ResourceKind::LambdaFunction, "lambda".into(), resource.into());
    }
    if parts.len() >= 6 && parts[2] == "states" && parts[5] == "activity" {
        return (ResourceKind::Activity, "activity".into(), resource.into());
    }
    if parts.len() >= 7 && parts[2] == "states" {
        // arn:aws:states:::lambda:invoke.waitForTaskToken -> ("lambda", "invoke.waitForTaskToken")
        return (ResourceKind::Service, parts[5].into(), parts[6].into());
    }
    (ResourceKind::Service, String::new(), resource.into())
}

/// True for `.waitForTaskToken` resources (the context object then has `Task.Token`).
pub fn waits_for_token(resource: &str) -> bool {
    resource.ends_with(".waitForTaskToken")
}

/// True when AWS gives the task a token that `$$.Task.Token` reads: the callback pattern
/// and the job-run (`.sync`, `.sync:2`) pattern, whose token AWS also accepts from
/// SendTaskSuccess (recorded: a `states:startExecution.sync` task passing `$$.Task.Token`
/// to its child). A request-response task has none.
pub fn has_task_token(resource: &str) -> bool {
    waits_for_token(resource) || resource.ends_with(".sync") || resource.contains(".sync:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_are_classified_as_aws_names_them() {
        let (k, t, r) = classify_resource("arn:aws:states:::lambda:invoke");
        assert_eq!((k, t.as_str(), r.as_str()), (ResourceKind::Service, "lambda", "invoke"));
        let (k, _, _) = classify_resource("arn:aws:lambda:us-east-1:111122223333:function:f");
        assert_eq!(k, ResourceKind::LambdaFunction);
        let (k, t, r) = classify_resource("arn:aws:states:::aws-sdk:s3:listObjectsV2");
        assert_eq!((k, t.as_str(), r.as_str()), (ResourceKind::Service, "aws-sdk", "s3:listObjectsV2"));
        assert!(waits_for_token("arn:aws:states:::sqs:sendMessage.waitForTaskToken"));
    }
}
