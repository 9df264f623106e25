//! The HTTP side: hyper HTTP/1.1 with keep-alive, one task per connection. Every request
//! is answered — an unreadable, oversized or unknown one with AWS's error — and nothing a
//! client sends can end the server.

use crate::error::ApiError;
use crate::request::Request;
use crate::{activities, executions, machines, queries, versions, Service};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::{Method, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use std::future::Future;
use std::sync::Arc;

/// Requests larger than this are refused unread (AWS's payloads are 256 KiB at most).
pub const BODY_LIMIT: usize = 1024 * 1024;
/// How much of an oversized body is read (and dropped) before answering; past this the
/// connection is closed under the client.
const DRAIN_LIMIT: usize = 64 * 1024 * 1024;

pub async fn serve(
    listener: tokio::net::TcpListener,
    service: Arc<Service>,
    shutdown: impl Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait a little rather than spin.
            Err(_) => {
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = service.clone();
        tokio::spawn(async move {
            let handler = hyper::service::service_fn(move |req| {
                let service = service.clone();
                async move { Ok::<_, std::convert::Infallible>(answer(service, req).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), handler)
                .await;
        });
    }
}

async fn answer(service: Arc<Service>, req: hyper::Request<Incoming>) -> Response<Full<Bytes>> {
    match handle(service, req).await {
        Ok(body) => respond(200, body.to_string()),
        Err(e) => respond(e.status, e.body()),
    }
}

fn respond(status: u16, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::BAD_REQUEST);
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/x-amz-json-1.0"));
    response.headers_mut().insert("x-amzn-requestid", header(&uuid::Uuid::new_v4().to_string()));
    response
}

fn header(text: &str) -> HeaderValue {
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

async fn handle(service: Arc<Service>, req: hyper::Request<Incoming>) -> Result<Value, ApiError> {
    if req.method() != Method::POST {
        return Err(ApiError::new(
            "UnknownOperationException",
            "Only POST requests are answered (AWS JSON 1.0)",
        ));
    }
    let target =
        req.headers().get("x-amz-target").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let Some(operation) = target.strip_prefix("AWSStepFunctions.").map(str::to_owned) else {
        return Err(ApiError::new(
            "UnknownOperationException",
            format!("Missing or unknown X-Amz-Target '{target}': expected AWSStepFunctions.<Operation>"),
        ));
    };
    let too_large = || ApiError {
        kind: "RequestEntityTooLargeException".into(),
        message: format!("Request body is larger than {BODY_LIMIT} bytes"),
        status: 413,
    };
    let declared =
        req.headers().get(hyper::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let mut body = req.into_body();
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        drain(&mut body).await;
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame =
            frame.map_err(|e| ApiError::serialization(format!("cannot read the request body: {e}")))?;
        if let Some(data) = frame.data_ref() {
            if bytes.len() + data.len() > BODY_LIMIT {
                drain(&mut body).await;
                return Err(too_large());
            }
            bytes.extend_from_slice(data);
        }
    }
    let request = Request::parse(&bytes)?;
    dispatch(&service, &operation, request).await
}

/// TestState on asl-teststate's engine. It runs the engine on a runtime of its own, so it
/// goes to a blocking thread, never onto the server's runtime.
async fn test_state(service: &Service, r: Request) -> Result<Value, ApiError> {
    let options = asl_teststate::TestStateOptions {
        account: service.config.account.id.clone(),
        region: service.config.account.region.clone(),
        ..asl_teststate::TestStateOptions::default()
    };
    let request = r.into_value();
    let answer = tokio::task::spawn_blocking(move || asl_teststate::test_state(&request, &options))
        .await
        .map_err(|e| ApiError::new("ServiceException", format!("TestState stopped unexpectedly: {e}")))?;
    answer.map_err(|e| ApiError { kind: e.type_.into(), message: e.message, status: 400 })
}

/// Reads and drops the rest of an oversized body (up to [`DRAIN_LIMIT`]) so the client,
/// still sending, gets the 413 instead of a broken connection.
async fn drain(body: &mut Incoming) {
    let mut seen = 0usize;
    while let Some(Ok(frame)) = body.frame().await {
        seen += frame.data_ref().map_or(0, |d| d.len());
        if seen > DRAIN_LIMIT {
            return;
        }
    }
}

async fn dispatch(service: &Arc<Service>, operation: &str, r: Request) -> Result<Value, ApiError> {
    match operation {
        "CreateStateMachine" => machines::create(service, &r),
        "DescribeStateMachine" => machines::describe(service, &r),
        "UpdateStateMachine" => machines::update(service, &r),
        "DeleteStateMachine" => machines::delete(service, &r),
        "ListStateMachines" => machines::list(service, &r),
        "ValidateStateMachineDefinition" => machines::validate(&r),
        "TagResource" => machines::tag(service, &r),
        "UntagResource" => machines::untag(service, &r),
        "ListTagsForResource" => machines::list_tags(service, &r),
        "StartExecution" => executions::start(service, &r),
        "StartSyncExecution" => executions::start_sync(service, &r).await,
        "DescribeExecution" => queries::describe(service, &r),
        "ListExecutions" => queries::list(service, &r),
        "StopExecution" => queries::stop(service, &r),
        "GetExecutionHistory" => queries::history(service, &r),
        "DescribeStateMachineForExecution" => queries::describe_machine(service, &r),
        "SendTaskSuccess" => activities::send_success(service, &r),
        "SendTaskFailure" => activities::send_failure(service, &r),
        "SendTaskHeartbeat" => activities::send_heartbeat(service, &r),
        "CreateActivity" => activities::create_activity(service, &r),
        "DescribeActivity" => activities::describe_activity(service, &r),
        "ListActivities" => activities::list_activities(service, &r),
        "DeleteActivity" => activities::delete_activity(service, &r),
        "GetActivityTask" => activities::get_activity_task(service, &r).await,
        "TestState" => test_state(service, r).await,
        "PublishStateMachineVersion" => versions::publish_version(service, &r),
        "ListStateMachineVersions" => versions::list_versions(service, &r),
        "DeleteStateMachineVersion" => versions::delete_version(service, &r),
        "CreateStateMachineAlias" => versions::create_alias(service, &r),
        "DescribeStateMachineAlias" => versions::describe_alias(service, &r),
        "UpdateStateMachineAlias" => versions::update_alias(service, &r),
        "DeleteStateMachineAlias" => versions::delete_alias(service, &r),
        "ListStateMachineAliases" => versions::list_aliases(service, &r),
        other => Err(ApiError::new(
            "UnknownOperationException",
            format!("The operation '{other}' is not supported by asl serve"),
        )),
    }
}
