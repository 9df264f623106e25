//! Unmocked Lambda tasks call a local Lambda through the Lambda Invoke REST API
//! (`POST /2015-03-31/functions/NAME/invocations`), as `sam local start-lambda` serves it.
//! A function error (`X-Amz-Function-Error`) fails the task with the function's
//! `errorType` and its payload as the cause, as AWS reports it.

use asl_eval::{RuntimeError, TaskFailure};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};

/// The function's name from a name, a function ARN or a partial ARN (a qualifier dropped).
pub fn function_name(reference: &str) -> String {
    let parts: Vec<&str> = reference.split(':').collect();
    match parts.as_slice() {
        ["arn", _, "lambda", _, _, "function", name, ..] => (*name).to_owned(),
        [_, "function", name, ..] => (*name).to_owned(),
        [name, ..] => (*name).to_owned(),
        [] => String::new(),
    }
}

/// `http://host:port[/base]` split into the authority and the base path.
fn split_endpoint(endpoint: &str) -> Result<(String, String), String> {
    let rest = endpoint
        .strip_prefix("http://")
        .ok_or_else(|| format!("the Lambda endpoint '{endpoint}' must be an http:// URL"))?;
    let (authority, base) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
        None => (rest, ""),
    };
    Ok((authority.to_owned(), base.to_owned()))
}

fn failure(error: &str, cause: impl Into<String>) -> TaskFailure {
    TaskFailure::Error(RuntimeError::new(error, cause.into()))
}

/// Invokes `function` with `payload`; the function's response payload, parsed as JSON when
/// it is JSON.
pub async fn invoke(endpoint: &str, function: &str, payload: &Value) -> Result<Value, TaskFailure> {
    let (authority, base) = split_endpoint(endpoint).map_err(|m| failure("Lambda.SdkClientException", m))?;
    let unreachable = |e: &dyn std::fmt::Display| {
        failure(
            "Lambda.SdkClientException",
            format!("Unable to execute HTTP request to the Lambda endpoint {endpoint}: {e}"),
        )
    };
    let stream = tokio::net::TcpStream::connect(&authority).await.map_err(|e| unreachable(&e))?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.map_err(|e| unreachable(&e))?;
    tokio::task::spawn_local(async move {
        let _ = connection.await;
    });
    let request = hyper::Request::post(format!("{base}/2015-03-31/functions/{function}/invocations"))
        .header(hyper::header::HOST, &authority)
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .header("X-Amz-Invocation-Type", "RequestResponse")
        .body(Full::new(Bytes::from(payload.to_string())))
        .map_err(|e| unreachable(&e))?;
    let response = sender.send_request(request).await.map_err(|e| unreachable(&e))?;
    let status = response.status().as_u16();
    let function_error = response.headers().get("x-amz-function-error").is_some();
    let body = response.into_body().collect().await.map_err(|e| unreachable(&e))?.to_bytes();
    let text = String::from_utf8_lossy(&body).into_owned();
    if status == 404 {
        return Err(failure(
            "Lambda.ResourceNotFoundException",
            format!("Function not found: {function} ({text})"),
        ));
    }
    if !(200..300).contains(&status) {
        return Err(failure(
            "Lambda.ServiceException",
            format!("The Lambda endpoint answered HTTP {status}: {text}"),
        ));
    }
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text.clone()));
    if function_error {
        let error = value.get("errorType").and_then(Value::as_str).unwrap_or("Lambda.Unknown").to_owned();
        return Err(failure(&error, text));
    }
    Ok(value)
}

/// The result of `arn:aws:states:::lambda:invoke`: the service response around the payload.
pub fn invoke_response(payload: Value) -> Value {
    json!({
        "ExecutedVersion": "$LATEST",
        "Payload": payload,
        "SdkHttpMetadata": {"HttpStatusCode": 200},
        "SdkResponseMetadata": {"RequestId": uuid::Uuid::new_v4().to_string()},
        "StatusCode": 200,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_names_from_any_reference() {
        assert_eq!(function_name("arn:aws:lambda:us-east-1:123456789012:function:Hello:prod"), "Hello");
        assert_eq!(function_name("123456789012:function:Hello"), "Hello");
        assert_eq!(function_name("Hello"), "Hello");
        assert_eq!(
            split_endpoint("http://127.0.0.1:3001/").unwrap(),
            ("127.0.0.1:3001".into(), String::new())
        );
        assert!(split_endpoint("https://x").is_err());
    }
}
