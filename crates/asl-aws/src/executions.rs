//! Cloud executions: start one, read its history (every page), and follow it to its end
//! by polling GetExecutionHistory with backoff, handing each new event to the caller as
//! it arrives.
//!
//! Events are taken from the raw JSON of each answer (an interceptor keeps the body), not
//! rebuilt from the SDK's typed structs: the `*EventDetails` stay exactly as AWS sent them
//! and become the engine's own [`HistoryEvent`].

use crate::client::Sfn;
use crate::error::{classify, AwsError};
use crate::history::event_from_json;
use asl_eval::history::HistoryEvent;
use aws_sdk_sfn::config::interceptors::AfterDeserializationInterceptorContextRef;
use aws_sdk_sfn::config::{ConfigBag, Intercept, RuntimeComponents};
use serde::Serialize;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A started execution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Started {
    /// Its ARN.
    #[serde(rename = "executionArn")]
    pub execution_arn: String,
    /// When it started (RFC 3339).
    #[serde(rename = "startDate")]
    pub start_date: String,
}

/// Starts an execution of `arn` (machine, version or alias) with `input` (JSON text).
pub async fn start(sfn: &Sfn, arn: &str, input: &str, name: Option<&str>) -> Result<Started, AwsError> {
    let out = sfn
        .client
        .start_execution()
        .state_machine_arn(arn)
        .input(input)
        .set_name(name.map(str::to_owned))
        .send()
        .await
        .map_err(|e| classify("StartExecution", e))?;
    Ok(Started {
        execution_arn: out.execution_arn().to_owned(),
        start_date: crate::machines::date(out.start_date()),
    })
}

/// How an execution ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ended {
    /// `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `ABORTED`.
    pub status: String,
    /// The output (SUCCEEDED), as JSON text.
    pub output: Option<String>,
    /// The error name.
    pub error: Option<String>,
    /// The cause.
    pub cause: Option<String>,
}

/// The whole history of an execution (every page).
pub async fn history(sfn: &Sfn, execution_arn: &str) -> Result<Vec<HistoryEvent>, AwsError> {
    let mut events = Vec::new();
    let mut token = None;
    loop {
        let (page, next) = history_page(sfn, execution_arn, token.take()).await?;
        events.extend(page);
        match next {
            Some(t) => token = Some(t),
            None => return Ok(events),
        }
    }
}

/// Pacing of [`follow`]: the first wait between polls, the longest, and how many
/// connection failures in a row are borne before giving up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Polling {
    /// The first wait (and the wait after a poll that brought events).
    pub first: Duration,
    /// The longest wait.
    pub longest: Duration,
    /// Connection failures in a row before [`follow`] gives up.
    pub connection_retries: u32,
}

impl Default for Polling {
    fn default() -> Self {
        Polling { first: Duration::from_millis(250), longest: Duration::from_secs(5), connection_retries: 3 }
    }
}

/// Why following stopped before the end, with what was received (nothing is lost: the
/// events already handed over stay valid, and `history` can be asked again later).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{error} (while following {execution_arn}, after {events_received} events)")]
pub struct FollowError {
    /// The execution.
    pub execution_arn: String,
    /// How many events had been handed over.
    pub events_received: usize,
    /// The error that stopped it.
    pub error: AwsError,
}

/// Follows an execution to its end: polls its history, hands every new event to
/// `on_event` in order, and returns how it ended. Throttling only slows it down; a lost
/// connection is retried `polling.connection_retries` times, then reported.
pub async fn follow(
    sfn: &Sfn,
    execution_arn: &str,
    polling: Polling,
    mut on_event: impl FnMut(&HistoryEvent),
) -> Result<Ended, FollowError> {
    let mut last_id = 0u64;
    let mut received = 0usize;
    // The token of the last page read: asking again from it returns that page and
    // anything appended since, so a long history is not read again from the start.
    let mut resume: Option<String> = None;
    let mut wait = polling.first;
    let mut failures = 0u32;
    let fail = |error: AwsError, received: usize| FollowError {
        execution_arn: execution_arn.to_owned(),
        events_received: received,
        error,
    };
    loop {
        let mut token = resume.clone();
        let mut new_events = false;
        let mut ended = None;
        let polled: Result<(), AwsError> = async {
            loop {
                let asked = token.clone();
                let (page, next) = history_page(sfn, execution_arn, token.take()).await?;
                for event in page {
                    if event.id <= last_id {
                        continue;
                    }
                    last_id = event.id;
                    received += 1;
                    new_events = true;
                    on_event(&event);
                    if let Some(end) = ended_by(&event) {
                        ended = Some(end);
                    }
                }
                match next {
                    Some(t) => {
                        resume = Some(t.clone());
                        token = Some(t);
                    }
                    None => {
                        if asked.is_some() {
                            resume = asked;
                        }
                        return Ok(());
                    }
                }
            }
        }
        .await;
        match polled {
            Ok(()) => failures = 0,
            Err(AwsError::Throttled(_)) => {}
            Err(e @ AwsError::Connection(_)) => {
                failures += 1;
                if failures > polling.connection_retries {
                    return Err(fail(e, received));
                }
            }
            // A page token the server no longer honours: read again from the start.
            Err(AwsError::Service { code, .. }) if code == "InvalidToken" && resume.is_some() => {
                resume = None
            }
            Err(e) => return Err(fail(e, received)),
        }
        if let Some(end) = ended {
            return Ok(end);
        }
        wait = if new_events { polling.first } else { (wait * 3 / 2).min(polling.longest) };
        tokio::time::sleep(wait).await;
    }
}

/// The end an event tells, if it is the execution's last.
fn ended_by(event: &HistoryEvent) -> Option<Ended> {
    let status = match event.kind {
        "ExecutionSucceeded" => "SUCCEEDED",
        "ExecutionFailed" => "FAILED",
        "ExecutionTimedOut" => "TIMED_OUT",
        "ExecutionAborted" => "ABORTED",
        _ => return None,
    };
    let field = |name: &str| {
        event.details.as_ref().and_then(|(_, d)| d.get(name)).and_then(Value::as_str).map(str::to_owned)
    };
    Some(Ended {
        status: status.into(),
        output: field("output"),
        error: field("error"),
        cause: field("cause"),
    })
}

/// One page of history: its events and the next page's token.
async fn history_page(
    sfn: &Sfn,
    execution_arn: &str,
    token: Option<String>,
) -> Result<(Vec<HistoryEvent>, Option<String>), AwsError> {
    let body = RawBody::default();
    let out = sfn
        .client
        .get_execution_history()
        .execution_arn(execution_arn)
        .set_next_token(token)
        .max_results(1000)
        .customize()
        .interceptor(body.clone())
        .send()
        .await
        .map_err(|e| classify("GetExecutionHistory", e))?;
    let raw = body.0.lock().unwrap_or_else(|e| e.into_inner()).take();
    let raw: Value = raw.and_then(|b| serde_json::from_slice(&b).ok()).ok_or_else(|| {
        AwsError::Other("GetExecutionHistory: the answer's body could not be read as JSON".into())
    })?;
    let events = raw.get("events").and_then(Value::as_array).cloned().unwrap_or_default();
    let events = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            event_from_json(e).map_err(|m| AwsError::Other(format!("GetExecutionHistory: events[{i}]: {m}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let next = out.next_token().filter(|t| !t.is_empty()).map(str::to_owned);
    Ok((events, next))
}

/// Keeps the raw body of an answer (read after the SDK has loaded it whole).
#[derive(Clone, Debug, Default)]
struct RawBody(Arc<Mutex<Option<Vec<u8>>>>);

impl Intercept for RawBody {
    fn name(&self) -> &'static str {
        "asl-aws raw history body"
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        if let Some(bytes) = context.response().body().bytes() {
            *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(bytes.to_vec());
        }
        Ok(())
    }
}
