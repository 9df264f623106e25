//! Runtime errors as AWS names them: an error name (`States.Runtime`, a Lambda error
//! type, a Fail state's Error) and a cause text, exactly as AWS writes both.

use serde::Serialize;

/// An ASL runtime error: what Retry and Catch match, and what a failed execution reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{error}: {cause}")]
pub struct RuntimeError {
    /// The error name (`States.TaskFailed`, a Fail state's Error, ...).
    pub error: String,
    /// The cause, worded as AWS words it.
    pub cause: String,
}

impl RuntimeError {
    /// An error named `error` with its cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        RuntimeError { error: error.into(), cause: cause.into() }
    }

    /// `States.Runtime`: the definition cannot be processed as it stands.
    pub fn runtime(cause: impl Into<String>) -> Self {
        RuntimeError::new("States.Runtime", cause)
    }

    /// `States.IntrinsicFailure`: an intrinsic function failed.
    pub fn intrinsic(cause: impl Into<String>) -> Self {
        RuntimeError::new("States.IntrinsicFailure", cause)
    }
}
