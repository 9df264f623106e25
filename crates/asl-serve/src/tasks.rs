//! What answers Task states in served executions, in Step Functions Local's order: the
//! test case's mock for the state (callbacks and `.sync` included); else a callback or an
//! activity, waiting for SendTask* from a client; else, for Lambda, the Lambda endpoint;
//! else the task fails, naming the state and the service it would have called.
//!
//! The [`TaskBoard`] is the server-wide view of waiting tasks: which execution's callback
//! registry holds a token, and the activity tasks that workers have not picked up yet.

use crate::lambda;
use asl_eval::callback::is_callback;
use asl_eval::handler::{classify_resource, ResourceKind, TaskFuture};
use asl_eval::{
    CallbackHandle, Callbacks, Mocks, NoTasks, RuntimeError, TaskFailure, TaskHandler, TaskRequest,
};
use serde_json::Value;
use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::Poll;
use tokio::sync::Notify;

/// How many timed-out tokens are remembered (so a late answer gets `TaskTimedOut`).
const TIMED_OUT_MEMORY: usize = 10_000;

/// Waiting tasks across executions.
#[derive(Default)]
pub struct TaskBoard {
    inner: Mutex<Board>,
    /// Woken when an activity task is queued (GetActivityTask long polls wait on it).
    pub queued: Notify,
}

#[derive(Default)]
struct Board {
    /// Token -> the callback registry of the execution whose task waits for it.
    tokens: HashMap<String, CallbackHandle>,
    /// Tokens whose task timed out, oldest first.
    timed_out: VecDeque<String>,
    timed_out_set: HashSet<String>,
    /// Activity ARN -> (token, input) not yet handed to a worker, oldest first.
    activities: HashMap<String, VecDeque<(String, String)>>,
}

/// Why an answer to a token was refused.
pub enum Unanswered {
    /// No task waits for it.
    Unknown,
    /// Its task timed out.
    TimedOut,
}

impl TaskBoard {
    fn lock(&self) -> std::sync::MutexGuard<'_, Board> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The registry waiting for `token`.
    pub fn handle(&self, token: &str) -> Result<CallbackHandle, Unanswered> {
        let board = self.lock();
        match board.tokens.get(token) {
            Some(h) => Ok(h.clone()),
            None if board.timed_out_set.contains(token) => Err(Unanswered::TimedOut),
            None => Err(Unanswered::Unknown),
        }
    }

    /// The oldest activity task of `activity` whose token still waits.
    pub fn take_activity_task(&self, activity: &str) -> Option<(String, String)> {
        let mut board = self.lock();
        let Board { tokens, activities, .. } = &mut *board;
        let queue = activities.get_mut(activity)?;
        while let Some((token, input)) = queue.pop_front() {
            if tokens.contains_key(&token) {
                return Some((token, input));
            }
        }
        None
    }

    fn timed_out(&self, token: &str) {
        let mut board = self.lock();
        if board.timed_out_set.insert(token.to_owned()) {
            board.timed_out.push_back(token.to_owned());
        }
        while board.timed_out.len() > TIMED_OUT_MEMORY {
            if let Some(old) = board.timed_out.pop_front() {
                board.timed_out_set.remove(&old);
            }
        }
    }
}

/// Takes a token off the board when its wait ends in any way (answered, timed out, the
/// execution stopped).
struct OffBoard<'a> {
    board: &'a TaskBoard,
    token: String,
}

impl Drop for OffBoard<'_> {
    fn drop(&mut self) {
        self.board.lock().tokens.remove(&self.token);
    }
}

/// The task handler of one served execution.
pub struct ServerHandler {
    /// The `#TestCase`'s mocks (none without one).
    pub mocks: Mocks,
    /// This execution's callback registry.
    pub callbacks: Callbacks<NoTasks>,
    /// The server's view of waiting tasks.
    pub board: Arc<TaskBoard>,
    /// `--lambda-endpoint`.
    pub lambda_endpoint: Option<String>,
    /// Called when the execution starts waiting for a token: `--data-dir` writes its
    /// history so far, so a server that dies during the wait still shows where it stood.
    pub checkpoint: Option<Box<dyn Fn() + Send + Sync>>,
    /// The app watching this execution hears of each task that starts waiting.
    pub watcher_waiting: Option<Box<dyn Fn(asl_eval::PendingTask) + Send + Sync>>,
}

impl TaskHandler for ServerHandler {
    fn invoke<'a>(&'a self, request: TaskRequest<'a>) -> TaskFuture<'a> {
        if self.mocks.covers(request.state_name) {
            return self.mocks.invoke(request);
        }
        if is_callback(request.resource) {
            return Box::pin(self.wait(request));
        }
        Box::pin(self.call(request))
    }
}

/// Polls `future` once: its first poll registers a callback's token.
async fn poll_once<F: Future + Unpin>(future: &mut F) -> Option<F::Output> {
    std::future::poll_fn(|cx| match Pin::new(&mut *future).poll(cx) {
        Poll::Ready(v) => Poll::Ready(Some(v)),
        Poll::Pending => Poll::Ready(None),
    })
    .await
}

impl ServerHandler {
    async fn wait(&self, request: TaskRequest<'_>) -> Result<Value, TaskFailure> {
        let token = request.task_token.unwrap_or_default().to_owned();
        self.board.lock().tokens.insert(token.clone(), self.callbacks.handle());
        let _off = OffBoard { board: &self.board, token: token.clone() };
        let mut waiting = self.callbacks.invoke(request);
        // The registry knows the token after the first poll; only then may a worker see it.
        let first = poll_once(&mut waiting).await;
        if let (None, Some(checkpoint)) = (&first, &self.checkpoint) {
            checkpoint();
        }
        if let (None, Some(tell)) = (&first, &self.watcher_waiting) {
            if let Some(task) = self.callbacks.handle().pending().into_iter().find(|t| t.token == token) {
                tell(task);
            }
        }
        if classify_resource(request.resource).0 == ResourceKind::Activity {
            let mut board = self.board.lock();
            let queue = board.activities.entry(request.resource.to_owned()).or_default();
            queue.push_back((token.clone(), request.input.to_string()));
            drop(board);
            self.board.queued.notify_waiters();
        }
        let result = match first {
            Some(result) => result,
            None => match self.lambda_with_token(&request) {
                // `lambda:invoke.waitForTaskToken`: the function is called (it, or whoever it
                // tells, answers the token); a function that fails fails the task.
                Some(call) => {
                    let call = async move {
                        match call.await {
                            Err(failure) => failure,
                            Ok(_) => std::future::pending().await,
                        }
                    };
                    tokio::select! {
                        answered = waiting => answered,
                        failure = call => Err(failure),
                    }
                }
                None => waiting.await,
            },
        };
        if let Err(TaskFailure::Error(e)) = &result {
            if matches!(e.error.as_str(), "States.Timeout" | "States.HeartbeatTimeout") {
                self.board.timed_out(&token);
            }
        }
        result
    }

    /// The Lambda call of an unmocked `lambda:invoke.waitForTaskToken` task, when there is
    /// a Lambda endpoint to make it.
    fn lambda_with_token<'r>(
        &'r self,
        request: &TaskRequest<'r>,
    ) -> Option<impl Future<Output = Result<Value, TaskFailure>> + 'r> {
        let endpoint = self.lambda_endpoint.as_deref()?;
        let (_, service, action) = classify_resource(request.resource);
        if service != "lambda" || action != "invoke.waitForTaskToken" {
            return None;
        }
        let function = lambda::function_name(
            request.input.get("FunctionName").and_then(Value::as_str).unwrap_or_default(),
        );
        let payload = request.input.get("Payload").cloned().unwrap_or(Value::Object(Default::default()));
        Some(async move { lambda::invoke(endpoint, &function, &payload).await })
    }

    async fn call(&self, request: TaskRequest<'_>) -> Result<Value, TaskFailure> {
        let (kind, service, action) = classify_resource(request.resource);
        let lambda_invoke =
            kind == ResourceKind::Service && service == "lambda" && action.starts_with("invoke");
        if let (Some(endpoint), true) =
            (&self.lambda_endpoint, kind == ResourceKind::LambdaFunction || lambda_invoke)
        {
            if kind == ResourceKind::LambdaFunction {
                return lambda::invoke(endpoint, &lambda::function_name(request.resource), request.input)
                    .await;
            }
            let function = request.input.get("FunctionName").and_then(Value::as_str).unwrap_or_default();
            let payload = request.input.get("Payload").cloned().unwrap_or(Value::Object(Default::default()));
            let result = lambda::invoke(endpoint, &lambda::function_name(function), &payload).await?;
            return Ok(lambda::invoke_response(result));
        }
        let what = match kind {
            ResourceKind::LambdaFunction => "Lambda".to_owned(),
            _ if service.is_empty() => format!("the resource '{}'", request.resource),
            _ => format!("the service '{service}' ({}:{action})", service),
        };
        let hint = if kind == ResourceKind::LambdaFunction || lambda_invoke {
            "mock it in the --mock-config test case or start the server with --lambda-endpoint"
        } else {
            "mock it in the --mock-config test case (start the execution on stateMachineArn#TestCase)"
        };
        Err(TaskFailure::Error(RuntimeError::new(
            "States.TaskFailed",
            format!(
                "asl serve: the Task state '{}' calls {what}, which is not mocked: {hint}",
                request.state_name
            ),
        )))
    }
}
