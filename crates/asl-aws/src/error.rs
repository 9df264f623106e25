//! One error type for every call to Step Functions, each a one-line message a person can
//! act on: expired or wrong credentials, access denied, throttling, an unknown ARN, a
//! server that cannot be reached or that dropped the connection.

use aws_sdk_sfn::config::http::HttpResponse;
use aws_sdk_sfn::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_types::error::display::DisplayErrorContext;

/// The code of an error answer that carried none.
pub const UNKNOWN: &str = "UnknownError";

/// Why a call to Step Functions failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AwsError {
    /// No credentials, expired ones, or ones the server does not know.
    #[error("credentials: {0}")]
    Credentials(String),
    /// The credentials are good but not allowed to do this.
    #[error("access denied: {0}")]
    AccessDenied(String),
    /// The server asked us to slow down, and kept asking through the SDK's own retries.
    #[error("throttled by the server: {0}")]
    Throttled(String),
    /// The state machine, execution, version or alias does not exist.
    #[error("{code}: {message}")]
    NotFound {
        /// AWS's error code (`StateMachineDoesNotExist`, `ExecutionDoesNotExist`, ...).
        code: String,
        /// AWS's message (it names the ARN).
        message: String,
    },
    /// The server does not implement the operation (Step Functions Local, moto, ...).
    #[error("the server does not support {0}")]
    UnknownOperation(String),
    /// The endpoint could not be reached, or the connection broke before the answer.
    #[error("connection: {0}")]
    Connection(String),
    /// Any other error answered by the service (validation, conflict, ...).
    #[error("{code}: {message}")]
    Service {
        /// AWS's error code.
        code: String,
        /// AWS's message.
        message: String,
    },
    /// A problem on this side: bad arguments, unreadable answers.
    #[error("{0}")]
    Other(String),
}

impl AwsError {
    /// True when waiting and asking again may succeed (throttling, a lost connection).
    pub fn is_transient(&self) -> bool {
        matches!(self, AwsError::Throttled(_) | AwsError::Connection(_))
    }

    /// The service's error code, when the service answered one.
    pub fn code(&self) -> Option<&str> {
        match self {
            AwsError::NotFound { code, .. } | AwsError::Service { code, .. } => Some(code),
            _ => None,
        }
    }
}

const CREDENTIAL_CODES: &[&str] = &[
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "ExpiredTokenException",
    "ExpiredToken",
    "InvalidClientTokenId",
    "MissingAuthenticationToken",
    "IncompleteSignature",
];
const THROTTLING_CODES: &[&str] =
    &["ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded"];

/// Classifies an SDK error of the operation `operation` into an [`AwsError`].
pub fn classify<E>(operation: &str, error: SdkError<E, HttpResponse>) -> AwsError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match &error {
        SdkError::ServiceError(context) => {
            let err = context.err();
            let status = context.raw().status().as_u16();
            match err.code() {
                Some(code) => {
                    from_code(operation, code.to_owned(), err.message().unwrap_or("(no message)").to_owned())
                }
                // Not an AWS error answer (an HTML error page, an emulator's bare 404).
                None => AwsError::Service {
                    code: UNKNOWN.into(),
                    message: format!(
                        "{operation}: the server answered HTTP {status} with no AWS error in it"
                    ),
                },
            }
        }
        SdkError::DispatchFailure(failure) => {
            let cause = innermost(&error);
            if failure.is_timeout() {
                AwsError::Connection(format!("{operation} timed out: {cause}"))
            } else if failure.is_io() {
                AwsError::Connection(format!("{operation}: cannot reach the server: {cause}"))
            } else if mentions_credentials(&error) {
                AwsError::Credentials(no_credentials(&cause))
            } else {
                AwsError::Connection(format!("{operation}: {cause}"))
            }
        }
        SdkError::TimeoutError(_) => AwsError::Connection(format!("{operation} timed out")),
        SdkError::ResponseError(_) => AwsError::Connection(format!(
            "{operation}: the connection broke before a whole answer arrived: {}",
            innermost(&error)
        )),
        SdkError::ConstructionFailure(_) if mentions_credentials(&error) => {
            AwsError::Credentials(no_credentials(&innermost(&error)))
        }
        _ => AwsError::Other(format!("{operation}: {}", innermost(&error))),
    }
}

/// True when the error's chain is about finding credentials.
fn mentions_credentials(error: &dyn std::error::Error) -> bool {
    let text = DisplayErrorContext(error).to_string().to_lowercase();
    text.contains("credential") || text.contains("identity")
}

/// The innermost cause's own message ("Connection refused (os error 111)"): the one that
/// says what happened, where the outer ones only say where.
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut at = error;
    while let Some(next) = at.source() {
        at = next;
    }
    at.to_string().replace('\n', " ")
}

fn from_code(operation: &str, code: String, message: String) -> AwsError {
    if CREDENTIAL_CODES.contains(&code.as_str()) {
        let hint = if code.starts_with("Expired") {
            "the credentials have expired: refresh them (aws sso login, or new keys)"
        } else {
            "the server does not accept these credentials: check the profile or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in use"
        };
        return AwsError::Credentials(format!("{hint} ({code}: {message})"));
    }
    if code == "AccessDeniedException" || code == "AccessDenied" {
        return AwsError::AccessDenied(format!("{operation}: {message}"));
    }
    if THROTTLING_CODES.contains(&code.as_str()) {
        return AwsError::Throttled(format!("{operation}: {message}"));
    }
    if code.ends_with("DoesNotExist") || code == "ResourceNotFound" || code == "ResourceNotFoundException" {
        return AwsError::NotFound { code, message };
    }
    if code == "UnknownOperationException" || code == "UnknownOperation" {
        return AwsError::UnknownOperation(operation.to_owned());
    }
    AwsError::Service { code, message }
}

fn no_credentials(cause: &str) -> String {
    format!("no usable credentials found (environment, profile, SSO, instance role): {cause}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_kinds() {
        assert!(matches!(
            from_code("ListStateMachines", "UnrecognizedClientException".into(), "bad".into()),
            AwsError::Credentials(m) if m.contains("does not accept")
        ));
        assert!(matches!(
            from_code("X", "ExpiredTokenException".into(), "old".into()),
            AwsError::Credentials(m) if m.contains("expired")
        ));
        assert!(from_code("X", "ThrottlingException".into(), "slow".into()).is_transient());
        assert_eq!(
            from_code("X", "StateMachineDoesNotExist".into(), "arn".into()).code(),
            Some("StateMachineDoesNotExist")
        );
        assert_eq!(
            from_code("ValidateStateMachineDefinition", "UnknownOperationException".into(), "".into()),
            AwsError::UnknownOperation("ValidateStateMachineDefinition".into())
        );
    }
}
