//! API errors as AWS returns them: HTTP 400 (413 for an oversized body) with
//! `{"__type": "<ExceptionName>", "message": "..."}`. The SDKs read the name after any
//! `#` in `__type`, so the plain exception name is what they raise.

use serde_json::json;
use std::borrow::Cow;

/// One refused request: the exception name from the Step Functions API model and its text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {message}")]
pub struct ApiError {
    /// `StateMachineDoesNotExist`, `ValidationException`, ... (owned when another crate
    /// names it: TestState's errors).
    pub kind: Cow<'static, str>,
    /// What AWS says (same wording where we know it).
    pub message: String,
    /// 400, or 413 for a body past the size limit.
    pub status: u16,
}

impl ApiError {
    /// A 400 error of this kind.
    pub fn new(kind: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { kind: Cow::Borrowed(kind), message: message.into(), status: 400 }
    }

    /// `ValidationException` for a constraint of one member, in AWS's words.
    pub fn constraint(member: &str, value: impl std::fmt::Display, constraint: &str) -> ApiError {
        ApiError::new(
            "ValidationException",
            format!("1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}"),
        )
    }

    /// A required member that is absent.
    pub fn missing(member: &str) -> ApiError {
        ApiError::new(
            "ValidationException",
            format!("1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"),
        )
    }

    /// A member of the wrong JSON type (AWS's deserializer refuses the whole request).
    pub fn serialization(message: impl Into<String>) -> ApiError {
        ApiError::new("SerializationException", message)
    }

    /// `InvalidArn` for a text that is not an ARN of the kind expected.
    pub fn invalid_arn(arn: &str, why: &str) -> ApiError {
        ApiError::new("InvalidArn", format!("Invalid Arn: '{why}: {arn}'"))
    }

    /// The response body.
    pub fn body(&self) -> String {
        json!({"__type": self.kind, "message": self.message}).to_string()
    }
}
