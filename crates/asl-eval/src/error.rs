//! Runtime errors as AWS names them: an error name (`States.Runtime`, a Lambda error
//! type, a Fail state's Error) and a cause text, exactly as AWS writes both.

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{error}: {cause}")]
pub struct RuntimeError {
    pub error: String,
    pub cause: String,
}

impl RuntimeError {
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        RuntimeError { error: error.into(), cause: cause.into() }
    }

    pub fn runtime(cause: impl Into<String>) -> Self {
        RuntimeError::new("States.Runtime", cause)
    }

    pub fn intrinsic(cause: impl Into<String>) -> Self {
        RuntimeError::new("States.IntrinsicFailure", cause)
    }
}
